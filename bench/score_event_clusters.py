"""Cross-document event coreference in the store against the hand-made event clusters of the example corpus.

Gold: ``examples/event_clusters.json`` maps a short name of a real-world event to the ``[report stem, gold
trigger, first ~40 characters of the gold evidence]`` items that tell it — every gold event of every example
report (``examples/gold/<stem>.json``), singletons included, each in exactly one cluster.

The examples are ingested into a temporary store with the real pipeline (extraction, entity resolution, then
the analysis refresh that fills ``event_clusters``), and each gold event is matched to at most one system event
record of the same report, one-to-one, in three passes over the gold events in file order:

1. **trigger**: the gold trigger's span (its first occurrence inside an occurrence of the gold evidence in the
   document text) overlaps the record's trigger span; among several, same type first, then text order;
2. **sentence**: otherwise, a record of the same type one of whose evidence spans overlaps the gold evidence
   span; text order;
3. **word**: otherwise, a record of the same type whose evidence spans contain the gold trigger as a word (case
   folded); text order. This catches gold events labelled on a key-points line or headline whose record the
   extractor built from the body ("Attack on police post …" vs the record of "militants stormed …").

Gold events left unmatched (extraction missed them, or put them elsewhere) are counted and left out, so the
scores below are over the matched gold events only — extraction recall bounds what coreference can show. Key:
the gold clusters restricted to matched events; responses: the system's ``event_clusters``, and two baselines
over the same events — all singletons, and same-type-same-date (matched events whose *predicted* types are equal
and whose predicted date bounds overlap are one cluster, transitively; undated ones stay alone).

Usage: python bench/score_event_clusters.py [--json PATH] [--errors]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from coref_metrics import score_all  # noqa: E402
from corpus import REPO  # noqa: E402

GOLD = REPO / "examples" / "event_clusters.json"
GOLD_DIR = REPO / "examples" / "gold"

GoldKey = tuple[str, int]  # (report stem, index in the gold file's events[])


# -- gold -------------------------------------------------------------------------------------------------------
def gold_events(gold_dir: Path = GOLD_DIR) -> dict[GoldKey, dict[str, Any]]:
    """Every gold event of every example report, by (stem, index)."""
    out: dict[GoldKey, dict[str, Any]] = {}
    for path in sorted(gold_dir.glob("*.json")):
        for i, ev in enumerate(json.loads(path.read_text(encoding="utf-8")).get("events", [])):
            out[(path.stem, i)] = ev
    return out


def resolve_gold(clusters: Mapping[str, Sequence[Sequence[str]]],
                 events: Mapping[GoldKey, Mapping[str, Any]]) -> tuple[dict[GoldKey, str], list[str]]:
    """Gold event → cluster name, and the problems that make the file ill-formed (empty when it is fine).

    An entry must name exactly one gold event (same stem and trigger, evidence starting with the entry's prefix);
    every gold event must be named by exactly one entry.
    """
    where: dict[GoldKey, str] = {}
    problems: list[str] = []
    for name, items in clusters.items():
        if not items:
            problems.append(f"{name!r}: empty cluster")
        for item in items:
            if len(item) != 3 or not all(isinstance(x, str) for x in item) or not item[2]:
                problems.append(f"{name!r}: malformed entry {item!r}")
                continue
            stem, trigger, prefix = item
            hits = [k for k, ev in events.items() if k[0] == stem and ev.get("trigger") == trigger
                    and str(ev.get("evidence", "")).startswith(prefix)]
            if len(hits) != 1:
                problems.append(f"{name!r}: {item!r} names {len(hits)} gold events")
                continue
            if hits[0] in where:
                problems.append(f"{name!r}: {item!r} already in {where[hits[0]]!r}")
                continue
            where[hits[0]] = name
    for key in sorted(set(events) - set(where)):
        problems.append(f"gold event {key[0]}#{key[1]} ({events[key].get('trigger')!r}) is in no cluster")
    return where, problems


# -- system -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Record:
    id: str
    stem: str
    type: str
    trigger: tuple[int, int]
    trigger_text: str
    label: str
    date: str | None
    evidence: tuple[tuple[int, int], ...]
    place: str | None  # local place name [tail of its resolved entity id]
    cluster: str


def load_records(store: Any) -> tuple[dict[str, list[Record]], dict[str, str]]:
    """The store's event records by report stem (text order) and each report's text."""
    stems = {r["id"]: Path(r["source"]).stem
             for r in store.query("SELECT id, source FROM documents WHERE is_current = 1")}
    texts = {stems[r["id"]]: r["text"]
             for r in store.query("SELECT id, text FROM documents WHERE is_current = 1")}
    place_names = {r[0]: f"{r[1]}[{str(r[2] or r[0])[-4:]}]" for r in store.query(
        "SELECT le.id, le.name, l.entity FROM local_entities le LEFT JOIN entity_links l ON l.local_entity = le.id")}
    clusters = {r["event"]: r["cluster"] for r in store.query("SELECT event, cluster FROM event_clusters")}
    out: dict[str, list[Record]] = defaultdict(list)
    for r in store.query("SELECT id, document, type, label, trigger_start, trigger_end, trigger_text, date, place, "
                         "evidence FROM events ORDER BY document, trigger_start, id"):
        if r["document"] not in stems:
            continue
        spans = tuple((s["start"], s["end"]) for s in json.loads(r["evidence"]))
        out[stems[r["document"]]].append(Record(
            r["id"], stems[r["document"]], r["type"], (r["trigger_start"], r["trigger_end"]), r["trigger_text"],
            r["label"], r["date"], spans, place_names.get(r["place"]) if r["place"] else None,
            clusters.get(r["id"], r["id"])))
    return dict(out), texts


def _occurrences(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while needle and i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match(events: Mapping[GoldKey, Mapping[str, Any]], records: Mapping[str, list[Record]],
          texts: Mapping[str, str]) -> dict[GoldKey, tuple[Record, str]]:
    """Gold event → (system record, "trigger" | "sentence" | "word"), one-to-one (rule in the module docstring)."""
    spans: dict[GoldKey, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
    for key, ev in events.items():
        text, evidence, trigger = texts.get(key[0], ""), str(ev.get("evidence", "")), str(ev.get("trigger", ""))
        ev_spans = [(i, i + len(evidence)) for i in _occurrences(text, evidence)]
        tr_spans = [(s + j, s + j + len(trigger)) for s, _ in ev_spans
                    for j in _occurrences(evidence, trigger)[:1]]
        spans[key] = (ev_spans, tr_spans)
    used: set[str] = set()
    out: dict[GoldKey, tuple[Record, str]] = {}
    for key in sorted(events):
        ev_type = events[key].get("type")
        cands = [r for r in records.get(key[0], []) if r.id not in used
                 and any(_overlap(r.trigger, t) for t in spans[key][1])]
        if cands:
            best = min(cands, key=lambda r: (r.type != ev_type, r.trigger))
            out[key] = (best, "trigger")
            used.add(best.id)
    for key in sorted(set(events) - set(out)):
        cands = [r for r in records.get(key[0], []) if r.id not in used and r.type == events[key].get("type")
                 and any(_overlap(e, s) for e in r.evidence for s in spans[key][0])]
        if cands:
            out[key] = (cands[0], "sentence")
            used.add(cands[0].id)
    for key in sorted(set(events) - set(out)):
        text = texts.get(key[0], "")
        word = re.compile(rf"\b{re.escape(str(events[key].get('trigger', '')))}\b", re.IGNORECASE)
        cands = [r for r in records.get(key[0], []) if r.id not in used and r.type == events[key].get("type")
                 and any(word.search(text[a:b]) for a, b in r.evidence)]
        if cands:
            out[key] = (cands[0], "word")
            used.add(cands[0].id)
    return out


# -- baselines --------------------------------------------------------------------------------------------------
def same_type_same_date(recs: Mapping[GoldKey, Record]) -> dict[GoldKey, Hashable]:
    """Union of events with equal predicted type and overlapping predicted date bounds; undated ones alone."""
    from dossier.model.dates import bounds

    keys = sorted(recs)
    parent = {k: k for k in keys}

    def find(k: GoldKey) -> GoldKey:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    spans = {k: bounds(d) if (d := recs[k].date) else None for k in keys}
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            sa, sb = spans[a], spans[b]
            if sa and sb and recs[a].type == recs[b].type and sa[0] <= sb[1] and sb[0] <= sa[1]:
                parent[find(b)] = find(a)
    return {k: find(k) for k in keys}


def _clusters(labels: Mapping[GoldKey, Hashable]) -> list[frozenset[GoldKey]]:
    groups: dict[Hashable, set[GoldKey]] = defaultdict(set)
    for k, label in labels.items():
        groups[label].add(k)
    return sorted((frozenset(g) for g in groups.values()), key=min)


# -- scoring ----------------------------------------------------------------------------------------------------
def build_store(path: Path) -> tuple[Any, list[str]]:
    from score_resolution import build_store as ingest_examples  # the same ingest as the entity scorer

    return ingest_examples(path)


def _describe(key: GoldKey, rec: Record) -> str:
    from dossier.analyze.event_groups import trigger_key

    return (f"{key[0][:2]}#{key[1]} {rec.type} '{rec.trigger_text}' (key {trigger_key(rec.label, rec.trigger_text)})"
            f" date={rec.date or '-'} place={rec.place or '-'}")


def score(store: Any) -> dict[str, Any]:
    clusters = json.loads(GOLD.read_text(encoding="utf-8"))
    events = gold_events()
    gold_of, problems = resolve_gold(clusters, events)
    if problems:
        raise SystemExit("examples/event_clusters.json is ill-formed:\n  " + "\n  ".join(problems))
    records, texts = load_records(store)
    matched = match(events, records, texts)
    recs = {k: m[0] for k, m in matched.items()}
    key = _clusters({k: gold_of[k] for k in recs})
    responses = {
        "system": _clusters({k: r.cluster for k, r in recs.items()}),
        "same-type-same-date": _clusters(same_type_same_date(recs)),
        "all-singletons": [frozenset([k]) for k in sorted(recs)],
    }
    n_records = sum(len(v) for v in records.values())
    result: dict[str, Any] = {
        "gold_events": len(events), "gold_clusters": len(set(gold_of.values())),
        "matched": len(matched),
        "matched_by": {how: sum(1 for m in matched.values() if m[1] == how) for how in ("trigger", "sentence", "word")},
        "matched_gold_clusters": len(key), "system_records": n_records,
        "system_clusters": len({r.cluster for rs in records.values() for r in rs}),
        "scores": {},
    }
    for name, response in responses.items():
        s = score_all(key, response)
        result["scores"][name] = {**s.as_dict(), "clusters": len(response),
                                  "conll_without_singletons": round(score_all(key, response, False).conll, 4)}
    split = []
    for name in sorted(set(gold_of[k] for k in recs)):
        members = sorted(k for k in recs if gold_of[k] == name)
        parts = defaultdict(list)
        for k in members:
            parts[recs[k].cluster].append(_describe(k, recs[k]))
        if len(parts) > 1:
            split.append({"gold": name, "system_clusters": sorted(parts.values())})
    merged = []
    by_sys: dict[str, list[GoldKey]] = defaultdict(list)
    for k, r in recs.items():
        by_sys[r.cluster].append(k)
    for members in sorted(by_sys.values(), key=min):
        names = sorted({gold_of[k] for k in members})
        if len(names) > 1:
            merged.append({"gold": names, "members": [_describe(k, recs[k]) for k in sorted(members)]})
    used = {r.id for r in recs.values()}
    result["errors"] = {
        "split": split, "merged": merged,
        "unmatched_records": [f"{r.stem[:2]} {r.type} '{r.trigger_text}' label={r.label!r} date={r.date or '-'} "
                              f"cluster={r.cluster}" for rs in records.values() for r in rs if r.id not in used],
        "unmatched": [f"{k[0][:2]}#{k[1]} {events[k]['type']} '{events[k]['trigger']}': "
                      f"{str(events[k]['evidence'])[:70]}" for k in sorted(set(events) - set(matched))],
    }
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", metavar="PATH", help="write the figures to this file")
    ap.add_argument("--errors", action="store_true", help="list split and merged gold clusters, unmatched events")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store, skipped = build_store(Path(tmp) / "store.db")
        with store:
            result = score(store)
    result["skipped_reports"] = skipped
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    how = ", ".join(f"{n} by {h}" for h, n in result["matched_by"].items())
    print(f"gold events {result['gold_events']} in {result['gold_clusters']} clusters; matched {result['matched']} "
          f"({how}) in {result['matched_gold_clusters']} gold clusters; system: {result['system_records']} records "
          f"in {result['system_clusters']} clusters")
    for s in skipped:
        print(f"skipped (extraction/store failure): {s}")
    print(f"{'response':22} {'clusters':>8}  {'MUC R/P/F1':>17}  {'B3 R/P/F1':>17}  {'CEAF-e R/P/F1':>17}  "
          f"{'CoNLL':>6}  {'no-singl.':>9}")
    for name in ("all-singletons", "same-type-same-date", "system"):
        r = result["scores"][name]
        cells = [f"{r[m]['recall'] * 100:.1f}/{r[m]['precision'] * 100:.1f}/{r[m]['f1'] * 100:.1f}"
                 for m in ("muc", "b3", "ceaf_e")]
        print(f"{name:22} {r['clusters']:>8}  {cells[0]:>17}  {cells[1]:>17}  {cells[2]:>17}  "
              f"{r['conll'] * 100:>6.1f}  {r['conll_without_singletons'] * 100:>9.1f}")
    if args.errors:
        for e in result["errors"]["split"]:
            print(f"split: {e['gold']}")
            for part in e["system_clusters"]:
                print("    | " + "; ".join(part))
        for e in result["errors"]["merged"]:
            print(f"merged: {' + '.join(e['gold'])}")
            for m in e["members"]:
                print(f"    | {m}")
        for line in result["errors"]["unmatched"]:
            print(f"unmatched gold event: {line}")
        for line in result["errors"]["unmatched_records"]:
            print(f"unmatched system record: {line}")


if __name__ == "__main__":
    main()
