"""Read models: what the store hands to the stages that read it (export, serve, screen, digest, CLI).

The writers take the records of ``model.records``; the readers give back these frozen dataclasses (or those same
records, for a report's relations and claims), so no reader outside ``store/`` sees an SQL row. The aggregated,
cross-report facts (a relation, event or claim with its supports and grade, docs/corroboration.md) are declared in
``model.facts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dossier.model.records import Event


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A stored report's metadata (one version). ``text`` only when asked for; ``head`` is the first 400
    characters of the text when the report has no title (what it is shown by), else None."""

    id: str
    source: str
    title: str | None
    published: str | None
    published_inferred: bool
    publisher: str | None
    dateline_place: str | None
    media_type: str
    version: int
    previous: str | None
    is_current: bool
    ingested_at: str | None
    head: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentOrigin:
    """Where a report came from (docs/sources.md): URL, capture date, web archive, PDF page starts."""

    url: str | None
    captured: str | None
    archive: str | None
    pages: tuple[tuple[int, int], ...]

    def as_json(self) -> dict[str, Any]:
        return {"url": self.url, "captured": self.captured, "archive": self.archive,
                "pages": [list(p) for p in self.pages]}


@dataclass(frozen=True, slots=True)
class EventRecord:
    """A report's event record; ``detailed`` is False for events stored before their details were kept (v5),
    whose ``category``/``lemma``/``mentions``/``counts`` are then the record defaults and must not be shown."""

    event: Event
    detailed: bool


@dataclass(frozen=True, slots=True)
class MentionView:
    """A mention with its sentence. ``entity`` is the canonical entity id or the local one, as the reader says;
    ``source``/``title`` and ``sentence_text`` are filled by the readers that join them."""

    entity: str
    document: str
    start: int
    end: int
    text: str
    sentence_start: int | None
    sentence_end: int | None
    sentence_text: str | None = None
    source: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class SourceRating:
    """The analyst's Admiralty letter for a publisher (keyed by ``publisher_key``), with the name as typed."""

    publisher: str
    label: str | None
    reliability: str
    note: str | None
    at: str | None
