"""Precision and recall of screening on 50 hand-written look-alike names against the OFAC SDN snapshot.

A query counts as *flagged* when any entry scores at least the threshold; a flag is correct when the expected
entry is among the hits (bench/data/screen_lookalikes.tsv). precision = correct flags / flags; recall =
positives whose expected entry is hit / positives. Usage: ``python bench/screen_lookalikes.py [--verbose]``.
OFAC data: ``../shared/data/ofac_sdn`` (override with $DOSSIER_OFAC).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "bench" / "data" / "screen_lookalikes.tsv"


def ofac_path() -> Path:
    return Path(os.environ.get("DOSSIER_OFAC", ROOT.parent / "shared" / "data" / "ofac_sdn"))


def read_cases() -> list[tuple[str, str, str, str]]:
    cases = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, type_, expected, kind = line.split("\t")
            cases.append((query, type_, expected, kind))
    return cases


def evaluate(min_score: float | None = None, symbols: bool = False) -> dict[str, object]:
    from dossier.screen.engine import DEFAULT_MIN_SCORE, Screener, Subject
    from dossier.screen.lists import read_list

    screener = Screener("ofac", read_list(str(ofac_path())).entries, min_score or DEFAULT_MIN_SCORE, symbols)
    flagged = correct = positives = found = 0
    rows = []
    for i, (query, type_, expected, kind) in enumerate(read_cases()):
        hits = screener.screen(Subject(f"q{i}", type_, query))
        ids = [h.entry for h in hits]
        positives += expected != "-"
        if hits:
            flagged += 1
            correct += expected in ids
        found += expected in ids
        rows.append({"query": query, "expected": expected, "kind": kind, "hits": [
            {"entry": h.entry, "name": h.match.b, "score": h.score, "how": list(h.match.reasons)} for h in hits[:3]]})
    return {"cases": len(rows), "positives": positives, "flagged": flagged,
            "precision": round(correct / flagged, 3) if flagged else 0.0,
            "recall": round(found / positives, 3) if positives else 0.0, "rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="Print every case with its hits.")
    parser.add_argument("--min-score", type=float)
    parser.add_argument("--symbols", action="store_true", help="Also pair names by rigour's name symbols.")
    args = parser.parse_args()
    if not (ofac_path() / "sdn.csv").exists():
        print(f"OFAC data not found at {ofac_path()}", file=sys.stderr)
        return 2
    result = evaluate(args.min_score, args.symbols)
    if args.verbose:
        for row in result["rows"]:  # type: ignore[attr-defined]
            print(json.dumps(row, ensure_ascii=False))
    summary = {k: v for k, v in result.items() if k != "rows"}
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
