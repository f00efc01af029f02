"""The score step's partition functions without Ray: profiles and contexts survive their compact pickles field
for field, and a score task unpickles only the report contexts its scored pairs read, with the same pairs
scored as when every routed context is loaded."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pyarrow.parquet")

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from resolve_scale import generate  # noqa: E402
from scale_crossdoc import shards_from_docs  # noqa: E402

from dossier.batch import crossdoc_parts as parts  # noqa: E402
from dossier.resolve.compare import DocContext  # noqa: E402


def _routed(tmp: Path, n_buckets: int) -> tuple[list[list[list[parts.Routed]]], parts.BigKeys, int]:
    shards, totals = shards_from_docs(generate(4_000, 5), tmp / "shards", docs_per_shard=100)
    sps = [parts.profile_shard(d, i) for i, d in enumerate(shards)]
    members = [parts.shard_members(sp, n_buckets)[0] for sp in sps]
    blocks = [parts.block_bucket([m[b] for m in members], len(sps)) for b in range(n_buckets)]
    big: parts.BigKeys = {}
    for r in blocks:
        big.update(r.big)
    routed = [parts.route_profiles(parts.pack(sp), [r.routes[i] for r in blocks], n_buckets)
              for i, sp in enumerate(sps)]
    return [[r[b] for r in routed] for b in range(n_buckets)], big, totals["documents"]


def test_profiles_and_contexts_round_trip(tmp_path: Path) -> None:
    shards, _ = shards_from_docs(generate(2_000, 3), tmp_path / "shards", docs_per_shard=100)
    sp = parts.profile_shard(shards[0], 0)
    assert sp.profiles and sp.contexts
    for p in sp.profiles:
        q = parts.load_profile(parts.dump_profile(p))
        assert q == p and q.own == p.own and q.joined == p.joined  # derived fields too
    for ctx in sp.contexts.values():
        back = parts.load_context(parts.dump_context(ctx))
        assert isinstance(back, DocContext) and back == ctx


def test_score_bucket_loads_only_the_contexts_it_reads(tmp_path: Path) -> None:
    per_bucket, big, n_docs = _routed(tmp_path, 8)
    loaded = routed_docs = compared = 0
    for routed in per_bucket:
        r = parts.score_bucket(routed, big)
        docs = {parts.load_profile(blob).document for part in routed for _k, _i, blob, _c, _keys, _g in part}
        assert r.contexts <= len(docs)
        loaded += r.contexts
        routed_docs += len(docs)
        compared += r.compared
    assert compared > 0 and 0 < loaded < routed_docs  # some reports reach a bucket where no pair reads them
    assert loaded >= n_docs * 0.5  # yet most reports have a scored pair somewhere


def test_score_bucket_unpickles_only_the_profiles_its_pairs_read(tmp_path: Path) -> None:
    """A profile routed to a bucket whose pairs are all scored elsewhere (under a smaller shared key) is never
    unpickled there; the pairs scored are the same as with every profile loaded up front."""
    per_bucket, big, _ = _routed(tmp_path, 8)
    loaded = routed = 0
    for parts_ in per_bucket:
        r = parts.score_bucket(parts_, big)
        gids = {g for part in parts_ for *_rest, g in part}
        assert r.profiles <= len(gids)
        loaded += r.profiles
        routed += len(gids)
        eager = _eager_pairs(parts_, big)
        assert sorted(zip(r.pairs["a"], r.pairs["b"], r.pairs["score"], r.pairs["features"], strict=True)) == eager
    assert 0 < loaded < routed


def _eager_pairs(routed: list[list[parts.Routed]], big: parts.BigKeys) -> list[tuple[str, str, float, str]]:
    """Every candidate pair of the bucket scored straight from the resolver's rules, every profile loaded."""
    from dossier.resolve.scoring import name_gate, score_pair

    by_key: dict[str, dict[str, tuple[parts.Profile, tuple[str, ...], bytes]]] = {}
    for part in routed:
        for k, i, blob, ctx, keys, _g in part:
            by_key.setdefault(k, {})[i] = (parts.load_profile(blob), keys, ctx)
    justify = parts._Justify(big)
    out = []
    for k, members in by_key.items():
        ids = sorted(members)
        piv = big.get(k)
        for n, a in enumerate(ids):
            for b in ids[n + 1:]:
                if piv is not None and a not in piv and b not in piv:
                    continue
                (pa, ka, ca), (pb, kb, cb) = members[a], members[b]
                if not justify.first_is(k, ka, frozenset(kb), a, b):
                    continue
                level = name_gate(pa, pb)
                if level is not None:
                    s = score_pair(pa, pb, parts.load_context(ca), parts.load_context(cb), level)
                    out.append((s.a, s.b, s.score, s.stored_levels()))
    return sorted(out)


def test_tasks_leave_no_cyclic_garbage(tmp_path: Path) -> None:
    """The tasks run with the cyclic collector paused (``crossdoc._gc_off``): that is only free while they
    create no reference cycles, which would then wait for the next collection. Every task of a whole run (in
    this process, as the bench's ``--in-process`` runs them) is checked, and the collector is back on after."""
    import gc

    from scale_crossdoc import InProcessRay

    from dossier.batch import crossdoc

    shards, _ = shards_from_docs(generate(6_000, 5), tmp_path / "shards", docs_per_shard=150)
    found: dict[str, int] = {}
    names = ["_t_profile", "_t_block", "_t_route", "_t_score", "_t_split", "_t_owners", "_t_groups", "_t_cluster",
             "_b_gids", "_i_gids"]
    saved = {n: getattr(crossdoc, n) for n in names}
    saved_ray = crossdoc._ray

    def checked(name: str) -> object:
        def run(*args: object) -> object:
            gc.collect()
            out = saved[name](*args)
            assert gc.isenabled()
            found[name] = found.get(name, 0) + gc.collect()
            return out
        return run

    try:
        crossdoc._ray = InProcessRay  # type: ignore[assignment]
        for n in names:
            setattr(crossdoc, n, checked(n))
        stats = crossdoc.resolve_shards_stats(shards, tmp_path / "out", n_buckets=3)
    finally:
        crossdoc._ray = saved_ray  # type: ignore[method-assign]
        for n, f in saved.items():
            setattr(crossdoc, n, f)
    assert stats.pairs_compared > 0 and set(found) == set(names)
    assert found == dict.fromkeys(names, 0)


def test_output_parts_of_a_table_read_together_when_a_task_wrote_none_of_its_rows(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dossier.batch.crossdoc_load import _rows

    # a bucket with no refusal notes writes empty columns, which Parquet types as null
    pq.write_table(pa.table({"a": [], "b": [], "applied": []}), tmp_path / "part-00000.parquet")
    pq.write_table(pa.table({"a": ["l2", "l1"], "b": ["l3", "l4"], "applied": ["refused", "kept"]}),
                   tmp_path / "part-00001.parquet")
    assert list(_rows(tmp_path, ["a", "b", "applied"], ["a", "b"])) == [("l1", "l4", "kept"), ("l2", "l3", "refused")]
