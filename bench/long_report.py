"""Peak memory of ``dossier ingest`` on one very long report (issue 13: 1.9 M characters took 6.4 GB).

Builds a report of ``--chars`` characters from the example reports (paragraphs, as a long report has them),
runs the real CLI on it in a fresh store and samples the resident memory of the whole process tree (the
ingest process and its workers, summed) every 0.1 s. Prints one line: seconds, peak RSS, exit code, and the
CLI's summary. Usage: ``python bench/long_report.py --chars 1900000``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]


def build(chars: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples" / "reports").glob("*.txt"))]
    out: list[str] = []
    size = 0
    while size < chars:
        piece = parts[len(out) % len(parts)] + "\n\n"
        out.append(piece)
        size += len(piece)
    return "".join(out)[:chars]


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, default=1_900_000)
    ap.add_argument("extra", nargs="*", help="more arguments for `dossier ingest`")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "long.txt"
        report.write_text(build(args.chars), encoding="utf-8")
        cmd = [sys.executable, "-m", "dossier", "--db", str(Path(tmp) / "s.db"), "ingest", *args.extra, str(report)]
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, cwd=REPO)
        ps = psutil.Process(proc.pid)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss(ps))
            time.sleep(0.1)
        err = proc.stderr.read() if proc.stderr else ""
        took = time.monotonic() - start
    last = [line for line in err.splitlines() if line.strip()][-2:]
    print(f"{args.chars:,} chars: {took:.0f} s, peak RSS {peak / 2**20:,.0f} MiB (process tree), "
          f"exit {proc.returncode}: {' | '.join(last)}")


if __name__ == "__main__":
    main()
