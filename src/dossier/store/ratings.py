"""The analyst's source reliability ratings (Admiralty letters per publisher, docs/corroboration.md):
every statement on ``source_ratings`` outside the analysis."""

from __future__ import annotations

from dossier.model.views import SourceRating
from dossier.store.sqlite import SQLiteStore


def ratings(store: SQLiteStore) -> dict[str, SourceRating]:
    """publisher key → its rating."""
    return {r["publisher"]: SourceRating(r["publisher"], r["label"], r["reliability"], r["note"], r["at"])
            for r in store.conn.execute("SELECT publisher, label, reliability, note, at FROM source_ratings")}


def rate(store: SQLiteStore, rating: SourceRating) -> None:
    """Record (or replace) a publisher's rating."""
    with store.transaction() as c:
        c.execute("INSERT OR REPLACE INTO source_ratings(publisher, label, reliability, note, at) VALUES (?,?,?,?,?)",
                  (rating.publisher, rating.label, rating.reliability, rating.note, rating.at))
