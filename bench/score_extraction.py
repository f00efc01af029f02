"""Relation, event and claim quality against hand-labelled gold (docs/gold-format.md).

Matching (names compare case-insensitively after folding accents and punctuation):
* relation — same predicate, and the predicted subject's and object's names (canonical or alias) are among the
  gold entities' surface forms. Scored per predicate; role, attribution and modality on matched pairs.
* event — same type, and the gold evidence string (or trigger) lies inside one of the predicted evidence
  sentences; one-to-one, greedy in text order. Detection P/R/F1, then slots on matched pairs: date (exact
  value), place (name), participants (P/R/F1 over names).
* claim — the gold evidence string lies inside the predicted evidence sentence and the predicted proposition
  overlaps it. Detection P/R/F1; modality per class; source (equal after folding, or same head word).
* modality (relations + events + claims together, on matched pairs): accuracy and per-class P/R/F1.

Usage: python bench/score_extraction.py [--corpus examples|dev|dev-tune|dev-heldout|all] [--json] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import GoldDocument, load_corpus  # noqa: E402
from score_entities import prf  # noqa: E402

from dossier.extract.pipeline import extract_many  # noqa: E402
from dossier.model import Extraction  # noqa: E402
from dossier.model.dates import bounds  # noqa: E402
from dossier.model.names import name_key  # noqa: E402

MODALITIES = ("asserted", "reported", "alleged", "denied", "speculative")


def _forms(gold: dict[str, Any]) -> dict[str, set[str]]:
    return {e["id"]: {name_key(m) for m in [e.get("name", ""), *e.get("mentions", [])] if m}
            for e in gold.get("entities", [])}


def _names(x: Extraction) -> dict[str, set[str]]:
    return {e.id: {name_key(n) for n in (e.name, *e.aliases)} for e in x.entities}


def _source_ok(pred: str, gold: str) -> bool:
    p, g = name_key(pred), name_key(gold)
    if p == g or {p, g} == {"reporter", "unnamed sources"}:  # agentless "is reported to": see gold-format.md
        return True
    pw, gw = p.split(), g.split()
    return bool(pw and gw and pw[-1] == gw[-1])


class Tally:
    def __init__(self) -> None:
        self.c: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.modality: list[tuple[str, str]] = []
        self.errors: list[str] = []

    def add(self, key: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.c[key][0] += tp
        self.c[key][1] += fp
        self.c[key][2] += fn


def score_relations(g: GoldDocument, x: Extraction, t: Tally) -> None:
    forms, names = _forms(g.gold), _names(x)
    gold = list(g.gold.get("relations", []))
    used = [False] * len(gold)
    for r in x.relations:
        hit = None
        for i, gr in enumerate(gold):
            if not used[i] and gr["predicate"] == r.predicate and names[r.subject] & forms.get(gr["subject"], set()) \
                    and names[r.object] & forms.get(gr["object"], set()):
                hit = i
                break
        if hit is None:
            t.add(f"relation/{r.predicate}", fp=1)
            t.errors.append(f"{g.name}: FP relation {r.predicate}({x_name(x, r.subject)} → {x_name(x, r.object)})")
            continue
        used[hit] = True
        gr = gold[hit]
        t.add(f"relation/{r.predicate}", tp=1)
        t.add("relation/role", tp=int((r.role or "") == (gr.get("role") or "")),
              fn=int((r.role or "") != (gr.get("role") or "")))
        t.add("relation/attribution", tp=int(_source_ok(r.attribution, gr.get("attribution", "reporter"))),
              fn=int(not _source_ok(r.attribution, gr.get("attribution", "reporter"))))
        t.modality.append((str(r.modality), gr.get("modality", "asserted")))
    for i, gr in enumerate(gold):
        if not used[i]:
            t.add(f"relation/{gr['predicate']}", fn=1)
            t.errors.append(f"{g.name}: FN relation {gr['predicate']}: {gr.get('evidence', '')[:90]}")


def _date_ok(pred: str | None, gold: str | None) -> bool:
    """Equal, or a part of the gold period ("the late 1990s" = 1995/1999 inside a gold 1990/1999)."""
    if pred is None or gold is None:
        return False
    if pred == gold:
        return True
    pb, gb = bounds(pred), bounds(gold)
    return bool(pb and gb and "/" in gold and gb[0] <= pb[0] and pb[1] <= gb[1])


def x_name(x: Extraction, entity_id: str | None) -> str:
    return next((e.name for e in x.entities if e.id == entity_id), "?")


def score_events(g: GoldDocument, x: Extraction, t: Tally) -> None:
    forms, names = _forms(g.gold), _names(x)
    gold = list(g.gold.get("events", []))
    used = [False] * len(gold)
    # Open events (any other happening, found by the open trigger detector: extractor "events/open-…") lie
    # outside this gold's scope, which labels the dossier event types; MEANTIME scores them
    # (bench/score_meantime_events.py, docs/events.md).
    for ev in (e for e in x.events if not e.extractor.startswith("events/open-")):
        texts = [s.text for s in ev.evidence]
        hit = None
        for i, ge in enumerate(gold):
            probe = ge.get("evidence") or ge.get("trigger") or ""
            if not used[i] and ge["type"] == ev.type and probe and any(probe in s or s in probe for s in texts):
                hit = i
                break
        if hit is None:
            t.add("event/detection", fp=1)
            t.errors.append(f"{g.name}: FP event {ev.type} '{ev.trigger.text}': {texts[0][:80]}")
            continue
        used[hit] = True
        ge = gold[hit]
        t.add("event/detection", tp=1)
        gd, pd = ge.get("date"), ev.date
        if gd or pd:
            ok = _date_ok(pd, gd)
            t.add("event/date", tp=int(ok), fp=int(pd is not None and not ok), fn=int(gd is not None and not ok))
        gp = forms.get(ge.get("place") or "", set())
        pp = names.get(ev.place or "", set())
        if gp or pp:
            t.add("event/place", tp=int(bool(gp & pp)), fp=int(bool(pp) and not gp & pp),
                  fn=int(bool(gp) and not gp & pp))
        gparts = [forms.get(p, set()) for p in ge.get("participants", [])]
        pparts = [names.get(p.entity, set()) for p in ev.participants]
        matched = sum(1 for pp_ in pparts if any(pp_ & gp_ for gp_ in gparts))
        t.add("event/participants", tp=matched, fp=len(pparts) - matched,
              fn=max(0, len(gparts) - sum(1 for gp_ in gparts if any(gp_ & pp_ for pp_ in pparts))))
        t.modality.append((str(ev.modality), ge.get("modality", "asserted")))
    for i, ge in enumerate(gold):
        if not used[i]:
            t.add("event/detection", fn=1)
            t.errors.append(f"{g.name}: FN event {ge['type']} '{ge.get('trigger')}': {ge.get('evidence', '')[:80]}")


def score_claims(g: GoldDocument, x: Extraction, t: Tally) -> None:
    gold = list(g.gold.get("claims", []))
    used = [False] * len(gold)
    for c in x.claims:
        hit = None
        for i, gc in enumerate(gold):
            ev = gc.get("evidence", "")
            if not used[i] and ev and ev in c.evidence.text:
                hit = i
                break
        if hit is None:
            t.add("claim/detection", fp=1)
            t.errors.append(f"{g.name}: FP claim {c.modality} [{c.source}] {c.proposition.text[:70]}")
            continue
        used[hit] = True
        gc = gold[hit]
        t.add("claim/detection", tp=1)
        ok = _source_ok(c.source, gc.get("source", "reporter"))
        t.add("claim/source", tp=int(ok), fn=int(not ok))
        if not ok:
            t.errors.append(f"{g.name}: source {c.source!r} ≠ gold {gc.get('source')!r}")
        t.modality.append((str(c.modality), gc.get("modality", "asserted")))
    for i, gc in enumerate(gold):
        if not used[i]:
            t.add("claim/detection", fn=1)
            t.errors.append(f"{g.name}: FN claim {gc.get('modality')} [{gc.get('source')}] "
                            f"{gc.get('evidence', '')[:70]}")


def modality_scores(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {"accuracy": round(sum(p == g for p, g in pairs) / len(pairs), 4) if pairs else 0.0,
                           "n": len(pairs)}
    for m in MODALITIES:
        tp = sum(1 for p, g in pairs if p == g == m)
        fp = sum(1 for p, g in pairs if p == m != g)
        fn = sum(1 for p, g in pairs if g == m != p)
        out[m] = prf(tp, fp, fn)
    return out


def score(docs: list[GoldDocument]) -> dict[str, Any]:
    t = Tally()
    for g, x in zip(docs, extract_many([d.document for d in docs]), strict=True):
        score_relations(g, x, t)
        score_events(g, x, t)
        score_claims(g, x, t)
    rel_total = [sum(v[i] for k, v in t.c.items() if k.startswith("relation/") and k not in
                     {"relation/role", "relation/attribution"}) for i in range(3)]
    return {
        "documents": len(docs),
        "scores": {k: prf(*v) for k, v in sorted(t.c.items())} | {"relation/all": prf(*rel_total)},
        "modality": modality_scores(t.modality),
        "errors": t.errors,
    }


def select(corpus: str) -> list[GoldDocument]:
    if corpus == "all":
        return load_corpus("examples") + load_corpus("dev")
    if corpus.startswith("dev-"):
        docs = load_corpus("dev")
        tune = [d for d in docs if int(d.name[1:]) <= 30]
        return tune if corpus == "dev-tune" else [d for d in docs if int(d.name[1:]) > 30]
    return load_corpus(corpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="all", choices=["examples", "dev", "dev-tune", "dev-heldout", "all"])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    r = score(select(args.corpus))
    if args.json:
        print(json.dumps({k: v for k, v in r.items() if k != "errors"}, indent=2))
        return
    print(f"== {args.corpus}: {r['documents']} documents")
    print(f"{'measure':26}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    for k, s in r["scores"].items():
        print(f"{k:26}{s['precision']:8.3f}{s['recall']:8.3f}{s['f1']:8.3f}{s['tp']:6}{s['fp']:6}{s['fn']:6}")
    m = r["modality"]
    print(f"modality accuracy on matched items: {m['accuracy']:.3f} (n={m['n']})")
    for k in MODALITIES:
        s = m[k]
        print(f"  {k:24}{s['precision']:8.3f}{s['recall']:8.3f}{s['f1']:8.3f}{s['tp']:6}{s['fp']:6}{s['fn']:6}")
    for line in r["errors"][: args.errors]:
        print("  " + line)



if __name__ == "__main__":
    main()
