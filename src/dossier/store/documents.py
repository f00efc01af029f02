"""Reading the stored reports: their metadata (``StoredDocument``), origins, authors' pages, and which local
entities and rejections belong to them.

Every query on ``documents``, ``document_origins`` and ``rejections`` that a reader outside the store needs.
Metadata comes without the text unless asked for (a row holds the whole report); ``head`` carries the first
400 characters of an untitled report, which is what it is shown by.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Literal

from dossier.model import Rejection
from dossier.model.views import DocumentOrigin, StoredDocument
from dossier.store.sqlite import SQLiteStore

_META = ("id, source, title, published, published_inferred, publisher, dateline_place, media_type, version, "
         "previous, is_current, ingested_at, "
         "CASE WHEN title IS NULL OR trim(title) = '' THEN substr(text, 1, 400) END AS head")
_ORDER = {"id": "id", "source": "source, version", "ingested": "ingested_at, source"}


def _document(r: sqlite3.Row, with_text: bool) -> StoredDocument:
    return StoredDocument(
        id=r["id"], source=r["source"], title=r["title"], published=r["published"],
        published_inferred=bool(r["published_inferred"]), publisher=r["publisher"],
        dateline_place=r["dateline_place"], media_type=r["media_type"], version=r["version"],
        previous=r["previous"], is_current=bool(r["is_current"]), ingested_at=r["ingested_at"], head=r["head"],
        text=r["text"] if with_text else None)


def documents(store: SQLiteStore, *, current_only: bool = True, with_text: bool = False,
              order: Literal["id", "source", "ingested"] = "id",
              ingested_since: str | None = None, only: str | None = None) -> Iterator[StoredDocument]:
    """Stored reports one at a time: current ones (or every version), by id, by (source, version) or by
    ingestion time; ``ingested_since`` keeps those ingested at or after that UTC time; ``only`` that one."""
    where = ["is_current = 1"] if current_only else []
    params: tuple[str, ...] = ()
    if ingested_since is not None:
        where.append("ingested_at >= ?")
        params = (ingested_since,)
    if only is not None:
        where.append("id = ?")
        params = (*params, only)
    sql = (f"SELECT {_META}{', text' if with_text else ''} FROM documents "
           f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {_ORDER[order]}")
    for r in store.conn.execute(sql, params):
        yield _document(r, with_text)


def document(store: SQLiteStore, doc_id: str, *, with_text: bool = True) -> StoredDocument | None:
    """One report (any version) by id."""
    r = store.conn.execute(f"SELECT {_META}{', text' if with_text else ''} FROM documents WHERE id = ?",
                           (doc_id,)).fetchone()
    return None if r is None else _document(r, with_text)


def current_sources(store: SQLiteStore) -> list[str]:
    """The sources (paths or URLs) of the current reports, as stored."""
    return [str(r[0]) for r in store.conn.execute("SELECT source FROM documents WHERE is_current = 1")]


def origins(store: SQLiteStore) -> dict[str, DocumentOrigin]:
    """document id → where it came from, for the reports that have an origin row (docs/sources.md)."""
    if not store.has_table("document_origins"):
        return {}
    return {r["document"]: DocumentOrigin(r["url"], r["captured"], r["archive"],
                                          tuple((int(p), int(s)) for p, s in json.loads(r["pages"])))
            for r in store.conn.execute("SELECT document, url, captured, archive, pages FROM document_origins")}


def local_documents(store: SQLiteStore) -> dict[str, str]:
    """local entity id → the document it was found in (every version)."""
    return {str(r[0]): str(r[1]) for r in store.conn.execute("SELECT id, document FROM local_entities")}


def local_entities_of(store: SQLiteStore, doc_id: str) -> list[str]:
    """The local entity ids of one report (what ``local_documents`` maps to it), by id."""
    return [str(r[0]) for r in store.conn.execute(
        "SELECT id FROM local_entities WHERE document = ? ORDER BY id", (doc_id,))]


def child_counts(store: SQLiteStore, doc_id: str) -> dict[str, int]:
    """The child rows one report's document row counts, under the names ``SQLiteStore.counts`` gives them."""
    r = store.conn.execute("SELECT n_sentences, n_mentions, n_relations, n_events, n_claims FROM documents "
                           "WHERE id = ?", (doc_id,)).fetchone()
    return dict(zip(("sentences", "mentions", "relations", "events", "claims"), map(int, r or (0,) * 5),
                    strict=True))


def rejection_count(store: SQLiteStore) -> int:
    return int(store.conn.execute("SELECT count(*) FROM rejections").fetchone()[0])


def document_entities(store: SQLiteStore, doc_id: str) -> tuple[str, ...]:
    """The canonical entities a report's local entities are linked to, by id."""
    rows = store.conn.execute(
        "SELECT DISTINCT l.entity FROM local_entities le JOIN entity_links l ON l.local_entity = le.id "
        "WHERE le.document = ? ORDER BY l.entity", (doc_id,))
    return tuple(str(r[0]) for r in rows)


def rejections(store: SQLiteStore) -> list[Rejection]:
    """The inputs refused at ingest, by source, with the reason given then."""
    return [Rejection(r["source"], r["reason"])
            for r in store.conn.execute("SELECT source, reason FROM rejections ORDER BY source")]
