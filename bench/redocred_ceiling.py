"""How far within-sentence relation recall on Re-DocRED can go with dossier's entities, and what stops the rest.

Each gold within-sentence fact (the facts ``score_redocred.py`` scores) gets one cause, the first that holds:

* ``rules``       the rules state it (the learned model switched off, as its training sees them);
* ``reachable``   a pair instance the learned model scores has the fact's label, in a direction and with types
  that can state it, and is not set aside before scoring (too many dependency arcs apart, a vetoing feature, a
  place pair that does not nest): a perfect classifier would add it;
* ``set aside``   such an instance exists, but every one is set aside before scoring;
* ``typed``       both gold entities have a dossier entity and their names share a sentence, but the types say
  no relation of the group can hold ("the Canadian province of Alberta" read as a group, a band as a person);
* ``apart``       both gold entities have a dossier entity, but no two of their mentions fall in one sentence
  within the gap the model looks at (a mention missed in that sentence, names far apart);
* ``unaligned``   a gold entity no dossier entity overlaps (no name found, a nested name, a work or an event).

``ceiling`` = (rules + reachable) / all: the within-sentence recall a perfect classifier over the pairs the model
sees would reach on top of the rules. It uses the training script's counting (``train_relation_model.evaluate``),
which is stricter than the scorer's by the demonym vertices the scorer aligns to a country (about 0.03 of recall).
Usage: ``python bench/redocred_ceiling.py --half b --cache`` (``--show CAUSE --limit-show N`` lists examples, half
a only: half b is held out).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from typing import Any

import score_redocred as sr
import train_relation_model as trm

from dossier.extract.relations import learned

CAUSES = ("rules", "reachable", "set aside", "typed", "apart", "unaligned")


def causes(docs: list[sr.GoldDoc], rows: list[trm.Row], xs: list[Any]) -> list[tuple[int, tuple[str, int, int], str]]:
    """(document, gold fact key, cause) of every gold within-sentence fact."""
    by_doc: dict[int, list[trm.Row]] = defaultdict(list)
    for row in rows:
        by_doc[row.doc].append(row)
    out: list[tuple[int, tuple[str, int, int], str]] = []
    for k, (g, x) in enumerate(zip(docs, xs, strict=True)):
        facts, _ = sr.gold_facts(g)
        where = sr.align(g, x)
        aligned = set(where.values())
        found = set()
        for r in x.relations:
            a, b = where.get(r.subject), where.get(r.object)
            if a is not None and b is not None and a != b:
                found.add(sr._key(sr.GROUP_OF.get(r.predicate, r.predicate), a, b))
        pairs: dict[frozenset[int], list[trm.Row]] = defaultdict(list)
        for row in by_doc[k]:
            a, b = where.get(row.subject), where.get(row.object)
            if a is not None and b is not None and a != b:
                pairs[frozenset((a, b))].append(row)
        for key in sorted(facts):
            group, a, b = key
            if not g.co_sentence(a, b):
                continue
            if key in found:
                cause = "rules"
            elif a not in aligned or b not in aligned:
                cause = "unaligned"
            elif not (candidates := pairs.get(frozenset((a, b)))):
                cause = "apart"
            else:
                labelled = [r for r in candidates if r.label == ("part_of" if group == "affiliation" and
                                                                  (r.stype, r.otype) == (learned._ORG, learned._ORG)
                                                                  else group)
                            and sr._key(group, where[r.subject], where[r.object]) == key]
                if not labelled:
                    cause = "typed"
                elif any(_scored(r) for r in labelled):
                    cause = "reachable"
                else:
                    cause = "set aside"
            out.append((k, key, cause))
    return out


def _scored(row: trm.Row) -> bool:
    """Whether the model scores this instance at all (``train_relation_model.predictions``' filters)."""
    if learned.too_far(row.stype, row.otype, row.arcs) or learned.VETO.intersection(row.features):
        return False
    return not (row.label == "located_in" and not row.nests)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", choices=("a", "b", "all"), default="a")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cache", action="store_true", help="keep the spaCy parses under bench/.cache")
    ap.add_argument("--show", choices=CAUSES, help="list the facts of one cause (half a only)")
    ap.add_argument("--limit-show", type=int, default=30)
    args = ap.parse_args()
    if args.show and args.half != "a":
        sys.exit("--show lists examples of half a only: half b is held out")
    if not (sr.DATA / "dev_revised.json").exists():
        sys.exit(f"Re-DocRED not found at {sr.DATA} (set DOSSIER_REDOCRED)")
    docs = sr.load(args.half, args.limit)
    rows, xs = trm.collect(docs, args.cache)
    got = causes(docs, rows, xs)
    n = len(got)
    count = Counter(c for _, _, c in got)
    by_group: dict[str, Counter[str]] = defaultdict(Counter)
    for _, key, c in got:
        by_group[key[0]][c] += 1
    print(f"== Re-DocRED dev, half {args.half}: {len(docs)} documents, {n} within-sentence gold facts")
    print(f"{'cause':<12}{'all':>7}{'share':>8}  " + "  ".join(f"{g:>11}" for g in sr.GROUPS))
    for c in CAUSES:
        print(f"{c:<12}{count[c]:>7}{count[c] / max(1, n):>8.3f}  "
              + "  ".join(f"{by_group[g][c]:>11}" for g in sr.GROUPS))
    print(f"rules recall {count['rules'] / max(1, n):.3f}; ceiling (rules + a perfect classifier) "
          f"{(count['rules'] + count['reachable']) / max(1, n):.3f}")
    if args.show:
        shown = 0
        for k, key, c in got:
            if c != args.show or shown >= args.limit_show:
                continue
            g = docs[k]
            names = [g.text[s:e] for s, e, _ in (g.vertices[key[1]][0], g.vertices[key[2]][0])]
            sent = next(m[2] for m in g.vertices[key[1]] if m[2] in {v[2] for v in g.vertices[key[2]]})
            s, e = g.sent_bounds[sent]
            print(f"  {c} {key[0]}({names[0]} → {names[1]}) [{g.title}] :: {g.text[s:e][:220]}")
            shown += 1


if __name__ == "__main__":
    main()
