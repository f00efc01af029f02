"""One fact from its supports: the per-report records of a relation, event or claim turned into the typed fact
(``model.facts``) that ``Analysis`` lists and ``stream`` yields (shared, so both build the same facts)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from dossier.analyze.support import Sources
from dossier.model import stable_id
from dossier.model.facts import (
    ClaimFact,
    ClaimSupport,
    EntityRef,
    EventFact,
    EventSupport,
    Evidence,
    RelationFact,
    RelationSupport,
    Role,
    Support,
)

SYMMETRIC = frozenset({"associate"})  # predicates whose subject and object can swap

S = TypeVar("S", bound=Support)
Record = dict[str, Any]
"""A per-report record as the store's readers give it (``store.facts``: references as dicts) or as ``stream``
reads it (``store.fact_records``: references already ``EntityRef``/``Role``)."""


def entity_ref(r: dict[str, Any]) -> EntityRef:
    """A reference as the store's readers give it ({"id", "name", "type"})."""
    return EntityRef(r["id"], r["name"], r["type"])


def _ref(r: dict[str, Any] | EntityRef | None) -> EntityRef | None:
    return r if isinstance(r, EntityRef) or r is None else entity_ref(r)


def _role(p: dict[str, Any] | Role) -> Role:
    return p if isinstance(p, Role) else Role(entity_ref(p["entity"]), p["role"])


def _evidence(spans: Iterable[dict[str, Any]]) -> tuple[Evidence, ...]:
    return tuple(Evidence(x["document"], x["start"], x["end"], x["text"]) for x in spans)


def _by_date(sups: Iterable[S]) -> tuple[S, ...]:
    return tuple(sorted(sups, key=lambda x: (x.published or "", x.document, x.record)))


def relation_support(sources: Sources, r: Record) -> RelationSupport:
    return RelationSupport(**sources.about(r["document"]), record=r["id"], modality=r["modality"],
                           attribution=r["attribution"], role=r["role"], evidence=_evidence(r["evidence"]))


def relation_fact(sources: Sources, a: EntityRef, pred: str, b: EntityRef,
                  sups: list[RelationSupport]) -> RelationFact:
    ordered = _by_date(sups)
    return RelationFact(id=stable_id("rel", a.id, pred, b.id), subject=a, predicate=pred, object=b,
                        roles=tuple(sorted({x.role for x in ordered if x.role})), supports=ordered,
                        **sources.corroborate(ordered))


def event_support(sources: Sources, e: Record) -> EventSupport:
    return EventSupport(
        **sources.about(e["document"]), record=e["id"], modality=e["modality"], attribution=e["attribution"],
        evidence=_evidence(e["evidence"]), type=e["type"], label=e["label"], date=e["date"],
        date_granularity=e["date_granularity"], place=_ref(e["place"]),
        participants=tuple(_role(p) for p in e["participants"]),
        trigger=e["trigger"])


def event_fact(sources: Sources, cluster: str, sups: list[EventSupport]) -> EventFact:
    ordered = _by_date(sups)
    dated = [x for x in ordered if x.date]
    order = ("day", "week", "month", "season", "quarter", "year", "decade", "century", None)
    best = Counter(x.date for x in dated)
    date_sup = min(dated, key=lambda x: (-best[x.date], order.index(x.date_granularity)
                                         if x.date_granularity in order else len(order), x.date or ""),
                   default=None)
    places = Counter(x.place.id for x in ordered if x.place)
    place = next((x.place for x in ordered if x.place and x.place.id == places.most_common(1)[0][0]),
                 None) if places else None
    roles: dict[str, Counter[str | None]] = {}
    refs: dict[str, EntityRef] = {}
    for x in ordered:
        for p in x.participants:
            refs[p.entity.id] = p.entity
            roles.setdefault(p.entity.id, Counter())[p.role] += 1
    types = Counter(x.type for x in ordered)
    main = max(ordered, key=lambda x: (len(x.participants), x.place is not None))
    return EventFact(
        id=cluster, type=types.most_common(1)[0][0], label=main.label,
        date=date_sup.date if date_sup else None,
        date_granularity=date_sup.date_granularity if date_sup else None,
        place=place,
        participants=tuple(Role(refs[k], _most_common_role(c)) for k, c in sorted(roles.items())),
        supports=ordered, **sources.corroborate(ordered),
    )


def claim_fact(sources: Sources, fact_id: str, records: Sequence[tuple[Record, tuple[Evidence, ...]]]) -> ClaimFact:
    """One claim fact from its records (``Facts.claims`` shape) with each one's evidence spans."""
    sups = _by_date(ClaimSupport(
        **sources.about(c["document"]), record=c["id"], modality=c["modality"], attribution=c["source"],
        cue=c["cue"], proposition=c["proposition"], evidence=ev) for c, ev in records)
    first = min((c for c, _ in records), key=lambda c: (c["document"], c["id"]))
    return ClaimFact(id=fact_id, source=first["source"], source_entity=_ref(first["source_entity"]),
                     proposition=first["proposition"], cue=first["cue"], supports=sups,
                     **sources.corroborate(sups, attributed=True))


# -- the filters of relations() / events() / claims() ----------------------------------------------------------


def _most_common_role(roles: Counter[str | None]) -> str | None:
    """The role most reports give (a named role before none; ties alphabetically)."""
    return min(roles.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or ""))[0]
