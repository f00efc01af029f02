"""Entity extraction quality against hand-labelled gold: mention P/R/F1 by type, and within-document merging.

Gold mentions are every occurrence (at word boundaries) of every surface form listed for a gold entity; where
forms overlap the longest wins ("Baig" inside "Farida Anwar Baig" is not a second mention). A predicted mention
counts when its span and type match exactly. Merging is scored pairwise over mentions whose spans match: a pair
is a gold link when both belong to one gold entity, a predicted link when dossier put both in one local entity.

Usage: python bench/score_entities.py [--corpus examples|dev|all] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import GoldDocument, load_corpus  # noqa: E402

from dossier.extract.pipeline import extract_many  # noqa: E402

TYPES = ("person", "organization", "place", "group")


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def gold_mentions(text: str, gold: dict[str, Any]) -> dict[tuple[int, int], tuple[str, str]]:
    """(start, end) → (type, gold entity id)."""
    forms = []
    for ent in gold.get("entities", []):
        for form in set(ent.get("mentions", [])):
            if form:
                forms.append((form, ent["type"], ent["id"]))
    forms.sort(key=lambda f: -len(f[0]))
    taken = [False] * len(text)
    out: dict[tuple[int, int], tuple[str, str]] = {}
    for form, type_, eid in forms:
        for m in re.finditer(re.escape(form), text):
            s, e = m.start(), m.end()
            if (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
                continue
            if any(taken[s:e]):
                continue
            for k in range(s, e):
                taken[k] = True
            out[(s, e)] = (type_, eid)
    return out


def score(docs: list[GoldDocument]) -> dict[str, Any]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    span_only = [0, 0, 0]
    links = [0, 0, 0]
    errors: list[str] = []
    for g, x in zip(docs, extract_many([d.document for d in docs]), strict=True):
        text = g.document.text
        gm = gold_mentions(text, g.gold)
        pm = {(m.start, m.end): (str(m.type), m.entity) for m in x.mentions}
        for span, (ptype, _) in pm.items():
            if span in gm and gm[span][0] == ptype:
                counts[ptype][0] += 1
            else:
                counts[ptype][1] += 1
                errors.append(f"{g.name}: FP {ptype} {text[span[0]:span[1]]!r}"
                              + (f" (gold {gm[span][0]})" if span in gm else ""))
        for span, (gtype, _) in gm.items():
            if not (span in pm and pm[span][0] == gtype):
                counts[gtype][2] += 1
                errors.append(f"{g.name}: FN {gtype} {text[span[0]:span[1]]!r}")
        span_only[0] += len(set(pm) & set(gm))
        span_only[1] += len(set(pm) - set(gm))
        span_only[2] += len(set(gm) - set(pm))
        matched = sorted(set(pm) & set(gm))
        for a, b in combinations(matched, 2):
            gold_link = gm[a][1] == gm[b][1]
            pred_link = pm[a][1] == pm[b][1]
            if gold_link and pred_link:
                links[0] += 1
            elif pred_link:
                links[1] += 1
            elif gold_link:
                links[2] += 1
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {
        "documents": len(docs),
        "mentions": {t: prf(*counts[t]) for t in TYPES} | {"all": prf(*total)},
        "mentions_span_only": prf(*span_only),
        "within_document_merge": prf(*links),
        "errors": errors,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", choices=["examples", "dev", "all"], default="all")
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    ap.add_argument("--errors", type=int, default=0, help="print this many error lines per corpus")
    ap.add_argument("--bare", action="store_true",
                    help="ablation: disable dossier's spaCy components (the model's own entities only)")
    args = ap.parse_args()
    names = ["examples", "dev"] if args.corpus == "all" else [args.corpus]
    if args.bare:
        from dossier.extract.pipeline import PIPELINE, load_pipeline

        with load_pipeline().select_pipes(disable=[*PIPELINE, "dossier_line_breaks"]):
            results = {n: score(load_corpus(n)) for n in names}
    else:
        results = {n: score(load_corpus(n)) for n in names}
    if args.json:
        print(json.dumps({n: {k: v for k, v in r.items() if k != "errors"} for n, r in results.items()}, indent=2))
        return
    for n, r in results.items():
        print(f"== {n}: {r['documents']} documents")
        print(f"{'type':14}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
        for t, s in r["mentions"].items():
            print(f"{t:14}{s['precision']:8.3f}{s['recall']:8.3f}{s['f1']:8.3f}{s['tp']:6}{s['fp']:6}{s['fn']:6}")
        s = r["mentions_span_only"]
        print(f"{'span only':14}{s['precision']:8.3f}{s['recall']:8.3f}{s['f1']:8.3f}")
        s = r["within_document_merge"]
        print(f"{'merge (pairs)':14}{s['precision']:8.3f}{s['recall']:8.3f}{s['f1']:8.3f}"
              f"{s['tp']:6}{s['fp']:6}{s['fn']:6}")
        for line in r["errors"][: args.errors]:
            print("  " + line)


if __name__ == "__main__":
    main()
