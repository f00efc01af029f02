"""One JSON error shape for every failure the API reports, so clients handle a single format.

``{"error": {"status": 422, "code": "invalid_parameter", "message": "...", "details": [{"param", "message"}]}}``
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from dossier.exc import DossierError, UsageError

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type", 422: "invalid_parameter",
          429: "too_many_requests", 500: "internal_error", 503: "unavailable"}


class ApiError(Exception):
    """Raised by handlers for an expected failure (unknown id, bad combination of parameters, bad token)."""

    def __init__(self, status: int, message: str, *, code: str | None = None,
                 details: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or _CODES.get(status, "error")
        self.details = details or []
        self.headers = headers


def error_body(status: int, message: str, code: str | None = None,
               details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code or _CODES.get(status, "error"), "message": message,
                      "details": details or []}}


def error_response(status: int, message: str, code: str | None = None,
                   details: list[dict[str, Any]] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, code, details), status_code=status, headers=headers)


def _param(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header") and not isinstance(p, int)]
    return ".".join(parts) or "request"


def install(app: FastAPI) -> None:
    """Route every error (validation, HTTP, dossier's own, unexpected) through :func:`error_response`."""

    @app.exception_handler(ApiError)
    async def _api(_: Request, e: ApiError) -> JSONResponse:
        return error_response(e.status, e.message, e.code, e.details, e.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, e: RequestValidationError) -> JSONResponse:
        details = [{"param": _param(err.get("loc", ())), "message": str(err.get("msg", "invalid"))}
                   for err in e.errors()]
        summary = "; ".join(f"{d['param']}: {d['message']}" for d in details)
        return error_response(422, f"invalid request: {summary}", "invalid_parameter", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, e: StarletteHTTPException) -> JSONResponse:
        message = e.detail if isinstance(e.detail, str) else "request failed"
        if e.status_code == 404 and message == "Not Found":
            message = "no such endpoint (see /docs)"
        return error_response(e.status_code, message, headers=dict(e.headers or {}))

    @app.exception_handler(UsageError)
    async def _usage(_: Request, e: UsageError) -> JSONResponse:
        return error_response(400, str(e))

    @app.exception_handler(DossierError)
    async def _dossier(_: Request, e: DossierError) -> JSONResponse:
        return error_response(503, str(e), "store_error")

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, e: Exception) -> JSONResponse:
        return error_response(500, f"internal error ({type(e).__name__}); this is a dossier bug, please report it")
