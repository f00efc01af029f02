"""How much the relation model gains from more labelled text: a learning curve on Re-DocRED (session 21).

The shipped model (``bench/train_relation_model.py``) learns from half ``a`` of Re-DocRED dev — 250 documents,
the only labelled relation data in ``../shared/data`` — plus the distant rows of unlabelled news. This script
fits the same learner on random subsets of half ``a``'s documents (an eighth, a quarter, half, three quarters,
all; several draws each), always with the same distant rows, and scores half ``b`` (held out) as the training
script counts it:

* ``added @ shipped`` — what the model adds to the rules at the shipped thresholds (true / all);
* ``R @ P>=0.75`` — the best within-sentence recall of rules + model over one threshold for every group, among
  the thresholds that keep the whole at precision 0.75 or more (chosen on half b itself: an optimistic figure,
  the same optimism at every size, so that the curve's slope is what it reads);
* ``AP`` — the average precision of the model's candidate additions ranked by probability (how well it orders
  the pairs it scores, free of any threshold).

The slope per doubling of the training documents is the estimate of what a larger labelled set (Re-DocRED's
train split has 3,053 documents, twelve times half a) would bring. Usage:
``python bench/relation_learning_curve.py --cache [--draws 3]`` (about 10 minutes with the parses cached).
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

import distant_relations as distant
import score_redocred as sr
import train_relation_model as T

from dossier.extract.relations import learned

FRACTIONS = (0.125, 0.25, 0.5, 0.75, 1.0)
THRESHOLDS = tuple(round(0.2 + 0.025 * k, 3) for k in range(32))  # 0.2 … 0.975


def _ap(ranked: list[tuple[float, Any]]) -> tuple[float, int]:
    """Average precision of additions ranked by probability (a true one is a gold key, a false one "fp"; a
    second addition of one gold fact is neither, as ``train_relation_model.evaluate`` counts it) and the true
    ones' number."""
    hits, rank, total, seen = 0, 0, 0.0, set()
    for _, outcome in ranked:
        if outcome in seen:
            continue
        rank += 1
        if outcome != "fp":
            seen.add(outcome)
            hits += 1
            total += hits / rank
    return (total / hits if hits else 0.0), hits


def score_b(model: learned.RelationModel, b: tuple[Any, ...], shipped: dict[str, float]) -> dict[str, Any]:
    bdocs, brows, bxs = b
    preds = T.predictions(model, brows, bxs)
    at_shipped = T.evaluate(bdocs, bxs, preds, shipped)
    best = (0.0, 0.0, 1.01)
    for v in THRESHOLDS:
        p, r, *_ = T.evaluate(bdocs, bxs, preds, {g: v for g in learned.THRESHOLD_KEYS})
        if p >= 0.75 and r > best[1]:
            best = (p, r, v)
    marked = T.outcomes(bdocs, bxs, preds)
    ranked = sorted(((o[0], o[-1]) for lists in marked.values() for options in lists for o in options[:1]
                     if o[-1] is not None), key=lambda po: po[0], reverse=True)
    ap, hits = _ap(ranked)
    added_true = round(at_shipped[3] * at_shipped[4])
    return {"added": at_shipped[4], "added_true": added_true, "P": at_shipped[0], "R": at_shipped[1],
            "best_R": best[1], "best_P": best[0], "best_t": best[2], "ap": ap, "hits": hits}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--draws", type=int, default=3, help="random subsets per fraction below 1")
    ap.add_argument("--cache", action="store_true", help="keep the spaCy parses under bench/.cache")
    args = ap.parse_args()
    t0 = time.perf_counter()
    shipped = learned.load_model()  # before collecting: collect() switches the model off
    assert shipped is not None, "the curve reads the shipped thresholds: run make relation-model first"
    adocs = sr.load("a", None)
    rows, _ = T.collect(adocs, args.cache)
    bdocs = sr.load("b", None)
    brows, bxs = T.collect(bdocs, args.cache)
    extra = distant.distant_rows(distant.collect_news(distant.news_documents(), args.cache), 1.0)
    print(f"half a {len(adocs)} documents ({len(rows)} pairs), half b {len(bdocs)}, distant rows {len(extra)} "
          f"({time.perf_counter() - t0:.0f}s); shipped thresholds {shipped.thresholds}", flush=True)
    print(f"{'docs':>5} {'draw':>4}  {'added @ shipped':>16}  {'P/R @ shipped':>14}  {'R @ P>=0.75 (t)':>17}  "
          f"{'AP':>6}", flush=True)
    for frac in FRACTIONS:
        draws = 1 if frac == 1.0 else args.draws
        for draw in range(draws):
            keep = set(random.Random(1000 * draw + int(frac * 1000)).sample(range(len(adocs)),
                                                                             round(frac * len(adocs))))
            train = [r for r in rows if r.doc in keep] + extra
            model = learned.parse_model(T.fit(train, c=0.1))
            s = score_b(model, (bdocs, brows, bxs), shipped.thresholds)
            print(f"{len(keep):>5} {draw:>4}  {s['added_true']:>7} / {s['added']:<6}  {s['P']:.3f} / {s['R']:.3f}  "
                  f"{s['best_R']:.3f} ({s['best_t']:.3f})  {s['ap']:.3f}", flush=True)
    print(f"({time.perf_counter() - t0:.0f}s)")


if __name__ == "__main__":
    main()
