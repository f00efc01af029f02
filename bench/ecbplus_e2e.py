"""ECB+ end to end: dossier's own mentions (predicted, not gold) scored against the gold, directly
(``--e2e``) and through a store and its JSON export (``--export``: triggers and ``cluster`` ids, as a consumer
sees them). Split from ``ecbplus.py``, which reads the corpus and scores the gold-mention settings."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import coref_metrics
from ecbplus import EcbDocument, GoldMention, Labels, Prepared

from dossier import pipeline

_TAG_OF_TYPE = {"person": "HUMAN_PART_PER", "organization": "HUMAN_PART_ORG", "group": "HUMAN_PART_GPE",
                "place": "LOC_GEO"}


def predicted_documents(preps: Sequence[Prepared]) -> list[Prepared]:
    """The same documents with dossier's own mentions in place of the gold ones.

    Each report (its sentences, without the ecbplus URL line) goes through ``dossier.extract``: every ``Event``
    trigger becomes an event mention, every entity ``Mention`` and ``TimeExpression`` an entity mention
    (times as TIME_DATE). Spans map to the ECB+ tokens they overlap; only mentions in validated sentences are
    kept. A predicted mention takes the id (and gold cluster) of the gold mention of its kind it overlaps
    most — each gold mention is matched at most once — else it gets its own id and a cluster of its own.
    """
    from dossier.extract.pipeline import extract_many
    from dossier.model import Document

    texts, spans = _report_texts(preps)
    documents = [Document(id=Document.make_id(t), text=t, source=p.doc.name) for t, p in zip(texts, preps, strict=True)]
    out = []
    for prep, ext, tok_spans in zip(preps, extract_many(documents), spans, strict=True):
        found: list[tuple[str, str, int, int]] = []  # kind, tag, start, end
        found += [("event", "ACTION_OCCURRENCE", e.trigger.start, e.trigger.end) for e in ext.events]
        found += [("entity", _TAG_OF_TYPE.get(str(m.type), "HUMAN_PART"), m.start, m.end) for m in ext.mentions]
        found += [("entity", "TIME_DATE", t.start, t.end) for t in ext.times]
        gold_by_kind: dict[str, list[GoldMention]] = defaultdict(list)
        for g in prep.doc.mentions:
            gold_by_kind[g.kind].append(g)
        used: set[str] = set()
        mentions: dict[tuple[str, tuple[int, ...]], GoldMention] = {}
        for n, (kind, tag, start, end) in enumerate(sorted(found, key=lambda f: (f[2], f[3], f[0]))):
            toks = tuple(i for i, (a, b) in enumerate(tok_spans) if a < end and b > start)
            if not toks or prep.doc.tokens[toks[0]].sentence not in prep.doc.validated or (kind, toks) in mentions:
                continue
            best = max((g for g in gold_by_kind[kind] if g.id not in used),
                       key=lambda g: (len(set(g.tokens) & set(toks)), -g.tokens[0]), default=None)
            if best is not None and set(best.tokens) & set(toks):
                used.add(best.id)
                mid, cluster = best.id, best.cluster
            else:
                mid = f"{prep.doc.name}/p{n}"
                cluster = mid
            mentions[(kind, toks)] = GoldMention(
                id=mid, doc=prep.doc.name, topic=prep.doc.topic, tag=tag, kind=kind,
                sentence=prep.doc.tokens[toks[0]].sentence, tokens=toks,
                text=" ".join(prep.doc.tokens[i].text for i in toks), cluster=cluster)
        doc = EcbDocument(prep.doc.name, prep.doc.topic, prep.doc.tokens, sorted(mentions.values(),
                          key=lambda m: (m.tokens, m.kind)), prep.doc.validated)
        out.append(replace(prep, doc=doc))
    return out


def evaluate_e2e(gold: Sequence[GoldMention], predicted: Sequence[GoldMention], labels: Labels) -> dict[str, object]:
    key = coref_metrics.clusters_from_labels({m.id: m.cluster for m in gold})
    response = coref_metrics.clusters_from_labels({m.id: lab for m, lab in zip(predicted, labels, strict=True)})
    gold_ids = {m.id for m in gold}
    matched = sum(1 for m in predicted if m.id in gold_ids)
    return {
        "mentions": {"gold": len(gold), "predicted": len(predicted), "matched": matched,
                     "recall": round(matched / len(gold), 4) if gold else 0.0,
                     "precision": round(matched / len(predicted), 4) if predicted else 0.0},
        "with_singletons": coref_metrics.score_all(key, response).as_dict(),
        "without_singletons": coref_metrics.score_all(key, response, singletons=False).as_dict(),
    }


def export_e2e(preps: Sequence[Prepared], log: Callable[[str], None] = print) -> dict[str, Any]:
    """Events end to end *through the JSON export*: what a consumer of dossier sees.

    Every dev report is ingested into one store (extraction, entity resolution, the analysis refresh that
    clusters events across reports: all topics together, as a user's store holds them), exported with
    ``write_json``, and each trigger span an exported event record gives — its ``trigger`` and the trigger of
    every other mention of it in its report (``mentions``: "raided … the raid") — is mapped to the ECB+ tokens
    it overlaps and matched one-to-one to the gold event mention it overlaps most; the record's ``cluster`` is
    the response label of each. Unmatched records count against precision, unmatched gold mentions against recall
    (``evaluate_e2e``). ``clustering_on_matched``: CoNLL on the matched mentions alone — the clustering's own
    quality, apart from how many mentions extraction finds.
    """
    import io
    import tempfile

    from dossier.export.json_export import write_json
    from dossier.extract.pipeline import extract_many
    from dossier.model import Document
    from dossier.store import open_store

    texts, spans = _report_texts(preps)
    documents = [Document(id=Document.make_id(t), text=t, source=p.doc.name) for t, p in zip(texts, preps, strict=True)]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "ecb.db")
        for ext in extract_many(documents):
            store.add_extraction(ext)
        pipeline.resolve(store, full=True)
        out = io.StringIO()
        write_json(store, out)
        store.close()
    exported = json.loads(out.getvalue())
    by_doc = {d.id: i for i, d in enumerate(documents)}
    gold_all: list[GoldMention] = []
    predicted: list[GoldMention] = []
    labels: Labels = []
    records: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for e in exported["events"]:
        records[by_doc[e["trigger"]["document"]]].append(e)
    for i, prep in enumerate(preps):
        gold = [g for g in prep.doc.mentions if g.kind == "event"]
        gold_all += gold
        used: set[str] = set()
        spans_of: list[tuple[int, int, str, dict[str, Any]]] = []  # every trigger span a record gives
        for e in records[i]:
            seen: set[tuple[int, int]] = set()
            for sp in [e["trigger"], *e.get("mentions", ())]:
                if (sp["start"], sp["end"]) not in seen:
                    seen.add((sp["start"], sp["end"]))
                    spans_of.append((sp["start"], sp["end"], e["id"], e))
        for n, (start, end, _id, e) in enumerate(sorted(spans_of, key=lambda x: x[:3])):
            toks = tuple(k for k, (a, b) in enumerate(spans[i]) if a < end and b > start)
            if not toks or prep.doc.tokens[toks[0]].sentence not in prep.doc.validated:
                continue
            best = max((g for g in gold if g.id not in used),
                       key=lambda g: (len(set(g.tokens) & set(toks)), -g.tokens[0]), default=None)
            if best is not None and set(best.tokens) & set(toks):
                used.add(best.id)
                mid, cluster = best.id, best.cluster
            else:
                mid = cluster = f"{prep.doc.name}/x{n}"
            predicted.append(GoldMention(id=mid, doc=prep.doc.name, topic=prep.doc.topic, tag="ACTION_OCCURRENCE",
                                         kind="event", sentence=prep.doc.tokens[toks[0]].sentence, tokens=toks,
                                         text=" ".join(prep.doc.tokens[k].text for k in toks), cluster=cluster))
            labels.append(e.get("cluster", e["id"]))  # an export without clusters: every record alone
    res: dict[str, Any] = {"dossier": evaluate_e2e(gold_all, predicted, labels)}
    gold_ids = {m.id for m in gold_all}
    matched = [(m, lab) for m, lab in zip(predicted, labels, strict=True) if m.id in gold_ids]
    key = coref_metrics.clusters_from_labels({m.id: m.cluster for m, _ in matched})
    response = coref_metrics.clusters_from_labels({m.id: lab for m, lab in matched})
    singles = coref_metrics.clusters_from_labels({m.id: m.id for m, _ in matched})
    res["clustering_on_matched"] = {
        "mentions": len(matched),
        "dossier": coref_metrics.score_all(key, response).as_dict(),
        "all-singletons": coref_metrics.score_all(key, singles).as_dict(),
    }
    cross = defaultdict(set)
    for m, lab in zip(predicted, labels, strict=True):
        cross[lab].add(m.doc)
    res["clusters_over_several_reports"] = sum(1 for docs in cross.values() if len(docs) > 1)
    m = res["dossier"]["mentions"]
    log(f"events through the JSON export: mention recall {m['recall']:.3f} precision {m['precision']:.3f}, "
        f"CoNLL {res['dossier']['with_singletons']['conll']:.4f}; on the {len(matched)} matched mentions CoNLL "
        f"{res['clustering_on_matched']['dossier']['conll']:.4f} (all singletons "
        f"{res['clustering_on_matched']['all-singletons']['conll']:.4f})")
    return res


def _report_texts(preps: Sequence[Prepared]) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """Each report's text (its sentences, without the ecbplus URL line) and every token's character span."""
    texts, spans = [], []
    for prep in preps:
        parts, where, pos = [], {}, 0
        for s in sorted(prep.sentence_text):
            if s == 0 and prep.doc.name.endswith("ecbplus"):
                continue
            where[s] = pos
            parts.append(prep.sentence_text[s])
            pos += len(prep.sentence_text[s]) + 1
        texts.append("\n".join(parts))
        spans.append([(where[t.sentence] + prep.offsets[t.index][0], where[t.sentence] + prep.offsets[t.index][1])
                      if t.sentence in where else (-1, -1) for t in prep.doc.tokens])
    return texts, spans


