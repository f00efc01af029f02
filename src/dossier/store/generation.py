"""How a reader tells that the store changed (the web app's index is cached per *generation*, docs/web.md).

``data_version`` changes when another connection commits (free to read); ``generation`` is a few primary-key
look-ups (the highest row ids of documents, entity links and judgements, the source ratings, the analysis
refresh, the corrections) that change with every write a reader must see.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from dossier.store.sqlite import SQLiteStore

_GENERATION_SQL = (
    "SELECT max(rowid) FROM documents",
    "SELECT max(rowid) FROM entity_links",
    "SELECT max(id) FROM resolution_judgements",
    "SELECT count(*) || '/' || coalesce(max(at), '') FROM source_ratings",
    "SELECT count(*) FROM document_signatures",  # the analysis refresh that follows an ingest
    # count(undone_at): two undos within one second change it where max(undone_at) does not
    "SELECT count(*) || '/' || count(undone_at) || '/' || coalesce(max(undone_at), '') FROM analyst_corrections",
)


def data_version(store: SQLiteStore) -> int:
    """SQLite's counter of commits by other connections (``PRAGMA data_version``)."""
    return int(store.conn.execute("PRAGMA data_version").fetchone()[0])


def generation(store: SQLiteStore) -> tuple[Any, ...]:
    """The store generation: equal before and after a read, different after any write a reader must see."""
    out: list[Any] = []
    for sql in _GENERATION_SQL:
        try:
            out.append(store.conn.execute(sql).fetchone()[0])
        except sqlite3.OperationalError:  # a table this store's schema does not have
            out.append(None)
    return tuple(out)
