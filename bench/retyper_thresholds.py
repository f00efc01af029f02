"""How steady are the entity re-typer's thresholds? The choice of bench/train_entity_retyper.py on perturbed
versions of half ``a`` of Re-DocRED dev, by each of its ways of choosing (``choose``: pooled, best, median,
one-se).

A retrain after a small code change sees slightly different names; this imitates that by leaving out a tenth of
the documents (``--drops`` of them, disjoint) and by assigning the documents to the folds in other orders
(``--orders``), and reports, per target type, the thresholds each way of choosing picks over the perturbations
and the net gain each keeps on the full cross-validated decisions (docs/entities.md has the figures). Half ``a``
only; ~10 minutes (45 fits), ``--save``/``--load`` keep the decisions to compare ways of choosing again. Usage:
    python bench/retyper_thresholds.py [--limit N] [--drops 5] [--orders 3] [--cache] [--save PATH | --load PATH]
"""

from __future__ import annotations

import argparse
import pickle
import random
import statistics
from pathlib import Path
from typing import Any

import score_redocred as sr
import train_entity_retyper as tr


def cross_validated(rows: list[Any], folds: int, fold_of: dict[int, int]) -> list[tr.Decision]:
    decided: list[tr.Decision] = []
    for fold in range(folds):
        train = [r for r in rows if fold_of[r[0]] != fold]
        test = [r for r in rows if fold_of[r[0]] == fold]
        decided += tr.decisions(tr.fit(train, 1.0, 2), test)
    return decided


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--drops", type=int, default=5, help="perturbations leaving out a tenth of the documents")
    ap.add_argument("--orders", type=int, default=3, help="perturbations assigning documents to folds otherwise")
    ap.add_argument("--precision", type=float, default=0.75)
    ap.add_argument("--cache", action="store_true", help="keep the spaCy parses under bench/.cache")
    ap.add_argument("--save", type=Path, help="write the perturbations' decisions here (pickle)")
    ap.add_argument("--load", type=Path, help="read them from here instead of training")
    args = ap.parse_args()
    runs: list[tuple[str, list[tr.Decision]]] = []
    if args.load:
        runs = pickle.loads(args.load.read_bytes())
    else:
        runs = perturbed(args)
    if args.save:
        args.save.write_bytes(pickle.dumps(runs))
    report(runs, args.precision)


def perturbed(args: argparse.Namespace) -> list[tuple[str, list[tr.Decision]]]:
    docs = sr.load("a", args.limit)
    rows = tr.collect(docs, args.cache)
    ids = sorted({r[0] for r in rows})
    runs: list[tuple[str, list[tr.Decision]]] = []
    plain = {k: k % args.folds for k in ids}
    full = cross_validated(rows, args.folds, plain)
    runs.append(("all", full))
    for drop in range(args.drops):
        kept = [r for r in rows if r[0] % 10 != drop]
        runs.append((f"drop {drop}/10", cross_validated(kept, args.folds, plain)))
    for seed in range(1, args.orders + 1):
        order = list(ids)
        random.Random(seed).shuffle(order)
        runs.append((f"order {seed}", cross_validated(rows, args.folds, {k: i % args.folds for i, k in
                                                                          enumerate(order)})))
    return runs


def report(runs: list[tuple[str, list[tr.Decision]]], precision: float) -> None:
    full = runs[0][1]
    methods = {m: m for m in tr.METHODS}
    picked: dict[str, dict[str, list[float]]] = {m: {t: [] for t in ("PER", "ORG", "LOC")} for m in methods}
    print(f"{'perturbation':14}" + "".join(f"{m + ' ' + t:>16}" for m in methods for t in ("PER", "ORG", "LOC")))
    for name, decided in runs:
        line = f"{name:14}"
        for m, method in methods.items():
            th, _ = tr.choose(decided, precision, method=method)
            for t in ("PER", "ORG", "LOC"):
                picked[m][t].append(th[t])
                line += f"{th[t]:16}"
        print(line, flush=True)
    print("\nper type and way of choosing: distinct thresholds, range, spread (population st. dev.), and the net "
          "names corrected each pick keeps on the full run's decisions (min / mean)")
    for m in methods:
        for t in ("PER", "ORG", "LOC"):
            xs = picked[m][t]
            curve = tr._tally(full, t)
            nets = [curve[tr.GRID.index(x)][0] - curve[tr.GRID.index(x)][1] for x in xs]
            print(f"{m:10} {t}: {len(set(xs))} distinct, {min(xs)} … {max(xs)}, sd {statistics.pstdev(xs):.3f}; "
                  f"net {min(nets)} / {statistics.mean(nets):.1f}")


if __name__ == "__main__":
    main()
