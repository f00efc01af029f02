"""Entity layer on Re-DocRED: is each gold person, organisation and place found, and typed right?

Relations need the right entity types (membership: person → organisation; located_in: organisation/place →
place), so a gold entity dossier misses or mistypes caps relation recall whatever the relation rules do. For every
gold entity of type PER, ORG or LOC (its first mention's type) this finds the dossier entity aligned to it (the
alignment of ``score_redocred.align``: a dossier entity goes to the gold entity most of its mentions overlap; of
several, the one with most mentions on it) and compares types: PER → person, ORG → organization, LOC → place. A
dossier ``group`` (a demonym: "Canadian") is counted as its own column; gold marks nationalities LOC or MISC.

``fact`` rows restrict to the entities of a within-sentence gold fact of a scored group (affiliation, part_of,
located_in, family), the ones relation recall depends on. Usage:
    python bench/score_redocred_entities.py [--half a|b] [--cache] [--errors N] [--type ORG] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from score_redocred import DATA, GoldDoc, extract_all, gold_facts, half_of, load

from dossier.model import Extraction

GOLD_TYPES = ("PER", "ORG", "LOC")
RIGHT = {"PER": "person", "ORG": "organization", "LOC": "place"}
COLUMNS = ("person", "organization", "place", "group", "missing")


def gold_types(half: str, limit: int | None) -> list[list[str]]:
    """Each document's gold entity types (its first mention's), in ``load``'s order."""
    raw = json.loads((DATA / "dev_revised.json").read_text(encoding="utf-8"))
    rows = [[v[0]["type"] for v in r["vertexSet"]] for r in raw if half == "all" or half_of(r["title"]) == half]
    return rows[:limit] if limit else rows


def typed(g: GoldDoc, x: Extraction) -> dict[int, str]:
    """Gold entity index → the type of the dossier entity with most mentions on it."""
    on: dict[int, Counter[str]] = defaultdict(Counter)
    for m in x.mentions:
        for vi, v in enumerate(g.vertices):
            if any(m.start < e and s < m.end for s, e, _ in v):
                on[vi][m.entity] += 1
    kind = {e.id: str(e.type) for e in x.entities}
    return {vi: kind[max(sorted(c), key=lambda k: c[k])] for vi, c in on.items()}


def in_facts(g: GoldDoc) -> set[int]:
    """Gold entities of a within-sentence fact of a scored group (family included)."""
    facts, _ = gold_facts(g)
    return {i for _, a, b in facts if g.co_sentence(a, b) for i in (a, b)}


def score(docs: Sequence[GoldDoc], types: Sequence[list[str]], xs: Sequence[Extraction]) -> dict[str, Any]:
    table: dict[str, dict[str, Counter[str]]] = {"all": defaultdict(Counter), "fact": defaultdict(Counter)}
    errors: list[str] = []
    for g, ts, x in zip(docs, types, xs, strict=True):
        got = typed(g, x)
        scored = in_facts(g)
        for vi, gt in enumerate(ts):
            if gt not in GOLD_TYPES:
                continue
            col = got.get(vi, "missing")
            table["all"][gt][col] += 1
            if vi in scored:
                table["fact"][gt][col] += 1
            if col != RIGHT[gt]:
                s, e, sent = g.vertices[vi][0]
                a, b = g.sent_bounds[sent]
                errors.append(f"{gt}→{col}{' [fact]' if vi in scored else ''}: {g.text[s:e]!r} :: "
                              f"{g.text[a:b][:200]}")
    out: dict[str, Any] = {"documents": len(docs)}
    for name, rows in table.items():
        section: dict[str, Any] = {}
        for gt in GOLD_TYPES:
            c = rows[gt]
            n = sum(c.values())
            found = n - c["missing"]
            section[gt] = {"n": n, **{k: c[k] for k in COLUMNS},
                           "found": round(found / n, 4) if n else 0.0,
                           "typed_right_of_found": round(c[RIGHT[gt]] / found, 4) if found else 0.0,
                           "right": round(c[RIGHT[gt]] / n, 4) if n else 0.0}
        n = sum(section[gt]["n"] for gt in GOLD_TYPES)
        section["all"] = {"n": n, "right": round(sum(rows[gt][RIGHT[gt]] for gt in GOLD_TYPES) / n, 4) if n else 0.0}
        out[name] = section
    out["errors"] = errors
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", default="b", choices=["a", "b", "all"])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cache", action="store_true", help="keep the spaCy parses under bench/.cache")
    ap.add_argument("--errors", type=int, default=0, help="print a fixed random sample of N errors")
    ap.add_argument("--type", default="", help="only errors whose text starts so ('ORG→person', 'PER')")
    ap.add_argument("--facts-only", action="store_true", help="only errors on entities of a scored fact")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not (DATA / "dev_revised.json").exists():
        sys.exit(f"Re-DocRED not found at {DATA} (set DOSSIER_REDOCRED)")
    docs = load(args.half, args.limit)
    r = score(docs, gold_types(args.half, args.limit), extract_all(docs, args.cache))
    if args.json:
        print(json.dumps({k: v for k, v in r.items() if k != "errors"}, indent=2))
    else:
        print(f"== Re-DocRED dev entities, half {args.half}: {r['documents']} documents")
        for name in ("all", "fact"):
            print(f"-- {name} gold entities" + (" (of a within-sentence scored fact)" if name == "fact" else ""))
            print(f"{'gold':6}{'n':>6}" + "".join(f"{c:>13}" for c in COLUMNS) + f"{'right':>8}")
            for gt in GOLD_TYPES:
                s = r[name][gt]
                print(f"{gt:6}{s['n']:6}" + "".join(f"{s[c]:13}" for c in COLUMNS) + f"{s['right']:8.3f}")
            print(f"{'all':6}{r[name]['all']['n']:6}{'':65}{r[name]['all']['right']:8.3f}")
    errs = [e for e in r["errors"] if e.startswith(args.type) and (not args.facts_only or "[fact]" in e)]
    for line in random.Random(12).sample(errs, min(args.errors, len(errs))):
        print("  " + line)


if __name__ == "__main__":
    main()
