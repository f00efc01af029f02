"""Clusters from accepted pairs: connected components, with the analyst's judgements as constraints.

Edges are applied in a fixed order that depends only on the edges themselves (never on ingest order):

1. **must-link** judgements (``dossier merge``), in the order given (the engine: the latest judgement first);
2. **identity** keys (same GeoNames/OFAC id, same place or group name);
3. **strong** accepted pairs, highest score first (ties by ids);
4. **weak–weak** accepted pairs (one-token or acronym names on both sides);
5. **weak–strong** accepted pairs, grouped by the weak side's cluster: applied only when every such pair of the
   group points into one cluster ("Azhar" joins "Masood Azhar" only if no other Azhar is as plausible);
   otherwise none is applied and the pairs are marked ``ambiguous``.

A union that would put two local entities of a ``dossier split`` judgement in one cluster is refused
(``blocked``). A scored union is also refused when the two clusters hold at least as many *contradicted* pairs
between them as accepted ones (``kept-apart``): a contradicted pair is a compared pair whose names agree but
whose reports contradict each other (``scoring.contradiction``: different organisations, countries, legal
forms). That is how namesakes stay apart when one chance link would chain them together, while an organisation
named in many unrelated stories still comes together (its links outvote the odd contradiction). Without
judgements, weak names and contradictions the result is exactly the connected components of the accepted pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from dossier.model import stable_id

LINKED = "linked"
AMBIGUOUS = "ambiguous"  # a weak name pointing into more than one cluster
BLOCKED = "blocked"  # a split judgement forbids the union
KEPT_APART = "kept-apart"  # a contradicted pair between the two clusters forbids the union


@dataclass(frozen=True, slots=True)
class Edge:
    a: str
    b: str
    score: float
    probability: float
    weak_a: bool  # a's name is weak (one token / acronym)
    weak_b: bool


@dataclass(frozen=True, slots=True)
class Link:
    entity: str
    method: str  # singleton | judgement | identity | scored
    score: float


@dataclass(slots=True)
class Clustering:
    links: dict[str, Link] = field(default_factory=dict)
    applied: dict[tuple[str, str], str] = field(default_factory=dict)  # accepted pair → linked|ambiguous|blocked


class _UnionFind:
    """Union–find over 0..n-1 with member lists (the smaller cluster joins the larger) and two kinds of
    constraints: ``cannot`` (split judgements, always enforced) and ``apart`` (contradicted pairs, enforced
    against scored links unless the accepted links between the two clusters outnumber them).

    The contradicted and accepted pairs *between clusters* are kept as counts per pair of clusters, updated on
    every union (the smaller cluster's counts move into the larger's: each member moves O(log n) times), so a
    refused union costs a dictionary look-up. Recounting member by member at every attempt made a component
    with many refused unions quadratic: tens of thousands of local entities (an organisation in every report)
    took minutes. The counts are the same numbers, so every decision is the same."""

    def __init__(self, n: int, cannot: dict[int, list[int]], apart: dict[int, dict[int, int]],
                 links: dict[int, dict[int, int]]) -> None:
        self.parent = list(range(n))
        self.members: list[list[int]] = [[i] for i in range(n)]
        self.cannot = cannot
        self.apart = apart  # root → other root → contradicted pairs between them
        self.links = links  # root → other root → accepted pairs between them (kept only where apart is used)

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def _count(self, rx: int, ry: int, table: dict[int, list[int]], stop: int | None = None) -> int:
        n = 0
        find = self.find
        for m in self.members[ry]:
            for c in table.get(m, ()):
                if find(c) == rx:
                    n += 1
                    if stop is not None and n > stop:
                        return n
        return n

    @staticmethod
    def _move(table: dict[int, dict[int, int]], rx: int, ry: int) -> None:
        """ry's counts become rx's (ry joins rx); pairs between the two become internal."""
        out = table.pop(ry, None)
        if not out:
            return
        into = table.setdefault(rx, {})
        for s, c in out.items():
            if s == rx:
                continue
            into[s] = into.get(s, 0) + c
            other = table[s]
            other[rx] = other.get(rx, 0) + other.pop(ry)
        if rx in out:
            del into[ry]
            if not into:
                del table[rx]

    def union(self, x: int, y: int, scored: bool = False) -> str | None:
        """Join the clusters of x and y; None when done (or already together), else why not."""
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return None
        if len(self.members[rx]) < len(self.members[ry]):
            rx, ry = ry, rx
        if self.cannot and self._count(rx, ry, self.cannot, stop=0):
            return BLOCKED
        if scored and self.apart:
            against = self.apart.get(ry, {}).get(rx, 0)
            if against and self.links.get(ry, {}).get(rx, 0) <= against:
                return KEPT_APART
        self.parent[ry] = rx
        self.members[rx].extend(self.members[ry])
        self.members[ry] = []
        if self.apart:
            self._move(self.apart, rx, ry)
            self._move(self.links, rx, ry)
        return None


def cluster(ids: Sequence[str], edges: Sequence[Edge], identity_groups: Iterable[Sequence[str]],
            must: Iterable[tuple[str, str]], cannot: Iterable[tuple[str, str]], exact_ids: Mapping[str, str],
            owners: Mapping[str, str], apart: Iterable[tuple[str, str]] = ()) -> Clustering:
    """Cluster ``ids`` and name each cluster.

    ``exact_ids`` maps each id to its exact-key id; ``owners`` maps an exact-key id to the smallest local entity
    id that has it anywhere in the store. A cluster's id is the smallest exact-key id among its members; when
    several clusters share it (namesakes kept apart), the one holding its owner keeps it and the others get an id
    derived from it and their smallest local entity id with that key.
    """
    names = sorted(set(ids))
    index = {x: i for i, x in enumerate(names)}

    def table(pairs: Iterable[tuple[str, str]]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for x, y in pairs:
            i, j = index.get(x), index.get(y)
            if i is not None and j is not None:
                out.setdefault(i, []).append(j)
                out.setdefault(j, []).append(i)
        return out

    def counts(pairs: Iterable[tuple[str, str]]) -> dict[int, dict[int, int]]:
        out: dict[int, dict[int, int]] = {}
        for x, y in pairs:
            i, j = index.get(x), index.get(y)
            if i is not None and j is not None and i != j:
                row = out.setdefault(i, {})
                row[j] = row.get(j, 0) + 1
                row = out.setdefault(j, {})
                row[i] = row.get(i, 0) + 1
        return out

    kept = [e for e in edges if e.a in index and e.b in index]
    apart_counts = counts(apart)
    uf = _UnionFind(len(names), table(cannot), apart_counts,
                    counts((e.a, e.b) for e in kept) if apart_counts else {})
    out = Clustering()
    best: dict[int, tuple[int, float]] = {}  # index → (method rank, probability) of the best applied link

    def credit(i: int, rank: int, prob: float) -> None:
        if (rank, prob) > best.get(i, (-1, -1.0)):
            best[i] = (rank, prob)

    for x, y in must:  # in the caller's order (engine: the latest judgement first)
        i, j = index.get(x), index.get(y)
        if i is not None and j is not None and uf.union(i, j) is None:
            credit(i, 3, 1.0)
            credit(j, 3, 1.0)
    for group in identity_groups:
        members = sorted(index[m] for m in group if m in index)
        for m in members[1:]:
            if uf.union(members[0], m) is None:
                credit(members[0], 2, 1.0)
                credit(m, 2, 1.0)

    def apply(e: Edge) -> None:
        i, j = index[e.a], index[e.b]
        refused = uf.union(i, j, scored=True)
        out.applied[(e.a, e.b)] = refused or LINKED
        if refused is None:
            credit(i, 1, e.probability)
            credit(j, 1, e.probability)

    order = sorted(kept, key=lambda e: (-e.score, e.a, e.b))
    for e in order:
        if not e.weak_a and not e.weak_b:
            apply(e)
    for e in order:
        if e.weak_a and e.weak_b:
            apply(e)
    groups: dict[int, list[Edge]] = {}
    for e in order:
        if e.weak_a != e.weak_b:
            weak = index[e.a if e.weak_a else e.b]
            groups.setdefault(uf.find(weak), []).append(e)
    for root in sorted(groups, key=lambda r: min(uf.members[r])):
        weak_edges = groups[root]
        here = uf.find(root)
        targets = {uf.find(index[e.b if e.weak_a else e.a]) for e in weak_edges} - {here}
        if len(targets) > 1:
            for e in weak_edges:
                out.applied[(e.a, e.b)] = AMBIGUOUS
            continue
        for e in weak_edges:
            apply(e)

    methods = {3: "judgement", 2: "identity", 1: "scored"}
    for root in range(len(names)):
        if not uf.members[root] or uf.parent[root] != root:
            continue
        members = sorted(uf.members[root])
        key = min(exact_ids[names[m]] for m in members)
        if owners.get(key) in {names[m] for m in members}:
            entity = key
        else:
            entity = stable_id("ent", key, min(names[m] for m in members if exact_ids[names[m]] == key))
        for m in members:
            if len(members) == 1 or m not in best:
                out.links[names[m]] = Link(entity, "singleton" if len(members) == 1 else "scored", 1.0)
            else:
                rank, prob = best[m]
                out.links[names[m]] = Link(entity, methods[rank], round(prob, 4))
    return out
