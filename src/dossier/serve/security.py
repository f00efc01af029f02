"""What keeps untrusted report text inert and the store safe: headers, host check, body limit, write token.

* A strict Content-Security-Policy (scripts only from this origin, no inline script, no eval, no plugins), so a
  ``<script>`` or ``onerror=`` that slipped into a report can never run even if the page mishandled it.
* A ``Host`` allow-list when bound to loopback: a web page on another site cannot reach the API through DNS
  rebinding.
* Request bodies are capped (``413``) before they are read into memory.
* Write endpoints need ``Authorization: Bearer <token>``, the token set when the server starts, and are refused
  when the browser says they come from another site (``Sec-Fetch-Site``, ``Origin``).
"""

from __future__ import annotations

import hmac
import json
import re
import urllib.parse

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dossier.serve.errors import ApiError, error_body

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'none'")
# Swagger UI sets inline styles; its page has no data from reports in it.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"), (b"cross-origin-opener-policy", b"same-origin"),
            (b"cross-origin-resource-policy", b"same-origin")]


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# host, or [IPv6], then an optional port: nothing else (no userinfo "a@b", no path, no spaces)
_HOST = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::[0-9]{1,5})?")


def host_name(host: str) -> str | None:
    """The name in a ``Host`` header (``127.0.0.1:8765`` → ``127.0.0.1``), or None when it is not one.

    Strict on purpose: ``127.0.0.1:80@evil.example`` passed a split on the last colon.
    """
    m = _HOST.fullmatch(host)
    return m.group(1).lower() if m else None


def cross_site(headers: dict[str, str], host: str) -> str | None:
    """Why a write request is refused as coming from another site, or None.

    A page on another site can make the browser send a POST here (with a token it has phished or guessed);
    browsers say where a request comes from, in ``Sec-Fetch-Site`` and ``Origin``. Requests without either
    (curl, scripts) are not from a browser page and pass on to the token check.
    """
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return f"cross-site write refused (Sec-Fetch-Site: {site[:40]})"
    origin = headers.get("origin")
    if origin is not None:
        parsed = urllib.parse.urlsplit(origin)
        if parsed.scheme not in ("http", "https") or parsed.netloc.lower() != host.lower():
            return f"cross-site write refused (Origin {origin[:100]!r} is not this server)"
    return None


async def _send_error(send: Send, status: int, message: str) -> None:
    body = json.dumps(error_body(status, message)).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware: security headers on every response, Host allow-list, request body size cap."""

    def __init__(self, app: ASGIApp, *, max_body: int, allowed_hosts: tuple[str, ...] | None) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if self.allowed_hosts is not None and host_name(host) not in self.allowed_hosts:
            await _send_error(send, 400, f"unexpected Host header {host[:100]!r}: open the server by its address")
            return
        if scope.get("method", "GET") not in SAFE_METHODS:
            refused = cross_site(headers, host)
            if refused:
                await _send_error(send, 403, refused)
                return
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                await _send_error(send, 400, "bad Content-Length")
                return
            if int(length) > self.max_body:
                await _send_error(send, 413, f"request body over the limit of {self.max_body} bytes")
                return
        path = str(scope.get("path", ""))
        csp = (DOCS_CSP if path.startswith("/docs") else CSP).encode()
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise ApiError(413, f"request body over the limit of {self.max_body} bytes")
            return message

        async def secured_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"content-security-policy", csp), *_HEADERS]
            await send(message)

        await self.app(scope, limited_receive, secured_send)


def require_token(request: Request) -> None:
    """FastAPI dependency for write endpoints: ``Authorization: Bearer <token set at start-up>``."""
    expected: str | None = request.app.state.dossier.settings.token
    if not expected:
        raise ApiError(403, "writing is disabled: start the server with --token (or $DOSSIER_TOKEN)")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), expected.encode()):
        raise ApiError(401, "a valid token is required to write (Authorization: Bearer <token>)",
                       headers={"WWW-Authenticate": "Bearer"})

