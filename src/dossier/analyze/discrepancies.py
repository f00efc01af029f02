"""Where independent sources disagree: roles, dates, places, participant lists and casualty figures.

Each discrepancy names the fact it is about and lists every value with the supports (document, outlet,
evidence sentence) that give it, so both sides can be read. What counts as a disagreement (docs/corroboration.md):

- **role**: two independent sources tie the same two entities (membership, leadership, representation,
  occupancy, family) with *disjoint* sets of roles — "spokesperson" in one, "representative" in the other. A
  source that gives both roles while another gives one is not a conflict, nor is a role and a more precise
  form of it ("manager" / "general manager").
- **date**: the reports of one event give dates that cannot both be true (disjoint intervals).
- **place**: the reports of one event name different places, neither inside the other (by the located-in
  relations the reports themselves state).
- **participants**: two independent sources each name people or organisations taking part in one event and
  the lists differ.
- **casualties**: reports of one attack or operation give different figures for the dead (or the injured):
  two *different reports* each give a figure the other does not (one report's running count is not a dispute).

Every kind compares only what is one fact: the records of one event cluster (``event_groups``, joined only with
positive evidence) or the ties of one entity pair. A refinement is never a disagreement: "representative" and
"spokesperson", "leader" and "chief", "member" and "commander" name compatible roles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from dossier.analyze import origins
from dossier.analyze.casualties import find_figures
from dossier.model import stable_id
from dossier.model.dates import bounds
from dossier.model.facts import (
    Discrepancy,
    DisputedValue,
    EventFact,
    EventSupport,
    Evidence,
    FigureSupport,
    RelationFact,
    RelationSupport,
    Support,
)
from dossier.model.vocab import Predicate
from dossier.store.fact_records import fact_records

if TYPE_CHECKING:
    from dossier.analyze.analysis import Analysis

ROLE_PREDICATES = frozenset({Predicate.MEMBERSHIP, Predicate.LEADERSHIP, Predicate.REPRESENTATION, Predicate.OCCUPANCY,
                             Predicate.FAMILY})
VIOLENT = frozenset({"attack", "operation"})
ACTOR_TYPES = frozenset({"person", "organization"})
S = TypeVar("S", bound=Support)


def _independent(a: Analysis, supports: Sequence[S]) -> list[list[S]]:
    """The supports split by independent source."""
    groups = origins.independent_groups([s.document for s in supports], a.sources.origins)
    index = {d: i for i, g in enumerate(groups) for d in g}
    out: list[list[S]] = [[] for _ in groups]
    for s in supports:
        out[index[s.document]].append(s)
    return out


def _item(kind: str, fact: str, about: str, entities: Iterable[str],
          values: Mapping[str, Sequence[Support]]) -> Discrepancy:
    return Discrepancy(stable_id("dis", kind, fact, about), kind, fact, about, tuple(sorted(set(entities))),
                       tuple(DisputedValue(v, tuple(values[v])) for v in sorted(values)))


def role_conflicts(a: Analysis) -> list[Discrepancy]:
    pairs: dict[tuple[str, str], list[tuple[str, RelationSupport]]] = {}
    facts: dict[tuple[str, str], RelationFact] = {}
    for f in a.all_relations():
        if f.predicate not in ROLE_PREDICATES:
            continue
        key = (f.subject.id, f.object.id)
        facts.setdefault(key, f)
        pairs.setdefault(key, []).extend((s.role or f.predicate, s) for s in f.supports if s.modality != "denied")
    out = []
    for key, told in sorted(pairs.items(), key=lambda kv: kv[0]):
        role = {id(s): v for v, s in told}
        by_source = [{role[id(s)] for s in g} for g in _independent(a, [s for _, s in told])]
        if not any(_incompatible(x, y) for i, x in enumerate(by_source) for y in by_source[i + 1:]):
            continue
        values: dict[str, list[RelationSupport]] = {}
        for v, s in told:
            values.setdefault(v, []).append(s)
        f = facts[key]
        out.append(_item("role", f.id, f"role of {f.subject.name} with {f.object.name}", key, values))
    return out


# words that name one role: outlets say "chief", "head" or "emir" of a group for the same position
_SAME_ROLE = ({"chief", "head", "leader", "emir", "amir", "ameer", "supremo", "boss", "commander", "chairman",
               "chairwoman", "chairperson", "president", "director"},
              {"spokesperson", "spokesman", "spokeswoman", "representative", "envoy", "emissary", "delegate"},
              {"lawyer", "counsel", "attorney", "advocate", "barrister"})


def _compatible(a: str, b: str) -> bool:
    """The same role in other words, one role named more precisely ("manager" / "general manager"), or plain
    membership next to a post in the group."""
    wa, wb = set(a.casefold().split()), set(b.casefold().split())
    if wa <= wb or wb <= wa or "member" in (a, b):  # any post in a group implies membership
        return True
    return any(wa & group and wb & group for group in _SAME_ROLE)


def _incompatible(x: set[str], y: set[str]) -> bool:
    """Two sources' role sets conflict when no role of one is compatible with a role of the other."""
    return not any(_compatible(a, b) for a in x for b in y)


def _located(a: Analysis) -> set[tuple[str, str]]:
    return {(f.subject.id, f.object.id) for f in a.all_relations() if f.predicate == "located_in"}


def _actors(support: EventSupport) -> set[str]:
    """The people and organisations a report names as taking part (nationalities and places are not actors)."""
    return {p.entity.name for p in support.participants if p.entity.type in ACTOR_TYPES}


def _entities(f: EventFact) -> list[str]:
    return [p.entity.id for p in f.participants] + ([f.place.id] if f.place else [])


def event_conflicts(a: Analysis) -> list[Discrepancy]:
    inside = _located(a)
    out = []
    for f in a.all_events():
        sups = f.supports
        if len({s.document for s in sups}) < 2:
            continue
        ents = _entities(f)
        about = f"{f.label} ({f.date or 'undated'})"
        dates: dict[str, list[EventSupport]] = {}
        for s in sups:
            if s.date:
                dates.setdefault(s.date, []).append(s)
        spans = {d: bounds(d) for d in dates}
        if any(x and y and (x[1] < y[0] or y[1] < x[0]) for i, x in enumerate(spans.values())
               for y in list(spans.values())[i + 1:]):
            out.append(_item("date", f.id, about, ents, dates))
        places: dict[str, list[EventSupport]] = {}
        ids: dict[str, str] = {}
        for s in sups:
            if s.place:
                places.setdefault(s.place.name, []).append(s)
                ids[s.place.name] = s.place.id
        names = sorted(places)
        if any((ids[x], ids[y]) not in inside and (ids[y], ids[x]) not in inside and ids[x] != ids[y]
               for i, x in enumerate(names) for y in names[i + 1:]):
            out.append(_item("place", f.id, about, ents, places))
        named = [[s for s in g if _actors(s)] for g in _independent(a, sups)]
        listed = [g for g in named if g]
        sets = [frozenset(name for s in g for name in _actors(s)) for g in listed]
        if len(set(sets)) > 1:
            values: dict[str, list[EventSupport]] = {}
            for g, names_ in zip(listed, sets, strict=True):
                values.setdefault(", ".join(sorted(names_)), []).extend(g)
            out.append(_item("participants", f.id, about, ents, values))
    return out


def casualty_conflicts(a: Analysis) -> list[Discrepancy]:
    events = {f.id: f for f in a.all_events() if f.type in VIOLENT}
    if not events:
        return []
    record_fact = {s.record: fid for fid, f in events.items() for s in f.supports}
    store = a.store
    records = fact_records(store)
    docs = sorted({s.document for f in events.values() for s in f.supports})
    out = []
    figures: dict[str, dict[str, dict[str, list[FigureSupport]]]] = {}  # fact → kind → value label → supports
    for doc in docs:
        text = store.document_text(doc) or ""
        recs = sorted((start, rid) for rid, start in records.event_triggers(doc) if rid in record_fact)
        if not recs:
            continue
        claims = records.claim_spans(doc)
        for s0, s1 in records.sentence_spans(doc):
            found = find_figures(text[s0:s1])
            if not found:
                continue
            before = [r for r in recs if r[0] < s1]
            rec = (before[-1] if before else recs[0])[1]
            said_by = next((src for src, c0, c1 in claims if c0 <= s0 and s1 <= c1), None)
            for fig in found:
                sup = FigureSupport(**a.sources.about(doc), record=rec, modality="reported" if said_by else "asserted",
                                    attribution=said_by or "reporter", evidence=(Evidence(doc, s0, s1, text[s0:s1]),),
                                    figure=Evidence(doc, s0 + fig.start, s0 + fig.end,
                                                    text[s0 + fig.start:s0 + fig.end]))
                label = fig.label + (f" (according to {said_by})" if said_by else "")
                figures.setdefault(record_fact[rec], {}).setdefault(fig.kind, {}).setdefault(label, []).append(sup)
    for fid, kinds in sorted(figures.items()):
        f = events[fid]
        ents = _entities(f)
        for kind, values in sorted(kinds.items()):
            if _disputed(values):
                out.append(_item("casualties", fid, f"{kind} in {f.label} ({f.date or 'undated'})", ents, values))
    return out


def _disputed(values: dict[str, list[FigureSupport]]) -> bool:
    """Two different reports each give a figure the other does not."""
    by_doc: dict[str, set[int]] = {}
    for label, sups in values.items():
        for s in sups:
            by_doc.setdefault(s.document, set()).add(_value_of(label))
    sets = list(by_doc.values())
    return any(x - y and y - x for i, x in enumerate(sets) for y in sets[i + 1:])


def _value_of(label: str) -> int:
    return next(int(w) for w in label.split() if w.isdigit())


def find_discrepancies(a: Analysis) -> list[Discrepancy]:
    items = role_conflicts(a) + event_conflicts(a) + casualty_conflicts(a)
    return sorted(items, key=lambda d: (d.kind, d.about, d.id))
