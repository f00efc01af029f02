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

from spacy.tokens import Doc, Span

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
    # read from ``doc`` once, on first use (see ``text``, ``ents``, ``sentence``): the parse is final by now
    _text: str | None = field(default=None, init=False, repr=False, compare=False)
    _ents: tuple[Span, ...] | None = field(default=None, init=False, repr=False, compare=False)
    _sents: list[Span] = field(default_factory=list, init=False, repr=False, compare=False)
    _sent_of: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _sent_chars: dict[int, tuple[int, int]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        """``doc.text``, joined once: spaCy joins every token's text on each read of ``Doc.text``."""
        if self._text is None:
            self._text = self.doc.text
        return self._text

    @property
    def ents(self) -> tuple[Span, ...]:
        """``doc.ents``, built once: spaCy makes a new ``Span`` per entity on each read of ``Doc.ents``."""
        ents = self._ents
        if ents is None:
            ents = self._ents = tuple(self.doc.ents)
        return ents

    def sentence(self, token_index: int) -> Span:
        """``doc[token_index].sent``, from a table made once per chunk: each ``Token.sent`` walks the tokens
        to both ends of its sentence."""
        if not self._sent_of:
            for k, sent in enumerate(self.doc.sents):
                self._sents.append(sent)
                self._sent_of.extend([k] * (sent.end - sent.start))
        return self._sents[self._sent_of[token_index]]

    def sentence_chars(self, token_index: int) -> tuple[int, int]:
        """The chunk's character range of the sentence around a token, without the line breaks or spaces that
        may trail it (``sent.start_char``, ``sent.start_char + len(sent.text.rstrip())``)."""
        sent = self.sentence(token_index)
        found = self._sent_chars.get(sent.start)
        if found is None:
            start = sent.start_char
            found = (start, start + len(self.text[start:sent.end_char].rstrip()))
            self._sent_chars[sent.start] = found
        return found

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
