"""Average-linkage agglomerative clustering over a pair-score matrix, with cannot-link constraints.

``average_linkage(scores, threshold, apart)`` merges, while any two clusters have a mean pair score of at
least ``threshold``, the two with the highest mean; two clusters that hold a pair marked ``apart`` are never
merged. The work splits exactly into the connected components of the graph of pairs scoring at least
``threshold`` (a mean can only reach the threshold if some pair does), so large inputs with few links stay
cheap. Ties go to the lowest (row, column) index, so the result depends only on the input order.

The greedy merge costs O(m³) for a component of m mentions; a component larger than ``LARGE`` (a big story
told by hundreds of reports) is clustered by SciPy's average linkage instead (UPGMA, O(m²) memory), on
distances ``1 − score`` with cannot-link pairs at a distance no average can bring under the cut, cut at
``1 − threshold``. The two give the same clusters up to ties.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

__all__ = ["LARGE", "agglomerate", "average_linkage", "components", "components_from_pairs"]

LARGE = 400
_APART = 1e12

FloatMatrix = npt.NDArray[np.float64]
BoolMatrix = npt.NDArray[np.bool_]


def components(edges: BoolMatrix) -> list[list[int]]:
    """Connected components of an undirected graph (symmetric boolean matrix), each sorted, by first index."""
    rows, cols = np.nonzero(np.triu(edges, 1))
    return components_from_pairs(edges.shape[0], zip(rows.tolist(), cols.tolist(), strict=True))


def components_from_pairs(n: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the graph on 0..n-1 with these edges, each sorted, by first index."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def average_linkage(scores: FloatMatrix, threshold: float, apart: BoolMatrix | None = None) -> list[int]:
    """Cluster labels (0, 1, … in order of first appearance) for a symmetric score matrix."""
    n = scores.shape[0]
    if apart is None:
        apart = np.zeros((n, n), dtype=bool)
    linked = (scores >= threshold) & ~apart
    np.fill_diagonal(linked, False)
    root = list(range(n))
    for comp in components(linked):
        if len(comp) < 2:
            continue
        idx = np.asarray(comp)
        for members in agglomerate(scores[np.ix_(idx, idx)], apart[np.ix_(idx, idx)], threshold):
            first = int(idx[members[0]])
            for m in members:
                root[int(idx[m])] = first
    labels: dict[int, int] = {}
    return [labels.setdefault(r, len(labels)) for r in root]


def agglomerate(scores: FloatMatrix, apart: BoolMatrix, threshold: float) -> list[list[int]]:
    """The clusters (lists of row indices, sorted) of one dense block; see the module docstring."""
    m = scores.shape[0]
    if m > LARGE:
        return _scipy_average(scores, apart, threshold)
    total = scores.astype(np.float64).copy()  # sum of pair scores between clusters
    size = np.ones(m, dtype=np.float64)
    blocked = apart.copy()
    active = np.ones(m, dtype=bool)
    members: list[list[int]] = [[i] for i in range(m)]
    while True:
        mean = total / np.outer(size, size)
        invalid = blocked | ~np.outer(active, active)
        np.fill_diagonal(invalid, True)
        mean[invalid] = -np.inf
        flat = int(np.argmax(mean))
        a, b = divmod(flat, m)
        if not np.isfinite(mean[a, b]) or mean[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)
        total[a, :] += total[b, :]
        total[:, a] = total[a, :]
        blocked[a, :] |= blocked[b, :]
        blocked[:, a] = blocked[a, :]
        size[a] += size[b]
        active[b] = False
        members[a].extend(members[b])
        members[b] = []
    return [sorted(g) for g in members if g]



def _scipy_average(scores: FloatMatrix, apart: BoolMatrix, threshold: float) -> list[list[int]]:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = 1.0 - np.clip(scores.astype(np.float64), 0.0, 1.0)
    dist = (dist + dist.T) / 2.0
    dist[apart | apart.T] = _APART
    np.fill_diagonal(dist, 0.0)
    labels = fcluster(linkage(squareform(dist, checks=False), method="average"), t=1.0 - threshold,
                      criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        groups.setdefault(int(label), []).append(i)
    return sorted(groups.values())
