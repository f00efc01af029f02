"""The FastAPI application: the REST API under ``/api``, its OpenAPI description at ``/docs``, the web UI at ``/``.

Everything the browser loads comes from this process (``static/``; third-party libraries in ``static/vendor``,
built by ``make web``), so the app works offline.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

import dossier
from dossier.serve import api_graph, api_read, api_write, errors
from dossier.serve.config import Settings
from dossier.serve.errors import ApiError
from dossier.serve.security import Guard
from dossier.serve.state import State

STATIC = Path(__file__).resolve().parent / "static"
DESCRIPTION = """The analyst's workbench API over a dossier store.

Lists are paginated (`limit`, `offset`; the answer gives `total`). Fact lists filter by `modality` (repeatable),
`min_sources` (independent sources), `date_from`/`date_to` (ISO dates) and `predicate` or `type`.
Every error has one shape: `{"error": {"status", "code", "message", "details": [{"param", "message"}]}}`.
Write endpoints need `Authorization: Bearer <token>`, the token the server was started with.
"""


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(title="dossier", version=dossier.__version__, description=DESCRIPTION, docs_url=None,
                  redoc_url=None)
    app.state.dossier = State(settings)
    errors.install(app)
    app.include_router(api_read.router)
    app.include_router(api_graph.router)
    app.include_router(api_write.router)
    app.add_middleware(Guard, max_body=settings.max_upload, allowed_hosts=settings.allowed_hosts)

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def home() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def unknown(rest: str) -> None:
        raise ApiError(404, f"no such endpoint /api/{rest} (see /docs)")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
