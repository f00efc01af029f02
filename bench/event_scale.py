"""Memory and time of cross-document event clustering at scale (issue 13: flat memory).

Makes ``--reports`` short reports, each one sentence with two of 50 recurring people, an event verb and a place
(the audit's load: every report an event, all in one type family, most undated), seeded so the same arguments
give the same texts; ingests them with ``dossier ingest`` in a fresh process, then runs
``dossier analyze --full`` on the store, and reports each step's wall time and peak RSS (``/usr/bin/time``),
plus the event records, clusters and the largest block.

Usage: python bench/event_scale.py [--reports 10000] [--seed 3] [--keep DIR] [--skip-ingest DB] [--src PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GIVEN = ["Ahmed", "Bilal", "Farid", "Hamid", "Imran", "Javed", "Karim", "Latif", "Nasir", "Omar"]
FAMILY = ["Qureshi", "Siddiqui", "Malik", "Chaudhry", "Baig"]
PLACES = ["Lahore", "Karachi", "Peshawar", "Quetta", "Multan", "Bahawalpur", "Islamabad", "Rawalpindi"]
VERBS = ["met", "held talks with", "attacked", "arrested", "visited"]


def reports(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    people = [f"{g} {f}" for g in GIVEN for f in FAMILY]  # 50 recurring people
    out = []
    for i in range(n):
        a, b = rng.sample(people, 2)
        verb, place = rng.choice(VERBS), rng.choice(PLACES)
        when = f" on March {rng.randint(1, 28)}, 2025" if rng.random() < 0.3 else ""
        out.append(f"{a} {verb} {b} in {place}{when}, officials said in report {i}.\n")
    return out


def timed(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run ``cmd`` under /usr/bin/time -v: wall seconds and peak RSS (MB)."""
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
    seconds = 0.0
    if wall:
        seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return {"wall_s": round(seconds, 1), "peak_rss_mb": round(int(rss.group(1)) / 1024, 1) if rss else -1.0}


def store_figures(db: Path) -> dict[str, int]:
    c = sqlite3.connect(db)
    try:
        events = c.execute("SELECT count(*) FROM events").fetchone()[0]
        clusters = c.execute("SELECT count(DISTINCT cluster) FROM event_clusters").fetchone()[0]
        block = c.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM event_clusters GROUP BY partition)").fetchone()
        return {"events": events, "clusters": clusters, "largest_block_or_partition": block[0] or 0}
    finally:
        c.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="write the reports and the store here (default: a temporary folder)")
    ap.add_argument("--skip-ingest", type=Path, help="an existing store: only run analyze --full on it")
    ap.add_argument("--src", type=Path, default=REPO / "src", help="the dossier source to measure (a baseline)")
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.src)}
    dossier = [sys.executable, "-m", "dossier"]
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        result: dict[str, object] = {"reports": args.reports}
        if args.skip_ingest:
            db = args.skip_ingest
        else:
            folder = base / "reports"
            folder.mkdir(parents=True, exist_ok=True)
            for i, text in enumerate(reports(args.reports, args.seed)):
                (folder / f"r{i:05d}.txt").write_text(text, encoding="utf-8")
            db = base / "store.db"
            result["ingest"] = timed([*dossier, "--db", str(db), "ingest", str(folder)], env)
        result["analyze_full"] = timed([*dossier, "--db", str(db), "analyze", "--full"], env)
        result.update(store_figures(db))
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
