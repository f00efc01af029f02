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
        docs = {parts.load_profile(blob).document for part in routed for _k, blob, _c, _keys, _g in part}
        assert r.contexts <= len(docs)
        loaded += r.contexts
        routed_docs += len(docs)
        compared += r.compared
    assert compared > 0 and 0 < loaded < routed_docs  # some reports reach a bucket where no pair reads them
    assert loaded >= n_docs * 0.5  # yet most reports have a scored pair somewhere
