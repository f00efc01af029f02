"""The aggregated facts: what ``dossier.analyze`` builds and every export, the web API, the digest and the CLI read.

A fact is one relation, event or claim told by one or more reports, with its *supports* (the per-report records
with their document, outlet, modality and evidence) and its corroboration (documents, independent sources, grade;
docs/corroboration.md). The three kinds differ in shape (a relation joins two entities, an event has a date, a
place and participants, a claim a speaker and a proposition), so each has its own frozen type; what they share
(the grade, the document fields of a support) is a common base, so ``f.independent_sources`` or
``s.published`` reads the same on every kind and a mistyped field is a type error, not a ``KeyError``.

Their JSON object (docs/export-json.md, "facts"; the web API and ``--json`` listings) is written by
``fact_json`` alone, key by key in the order the API has always used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A canonical entity as a fact names it (``?`` name and type for a local entity not resolved)."""

    id: str
    name: str
    type: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of a report's stored text; ``page`` only where the report is a PDF and a reader asked for it."""

    document: str
    start: int
    end: int
    text: str
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """An entity taking part in an event, with the role the report gives it (if any)."""

    entity: EntityRef
    role: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Support:
    """One report's record behind a fact: the document as the analysis knows it (``origin``: its syndication
    group) and the record's own modality, attribution and evidence."""

    document: str
    source: str | None
    title: str | None
    published: str | None
    publisher: str | None
    origin: str
    record: str
    modality: str
    attribution: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class RelationSupport(Support):
    role: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventSupport(Support):
    type: str
    label: str
    date: str | None
    date_granularity: str | None
    place: EntityRef | None
    participants: tuple[Role, ...]
    trigger: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimSupport(Support):
    cue: str | None
    proposition: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Graded:
    """What every fact has: its id and corroboration (``analyze.support.Sources.corroborate``), and the fields
    the analyst corrected (``corrected``, empty when none; docs/web.md, Corrections)."""

    id: str
    modality: str
    documents: int
    independent_sources: int
    grade: str
    confidence: int | None
    grade_reason: str
    first_seen: str | None
    last_seen: str | None
    corrected: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RelationFact(Graded):
    """One (canonical subject, predicate, canonical object); ``roles``: every role a report names, sorted."""

    subject: EntityRef
    predicate: str
    object: EntityRef
    roles: tuple[str, ...]
    supports: tuple[RelationSupport, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFact(Graded):
    """One real-world event (a cluster of event records): its type, label, date and place as most reports give
    them, and every participant with its most common role."""

    type: str
    label: str
    date: str | None
    date_granularity: str | None
    place: EntityRef | None
    participants: tuple[Role, ...]
    supports: tuple[EventSupport, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimFact(Graded):
    """One proposition attributed to one source (``source_entity`` when the source was resolved)."""

    source: str
    source_entity: EntityRef | None
    proposition: str
    cue: str | None
    supports: tuple[ClaimSupport, ...]


Fact = RelationFact | EventFact | ClaimFact
"""Any aggregated fact."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureSupport(Support):
    """A report's casualty figure in one event (``figure``: the words of the number), with its sentence."""

    figure: Evidence


@dataclass(frozen=True, slots=True)
class DisputedValue:
    """One side of a discrepancy: the value (a role, date, place, participant list or figure) and the supports
    that give it."""

    value: str
    supports: tuple[Support, ...]


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Where independent sources disagree about one fact (docs/corroboration.md, "Discrepancies"): ``kind`` is
    role, date, place, participants or casualties; ``about`` says what in words; every value with its supports."""

    id: str
    kind: str
    fact: str
    about: str
    entities: tuple[str, ...]
    values: tuple[DisputedValue, ...]


def fact_entities(f: Fact) -> list[EntityRef]:
    """The entities a fact names, in its order: subject and object; participants then place; the source."""
    if isinstance(f, RelationFact):
        return [f.subject, f.object]
    if isinstance(f, EventFact):
        return [p.entity for p in f.participants] + ([f.place] if f.place else [])
    return [f.source_entity] if f.source_entity else []


# -- JSON ----------------------------------------------------------------------------------------------------


def ref_json(r: EntityRef | None) -> dict[str, Any] | None:
    return {"id": r.id, "name": r.name, "type": r.type} if r else None


def evidence_json(e: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {"document": e.document, "start": e.start, "end": e.end, "text": e.text}
    if e.page is not None:
        out["page"] = e.page
    return out


def _roles_json(roles: tuple[Role, ...]) -> list[dict[str, Any]]:
    return [{"entity": ref_json(p.entity), "role": p.role} for p in roles]


def support_json(s: Support) -> dict[str, Any]:
    """A support's JSON object (the document fields, then the record's)."""
    out: dict[str, Any] = {"document": s.document, "source": s.source, "title": s.title, "published": s.published,
                           "publisher": s.publisher, "origin": s.origin, "record": s.record,
                           "modality": s.modality, "attribution": s.attribution}
    evidence = [evidence_json(e) for e in s.evidence]
    if isinstance(s, RelationSupport):
        out.update(role=s.role, evidence=evidence)
    elif isinstance(s, EventSupport):
        out.update(evidence=evidence, type=s.type, label=s.label, date=s.date, date_granularity=s.date_granularity,
                   place=ref_json(s.place), participants=_roles_json(s.participants), trigger=s.trigger)
    elif isinstance(s, ClaimSupport):
        out.update(cue=s.cue, proposition=s.proposition, evidence=evidence)
    elif isinstance(s, FigureSupport):
        out.update(evidence=evidence, figure=evidence_json(s.figure))
    else:
        out["evidence"] = evidence
    return out


def fact_json(f: Fact, *, max_supports: int | None = None) -> dict[str, Any]:
    """A fact's JSON object (docs/export-json.md, "facts"): what ``--json`` prints and the web API answers
    (``max_supports``: only the first so many supports listed)."""
    out: dict[str, Any] = {"id": f.id}
    if isinstance(f, RelationFact):
        out.update(subject=ref_json(f.subject), predicate=f.predicate, object=ref_json(f.object),
                   roles=list(f.roles))
    elif isinstance(f, EventFact):
        out.update(type=f.type, label=f.label, date=f.date, date_granularity=f.date_granularity,
                   place=ref_json(f.place), participants=_roles_json(f.participants))
    else:
        out.update(source=f.source, source_entity=ref_json(f.source_entity), proposition=f.proposition, cue=f.cue)
    out.update(supports=[support_json(s) for s in f.supports[:max_supports]], modality=f.modality,
               documents=f.documents, independent_sources=f.independent_sources, grade=f.grade,
               confidence=f.confidence, grade_reason=f.grade_reason, first_seen=f.first_seen, last_seen=f.last_seen)
    if f.corrected:
        out["corrected"] = list(f.corrected)
    return out


def discrepancy_json(d: Discrepancy) -> dict[str, Any]:
    """A discrepancy's JSON object (``dossier discrepancies --json``, the web API); a role's supports name the
    role they give as ``value``."""
    def sup(s: Support, value: str) -> dict[str, Any]:
        return {**support_json(s), "value": value} if d.kind == "role" else support_json(s)

    return {"id": d.id, "kind": d.kind, "fact": d.fact, "about": d.about, "entities": list(d.entities),
            "values": [{"value": v.value, "supports": [sup(s, v.value) for s in v.supports]} for v in d.values]}
