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
        "same": Level(0.3, 0.0001, "same GeoNames or OFAC id, or the same state or province"),
        "different": Level(0.0001, 0.1, "different GeoNames or OFAC ids, or states or provinces"),
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


# the weight tables by comparison, in COMPARISONS order: ``score_pair`` adds one lookup per comparison (a pair's
# score is ~9 lookups, and a 10M-mention run scores ~90M pairs)
_BY_COMPARISON = tuple({lv: level.weight for lv, level in WEIGHTS[c].items()} for c in COMPARISONS)
# only the negative weights of the context and reference comparisons (not name, not type): ``contradiction_of``
_AGAINST = tuple({lv: w for lv, w in table.items() if w < 0} for table in _BY_COMPARISON[2:])


def contradiction_of(levels: Sequence[str]) -> bool:
    """The context and reference comparisons weigh ``CONTRADICTION`` or less together."""
    against = 0.0
    for table, lv in zip(_AGAINST, levels[2:], strict=True):  # in COMPARISONS order, so the sum is the same
        w = table.get(lv)
        if w is not None:
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
    wn, wt, wr, wa, wc, wf, wp, wl, wd = _BY_COMPARISON
    ln = name_level or cmp.compare_name(a, b)
    lt = cmp.compare_type(a, b)
    lr = cmp.compare_reference(a, b)
    la = cmp.compare_acronym(a, b)
    lc = cmp.compare_comention(a, b, ctx_a, ctx_b)
    lf = cmp.compare_affiliation(a, b)
    lp = cmp.compare_place(a, b)
    ll = cmp.compare_legal(a, b)
    ld = cmp.compare_document(a, b)
    # added one by one in COMPARISONS order (float addition is not associative: the order is the score)
    score = PRIOR + wn.get(ln, 0.0)
    score += wt.get(lt, 0.0)
    score += wr.get(lr, 0.0)
    score += wa.get(la, 0.0)
    score += wc.get(lc, 0.0)
    score += wf.get(lf, 0.0)
    score += wp.get(lp, 0.0)
    score += wl.get(ll, 0.0)
    score += wd.get(ld, 0.0)
    return PairScore(a.id, b.id, (ln, lt, lr, la, lc, lf, lp, ll, ld), round(score, 3),
                     cmp.weak_name(a) or cmp.weak_name(b))
