"""What was fetched from each URL (docs/sources.md, "Fetching"): the HTTP validators and content hash a
re-fetch compares, and the document it gave. Every statement on ``fetch_cache``."""

from __future__ import annotations

from dossier.model.records import Fetch
from dossier.store.sqlite import SQLiteStore


def validators(store: SQLiteStore, url: str) -> tuple[str | None, str | None, str | None] | None:
    """(etag, last_modified, content_hash) of the last fetch of ``url``, None when never fetched."""
    if not store.has_table("fetch_cache"):
        return None
    row = store.conn.execute("SELECT etag, last_modified, content_hash FROM fetch_cache WHERE url=?",
                             (url,)).fetchone()
    return (row[0], row[1], row[2]) if row else None


def remember(store: SQLiteStore, fetch: Fetch) -> None:
    """Record a fetch; with no ``document``, the one recorded for the URL before is kept."""
    with store.transaction() as c:
        document = fetch.document
        if document is None:
            row = c.execute("SELECT document FROM fetch_cache WHERE url=?", (fetch.url,)).fetchone()
            document = row[0] if row else None
        c.execute("INSERT OR REPLACE INTO fetch_cache VALUES (?,?,?,?,?,?,?,?)",
                  (fetch.url, fetch.final_url, fetch.etag, fetch.last_modified, fetch.status, fetch.content_hash,
                   document, fetch.fetched_at))


class StoreFetchCache:
    """The store's ``fetch_cache`` as the cache ``ingest.remote.RemoteInputs`` reads and writes."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store

    def validators(self, url: str) -> tuple[str | None, str | None, str | None] | None:
        return validators(self.store, url)

    def remember(self, fetch: Fetch) -> None:
        remember(self.store, fetch)
