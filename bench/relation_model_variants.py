"""Other learners for the relation model, judged as the training script judges the shipped one (session 19).

``bench/train_relation_model.py`` fits a multinomial logistic regression on sparse binary features. This script
puts other learners through the same machinery: the pair instances of half ``a`` (collected once, as in
training, and kept under bench/.cache), cross-validation over two partitions of its documents, the pooled
bootstrap-median thresholds at the 0.85 target (``choose``), the nested estimate (``nested``) and the curve of
what a single threshold adds; with ``--half-b`` the learner is also fitted on all of half ``a`` and its additions
to half ``b``'s rules counted the same way (figures only, as the training script counts them: recall about 0.03
under bench/score_redocred.py's). Variants:

  lr        the shipped learner (C 0.1)
  lr-c05    C 0.05; lr-c2: C 0.2
  lr-kinds  the shipped learner, each path word, joining word, governing noun and neighbouring word conjoined with
            the two places' gazetteer kinds
  hgb       scikit-learn's HistGradientBoostingClassifier (150 trees, 15 leaves, learning rate 0.1, seeded) on the
            features seen 20 times or more, dense; one binary "related" model (each type pair states one group)
  avg       the mean of lr's and hgb's probabilities

Usage: python bench/relation_model_variants.py [VARIANT ...] [--half-b] [--cache]
"""

from __future__ import annotations

import argparse
import pickle
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import score_redocred as sr
import train_relation_model as T

from dossier.extract.relations import learned

GROUPS = learned.GROUPS
CACHE = Path(__file__).resolve().parent / ".cache"
FitPredict = Callable[[list[T.Row], list[T.Row]], Any]  # (train, test) → probabilities (len(test) × GROUPS)


class Table:
    """A model whose probabilities were computed in one batch (keyed by the instance's features)."""

    classes = GROUPS

    def __init__(self, rows: list[T.Row], probs: Any) -> None:
        self.table = {r.features: [float(v) for v in probs[i]] for i, r in enumerate(rows)}

    def probabilities(self, features: tuple[str, ...]) -> list[float]:
        return self.table[features]


def rows_of(half: str, cache: bool) -> tuple[list[sr.GoldDoc], list[T.Row], list[Any]]:
    docs = sr.load(half, None)
    path = CACHE / f"relation-rows-{half}.pickle"
    if cache and path.exists():
        rows, xs = pickle.loads(path.read_bytes())
    else:
        rows, xs = T.collect(docs, cache)
        if cache:
            path.write_bytes(pickle.dumps((rows, xs)))
    return docs, rows, xs


def kinds_conjoined(r: T.Row) -> tuple[str, ...]:
    kinds = next((f.split(":", 3)[3] for f in r.features if f.startswith("gk:")), None)
    if kinds is None:
        return ()
    return tuple(f"x:{kinds}:{f}" for f in r.features if f.startswith(("pw:", "lca:", "gs:", "go:", "pre:", "post:")))


def _encoder(train: list[T.Row], min_count: int, extra: Callable[[T.Row], tuple[str, ...]] | None) -> Any:
    from scipy.sparse import csr_matrix

    def feats(r: T.Row) -> tuple[str, ...]:
        return r.features + (extra(r) if extra else ())

    counts = Counter(f for r in train for f in feats(r))
    col = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}

    def enc(rs: list[T.Row]) -> Any:
        indptr, indices = [0], []
        for r in rs:
            indices.extend(sorted({col[f] for f in feats(r) if f in col}))
            indptr.append(len(indices))
        return csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rs), len(col)))
    return enc


def _full(clf: Any, p: Any) -> Any:
    out = np.zeros((p.shape[0], len(GROUPS)))
    for k, c in enumerate(clf.classes_):
        out[:, c] = p[:, k]
    return out


def lr(c: float = 0.1, extra: Callable[[T.Row], tuple[str, ...]] | None = None) -> FitPredict:
    from sklearn.linear_model import LogisticRegression

    def fp(train: list[T.Row], test: list[T.Row]) -> Any:
        enc = _encoder(train, 2, extra)
        clf = LogisticRegression(C=c, max_iter=500, tol=1e-4).fit(enc(train), [GROUPS.index(r.label) for r in train])
        return _full(clf, clf.predict_proba(enc(test)))
    return fp


def _group(r: T.Row) -> int:
    return next((GROUPS.index(g) for g, s, o in learned.PREDICATE if (s, o) == (r.stype, r.otype)), 0)


def hgb(min_count: int = 20, iters: int = 150) -> FitPredict:
    from sklearn.ensemble import HistGradientBoostingClassifier

    def fp(train: list[T.Row], test: list[T.Row]) -> Any:
        enc = _encoder(train, min_count, None)
        clf = HistGradientBoostingClassifier(max_iter=iters, learning_rate=0.1, max_leaf_nodes=15,
                                             min_samples_leaf=20, l2_regularization=1.0, random_state=0,
                                             early_stopping=False)
        clf.fit(enc(train).toarray().astype(np.float32), [int(r.label != "none") for r in train])
        p = clf.predict_proba(enc(test).toarray().astype(np.float32))[:, 1]
        out = np.zeros((len(test), len(GROUPS)))
        for i, r in enumerate(test):
            g = _group(r)
            out[i, 0] = 1 - p[i] if g else 1.0
            out[i, g] += p[i] if g else 0.0
        return out
    return fp


def memo(fp: FitPredict) -> FitPredict:
    seen: dict[tuple[int, ...], Any] = {}

    def f(train: list[T.Row], test: list[T.Row]) -> Any:
        key = (len(train), len(test), test[0].doc, test[-1].doc)
        if key not in seen:
            seen[key] = fp(train, test)
        return seen[key]
    return f


def judge(name: str, fp: FitPredict, a: tuple[Any, ...], b: tuple[Any, ...] | None, target: float = 0.85,
          folds: int = 5, repeats: int = 2) -> None:
    docs, rows, xs = a
    t0 = time.perf_counter()
    runs = []
    for repeat in range(repeats):
        fold_of = T.partition(len(docs), folds, repeat)
        preds: dict[int, list[tuple]] = {}
        for fold in range(folds):
            train = [r for r in rows if fold_of[r.doc] != fold]
            test = [r for r in rows if fold_of[r.doc] == fold]
            preds.update(T.predictions(Table(test, fp(train, test)), test, xs))  # type: ignore[arg-type]
        runs.append(preds)
    keys = learned.THRESHOLD_KEYS
    marked = {(k, d): v for k, run in enumerate(runs) for d, v in T.outcomes(docs, xs, run).items()}
    th = T.choose(marked, target, keys)
    pooled = [sum(c[i] for c in T.tally(marked, th).values()) / repeats for i in range(2)]
    tp, n = T.nested(marked, target, keys, folds)
    curve = []
    for v in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        t = T.tally(marked, {g: v for g in keys})
        k, m = (sum(c[i] for c in t.values()) / repeats for i in range(2))
        curve.append(f"{v}: {m:.0f} at {k / max(m, 1):.2f}")
    print(f"{name}: thresholds {th}; CV adds {pooled[1]:.0f} at {pooled[0] / max(1, pooled[1]):.3f}, nested "
          f"{n / repeats:.0f} at {tp / max(1, n):.3f}; one threshold {', '.join(curve)} "
          f"({time.perf_counter() - t0:.0f}s)", flush=True)
    if b is None:
        return
    bdocs, brows, bxs = b
    bpreds = T.predictions(Table(brows, fp(rows, brows)), brows, bxs)  # type: ignore[arg-type]
    bm = T.outcomes(bdocs, bxs, bpreds)
    t = T.tally(bm, th)
    k, m = sum(c[0] for c in t.values()), sum(c[1] for c in t.values())
    e = T.evaluate(bdocs, bxs, bpreds, th)
    curve = []
    for v in (0.4, 0.5, 0.6, 0.7):
        t = T.tally(bm, {g: v for g in keys})
        kk, mm = sum(c[0] for c in t.values()), sum(c[1] for c in t.values())
        curve.append(f"{v}: {mm} at {kk / max(1, mm):.2f}")
    print(f"  half b: adds {m}, {k} true ({k / max(1, m):.3f}); within P {e[0]:.3f} R {e[1]:.3f}; one threshold "
          f"{', '.join(curve)}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("variants", nargs="*", default=["lr", "hgb", "avg"])
    ap.add_argument("--half-b", action="store_true", help="also fit on all of half a and count half b's additions")
    ap.add_argument("--cache", action="store_true", help="keep the parses and the pair instances under bench/.cache")
    args = ap.parse_args()
    a = rows_of("a", args.cache)
    b = rows_of("b", args.cache) if args.half_b else None
    base, boost = memo(lr()), memo(hgb())
    variants: dict[str, FitPredict] = {
        "lr": base, "lr-c05": lr(0.05), "lr-c2": lr(0.2), "lr-kinds": lr(extra=kinds_conjoined), "hgb": boost,
        "avg": lambda tr, te: 0.5 * base(tr, te) + 0.5 * boost(tr, te)}
    for name in args.variants:
        judge(name, variants[name], a, b)


if __name__ == "__main__":
    main()
