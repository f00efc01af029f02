"""The resolution step over the store: profile what is new, block, score, cluster the affected region, link.

Incremental by construction. A pair's score depends only on its two documents, whether a pair is compared
depends only on the final block memberships (``blocking.qualifies``), and clusters are recomputed for whole
connected components of the affected region from stored edges. So resolving after every ingest gives the same
``entity_links`` as resolving everything at once (tests/resolve/test_incremental.py).

One run is one write transaction: a crash leaves the previous resolution in place.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dossier.model import stable_id
from dossier.model.collector import collector_paused
from dossier.resolve import blocking
from dossier.resolve.cluster import LINKED, Edge, cluster
from dossier.resolve.compare import NO_CONTEXT, DocContext, weak_name
from dossier.resolve.profile import Profile, build_profiles
from dossier.resolve.region import EdgeRow, everything, intern, search
from dossier.resolve.scoring import (
    CONTRADICTION,
    PRIOR,
    RESOLVER_VERSION,
    THRESHOLD,
    WEIGHTS,
    name_gate,
    probability,
    score_pair,
)
from dossier.store.resolution import ResolutionWriter, writing

if TYPE_CHECKING:
    from dossier.store.sqlite import SQLiteStore

# a store resolved under other weights, caps or thresholds is resolved again from scratch
SIGNATURE = stable_id(RESOLVER_VERSION, sorted((c, lv, w.m, w.u) for c, t in WEIGHTS.items() for lv, w in t.items()),
                      blocking.CAP, blocking.PIVOTS, THRESHOLD, PRIOR, CONTRADICTION)


def _refusal(applied: str | None) -> str | None:
    return None if applied in (None, LINKED) else applied


@dataclass(slots=True)
class ResolveStats:
    documents: int = 0
    new_entities: int = 0
    pairs_scored: int = 0
    pairs_stored: int = 0
    pairs_removed: int = 0
    region: int = 0
    clusters: int = 0
    links_written: int = 0
    full: bool = False
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)


def resolve(store: SQLiteStore, *, full: bool = False, touched: Iterable[str] = (),
            prepare: Callable[[ResolutionWriter], None] | None = None) -> ResolveStats:
    """Resolve what is not resolved yet (``full``: forget all derived state and resolve everything again; it is
    also done when the resolver's weights or caps changed since the store was last resolved).

    ``touched`` are local entity ids whose clusters must be recomputed even if nothing new arrived (the sides of
    a new judgement); ``prepare`` runs first in the same transaction (recording that judgement)."""
    started = time.perf_counter()
    # the cycle collector paused: a run allocates pairs, profiles and key tuples by the hundred thousand and
    # makes no reference cycle (tests/resolve/test_entity_resolution.py); the collector's walks were ~14 % of
    # an ingest's resolution CPU
    with writing(store) as w, collector_paused():
        if full or w.signature() != SIGNATURE:
            w.reset(SIGNATURE)  # judgements and their constraints stay
            full = True
        if prepare is not None:
            prepare(w)
        run = _Run(w)
        stats = run.execute(set(touched))
    stats.full = full
    stats.seconds = round(time.perf_counter() - started, 3)
    return stats


@dataclass(slots=True)
class _KeyState:
    size: int
    pivots: list[str]
    members: list[str] | None  # all members, when loaded (sorted)


class _Run:
    def __init__(self, w: ResolutionWriter) -> None:
        self.w = w
        self.profiles: dict[str, Profile] = {}  # new and loaded profiles
        self.ctx: dict[str, DocContext] = {}  # document → the people/organisations it names
        self.new: list[str] = []
        self.keys_of: dict[str, list[str]] = {}  # new id → its keys
        self.state: dict[str, _KeyState] = {}  # final state of keys touched or consulted
        self.stats = ResolveStats()
        self.first_run = False  # nothing was resolved before this run: the whole store is one region
        # a first run's accepted pairs, kept as they are written so that clustering need not read them back
        self.accepted: dict[tuple[str, str], EdgeRow] | None = None

    # -- the run -------------------------------------------------------------------------------------------
    def execute(self, touched: set[str]) -> ResolveStats:
        t = time.perf_counter()
        docs = self.w.unprofiled_documents()
        self.stats.documents = len(docs)
        dirty = set(touched)
        self.first_run = not self.w.has_profiles()
        if docs:
            self._profile(docs)
            self._phase("profile", t)
            t = time.perf_counter()
            dirty |= self._owner_changes()
            self._save_profiles()
            suspects = self._block()
            self._phase("block", t)
            t = time.perf_counter()
            self._score()
            self._phase("score", t)
            t = time.perf_counter()
            dirty |= self._prune(suspects)
            dirty.update(self.new)
            self._phase("prune", t)
        if dirty:
            t = time.perf_counter()
            self._recluster(dirty)
            self._phase("cluster", t)
        self.stats.new_entities = len(self.new)
        return self.stats

    def _phase(self, name: str, since: float) -> None:
        self.stats.phases[name] = round(time.perf_counter() - since, 3)

    # -- profiles ------------------------------------------------------------------------------------------
    def _profile(self, docs: list[str]) -> None:
        for doc, ents, sents, rels in self.w.profile_inputs(docs):
            profiles = build_profiles(ents, sents, rels)
            for p in profiles:
                self.profiles[p.id] = p
                self.new.append(p.id)
            self.ctx[doc] = DocContext.of(profiles)
        self.new.sort()

    def _owner_changes(self) -> set[str]:
        """Old local entities that owned an exact-key id a new, smaller one now owns: their cluster's id moves."""
        first: dict[str, str] = {}
        for i in self.new:
            e = self.profiles[i].exact_id
            if e not in first or i < first[e]:
                first[e] = i
        out: set[str] = set()
        for exact, old_owner in self.w.exact_id_owners(list(first)).items():
            if first[exact] < old_owner:
                out.add(old_owner)
        return out

    def _save_profiles(self) -> None:
        self.w.save_profiles((i, p.document, p.exact_id, int(weak_name(p)), p.to_json())
                             for i in self.new for p in (self.profiles[i],))

    def _load_profiles(self, ids: Iterable[str]) -> None:
        """Load old profiles (and every profile of their documents, for the co-mention context)."""
        missing = sorted({i for i in ids if i not in self.profiles})
        if not missing:
            return
        docs = [d for d in self.w.profile_documents(missing) if d not in self.ctx]
        by_doc: dict[str, list[Profile]] = {}
        for r in self.w.profiles_of_documents(docs):
            p = Profile.from_json(r.local_entity, r.document, r.exact_id, r.profile)
            by_doc.setdefault(p.document, []).append(p)
        for doc, profiles in by_doc.items():
            for p in profiles:
                self.profiles.setdefault(p.id, p)
            self.ctx[doc] = DocContext.of(profiles)

    # -- blocking ------------------------------------------------------------------------------------------
    def _block(self) -> list[tuple[str, list[str], list[str]]]:
        """Write the new block rows; work out each touched key's final state; return the suspects: stored pairs
        a key may no longer justify, as (key, old members to check, dropped pivots)."""
        new_members: dict[str, list[str]] = {}
        for i in self.new:
            ks = blocking.block_keys(self.profiles[i])
            self.keys_of[i] = ks
            for k in ks:
                new_members.setdefault(k, []).append(i)
        touched = sorted(new_members)
        old_size = self.w.key_sizes(touched)
        need_all: list[str] = []
        suspects: list[tuple[str, list[str], list[str]]] = []
        piv_old: dict[str, list[str]] = {}
        for k in touched:
            kind = blocking.key_kind(k)
            old = old_size.get(k, 0)
            total = old + len(new_members[k])
            if kind == blocking.IDENTITY or old == 0:
                continue
            if total <= blocking.CAP or old <= blocking.CAP:
                need_all.append(k)  # small now, or crossing the cap now: members needed
            elif kind == blocking.PIVOT:
                piv_old[k] = self.w.pivots(k, blocking.PIVOTS)
                if min(new_members[k]) < piv_old[k][-1]:
                    need_all.append(k)  # a new pivot is compared with every member
        old_members: dict[str, list[str]] = {}
        if need_all:
            for k, i in self.w.block_members(need_all):
                old_members.setdefault(k, []).append(i)
        for k in touched:
            kind = blocking.key_kind(k)
            new = new_members[k]
            old = old_size.get(k, 0)
            total = old + len(new)
            if k in old_members or old == 0:
                members = sorted(old_members.get(k, []) + new)
                self.state[k] = _KeyState(total, members[:blocking.PIVOTS], members)
                if kind != blocking.IDENTITY and 1 < old <= blocking.CAP < total:
                    suspects.append((k, sorted(old_members[k]), []))
            elif k in piv_old:
                piv = sorted(piv_old[k] + new)[:blocking.PIVOTS]
                self.state[k] = _KeyState(total, piv, None)
            else:
                self.state[k] = _KeyState(total, [], None)  # identity, or capped and already too big
            if k in piv_old and k in old_members:
                dropped = sorted(set(piv_old[k]) - set(self.state[k].pivots))
                if dropped:
                    suspects.append((k, sorted(old_members[k]), dropped))
        self.w.add_blocks(((k, i) for k in touched for i in new_members[k]),
                          ((k, self.state[k].size) for k in touched))
        return suspects

    def _partners(self, x: str) -> set[str]:
        out: set[str] = set()
        for k in self.keys_of[x]:
            st = self.state[k]
            kind = blocking.key_kind(k)
            if kind == blocking.IDENTITY:
                continue
            if st.size <= blocking.CAP or (kind == blocking.PIVOT and x in st.pivots):
                assert st.members is not None
                out.update(st.members)
            elif kind == blocking.PIVOT:
                out.update(st.pivots)
        out.discard(x)
        return out

    # -- scoring -------------------------------------------------------------------------------------------
    def _score(self) -> None:
        new = set(self.new)
        if not self.first_run:  # on a first run every partner is new
            old_needed: set[str] = set()
            for x in self.new:
                old_needed.update(y for y in self._partners(x) if y not in new)
            self._load_profiles(old_needed)
        accepted = self.accepted = {} if self.first_run else None
        batch: list[tuple[object, ...]] = []
        for x in self.new:
            px = self.profiles[x]
            for y in sorted(self._partners(x)):
                if y in new and y < x:
                    continue  # scored from y's side
                py = self.profiles[y]
                self.stats.pairs_scored += 1
                level = name_gate(px, py)
                if level is None:
                    continue
                s = score_pair(px, py, self.ctx.get(px.document, NO_CONTEXT), self.ctx.get(py.document, NO_CONTEXT),
                               level)
                a, b = (px, py) if px.id < py.id else (py, px)
                verdict = 1 if s.accepted else -1 if s.contradicted else 0
                weak_a, weak_b = int(weak_name(a)), int(weak_name(b))
                batch.append((s.a, s.b, s.score, verdict, weak_a, weak_b, s.stored_levels()))
                if verdict == 1 and accepted is not None:
                    accepted[(s.a, s.b)] = (s.score, weak_a, weak_b, None)
                if len(batch) >= 20_000:
                    self.w.store_pairs(batch)
                    self.stats.pairs_stored += len(batch)
                    batch.clear()
        self.w.store_pairs(batch)
        self.stats.pairs_stored += len(batch)

    # -- pruning pairs a grown block no longer justifies -----------------------------------------------------
    def _key_state(self, k: str) -> _KeyState:
        st = self.state.get(k)
        if st is None:
            size = self.w.key_size(k)
            piv = self.w.pivots(k, blocking.PIVOTS) if size > blocking.CAP else []
            st = self.state[k] = _KeyState(size, piv, None)
        return st

    def _keys(self, i: str) -> list[str]:
        if i in self.keys_of:
            return self.keys_of[i]
        ks = self.w.keys_of(i)
        self.keys_of[i] = ks
        return ks

    def _still_compared(self, u: str, v: str) -> bool:
        shared = set(self._keys(u)) & set(self._keys(v))
        for k in sorted(shared):
            st = self._key_state(k)
            if blocking.qualifies(k, st.size, st.pivots, u, v):
                return True
        return False

    def _prune(self, suspects: list[tuple[str, list[str], list[str]]]) -> set[str]:
        candidates: set[tuple[str, str]] = set()
        for _key, members, dropped in suspects:
            member_set = set(members)
            sources = dropped or members
            for a, b in self.w.pairs_touching(sources):
                if a in member_set and b in member_set:
                    candidates.add((a, b))
        removed = [(a, b) for a, b in sorted(candidates) if not self._still_compared(a, b)]
        self.w.delete_pairs(removed)
        self.stats.pairs_removed = len(removed)
        return {x for pair in removed for x in pair}

    # -- clustering the affected region ----------------------------------------------------------------------
    def _recluster(self, dirty: set[str]) -> None:
        if self.first_run:
            region, edges, groups, must = everything(self.w, self.accepted)
        else:
            region, edges, groups, must = search(self.w, dirty)
        self._cluster(region, edges, groups, must)

    def _cluster(self, region: set[str], edges: dict[tuple[str, str], EdgeRow], groups: list[list[str]],
                 must: dict[tuple[str, str], int]) -> None:
        w = self.w
        ids = sorted(region)
        exact_rows, cannot_rows, apart_rows = w.region_inputs(ids)
        exact = {intern(i): e for i, e in exact_rows}
        del exact_rows
        ids = [i for i in ids if i in exact]  # judgements may name local entities whose profiles are gone
        cannot = [(a, b) for a, b in cannot_rows]
        inside = set(ids)
        apart = [(a, b) for a, b in apart_rows if b in inside]
        owners = w.exact_id_owners(sorted(set(exact.values())))
        prob: dict[float, float] = {}  # scores are rounded to 3 decimals: few distinct values
        edge_list = [Edge(a, b, sc, prob[sc] if sc in prob else prob.setdefault(sc, probability(sc)), bool(r[1]),
                          bool(r[2])) for (a, b), r in edges.items() for sc in (float(r[0]),)]
        # the latest judgement first: where merges conflict through a split, the newer merge wins
        must_order = [pair for pair, _j in sorted(must.items(), key=lambda kv: (-kv[1], kv[0]))]
        result = cluster(ids, edge_list, groups, must_order, cannot, exact, owners, apart)
        del edge_list
        current = {} if self.first_run else w.links_of(sorted(region))
        changed = [(i, ln.entity, ln.method, ln.score) for i, ln in sorted(result.links.items())
                   if current.get(i) != (ln.entity, ln.method, ln.score)]
        # only refusals are written: NULL on an accepted pair means it was linked
        notes = [(note, k[0], k[1]) for k, r in sorted(edges.items())
                 if (note := _refusal(result.applied.get(k))) != r[3]]
        w.write_links(changed, notes)
        self.stats.region = len(ids)
        self.stats.clusters = len({ln.entity for ln in result.links.values()})
        self.stats.links_written = len(changed)
