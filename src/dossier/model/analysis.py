"""Read models of the analysis stage: the records the event clustering and the fact streams read
(store/analysis.py, store/streams.py)."""

from __future__ import annotations

from typing import Any, NamedTuple


class StoredEvent(NamedTuple):
    """An event record of a current report, as the event clustering reads it."""

    id: str
    document: str
    type: str
    label: str
    trigger_start: int
    trigger_end: int
    trigger_text: str
    date: str | None
    date_granularity: str | None
    place: str | None  # local entity id
    participants: list[dict[str, Any]]  # [{"entity": local entity id, "role": ...}]
    evidence: list[dict[str, Any]]  # spans: document, start, end, text
    published: str | None


class CurrentClaim(NamedTuple):
    """A claim record of a current report with its speaker's canonical entity (``src``, else the local one)."""

    id: str
    document: str
    source: str
    src: str | None
    proposition: str


class DocumentRow(NamedTuple):
    """A current report as the facts' supports name it."""

    id: str
    source: str
    title: str | None
    published: str | None
    publisher: str | None
