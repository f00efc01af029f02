"""Train the entity re-typer of ``dossier.extract.components.retyper`` on half ``a`` of Re-DocRED dev.

Half ``a`` only: half ``b`` is the held-out check (bench/score_redocred_entities.py --half b). Each document
runs through dossier (the shipped re-typer switched off); for every name ``dossier_entity_types`` votes on,
the pooled features of its mentions are recorded and labelled with the gold type of the gold entity its
mentions overlap (PER / ORG / LOC; OTHER for MISC, TIME, NUM or no gold entity). A multinomial logistic
regression (scikit-learn, the ``train`` extra) is fitted on the features seen in at least ``--min-count``
names.

The threshold per target type is chosen by ``--folds``-fold cross-validation over the documents: the model of
the other folds scores each fold, and a name is retyped exactly as at run time (not a protected rule's vote,
not a group, the top class a person / organisation / place other than the vote's, not a direction the news
guard refuses, at least the threshold).
Per target type the threshold (0.5 … 0.975, or off) is the one that corrects the most names net of those it
breaks while at least ``--precision`` of its changes are right. The weights, the thresholds and how they were
obtained go to ``src/dossier/data/entity_retyper.json.gz``.

Deterministic: documents in file order, features sorted, lbfgs from zero. Usage:
    python bench/train_entity_retyper.py [--limit N] [--folds 5] [--precision 0.75] [--c 1] [--min-count 2] [--cache]
        [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import score_redocred as sr
from spacy.tokens import Doc, Span

from dossier.extract.components import retyper

OUT = Path(__file__).resolve().parents[1] / "src" / "dossier" / "data" / retyper.MODEL_FILE
GRID = (*(round(0.5 + 0.025 * k, 3) for k in range(20)), 1.01)
GOLD = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}


def collect(docs: list[sr.GoldDoc], cache: bool) -> list[tuple[int, str, str, list[str]]]:
    """(document, vote's label, why, sorted features) → with the gold class, per name of every document."""
    rows: list[tuple[int, str, str, list[str], str]] = []
    current = {"k": 0}

    def record(doc: Doc, pooled: list[tuple[str, list[Span], set[str]]]) -> None:
        k = current["k"]
        while k < len(docs) and doc.text not in docs[k].text:
            k += 1
        if k == len(docs):
            return  # a chunk we cannot place: left out
        current["k"] = k
        g = docs[k]
        offset = g.text.find(doc.text)
        for _, spans, feats in pooled:
            kinds: Counter[str] = Counter()
            for s in spans:
                a, b = offset + s.start_char, offset + s.end_char
                for vi, v in enumerate(g.vertices):
                    if any(a < e and st < b for st, e, _ in v):
                        kinds[GOLD.get(types[k][vi], "OTHER")] += 1
            gold = max(sorted(kinds), key=kinds.__getitem__) if kinds else "OTHER"
            voted = next(f[4:] for f in feats if f.startswith("vot="))
            why = next(f[4:] for f in feats if f.startswith("why="))
            rows.append((k, voted, why, sorted(feats), gold))

    types = gold_types(docs)
    retyper.RECORDER.append(record)
    retyper.load_model.cache_clear()
    original = retyper.load_model
    retyper.load_model = lambda: None  # type: ignore[assignment]  # the rules alone, whatever is shipped
    try:
        sr.extract_all(docs, cache)
    finally:
        retyper.load_model = original  # type: ignore[assignment]
        retyper.RECORDER.remove(record)
    return rows  # type: ignore[return-value]


def gold_types(docs: list[sr.GoldDoc]) -> list[list[str]]:
    raw = json.loads((sr.DATA / "dev_revised.json").read_text(encoding="utf-8"))
    by_title = {r["title"]: [v[0]["type"] for v in r["vertexSet"]] for r in raw}
    return [by_title[g.title] for g in docs]


def fit(rows: list[Any], c: float, min_count: int) -> retyper.RetypeModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: Counter[str] = Counter(f for r in rows for f in r[3])
    keep = {f for f, n in counts.items() if n >= min_count}
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([{f: 1 for f in r[3] if f in keep} for r in rows])
    y = [r[4] for r in rows]
    clf = LogisticRegression(C=c, max_iter=2000, solver="lbfgs")
    clf.fit(x, y)
    classes = [str(k) for k in clf.classes_]
    order = [classes.index(k) for k in retyper.CLASSES]
    names = vec.get_feature_names_out()
    weights = {str(names[j]): tuple(round(float(clf.coef_[i][j]), 5) for i in order) for j in range(len(names))}
    weights = {k: v for k, v in weights.items() if any(abs(w) >= 1e-4 for w in v)}
    bias = tuple(round(float(clf.intercept_[i]), 5) for i in order)
    return retyper.RetypeModel(retyper.CLASSES, bias, weights, {})


def decisions(model: retyper.RetypeModel, rows: list[Any]) -> list[tuple[str, float, str, str]]:
    """(target class, probability, gold, vote's kind) of each name the model would retype at some threshold."""
    out = []
    for r in rows:
        _, voted, why, feats, gold = r
        if why in retyper.PROTECTED or voted not in retyper.KIND:
            continue
        p = model.probabilities(feats)
        best = max(model.classes, key=p.__getitem__)
        if best in retyper.TO_LABEL and retyper.KIND[voted] != best \
                and retyper.allowed(retyper.KIND[voted], best, feats):
            out.append((best, p[best], gold, retyper.KIND[voted]))
    return out


def choose(decided: list[tuple[str, float, str, str]], precision: float) -> tuple[dict[str, float], dict[str, Any]]:
    thresholds: dict[str, float] = {}
    report: dict[str, Any] = {}
    for target in ("PER", "ORG", "LOC"):
        best = (0, 1.01, 0, 0)
        for t in GRID:
            chosen = [d for d in decided if d[0] == target and d[1] >= t]
            good = sum(d[2] == target for d in chosen)
            bad = sum(d[2] == d[3] for d in chosen)  # was right, now wrong
            if chosen and good / len(chosen) >= precision and good - bad > best[0]:
                best = (good - bad, t, good, len(chosen))
        thresholds[target] = best[1]
        report[target] = {"threshold": best[1], "net": best[0], "right": best[2], "changed": best[3]}
    return thresholds, report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--precision", type=float, default=0.75)
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--cache", action="store_true", help="keep the spaCy parses under bench/.cache")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if not (sr.DATA / "dev_revised.json").exists():
        sys.exit(f"Re-DocRED not found at {sr.DATA} (set DOSSIER_REDOCRED)")
    started = time.time()
    docs = sr.load("a", args.limit)
    rows = collect(docs, args.cache)
    print(f"{len(docs)} documents, {len(rows)} names: {dict(sorted(Counter(r[4] for r in rows).items()))}")
    decided: list[tuple[str, float, str, str]] = []
    for fold in range(args.folds):
        train = [r for r in rows if r[0] % args.folds != fold]
        test = [r for r in rows if r[0] % args.folds == fold]
        decided += decisions(fit(train, args.c, args.min_count), test)
    thresholds, report = choose(decided, args.precision)
    print("cross-validated:", json.dumps(report))
    model = fit(rows, args.c, args.min_count)
    data = {"classes": list(model.classes), "bias": list(model.bias), "weights": dict(sorted(model.weights.items())),
            "thresholds": thresholds,
            "trained": {"data": "Re-DocRED dev_revised.json, half a", "documents": len(docs), "names": len(rows),
                        "c": args.c, "min_count": args.min_count, "folds": args.folds,
                        "precision": args.precision, "cross_validated": report}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    blob = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(blob, mtime=0))
    print(f"{len(model.weights)} features → {args.out.name} ({args.out.stat().st_size // 1024} KiB) "
          f"in {time.time() - started:.0f} s; thresholds {thresholds}")


if __name__ == "__main__":
    main()
