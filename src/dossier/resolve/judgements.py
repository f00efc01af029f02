"""Analyst judgements: ``dossier merge A B`` and ``dossier split A B`` (run by ``pipeline.judge``).

A judgement is stored as given (``resolution_judgements``: both references, the local entities and canonical
entities they meant at the time, the decision, a timestamp) and as pairwise constraints between local entities
(``resolution_constraints``): must-link for a merge, cannot-link for a split. Constraints are applied every time
the clusters they touch are recomputed, so they survive ``dossier resolve`` and new ingests. A later judgement on
the same pair of local entities replaces an earlier one (a merge after a split undoes it, and vice versa).

References: a canonical entity id (``ent_…``: all its local entities), a local entity id (``lent_…``), or a name
(the local entities of current reports whose name has that name key, else whose alias has it; they must all
belong to one entity).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from dossier.exc import UsageError
from dossier.model.names import name_key
from dossier.model.resolution import JudgementRow
from dossier.store import judgements as stored
from dossier.store.resolution import ResolutionWriter, reading

if TYPE_CHECKING:
    from dossier.resolve.engine import ResolveStats
    from dossier.store.sqlite import SQLiteStore

MAX_SPLIT_PAIRS = 250_000


@dataclass(frozen=True, slots=True)
class Side:
    ref: str
    locals: tuple[str, ...]
    entities: tuple[str, ...]  # canonical entities of those local entities (one, for a valid reference)
    label: str


def _entity_of(store: SQLiteStore, local_ids: list[str]) -> list[str]:
    r = reading(store)
    out: set[str] = set()
    for i in local_ids:
        entity = r.entity_of(i)
        if entity:
            out.add(entity)
    return sorted(out)


def resolve_ref(store: SQLiteStore, ref: str) -> Side:
    """What a reference given on the command line means (see the module docstring)."""
    ref = ref.strip()
    if not ref:
        raise UsageError("an entity reference is empty: give a name or an id")
    if ref.startswith("ent_"):
        rows = reading(store).current_members(ref)
        if not rows:
            raise UsageError(f"no entity with id {ref!r} (see `dossier entities --json`)")
        entity = store.entity(ref)
        return Side(ref, tuple(r[0] for r in rows), (ref,), entity.name if entity else ref)
    if ref.startswith("lent_"):
        name = reading(store).local_name(ref)
        if name is None:
            raise UsageError(f"no local entity with id {ref!r}")
        return Side(ref, (ref,), tuple(_entity_of(store, [ref])), name)
    key = name_key(ref)
    if not key:
        raise UsageError(f"{ref!r} is not a name (no letters or digits)")
    named = reading(store).current_local_names()
    by_name = [r.id for r in named if name_key(r.name) == key]
    locals_ = by_name or [r.id for r in named if any(name_key(a) == key for a in r.aliases)]
    if not locals_:
        raise UsageError(f"no entity named {ref!r} (try `dossier entities`)")
    entities = _entity_of(store, locals_)
    if len(entities) > 1:
        raise UsageError(f"{ref!r} names {len(entities)} entities ({', '.join(entities)}): give an id instead")
    return Side(ref, tuple(locals_), tuple(entities), ref)


@dataclass(frozen=True, slots=True)
class JudgementResult:
    id: int
    decision: str
    a: Side
    b: Side
    entity_a: str | None  # after resolution
    entity_b: str | None
    stats: ResolveStats
    broken: tuple[int, ...] = ()  # earlier judgements this one made not hold any more

    @property
    def honoured(self) -> bool:
        together = self.entity_a is not None and self.entity_a == self.entity_b
        return together if self.decision == "merge" else not together


DECISIONS = ("merge", "split")


@dataclass(slots=True)
class PendingJudgement:
    """A checked judgement, recorded by ``record`` inside the resolver's transaction: the caller
    (``pipeline.judge``) re-resolves ``touched`` in that same transaction, so both land or neither does."""

    decision: str
    a: Side
    b: Side
    note: str | None
    who: str
    id: int = 0  # set once recorded

    @property
    def touched(self) -> tuple[str, ...]:
        return (*self.a.locals, *self.b.locals)

    def record(self, w: ResolutionWriter) -> None:
        decision, a, b = self.decision, self.a, self.b
        if decision == "merge":
            a0, b0 = min(a.locals), min(b.locals)
            pairs = {(x, b0) for x in a.locals} | {(a0, y) for y in b.locals}
        else:
            pairs = {(x, y) for x in a.locals for y in b.locals}
        # a merge undoes earlier splits between the two sides
        unsplit = [(min(x, y), max(x, y)) for x in a.locals for y in b.locals][:MAX_SPLIT_PAIRS] \
            if decision == "merge" else []
        self.id = w.record_judgement(
            decision, a.ref, b.ref, a.entities[0] if a.entities else None, b.entities[0] if b.entities else None,
            a.locals, b.locals, self.note, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            self.who, [(min(x, y), max(x, y)) for x, y in sorted(pairs)], unsplit)


def prepare(store: SQLiteStore, decision: str, ref_a: str, ref_b: str, note: str | None,
            who: str) -> PendingJudgement:
    """Check a merge or split of two references by ``who`` (against current links: resolve pending entities
    first)."""
    if decision not in DECISIONS:
        raise UsageError(f"unknown judgement {decision!r}")
    a, b = resolve_ref(store, ref_a), resolve_ref(store, ref_b)
    overlap = set(a.locals) & set(b.locals)
    if overlap:
        raise UsageError(f"{ref_a!r} and {ref_b!r} refer to the same local entity ({sorted(overlap)[0]}); "
                         "give two different entities")
    if decision == "split" and len(a.locals) * len(b.locals) > MAX_SPLIT_PAIRS:
        raise UsageError(f"split of {len(a.locals)} × {len(b.locals)} local entities is too large; "
                         "split smaller groups (local entity ids or names)")
    return PendingJudgement(decision, a, b, note, who)


def result(store: SQLiteStore, pending: PendingJudgement, stats: ResolveStats,
           before: set[int]) -> JudgementResult:
    """What a recorded judgement did once re-resolved; ``before``: the judgements unhonoured before it."""
    a, b = pending.a, pending.b
    jid = pending.id
    ea, eb = _entity_of(store, list(a.locals)), _entity_of(store, list(b.locals))
    broken = tuple(j for j in unhonoured(store) if j != jid and j not in before)
    return JudgementResult(jid, pending.decision, a, b, ea[0] if len(ea) == 1 else None,
                           eb[0] if len(eb) == 1 else None, stats, broken)


def unhonoured(store: SQLiteStore) -> list[int]:
    """Judgements the current links contradict: a merge whose sides are not one entity, a split whose sides
    share one (a later judgement overrode it, or a split and merges conflict)."""
    out = []
    for r in judgements(store):
        ea = set(_entity_of(store, json.loads(r.a_locals)))
        eb = set(_entity_of(store, json.loads(r.b_locals)))
        together = len(ea) == 1 and ea == eb
        if (r.decision == "merge") != together:
            out.append(int(r.id))
    return out


def judgements(store: SQLiteStore) -> list[JudgementRow]:
    """Every judgement, oldest first, with who made it (None for judgements from before that was kept)."""
    return stored.judgements(store)
