"""Entity quality on real news: MEANTIME (Wikinews, hand-annotated), end to end through ingest and resolution.

Reads the CAT XML of ``../shared/data/meantime`` (or ``$DOSSIER_MEANTIME`` / ``--data``) with lxml, rebuilds each
article's text from its tokens (a space between tokens unless the next is punctuation; line 1 the title, line 2
the date line, then the body), ingests all articles into one store and resolves it. Scores:

* **mentions** — gold: the named mentions (``NAM``, ``PRE.NAM``) of PER/ORG/LOC entities; nationality words
  ("German") are LOC as MEANTIME marks them, so dossier's ``group`` counts as LOC. Only the *annotated zone* is
  scored: the sentences up to the last one holding a mention with a syntactic type (MEANTIME annotates the
  title and the first sentences in full, later sentences only for cross-document links). Lenient: a predicted
  and a gold mention match when their spans overlap and one contains the other (one-to-one). ``span`` is P/R/F1
  whatever the types; per type and over all types (``all``, the headline figure) the types must agree too. A
  named mention that contains another ("Boeing and Lockheed Martin"), and every gold mention of another kind
  (products, nominals, pronouns: MEANTIME's "Airbus A320 jets" is one product), are don't-care regions: a
  prediction inside one is neither right nor wrong, as in CoNLL-style scoring of a subset of the types.
* **type accuracy** — matched mentions whose types agree.
* **canonical name** — per gold PER/ORG/LOC entity (cross-document instance) with a matched mention: the
  dossier entity most of its matched mentions belong to is named with one of the names gold gives the entity
  (its named mentions and its descriptor; case, accents, punctuation, a leading "the" and a possessive aside;
  for a person, MEANTIME's named mentions include a leading job title, so a full name of two or more words
  that ends one of them counts: "Thomas Enders" for "Chief executive Thomas Enders").
* **cross-document coreference** — MUC, B³, CEAF-e and CoNLL F1 (``coref_metrics``) with and without
  singletons, end to end: the key clusters gold zone mentions by cross-document instance, the response clusters
  dossier's zone mentions by their resolved entity; matched mentions share an id.

Bare spaCy (the same model, its own NER, labels PERSON → PER, ORG → ORG, GPE/LOC/FAC/NORP → LOC) is scored on
the same mentions as the baseline (no coreference, no canonical names: it has neither).

Usage: python bench/score_meantime_entities.py [--data DIR] [--json] [--errors N] [--no-baseline]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from coref_metrics import score_all  # noqa: E402

from dossier import pipeline

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("DOSSIER_MEANTIME", REPO.parent / "shared" / "data" / "meantime"))
TYPES = ("PER", "ORG", "LOC")
NAMED = {"NAM", "PRE.NAM"}
_NO_SPACE_BEFORE = set(".,;:!?)]}%") | {"'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m"}
DOSSIER_TYPE = {"person": "PER", "organization": "ORG", "place": "LOC", "group": "LOC"}
SPACY_TYPE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "LOC"}


@dataclass
class GoldMention:
    id: str
    start: int
    end: int
    type: str  # PER ORG LOC PRO FIN MIX
    instance: str
    named: bool


@dataclass
class Article:
    name: str
    text: str
    zone_end: int  # character offset where the annotated zone ends
    mentions: list[GoldMention] = field(default_factory=list)
    names: dict[str, set[str]] = field(default_factory=dict)  # instance → names gold gives it


def _no_space(token: str) -> bool:
    return token in _NO_SPACE_BEFORE or (bool(token) and all(c in ".,;:!?)]}%" for c in token))


def load_article(path: Path) -> Article:
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    tokens = [(t.get("t_id"), int(t.get("sentence")), t.text or "") for t in root.iter("token")]
    parts: list[str] = []
    span: dict[str, tuple[int, int]] = {}
    sentence_end: dict[int, int] = {}
    pos = 0
    prev_sentence = -1
    for tid, sentence, text in tokens:
        if parts:
            sep = "\n" if sentence != prev_sentence and sentence <= 2 else ("" if _no_space(text) else " ")
            parts.append(sep)
            pos += len(sep)
        span[tid] = (pos, pos + len(text))
        parts.append(text)
        pos += len(text)
        sentence_end[sentence] = pos
        prev_sentence = sentence
    text = "".join(parts)
    sentence_of = {tid: s for tid, s, _ in tokens}
    markables = root.find("Markables")
    mentions: dict[str, tuple[int, int, bool, int]] = {}
    zone_sentence = 0
    entity_type: dict[str, tuple[str, str, str]] = {}  # ENTITY m_id → (type, instance, descriptor)
    for m in markables if markables is not None else ():
        if m.tag == "ENTITY_MENTION":
            ids = [a.get("t_id") for a in m.iter("token_anchor")]
            if not ids:
                continue
            syn = m.get("syntactic_type")
            if syn is not None:
                zone_sentence = max(zone_sentence, max(sentence_of[i] for i in ids))
            mentions[m.get("m_id")] = (span[ids[0]][0], span[ids[-1]][1], syn in NAMED, sentence_of[ids[0]])
        elif m.tag == "ENTITY":
            mid = m.get("m_id")
            instance = m.get("instance_id") or f"{path.stem}#{mid}"
            entity_type[mid] = (m.get("ent_type") or "", instance, m.get("TAG_DESCRIPTOR") or "")
    article = Article(path.stem, text, sentence_end.get(zone_sentence, len(text)))
    relations = root.find("Relations")
    for r in relations if relations is not None else ():
        if r.tag != "REFERS_TO" or r.find("target") is None:
            continue
        target = entity_type.get(r.find("target").get("m_id"))
        if target is None:
            continue
        etype, instance, descriptor = target
        names = article.names.setdefault(instance, set())
        if descriptor:  # "Royal Air Force (RAF)", "Michael O'Leary (CEO of Ryanair)": the name, then a gloss
            names.update({descriptor, descriptor.split(" (")[0].strip()})
        for s in r.findall("source"):
            mid = s.get("m_id")
            if mid not in mentions:
                continue
            start, end, named, sentence = mentions[mid]
            if named or (text[start:start + 1].isupper() and sentence > zone_sentence):
                names.update({text[start:end], text[start:end].split(" (")[0].strip()})
            if sentence <= zone_sentence:
                article.mentions.append(GoldMention(f"{path.stem}:{mid}", start, end, etype, instance, named))
    return article


def load_corpus(data: Path) -> list[Article]:
    files = sorted(data.glob("corpus_*/*.xml"))
    if not files:
        raise SystemExit(f"{data}: no MEANTIME CAT XML files (corpus_*/*.xml)")
    return [load_article(f) for f in files]


@dataclass
class Pred:
    start: int
    end: int
    type: str
    entity: str = ""  # cross-document entity id (dossier) or ""
    text: str = ""


def _lenient(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return (a_start <= b_start and b_end <= a_end) or (b_start <= a_start and a_end <= b_end)


def _matching(edges: dict[int, list[int]], fixed: dict[int, int]) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths) gold index → pred index, extending ``fixed``."""
    match_pred = {p: g for g, p in fixed.items()}
    match_gold = dict(fixed)

    def augment(g: int, seen: set[int]) -> bool:
        for p in edges.get(g, ()):
            if p in seen:
                continue
            seen.add(p)
            if p not in match_pred or augment(match_pred[p], seen):
                match_pred[p] = g
                match_gold[g] = p
                return True
        return False

    for g in sorted(edges):
        if g not in match_gold:
            augment(g, set())
    return match_gold


def align(gold: list[GoldMention], preds: list[Pred]) -> dict[int, int]:
    """Gold index → pred index: first the largest matching of type-agreeing pairs, then extended by the rest."""
    typed: dict[int, list[int]] = defaultdict(list)
    any_type: dict[int, list[int]] = defaultdict(list)
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            if _lenient(g.start, g.end, p.start, p.end):
                any_type[gi].append(pi)
                if g.type == p.type:
                    typed[gi].append(pi)
    return _matching(any_type, _matching(typed, {}))


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def scored_mentions(art: Article) -> tuple[list[GoldMention], list[GoldMention]]:
    """(scored, don't-care): the named PER/ORG/LOC mentions that contain no other one are scored; the rest
    (other categories, nominal and pronoun mentions, composites such as "Boeing and Lockheed Martin") are
    regions where a prediction is neither right nor wrong."""
    named = [g for g in art.mentions if g.named and g.type in TYPES]
    scored = [g for g in named
              if not any(o is not g and g.start <= o.start and o.end <= g.end and (o.start, o.end) != (g.start, g.end)
                         for o in named)]
    ids = {id(g) for g in scored}
    return scored, [g for g in art.mentions if id(g) not in ids]


def score_mentions(articles: list[Article], predictions: list[list[Pred]],
                   errors: list[str] | None = None) -> tuple[dict[str, Any], list[dict[int, int]]]:
    """Zone predictions are filtered in place (those in don't-care regions dropped); returns the scores and, per
    article, the alignment scored-gold index → prediction index."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    type_ok = type_all = 0
    alignments = []
    for art, preds in zip(articles, predictions, strict=True):
        gold, dont_care = scored_mentions(art)
        zone = [p for p in preds if p.start < art.zone_end]
        a = align(gold, zone)
        matched = set(a.values())
        kept = [p for pi, p in enumerate(zone) if pi in matched
                or not any(_lenient(g.start, g.end, p.start, p.end) for g in dont_care)]
        preds[:] = kept
        a = align(gold, kept)
        alignments.append(a)
        matched = set(a.values())
        for gi, g in enumerate(gold):
            pi = a.get(gi)
            if pi is None:
                counts["all"][2] += 1
                counts["span"][2] += 1
                counts[g.type][2] += 1
                if errors is not None:
                    errors.append(f"{art.name[:30]}: FN {g.type} {art.text[g.start:g.end]!r}")
                continue
            p = kept[pi]
            counts["span"][0] += 1
            type_all += 1
            if p.type == g.type:
                type_ok += 1
                counts[g.type][0] += 1
                counts["all"][0] += 1
            else:
                counts[g.type][2] += 1
                counts[p.type][1] += 1
                counts["all"][1] += 1
                counts["all"][2] += 1
                if errors is not None:
                    errors.append(f"{art.name[:30]}: TYPE {p.type} for {g.type} {art.text[p.start:p.end]!r}")
        for pi, p in enumerate(kept):
            if pi not in matched:
                counts["all"][1] += 1
                counts["span"][1] += 1
                counts[p.type][1] += 1
                if errors is not None:
                    errors.append(f"{art.name[:30]}: FP {p.type} {art.text[p.start:p.end]!r}")
    out = {t: prf(*counts[t]) for t in ("all", "span", *TYPES)}
    out["type_accuracy"] = round(type_ok / type_all, 4) if type_all else 0.0
    return out, alignments


def _surface(name: str) -> str:
    from dossier.model.names import clean_surface, name_key
    return name_key(clean_surface(name))


def _name_ok(name: str, gold: set[str], person: bool) -> bool:
    key = _surface(name)
    keys = {_surface(n) for n in gold}
    if key in keys:
        return True
    return person and len(key.split()) >= 2 and any(k.endswith(" " + key) for k in keys)


def score_entities(articles: list[Article], predictions: list[list[Pred]], alignments: list[dict[int, int]],
                   entity_names: dict[str, str], errors: list[str] | None = None) -> dict[str, Any]:
    """Canonical-name accuracy and cross-document coreference, from the zone alignment."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    gold_names: dict[str, set[str]] = defaultdict(set)
    key: dict[str, set[str]] = defaultdict(set)
    response: dict[str, set[str]] = defaultdict(set)
    for art, preds, a in zip(articles, predictions, alignments, strict=True):
        gold = scored_mentions(art)[0]
        for instance, names in art.names.items():
            gold_names[instance].update(names)
        taken = {}
        for gi, g in enumerate(gold):
            key[g.instance].add(g.id)
            pi = a.get(gi)
            if pi is not None:
                taken[pi] = g.id
                votes[g.instance][preds[pi].entity] += 1
        for pi, p in enumerate(preds):
            response[p.entity].add(taken.get(pi, f"{art.name}:pred:{p.start}:{p.end}"))
    right = 0
    for instance, v in sorted(votes.items()):
        entity = v.most_common(1)[0][0]
        name = entity_names.get(entity, "")
        ok = _name_ok(name, gold_names[instance], instance.startswith("PER"))
        right += ok
        if not ok and errors is not None:
            errors.append(f"NAME {name!r} for {sorted(gold_names[instance])}")
    out: dict[str, Any] = {
        "canonical_name": {"entities": len(votes), "right": right,
                           "accuracy": round(right / len(votes), 4) if votes else 0.0},
    }
    for singletons in (True, False):
        s = score_all(list(key.values()), list(response.values()), singletons=singletons)
        out["coref_with_singletons" if singletons else "coref_without_singletons"] = {
            "conll": round(s.conll, 4), **{k: v.as_dict() for k, v in (("muc", s.muc), ("b3", s.b3),
                                                                        ("ceaf_e", s.ceaf_e))}}
    return out


def run_dossier(articles: list[Article], db: Path) -> tuple[list[list[Pred]], dict[str, str]]:
    """Ingest every article into one store (as ``dossier ingest`` does per file), resolve, read the mentions."""
    from dossier.extract.pipeline import extract_many
    from dossier.ingest.limits import Limits
    from dossier.ingest.parse import parse_input
    from dossier.ingest.sources import InputRef
    from dossier.store import open_store

    docs = []
    with tempfile.TemporaryDirectory() as tmp:
        for art in articles:
            path = Path(tmp) / f"{art.name}.txt"
            path.write_text(art.text + "\n", encoding="utf-8")
            docs.append(parse_input(InputRef(source=path.name, path=str(path)), Limits()))
    store = open_store(db)
    with store:
        for x in extract_many(docs):
            store.add_extraction(x)
        pipeline.resolve(store, full=True)
        local_to_entity: dict[str, str] = {}
        names: dict[str, str] = {}
        types: dict[str, str] = {}
        for e in store.iter_entities():
            names[e.id] = e.name
            types[e.id] = e.type
            for lid in e.local_ids:
                local_to_entity[lid] = e.id
        out: list[list[Pred]] = []
        for art, doc in zip(articles, docs, strict=True):
            shift = doc.text.find(art.text[:60])
            if shift < 0:
                raise SystemExit(f"{art.name}: the ingested text does not contain the rebuilt text")
            rows = store.query("SELECT start, end, text, type, entity FROM mentions WHERE document = ? "
                               "ORDER BY start", (doc.id,))
            out.append([Pred(r["start"] - shift, r["end"] - shift, DOSSIER_TYPE[r["type"]],
                             local_to_entity.get(r["entity"], r["entity"]), r["text"])
                        for r in rows if r["type"] in DOSSIER_TYPE])
    return out, names


def run_spacy(articles: list[Article]) -> list[list[Pred]]:
    import spacy

    from dossier.extract.pipeline import MODEL
    nlp = spacy.load(MODEL)
    return [[Pred(e.start_char, e.end_char, SPACY_TYPE[e.label_], text=e.text)
             for e in doc.ents if e.label_ in SPACY_TYPE]
            for doc in nlp.pipe((a.text for a in articles), batch_size=16)]


def evaluate(data: Path, baseline: bool = True, errors: list[str] | None = None,
             db: Path | None = None) -> dict[str, Any]:
    articles = load_corpus(data)
    with tempfile.TemporaryDirectory() as tmp:
        preds, names = run_dossier(articles, db or Path(tmp) / "meantime.db")
    mentions, alignments = score_mentions(articles, preds, errors)
    result: dict[str, Any] = {
        "articles": len(articles),
        "gold_mentions": sum(len(scored_mentions(a)[0]) for a in articles),
        "dossier": {"mentions": mentions, **score_entities(articles, preds, alignments, names, errors)},
    }
    if baseline:
        result["spacy"] = {"mentions": score_mentions(articles, run_spacy(articles))[0]}
    return result


def flat(result: dict[str, Any]) -> Iterable[tuple[str, float]]:
    for system in ("dossier", "spacy"):
        if system not in result:
            continue
        m = result[system]["mentions"]
        yield f"{system}.mentions.all.f1", m["all"]["f1"]
        yield f"{system}.mentions.span.f1", m["span"]["f1"]
        for t in TYPES:
            yield f"{system}.mentions.{t}.f1", m[t]["f1"]
        yield f"{system}.type_accuracy", m["type_accuracy"]
    d = result["dossier"]
    yield "dossier.canonical_name.accuracy", d["canonical_name"]["accuracy"]
    yield "dossier.coref_with_singletons.conll", d["coref_with_singletons"]["conll"]
    yield "dossier.coref_without_singletons.conll", d["coref_without_singletons"]["conll"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="print this many errors")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--db", type=Path, help="keep the ingested store here (a new file) to look into")
    args = ap.parse_args()
    errors: list[str] = []
    result = evaluate(args.data, baseline=not args.no_baseline, errors=errors, db=args.db)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"MEANTIME: {result['articles']} articles, {result['gold_mentions']} gold PER/ORG/LOC named mentions "
          "in the annotated zone")
    for name, value in flat(result):
        print(f"  {name:42} {value:.4f}")
    for line in errors[: args.errors]:
        print(line)


if __name__ == "__main__":
    main()
