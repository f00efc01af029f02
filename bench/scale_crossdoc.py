"""The cross-document step at scale: distributed entity resolution on Ray over synthetic Parquet shards.

Writes the synthetic reports of bench/resolve_scale.py (storylines, romanisation variants, namesakes, acronyms,
frequent organisations, gazetteer places; the same generator and seed) as Parquet shards of whole documents,
runs ``dossier.batch.crossdoc.resolve_shards`` on a local Ray with ``--cpus`` CPUs and prints, per size: wall
time and seconds per phase, peak RSS of the driver and of every Ray process (workers, raylet, GCS; sampled every
0.2 s with psutil), pairs compared, and the growth from one size to the next. ``--check`` also resolves the same
reports with ``resolve.engine`` in a store and says whether the links are identical (minutes at 100k).

Usage: python bench/scale_crossdoc.py [--sizes 1000000,10000000] [--cpus 2] [--check] [--json] [--in-process]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from resolve_scale import Doc, generate  # noqa: E402

DOCS_PER_SHARD = 5_000


def _write_shard(folder: Path, tables: dict[str, dict[str, list[Any]]]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for name, cols in tables.items():
        pq.write_table(pa.table(cols), folder / f"{name}.parquet")
    return folder


def _empty() -> dict[str, dict[str, list[Any]]]:
    return {
        "local_entities": {c: [] for c in ("id", "document", "type", "name", "aliases", "attributes")},
        "mentions": {c: [] for c in ("document", "entity", "sentence")},
        "relations": {c: [] for c in ("id", "document", "subject", "predicate", "object", "role")},
    }


def shards_from_docs(docs: Iterable[Doc], out: Path, docs_per_shard: int = DOCS_PER_SHARD
                     ) -> tuple[list[Path], dict[str, int]]:
    """Synthetic documents as Parquet shards (the columns of the store's tables)."""
    shards: list[Path] = []
    t = _empty()
    n_docs = counts = 0
    totals = {"documents": 0, "mentions": 0, "local_entities": 0}
    for d in docs:
        le, me, re_ = t["local_entities"], t["mentions"], t["relations"]
        for e in d.entities:
            for col, v in zip(("id", "document", "type", "name", "aliases", "attributes"),
                              (e[0], d.id, e[1], e[2], json.dumps(e[3]), json.dumps(e[4])), strict=True):
                le[col].append(v)
        for m in d.mentions:
            me["document"].append(d.id)
            me["entity"].append(m[1])
            me["sentence"].append(m[2])
        for r in d.relations:
            for col, v in zip(("id", "document", "subject", "predicate", "object", "role"),
                              (r[0], d.id, r[1], r[2], r[3], r[4]), strict=True):
                re_[col].append(v)
        totals["documents"] += 1
        totals["mentions"] += len(d.mentions)
        totals["local_entities"] += len(d.entities)
        n_docs += 1
        if n_docs == docs_per_shard:
            shards.append(_write_shard(out / f"shard-{counts:05d}", t))
            counts += 1
            t, n_docs = _empty(), 0
    if n_docs:
        shards.append(_write_shard(out / f"shard-{counts:05d}", t))
    return shards, totals


def shards_from_store(db: Path, out: Path, n_shards: int) -> list[Path]:
    """A store's extraction as Parquet shards of whole documents (documents dealt round-robin by id)."""
    with sqlite3.connect(db) as c:
        docs = [r[0] for r in c.execute("SELECT DISTINCT document FROM local_entities ORDER BY document")]
        shard_of = {d: i % n_shards for i, d in enumerate(docs)}
        tables = [_empty() for _ in range(n_shards)]
        for row in c.execute("SELECT id, document, type, name, aliases, attributes FROM local_entities"):
            cols = tables[shard_of[row[1]]]["local_entities"]
            for col, v in zip(cols, row, strict=True):
                cols[col].append(v)
        for row in c.execute("SELECT document, entity, sentence FROM mentions"):
            if row[0] in shard_of:
                cols = tables[shard_of[row[0]]]["mentions"]
                for col, v in zip(cols, row, strict=True):
                    cols[col].append(v)
        for row in c.execute("SELECT id, document, subject, predicate, object, role FROM relations"):
            if row[0 + 1] in shard_of:
                cols = tables[shard_of[row[1]]]["relations"]
                for col, v in zip(cols, row, strict=True):
                    cols[col].append(v)
    return [_write_shard(out / f"shard-{i:05d}", t) for i, t in enumerate(tables)]


def read_links(folder: Path) -> dict[str, tuple[str, str, float]]:
    import pyarrow.parquet as pq

    out: dict[str, tuple[str, str, float]] = {}
    for f in sorted(folder.glob("part-*.parquet")):
        for r in pq.read_table(f).to_pylist():
            out[r["local_entity"]] = (r["entity"], r["method"], r["score"])
    return out


def store_links(db: Path) -> dict[str, tuple[str, str, float]]:
    with sqlite3.connect(db) as c:
        return {r[0]: (r[1], r[2], r[3]) for r in c.execute("SELECT local_entity, entity, method, score "
                                                             "FROM entity_links")}


class Peaks:
    """Peak RSS of this process and of every process under it (Ray's raylet, GCS and workers), sampled."""

    def __init__(self, every: float = 0.2) -> None:
        import psutil

        self.me = psutil.Process()
        self.every = every
        self.peak: dict[int, tuple[str, int]] = {}
        self.cpu: dict[int, float] = {}  # CPU seconds of each process, last sample
        self.cpu0: dict[int, float] = {}  # ... when the measurement began (Ray's start is not counted)
        self.kind: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = self.me.children(recursive=True)
            except psutil.Error:
                procs = []
            for p in procs:
                try:
                    rss = p.memory_info().rss
                    name = " ".join(p.cmdline()[:1]) or p.name()
                    times = p.cpu_times()
                    self.cpu[p.pid] = times.user + times.system
                    self.kind[p.pid] = _kind(name, p.name())
                except psutil.Error:
                    continue
                if rss > self.peak.get(p.pid, ("", 0))[1]:
                    self.peak[p.pid] = (_kind(name, p.name()), rss)
            self._stop.wait(self.every)

    def __enter__(self) -> Peaks:
        import psutil

        for p in self.me.children(recursive=True):  # Ray already started: count only what comes after
            try:
                times = p.cpu_times()
            except psutil.Error:
                continue
            self.cpu0[p.pid] = times.user + times.system
        self._thread.start()
        return self

    def now(self) -> float:
        """CPU seconds of this process and of every process under it since the measurement began."""
        import psutil

        total = _cpu()
        for p in self.me.children(recursive=True):
            try:
                times = p.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system - self.cpu0.get(p.pid, 0.0)
        return total

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def cpu_seconds(self) -> float:
        return round(sum(c - self.cpu0.get(pid, 0.0) for pid, c in self.cpu.items()), 1)

    def cpu_by_kind(self) -> dict[str, Any]:
        """CPU seconds and process count per kind of process (workers, raylet, GCS, ...)."""
        out: dict[str, Any] = {}
        for pid, cpu in self.cpu.items():
            k = self.kind.get(pid, "?")
            seconds, count = out.get(k, (0.0, 0))
            out[k] = (round(seconds + cpu - self.cpu0.get(pid, 0.0), 1), count + 1)
        return out

    def by_kind(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for kind, rss in self.peak.values():
            out[kind] = max(out.get(kind, 0.0), round(rss / 2**20, 1))
        return out


def _kind(cmd: str, name: str) -> str:
    for k in ("raylet", "gcs_server", "dashboard", "log_monitor", "monitor"):
        if k in cmd or k in name:
            return k
    return "worker" if "ray::" in name or "default_worker" in cmd or "python" in name else name


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


# Ray starts its workers at nice 15 (below every other process); on a machine shared with other jobs that
# measures the neighbours, not the resolver. Workers at normal priority, as a batch job would be run:
os.environ.setdefault("RAY_worker_niceness", "0")


class _Ref:
    """An object as Ray's object store holds it: pickled once when put, unpickled by every reader."""

    __slots__ = ("blob",)

    def __init__(self, value: Any) -> None:
        import pickle

        self.blob = pickle.dumps(value, protocol=5)

    def get(self) -> Any:
        import pickle

        return pickle.loads(self.blob)


class _Task:
    def __init__(self, fn: Any, n: int = 1) -> None:
        self.fn, self.n = fn, n

    def options(self, num_returns: int = 1) -> _Task:
        return _Task(self.fn, num_returns)

    def remote(self, *args: Any) -> Any:
        out = self.fn(*[a.get() if isinstance(a, _Ref) else a for a in args])
        return _Ref(out) if self.n == 1 else [_Ref(x) for x in out]


class InProcessRay:
    """``--in-process``: the same job, every task run in this process in turn, every argument and result
    pickled as through Ray's object store. Its CPU seconds are the work and its serialisation without Ray's
    own processes (start-up, raylet, GCS, idle workers), which a loaded machine inflates in proportion to the
    wall time; a steadier figure to compare two versions by."""

    def is_initialized(self) -> bool:
        return True

    def remote(self, fn: Any) -> _Task:
        return _Task(fn)

    def get(self, refs: Any) -> Any:
        return [r.get() for r in refs] if isinstance(refs, list) else refs.get()

    def put(self, value: Any) -> _Ref:
        return _Ref(value)

    def shutdown(self) -> None:
        pass


def run_in_process(n: int, seed: int, tmp: Path, docs_per_shard: int, buckets: int | None) -> dict[str, Any]:
    from dossier.batch import crossdoc

    shards, totals = shards_from_docs(generate(n, seed), tmp / "shards", docs_per_shard)
    crossdoc._ray = InProcessRay  # type: ignore[assignment]  # the bench's stand-in for the ray module
    cpu0 = _cpu()
    stats = crossdoc.resolve_shards_stats(shards, tmp / "out", n_buckets=buckets)
    out = {**totals, "in_process_cpu_seconds": round(_cpu() - cpu0, 1), "seconds": stats.seconds,
           "phases": stats.phases, "pairs_compared": stats.pairs_compared, "entities": stats.entities,
           "buckets": stats.buckets, "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
           "load_average": [round(x, 1) for x in os.getloadavg()]}
    shutil.rmtree(tmp / "shards")
    shutil.rmtree(tmp / "out")
    return out


def run_size(n: int, seed: int, cpus: int, tmp: Path, check: bool, docs_per_shard: int = DOCS_PER_SHARD,
             buckets: int | None = None) -> dict[str, Any]:
    from dossier.batch.crossdoc import resolve_shards_stats

    t = time.perf_counter()
    shards, totals = shards_from_docs(generate(n, seed), tmp / "shards", docs_per_shard)
    gen = time.perf_counter() - t
    import ray

    from dossier.batch.crossdoc import start_ray

    t = time.perf_counter()
    start_ray(num_cpus=cpus)
    ray_start = time.perf_counter() - t
    phase_cpu: dict[str, float] = {}
    try:
        with Peaks() as peaks:
            rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            cpu0 = _cpu()
            first = last = peaks.now()

            def progress(m: str) -> None:
                nonlocal last
                now = peaks.now()
                name = m.split(":")[0]
                phase_cpu[name] = round(now - last, 1)
                last = now
                print(f"    {m} (CPU {phase_cpu[name]} s, all processes)", file=sys.stderr, flush=True)

            stats = resolve_shards_stats(shards, tmp / "out", num_cpus=cpus, n_buckets=buckets, progress=progress)
            total_cpu = round(peaks.now() - first, 1)
    finally:
        ray.shutdown()
    out: dict[str, Any] = {
        **totals, "shards": len(shards), "generate_seconds": round(gen, 1), "seconds": stats.seconds,
        "phases": stats.phases, "buckets": stats.buckets, "pairs_compared": stats.pairs_compared,
        "pairs_stored": stats.pairs_stored, "accepted": stats.accepted, "components": stats.components,
        "largest_component": stats.largest_component, "largest_bucket": stats.largest_bucket,
        "keys_over_cap": stats.keys_over_cap,
        "pairs_per_local_entity": round(stats.pairs_compared / max(1, stats.local_entities), 2),
        "entities": stats.entities,
        "driver_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "driver_rss_before_mb": round(rss0 / 1024, 1), "ray_peak_rss_mb": peaks.by_kind(),
        "driver_cpu_seconds": round(_cpu() - cpu0, 1), "ray_cpu_seconds": peaks.cpu_seconds(),
        "ray_cpu_by_kind": peaks.cpu_by_kind(), "load_average": [round(x, 1) for x in os.getloadavg()],
        "cpu_seconds_all_processes": total_cpu, "phase_cpu_seconds": phase_cpu,
        "ray_start_seconds": round(ray_start, 1),
        "out_mb": round(sum(f.stat().st_size for f in (tmp / "out").rglob("*.parquet")) / 2**20, 1),
    }
    if check:
        out["identical_to_engine"] = _check(n, seed, tmp, read_links(tmp / "out" / "entity_links"))
    shutil.rmtree(tmp / "shards")
    shutil.rmtree(tmp / "out")
    return out


def _check(n: int, seed: int, tmp: Path, links: dict[str, tuple[str, str, float]]) -> bool:
    from resolve_scale import write_store

    from dossier.resolve.engine import resolve
    from dossier.store import open_store

    db = tmp / "check.db"
    write_store(db, iter(list(generate(n, seed))))
    with open_store(db) as store:
        resolve(store, full=True)
    same = store_links(db) == links
    db.unlink()
    return same


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000", help="comma-separated mention counts")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cpus", type=int, default=2)
    ap.add_argument("--check", action="store_true", help="also resolve with resolve.engine and compare the links")
    ap.add_argument("--docs-per-shard", type=int, default=DOCS_PER_SHARD)
    ap.add_argument("--buckets", type=int, help="key and component buckets (default: one per 100 000 local entities)")
    ap.add_argument("--tmp", type=Path, help="work folder (default: a temporary one)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--in-process", action="store_true",
                    help="run every task in this process, pickling what moves between tasks (CPU of the work alone)")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            if args.in_process:
                print(json.dumps(run_in_process(size, args.seed, Path(tmp), args.docs_per_shard, args.buckets)))
                continue
            r = run_size(size, args.seed, args.cpus, Path(tmp), args.check, args.docs_per_shard, args.buckets)
            results.append(r)
            if not args.json:
                _print(r)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for prev, cur in zip(results, results[1:], strict=False):
        k = cur["mentions"] / prev["mentions"]
        print(f"{prev['mentions']:>10,} → {cur['mentions']:>10,} mentions (×{k:.1f}): "
              f"time ×{cur['seconds'] / prev['seconds']:.1f}, pairs compared "
              f"×{cur['pairs_compared'] / max(1, prev['pairs_compared']):.1f}, worker peak RSS "
              f"×{cur['ray_peak_rss_mb'].get('worker', 0) / max(1, prev['ray_peak_rss_mb'].get('worker', 1)):.1f}")


def _print(r: dict[str, Any]) -> None:
    print(f"{r['mentions']:>10,} mentions  {r['documents']:>8,} reports  {r['local_entities']:>9,} local entities  "
          f"{r['shards']} shards, {r['buckets']} buckets (generated in {r['generate_seconds']} s)")
    print(f"           resolve {r['seconds']:.1f} s wall, CPU {r['driver_cpu_seconds']} s driver + "
          f"{r['ray_cpu_seconds']} s Ray processes; phases {r['phases']}")
    print(f"           {r['pairs_compared']:,} pairs compared, {r['pairs_stored']:,} kept, {r['accepted']:,} accepted; "
          f"{r['components']:,} components (largest {r['largest_component']:,}), {r['entities']:,} entities; "
          f"output {r['out_mb']} MB")
    print(f"           peak RSS MB: driver {r['driver_peak_rss_mb']} (before {r['driver_rss_before_mb']}), "
          f"Ray {r['ray_peak_rss_mb']}")
    if "identical_to_engine" in r:
        print(f"           links identical to resolve.engine: {r['identical_to_engine']}")


if __name__ == "__main__":
    main()
