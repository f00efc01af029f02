"""Immutable records that flow through the pipeline.

Every stage hands the next one these frozen, slotted dataclasses and nothing else: the spaCy ``Doc`` never
leaves ``extract/``, and the store only ever sees records. Ids are derived from content so that re-running a
stage on the same input yields the same ids (idempotent ingest, meaningful diffs).

Vocabulary follows FollowTheMoney where it has a word for the thing (Person, Organization, Membership,
Family, Representation, Occupancy, Associate, UnknownLink; ``role``, ``relationship``). A *claim* is an
attributed assertion made in a report; we never call it a "statement" (FtM's word for a sourced property
value) to keep the two apart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from enum import StrEnum
from operator import attrgetter
from typing import Any


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id: ``prefix`` + 16 hex chars of SHA-256 over the parts."""
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return f"{prefix}_{h.hexdigest()[:16]}"


class EntityType(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    GROUP = "group"  # nationalities, religious and political groups (spaCy NORP)


class Modality(StrEnum):
    ASSERTED = "asserted"  # the reporter states it as fact
    REPORTED = "reported"  # attributed to a source, neutral reporting verb ("said", "reports indicate")
    ALLEGED = "alleged"  # accusation or contested ("accused", "alleged", "maintained")
    DENIED = "denied"  # negated by the source ("denied", "rejected")
    SPECULATIVE = "speculative"  # hedged or future ("could", "may", "appears to")


@dataclass(frozen=True, slots=True)
class Document:
    """One version of one report, as cleaned at ingest. Offsets everywhere index into ``text``."""

    id: str
    text: str
    source: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) or None
    published_inferred: bool = False  # True when part of the date (e.g. the year) was inferred
    publisher: str | None = None
    dateline_place: str | None = None
    media_type: str = "text/plain"
    warnings: tuple[str, ...] = ()
    # Where it came from, beyond ``source`` (docs/sources.md): the URL fetched or archived, when a web archive
    # captured it (ISO 8601), the archive file, and for a PDF the page map: (page number, start offset in text).
    url: str | None = None
    captured: str | None = None
    archive: str | None = None
    pages: tuple[tuple[int, int], ...] = ()
    # Who wrote it, as the file or feed says (a PDF's Author, a feed entry's author): a person or a desk, kept
    # apart from the publisher (the outlet). Stored in ``document_authors``.
    author: str | None = None

    @staticmethod
    def make_id(text: str) -> str:
        return stable_id("doc", text)


@dataclass(frozen=True, slots=True)
class Fetch:
    """One fetch of a URL: the HTTP validators and content hash a re-fetch compares, and the document it gave."""

    url: str
    final_url: str
    etag: str | None
    last_modified: str | None
    status: int
    content_hash: str
    document: str | None
    fetched_at: str


@dataclass(frozen=True, slots=True)
class Rejection:
    """A document that could not be ingested: skipped with a reason, the batch goes on."""

    source: str
    reason: str

    def message(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Span:
    """Exact characters of a document: ``text == document.text[start:end]``."""

    document: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    document: str
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed name in a document, linked to its document-local entity by ``entity``."""

    id: str
    document: str
    start: int
    end: int
    text: str
    type: EntityType
    entity: str  # id of the LocalEntity this mention belongs to
    sentence: int
    kind: str = "name"  # name | acronym | surname | alias


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """All mentions of one entity within one document (full name, surname, acronym)."""

    id: str
    document: str
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()  # e.g. ("title", "Dr."), ("geonameid", "1168197")


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression and its normalised value (ISO 8601 with a granularity)."""

    id: str
    document: str
    start: int
    end: int
    text: str
    value: str | None  # "2025-02-05", "2025-02", "1985/1989" (ISO interval), None when not normalisable
    granularity: str | None  # day | week | month | season | year | decade | century | range | None
    inferred: bool = False
    anchor: str | None = None  # what it was resolved against: "published", "reference" (the event just
    # mentioned), or None when the text gives it absolutely


@dataclass(frozen=True, slots=True)
class Relation:
    id: str
    document: str
    subject: str  # LocalEntity id
    predicate: str  # family | membership | leadership | representation | occupancy | part_of | located_in | associate
    object: str  # LocalEntity id
    role: str | None
    evidence: tuple[Span, ...]
    attribution: str = "reporter"
    modality: Modality = Modality.ASSERTED
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Participant:
    entity: str  # LocalEntity id
    role: str | None = None


@dataclass(frozen=True, slots=True)
class EventCount:
    """A number an event reports ("killed two insurgents"), with the words it was read from."""

    kind: str  # killed | wounded | arrested
    value: int
    qualifier: str | None  # "at least" when the text gives a floor
    evidence: Span


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    document: str
    type: str  # meeting | statement | attack | arrest | operation | infiltration | ...
    label: str
    trigger: Span
    date: str | None
    date_granularity: str | None
    date_inferred: bool
    place: str | None  # LocalEntity id
    participants: tuple[Participant, ...]
    evidence: tuple[Span, ...]
    attribution: str = "reporter"
    modality: Modality = Modality.ASSERTED
    extractor: str = ""
    category: str = "other"  # CAMEO code (docs/events.md), "other" when CAMEO has none
    lemma: str = ""  # the trigger's lemma: what an ``other`` event is about
    mentions: tuple[Span, ...] = ()  # the trigger words of every mention of it in the document
    counts: tuple[EventCount, ...] = ()  # killed / wounded / arrested: one per telling that adds people

    def count(self, kind: str) -> int | None:
        """The reported number of ``kind`` (killed, wounded, arrested), or None when none is reported: the sum
        of the tellings (the extractor keeps a retelling of people already counted out of ``counts``)."""
        values = [c.value for c in self.counts if c.kind == kind]
        return sum(values) if values else None


@dataclass(frozen=True, slots=True)
class Claim:
    """An attributed proposition: who says what, and how firmly."""

    id: str
    document: str
    proposition: Span
    source: str  # "reporter", or the attributed source's words ("India", "a recent report")
    source_entity: str | None  # LocalEntity id when the source is a named entity
    modality: Modality
    cue: str | None  # the reporting verb, hedge or modal that set the modality
    evidence: Span
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document: the pure output of ``extract(document)``."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[LocalEntity, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    extractor: str = field(default="")


def _pickled_by_fields(cls: type) -> None:
    """Pickle ``cls`` as a call with its fields' values, in order (``cls(*values)``).

    A slotted dataclass pickles through ``dataclasses``' ``__getstate__``/``__setstate__``, which call
    ``fields()`` and set each slot in Python, per object; an ingest's parse workers ship every record of every
    report to the ingest process that way. The call builds the same object (the records have no
    ``__post_init__``) at half the CPU on both sides (100 reports' extractions: dump 0.065 → 0.025 s, load
    0.088 → 0.046 s; docs/scale.md, session 17). Tested: a round trip gives equal records.
    """
    names = [f.name for f in fields(cls)]
    values: Callable[[Any], Any] = attrgetter(*names)
    one = len(names) == 1  # attrgetter of one name gives the value, not a tuple

    def reduce(self: object) -> tuple[type, tuple[Any, ...]]:
        return cls, (values(self),) if one else values(self)

    cls.__reduce__ = reduce  # type: ignore[assignment,method-assign]

PICKLED_BY_FIELDS = (Document, Fetch, Rejection, Span, Sentence, Mention, LocalEntity, TimeExpression, Relation,
                     Participant, EventCount, Event, Claim, Extraction)
for _record in PICKLED_BY_FIELDS:
    _pickled_by_fields(_record)
