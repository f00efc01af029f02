"""Read models of the analysis stage: the records the event clustering and the fact streams read
(store/analysis.py, store/streams.py), and a report's records as the fact builders take them
(``analyze/fact_builders``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from dossier.model.facts import EntityRef, Evidence, Role


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
    category: str = "other"  # CAMEO code (event_details), "other" when CAMEO has none


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


class StreamedRelation(NamedTuple):
    """A relation record of a current report, keyed by its fact (``fid``: the fact id; ``ka``/``kb``: its
    canonical ends, in fact order; ``s_ent``/``o_ent``: the ends' canonical entities, None when unlinked)."""

    id: str
    document: str
    predicate: str
    role: str | None
    attribution: str
    modality: str
    evidence: str  # JSON spans
    s_ent: str | None
    subject: str
    o_ent: str | None
    object: str
    ka: str
    kb: str
    fid: str


class StreamedEvent(NamedTuple):
    """An event record of a current report with its cluster (the event fact id)."""

    id: str
    document: str
    type: str
    label: str
    date: str | None
    date_granularity: str | None
    place: str | None
    participants: str  # JSON [{"entity", "role"}]
    trigger_text: str
    attribution: str
    modality: str
    evidence: str  # JSON spans
    cluster: str


class StreamedClaim(NamedTuple):
    """A claim record of a current report with its group (the claim fact id); ``src`` is the speaker's
    canonical entity (None when unlinked)."""

    id: str
    document: str
    source: str
    source_entity: str | None
    src: str | None
    modality: str
    cue: str | None
    prop_text: str
    ev_start: int
    ev_end: int
    ev_text: str
    grp: str


@dataclass(frozen=True, slots=True)
class ReportRelation:
    """A report's relation record as its fact's support needs it (its ends are the fact's)."""

    id: str
    document: str
    modality: str
    role: str | None
    attribution: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class ReportEvent:
    """A report's event record with its place and participants named by canonical entity."""

    id: str
    document: str
    type: str
    label: str
    date: str | None
    date_granularity: str | None
    place: EntityRef | None
    participants: tuple[Role, ...]
    trigger: str
    attribution: str
    modality: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class ReportClaim:
    """A report's claim record, its speaker named by canonical entity (None when no entity says it)."""

    id: str
    document: str
    source: str
    source_entity: EntityRef | None
    modality: str
    cue: str | None
    proposition: str
