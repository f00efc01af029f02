"""The analyst's word: merge/split judgements (``resolution_judgements``) and corrections
(``analyst_corrections``), stored as given, and the reads that carry a correction over to the record that
tells the same thing now. The constraints a judgement adds are written by the resolution run that applies it
(``store.resolution.ResolutionWriter.record_judgement``).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from dossier.model.resolution import ClaimRecordRow, Correction, EventRecordRow, JudgementRow

if TYPE_CHECKING:
    from dossier.store.sqlite import SQLiteStore


def judgements(store: SQLiteStore) -> list[JudgementRow]:
    """Every merge/split judgement, oldest first, with who made it (None for those from before that was kept)."""
    try:
        rows = store.conn.execute(
            "SELECT j.id, decision, a_ref, b_ref, a_entity, b_entity, a_locals, b_locals, note, at, "
            "w.who FROM resolution_judgements j "
            "LEFT JOIN resolution_judgement_authors w ON w.judgement = j.id ORDER BY j.id").fetchall()
    except sqlite3.OperationalError:  # a store opened read-only before the table was added
        rows = store.conn.execute(
            "SELECT id, decision, a_ref, b_ref, a_entity, b_entity, a_locals, b_locals, note, at, "
            "NULL AS who FROM resolution_judgements ORDER BY id").fetchall()
    return [JudgementRow(*r) for r in rows]


# -- corrections -----------------------------------------------------------------------------------------------
def add_correction(store: SQLiteStore, target: str, key: str, field: str, value: str | None, label: str,
                   note: str | None, who: str, at: str) -> int:
    """Store one correction; returns its id."""
    with store.transaction() as c:
        cur = c.execute(
            "INSERT INTO analyst_corrections (target, key, field, value, label, note, who, at) "
            "VALUES (?,?,?,?,?,?,?,?)", (target, key, field, value, label, note, who, at))
        return int(cur.lastrowid or 0)


def undo_correction(store: SQLiteStore, cid: int, at: str) -> None:
    with store.transaction() as c:
        c.execute("UPDATE analyst_corrections SET undone_at = ? WHERE id = ?", (at, cid))


def corrections(store: SQLiteStore, *, cid: int | None = None, in_force: bool = False) -> list[Correction]:
    """Corrections by id: all, the one ``cid``, or those not undone (``in_force``); [] on a store opened
    read-only before the table was added."""
    where, args = ("WHERE id = ?", (cid,)) if cid is not None else \
        ("WHERE undone_at IS NULL", ()) if in_force else ("", ())
    try:
        rows = store.conn.execute("SELECT id, target, key, field, value, label, note, who, at, undone_at "
                                  f"FROM analyst_corrections {where} ORDER BY id", args).fetchall()
    except sqlite3.OperationalError:
        return []
    return [Correction(*r) for r in rows]


def current_event_clusters(store: SQLiteStore) -> dict[str, str] | None:
    """Event record → its event (cluster) over current reports; None when the table is not there."""
    try:
        return {r[0]: r[1] for r in store.conn.execute(
            "SELECT c.event, c.cluster FROM event_clusters c JOIN events e ON e.id = c.event "
            "JOIN documents d ON d.id = e.document AND d.is_current = 1")}
    except sqlite3.OperationalError:
        return None


def event_records(store: SQLiteStore) -> list[EventRecordRow]:
    """Every event record of every version, by id."""
    return [EventRecordRow(*r) for r in store.conn.execute(
        "SELECT e.id, e.type, e.trigger_text, e.trigger_start, d.source, d.is_current "
        "FROM events e JOIN documents d ON d.id = e.document ORDER BY e.id")]


def current_claim_groups(store: SQLiteStore) -> dict[str, str] | None:
    """Claim record → its claim fact over current reports; None when the table is not there."""
    try:
        return {r[0]: r[1] for r in store.conn.execute(
            "SELECT g.claim, g.grp FROM claim_groups g JOIN claims k ON k.id = g.claim "
            "JOIN documents d ON d.id = k.document AND d.is_current = 1")}
    except sqlite3.OperationalError:
        return None


def claim_records(store: SQLiteStore) -> list[ClaimRecordRow]:
    """Every claim record of every version with its speaker's entity, by id."""
    return [ClaimRecordRow(*r) for r in store.conn.execute(
        "SELECT k.id, k.source, k.prop_text, k.prop_start, l.entity, d.source AS doc, d.is_current "
        "FROM claims k JOIN documents d ON d.id = k.document "
        "LEFT JOIN entity_links l ON l.local_entity = k.source_entity ORDER BY k.id")]
