"""Coreference metrics: MUC, B³, CEAF-e and their mean, the CoNLL F1 — with and without singletons.

A *clustering* is a list of clusters, each a collection of hashable mention ids. Key (gold) and response
(system) may hold different mentions (end-to-end scoring): mentions of one side that the other lacks count as
they do in the CoNLL reference scorer (v8): they can only lower recall (key side) or precision (response side).

* MUC (Vilain et al. 1995): links. Recall = Σ_k (|k| − |p(k)|) / Σ_k (|k| − 1), where p(k) is the partition of
  k by the response (a key mention missing from the response is a part of its own). Precision swaps the roles.
* B³ (Bagga & Baldwin 1998): per mention. Recall = Σ_k Σ_r |k ∩ r|² / |k| / Σ_k |k|; precision swaps them.
* CEAF-e (Luo 2005): φ(k, r) = 2|k ∩ r| / (|k| + |r|), the one-to-one alignment of key and response clusters
  that maximises Σφ (Kuhn–Munkres), recall = Σφ / |K|, precision = Σφ / |R|.
* CoNLL F1 = (F1_MUC + F1_B³ + F1_CEAF-e) / 3.

"Without singletons" drops every cluster of size one from the key and from the response before scoring (the
convention of Cattan et al. 2021). A ratio whose denominator is 0 counts as 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "PRF",
    "Scores",
    "b_cubed",
    "ceaf_e",
    "clusters_from_labels",
    "conll",
    "hungarian_max",
    "muc",
    "score_all",
]

Clustering = Sequence[Collection[Hashable]]


@dataclass(frozen=True, slots=True)
class PRF:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"recall": round(self.recall, 4), "precision": round(self.precision, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class Scores:
    muc: PRF
    b3: PRF
    ceaf_e: PRF

    @property
    def conll(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceaf_e.f1) / 3

    def as_dict(self) -> dict[str, object]:
        return {"muc": self.muc.as_dict(), "b3": self.b3.as_dict(), "ceaf_e": self.ceaf_e.as_dict(),
                "conll": round(self.conll, 4)}


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _sets(clusters: Clustering) -> list[frozenset[Hashable]]:
    out = [frozenset(c) for c in clusters if len(c)]
    seen: set[Hashable] = set()
    for c in out:
        if seen & c:
            raise ValueError("a mention is in two clusters")
        seen |= c
    return out


def clusters_from_labels(labels: Mapping[Hashable, Hashable]) -> list[frozenset[Hashable]]:
    """{mention: cluster label} → clusters, in order of first appearance."""
    groups: dict[Hashable, list[Hashable]] = {}
    for mention, label in labels.items():
        groups.setdefault(label, []).append(mention)
    return [frozenset(g) for g in groups.values()]


def _drop_singletons(clusters: Clustering) -> list[frozenset[Hashable]]:
    return [frozenset(c) for c in clusters if len(c) > 1]


def _muc_side(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> tuple[int, int]:
    where = {m: i for i, r in enumerate(response) for m in r}
    num = den = 0
    for k in key:
        parts = {where.get(m, ("missing", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num, den


def muc(key: Clustering, response: Clustering) -> PRF:
    k, r = _sets(key), _sets(response)
    rn, rd = _muc_side(k, r)
    pn, pd = _muc_side(r, k)
    return PRF(_ratio(rn, rd), _ratio(pn, pd))


def _b3_side(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> tuple[float, int]:
    where = {m: i for i, r in enumerate(response) for m in r}
    num = 0.0
    den = 0
    for k in key:
        overlap: dict[int, int] = defaultdict(int)
        for m in k:
            if m in where:
                overlap[where[m]] += 1
        num += sum(n * n for n in overlap.values()) / len(k)
        den += len(k)
    return num, den


def b_cubed(key: Clustering, response: Clustering) -> PRF:
    k, r = _sets(key), _sets(response)
    rn, rd = _b3_side(k, r)
    pn, pd = _b3_side(r, k)
    return PRF(_ratio(rn, rd), _ratio(pn, pd))


def hungarian_max(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """A one-to-one assignment of rows to columns that maximises the total weight (Kuhn–Munkres).

    Rectangular matrices are fine; the smaller side is fully assigned. Uses scipy when it is installed, else
    the O(n³) shortest-augmenting-path method with potentials below.
    """
    n_rows = len(weights)
    n_cols = len(weights[0]) if n_rows else 0
    if not n_rows or not n_cols:
        return []
    try:
        import numpy as np
        from scipy.optimize import linear_sum_assignment
    except ImportError:  # pragma: no cover - exercised by the tests through _hungarian_min directly
        transpose = n_rows > n_cols
        cost = [[-w for w in row] for row in weights]
        if transpose:
            cost = [list(col) for col in zip(*cost, strict=True)]
        pairs = _hungarian_min(cost)
        return sorted((c, r) for r, c in pairs) if transpose else pairs
    rows, cols = linear_sum_assignment(np.asarray(weights, dtype=float), maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True)]


def _hungarian_min(cost: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Minimum-cost assignment of every row (rows ≤ columns) to a distinct column: (row, column) pairs.

    Rows are added one at a time; each is connected by a shortest augmenting path in the reduced costs
    (Dijkstra-like, dense), keeping dual potentials u (rows) and v (columns) feasible.
    """
    n = len(cost)
    m = len(cost[0]) if n else 0
    if n > m:
        raise ValueError("more rows than columns")
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: 1-based row assigned to column j (0 = free); column 0 is a sentinel
    back = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        best = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta = inf
            j1 = 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if reduced < best[j]:
                    best[j] = reduced
                    back[j] = j0
                if best[j] < delta:
                    delta = best[j]
                    j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    best[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:  # augment along the path back to the sentinel
            j1 = back[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return sorted((owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j])


def ceaf_e(key: Clustering, response: Clustering) -> PRF:
    k, r = _sets(key), _sets(response)
    if not k or not r:
        return PRF(0.0, 0.0)
    where = {m: i for i, c in enumerate(r) for m in c}
    sim = [[0.0] * len(r) for _ in k]
    for i, kc in enumerate(k):
        overlap: dict[int, int] = defaultdict(int)
        for m in kc:
            if m in where:
                overlap[where[m]] += 1
        for j, n in overlap.items():
            sim[i][j] = 2 * n / (len(kc) + len(r[j]))
    total = sum(sim[i][j] for i, j in hungarian_max(sim))
    return PRF(total / len(k), total / len(r))


def score_all(key: Clustering, response: Clustering, singletons: bool = True) -> Scores:
    """MUC, B³ and CEAF-e of one key/response pair; ``singletons=False`` drops size-one clusters first."""
    if not singletons:
        key, response = _drop_singletons(key), _drop_singletons(response)
    return Scores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))


def conll(key: Clustering, response: Clustering, singletons: bool = True) -> float:
    return score_all(key, response, singletons).conll


def merge_clusterings(parts: Iterable[tuple[Clustering, Clustering]]) -> tuple[list[frozenset[Hashable]],
                                                                            list[frozenset[Hashable]]]:
    """Concatenate per-topic (key, response) clusterings into one corpus-level pair (ids must be distinct)."""
    key: list[frozenset[Hashable]] = []
    response: list[frozenset[Hashable]] = []
    for k, r in parts:
        key.extend(frozenset(c) for c in k)
        response.extend(frozenset(c) for c in r)
    return key, response
