"""Score time expressions against MEANTIME's hand-annotated TIMEX3 (60 English Wikinews articles, real news).

For each article the text is rebuilt from its tokens (title line, date line, then the body), parsed by
dossier's pipeline, and every time expression dossier finds (``time.spans.find_spans``) in the annotated zone is
valued by ``time.spans.timeml_of_span`` against the article's gold document creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``): normalisation is measured apart from dateline reading. The date
line itself (the second line, which *is* the creation time) is scored by neither side.

Measures:

* extent P/R/F1, lenient (spans overlap; one-to-one, largest overlap first) and strict (same characters);
* type accuracy (DATE, TIME, DURATION, SET) on leniently matched expressions;
* value accuracy: the exact TimeML ``value`` on leniently matched expressions, per gold type and for
  DATE+TIME together; and value F1 (matched with the exact value over predicted and over gold).

Usage: ``python bench/score_meantime_timex.py [--errors] [--json]``. The data folder is
``$DOSSIER_MEANTIME`` or ``../shared/data/meantime`` beside the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(os.environ.get("DOSSIER_MEANTIME", Path(__file__).resolve().parents[2] / "shared" / "data" / "meantime"))
TYPES = ("DATE", "TIME", "DURATION", "SET")
_FULL_LAYERS = frozenset({"TIMEX3", "VALUE", "SIGNAL", "C-SIGNAL"})
_ZONE_SENTENCES = 5
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%]+|'s|'|n't|'re|'ve|'ll|'d|'m)$", re.IGNORECASE)


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Article:
    name: str
    text: str
    dct: dt.date | None
    zone_end: int  # the character offset where the annotated zone ends
    skip: tuple[int, int]  # the date line, scored by neither side
    gold: list[Timex] = field(default_factory=list)


def load(data: Path = DATA) -> list[Article]:
    """Every article under ``data``, with its gold TIMEX3 (the creation time left out)."""
    return [_article(f) for f in sorted(data.glob("corpus_*/*.xml"))]


def _article(path: Path) -> Article:
    root = ET.parse(path).getroot()
    spans: dict[str, tuple[int, int, int]] = {}  # t_id -> start, end, sentence
    parts: list[str] = []
    pos, last_sentence = 0, None
    for tok in root.iter("token"):
        word, sentence = tok.text or "", int(tok.get("sentence", "0"))
        if last_sentence is not None:
            sep = "\n" if sentence != last_sentence and sentence <= 2 else (
                "" if _NO_SPACE_BEFORE.match(word) else " ")
            parts.append(sep)
            pos += len(sep)
        spans[tok.get("t_id", "")] = (pos, pos + len(word), sentence)
        parts.append(word)
        pos += len(word)
        last_sentence = sentence
    text = "".join(parts)
    # Entities and events are annotated throughout; times, values and signals only in the first sentences.
    markables = [m for m in root.iterfind("Markables/*") if m.tag in _FULL_LAYERS]
    zone_sentence = max((spans[a.get("t_id", "")][2] for m in markables for a in m.iter("token_anchor")
                         if a.get("t_id") in spans), default=_ZONE_SENTENCES)
    zone_end = max((e for _, e, s in spans.values() if s <= zone_sentence), default=0)
    line1 = [(s, e) for s, e, n in spans.values() if n == 1]
    skip = (min(s for s, _ in line1), max(e for _, e in line1)) if line1 else (0, 0)
    dct: dt.date | None = None
    gold: list[Timex] = []
    for tx in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in tx.findall("token_anchor")]
        if not ids:
            continue
        start, end = spans[ids[0]][0], spans[ids[-1]][1]
        value = tx.get("value", "")
        if tx.get("functionInDocument") == "CREATION_TIME" or _overlaps((start, end), skip):
            dct = dct or _date(value)
            continue
        gold.append(Timex(start, end, text[start:end], tx.get("type", ""), value))
    return Article(path.stem, text, dct, zone_end, skip, sorted(gold, key=lambda t: t.start))


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def predict(articles: list[Article]) -> list[list[Timex]]:
    """dossier's time expressions in each article's annotated zone, valued as TimeML."""
    from dossier.extract.pipeline import load_pipeline
    from dossier.extract.time.spans import find_spans, timeml_of_span

    nlp = load_pipeline()
    out: list[list[Timex]] = []
    for art, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        found: list[Timex] = []
        for span in find_spans(doc):
            s, e = span.start_char, span.end_char
            if e > art.zone_end or _overlaps((s, e), art.skip):
                continue
            tml = timeml_of_span(span, art.dct)
            found.append(Timex(s, e, span.text, tml.type, tml.value or ""))
        out.append(found)
    return out


def _match(gold: list[Timex], pred: list[Timex]) -> list[tuple[Timex, Timex]]:
    pairs = sorted(((min(g.end, p.end) - max(g.start, p.start), i, j) for i, g in enumerate(gold)
                    for j, p in enumerate(pred) if _overlaps((g.start, g.end), (p.start, p.end))), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[Timex, Timex]] = []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((gold[i], pred[j]))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _acc(hits: int, n: int) -> dict[str, float]:
    return {"accuracy": round(hits / n, 4) if n else 0.0, "n": n}


def score(articles: list[Article], preds: list[list[Timex]]) -> tuple[dict[str, Any], list[str]]:
    n_gold = sum(len(a.gold) for a in articles)
    n_pred = sum(len(p) for p in preds)
    strict = lenient = type_ok = 0
    value_ok: Counter[str] = Counter()
    value_n: Counter[str] = Counter()
    errors: list[str] = []
    for art, pred in zip(articles, preds, strict=True):
        pairs = _match(art.gold, pred)
        lenient += len(pairs)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        for g, p in pairs:
            strict += (g.start, g.end) == (p.start, p.end)
            type_ok += g.type == p.type
            value_n[g.type] += 1
            value_ok[g.type] += g.value == p.value
            if g.value != p.value:
                errors.append(f"{art.name[:40]} dct={art.dct} VALUE gold {g.text!r} {g.type} {g.value} "
                              f"| ours {p.text!r} {p.type} {p.value}")
        errors += [f"{art.name[:40]} dct={art.dct} MISSED {g.text!r} {g.type} {g.value}"
                   for g in art.gold if id(g) not in matched_g]
        errors += [f"{art.name[:40]} dct={art.dct} SPURIOUS {p.text!r} {p.type} {p.value}"
                   for p in pred if id(p) not in matched_p]
    correct = sum(value_ok.values())
    result: dict[str, Any] = {
        "gold": n_gold,
        "predicted": n_pred,
        "extent": {"lenient": _prf(lenient, n_pred, n_gold), "strict": _prf(strict, n_pred, n_gold)},
        "type": _acc(type_ok, lenient),
        "value": {t.lower(): _acc(value_ok[t], value_n[t]) for t in TYPES}
        | {"date_time": _acc(value_ok["DATE"] + value_ok["TIME"], value_n["DATE"] + value_n["TIME"]),
           "all": _acc(correct, lenient)},
        "value_f1": _prf(correct, n_pred, n_gold),
    }
    return result, errors


def run(data: Path = DATA) -> tuple[dict[str, Any], list[str]]:
    articles = load(data)
    return score(articles, predict(articles))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--errors", action="store_true", help="list every miss, spurious span and wrong value")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit(f"MEANTIME not found at {DATA} (set DOSSIER_MEANTIME)")
    result, errors = run()
    if args.errors:
        print("\n".join(errors))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    ext = result["extent"]
    print(f"MEANTIME TIMEX3: {result['gold']} gold, {result['predicted']} predicted")
    for kind in ("lenient", "strict"):
        e = ext[kind]
        print(f"  extent {kind:8s} P {e['p']:.3f}  R {e['r']:.3f}  F1 {e['f1']:.3f}")
    print(f"  type accuracy          {result['type']['accuracy']:.3f} (n={result['type']['n']})")
    for key, v in result["value"].items():
        print(f"  value exact {key:10s} {v['accuracy']:.3f} (n={v['n']})")
    vf = result["value_f1"]
    print(f"  value F1               P {vf['p']:.3f}  R {vf['r']:.3f}  F1 {vf['f1']:.3f}")


if __name__ == "__main__":
    main()
