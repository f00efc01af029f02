"""The JSON export: the contract documented in docs/export-json.md and checked by export.schema.json.

Entities, relations and events name *canonical* entity ids (after resolution); every span carries the document
id and character offsets into the stored document text, so ``text == document_text[start:end]``. Items are
written one at a time and sorted by id, so the same store always gives byte-identical output.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO

import dossier
from dossier.store import SQLiteStore

if TYPE_CHECKING:
    from dossier.export.select import Selection

FORMAT_VERSION = 1


def schema() -> dict[str, Any]:
    text = resources.files("dossier.export").joinpath("schemas/export.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _link_map(store: SQLiteStore) -> dict[str, str]:
    return {r["local_entity"]: r["entity"] for r in store.query("SELECT local_entity, entity FROM entity_links")}


def iter_documents(store: SQLiteStore, include_text: bool) -> Iterator[dict[str, Any]]:
    from dossier.store.pages import authors

    origins = _origins(store)
    written_by = authors(store)
    for r in store.query(
        "SELECT id, source, title, published, published_inferred, publisher, dateline_place, media_type, version, "
        "previous, text FROM documents WHERE is_current = 1 ORDER BY id"
    ):
        item: dict[str, Any] = {
            "id": r["id"], "source": r["source"], "title": r["title"], "published": r["published"],
            "published_inferred": bool(r["published_inferred"]), "publisher": r["publisher"],
            "dateline_place": r["dateline_place"], "media_type": r["media_type"], "version": r["version"],
            "previous_version": r["previous"],
        }
        if include_text:
            item["text"] = r["text"]
        if r["id"] in written_by:  # only where the file or feed names one (other exports stay byte-identical)
            item["author"] = written_by[r["id"]]
        origin = origins.get(r["id"])
        if origin is not None:
            item["origin"] = origin
        yield item


def _origins(store: SQLiteStore) -> dict[str, dict[str, Any]]:
    """URL, capture date, archive and PDF page map of the documents that have them (docs/sources.md)."""
    if not store.has_table("document_origins"):
        return {}
    return {r["document"]: {"url": r["url"], "captured": r["captured"], "archive": r["archive"],
                            "pages": json.loads(r["pages"])}
            for r in store.query("SELECT document, url, captured, archive, pages FROM document_origins")}


def iter_screening(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    """The last screening's hits (docs/screening.md), by entity, list and entry; hits the analyst rejected are
    left out, as in every format."""
    from dossier.screen.engine import stored_hits

    sha = {str(w["name"]): str(w["sha256"]) for w in _watchlists(store)}
    for h in stored_hits(store, canonical_ids=True):
        if h["verdict"] == "rejected":
            continue
        yield {"entity": h["entity"], "list": h["list"], "list_sha256": sha.get(str(h["list"]), ""),
               "entry": h["entry"], "entry_name": h["entry_name"], "schema": h["schema"], "score": h["score"],
               "reasons": h["reasons"], "detail": h["detail"], "verdict": h["verdict"]}


def _watchlists(store: SQLiteStore) -> list[dict[str, object]]:
    from dossier.screen.engine import list_watchlists

    return list_watchlists(store)


def iter_entities(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    for e in sorted(store.entities(), key=lambda e: e.id):
        yield {
            "id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases),
            "attributes": dict(e.attributes),
            "mentions": [
                {"document": m["document"], "start": m["start"], "end": m["end"], "text": m["text"]}
                for m in sorted(store.mentions_of(e.local_ids), key=lambda m: (m["document"], m["start"]))
            ],
        }


def iter_relations(store: SQLiteStore, links: dict[str, str]) -> Iterator[dict[str, Any]]:
    for r in store.query(
        "SELECT r.* FROM relations r JOIN documents d ON d.id = r.document AND d.is_current = 1 ORDER BY r.id"
    ):
        yield {
            "id": r["id"], "subject": links.get(r["subject"], r["subject"]), "predicate": r["predicate"],
            "object": links.get(r["object"], r["object"]), "role": r["role"],
            "evidence": json.loads(r["evidence"]), "attribution": r["attribution"], "modality": r["modality"],
        }


def event_clusters(store: SQLiteStore) -> dict[str, str]:
    """event record id → the id of the real-world event it belongs to (the event fact the other formats write).

    Read from ``event_clusters``; a store whose analysis tables lag behind its events (read-only, written by an
    older version) has them computed in memory, as ``dossier facts`` does."""
    from dossier.analyze.analysis import Analysis

    return Analysis(store).event_clusters()


def iter_events(store: SQLiteStore, links: dict[str, str],
                clusters: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
    clusters = event_clusters(store) if clusters is None else clusters
    for e in store.query(
        "SELECT e.*, x.category, x.lemma, x.mentions, x.counts FROM events e "
        "JOIN documents d ON d.id = e.document AND d.is_current = 1 "
        "LEFT JOIN event_details x ON x.event = e.id ORDER BY e.id"
    ):
        details: dict[str, Any] = {}
        if e["category"] is not None:  # stores written before v5 have no details for their events
            details = {"category": e["category"], "lemma": e["lemma"], "mentions": json.loads(e["mentions"]),
                       "counts": json.loads(e["counts"])}
        yield {
            "id": e["id"], "type": e["type"], "label": e["label"],
            "trigger": {"document": e["document"], "start": e["trigger_start"], "end": e["trigger_end"],
                        "text": e["trigger_text"]},
            "date": e["date"], "date_granularity": e["date_granularity"], "date_inferred": bool(e["date_inferred"]),
            "place": links.get(e["place"], e["place"]) if e["place"] else None,
            "participants": [{"entity": links.get(p["entity"], p["entity"]), "role": p["role"]}
                             for p in json.loads(e["participants"])],
            "evidence": json.loads(e["evidence"]), "attribution": e["attribution"], "modality": e["modality"],
            "cluster": clusters.get(e["id"], e["id"]),
            **details,
        }


def iter_claims(store: SQLiteStore, links: dict[str, str]) -> Iterator[dict[str, Any]]:
    for k in store.query(
        "SELECT k.* FROM claims k JOIN documents d ON d.id = k.document AND d.is_current = 1 ORDER BY k.id"
    ):
        yield {
            "id": k["id"], "document": k["document"],
            "proposition": {"document": k["document"], "start": k["prop_start"], "end": k["prop_end"],
                            "text": k["prop_text"]},
            "source": k["source"],
            "source_entity": links.get(k["source_entity"], k["source_entity"]) if k["source_entity"] else None,
            "modality": k["modality"], "cue": k["cue"],
            "evidence": {"document": k["document"], "start": k["ev_start"], "end": k["ev_end"],
                         "text": k["ev_text"]},
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


def _kept(store: SQLiteStore, links: dict[str, str], selection: Selection) -> dict[str, set[str]]:
    """What a filtered export keeps (docs/formats/README.md): the per-report records behind the selected facts,
    their documents, and the selected entities plus every entity those records name (so no id dangles)."""
    from dossier.export.select import record_ids

    records = record_ids(selection)
    entities = {e["id"] for e in selection.entities()}
    documents = {d["id"] for d in selection.documents()}
    for r in store.query("SELECT id, subject, object FROM relations"):
        if r["id"] in records:
            entities.update(links.get(r[k], r[k]) for k in ("subject", "object"))
    for e in store.query("SELECT id, place, participants FROM events"):
        if e["id"] in records:
            named = [p["entity"] for p in json.loads(e["participants"])] + ([e["place"]] if e["place"] else [])
            entities.update(links.get(x, x) for x in named)
    for k in store.query("SELECT id, source_entity FROM claims WHERE source_entity IS NOT NULL"):
        if k["id"] in records:
            entities.add(links.get(k["source_entity"], k["source_entity"]))
    return {"documents": documents, "entities": entities, "records": records}


def _only(items: Iterator[dict[str, Any]], ids: set[str]) -> Iterator[dict[str, Any]]:
    return (x for x in items if x["id"] in ids)


def write_json(store: SQLiteStore, out: TextIO, *, include_text: bool = False,
               selection: Selection | None = None) -> None:
    """Stream the export to ``out``: one item in memory at a time per section (entities aside). With a
    ``selection``, only what its filters keep (same contract, fewer items)."""
    links = _link_map(store)
    sections: list[tuple[str, Iterator[dict[str, Any]]]] = [
        ("documents", iter_documents(store, include_text)),
        ("entities", iter_entities(store)),
        ("relations", iter_relations(store, links)),
        ("events", iter_events(store, links)),
        ("claims", iter_claims(store, links)),
    ]
    if selection is not None:
        kept = _kept(store, links, selection)
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
