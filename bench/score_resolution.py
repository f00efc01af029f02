"""Cross-document entity resolution against the hand-made clusters of the example corpus.

Gold: ``examples/clusters.json`` maps a canonical name to the ``[report stem, surface form]`` items that name
that entity (every form of every entity of every example report; the clusters were decided by reading the
reports). Each item is located in the store as the local entity of a mention with exactly that text in that
report; items the extractor did not produce are counted (coverage) and left out of the scores, so the resolver
and the exact-name baseline are scored on the same items.

Scores: pairwise precision/recall/F1 over all item pairs and over cross-document pairs only, and B³. The baseline
is the first resolver: one entity per (type, name_key(name)).

Usage: python bench/score_resolution.py [--json] [--db PATH (reuse an ingested store)]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import REPO, load_document  # noqa: E402

from dossier import pipeline
from dossier.exc import DossierError  # noqa: E402
from dossier.extract.pipeline import extract  # noqa: E402
from dossier.resolve.profile import exact_id  # noqa: E402
from dossier.store import SQLiteStore, open_store  # noqa: E402

GOLD = REPO / "examples" / "clusters.json"
REPORTS = REPO / "examples" / "reports"

Item = tuple[str, str]  # (report stem, surface form)


def prf(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def pairwise(gold: dict[Item, str], pred: dict[Item, str], cross_only: bool) -> dict[str, Any]:
    tp = fp = fn = 0
    for x, y in combinations(sorted(gold), 2):
        if cross_only and x[0] == y[0]:
            continue
        g, p = gold[x] == gold[y], pred[x] == pred[y]
        tp += g and p
        fp += p and not g
        fn += g and not p
    out = prf(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
    return {**out, "tp": tp, "fp": fp, "fn": fn}


def b_cubed(gold: dict[Item, str], pred: dict[Item, str]) -> dict[str, float]:
    g_sets: dict[str, set[Item]] = defaultdict(set)
    p_sets: dict[str, set[Item]] = defaultdict(set)
    for i in gold:
        g_sets[gold[i]].add(i)
        p_sets[pred[i]].add(i)
    p = sum(len(g_sets[gold[i]] & p_sets[pred[i]]) / len(p_sets[pred[i]]) for i in gold) / len(gold)
    r = sum(len(g_sets[gold[i]] & p_sets[pred[i]]) / len(g_sets[gold[i]]) for i in gold) / len(gold)
    return prf(p, r)


def build_store(path: Path) -> tuple[SQLiteStore, list[str]]:
    store = open_store(path)
    skipped: list[str] = []
    for report in sorted(REPORTS.iterdir()):
        try:
            store.add_extraction(extract(load_document(report)))
        except (DossierError, ValueError) as e:  # a broken extractor must not hide the resolver's figures
            skipped.append(f"{report.name}: {e}")
    pipeline.resolve(store, full=True)
    return store, skipped


def locate(store: SQLiteStore, items: list[Item]) -> dict[Item, tuple[str, str, str]]:
    """item → (local entity id, resolver entity id, exact-name baseline id)."""
    docs = {Path(r["source"]).stem: r["id"] for r in store.documents()}
    out: dict[Item, tuple[str, str, str]] = {}
    for stem, form in items:
        doc = docs.get(stem)
        if doc is None:
            continue
        rows = store.query(
            "SELECT m.entity, l.entity AS linked, le.type, le.name FROM mentions m "
            "JOIN local_entities le ON le.id = m.entity JOIN entity_links l ON l.local_entity = m.entity "
            "WHERE m.document = ? AND m.text = ?", (doc, form))
        if not rows:
            continue
        local, linked, type_, name = Counter((r[0], r[1], r[2], r[3]) for r in rows).most_common(1)[0][0]
        out[(stem, form)] = (local, linked, exact_id(type_, name))
    return out


def score(store: SQLiteStore) -> dict[str, Any]:
    clusters: dict[str, list[list[str]]] = json.loads(GOLD.read_text(encoding="utf-8"))
    gold_all = {(s, f): name for name, items in clusters.items() for s, f in items}
    found = locate(store, sorted(gold_all))
    gold = {i: gold_all[i] for i in found}
    systems = {"resolver": {i: found[i][1] for i in found}, "exact-name baseline": {i: found[i][2] for i in found}}
    result: dict[str, Any] = {
        "items": len(gold_all), "covered": len(found), "coverage": round(len(found) / len(gold_all), 4),
        "gold_entities": len(set(gold.values())),
    }
    for name, pred in systems.items():
        result[name] = {
            "entities": len(set(pred.values())),
            "pairwise": pairwise(gold, pred, cross_only=False),
            "pairwise_cross_document": pairwise(gold, pred, cross_only=True),
            "b_cubed": b_cubed(gold, pred),
        }
    merged_wrong = defaultdict(set)
    split_wrong = defaultdict(set)
    pred = systems["resolver"]
    for x, y in combinations(sorted(gold), 2):
        if pred[x] == pred[y] and gold[x] != gold[y]:
            merged_wrong[pred[x]].update({f"{gold[x]}", f"{gold[y]}"})
        if gold[x] == gold[y] and pred[x] != pred[y]:
            split_wrong[gold[x]].update({f"{x[0][:2]}:{x[1]}", f"{y[0][:2]}:{y[1]}"})
    result["errors"] = {
        "over_merged": sorted(" + ".join(sorted(v)) for v in merged_wrong.values()),
        "under_merged": sorted(f"{k}: {', '.join(sorted(v))}" for k, v in split_wrong.items()),
    }
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--db", help="score this already ingested store instead of ingesting the examples")
    args = ap.parse_args()
    skipped: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.db:
            store = open_store(args.db)
            pipeline.resolve(store)
        else:
            store, skipped = build_store(Path(tmp) / "store.db")
        with store:
            result = score(store)
    result["skipped_reports"] = skipped
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"gold items {result['items']}, located {result['covered']} ({result['coverage']:.1%}), "
          f"gold entities among them {result['gold_entities']}")
    for s in skipped:
        print(f"skipped (extraction/store failure): {s}")
    print(f"{'system':22} {'entities':>8}  {'pairwise P/R/F1':>20}  {'cross-doc P/R/F1':>20}  {'B3 P/R/F1':>20}")
    for name in ("exact-name baseline", "resolver"):
        r = result[name]
        cells = [f"{r[k]['precision']:.3f}/{r[k]['recall']:.3f}/{r[k]['f1']:.3f}"
                 for k in ("pairwise", "pairwise_cross_document", "b_cubed")]
        print(f"{name:22} {r['entities']:>8}  {cells[0]:>20}  {cells[1]:>20}  {cells[2]:>20}")
    for line in result["errors"]["over_merged"]:
        print(f"over-merged: {line}")
    for line in result["errors"]["under_merged"]:
        print(f"under-merged: {line}")


if __name__ == "__main__":
    main()
