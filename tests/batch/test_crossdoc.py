"""The distributed cross-document step (``dossier.batch.crossdoc`` on Ray, local mode, 2 CPUs) gives exactly the
links, pairs and refusals ``resolve.engine`` gives on the same local entities: on the example reports, on a slice
of real news (MEANTIME, skipped where the shared data is absent) and on synthetic reports whose frequent names
overflow the blocking cap (pivots, capped keys, namesakes kept apart)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ray")
pq = pytest.importorskip("pyarrow.parquet")

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from scale_crossdoc import read_links, shards_from_store, store_links  # noqa: E402

from dossier.batch.crossdoc import resolve_shards, resolve_shards_stats  # noqa: E402
from dossier.batch.crossdoc_parts import ShardError  # noqa: E402


def _rows(folder: Path) -> list[dict[str, Any]]:
    return [r for f in sorted(folder.glob("part-*.parquet")) for r in pq.read_table(f).to_pylist()]


def _store_pairs(db: Path) -> tuple[set[tuple[Any, ...]], set[tuple[str, str, str]]]:
    with sqlite3.connect(db) as c:
        pairs = {tuple(r) for r in c.execute(
            "SELECT a, b, score, accepted, weak_a, weak_b, features FROM resolution_pairs")}
        notes = {(r[0], r[1], r[2]) for r in c.execute(
            "SELECT a, b, applied FROM resolution_pairs WHERE applied IS NOT NULL")}
    return pairs, notes


def _assert_same(db: Path, out: Path) -> dict[str, tuple[str, str, float]]:
    links = read_links(out / "entity_links")
    expected = store_links(db)
    assert links == expected
    pairs, notes = _store_pairs(db)
    got = {(r["a"], r["b"], r["score"], r["accepted"], r["weak_a"], r["weak_b"], r["features"])
           for r in _rows(out / "resolution_pairs")}
    assert got == pairs
    assert {(r["a"], r["b"], r["applied"]) for r in _rows(out / "pair_notes")} == notes
    return links


def test_examples_same_as_engine(local_ray: None, example_db: Path, tmp_path: Path) -> None:
    shards = shards_from_store(example_db, tmp_path / "shards", 3)
    out = resolve_shards(shards, tmp_path / "out", n_buckets=3)
    assert out == tmp_path / "out" / "entity_links"
    links = _assert_same(example_db, tmp_path / "out")
    entities = {e for e, _m, _s in links.values()}
    assert len(links) > 300 and len(entities) < len(links) - 100  # real cross-report merges, not singletons
    with sqlite3.connect(example_db) as c:
        n_profiles = c.execute("SELECT count(*) FROM resolution_profiles").fetchone()[0]
        keys = {tuple(r) for r in c.execute("SELECT key, size FROM resolution_keys")}
    assert len(_rows(tmp_path / "out" / "resolution_profiles")) == n_profiles
    assert {(r["key"], r["size"]) for r in _rows(tmp_path / "out" / "resolution_keys")} == keys


def test_synthetic_over_the_cap_same_as_engine(local_ray: None, tmp_path: Path) -> None:
    from resolve_scale import generate, write_store
    from scale_crossdoc import shards_from_docs

    from dossier.resolve.engine import resolve
    from dossier.store import open_store

    docs = list(generate(20_000, 11))
    db = tmp_path / "synthetic.db"
    write_store(db, iter(docs))
    with open_store(db) as store:
        resolve(store, full=True)
    shards, totals = shards_from_docs(docs, tmp_path / "shards", docs_per_shard=300)
    stats = resolve_shards_stats(shards, tmp_path / "out", n_buckets=4)
    with sqlite3.connect(db) as c:
        big = c.execute("SELECT count(*) FROM resolution_keys WHERE size > 64 AND key NOT LIKE 'r|%' "
                        "AND key NOT LIKE 'x|L|%'").fetchone()[0]
    assert big > 0  # frequent names went past the cap: pivots and silent capped keys are exercised
    assert len(shards) > 3 and stats.local_entities == totals["local_entities"]
    _assert_same(db, tmp_path / "out")
    assert not (tmp_path / "out" / "_shuffle").exists()  # the files handed between steps are gone


@pytest.mark.model
def test_meantime_slice_same_as_engine(local_ray: None, tmp_path: Path) -> None:
    import os

    from click.testing import CliRunner

    from dossier.cli.main import cli

    data = Path(os.environ.get("DOSSIER_MEANTIME", Path(__file__).resolve().parents[2] / "../shared/data/meantime"))
    if not data.is_dir():
        pytest.skip("MEANTIME is absent (../shared/data/meantime)")
    from score_meantime_entities import load_article

    texts = tmp_path / "texts"
    texts.mkdir()
    for f in sorted((data / "corpus_airbus").rglob("*.xml"))[:12]:
        art = load_article(f)
        (texts / f"{art.name}.txt").write_text(art.text + "\n", encoding="utf-8")
    db = tmp_path / "meantime.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", "-q", str(texts)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    shards = shards_from_store(db, tmp_path / "shards", 2)
    resolve_shards(shards, tmp_path / "out", n_buckets=2)
    links = _assert_same(db, tmp_path / "out")
    assert len({e for e, _m, _s in links.values()}) < len(links)


def test_bad_shard_is_one_clear_line(tmp_path: Path) -> None:
    import pyarrow as pa

    (tmp_path / "s").mkdir()
    pq.write_table(pa.table({"id": ["x"], "document": ["d"]}), tmp_path / "s" / "local_entities.parquet")
    from dossier.batch.crossdoc_parts import profile_shard

    with pytest.raises(ShardError, match=r"local_entities\.parquet: missing column 'type'"):
        profile_shard(tmp_path / "s", 0)
    with pytest.raises(ShardError, match="missing"):
        resolve_shards([tmp_path / "nowhere"], tmp_path / "out")


def test_shards_from_records_same_as_engine(local_ray: None, tmp_path: Path) -> None:
    """Extraction records written by ``write_shard`` (as ``dossier batch`` does) resolve as the store does."""
    from dossier.batch.crossdoc_shards import write_shard
    from tests.resolve.entity_factory import L, O, P, extraction, report, store_with

    reports = [
        report("a.txt", P("Yousef al-Haddad", ["Al-Haddad"]), O("Harakat al-Sumud al-Watani", ["HSW"]),
               L("Tehran", gid="112931", country="IR"),
               rel=[("Yousef al-Haddad", "membership", "Harakat al-Sumud al-Watani", "spokesperson")]),
        report("b.txt", P("Yusuf el-Haddad"), O("HSW"), L("Tehran", gid="112931", country="IR"),
               rel=[("Yusuf el-Haddad", "membership", "HSW", "spokesperson")]),
        report("c.txt", P("Haddad"), O("Harakat el-Sumud el-Watani"), P("Qasim Raza Siddiqui")),
        report("d.txt", O("Kasim Raza Siddiqi"), P("Yousef al-Haddad"), O("Qamar Crest General Trading FZE")),
    ]
    db = tmp_path / "s.db"
    store_with(db, *reports).close()
    xs = [extraction(r) for r in reports]
    shards = [write_shard(xs[:2], tmp_path / "s0"), write_shard(xs[2:], tmp_path / "s1")]
    resolve_shards(shards, tmp_path / "out", n_buckets=2)
    links = _assert_same(db, tmp_path / "out")
    assert len({e for e, _m, _s in links.values()}) < len(links)
