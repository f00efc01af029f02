"""Build a large store from synthetic reports, once, for the export and API benchmarks.

The reports are made from the example corpus (examples/reports, plain-text ones) with a seeded RNG, so the same
``--reports`` and ``--seed`` always give the same texts: each is an example report with its people renamed (given
names and surnames recombined from the corpus's gold person names, so the store gains new entities as it grows),
the year moved (2015–2025), some body paragraphs dropped, and a reference line that makes every text distinct.
They are ingested with the real ``dossier ingest`` in a fresh process, like a user would.

The store is cached: ``build(n, path)`` returns at once when ``path`` already holds a current-schema store with
``n`` documents. Default path: ``bench/.cache/store-<n>.db`` (gitignored).

Usage: python bench/big_store.py --reports 10000 [--out PATH] [--seed 7] [--force]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CACHE = Path(__file__).resolve().parent / ".cache"


def default_path(n: int) -> Path:
    return CACHE / f"store-{n}.db"


def _vocabulary() -> tuple[list[str], list[str]]:
    """Given names and surnames of the gold persons (multi-token names only)."""
    given: set[str] = set()
    surnames: set[str] = set()
    for path in sorted((EXAMPLES / "gold").glob("*.json")):
        for e in json.loads(path.read_text(encoding="utf-8"))["entities"]:
            tokens = e["name"].split()
            if e["type"] == "person" and len(tokens) >= 2:
                given.add(tokens[0])
                surnames.add(tokens[-1])
    return sorted(given), sorted(surnames)


def _templates() -> list[tuple[str, str, list[list[str]]]]:
    """(stem, text, person mention lists) for every plain-text example report."""
    out = []
    for path in sorted((EXAMPLES / "reports").glob("*.txt")):
        gold = json.loads((EXAMPLES / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        persons = [sorted(set(e["mentions"]) | {e["name"]}, key=len, reverse=True)
                   for e in gold["entities"] if e["type"] == "person"]
        out.append((path.stem, path.read_text(encoding="utf-8"), persons))
    return out


def synthesize(i: int, rng: random.Random, templates: list[tuple[str, str, list[list[str]]]],
               given: list[str], surnames: list[str]) -> tuple[str, str]:
    """One synthetic report: (file name, text)."""
    stem, text, persons = templates[rng.randrange(len(templates))]
    for mentions in persons:
        first, last = rng.choice(given), rng.choice(surnames)
        for m in mentions:  # longest first, so "Inamullah Tarakai" goes before "Tarakai"
            new = f"{first} {last}" if " " in m else last
            text = re.sub(rf"(?<![\w-]){re.escape(m)}(?![\w-])", new, text)
    text = text.replace("2025", str(rng.randint(2015, 2025)))
    paragraphs = text.split("\n\n")
    head, body = paragraphs[:3], paragraphs[3:]
    kept = [p for p in body if rng.random() < 0.8] or body[:1]
    text = "\n\n".join([*head, *kept]) + f"\n\nReference: synthetic report {i}.\n"
    return f"{i:06d}_{stem}.txt", text


def _document_count(path: Path) -> int | None:
    """Documents in a readable current-schema store, else None."""
    from dossier.exc import DossierError
    from dossier.store import open_store

    try:
        with open_store(path, readonly=True) as store:
            return store.counts()["documents"]
    except DossierError:
        return None


def build(n: int, path: str | Path | None = None, *, seed: int = 7, force: bool = False) -> Path:
    """A store of ``n`` synthetic reports at ``path`` (default ``bench/.cache/store-<n>.db``), built once."""
    out = Path(path) if path else default_path(n)
    if not force and out.exists() and _document_count(out) == n:
        return out
    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    reports = CACHE / f"reports-{n}-{seed}"
    if reports.exists():
        shutil.rmtree(reports)
    reports.mkdir(parents=True)
    rng = random.Random(seed)
    templates = _templates()
    given, surnames = _vocabulary()
    for i in range(n):
        name, text = synthesize(i, rng, templates, given, surnames)
        (reports / name).write_text(text, encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dossier", "--db", str(out), "ingest", str(reports)], check=True)
    print(f"big_store: ingested {n} reports into {out} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    shutil.rmtree(reports)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=None, help="store path (default bench/.cache/store-N.db)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--force", action="store_true", help="rebuild even when the cached store is complete")
    args = parser.parse_args()
    print(build(args.reports, args.out, seed=args.seed, force=args.force))


if __name__ == "__main__":
    main()
