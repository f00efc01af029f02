"""Watchlists, their entries, screening hits and the analyst's verdicts on hits (docs/screening.md).

Every statement on the ``watchlists``, ``watchlist_entries``, ``screen_hits`` and ``screen_judgements`` tables.
A list is replaced whole in one transaction (its old hits go with it); hits are replaced per list on every
screening; verdicts are kept apart, keyed by entity name, list and entry, so they survive both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from dossier.model.watch import StoredHit, WatchEntry, WatchlistInfo
from dossier.store.sqlite import SQLiteStore

HitRow = tuple[str, str, str, float, dict[str, object]]  # entity id, list, entry, score, reasons


def replace_watchlist(store: SQLiteStore, info: WatchlistInfo, entries: Sequence[WatchEntry]) -> None:
    """Store (or replace) list ``info.name`` and its entries in one transaction; its old hits are dropped."""
    with store.transaction() as c:
        c.execute("DELETE FROM screen_hits WHERE list=?", (info.name,))
        c.execute("DELETE FROM watchlist_entries WHERE list=?", (info.name,))
        c.execute("INSERT OR REPLACE INTO watchlists VALUES (?,?,?,?,?,?,?)",
                  (info.name, info.format, info.source, info.sha256, info.version, info.entries, info.added_at))
        c.executemany("INSERT OR REPLACE INTO watchlist_entries VALUES (?,?,?,?,?,?)",
                      [(info.name, e.id, e.schema, e.name, json.dumps(list(e.aliases), ensure_ascii=False),
                        json.dumps(e.detail, ensure_ascii=False)) for e in entries])


def delete_watchlist(store: SQLiteStore, name: str) -> bool:
    """Remove list ``name`` with its entries and hits; False (nothing changed) when there is no such list."""
    with store.transaction() as c:
        if not c.execute("SELECT 1 FROM watchlists WHERE name=?", (name,)).fetchone():
            return False
        c.execute("DELETE FROM screen_hits WHERE list=?", (name,))
        c.execute("DELETE FROM watchlist_entries WHERE list=?", (name,))
        c.execute("DELETE FROM watchlists WHERE name=?", (name,))
    return True


def watchlists(store: SQLiteStore) -> list[WatchlistInfo]:
    """The lists in the store, by name (none on a read-only store made before watchlists existed)."""
    if not store.has_table("watchlists"):
        return []
    rows = store.conn.execute("SELECT name, format, source, sha256, version, entries, added_at FROM watchlists "
                              "ORDER BY name").fetchall()
    return [WatchlistInfo(r["name"], r["format"], r["source"], r["sha256"], r["version"], r["entries"],
                          r["added_at"]) for r in rows]


def watch_entries(store: SQLiteStore, name: str) -> list[WatchEntry]:
    """The entries of list ``name``, by id."""
    rows = store.conn.execute("SELECT id, schema, name, aliases, detail FROM watchlist_entries WHERE list=? "
                              "ORDER BY id", (name,)).fetchall()
    return [WatchEntry(r["id"], r["schema"], r["name"], tuple(json.loads(r["aliases"])), json.loads(r["detail"]))
            for r in rows]


def has_entry(store: SQLiteStore, list_name: str, entry: str) -> bool:
    return store.conn.execute("SELECT 1 FROM watchlist_entries WHERE list=? AND id=?",
                              (list_name, entry)).fetchone() is not None


def replace_hits(store: SQLiteStore, lists: Iterable[str], hits: Iterable[HitRow], at: str) -> None:
    """The hits of one screening of ``lists``: each list's previous hits replaced, in one transaction."""
    with store.transaction() as c:
        for name in lists:
            c.execute("DELETE FROM screen_hits WHERE list=?", (name,))
        c.executemany("INSERT OR REPLACE INTO screen_hits VALUES (?,?,?,?,?,?)",
                      [(entity, list_, entry, score, json.dumps(reasons, ensure_ascii=False), at)
                       for entity, list_, entry, score, reasons in hits])


def stored_hits(store: SQLiteStore, since: str | None = None) -> list[StoredHit]:
    """Hits the last screenings stored (those screened at or after ``since``), by entity, list, best score."""
    if not store.has_table("screen_hits"):
        return []
    sql = ("SELECT h.entity, h.list, h.entry, h.score, h.reasons, h.screened_at, w.name AS entry_name, w.schema, "
           "w.detail FROM screen_hits h JOIN watchlist_entries w ON w.list = h.list AND w.id = h.entry")
    params: tuple[object, ...] = ()
    if since:
        sql += " WHERE h.screened_at >= ?"
        params = (since,)
    rows = store.conn.execute(sql + " ORDER BY h.entity, h.list, h.score DESC, h.entry", params).fetchall()
    return [StoredHit(r["entity"], r["list"], r["entry"], r["score"], json.loads(r["reasons"]), r["screened_at"],
                      r["entry_name"], r["schema"], json.loads(r["detail"])) for r in rows]


def verdicts(store: SQLiteStore) -> dict[tuple[str, str, str], str]:
    """(entity name casefolded, list, entry) → the analyst's verdict."""
    if not store.has_table("screen_judgements"):
        return {}
    return {(r["entity"].casefold(), r["list"], r["entry"]): r["verdict"]
            for r in store.conn.execute("SELECT entity, list, entry, verdict FROM screen_judgements")}


def record_verdict(store: SQLiteStore, entity_name: str, list_name: str, entry: str, verdict: str,
                   note: str | None, at: str) -> None:
    with store.transaction() as c:
        c.execute("INSERT OR REPLACE INTO screen_judgements VALUES (?,?,?,?,?,?)",
                  (entity_name, list_name, entry, verdict, note, at))


__all__ = ["HitRow", "delete_watchlist", "has_entry", "record_verdict", "replace_hits", "replace_watchlist",
           "stored_hits", "verdicts", "watch_entries", "watchlists"]
