"""Watchlist read models (docs/screening.md): a list entry, a stored list, a stored screening hit.

Declared in ``model`` so the store can hand them out without importing ``screen`` (the store is a leaf).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class WatchEntry:
    id: str
    schema: str
    name: str
    aliases: tuple[str, ...] = ()
    detail: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WatchlistInfo:
    """A list in the store, with the file (``source``) and hash it came from."""

    name: str
    format: str
    source: str
    sha256: str
    version: str | None
    entries: int
    added_at: str

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "format": self.format, "source": self.source, "sha256": self.sha256,
                "version": self.version, "entries": self.entries, "added_at": self.added_at}


@dataclass(frozen=True, slots=True)
class StoredHit:
    """A hit as the last screening stored it, with its entry's name, schema and detail. ``entity`` is the
    canonical entity id the hit was found for."""

    entity: str
    list: str
    entry: str
    score: float
    reasons: dict[str, Any]
    screened_at: str
    entry_name: str
    schema: str
    detail: dict[str, Any]
