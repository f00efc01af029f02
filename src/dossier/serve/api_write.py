"""Write endpoints (token required): upload or paste a report, merge/split judgements."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from dossier import analyst, pipeline
from dossier.exc import InputRejected, UsageError
from dossier.ingest.limits import Limits
from dossier.model.facts import Fact
from dossier.model.names import name_key
from dossier.resolve import corrections as cx
from dossier.resolve.judgements import judgements
from dossier.serve.errors import ApiError
from dossier.serve.index import Index
from dossier.serve.ingest import Ingested, ingest_report
from dossier.serve.security import require_token
from dossier.serve.state import State

router = APIRouter(prefix="/api")
Write = [Depends(require_token)]


def _state(request: Request) -> State:
    state: State = request.app.state.dossier
    return state


@router.post("/documents", status_code=201, dependencies=Write, summary="Ingest a report (token required)",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "text/plain": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}},
                 "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
async def upload(request: Request,
                 name: Annotated[str | None, Query(max_length=200, description="File name (.txt, .md, .html); "
                                                   "omit for pasted text.")] = None) -> dict[str, Any]:
    """The raw report as the request body (a file's bytes or pasted text), at most the server's upload limit."""
    data = await request.body()
    if not data.strip():
        raise ApiError(422, "empty report: send the report's text or file as the request body",
                       details=[{"param": "body", "message": "empty"}])
    state = _state(request)
    try:
        done = await run_in_threadpool(_ingest, state, data, name)
    except InputRejected as e:
        raise ApiError(422, f"report rejected: {e.reason}", code="rejected",
                       details=[{"param": "body", "message": e.reason}]) from e
    index = await run_in_threadpool(state.refresh)
    # most connected first: the UI offers the first one in the link chart
    ranked = sorted(done.entities, key=lambda e: (-len(index.by_entity.get(e, {}).get("relations", [])), e))
    return {"document": done.document, "status": done.status, "version": done.version, "source": done.source,
            "entities": [index.ref(e) for e in ranked]}


def _ingest(state: State, data: bytes, name: str | None) -> Ingested:
    with state.write_lock, state.writer() as store:
        return ingest_report(store, data, name, Limits(max_bytes=state.settings.max_upload))


class JudgementIn(BaseModel):
    decision: Literal["merge", "split"]
    a: str = Field(min_length=1, max_length=300, description="Entity name or id")
    b: str = Field(min_length=1, max_length=300, description="Entity name or id")
    note: str | None = Field(default=None, max_length=2000)


@router.post("/judgements", status_code=201, dependencies=Write, summary="Merge or split two entities (token)")
def add_judgement(request: Request, body: JudgementIn) -> dict[str, Any]:
    state = _state(request)
    with state.write_lock, state.writer() as store:
        r = pipeline.judge(store, body.decision, body.a, body.b, body.note, f"{cx.analyst()} (web)")
    state.refresh()
    return {"judgement": r.id, "decision": r.decision, "a": {"ref": r.a.ref, "entity": r.entity_a},
            "b": {"ref": r.b.ref, "entity": r.entity_b}, "honoured": r.honoured, "broken": list(r.broken)}


@router.get("/judgements", summary="The analyst's judgements, oldest first")
def list_judgements(request: Request) -> dict[str, Any]:
    rows = judgements(_state(request).reader())
    return {"items": [{"id": r.id, "decision": r.decision, "a": r.a_ref, "b": r.b_ref,
                       "a_entity": r.a_entity, "b_entity": r.b_entity,
                       "a_local_entities": json.loads(r.a_locals), "b_local_entities": json.loads(r.b_locals),
                       "note": r.note, "who": r.who, "at": r.at} for r in rows]}


class CorrectionIn(BaseModel):
    target: Literal["document", "entity", "relation", "event", "claim"]
    id: str = Field(min_length=1, max_length=300, description="The report's, entity's or fact's id")
    field: Literal["published", "publisher", "title", "name", "type", "date", "place", "rejected"]
    value: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, max_length=2000)


@router.post("/corrections", status_code=201, dependencies=Write,
             summary="Correct a report, an entity or a fact (token)")
def add_correction(request: Request, body: CorrectionIn) -> dict[str, Any]:
    """A report's published date, publisher or title; an entity's name or type; an event's date or place; any
    fact ``rejected`` as wrong. Stored with who and when, applied on every read, undone by
    ``POST /api/corrections/{id}/undo``."""
    state = _state(request)
    index = state.index()
    who = f"{cx.analyst()} (web)"
    with state.write_lock, state.writer() as store:
        try:
            if body.target == "document":
                c = analyst.correct_document(store, body.id, body.field, body.value, body.note, who)
            elif body.target == "entity":
                if body.id not in index.entities:
                    raise ApiError(404, f"no entity with id {body.id!r}")
                c = cx.correct_entity(store, body.id, body.field, body.value or "", body.note, who)
            else:
                tables: dict[str, Mapping[str, Fact]] = {"relation": index.relations, "event": index.events,
                                                          "claim": index.claims}
                table = tables[body.target]
                if body.id not in table:
                    raise ApiError(404, f"no {body.target} with id {body.id!r}")
                if body.field == "place" and body.value and not _known_place(index, body.value):
                    raise ApiError(422, f"no place named {body.value!r} in the reports: choose one they name "
                                   "(the map lists them), or clear the place",
                                   details=[{"param": "value", "message": "unknown place"}])
                c = cx.correct_fact(store, body.target, body.id, body.field, body.value,
                                    cx.fact_label(table[body.id]), body.note, who)
        except UsageError as e:
            raise ApiError(422, str(e), details=[{"param": "body", "message": str(e)}]) from e
    state.refresh()
    return c.as_json()


def _known_place(index: Index, name: str) -> bool:
    """Whether a place entity goes by ``name`` (an event's place is shown only when it names one; otherwise the
    correction would silently clear it)."""
    key = name_key(name)
    return any(e.type == "place" and key in index.full_keys[e.id] for e in index.entities.values())


class EventMergeIn(BaseModel):
    a: str = Field(min_length=1, max_length=300, description="The event (fact id) that keeps its id")
    b: str = Field(min_length=1, max_length=300, description="The event whose reports join it")
    note: str | None = Field(default=None, max_length=2000)


class EventSplitIn(BaseModel):
    event: str = Field(min_length=1, max_length=300, description="The event (fact id)")
    reports: list[str] = Field(min_length=1, max_length=500, description="Report ids whose telling is split off")
    note: str | None = Field(default=None, max_length=2000)


def _event_judgement(request: Request, do: Any) -> dict[str, Any]:
    state = _state(request)
    with state.write_lock, state.writer() as store:
        try:
            c = do(store, f"{cx.analyst()} (web)")
        except UsageError as e:
            raise ApiError(404 if str(e).startswith("no event") else 422, str(e),
                           details=[{"param": "body", "message": str(e)}]) from e
    state.refresh()
    return dict(c.as_json())


@router.post("/events/merge", status_code=201, dependencies=Write,
             summary="Judge two events one (token): a correction, undone like any other")
def merge_events(request: Request, body: EventMergeIn) -> dict[str, Any]:
    return _event_judgement(request, lambda store, who: analyst.merge_events(store, body.a, body.b, body.note, who))


@router.post("/events/split", status_code=201, dependencies=Write,
             summary="Judge some reports' telling of an event a separate event (token)")
def split_event(request: Request, body: EventSplitIn) -> dict[str, Any]:
    return _event_judgement(request,
                            lambda store, who: analyst.split_event(store, body.event, body.reports, body.note, who))


@router.get("/corrections", summary="The analyst's corrections, oldest first (undone ones included)")
def list_corrections(request: Request) -> dict[str, Any]:
    return {"items": [c.as_json() for c in cx.listing(_state(request).reader())]}


@router.post("/corrections/{correction_id}/undo", dependencies=Write, summary="Undo a correction (token)")
def undo_correction(request: Request, correction_id: int) -> dict[str, Any]:
    state = _state(request)
    with state.write_lock, state.writer() as store:
        try:
            c = analyst.undo_and_apply(store, correction_id)
        except UsageError as e:
            raise ApiError(404 if "no correction" in str(e) else 409, str(e)) from e
    state.refresh()
    return c.as_json()


@router.get("/sources", summary="Publishers with their reports and the analyst's reliability rating")
def sources(request: Request) -> dict[str, Any]:
    """One row per publisher of the current reports (unrated: F, reliability cannot be judged)."""
    from dossier.model.names import publisher_key
    from dossier.model.vocab import RELIABILITY_NAMES

    index = _state(request).index()
    store = _state(request).reader()
    from dossier.store.ratings import ratings as stored_ratings

    ratings = stored_ratings(store)
    rows: dict[str, dict[str, Any]] = {}
    for d in index.documents.values():
        key = publisher_key(d.get("publisher")) or ""
        row = rows.setdefault(key, {"publisher": d.get("publisher") or None, "reports": 0})
        row["reports"] += 1
    items = []
    for key, row in sorted(rows.items(), key=lambda kv: (-kv[1]["reports"], kv[0])):
        r = ratings.get(key)
        letter = r.reliability if r else "F"
        items.append({**row, "reliability": letter, "meaning": RELIABILITY_NAMES[letter],
                      "note": r.note if r else None, "rated_at": r.at if r else None})
    return {"items": items, "scale": dict(RELIABILITY_NAMES)}


class RatingIn(BaseModel):
    publisher: str = Field(min_length=1, max_length=200)
    reliability: Literal["A", "B", "C", "D", "E", "F"]
    note: str | None = Field(default=None, max_length=2000)


@router.post("/sources/ratings", status_code=201, dependencies=Write, summary="Rate a publisher (token)")
def rate_source(request: Request, body: RatingIn) -> dict[str, Any]:
    """As ``dossier rate``: the Admiralty letter of a publisher; facts' grades follow at once."""
    from datetime import UTC, datetime

    from dossier.model.names import publisher_key

    key = publisher_key(body.publisher)
    if not key:
        raise ApiError(422, f"publisher {body.publisher!r} has no letters or digits")
    state = _state(request)
    from dossier.model.views import SourceRating
    from dossier.store.ratings import rate

    with state.write_lock, state.writer() as store:
        rate(store, SourceRating(key, body.publisher, body.reliability, body.note,
                                 datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")))
    state.refresh()
    return {"publisher": body.publisher, "reliability": body.reliability}
