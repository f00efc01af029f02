"""Event mentions of MEANTIME (Wikinews, hand-annotated) against the events dossier extracts.

Gold: ``../shared/data/meantime/corpus_*/*.xml`` (override with ``DOSSIER_MEANTIME``). The text is rebuilt from
the tokens as the data README says (title line, date line, then the body). MEANTIME annotates every event of
the title and of the first five body sentences and only a few events further down, so both sides are scored
inside that window (sentence 0 and sentences 2–6 of the corpus's numbering).

System: ``dossier.extract.extract`` on the rebuilt text; every trigger span of every extracted event (its
``trigger`` and the triggers of the mentions merged into it, ``Event.mentions``) is one predicted mention.

- **trigger recall**: gold event mentions overlapped by a predicted trigger; **recall with participants**: the
  same over gold mentions that have at least one HAS_PARTICIPANT link (the issue's figure);
- **trigger precision**: predicted triggers that overlap a gold event mention;
- **participants**: over matched gold mentions, gold participants whose entity mention overlaps a mention of an
  entity the event names (recall), and among those the share whose PropBank role agrees with the slot dossier
  gave (Arg0 ↔ the agent-side role of the type, Arg1 ↔ the patient side).

Usage: python bench/score_meantime_events.py [--json PATH] [--errors N] [--limit N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("DOSSIER_MEANTIME", REPO.parent / "shared" / "data" / "meantime"))
WINDOW = frozenset({0, 2, 3, 4, 5, 6})
_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "}", "'s", "%", "n't", "'", "''"})


@dataclass
class GoldDoc:
    name: str
    text: str
    published: str | None
    events: dict[str, tuple[int, int]] = field(default_factory=dict)  # m_id -> char span
    event_sentence: dict[str, int] = field(default_factory=dict)
    event_pred: dict[str, str] = field(default_factory=dict)
    entities: dict[str, tuple[int, int]] = field(default_factory=dict)
    participants: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # event -> [(entity, role)]
    sentence_spans: dict[int, tuple[int, int]] = field(default_factory=dict)


def read_document(path: Path) -> GoldDoc:
    root = etree.parse(str(path)).getroot()
    parts: list[str] = []
    tok_span: dict[str, tuple[int, int]] = {}
    tok_sent: dict[str, int] = {}
    pos = 0
    prev_sent = -1
    for tok in root.iter("token"):
        sent, word = int(tok.get("sentence")), tok.text or ""
        if prev_sent >= 0:
            sep = "\n" if sent != prev_sent and prev_sent <= 1 else ("" if word in _NO_SPACE_BEFORE else " ")
            parts.append(sep)
            pos += len(sep)
        tok_span[tok.get("t_id")] = (pos, pos + len(word))
        tok_sent[tok.get("t_id")] = sent
        parts.append(word)
        pos += len(word)
        prev_sent = sent
    text = "".join(parts)
    lines = text.split("\n")
    published = None
    if len(lines) > 1:
        try:
            published = dt.datetime.strptime(lines[1].strip(), "%B %d, %Y").date().isoformat()
        except ValueError:
            published = None
    doc = GoldDoc(path.stem, text, published)
    for t_id, sent in tok_sent.items():
        s, e = tok_span[t_id]
        a, b = doc.sentence_spans.get(sent, (s, e))
        doc.sentence_spans[sent] = (min(a, s), max(b, e))

    def span(mark: Any) -> tuple[tuple[int, int], int] | None:
        ids = [a.get("t_id") for a in mark.iter("token_anchor")]
        if not ids:
            return None
        spans = [tok_span[i] for i in ids]
        return (min(s for s, _ in spans), max(e for _, e in spans)), tok_sent[ids[0]]

    for mark in root.iter("EVENT_MENTION"):
        got = span(mark)
        if got is not None:
            doc.events[mark.get("m_id")], doc.event_sentence[mark.get("m_id")] = got
            doc.event_pred[mark.get("m_id")] = mark.get("pred") or ""
    for mark in root.iter("ENTITY_MENTION"):
        got = span(mark)
        if got is not None:
            doc.entities[mark.get("m_id")] = got[0]
    for rel in root.iter("HAS_PARTICIPANT"):
        src, tgt = rel.find("source"), rel.find("target")
        if src is None or tgt is None:
            continue
        doc.participants.setdefault(src.get("m_id"), []).append((tgt.get("m_id"), rel.get("sem_role") or ""))
    return doc


def read_corpus(data: Path = DATA) -> list[GoldDoc]:
    return [read_document(p) for p in sorted(data.glob("corpus_*/*.xml"))]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# roles dossier gives on the agent side (PropBank Arg0) and the patient side (Arg1), from the lexicon's table
def _role_sides() -> tuple[frozenset[str], frozenset[str]]:
    from dossier.extract.events.lexicon import ROLES

    agent = {r["agent"] for r in ROLES.values() if "agent" in r}
    patient = {r["patient"] for r in ROLES.values() if "patient" in r}
    return frozenset(agent - patient), frozenset(patient - agent)


def score(docs: list[GoldDoc], errors: int = 0) -> dict[str, Any]:
    from dossier.extract.pipeline import extract
    from dossier.model import Document

    agent_side, patient_side = _role_sides()
    c: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for gd in docs:
        document = Document(id=f"meantime-{gd.name}", text=gd.text, source=f"meantime/{gd.name}",
                            title=gd.text.split("\n", 1)[0], published=gd.published)
        ex = extract(document)
        window = [gd.sentence_spans[s] for s in WINDOW if s in gd.sentence_spans]
        mentions_of: dict[str, list[tuple[int, int]]] = {}
        for m in ex.mentions:
            mentions_of.setdefault(m.entity, []).append((m.start, m.end))
        predicted: list[tuple[tuple[int, int], Any]] = []
        for ev in ex.events:
            spans = {(ev.trigger.start, ev.trigger.end)}
            spans.update((s.start, s.end) for s in getattr(ev, "mentions", ()))
            for sp in sorted(spans):
                if any(_overlap(sp, w) for w in window):
                    predicted.append((sp, ev))
        gold = {m: sp for m, sp in gd.events.items() if gd.event_sentence[m] in WINDOW}
        c["gold"] += len(gold)
        c["predicted"] += len(predicted)
        for sp, _ in predicted:
            if any(_overlap(sp, g) for g in gold.values()):
                c["predicted_correct"] += 1
            else:
                wrong[gd.text[sp[0]:sp[1]].lower()] += 1
        for m, g in gold.items():
            hits = [ev for sp, ev in predicted if _overlap(sp, g)]
            has_parts = bool(gd.participants.get(m))
            c["gold_with_participants"] += has_parts
            if not hits:
                missed[gd.event_pred.get(m) or gd.text[g[0]:g[1]].lower()] += 1
                continue
            c["gold_found"] += 1
            c["gold_with_participants_found"] += has_parts
            for ent, role in gd.participants.get(m, []):
                espan = gd.entities.get(ent)
                if espan is None or role not in ("Arg0", "Arg1"):
                    continue
                c["participants"] += 1
                roles = {p.role for ev in hits for p in ev.participants
                         if any(_overlap(espan, s) for s in mentions_of.get(p.entity, []))}
                if not roles:
                    continue
                c["participants_found"] += 1
                if (role == "Arg0" and roles & agent_side) or (role == "Arg1" and roles & patient_side):
                    c["roles_agree"] += 1
                elif roles & (agent_side | patient_side):
                    c["roles_disagree"] += 1

    def div(a: str, b: str) -> float:
        return round(c[a] / c[b], 4) if c[b] else 0.0

    out: dict[str, Any] = {
        "documents": len(docs), "counts": dict(c),
        "trigger": {"precision": div("predicted_correct", "predicted"), "recall": div("gold_found", "gold")},
        "with_participants": {"recall": div("gold_with_participants_found", "gold_with_participants")},
        "participants": {"recall": div("participants_found", "participants"),
                         "role_agreement": round(c["roles_agree"] / max(1, c["roles_agree"] + c["roles_disagree"]), 4)},
    }
    if errors:
        out["missed"] = missed.most_common(errors)
        out["wrong"] = wrong.most_common(errors)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--json", type=Path)
    ap.add_argument("--errors", type=int, default=0, help="show the N most frequent misses and false triggers")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"MEANTIME not found at {DATA} (set DOSSIER_MEANTIME)", file=sys.stderr)
        return 2
    docs = read_corpus()
    if args.limit:
        docs = docs[: args.limit]
    result = score(docs, args.errors)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
