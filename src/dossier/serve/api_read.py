"""Read endpoints: search, entities and the entity card, facts, timeline, places, discrepancies, documents."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query, Request

from dossier.display import common_root, document_label, relative_source
from dossier.exc import UsageError
from dossier.model import Modality
from dossier.model.facts import Fact, discrepancy_json, fact_json
from dossier.serve.errors import ApiError
from dossier.serve.index import Index
from dossier.serve.params import (
    MAX_LIMIT,
    EventFilterDep,
    FactFilter,
    IndexDep,
    PageDep,
    RelationFilterDep,
    entity_or_404,
    trimmed,
)
from dossier.store.documents import current_sources
from dossier.store.documents import document as stored_document
from dossier.store.mentions import document_mentions, first_mentions
from dossier.store.search import search as text_search
from dossier.store.sqlite import EntityRow

router = APIRouter(prefix="/api")
F = TypeVar("F", bound=Fact)
EntityParam = Annotated[str | None, Query(description="Only facts involving this entity id.")]
_CARD_MENTIONS = 200


def _entity_json(e: EntityRow, index: Index) -> dict[str, Any]:
    out: dict[str, Any] = {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
                           "attributes": dict(e.attributes), "mentions": e.n_mentions, "documents": e.n_documents}
    if e.id in index.places:
        lat, lon = index.places[e.id]
        out["coordinates"] = {"lat": lat, "lon": lon}
    return out


def _involving(index: Index, entity: str | None, table: dict[str, F], of: Callable[[str], list[F]]) -> list[F]:
    """A fact table in listing order, or the facts naming ``entity`` (``Index.relations_of`` and friends)."""
    if entity is None:
        return list(table.values())
    entity_or_404(index, entity)
    return of(entity)


@router.get("/health", summary="Store status and size")
def health(index: IndexDep, request: Request) -> dict[str, Any]:
    return {"status": "ok", "documents": len(index.documents), "entities": len(index.entities),
            "relations": len(index.relations), "events": len(index.events), "claims": len(index.claims),
            "statements": {k: index.counts.get(k, 0) for k in ("relations", "events", "claims")},
            "writable": bool(request.app.state.dossier.settings.token)}


@router.get("/search", summary="Type-ahead over entity names and aliases")
def search(index: IndexDep, q: Annotated[str, Query(min_length=1, max_length=200, description="Typed text.")],
           type: Annotated[str | None, Query(description="Only entities of this type.")] = None,
           limit: Annotated[int, Query(ge=1, le=50)] = 10) -> dict[str, Any]:
    items = []
    for eid, how in index.search(q, type, limit):
        e = index.entities[eid]
        items.append({"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases[:5]),
                      "mentions": e.n_mentions, "documents": e.n_documents, "match": how})
    return {"query": q, "items": items}


@router.get("/search/documents", summary="Full-text search over the reports' titles and text")
def search_documents(index: IndexDep, request: Request, pg: PageDep,
                     q: Annotated[str, Query(min_length=1, max_length=500, description=(
                         'Words (all required), "quoted phrases", word* for a prefix.'))],
                     date_from: Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}(-\d{2}){0,2}$")] = None,
                     date_to: Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}(-\d{2}){0,2}$")] = None,
                     publisher: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    """Current reports, best match first (BM25, the title weighing more), each with a snippet whose matched
    words are marked: ``snippet`` is a list of ``{"text", "hit"}`` segments, never markup."""
    try:
        total, hits = text_search(request.app.state.dossier.reader(), q, index.by_rowid, date_from=date_from,
                                  date_to=date_to, publisher=publisher, limit=pg.limit, offset=pg.offset)
    except UsageError as e:
        raise ApiError(422, str(e), details=[{"param": "q", "message": str(e)}]) from e
    items = [{**index.documents[h.document], "snippet": h.snippet} for h in hits if h.document in index.documents]
    return {"query": q, "items": items, "total": total, "limit": pg.limit, "offset": pg.offset}


@router.get("/entities", summary="Entities, most mentioned first")
def entities(index: IndexDep, pg: PageDep, type: Annotated[str | None, Query()] = None,
             q: Annotated[str | None, Query(max_length=200, description="Name or alias prefix.")] = None
             ) -> dict[str, Any]:
    ids = [eid for eid, _ in index.search(q, type, MAX_LIMIT * 10)] if q else index.order
    rows = [index.entities[i] for i in ids]
    if type:
        rows = [e for e in rows if e.type == type]
    return pg.of(rows, lambda e: _entity_json(e, index))


@router.get("/entities/{entity_id}", summary="The entity card")
def entity_card(index: IndexDep, request: Request, entity_id: str,
                limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Facts listed per kind.")] = 100
                ) -> dict[str, Any]:
    """Names, aliases, type, attributes, relations, events and claims (each with its supports, modality and
    independent-source count) and the mentions with their sentences."""
    entity_or_404(index, entity_id)
    e = index.entities[entity_id]
    rels = index.relations_of(entity_id)  # already in listing order (index.py)
    evts = index.events_of(entity_id)
    clms = index.claims_of(entity_id)
    mentions = _mentions(request, index, e.local_ids)
    docs = sorted({m["document"] for m in mentions})
    return {"entity": _entity_json(e, index),
            "relations": {"items": [trimmed(f) for f in rels[:limit]], "total": len(rels)},
            "events": {"items": [trimmed(f) for f in evts[:limit]], "total": len(evts)},
            "claims": {"items": [trimmed(f) for f in clms[:limit]], "total": len(clms)},
            "mentions": {"items": mentions, "total": e.n_mentions},
            "documents": [index.documents[d] for d in docs if d in index.documents],
            "watchlists": index.screening.get(entity_id, [])}


def _mentions(request: Request, index: Index, local_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """Up to _CARD_MENTIONS mentions from the newest reports: local entities (one per report) are chosen in the
    index first, so the query stays small however many reports name the entity."""
    docs = index.documents
    newest = sorted(local_ids, key=lambda lid: str(docs.get(index.local_doc.get(lid, ""), {}).get("published") or ""),
                    reverse=True)[:_CARD_MENTIONS]
    if not newest:
        return []
    rows = first_mentions(request.app.state.dossier.reader(), newest, _CARD_MENTIONS)
    rows = sorted(rows, key=lambda m: (str(docs.get(m.document, {}).get("published") or ""), m.document, -m.start),
                  reverse=True)
    return [{"document": r.document, "start": r.start, "end": r.end, "text": r.text,
             "sentence": {"start": r.sentence_start, "end": r.sentence_end, "text": r.sentence_text}} for r in rows]


@router.get("/relations", summary="Relations with corroboration, filterable")
def relations(index: IndexDep, pg: PageDep, flt: RelationFilterDep, entity: EntityParam = None) -> dict[str, Any]:
    facts = flt.apply(_involving(index, entity, index.relations, index.relations_of), by_kind=True)
    return pg.of(facts, trimmed)


@router.get("/relations/{fact_id}", summary="One relation with all its supports")
def relation(index: IndexDep, fact_id: str) -> dict[str, Any]:
    return _one(index.relations, fact_id, "relation")


@router.get("/events", summary="Events, by date, filterable")
def events(index: IndexDep, pg: PageDep, flt: EventFilterDep, entity: EntityParam = None) -> dict[str, Any]:
    facts = flt.apply(_involving(index, entity, index.events, index.events_of), by_kind=True)
    return pg.of(facts, trimmed)


@router.get("/events/{fact_id}", summary="One event with all its supports")
def event(index: IndexDep, fact_id: str) -> dict[str, Any]:
    return _one(index.events, fact_id, "event")


@router.get("/claims", summary="Attributed claims, filterable")
def claims(index: IndexDep, pg: PageDep, entity: EntityParam = None,
           modality: Annotated[list[Modality] | None, Query()] = None,
           min_sources: Annotated[int, Query(ge=0, le=10_000)] = 0,
           text: Annotated[str | None, Query(max_length=200, description="Words in the proposition.")] = None
           ) -> dict[str, Any]:
    wanted = {m.value for m in modality or []}
    facts = [f for f in _involving(index, entity, index.claims, index.claims_of)
             if (not wanted or f.modality in wanted) and f.independent_sources >= min_sources
             and (not text or text.casefold() in f.proposition.casefold())]
    return pg.of(facts, trimmed)


@router.get("/claims/{fact_id}", summary="One claim with all its supports")
def claim(index: IndexDep, fact_id: str) -> dict[str, Any]:
    return _one(index.claims, fact_id, "claim")


def _one(table: Mapping[str, Fact], fact_id: str, what: str) -> dict[str, Any]:
    if fact_id not in table:
        raise ApiError(404, f"no {what} with id {fact_id!r}")
    return {**fact_json(table[fact_id]), "supports_total": len(table[fact_id].supports)}


@router.get("/timeline", summary="Dated events in order, with counts per month")
def timeline(index: IndexDep, pg: PageDep, flt: EventFilterDep, entity: EntityParam = None) -> dict[str, Any]:
    chosen = flt.apply(_involving(index, entity, index.events, index.events_of), by_kind=True)
    facts = [f for f in chosen if f.date]
    months = Counter(_period(f.date) for f in facts if f.date)
    out = pg.of(facts, trimmed)
    undated = [f for f in chosen if not f.date]  # counted and listed, never silently left out
    out["undated"] = {"items": [trimmed(f) for f in undated[:MAX_LIMIT]], "total": len(undated)}
    out["months"] = [{"month": m, "events": n} for m, n in sorted(months.items())]
    out["types"] = sorted({f.type for f in index.events.values()})
    return out


def _period(date: str) -> str:
    """The month of a date ("2025-02"), or the year of a coarser one ("2024", "1995" for 1995/1999)."""
    return date[:7] if len(date) >= 7 and date[4] == "-" else date[:4]


@router.get("/places", summary="Places with coordinates, precision (country | admin1 | district | city | region, "
            "or null when unknown), province and country code, and the events there")
def places(index: IndexDep, flt: EventFilterDep) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    for f in flt.apply(index.events.values(), by_kind=True):
        if f.place and f.place.id in index.places:
            counts[f.place.id] += 1
    items = []
    for eid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lat, lon = index.places[eid]
        e = index.entities[eid]
        attrs = dict(e.attributes)
        items.append({"id": eid, "name": e.name, "type": e.type, "lat": lat, "lon": lon, "events": n,
                      "mentions": e.n_mentions, "precision": attrs.get("precision"),
                      "admin1": attrs.get("admin1"), "country": attrs.get("country")})
    return {"items": items, "total": len(items)}


@router.get("/discrepancies", summary="Where sources disagree")
def discrepancies(index: IndexDep, pg: PageDep, kind: Annotated[str | None, Query()] = None,
                  entity: EntityParam = None) -> dict[str, Any]:
    items = index.discrepancies
    if kind:
        items = [d for d in items if d.kind == kind]
    if entity is not None:
        entity_or_404(index, entity)
        facts: list[Fact] = [*index.relations_of(entity), *index.events_of(entity), *index.claims_of(entity)]
        mine = {f.id for f in facts}
        items = [d for d in items if d.fact in mine]
    return pg.of(items, discrepancy_json)


@router.get("/documents", summary="Current documents, newest first")
def documents(index: IndexDep, pg: PageDep,
              q: Annotated[str | None, Query(max_length=200, description="Words in title, source or publisher.")]
              = None) -> dict[str, Any]:
    docs = [index.documents[d] for d in index.doc_order]
    if q:
        needle = q.casefold()
        docs = [d for d in docs if any(needle in str(d.get(k) or "").casefold()
                                       for k in ("title", "source", "publisher"))]
    return pg.of(docs)


@router.get("/documents/{doc_id}", summary="A document's text with its mentions linked to entities")
def document(index: IndexDep, request: Request, doc_id: str) -> dict[str, Any]:
    store = request.app.state.dossier.reader()
    r = stored_document(store, doc_id)
    if r is None:
        raise ApiError(404, f"no document with id {doc_id!r}")
    card = index.documents.get(doc_id) or {}
    mentions = []
    for m in document_mentions(store, doc_id):
        eid = index.local_to_entity.get(m.entity)
        mentions.append({"start": m.start, "end": m.end, "text": m.text, "entity": index.ref(eid) if eid else None})
    root = common_root(current_sources(store))
    path = card.get("source") or relative_source(r.source, root)
    meta = {"published": card.get("published", r.published),
            "published_inferred": card.get("published_inferred", r.published_inferred),
            "publisher": card.get("publisher", r.publisher)}
    return {"id": r.id, "source": path, "title": card.get("title") or document_label(r.title, r.text, path),
            "published": meta["published"], "published_inferred": bool(meta["published_inferred"]),
            "publisher": meta["publisher"], "author": card.get("author"), "corrected": card.get("corrected", []),
            "dateline_place": r.dateline_place, "media_type": r.media_type, "version": r.version,
            "current": r.is_current, "text": r.text, "mentions": mentions}


__all__ = ["router", "FactFilter"]


@router.get("/whats-new", summary="What the reports ingested since a date added (the digest)")
def whats_new(request: Request,
              since: Annotated[str, Query(min_length=10, max_length=25,
                                          description="A date (2026-12-06) or UTC time (2026-12-06T04:00:00Z).")],
              watchlist: Annotated[list[str] | None, Query(description="Screen against these lists only.")] = None
              ) -> dict[str, Any]:
    """New documents, entities, relations and events; facts whose independent sources or grade changed; new
    discrepancies; watchlist hits — as `dossier digest --format json` (docs/sources.md)."""
    from dossier.digest.build import build_digest, parse_since
    from dossier.exc import UsageError

    try:
        return build_digest(request.app.state.dossier.reader(), parse_since(since), watchlist or None)
    except UsageError as err:
        raise ApiError(422, str(err)) from err
