"""Server settings, kept apart so that ``dossier --help`` does not import the web stack."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_UPLOAD = 2 * 1024 * 1024
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")


@dataclass(frozen=True, slots=True)
class Settings:
    db: str
    token: str | None  # None: write endpoints refuse every request
    max_upload: int = DEFAULT_MAX_UPLOAD  # bytes of a request body
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS  # None: any Host header (bound beyond loopback)
