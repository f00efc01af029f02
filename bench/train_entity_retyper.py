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
Per target type, each threshold (0.5 … 0.975, or off) nets the names it corrects less those it breaks, and is
allowed where at least ``--precision`` of its changes are right. The threshold with the best net per type
(``--choose best``, the former choice) swung across retrains after small code changes (person 0.6 → 0.85 → 0.8 →
0.575, organisation 0.725 → 0.875): in cross-validation the person changes are about 5 names and the
organisation changes about 15 of 3,500, so one or two names decide where the top of a flat curve lies.
``--choose pooled`` (the default) takes one threshold for the three types, the one with the best net over their
changes together (about 70, at least ``--precision`` of them right): on perturbed copies of half ``a``
(``bench/retyper_thresholds.py``: a tenth of the documents left out, or the folds drawn in another order) its
spread is a fifth of the per-type choice's for persons and organisations (st. dev. 0.04 against 0.19 and 0.16),
for about one name of net gain per type. Also measured, no steadier: ``median`` (the median of the best
thresholds of ``--bootstrap`` seeded resamples of the documents: it tracks the best), ``one-se`` (the highest
threshold within one bootstrap standard error of the best). The weights, the thresholds and how they were
obtained go to ``src/dossier/data/entity_retyper.json.gz``.

Deterministic: documents in file order, features sorted, lbfgs from zero, a seeded bootstrap. Usage:
    python bench/train_entity_retyper.py [--limit N] [--folds 5] [--precision 0.75] [--c 1] [--min-count 2] [--cache]
        [--choose pooled|best|median|one-se] [--bootstrap 200] [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import score_redocred as sr
from spacy.tokens import Doc, Span

from dossier.extract.components import retyper

OUT = Path(__file__).resolve().parents[1] / "src" / "dossier" / "data" / retyper.MODEL_FILE
GRID = (*(round(0.5 + 0.025 * k, 3) for k in range(20)), 1.01)
GOLD = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
BOOTSTRAP = 200  # resamples of the documents the threshold is chosen over (``choose``)
METHODS = ("pooled", "best", "median", "one-se")
METHOD = "pooled"


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


Decision = tuple[str, float, str, str, int]  # target class, probability, gold, vote's kind, document


def decisions(model: retyper.RetypeModel, rows: list[Any]) -> list[Decision]:
    """(target class, probability, gold, vote's kind, document) of each name the model would retype at some
    threshold."""
    out = []
    for r in rows:
        k, voted, why, feats, gold = r
        if why in retyper.PROTECTED or voted not in retyper.KIND:
            continue
        p = model.probabilities(feats)
        best = max(model.classes, key=p.__getitem__)
        if best in retyper.TO_LABEL and retyper.KIND[voted] != best \
                and retyper.allowed(retyper.KIND[voted], best, feats):
            out.append((best, p[best], gold, retyper.KIND[voted], k))
    return out


def _tally(decided: list[Decision], target: str, weight: Sequence[float] | None = None) -> list[tuple[float, ...]]:
    """Per threshold of ``GRID``: (right, broken, changed) of the target's changes, each document counted
    ``weight[document]`` times (once each without weights)."""
    mine = [d for d in decided if d[0] == target]
    p = np.array([d[1] for d in mine])
    w = np.array([weight[d[4]] if weight is not None else 1.0 for d in mine])
    good = w * np.array([d[2] == target for d in mine])
    bad = w * np.array([d[2] == d[3] for d in mine])  # was right, now wrong
    out = []
    for t in GRID:
        at = p >= t
        out.append((float(good[at].sum()), float(bad[at].sum()), float(w[at].sum())))
    return out


def _net(curve: list[tuple[float, ...]], precision: float) -> list[float]:
    """Net names corrected per threshold; below ``precision`` of its changes right a threshold is not allowed
    (-inf); off (no change) nets 0."""
    return [g - b if n and g / n >= precision else (0.0 if not n else -math.inf) for g, b, n in curve]


def _best(net: list[float]) -> int:
    """Index in ``GRID`` of the first threshold with the most net names corrected (off where none gains)."""
    top = max(net[:-1] + [0.0])
    return len(GRID) - 1 if top <= 0 else net.index(top)


def choose(decided: list[Decision], precision: float, method: str = METHOD,
           resamples: int = BOOTSTRAP, seed: int = 12) -> tuple[dict[str, float], dict[str, Any]]:
    """A threshold per target type (see the module's docstring): ``pooled``, one for the three types, the most
    net names corrected over their changes together; ``best``, the most net names corrected per type;
    ``one-se``, the highest threshold whose net is within one bootstrap standard error (documents resampled,
    ``resamples`` times, seeded) of the best's; ``median``, the median of the resamples' best thresholds."""
    n_docs = max((d[4] for d in decided), default=0) + 1
    rng = np.random.default_rng(seed)
    weights = [np.bincount(rng.integers(0, n_docs, n_docs), minlength=n_docs).astype(float)
               for _ in range(resamples if method in {"median", "one-se"} else 0)]
    thresholds: dict[str, float] = {}
    report: dict[str, Any] = {}
    curves = [_tally(decided, t) for t in ("PER", "ORG", "LOC")]
    pooled = [tuple(sum(c[i][j] for c in curves) for j in range(3)) for i in range(len(GRID))]
    for target in ("PER", "ORG", "LOC"):
        curve = _tally(decided, target)
        net = _net(curve, precision)
        at = _best(net)
        se = 0.0
        if method == "pooled":
            at = _best(_net(pooled, precision))
        elif method == "median":
            picks = sorted(_best(_net(_tally(decided, target, w), precision)) for w in weights)
            at = picks[len(picks) // 2]
        elif method == "one-se":
            top = net[at] if at < len(GRID) - 1 else 0.0
            # the spread of the best threshold's net (names corrected less broken) over the resamples
            nets = [g - b for g, b, _ in (_tally(decided, target, w)[at] for w in weights)]
            se = float(np.std(nets)) if nets else 0.0
            at = max(i for i, v in enumerate(net) if v >= top - se)  # off nets 0: chosen where 0 is within
        good, bad, n = curve[at]
        thresholds[target] = GRID[at]
        report[target] = {"threshold": GRID[at], "net": int(good - bad), "right": int(good), "changed": int(n),
                          "best_net": int(max(net[:-1] + [0.0])), **({"se": round(se, 2)} if se else {})}
    return thresholds, report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--precision", type=float, default=0.75)
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--cache", action="store_true", help="keep the spaCy parses under bench/.cache")
    ap.add_argument("--choose", choices=METHODS, default=METHOD, help="how thresholds are chosen (see above)")
    ap.add_argument("--bootstrap", type=int, default=BOOTSTRAP, help="document resamples for one-se and median")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if not (sr.DATA / "dev_revised.json").exists():
        sys.exit(f"Re-DocRED not found at {sr.DATA} (set DOSSIER_REDOCRED)")
    started = time.time()
    docs = sr.load("a", args.limit)
    rows = collect(docs, args.cache)
    print(f"{len(docs)} documents, {len(rows)} names: {dict(sorted(Counter(r[4] for r in rows).items()))}")
    decided: list[Decision] = []
    for fold in range(args.folds):
        train = [r for r in rows if r[0] % args.folds != fold]
        test = [r for r in rows if r[0] % args.folds == fold]
        decided += decisions(fit(train, args.c, args.min_count), test)
    thresholds, report = choose(decided, args.precision, args.choose, args.bootstrap)
    print("cross-validated:", json.dumps(report))
    model = fit(rows, args.c, args.min_count)
    data = {"classes": list(model.classes), "bias": list(model.bias), "weights": dict(sorted(model.weights.items())),
            "thresholds": thresholds,
            "trained": {"data": "Re-DocRED dev_revised.json, half a", "documents": len(docs), "names": len(rows),
                        "c": args.c, "min_count": args.min_count, "folds": args.folds,
                        "precision": args.precision, "choose": args.choose, "bootstrap": args.bootstrap,
                        "cross_validated": report}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    blob = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(blob, mtime=0))
    print(f"{len(model.weights)} features → {args.out.name} ({args.out.stat().st_size // 1024} KiB) "
          f"in {time.time() - started:.0f} s; thresholds {thresholds}")


if __name__ == "__main__":
    main()
