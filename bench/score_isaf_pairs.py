"""False corroboration on real press releases: which ISAF releases does the store tell as one event?

Every ISAF dev release (``../shared/data/isaf/dev.jsonl``, override with ``DOSSIER_DATA``) reports one
operation, annotated by hand with its day (``start_date``) and provinces. The releases are ingested into one
store with the real pipeline (extraction, entity resolution, the analysis refresh that fills
``event_clusters``); then every pair of releases that has at least one event record in a shared cluster counts
as a *merge*:

- **false merges**: pairs whose gold dates differ or whose gold province sets differ — two releases about two
  operations told as one event (target: 0);
- **gold-same merges**: pairs with the same gold day and the same provinces (possibly one operation told twice,
  possibly two operations on one day: reported for information, not a target);
- **cross-release discrepancies**: discrepancies (``Analysis.discrepancies``) whose values come from releases
  with different gold dates or provinces — a disagreement between unrelated operations (target: 0);
- **max sources**: the most documents any one event fact counts.

Usage: python bench/score_isaf_pairs.py [--limit N] [--json PATH] [--errors]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from dossier import pipeline

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("DOSSIER_DATA", REPO.parent / "shared" / "data")) / "isaf" / "dev.jsonl"


def load_releases(path: Path = DATA, limit: int | None = None) -> list[dict[str, Any]]:
    """The releases in file order (the first ``limit`` of them)."""
    lines = path.read_text(encoding="utf-8").split("\n")  # not splitlines: texts hold U+2028
    out = [json.loads(line) for line in lines if line.strip()]
    return out[:limit] if limit else out


def build_store(releases: list[dict[str, Any]], db: Path) -> Any:
    """One store holding every release, resolved and analysed as an ingest leaves it."""
    from dossier.extract.pipeline import extract
    from dossier.ingest.limits import Limits
    from dossier.ingest.parse import parse_bytes
    from dossier.store import open_store

    store = open_store(db)
    for r in releases:
        name = f"{r['id']}.txt"
        store.add_extraction(extract(parse_bytes(r["text"].encode("utf-8"), name, name, Limits())))
    pipeline.resolve(store, full=True)
    return store


def _gold_key(r: dict[str, Any]) -> tuple[str, frozenset[str]]:
    g = r["gold"]
    return str(g.get("start_date") or ""), frozenset(p for p in g.get("province", []) if p)


def score(store: Any, releases: list[dict[str, Any]], errors: bool = False) -> dict[str, Any]:
    from dossier.analyze.analysis import Analysis

    gold = {f"{r['id']}.txt": _gold_key(r) for r in releases}
    doc_release = {row["id"]: Path(row["source"]).name for row in store.query(
        "SELECT id, source FROM documents WHERE is_current = 1")}
    clusters: dict[str, set[str]] = defaultdict(set)
    for row in store.query("SELECT c.cluster, e.document FROM event_clusters c JOIN events e ON e.id = c.event"):
        clusters[row["cluster"]].add(doc_release[row["document"]])
    merged: set[tuple[str, str]] = set()
    for docs in clusters.values():
        merged.update(combinations(sorted(docs), 2))
    false = sorted(p for p in merged if gold[p[0]] != gold[p[1]])
    same_pairs = {p for p in combinations(sorted(gold), 2) if gold[p[0]] == gold[p[1]]}
    analysis = Analysis(store)
    facts = analysis.all_events()
    max_sources = max((len({s.document for s in f.supports}) for f in facts), default=0)
    cross = []
    for d in analysis.discrepancies():
        rels = {doc_release.get(s.document, "") for v in d.values for s in v.supports}
        if len({gold.get(x) for x in rels}) > 1:
            cross.append(d)
    result: dict[str, Any] = {
        "releases": len(releases), "events": sum(1 for _ in store.query("SELECT id FROM events")),
        "event_facts": len(facts), "max_sources": max_sources,
        "merged_pairs": len(merged), "false_merges": len(false),
        "gold_same_pairs": len(same_pairs), "gold_same_merged": len(merged & same_pairs),
        "cross_release_discrepancies": len(cross),
    }
    if errors:
        result["false_merge_examples"] = [f"{a} {sorted(gold[a][1])} {gold[a][0]} ~ {b} {sorted(gold[b][1])} "
                                          f"{gold[b][0]}" for a, b in false[:20]]
        result["cross_discrepancy_examples"] = [f"{d.kind}: {d.about}" for d in cross[:20]]
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="only the first N releases")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--errors", action="store_true", help="list false merges and cross-release discrepancies")
    args = ap.parse_args()
    if not DATA.exists():
        raise SystemExit(f"{DATA}: not found (set DOSSIER_DATA)")
    releases = load_releases(DATA, args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        store = build_store(releases, Path(tmp) / "isaf.db")
        result = score(store, releases, errors=args.errors)
        store.close()
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
