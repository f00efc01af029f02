"""Throughput of dossier against bare spaCy on the same texts, in one process, as ratios.

Three runs over the same N documents (the example and development reports, repeated with a distinguishing
line so that each copy is a distinct document):

* ``spacy``   — bare ``spacy.load(MODEL).pipe(texts)``: the baseline.
* ``extract`` — dossier's per-document extraction (``extract_many``: the pipeline plus our components and
  record building).
* ``ingest``  — the whole ``dossier ingest`` path: files read and parsed in a killable worker pool, extraction,
  one SQLite transaction per document, resolution.

Each is repeated (default 3) alternating, and the median is reported with documents/s, words/s, the ratio to the
baseline, and the resident-memory high-water mark after each phase (``ru_maxrss``).

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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import spacy  # noqa: E402
from corpus import all_texts  # noqa: E402

from dossier.extract.pipeline import MODEL, extract_many, load_pipeline  # noqa: E402
from dossier.model import Document  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_texts(n: int) -> list[str]:
    base = all_texts()
    return [f"{base[i % len(base)]}\n\nCopy {i}.\n" for i in range(n)]


def run_spacy(nlp: spacy.language.Language, texts: list[str]) -> None:
    for _ in nlp.pipe(texts, batch_size=32):
        pass


def run_extract(texts: list[str]) -> None:
    docs = [Document(Document.make_id(t), t, f"bench-{i}.txt") for i, t in enumerate(texts)]
    for _ in extract_many(docs):
        pass


def run_ingest(folder: Path) -> None:
    from click.testing import CliRunner

    from dossier.cli.main import cli

    with tempfile.TemporaryDirectory() as tmp:
        result = CliRunner().invoke(cli, ["--db", f"{tmp}/bench.db", "ingest", "-q", str(folder)])
        if result.exit_code != 0:
            raise SystemExit(f"ingest failed: {result.output}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
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
        times: dict[str, list[float]] = {"spacy": [], "extract": [], "ingest": []}
        rss: dict[str, float] = {}
        for _ in range(args.repeat):
            for name, fn in (("spacy", lambda: run_spacy(bare, texts)), ("extract", lambda: run_extract(texts)),
                             ("ingest", lambda: run_ingest(folder))):
                t0 = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - t0)
                rss[name] = rss_mb()
    med = {k: statistics.median(v) for k, v in times.items()}
    result = {
        "documents": len(texts), "words": words, "repeat": args.repeat,
        "phases": {k: {"seconds": round(med[k], 3), "docs_per_s": round(len(texts) / med[k], 1),
                       "words_per_s": round(words / med[k]), "ratio_to_spacy": round(med[k] / med["spacy"], 3),
                       "max_rss_mb_after": round(rss[k], 1)} for k in med},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{len(texts)} documents, {words} words, median of {args.repeat}")
    print(f"{'phase':10}{'seconds':>10}{'docs/s':>10}{'words/s':>10}{'× spaCy':>10}{'maxRSS MB':>12}")
    for k, v in result["phases"].items():
        print(f"{k:10}{v['seconds']:10.2f}{v['docs_per_s']:10.1f}{v['words_per_s']:10}{v['ratio_to_spacy']:10.2f}"
              f"{v['max_rss_mb_after']:12.1f}")


if __name__ == "__main__":
    main()
