"""What an imported file says about one report, in the file's own terms (names, texts, optional offsets).

The readers (``importer.json``, ``importer.ftm``) turn a file into ``ImportedDocument``s; ``overlay`` turns
each into an ``Extraction``. Entities are named by what the file knows of them (canonical name, aliases, and
mention offsets where the format has them), never by a store id, so a file from another store can be merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.model import Document


@dataclass(frozen=True, slots=True)
class Endpoint:
    """An entity as the file names it, to be found again in the report."""

    name: str
    type: str | None = None
    names: tuple[str, ...] = ()  # name and aliases
    spans: tuple[tuple[int, int], ...] = ()  # mention offsets in this report, when the format keeps them

    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.names)


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    start: int | None = None  # offsets into the report text, when the format keeps them
    end: int | None = None


@dataclass(frozen=True, slots=True)
class ImportedRelation:
    where: str  # how to name it in a message ("relations[3]", "line 41")
    record: str | None
    subject: Endpoint
    predicate: str | None  # None when the format cannot tell (then the matched record's, or `associate`)
    object: Endpoint
    role: str | None
    modality: str
    attribution: str
    evidence: tuple[Evidence, ...]
    fallback_predicate: str = "associate"  # for a new record when ``predicate`` is None


@dataclass(frozen=True, slots=True)
class ImportedEvent:
    where: str
    record: str | None
    type: str
    label: str
    date: str | None
    place: Endpoint | None
    participants: tuple[tuple[Endpoint, str | None], ...]
    modality: str
    attribution: str
    evidence: tuple[Evidence, ...]
    trigger: Evidence | None = None
    date_granularity: str | None = None
    date_inferred: bool = False
    roles_known: bool = True  # FtM's `involved` has no roles


@dataclass(frozen=True, slots=True)
class ImportedClaim:
    where: str
    record: str | None
    proposition: Evidence
    source: str
    source_entity: Endpoint | None
    modality: str
    cue: str | None
    evidence: Evidence


@dataclass(slots=True)
class ImportedDocument:
    """One report and the facts the file gives for it. ``None`` for a kind the format does not carry: those
    facts are then taken from re-reading the text."""

    where: str
    document: Document
    relations: list[ImportedRelation] | None = field(default_factory=list)
    events: list[ImportedEvent] | None = field(default_factory=list)
    claims: list[ImportedClaim] | None = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # any problem here rejects the report whole


@dataclass(slots=True)
class ReadResult:
    documents: list[ImportedDocument] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line each, naming the file and the field
