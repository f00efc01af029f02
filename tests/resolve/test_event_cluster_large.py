"""Big components are clustered by SciPy's average linkage: the same clusters as the greedy merge."""

from __future__ import annotations

import numpy as np
import pytest

from dossier.resolve import event_cluster


@pytest.mark.parametrize("seed", range(6))
def test_scipy_average_linkage_equals_the_greedy_merge(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m = 150
    label = rng.integers(0, 9, m)
    same = label[:, None] == label[None, :]
    scores = np.where(same, rng.uniform(0.45, 1.0, (m, m)), rng.uniform(0.0, 0.65, (m, m)))
    scores = (scores + scores.T) / 2
    np.fill_diagonal(scores, 1.0)
    apart = np.zeros((m, m), dtype=bool)
    pairs = rng.integers(0, m, (12, 2))
    apart[pairs[:, 0], pairs[:, 1]] = True
    apart |= apart.T
    np.fill_diagonal(apart, False)
    greedy = sorted(event_cluster.agglomerate(scores, apart, 0.56))
    assert sorted(event_cluster._scipy_average(scores, apart, 0.56)) == greedy
    assert 1 < len(greedy) < m  # a real clustering, not all-or-nothing
    for group in greedy:  # no cluster holds a cannot-link pair
        assert not apart[np.ix_(group, group)].any()


def test_components_above_the_size_limit_take_the_scipy_path(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = event_cluster._scipy_average

    def spy(*args: object) -> list[list[int]]:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(event_cluster, "_scipy_average", spy)
    n = event_cluster.LARGE + 1
    scores = np.full((n, n), 0.9)
    assert event_cluster.agglomerate(scores, np.zeros((n, n), dtype=bool), 0.5) == [list(range(n))]
    assert calls == [1]
