"""Full-text search latency (``GET /api/search/documents``) over a store of 10,000 reports.

The reports are big_store.py's synthetic texts (the example corpus, people renamed, years moved), stored as
documents only: full-text search reads the documents and their FTS5 index, not the extraction, so the store is
built in seconds instead of a full ingest. Queries: single words sampled from the texts (common and rare), two-word
queries, a phrase, a prefix and date/publisher filters, with a seeded RNG. The API runs in-process (FastAPI's test
client: routing, validation and JSON included, no socket).

Usage: python bench/search_latency.py [--reports 10000] [--requests 300]
Target (docs/web.md): p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from big_store import _templates, _vocabulary, synthesize  # noqa: E402

from dossier.serve.app import create_app  # noqa: E402
from dossier.serve.config import Settings  # noqa: E402
from dossier.store.sqlite import SQLiteStore  # noqa: E402

TARGET_MS = 100.0
PUBLISHERS = ["Reuters", "Associated Press", "Dawn", "The Hindu", "Al Jazeera", "BBC News", "NationPress"]


def build(path: Path, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    templates = _templates()
    given, surnames = _vocabulary()
    store = SQLiteStore(path)
    texts = []
    with store.transaction() as c:
        for i in range(n):
            name, text = synthesize(i, rng, templates, given, surnames)
            texts.append(text)
            year = 2015 + i % 11
            c.execute(
                "INSERT INTO documents (id, source, title, published, publisher, media_type, text, version, "
                "extractor, ingested_at, n_sentences, n_mentions, n_entities, n_times, n_relations, n_events, "
                "n_claims) VALUES (?,?,?,?,?,?,?,1,'bench','2026-01-01T00:00:00Z',0,0,0,0,0,0,0)",
                (f"doc_{i:016x}", f"/bench/reports/{name}", None, f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                 PUBLISHERS[i % len(PUBLISHERS)], "text/plain", text))
    store.close()
    return texts


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def queries(texts: list[str], rng: random.Random, n: int) -> list[dict[str, str]]:
    words = sorted({w for t in texts[:500] for w in re.findall(r"[A-Za-z]{4,}", t)})
    out: list[dict[str, str]] = []
    for i in range(n):
        a, b = rng.choice(words), rng.choice(words)
        kind = i % 6
        if kind == 0:
            out.append({"q": a})
        elif kind == 1:
            out.append({"q": f"{a} {b}"})
        elif kind == 2:
            sentence = rng.choice(re.findall(r"\b\w+ \w+ \w+\b", rng.choice(texts)) or [a])
            out.append({"q": f'"{sentence}"'})
        elif kind == 3:
            out.append({"q": a[:3] + "*"})
        elif kind == 4:
            out.append({"q": a, "date_from": "2019-01-01", "date_to": "2021-12"})
        else:
            out.append({"q": a, "publisher": rng.choice(PUBLISHERS)})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--db", type=Path, help="keep the store here and reuse it when it exists")
    args = ap.parse_args()
    from fastapi.testclient import TestClient

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "search.db"
        t0 = time.perf_counter()
        if db.exists():
            rng0 = random.Random(args.seed)
            templates, (given, surnames) = _templates(), _vocabulary()
            texts = [synthesize(i, rng0, templates, given, surnames)[1] for i in range(args.reports)]
        else:
            texts = build(db, args.reports, args.seed)
        built = time.perf_counter() - t0
        client = TestClient(create_app(Settings(db=str(db), token=None)), base_url="http://127.0.0.1")
        client.get("/api/health")  # the per-generation index
        rng = random.Random(args.seed)
        ms: list[float] = []
        hits = 0
        for params in queries(texts, rng, args.requests):
            t = time.perf_counter()
            r = client.get("/api/search/documents", params=params)
            ms.append((time.perf_counter() - t) * 1000)
            if r.status_code != 200:
                raise SystemExit(f"{params}: HTTP {r.status_code} {r.text[:200]}")
            hits += r.json()["total"] > 0
    result = {"reports": args.reports, "requests": len(ms), "with_hits": hits, "build_s": round(built, 1),
              "p50_ms": round(pct(ms, 50), 1), "p95_ms": round(pct(ms, 95), 1), "max_ms": round(max(ms), 1),
              "target_p95_ms": TARGET_MS}
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
