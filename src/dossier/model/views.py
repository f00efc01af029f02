"""Read models: what the store hands to the stages that read it (export, serve, screen, digest, CLI).

The writers take the records of ``model.records``; the readers give back these frozen dataclasses (or those same
records, for a report's relations and claims), so no reader outside ``store/`` sees an SQL row. The aggregated,
cross-report facts (a relation, event or claim with its supports and grade, docs/corroboration.md) are declared in
``model.facts``. Where a flat export writes one as an object, ``document_json``, ``entity_json`` and
``mention_json`` are the one writer of each (their keys in the order the exports always used).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dossier.model.records import Event


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A stored report's metadata (one version). ``text`` only when asked for; ``head`` is the first 400
    characters of the text when the report has no title (what it is shown by), else None; ``author`` only from
    the readers that join it (an export's ``Selection``), and only where the file or feed names one."""

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
    author: str | None = None


def document_json(d: StoredDocument) -> dict[str, Any]:
    """A report as every export writes it (docs/export-json.md, "documents"): ``author`` only where known, so
    the exports of reports without one stay as they were."""
    return {"id": d.id, "source": d.source, "title": d.title, "published": d.published,
            "published_inferred": d.published_inferred, "publisher": d.publisher,
            "dateline_place": d.dateline_place, "media_type": d.media_type, "version": d.version,
            "previous_version": d.previous, **({"author": d.author} if d.author is not None else {})}


@dataclass(frozen=True, slots=True)
class EntityRow:
    """A canonical entity as resolved (or as the analyst corrected it): ``local_ids`` are the per-report
    entities it gathers. ``attributes`` are (key, value) pairs, one per key, in key order."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    attributes: tuple[tuple[str, str], ...]
    n_mentions: int
    n_documents: int
    local_ids: tuple[str, ...]


def entity_json(e: EntityRow) -> dict[str, Any]:
    """An entity as the flat exports write it (the entities table, docs/formats/tables.md)."""
    return {"id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases),
            "attributes": dict(e.attributes), "n_documents": e.n_documents}


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


def mention_json(m: MentionView) -> dict[str, Any]:
    """A mention as the flat exports write it: entity, document, offsets, text and its sentence's offsets."""
    return {"entity": m.entity, "document": m.document, "start": m.start, "end": m.end, "text": m.text,
            "sentence_start": m.sentence_start, "sentence_end": m.sentence_end}


@dataclass(frozen=True, slots=True)
class SourceRating:
    """The analyst's Admiralty letter for a publisher (keyed by ``publisher_key``), with the name as typed."""

    publisher: str
    label: str | None
    reliability: str
    note: str | None
    at: str | None
