"""Merge what a file says about a report with a fresh reading of the report's text.

Why re-read: an export names canonical entities and carries facts, not the sentences, mentions, local entities
and time expressions that resolution and analysis work on. Extracting the text again (a pure, deterministic
function) restores all of that exactly; the file then decides the facts. A fact the file gives unchanged keeps
the re-read record (same id, same offsets), so export → import → export gives the same bytes; a fact that was
edited or added elsewhere becomes a new record (``extractor = "import"``) with the file's evidence, located in
the report text, so nothing is stored without its source. Facts of a kind the format does not carry come from
the re-reading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from dossier.importer.facts import (
    Endpoint,
    Evidence,
    ImportedClaim,
    ImportedDocument,
    ImportedEvent,
    ImportedRelation,
)
from dossier.model import (
    Claim,
    EntityType,
    Event,
    Extraction,
    LocalEntity,
    Modality,
    Participant,
    Relation,
    Span,
    stable_id,
)
from dossier.model.names import name_key
from dossier.model.vocab import DEFAULT_ROLE

EXTRACTOR = "import"
F = TypeVar("F")
R = TypeVar("R")


class BadFact(ValueError):
    """A fact that cannot be placed in its report: skipped with a message naming the field."""


class _Locator:
    """Finds the report's local entities for the file's entities: by mention offsets, else by name."""

    def __init__(self, x: Extraction) -> None:
        self.doc = x.document
        self.entities = {e.id: e for e in x.entities}
        self.by_span = {(m.start, m.end): m.entity for m in x.mentions}
        self.by_key: dict[str, list[str]] = {}
        for e in x.entities:
            for n in (e.name, *e.aliases):
                self.by_key.setdefault(name_key(n), []).append(e.id)
        for m in x.mentions:
            self.by_key.setdefault(name_key(m.text), []).append(m.entity)
        self.added: dict[str, LocalEntity] = {}

    def find(self, ep: Endpoint) -> list[str]:
        found = [self.by_span[s] for s in ep.spans if s in self.by_span]
        if found:  # exact offsets: whatever type the report gave those mentions
            return list(dict.fromkeys(found))
        for n in ep.all_names():
            found.extend(self.by_key.get(name_key(n), ()))
        typed = [f for f in found if ep.type is None or str(self._type(f)) == ep.type]
        return list(dict.fromkeys(typed + found))  # the file's type first

    def _type(self, local: str) -> EntityType:
        e = self.entities.get(local) or self.added[local]
        return e.type

    def local(self, ep: Endpoint) -> str:
        """The local entity for ``ep``, created (without mentions) when the report has none by that name."""
        found = self.find(ep)
        if found:
            return found[0]
        etype = EntityType(ep.type) if ep.type in set(EntityType) else EntityType.ORGANIZATION
        ent = LocalEntity(id=stable_id("lent", self.doc.id, EXTRACTOR, ep.name, str(etype)), document=self.doc.id,
                          type=etype, name=ep.name, aliases=tuple(sorted(set(ep.names) - {ep.name})))
        self.added[ent.id] = ent
        self.by_key.setdefault(name_key(ep.name), []).append(ent.id)
        return ent.id


def _span(text: str, doc_id: str, ev: Evidence) -> Span:
    if ev.start is not None and ev.end is not None:
        if not (0 <= ev.start <= ev.end <= len(text)) or text[ev.start:ev.end] != ev.text:
            raise BadFact(f"evidence at {ev.start}-{ev.end} does not match the report text")
        return Span(doc_id, ev.start, ev.end, ev.text)
    at = text.find(ev.text)
    if at < 0:
        raise BadFact(f"evidence {ev.text[:60]!r} not found in the report text")
    return Span(doc_id, at, at + len(ev.text), ev.text)


def _same_evidence(imported: Iterable[Evidence], spans: Iterable[Span]) -> bool:
    a = [(e.text, e.start, e.end) for e in imported]
    b = list(spans)
    return len(a) == len(b) and all(t == s.text and (st is None or (st, en) == (s.start, s.end))
                                    for (t, st, en), s in zip(a, b, strict=True))


def _modality(value: str, where: str) -> Modality:
    try:
        return Modality(value)
    except ValueError as e:
        raise BadFact(f"{where}.modality: unknown value {value!r}") from e


class Overlay:
    def __init__(self, item: ImportedDocument, x: Extraction) -> None:
        self.item, self.x = item, x
        self.text, self.doc_id = x.document.text, x.document.id
        self.loc = _Locator(x)
        self.problems: list[str] = []

    def spans(self, evidence: Iterable[Evidence]) -> tuple[Span, ...]:
        return tuple(_span(self.text, self.doc_id, ev) for ev in evidence)

    # -- relations ---------------------------------------------------------------------------------
    def relation(self, r: ImportedRelation, known: dict[str, Relation]) -> Relation:
        xr = known.get(r.record or "")
        modality = _modality(r.modality, r.where)
        if xr is not None and self._relation_matches(r, xr, modality):
            return xr
        subject, obj = self.loc.local(r.subject), self.loc.local(r.object)
        texts_only = all(ev.start is None for ev in r.evidence)
        if xr is not None and texts_only and [e.text for e in r.evidence] == [s.text for s in xr.evidence]:
            spans = xr.evidence  # the same sentences: keep the re-read offsets
        else:
            spans = self.spans(r.evidence)
        predicate = r.predicate or (xr.predicate if xr else r.fallback_predicate)
        role = r.role or None
        rid = stable_id("rel", self.doc_id, subject, predicate, obj, role or "", str(modality), r.attribution,
                        tuple((s.start, s.end) for s in spans), EXTRACTOR)
        return Relation(rid, self.doc_id, subject, predicate, obj, role, spans, r.attribution, modality, EXTRACTOR)

    def _relation_matches(self, r: ImportedRelation, xr: Relation, modality: Modality) -> bool:
        role_ok = (r.role or None) == xr.role or (xr.role is None and r.role == DEFAULT_ROLE.get(xr.predicate))
        subjects, objects = self.loc.find(r.subject), self.loc.find(r.object)
        ends_ok = xr.subject in subjects and xr.object in objects or (
            xr.predicate == "associate" and xr.subject in objects and xr.object in subjects)  # undirected
        return (ends_ok
                and (r.predicate is None or r.predicate == xr.predicate) and role_ok
                and modality == xr.modality and r.attribution == xr.attribution
                and _same_evidence(r.evidence, xr.evidence))

    # -- events ------------------------------------------------------------------------------------
    def event(self, e: ImportedEvent, known: dict[str, Event]) -> Event:
        xe = known.get(e.record or "")
        modality = _modality(e.modality, e.where)
        if xe is not None and self._event_matches(e, xe, modality):
            return xe
        spans = self.spans(e.evidence)
        if e.trigger is not None:
            trigger = _span(self.text, self.doc_id, e.trigger)
        elif xe is not None:
            trigger = xe.trigger
        else:
            first = spans[0]
            at = first.text.find(e.label)
            trigger = (Span(self.doc_id, first.start + at, first.start + at + len(e.label), e.label) if at >= 0
                       else first)
        place = self.loc.local(e.place) if e.place else None
        parts = tuple(Participant(self.loc.local(ep), role) for ep, role in e.participants)
        if not e.roles_known and xe is not None:  # keep the roles the re-reading found for the same entities
            roles = {p.entity: p.role for p in xe.participants}
            parts = tuple(Participant(p.entity, roles.get(p.entity)) for p in parts)
        granularity = e.date_granularity or _granularity(e.date)
        eid = stable_id("evt", self.doc_id, trigger.start, e.type, e.label, e.date or "", place or "",
                        tuple((p.entity, p.role or "") for p in parts), str(modality), EXTRACTOR)
        return Event(eid, self.doc_id, e.type, e.label, trigger, e.date, granularity, e.date_inferred, place, parts,
                     spans, e.attribution, modality, EXTRACTOR)

    def _event_matches(self, e: ImportedEvent, xe: Event, modality: Modality) -> bool:
        if (e.type, e.label, e.date, modality, e.attribution) != (xe.type, xe.label, xe.date, xe.modality,
                                                                    xe.attribution):
            return False
        if not _same_evidence(e.evidence, xe.evidence):
            return False
        if (e.place is None) != (xe.place is None) and e.roles_known:
            return False
        if e.place is not None and xe.place not in self.loc.find(e.place):
            return False
        mine = [p for p in xe.participants if e.roles_known or self.loc._type(p.entity) != EntityType.PLACE]
        if len(mine) != len(e.participants):
            return False
        for ep, role in e.participants:
            cands = set(self.loc.find(ep))
            if not any(p.entity in cands and (not e.roles_known or p.role == role) for p in mine):
                return False
        return True

    # -- claims ------------------------------------------------------------------------------------
    def claim(self, k: ImportedClaim, known: dict[str, Claim]) -> Claim:
        xk = known.get(k.record or "")
        modality = _modality(k.modality, k.where)
        prop = _span(self.text, self.doc_id, k.proposition)
        ev = _span(self.text, self.doc_id, k.evidence)
        src = self.loc.local(k.source_entity) if k.source_entity else None
        if xk is not None and (xk.proposition, xk.evidence, xk.source, xk.modality, xk.cue) == (
                prop, ev, k.source, modality, k.cue) and (
                (src is None) == (xk.source_entity is None)
                and (k.source_entity is None or xk.source_entity in self.loc.find(k.source_entity))):
            return xk
        cid = stable_id("clm", self.doc_id, prop.start, prop.end, k.source, str(modality), k.cue or "", EXTRACTOR)
        return Claim(cid, self.doc_id, prop, k.source, src, modality, k.cue, ev, EXTRACTOR)

    # -- all -------------------------------------------------------------------------------------
    def run(self) -> Extraction:
        x, item = self.x, self.item
        relations = self._each(item.relations, x.relations, self.relation)
        events = self._each(item.events, x.events, self.event)
        claims = self._each(item.claims, x.claims, self.claim)
        added = tuple(self.loc.added[k] for k in sorted(self.loc.added))
        return replace(x, entities=x.entities + added, relations=relations, events=events, claims=claims)

    def _each(self, imported: Sequence[F] | None, extracted: tuple[R, ...],
              build: Callable[[F, dict[str, R]], R]) -> tuple[R, ...]:
        if imported is None:
            return extracted
        known = {r.id: r for r in extracted}  # type: ignore[attr-defined]
        out: dict[str, R] = {}
        for fact in imported:
            try:
                rec = build(fact, known)
            except BadFact as e:
                self.problems.append(f"{self.item.where} {fact.where}: {e}")  # type: ignore[attr-defined]
                continue
            out.setdefault(rec.id, rec)  # type: ignore[attr-defined]
        return tuple(out.values())


def _granularity(date: str | None) -> str | None:
    if not date:
        return None
    if "/" in date:
        return "range"
    return {4: "year", 7: "month", 10: "day"}.get(len(date))


def overlay(item: ImportedDocument, x: Extraction) -> tuple[Extraction, list[str]]:
    """The extraction to store for ``item``, and one line per fact that could not be placed."""
    o = Overlay(item, x)
    return o.run(), o.problems
