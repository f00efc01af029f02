"""Screening speed: 10,000 entities against a 50,000-name list (issue 17: under a minute on this machine).

The list is the OFAC SDN snapshot (names and aliases) topped up to 50,000 names with people and organisations
made from its own words and the given names dossier ships (deterministic: seeded); the 10,000 entities are
made the same way with another seed, plus every 50th an exact copy of a list name, so both blocking and
scoring are exercised. Prints seconds to index the list, seconds to screen, and hits.
Usage: ``python bench/screen_speed.py [--entities 10000] [--names 50000]``; $DOSSIER_OFAC overrides the data.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ofac_path() -> Path:
    return Path(os.environ.get("DOSSIER_OFAC", ROOT.parent / "shared" / "data" / "ofac_sdn"))


def build(n_entities: int, n_names: int) -> tuple[list[object], list[object]]:
    from dossier.screen.engine import Subject
    from dossier.screen.lists import WatchEntry, read_list

    entries = list(read_list(str(ofac_path())).entries)
    given = [w.strip().title() for w in resources.files("dossier.data").joinpath("given_names.txt")
             .read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]
    words = sorted({w.strip(",.()'").title() for e in entries for w in e.name.split() if len(w) > 3})
    rng = random.Random(17)
    total = sum(1 + len(e.aliases) for e in entries)
    i = 0
    while total < n_names:
        if i % 3:
            name = f"{rng.choice(given)} {rng.choice(words)}"
            entries.append(WatchEntry(f"x{i}", "Person", name))
        else:
            name = f"{rng.choice(words)} {rng.choice(words)} {rng.choice(['Trading', 'Group', 'Ltd', 'Front'])}"
            entries.append(WatchEntry(f"x{i}", "Organization", name))
        total += 1
        i += 1
    rng = random.Random(29)
    subjects = []
    for k in range(n_entities):
        if k % 50 == 0:
            e = rng.choice(entries)
            kind = "person" if e.schema == "Person" else "organization"
            subjects.append(Subject(f"e{k}", kind, e.name))
        elif k % 3:
            subjects.append(Subject(f"e{k}", "person", f"{rng.choice(given)} {rng.choice(words)}"))
        else:
            subjects.append(Subject(f"e{k}", "organization", f"{rng.choice(words)} {rng.choice(words)}"))
    return entries, subjects


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--names", type=int, default=50_000)
    parser.add_argument("--symbols", action="store_true", help="Screen with rigour's name symbols.")
    args = parser.parse_args()
    if not (ofac_path() / "sdn.csv").exists():
        print(f"OFAC data not found at {ofac_path()}", file=sys.stderr)
        return 2
    from dossier.screen.engine import Screener

    entries, subjects = build(args.entities, args.names)
    from dossier.screen.names import prepare

    loading = time.perf_counter()
    cpu = time.process_time()
    prepare("warm up", "person", args.symbols)  # rigour loads its name-symbol tables once per process
    started = time.perf_counter()
    screener = Screener("bench", entries, symbols=args.symbols)  # type: ignore[arg-type]
    indexed = time.perf_counter()
    hits = sum(len(screener.screen(s)) for s in subjects)  # type: ignore[arg-type]
    done = time.perf_counter()
    print(json.dumps({
        "entities": len(subjects), "list_names": len(screener.index.names), "load_s": round(started - loading, 1),
        "index_s": round(indexed - started, 1), "screen_s": round(done - indexed, 1),
        "total_s": round(done - loading, 1), "cpu_s": round(time.process_time() - cpu, 1), "hits": hits,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
