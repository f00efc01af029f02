"""Entity layer on Re-DocRED: is each gold person, organisation and place found, and typed right?

Relations need the right entity types (membership: person → organisation; located_in: organisation/place →
place), so a gold entity dossier misses or mistypes caps relation recall whatever the relation rules do. For every
gold entity of type PER, ORG or LOC (its first mention's type) this finds the dossier entity aligned to it (the
alignment of ``score_redocred.align``: a dossier entity goes to the gold entity most of its mentions overlap; of
several, the one with most mentions on it) and compares types: PER → person, ORG → organization, LOC → place. A
dossier ``group`` (a demonym: "Canadian") is counted as its own column; gold marks nationalities LOC or MISC.

``fact`` rows restrict to the entities of a within-sentence gold fact of a scored group (affiliation, part_of,
located_in, family), the ones relation recall depends on.

``--blocked N`` counts the within-sentence gold facts that no relation can find because of the entity layer:
a side no dossier entity aligns to (``score_redocred.align``), or aligned entities whose types no statement of
the fact's group can join (``learned.PREDICATE``, and an organisation's membership of another, which the scorer
accepts as part_of, or a statement the scorer accepts for the fact: ``fact_statements``). Blocked facts are
sorted by cause: "mistyped" where a side's dossier type is not its gold type's, else the gold's own types that no
statement joins (a country's membership of the EU); then the side that blocks, its gold type → dossier type. An
adjectival demonym stands for its country (docs/entities.md), so a fact on one aligned to a group is counted
apart, as not blocked. N examples of each of the largest causes follow. Usage:
    python bench/score_redocred_entities.py [--half a|b] [--cache] [--errors N] [--type ORG] [--json]
        [--blocked N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from score_redocred import (
    DATA,
    GROUPS,
    PROPERTIES,
    UNDIRECTED,
    GoldDoc,
    Key,
    align,
    extract_all,
    fact_statements,
    gold_facts,
    half_of,
    load,
)

from dossier.extract.demonym_places import country_of
from dossier.extract.relations.learned import PREDICATE
from dossier.model import EntityType, Extraction

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


# (group, subject type, object type) a statement can join: the model's vocabulary, and membership between two
# organisations (stated as part_of, which the scorer accepts for an affiliation fact)
JOINS = frozenset({(g, str(s), str(o)) for g, s, o in PREDICATE}
                  | {("affiliation", str(EntityType.ORGANIZATION), str(EntityType.ORGANIZATION))})
GROUP, PLACE = str(EntityType.GROUP), str(EntityType.PLACE)
DEMONYM = "demonym→place"


def _slot_types(group: str, slot: int) -> set[str]:
    return {j[1 + slot] for j in JOINS if j[0] == group} | (
        {j[2 - slot] for j in JOINS if j[0] == group} if group in UNDIRECTED else set())


def _statements(g: GoldDoc) -> dict[Key, set[Key]]:
    """Each scored gold fact → the statements that find it: its own key and the accepted others ("X is a
    member of the band" finds the band's has-part fact: ``score_redocred.fact_statements``)."""
    facts, _ = gold_facts(g)
    out: dict[Key, set[Key]] = {k: {k} for k in facts}
    for prop, h, t in g.labels:
        if prop in PROPERTIES:
            for said, fact in fact_statements(g, prop, h, t).items():
                if fact in out:
                    out[fact].add(said)
    return out


def _joins(key: Key, ta: set[str], tb: set[str]) -> bool:
    group, a, b = key
    return any((group, p, q) in JOINS or group in UNDIRECTED and (group, q, p) in JOINS for p in ta for q in tb)


def _vertex_types(g: GoldDoc, x: Extraction) -> dict[int, set[str]]:
    """Gold entity index → the types of the dossier entities aligned to it; "demonym→place" added where only a
    group aligns and every mention is a country's adjective (it stands for the country for the relation finders,
    docs/entities.md; a plural or nominal use, "the French", cannot, which this count does not tell apart)."""
    kind = {e.id: str(e.type) for e in x.entities}
    out: dict[int, set[str]] = defaultdict(set)
    for eid, vi in align(g, x).items():
        out[vi].add(kind[eid])
    for vi, ts in out.items():
        if ts == {GROUP} and all(country_of(g.text[s:e]) is not None for s, e, _ in g.vertices[vi]):
            ts.add(DEMONYM)
    return out


def _cause(g: GoldDoc, said: set[Key], a: int, b: int, ta: set[str], tb: set[str]) -> str | None:
    """Why no statement of a fact between ``a`` and ``b`` can be made of these types, or None where one can."""
    def oriented(k: Key, types: tuple[set[str], set[str]]) -> tuple[set[str], set[str]]:
        return types if (k[1], k[2]) == (a, b) else (types[1], types[0])

    if not ta or not tb:
        return "unaligned"
    if any(_joins(k, *oriented(k, (ta, tb))) for k in said):
        return None
    plain = ({t.replace(DEMONYM, PLACE) for t in ta}, {t.replace(DEMONYM, PLACE) for t in tb})
    if any(_joins(k, *oriented(k, plain)) for k in said):
        return "(demonym standing for its country: not blocked)"
    group = min(said)[0]
    sides = [f"{'ab'[slot]}:{g.kinds[vi] if vi < len(g.kinds) else '?'}→{'/'.join(sorted(ts))}"
             for slot, (vi, ts) in enumerate(((a, ta), (b, tb)))
             if not any(ts & _slot_types(k[0], slot if (k[1], k[2]) == (a, b) else 1 - slot) for k in said)]
    wrong = any(vi < len(g.kinds) and g.kinds[vi] in RIGHT and RIGHT[g.kinds[vi]] not in ts
                for vi, ts in ((a, ta), (b, tb)))
    pair = f"pair {'/'.join(sorted(ta))}→{'/'.join(sorted(tb))}"
    return f"{'mistyped' if wrong else 'gold types, no statement joins them'}: {group} {' '.join(sides) or pair}"


def blocked(docs: Sequence[GoldDoc], xs: Sequence[Extraction]) -> tuple[Counter[str], dict[str, list[str]], int]:
    """Within-sentence gold facts the entity layer blocks, by cause (see the module's docstring); and how many
    within-sentence facts there are."""
    causes: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    total = 0
    for g, x in zip(docs, xs, strict=True):
        types = _vertex_types(g, x)
        for key, said in sorted(_statements(g).items()):
            group, a, b = key
            if group not in GROUPS or not g.co_sentence(a, b):
                continue
            total += 1
            cause = _cause(g, said, a, b, types.get(a, set()), types.get(b, set()))
            if cause is None:
                continue
            causes[cause] += 1
            shared = sorted({m[2] for m in g.vertices[a]} & {m[2] for m in g.vertices[b]})
            s0, e0 = g.sent_bounds[shared[0]]
            names = [g.text[v[0][0]:v[0][1]] for v in (g.vertices[a], g.vertices[b])]
            examples[cause].append(f"{names[0]!r} → {names[1]!r} :: {g.text[s0:e0][:180]}")
    return causes, examples, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", default="b", choices=["a", "b", "all"])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cache", action="store_true", help="keep the spaCy parses under bench/.cache")
    ap.add_argument("--errors", type=int, default=0, help="print a fixed random sample of N errors")
    ap.add_argument("--type", default="", help="only errors whose text starts so ('ORG→person', 'PER')")
    ap.add_argument("--facts-only", action="store_true", help="only errors on entities of a scored fact")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--blocked", type=int, metavar="N", default=-1,
                    help="count the within-sentence facts the entity layer blocks, by cause, N examples each")
    args = ap.parse_args()
    if not (DATA / "dev_revised.json").exists():
        sys.exit(f"Re-DocRED not found at {DATA} (set DOSSIER_REDOCRED)")
    docs = load(args.half, args.limit)
    xs = extract_all(docs, args.cache)
    if args.blocked >= 0:
        causes, examples, total = blocked(docs, xs)
        n = sum(k for c, k in causes.items() if not c.startswith("("))
        typed_wrong = sum(k for c, k in causes.items() if c.startswith("mistyped"))
        print(f"== half {args.half}: {total} within-sentence facts, {n} blocked by the entity layer "
              f"({causes['unaligned']} unaligned, {typed_wrong} mistyped against the gold's type, "
              f"{n - causes['unaligned'] - typed_wrong} in types no statement joins)")
        for cause, k in causes.most_common():
            print(f"{k:5}  {k / total:6.1%}  {cause}")
        for cause, _ in causes.most_common(16):
            for line in random.Random(12).sample(examples[cause], min(args.blocked, len(examples[cause]))):
                print(f"  [{cause}] {line}")
        return
    r = score(docs, gold_types(args.half, args.limit), xs)
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
