"""The modality cue lexicon: which lemmas make a clause attributed or hedged (data in ``data/modality_cues.tsv``).

The lexicon is data, not code, so that a cue can be added or reclassified without touching the rules in
``attribution``; the file's header documents every column and docs/claims.md lists the cues by modality.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from dossier.model import Modality

FRAMES = frozenset({"clause", "object", "claim", "as", "at"})
PASSIVES = frozenset({"unnamed", "hedge", "-"})
KINDS = frozenset({"verb", "noun", "modal", "adj", "adv", "raising", "amod", "source"})


@dataclass(frozen=True, slots=True)
class VerbCue:
    """A reporting or belief verb: its modality, what complement it needs, and what its passive means."""

    modality: Modality
    frame: str  # clause | object | claim | as | at
    passive: str  # unnamed | hedge | -


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, VerbCue]
    nouns: dict[str, Modality]  # claim nouns ("claims by X that ...", "rejected the allegations")
    modals: dict[str, Modality]
    adjectives: dict[str, Modality]  # "is likely to", "were likely", "is due to"
    adverbs: dict[str, Modality]  # "reportedly", "allegedly", "probably"
    raising: dict[str, Modality]  # "appears to", "seems to"
    attributive: dict[str, Modality]  # "the alleged ringleader": a hedge on one noun phrase (word, not lemma)
    source_nouns: frozenset[str]  # "the report" → an earlier, fuller mention


def parse(text: str) -> Lexicon:
    """Parse the TSV format described in the data file's header; raises ``ValueError`` naming a bad line."""
    verbs: dict[str, VerbCue] = {}
    tables: dict[str, dict[str, Modality]] = {k: {} for k in ("noun", "modal", "adj", "adv", "raising", "amod")}
    sources: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        try:
            lemma, kind, modality = cols[0].strip().lower(), cols[1].strip(), Modality(cols[2].strip())
            if kind not in KINDS:
                raise ValueError(f"unknown kind {kind!r}")
            if kind == "verb":
                frame = cols[3].strip()
                passive = cols[4].strip() if len(cols) > 4 and cols[4].strip() else "-"
                if frame not in FRAMES or passive not in PASSIVES:
                    raise ValueError(f"bad frame {frame!r} or passive {passive!r}")
                verbs[lemma] = VerbCue(modality, frame, passive)
            elif kind == "source":
                sources.add(lemma)
            else:
                tables[kind][lemma] = modality
        except (IndexError, ValueError) as e:
            raise ValueError(f"modality_cues.tsv line {number}: {e} (expected lemma, kind, modality[, frame"
                             f"[, passive]] separated by tabs)") from e
    return Lexicon(
        verbs=verbs, nouns=tables["noun"], modals=tables["modal"], adjectives=tables["adj"],
        adverbs=tables["adv"], raising=tables["raising"], attributive=tables["amod"],
        source_nouns=frozenset(sources),
    )


@cache
def lexicon() -> Lexicon:
    """The packaged lexicon, parsed once per process."""
    return parse(resources.files("dossier.data").joinpath("modality_cues.tsv").read_text(encoding="utf-8"))
