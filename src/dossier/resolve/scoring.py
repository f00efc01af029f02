"""Fellegi–Sunter scoring: each comparison's level adds ``log2(m / u)`` to a prior log-odds.

``m`` is the probability of seeing that level when the two local entities are the same entity, ``u`` when they are
not (among pairs that blocking put side by side). The weights are set by hand from the reasoning written next to
each level and checked on the synthetic benchmark and the examples gold (docs/resolution.md); they are constants,
not estimated from the store, so a pair's score depends only on the two documents involved.

score = PRIOR + Σ weight(level)       match probability = 2^score / (1 + 2^score)
A pair is accepted when ``score >= THRESHOLD`` and the names do not disagree (``name = mismatch`` is a veto).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from dossier.resolve import compare as cmp
from dossier.resolve.profile import Profile

RESOLVER_VERSION = "fs-3"


@dataclass(frozen=True, slots=True)
class Level:
    m: float
    u: float
    why: str

    @property
    def weight(self) -> float:
        return float(round(math.log2(self.m / self.u), 3))


# comparison → level → (m, u, reasoning). A level missing from a table ("n/a") weighs 0.
WEIGHTS: dict[str, dict[str, Level]] = {
    "name": {
        "exact": Level(0.55, 0.01, "same full name; different people rarely share a whole name"),
        "translit": Level(0.25, 0.006, "same name up to romanisation (Mohammed/Muhammad)"),
        "fuzzy": Level(0.06, 0.012, "close spelling; also typos of different names"),
        "subset": Level(0.08, 0.02, "a middle or last name dropped; also relatives and namesakes"),
        "partial": Level(0.05, 0.02, "one token of the other's name (surname, short name)"),
        "single": Level(0.05, 0.01, "two surnames only"),
        "acronym": Level(1.0, 1.0, "only an acronym: the acronym comparison decides"),
        "mismatch": Level(0.0002, 0.9, "the names disagree: a veto"),
    },
    "type": {
        "same": Level(0.9, 0.6, "same entity type"),
        "confusable": Level(0.09, 0.3, "person vs organisation: the extractor confuses them"),
        "incompatible": Level(0.01, 0.1, "place or group vs something else"),
    },
    "reference": {
        "same": Level(0.3, 0.0001, "same GeoNames or OFAC id"),
        "different": Level(0.0001, 0.1, "different GeoNames or OFAC ids"),
    },
    "acronym": {
        "shared": Level(0.3, 0.01, "the same acronym given in both reports"),
        "initials": Level(0.1, 0.005, "an acronym that spells the other's initials"),
        "different": Level(0.02, 0.1, "both reports give an acronym, and they differ"),
    },
    "comention": {
        "strong": Level(0.45, 0.06, "two or more other people/organisations named in both reports"),
        "some": Level(0.25, 0.15, "one other person/organisation named in both reports"),
        "none": Level(0.25, 0.85, "both reports name several others, none in common"),
    },
    "affiliation": {
        "shared": Level(0.5, 0.02, "related to the same organisation or person in both reports"),
        "shared-role": Level(0.2, 0.08, "the same role (spokesperson, chairman) but no common organisation"),
        "conflict": Level(0.2, 0.85, "related to others in both reports, none in common"),
    },
    "place": {
        "shared-place": Level(0.35, 0.1, "a town or city named with it in both reports"),
        "same-country": Level(0.5, 0.35, "only the same country"),
        "different-country": Level(0.2, 0.45, "named with places in different countries"),
    },
    "legal": {
        "same": Level(0.5, 0.3, "the same legal form (Ltd, FZE) in both names"),
        "different": Level(0.05, 0.3, "different legal forms: LLC here, S.A. there"),
    },
    "document": {
        "same": Level(0.02, 0.1, "in the same report, where the extractor kept them apart"),
    },
}

PRIOR_PROBABILITY = 0.1  # of a blocked pair being a match
PRIOR = round(math.log2(PRIOR_PROBABILITY / (1 - PRIOR_PROBABILITY)), 3)
THRESHOLD = 0.0  # log2 odds: accept at a match probability of 0.5 or more
CONTRADICTION = -2.5  # negative context evidence at or below which a rejected pair keeps clusters apart


_WEIGHT = {(c, lv): level.weight for c, table in WEIGHTS.items() for lv, level in table.items()}


def weight(comparison: str, level: str) -> float:
    return _WEIGHT.get((comparison, level), 0.0)


def probability(score: float) -> float:
    return 1.0 / (1.0 + math.pow(2.0, -score))


COMPARISONS = ("name", "type", "reference", "acronym", "comention", "affiliation", "place", "legal", "document")


@dataclass(frozen=True, slots=True)
class Feature:
    comparison: str
    level: str
    weight: float


@dataclass(frozen=True, slots=True)
class PairScore:
    a: str
    b: str
    levels: tuple[str, ...]  # one level per comparison, in COMPARISONS order
    score: float
    weak: bool  # one side has a weak name (one token or an acronym): accepted only when unambiguous

    @property
    def features(self) -> tuple[Feature, ...]:
        return tuple(Feature(c, lv, weight(c, lv)) for c, lv in zip(COMPARISONS, self.levels, strict=True))

    @property
    def name_level(self) -> str:
        return self.levels[0]

    @property
    def accepted(self) -> bool:
        return self.score >= THRESHOLD and self.levels[0] != "mismatch"

    @property
    def contradicted(self) -> bool:
        """Not a match, and the reports contradict each other (an organisation, a country, a legal form …):
        evidence that these are namesakes. Such a pair keeps the two clusters apart (``cluster``)."""
        return not self.accepted and contradiction_of(self.levels)

    @property
    def probability(self) -> float:
        return probability(self.score)

    def stored_levels(self) -> str:
        """The levels as stored with the pair: comma-separated, in COMPARISONS order (the weights follow from
        the table, which cannot change under a stored resolution: see ``engine.SIGNATURE``)."""
        return ",".join(self.levels)


def levels_of(stored: str) -> tuple[str, ...]:
    return tuple(stored.split(","))


def contradiction_of(levels: Sequence[str]) -> bool:
    """The context and reference comparisons weigh ``CONTRADICTION`` or less together."""
    against = 0.0
    for c, lv in zip(COMPARISONS[2:], levels[2:], strict=True):  # not name, not type
        w = _WEIGHT.get((c, lv), 0.0)
        if w < 0:
            against += w
    return against <= CONTRADICTION


def name_gate(a: Profile, b: Profile) -> str | None:
    """The name level when the pair is worth scoring, else None (the names disagree and no acronym or reference
    id joins them, so no context could make it a match)."""
    level = cmp.compare_name(a, b)
    if level != "mismatch":
        return level
    if cmp.compare_reference(a, b) == "same" or cmp.compare_acronym(a, b) in ("shared", "initials"):
        return level
    return None


def score_pair(a: Profile, b: Profile, ctx_a: cmp.DocContext, ctx_b: cmp.DocContext,
               name_level: str | None = None) -> PairScore:
    """Score two profiles (``a.id < b.id`` is not required: every comparison is symmetric)."""
    if a.id > b.id:
        a, b, ctx_a, ctx_b = b, a, ctx_b, ctx_a
    levels = (
        name_level or cmp.compare_name(a, b),
        cmp.compare_type(a, b),
        cmp.compare_reference(a, b),
        cmp.compare_acronym(a, b),
        cmp.compare_comention(a, b, ctx_a, ctx_b),
        cmp.compare_affiliation(a, b),
        cmp.compare_place(a, b),
        cmp.compare_legal(a, b),
        cmp.compare_document(a, b),
    )
    score = PRIOR
    get = _WEIGHT.get
    for c, lv in zip(COMPARISONS, levels, strict=True):
        score += get((c, lv), 0.0)
    return PairScore(a.id, b.id, levels, round(score, 3), cmp.weak_name(a) or cmp.weak_name(b))
