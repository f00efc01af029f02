"""What per-document extractors (relations, events, claims) see of a parsed chunk.

The spaCy ``Doc`` stays inside ``extract/``: extractors get this context and return *candidates* expressed in
token indices and local-entity ids; ``pipeline.to_extraction`` turns candidates into records with global
character offsets, evidence spans and attribution. That keeps each extractor a small pure function and the
offset bookkeeping in one place.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from dossier.model import Document, EntityType, Modality

if TYPE_CHECKING:
    from dossier.extract.events.counts import CountCandidate


@dataclass(slots=True)
class DocContext:
    document: Document
    doc: Doc  # one chunk of the document
    offset: int  # character offset of the chunk in document.text
    entity_of_ent: dict[int, str]  # start token index of a doc.ents span → LocalEntity id
    entity_type: dict[str, EntityType]  # LocalEntity id → type
    entity_name: dict[str, str]  # LocalEntity id → canonical name
    published: datetime.date | None = None
    # place LocalEntity id → (its province's name key, whether it is that province): nested places agree
    place_admin1: dict[str, tuple[str, bool]] = field(default_factory=dict)

    def places_nest(self, a: str, b: str) -> bool:
        """One of two places is the province the other lies in ("Zabul" and "Tarnek wa Jaldak district, Zabul
        province"): a telling at either is not at a conflicting place."""
        pa, pb = self.place_admin1.get(a), self.place_admin1.get(b)
        return pa is not None and pb is not None and pa[0] == pb[0] and (pa[1] or pb[1])

    def entity_at(self, token_index: int) -> str | None:
        """The local entity whose mention covers this token, if any."""
        tok = self.doc[token_index]
        if tok.ent_iob_ == "O":
            return None
        start = token_index
        while start > 0 and self.doc[start].ent_iob_ == "I":
            start -= 1
        return self.entity_of_ent.get(start)



@dataclass(frozen=True, slots=True)
class RelationCandidate:
    subject: str  # LocalEntity id
    predicate: str
    object: str  # LocalEntity id
    role: str | None
    anchor: int  # token index whose clause decides attribution and modality (usually the role noun or verb)
    sentence_start: int  # token index of the sentence start (evidence = that sentence)
    pattern: str  # which construction found it, for `why`-style explanations
    negated: bool = False
    also: tuple[int, ...] = ()  # token indices in further sentences that the evidence needs (a two-step tie)


@dataclass(frozen=True, slots=True)
class EventCandidate:
    type: str
    trigger: tuple[int, int]  # token range
    label: str
    date: str | None
    date_granularity: str | None
    date_inferred: bool
    place: str | None  # LocalEntity id
    participants: tuple[tuple[str, str | None], ...]  # (LocalEntity id, role)
    sentences: tuple[int, ...]  # token index of the start of each sentence that describes it
    pattern: str
    category: str = "other"  # CAMEO code (events.taxonomy)
    lemma: str = ""
    mentions: tuple[tuple[int, int], ...] = ()  # token ranges of every trigger word merged into it
    counts: tuple[CountCandidate, ...] = ()


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str  # "reporter" or the source's words
    source_entity: str | None
    modality: Modality
    cue: str | None
    cue_token: int | None = None


@dataclass(frozen=True, slots=True)
class ClaimCandidate:
    proposition: tuple[int, int]  # token range of the attributed proposition
    attribution: Attribution
    sentence_start: int  # token index of the sentence start
