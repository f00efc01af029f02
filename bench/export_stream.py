"""Time and peak memory of ``dossier export`` per format, on stores of different sizes (docs/formats/README.md).

Each (store, format) runs in a fresh process that opens the store, makes a ``Selection`` and counts its facts
(one pass over the fact streams, ``dossier.analyze.stream``), then writes the export. It reports three figures
from its own ``VmHWM`` (/proc/self/status): the resident high-water mark after start-up, after that pass, and
after writing. Comparing the 1k and 10k stores shows what grows with the store and what does not.

The stores come from bench/big_store.py (built once, cached under bench/.cache/). A cached store of an older
schema is not rebuilt (34 min at 10k): a copy under the temporary directory gets the new tables and a refresh.

Usage: python bench/export_stream.py [--reports 1000 10000] [--formats graphml gexf csv parquet neo4j json]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import big_store  # noqa: E402

FORMATS = ("json", "graphml", "gexf", "csv", "parquet", "neo4j")

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from dossier.store import open_store
from dossier.export.select import Selection
db, fmt, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
def rss():  # VmHWM: this process's own high-water mark (ru_maxrss keeps the parent's across fork + exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"): return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
import dossier.export.graphml, dossier.export.gexf, dossier.export.tables, dossier.export.neo4j, pyarrow.parquet
start = rss()
t0 = time.perf_counter()
with open_store(db, readonly=True) as store:
    sel = Selection(store)
    n = {k: sum(1 for _ in getattr(sel, k)()) for k in ("relations", "events", "claims")}
    t1 = time.perf_counter(); selected = rss()
    if fmt == "json":
        from dossier.export.json_export import write_json
        with open(out, "w", encoding="utf-8") as f: write_json(store, f)
    elif fmt in ("graphml", "gexf"):
        mod = getattr(dossier.export, fmt)
        with open(out, "w", encoding="utf-8") as f: mod.write(sel, f)
    elif fmt == "neo4j":
        dossier.export.neo4j.write(sel, out)
    else:
        getattr(dossier.export.tables, "write_" + fmt)(sel, out)
    t2 = time.perf_counter()
size = sum(p.stat().st_size for p in ([out] if out.is_file() else out.iterdir()))
print(json.dumps({"start_mb": start, "selection_mb": selected, "peak_mb": rss(), "select_s": t1 - t0,
                  "write_s": t2 - t1, "bytes": size, "facts": n}))
"""


def measure(db: Path, fmt: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / ("export" if fmt in ("csv", "parquet", "neo4j") else f"export.{fmt}")
        proc = subprocess.run([sys.executable, "-c", CHILD, str(db), fmt, str(out)], capture_output=True,
                              text=True, check=True)
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def store_for(n: int) -> Path:
    """The cached n-report store; when its schema is older, an upgraded copy (the cache is never written)."""
    from dossier.analyze import refresh
    from dossier.store import SCHEMA_VERSION, open_store
    from dossier.store.script import statements

    cached = big_store.default_path(n)
    if not cached.exists() or big_store._document_count(cached) is not None:
        return big_store.build(n)
    dest = Path(tempfile.gettempdir()) / f"dossier-bench-store-{n}-v{SCHEMA_VERSION}.db"
    if dest.exists() and big_store._document_count(dest) is not None:
        return dest
    dest.unlink(missing_ok=True)
    with sqlite3.connect(cached) as src, sqlite3.connect(dest) as out:
        src.backup(out)
        schema = resources.files("dossier.store").joinpath("schema.sql").read_text(encoding="utf-8")
        for stmt in statements(schema):  # CREATE ... IF NOT EXISTS: only the new tables are made
            out.execute(stmt)
        out.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
    with open_store(dest) as store:
        print(f"{n}: upgraded a copy to schema v{SCHEMA_VERSION}: {refresh(store)}", file=sys.stderr)
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    args = parser.parse_args()
    rows = []
    for n in args.reports:
        db = store_for(n)
        for fmt in args.formats:
            r = measure(db, fmt)
            rows.append({"reports": n, "format": fmt, **r})
            print(f"{n} {fmt}: {r}", file=sys.stderr)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print("| reports | format | facts pass s | write s | output MB | RSS start MB | RSS after facts pass MB "
          "| peak RSS MB | peak − facts pass MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        extra = float(r["peak_mb"]) - float(r["selection_mb"])  # type: ignore[arg-type]
        print(f"| {r['reports']:,} | {r['format']} | {r['select_s']:.1f} | {r['write_s']:.1f} | "
              f"{int(r['bytes']) / 1e6:.1f} | {r['start_mb']:.0f} | {r['selection_mb']:.0f} | "  # type: ignore[call-overload]
              f"{r['peak_mb']:.0f} | {extra:.0f} |")


if __name__ == "__main__":
    main()
