"""Coreference metrics on small examples computed by hand, including the classic ones from the metric papers."""

from __future__ import annotations

import itertools
import random

import pytest
from bench.coref_metrics import (
    _hungarian_min,
    b_cubed,
    ceaf_e,
    clusters_from_labels,
    conll,
    hungarian_max,
    muc,
    score_all,
)

# Bagga & Baldwin (1998) / Luo (2005): twelve mentions, three key entities.
KEY_12 = [{1, 2, 3, 4, 5}, {6, 7}, {8, 9, "A", "B", "C"}]
MERGE_SMALL = [{1, 2, 3, 4, 5}, {6, 7, 8, 9, "A", "B", "C"}]  # response (a): the 2-entity joins the third
MERGE_LARGE = [{1, 2, 3, 4, 5, 8, 9, "A", "B", "C"}, {6, 7}]  # response (b): the two 5-entities joined
ALL_ONE = [{1, 2, 3, 4, 5, 6, 7, 8, 9, "A", "B", "C"}]
ALL_SINGLE = [{m} for m in [1, 2, 3, 4, 5, 6, 7, 8, 9, "A", "B", "C"]]


def approx(x: float) -> object:
    return pytest.approx(x, abs=1e-9)


def test_muc_vilain_example() -> None:
    # Vilain et al. (1995): key A-B-C-D, response A-B, C-D: one link missing out of three.
    s = muc([{"A", "B", "C", "D"}], [{"A", "B"}, {"C", "D"}])
    assert s.recall == approx(2 / 3) and s.precision == approx(1.0)


def test_muc_cannot_tell_the_two_bagga_baldwin_errors_apart_but_b3_can() -> None:
    a, b = muc(KEY_12, MERGE_SMALL), muc(KEY_12, MERGE_LARGE)
    assert a.recall == b.recall == approx(1.0)
    assert a.precision == b.precision == approx(9 / 10)
    # B³ precision: (a) (5·1 + 2·2/7 + 5·5/7) / 12 = 16/21; (b) (10·5/10 + 2·1) / 12 = 7/12
    assert b_cubed(KEY_12, MERGE_SMALL).precision == approx(16 / 21)
    assert b_cubed(KEY_12, MERGE_LARGE).precision == approx(7 / 12)
    assert b_cubed(KEY_12, MERGE_SMALL).recall == approx(1.0)


def test_luo_degenerate_responses() -> None:
    # All in one cluster: MUC recall 1, precision (12-3)/11; CEAF-e aligns it with a 5-entity: φ = 10/17.
    assert muc(KEY_12, ALL_ONE).precision == approx(9 / 11)
    e = ceaf_e(KEY_12, ALL_ONE)
    assert e.recall == approx(10 / 17 / 3) and e.precision == approx(10 / 17)
    # All singletons: MUC 0/0 → 0; B³ recall (5·1/5 + 2·1/2 + 5·1/5)/12 = 3/12; CEAF-e Σφ = 1/3 + 2/3 + 1/3.
    m = muc(KEY_12, ALL_SINGLE)
    assert m.recall == 0 and m.precision == 0 and m.f1 == 0
    assert b_cubed(KEY_12, ALL_SINGLE).recall == approx(3 / 12)
    assert b_cubed(KEY_12, ALL_SINGLE).precision == approx(1.0)
    e = ceaf_e(KEY_12, ALL_SINGLE)
    assert e.recall == approx(4 / 3 / 3) and e.precision == approx(4 / 3 / 12)


def test_pradhan_2014_example_with_twinless_mentions() -> None:
    # Pradhan et al. (2014), reference implementation paper: h and i are not in the key.
    key = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
    response = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]
    s = score_all(key, response)
    assert s.muc.recall == approx(2 / 5) and s.muc.precision == approx(2 / 5)
    assert s.b3.recall == approx(35 / 84) and s.b3.precision == approx(1 / 2)
    assert s.ceaf_e.recall == approx(1.3 / 2) and s.ceaf_e.precision == approx(1.3 / 3)
    f = [2 * p * r / (p + r) for r, p in [(0.4, 0.4), (35 / 84, 0.5), (0.65, 1.3 / 3)]]
    assert s.conll == approx(sum(f) / 3)


def test_perfect_and_singletons() -> None:
    key = [{1, 2}, {3}, {4, 5, 6}]
    assert conll(key, key) == approx(1.0)
    # MUC ignores singletons entirely; B³ and CEAF-e count them.
    resp = [{1, 2}, {3, 4, 5, 6}]
    with_s, without = score_all(key, resp), score_all(key, resp, singletons=False)
    assert with_s.muc.precision == approx(3 / 4)
    assert without.muc.precision == approx(3 / 4)
    assert without.b3.recall == approx(1.0)  # key without singletons: {1,2},{4,5,6}; all found together
    assert without.b3.precision == approx((2 + 3 * 3 / 4) / 6)  # 3 is dropped from the key: twinless
    assert with_s.ceaf_e.recall == approx((1 + 2 * 3 / 7) / 3)


def test_clusters_from_labels_and_validation() -> None:
    assert sorted(map(sorted, clusters_from_labels({1: "x", 2: "y", 3: "x"}))) == [[1, 3], [2]]
    with pytest.raises(ValueError):
        muc([{1, 2}, {2, 3}], [{1}])


def _brute_max(w: list[list[float]]) -> float:
    n, m = len(w), len(w[0])
    if n <= m:
        return max(sum(w[i][c] for i, c in enumerate(cols)) for cols in itertools.permutations(range(m), n))
    return max(sum(w[r][j] for j, r in enumerate(rows)) for rows in itertools.permutations(range(n), m))


def test_hungarian_matches_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(60):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        w = [[rng.choice([0.0, 0.25, 0.5, rng.random()]) for _ in range(m)] for _ in range(n)]
        pairs = hungarian_max(w)
        assert len(pairs) == min(n, m)
        assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
        assert sum(w[r][c] for r, c in pairs) == approx(_brute_max(w))
        if n <= m:  # the pure-Python fallback on the same problem (as a minimisation)
            own = _hungarian_min([[-x for x in row] for row in w])
            assert sum(w[r][c] for r, c in own) == approx(_brute_max(w))
