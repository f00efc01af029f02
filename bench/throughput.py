"""Throughput of dossier against bare spaCy on the same texts, in one process, as ratios.

Three runs over the same N documents (the example and development reports, repeated with a distinguishing
line so that each copy is a distinct document):

* ``spacy``   — bare ``spacy.load(MODEL).pipe(texts)``: the baseline.
* ``extract`` — dossier's per-document extraction (``extract_many``: the pipeline plus our components and
  record building).
* ``ingest``  — the whole ``dossier ingest`` path as a user runs it: files read and parsed in a killable worker
  pool, extraction in a worker process (which loads spaCy afresh: its start-up is included, unlike the warm
  baseline), one SQLite transaction per document, resolution and the analysis refresh in the ingest process
  while the worker extracts.
* ``inline``  — the same with ``--extract-workers 0``: everything but parsing in this process, model warm.

Each is repeated (default 3) alternating, and the median is reported with documents/s, words/s, the ratio to the
baseline, and the resident-memory high-water mark after each phase (``ru_maxrss``).

Two more phases measure what a user waits for, each in a fresh process (``--cold``): ``spacy-cold`` (a minimal
script: load the model, read the files, ``nlp.pipe``) against ``ingest-cold`` (``python -m dossier ingest``),
both including interpreter and model start-up — the like-for-like pair for the default ingest, which loads
spaCy in its worker. For these the CPU seconds of the process and all its children are printed too: the
default ingest uses a second core for the cross-document work, so its CPU ratio is higher than its wall ratio.

Usage: python bench/throughput.py [--docs 400] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

if TYPE_CHECKING:
    import spacy

# spaCy and dossier are imported inside the functions, not here: a parse worker of the in-process ingest phase
# re-imports this script as its ``__main__`` (multiprocessing does that for a script run by path), and would
# otherwise spend ~1.7 s importing spaCy before parsing its first document — a cost of the benchmark, not of
# ``dossier ingest``.


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_texts(n: int) -> list[str]:
    from corpus import all_texts

    base = all_texts()
    return [f"{base[i % len(base)]}\n\nCopy {i}.\n" for i in range(n)]


def run_spacy(nlp: spacy.language.Language, texts: list[str]) -> None:
    for _ in nlp.pipe(texts, batch_size=32):
        pass


def run_extract(texts: list[str]) -> None:
    from dossier.extract.pipeline import extract_many
    from dossier.model import Document

    docs = [Document(Document.make_id(t), t, f"bench-{i}.txt") for i, t in enumerate(texts)]
    for _ in extract_many(docs):
        pass


def run_ingest(folder: Path, *extra: str) -> None:
    from click.testing import CliRunner

    from dossier.cli.main import cli

    with tempfile.TemporaryDirectory() as tmp:
        result = CliRunner().invoke(cli, ["--db", f"{tmp}/bench.db", "ingest", "-q", *extra, str(folder)])
        if result.exit_code != 0:
            raise SystemExit(f"ingest failed: {result.output}")


BARE_SPACY = """
import pathlib, sys, spacy
nlp = spacy.load(sys.argv[2])
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
for _ in nlp.pipe(texts, batch_size=32):
    pass
"""


def run_cold(folder: Path, which: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children)."""
    import subprocess

    from dossier.extract.pipeline import MODEL

    with tempfile.TemporaryDirectory() as tmp:
        cmd = ([sys.executable, "-c", BARE_SPACY, str(folder), MODEL] if which == "spacy-cold"
               else [sys.executable, "-m", "dossier", "--db", f"{tmp}/cold.db", "ingest", "-q", str(folder)])
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cold", action="store_true", help="also time fresh processes (what a user waits for)")
    args = ap.parse_args()
    import spacy

    from dossier.extract.pipeline import MODEL, load_pipeline

    texts = make_texts(args.docs)
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(MODEL)
    load_pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, t in enumerate(texts):
            (folder / f"doc{i:05}.txt").write_text(t, encoding="utf-8")
        run_spacy(bare, texts[:20])  # warm-up
        run_extract(texts[:20])
        times: dict[str, list[float]] = {"spacy": [], "extract": [], "ingest": [], "inline": []}
        cpu: dict[str, list[float]] = {}
        rss: dict[str, float] = {}
        for _ in range(args.repeat):
            for name, fn in (("spacy", lambda: run_spacy(bare, texts)), ("extract", lambda: run_extract(texts)),
                             ("ingest", lambda: run_ingest(folder)),
                             ("inline", lambda: run_ingest(folder, "--extract-workers", "0"))):
                t0 = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - t0)
                rss[name] = rss_mb()
            if args.cold:
                for name in ("spacy-cold", "ingest-cold"):
                    wall, used = run_cold(folder, name)
                    times.setdefault(name, []).append(wall)
                    cpu.setdefault(name, []).append(used)
                    rss[name] = float("nan")
    med = {k: statistics.median(v) for k, v in times.items()}
    result = {
        "documents": len(texts), "words": words, "repeat": args.repeat,
        "phases": {k: {"seconds": round(med[k], 3), "docs_per_s": round(len(texts) / med[k], 1),
                       "words_per_s": round(words / med[k]),
                       "ratio_to_spacy": round(med[k] / med["spacy-cold" if k.endswith("cold") else "spacy"], 3),
                       "max_rss_mb_after": round(rss[k], 1)} for k in med},
        "runs": {k: [round(t, 2) for t in v] for k, v in times.items()},
    }
    if cpu:
        cpu_med = {k: statistics.median(v) for k, v in cpu.items()}
        result["cold_cpu_seconds"] = {k: round(v, 2) for k, v in cpu_med.items()}
        result["cold_cpu_ratio"] = round(cpu_med["ingest-cold"] / cpu_med["spacy-cold"], 3)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{len(texts)} documents, {words} words, median of {args.repeat}")
    print(f"{'phase':10}{'seconds':>10}{'docs/s':>10}{'words/s':>10}{'× spaCy':>10}{'maxRSS MB':>12}")
    for k, v in result["phases"].items():
        print(f"{k:10}{v['seconds']:10.2f}{v['docs_per_s']:10.1f}{v['words_per_s']:10}{v['ratio_to_spacy']:10.2f}"
              f"{v['max_rss_mb_after']:12.1f}")
    for k, runs in result["runs"].items():
        print(f"  {k}: {runs}")
    if cpu:
        print(f"cold CPU seconds (process and children): {result['cold_cpu_seconds']}, "
              f"ingest/spaCy {result['cold_cpu_ratio']:.2f}")


if __name__ == "__main__":
    main()
