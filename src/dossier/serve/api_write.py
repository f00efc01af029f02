"""Write endpoints (token required): upload or paste a report, merge/split judgements."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from dossier.exc import InputRejected
from dossier.ingest.limits import Limits
from dossier.resolve.judgements import judge, judgements
from dossier.serve.errors import ApiError
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
        r = judge(store, body.decision, body.a, body.b, body.note)
    state.refresh()
    return {"judgement": r.id, "decision": r.decision, "a": {"ref": r.a.ref, "entity": r.entity_a},
            "b": {"ref": r.b.ref, "entity": r.entity_b}, "honoured": r.honoured, "broken": list(r.broken)}


@router.get("/judgements", summary="The analyst's judgements, oldest first")
def list_judgements(request: Request) -> dict[str, Any]:
    rows = judgements(_state(request).reader())
    return {"items": [{"id": r["id"], "decision": r["decision"], "a": r["a_ref"], "b": r["b_ref"],
                       "a_entity": r["a_entity"], "b_entity": r["b_entity"],
                       "a_local_entities": json.loads(r["a_locals"]), "b_local_entities": json.loads(r["b_locals"]),
                       "note": r["note"], "at": r["at"]} for r in rows]}
