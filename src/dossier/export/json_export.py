"""The JSON export: the contract documented in docs/export-json.md and checked by export.schema.json.

Entities, relations and events name *canonical* entity ids (after resolution); every span carries the document
id and character offsets into the stored document text, so ``text == document_text[start:end]``. Items are
written one at a time and sorted by id, so the same store always gives byte-identical output.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO

import dossier
from dossier.model import Span
from dossier.model.views import document_json
from dossier.store import SQLiteStore

if TYPE_CHECKING:
    from dossier.export.records import Records
    from dossier.export.select import Selection

FORMAT_VERSION = 1


def schema() -> dict[str, Any]:
    text = resources.files("dossier.export").joinpath("schemas/export.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _span(s: Span) -> dict[str, Any]:
    return {"document": s.document, "start": s.start, "end": s.end, "text": s.text}


def iter_documents(records: Records, include_text: bool) -> Iterator[dict[str, Any]]:
    origins = records.origins()
    written_by = records.authors()
    for d in records.documents(with_text=include_text):
        item = document_json(replace(d, author=written_by.get(d.id)))  # as stored: no corrections applied
        if include_text:
            item["text"] = d.text
        origin = origins.get(d.id)
        if origin is not None:
            item["origin"] = origin.as_json()
        yield item


def iter_screening(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    """The last screening's hits (docs/screening.md), by entity, list and entry; hits the analyst rejected are
    left out, as in every format."""
    from dossier.screen.engine import list_watchlists, stored_hits

    sha = {w.name: w.sha256 for w in list_watchlists(store)}
    for h in stored_hits(store, canonical_ids=True):
        if h["verdict"] == "rejected":
            continue
        yield {"entity": h["entity"], "list": h["list"], "list_sha256": sha.get(str(h["list"]), ""),
               "entry": h["entry"], "entry_name": h["entry_name"], "schema": h["schema"], "score": h["score"],
               "reasons": h["reasons"], "detail": h["detail"], "verdict": h["verdict"]}


def iter_entities(records: Records) -> Iterator[dict[str, Any]]:
    for e in records.entities():
        yield {
            "id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases),
            "attributes": dict(e.attributes),
            "mentions": [{"document": m.document, "start": m.start, "end": m.end, "text": m.text}
                         for m in records.mentions(e)],
        }


def iter_relations(records: Records) -> Iterator[dict[str, Any]]:
    for r in records.relations():
        yield {
            "id": r.id, "subject": records.canonical(r.subject), "predicate": r.predicate,
            "object": records.canonical(r.object), "role": r.role,
            "evidence": [_span(s) for s in r.evidence], "attribution": r.attribution, "modality": str(r.modality),
        }


def iter_events(records: Records) -> Iterator[dict[str, Any]]:
    clusters = records.event_clusters()
    for stored in records.events():
        e = stored.event
        details: dict[str, Any] = {}
        if stored.detailed:  # stores written before v5 have no details for their events
            details = {"category": e.category, "lemma": e.lemma, "mentions": [_span(s) for s in e.mentions],
                       "counts": [{"kind": c.kind, "value": c.value, "qualifier": c.qualifier,
                                   "evidence": _span(c.evidence)} for c in e.counts]}
        yield {
            "id": e.id, "type": e.type, "label": e.label, "trigger": _span(e.trigger),
            "date": e.date, "date_granularity": e.date_granularity, "date_inferred": e.date_inferred,
            "place": records.canonical(e.place) if e.place else None,
            "participants": [{"entity": records.canonical(p.entity), "role": p.role} for p in e.participants],
            "evidence": [_span(s) for s in e.evidence], "attribution": e.attribution, "modality": str(e.modality),
            "cluster": clusters.get(e.id, e.id),
            **details,
        }


def iter_claims(records: Records) -> Iterator[dict[str, Any]]:
    for k in records.claims():
        yield {
            "id": k.id, "document": k.document, "proposition": _span(k.proposition), "source": k.source,
            "source_entity": records.canonical(k.source_entity) if k.source_entity else None,
            "modality": str(k.modality), "cue": k.cue, "evidence": _span(k.evidence),
        }


def iter_judgements(store: SQLiteStore) -> list[dict[str, Any]]:
    """The analyst's entity merges and splits, oldest first, with who and when (who: null when not kept)."""
    from dossier.resolve.judgements import judgements

    return [{"id": f"j{r.id}", "decision": r.decision, "a": r.a_ref, "b": r.b_ref,
             "a_entity": r.a_entity, "b_entity": r.b_entity, "note": r.note, "who": r.who, "at": r.at}
            for r in judgements(store)]


def iter_corrections(store: SQLiteStore) -> list[dict[str, Any]]:
    """The analyst's corrections (undone ones included, with ``undone_at``), oldest first. The export's other
    sections hold what was extracted; these say what the analyst changed, so a reader can apply them."""
    from dossier.resolve.corrections import listing

    return [{**c.as_json(), "id": f"c{c.id}"} for c in listing(store)]


def _only(items: Iterator[dict[str, Any]], ids: set[str]) -> Iterator[dict[str, Any]]:
    return (x for x in items if x["id"] in ids)


def write_json(store: SQLiteStore, out: TextIO, *, include_text: bool = False,
               selection: Selection | None = None) -> None:
    """Stream the export to ``out``: one item in memory at a time per section (entities aside). With a
    ``selection``, only what its filters keep (same contract, fewer items)."""
    from dossier.export.select import Selection

    records = (selection if selection is not None else Selection(store)).records
    sections: list[tuple[str, Iterator[dict[str, Any]]]] = [
        ("documents", iter_documents(records, include_text)),
        ("entities", iter_entities(records)),
        ("relations", iter_relations(records)),
        ("events", iter_events(records)),
        ("claims", iter_claims(records)),
    ]
    if selection is not None:
        kept = records.kept()
        sections = [(name, _only(items, kept[name if name in kept else "records"])) for name, items in sections]
    hits = list(iter_screening(store))
    if hits:  # only a store with watchlists has the section, so other exports stay byte-identical
        if selection is not None:
            hits = [h for h in hits if h["entity"] in kept["entities"]]
        sections.append(("screening", iter(hits)))
    judged = iter_judgements(store)
    fixes = iter_corrections(store)
    if judged:  # the analyst's word, with who and when: only a store that has some carries the sections
        sections.append(("judgements", iter(judged)))
    if fixes:
        sections.append(("corrections", iter(fixes)))
    generator = json.dumps(f"dossier {dossier.__version__}")
    out.write(f'{{"format": "dossier-json", "format_version": {FORMAT_VERSION}, "generator": {generator}')
    for name, items in sections:
        out.write(f',\n"{name}": [')
        for i, item in enumerate(items):
            out.write(("\n" if i == 0 else ",\n") + json.dumps(item, ensure_ascii=False, sort_keys=True))
        out.write("\n]")
    out.write("}\n")
