"""Full-text search over the current reports: SQLite FTS5 (``documents_fts``), ranked by BM25, with a snippet.

The index is external-content over ``documents`` and kept in step by triggers, so a report is searchable in the
same transaction that stores it. A store made before the index existed gets it on its next writable open
(``ensure_search``): the tables are created and the index rebuilt once. What the person typed is never passed to
FTS5 as query syntax: words and "quoted phrases" become quoted terms, all required; a trailing ``*`` keeps a
prefix search.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from dossier.exc import UsageError

if TYPE_CHECKING:
    from dossier.store.sqlite import SQLiteStore

HIT_START, HIT_END = "\x02", "\x03"  # snippet markers: never in report text (control characters are stripped)
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")
MAX_TERMS = 16


def has_index(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents_fts'").fetchone() is not None


def ensure_search(conn: sqlite3.Connection) -> None:
    """Create the search index (and the other tables added without a version bump) and fill it, once."""
    if has_index(conn):
        return
    from dossier.store.script import statements

    schema = resources.files("dossier.store").joinpath("schema.sql").read_text(encoding="utf-8")
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not has_index(conn):
            for stmt in statements(schema):
                conn.execute(stmt)  # every statement is CREATE … IF NOT EXISTS
            conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def fts_query(text: str) -> str:
    """The FTS5 query for what a person typed: each word or quoted phrase a quoted term, all required."""
    terms = []
    for phrase, word in _TERM.findall(text):
        raw = phrase if phrase else word
        prefix = bool(word) and word.endswith("*")
        words = _WORD.findall(raw)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        terms.append(term + ("*" if prefix else ""))
    if not terms:
        raise UsageError(f"nothing to search for in {text!r}: give a word")
    return " ".join(terms[:MAX_TERMS])


@dataclass(frozen=True, slots=True)
class Hit:
    document: str
    rowid: int
    snippet: list[dict[str, Any]]  # [{"text": …, "hit": bool}], so no markup is ever built from report text


def _segments(snippet: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i, part in enumerate(re.split(f"[{HIT_START}{HIT_END}]", snippet)):
        if part:
            out.append({"text": part, "hit": i % 2 == 1})
    return out


def current_rowids(store: SQLiteStore, only: str | None = None) -> dict[int, str]:
    """rowid → id of the current reports (what the index's rowids mean); ``only``: of that report alone."""
    if only is not None:
        rows = store.conn.execute("SELECT rowid, id FROM documents WHERE is_current = 1 AND id = ?", (only,))
    else:
        rows = store.conn.execute("SELECT rowid, id FROM documents WHERE is_current = 1")
    return {int(r[0]): str(r[1]) for r in rows}


def search(store: SQLiteStore, text: str, docs: Mapping[int, Mapping[str, Any]], *, date_from: str | None = None,
           date_to: str | None = None, publisher: str | None = None, limit: int = 20,
           offset: int = 0) -> tuple[int, list[Hit]]:
    """Reports matching ``text``, best first, and how many match in all.

    ``docs`` maps the rowid of each current report to its metadata as shown (``id``, ``published``,
    ``publisher``: corrections applied), so the filters see what the person sees and the ranking never reads the
    documents table (its rows hold the whole text). Dates compare as ISO prefixes (``to 2025-02`` includes all
    of February); the publisher is a case-insensitive substring."""
    if not has_index(store.conn):
        raise UsageError("this store has no full-text index yet: run any writing command once "
                         "(for example `dossier analyze`) to build it")
    query = fts_query(text)
    needle = (publisher or "").casefold()
    try:
        ranked = store.conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts, 4.0, 1.0), "
            "rowid", (query,)).fetchall()
        kept: list[tuple[int, Mapping[str, Any]]] = []
        for (rowid,) in ranked:
            d = docs.get(rowid)
            if d is None:
                continue
            date = str(d.get("published") or "")
            if date_from and (not date or date < date_from):
                continue
            if date_to and (not date or date[:len(date_to)] > date_to):
                continue
            if needle and needle not in str(d.get("publisher") or "").casefold():
                continue
            kept.append((rowid, d))
        page = kept[offset:offset + limit]
        snips: dict[int, str] = {}
        if page:
            marks = ",".join("?" * len(page))
            snips = {r[0]: r[1] or "" for r in store.conn.execute(
                f"SELECT rowid, snippet(documents_fts, 1, '{HIT_START}', '{HIT_END}', '…', 24) FROM documents_fts "
                f"WHERE documents_fts MATCH ? AND rowid IN ({marks})", [query, *(r for r, _ in page)])}
    except sqlite3.OperationalError as e:  # a query FTS5 still refuses: say so in one line
        raise UsageError(f"cannot search for {text!r}: {e}") from e
    return len(kept), [Hit(str(d["id"]), rowid, _segments(snips.get(rowid, ""))) for rowid, d in page]
