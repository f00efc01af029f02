"""The per-report records facts are built from, read for ``analyze`` (``Analysis``, its streams, ``Sources``,
the discrepancy finder): current documents and their signatures, the records in fact order, their evidence.

The streams let SQLite sort the records by the fact they belong to, so a fact is complete when its last record
is read (analyze/stream.py); every other read is one statement over the store or one report.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING

from dossier.model import stable_id
from dossier.model.analysis import DocumentRow, StreamedClaim, StreamedEvent, StreamedRelation

if TYPE_CHECKING:
    from dossier.store.sqlite import SQLiteStore


class FactRecords:
    """Reads over current reports for building facts (``fact_records(store)``)."""

    def __init__(self, c: sqlite3.Connection) -> None:
        self.c = c

    def _plain(self) -> sqlite3.Cursor:
        cur = self.c.cursor()
        cur.row_factory = None  # plain tuples, made into the read models as they are read
        return cur

    # -- documents -------------------------------------------------------------------------------------
    def documents(self) -> list[DocumentRow]:
        """Current documents by id."""
        return [DocumentRow(*r) for r in self._plain().execute(
            "SELECT id, source, title, published, publisher FROM documents WHERE is_current = 1 ORDER BY id")]

    def first_version(self, document: str) -> DocumentRow | None:
        """``document`` when it is current and the first version of its source (an addition, not a new
        version), else None."""
        r = self._plain().execute("SELECT id, source, title, published, publisher FROM documents "
                                  "WHERE id = ? AND is_current = 1 AND version = 1", (document,)).fetchone()
        return DocumentRow(*r) if r else None

    def signature(self, document: str) -> bytes | None:
        """One document's stored signature."""
        r = self.c.execute("SELECT signature FROM document_signatures WHERE document = ?", (document,)).fetchone()
        return bytes(r[0]) if r else None

    def signatures(self) -> dict[str, bytes]:
        """Current document → its stored signature (documents from before signatures were kept lack one)."""
        return {r[0]: bytes(r[1]) for r in self.c.execute(
            "SELECT s.document, s.signature FROM document_signatures s JOIN documents d "
            "ON d.id = s.document AND d.is_current = 1")}

    def ratings(self) -> dict[str, str]:
        """Publisher key → the analyst's reliability rating."""
        return {r[0]: r[1] for r in self.c.execute("SELECT publisher, reliability FROM source_ratings")}

    # -- entity names ----------------------------------------------------------------------------------
    def member_names(self) -> Iterator[tuple[str, str, str]]:
        """(entity, member name, member type) over current reports, by entity then as ``SQLiteStore.entities``
        orders members (so the canonical name comes out the same)."""
        yield from self.c.execute(
            "SELECT l.entity, le.name, le.type FROM entity_links l JOIN local_entities le ON le.id = l.local_entity "
            "JOIN documents d ON d.id = le.document AND d.is_current = 1 ORDER BY l.entity, d.source, le.id")

    def entity_of(self, local: str) -> str | None:
        """The entity a local entity is linked to (one indexed read)."""
        row = self.c.execute("SELECT entity FROM entity_links WHERE local_entity = ?", (local,)).fetchone()
        return None if row is None else str(row[0])

    # -- records in fact order -------------------------------------------------------------------------
    def relations_by_fact(self, symmetric: frozenset[str]) -> Iterator[StreamedRelation]:
        """Relation records sorted by fact id (a hash of canonical subject, predicate, canonical object, the ends
        of a ``symmetric`` predicate in id order), then by ends and id."""
        self.c.create_function("dossier_relation_id", 3, lambda x, p, y: stable_id("rel", x, p, y),
                               deterministic=True)
        sym = ",".join("?" * len(symmetric))
        swap = f"predicate IN ({sym}) AND o < s"
        for r in self._plain().execute(
            f"SELECT id, document, predicate, role, attribution, modality, evidence, s_ent, subject, o_ent, object, "
            f"ka, kb, dossier_relation_id(ka, predicate, kb) AS fid FROM (SELECT *, "
            f"CASE WHEN {swap} THEN o ELSE s END AS ka, CASE WHEN {swap} THEN s ELSE o END AS kb FROM ("
            "SELECT r.id, r.document, r.predicate, r.role, r.attribution, r.modality, r.evidence, "
            "ls.entity AS s_ent, r.subject, lo.entity AS o_ent, r.object, "
            "COALESCE(ls.entity, r.subject) AS s, COALESCE(lo.entity, r.object) AS o "
            "FROM relations r JOIN documents d ON d.id = r.document AND d.is_current = 1 "
            "LEFT JOIN entity_links ls ON ls.local_entity = r.subject "
            "LEFT JOIN entity_links lo ON lo.local_entity = r.object)) "
            "ORDER BY fid, ka, predicate, kb, id", (*sorted(symmetric), *sorted(symmetric))
        ):
            yield StreamedRelation._make(r)

    def events_unclustered(self) -> bool:
        """Whether a current event record lacks a stored cluster (a store filled before they were kept)."""
        return self._missing("events", "id", "event_clusters", "event")

    def claims_ungrouped(self) -> bool:
        """Whether a current claim record lacks a stored group (a store filled before they were kept)."""
        return self._missing("claims", "id", "claim_groups", "claim")

    def _missing(self, table: str, table_key: str, derived: str, derived_key: str) -> bool:
        return self.c.execute(
            f"SELECT 1 FROM {table} x JOIN documents d ON d.id = x.document AND d.is_current = 1 "
            f"WHERE NOT EXISTS (SELECT 1 FROM {derived} y WHERE y.{derived_key} = x.{table_key}) LIMIT 1"
        ).fetchone() is not None

    def events_by_cluster(self) -> Iterator[StreamedEvent]:
        """Event records sorted by their stored cluster, then id."""
        for r in self._plain().execute(
            "SELECT e.id, e.document, e.type, e.label, e.date, e.date_granularity, e.place, e.participants, "
            "e.trigger_text, e.attribution, e.modality, e.evidence, c.cluster FROM events e "
            "JOIN documents d ON d.id = e.document AND d.is_current = 1 JOIN event_clusters c ON c.event = e.id "
            "ORDER BY c.cluster, e.id"
        ):
            yield StreamedEvent._make(r)

    def claims_by_group(self) -> Iterator[StreamedClaim]:
        """Claim records sorted by their stored group, then document and id."""
        for r in self._plain().execute(
            "SELECT k.id, k.document, k.source, k.source_entity, l.entity AS src, k.modality, k.cue, k.prop_text, "
            "k.ev_start, k.ev_end, k.ev_text, g.grp FROM claims k "
            "JOIN documents d ON d.id = k.document AND d.is_current = 1 JOIN claim_groups g ON g.claim = k.id "
            "LEFT JOIN entity_links l ON l.local_entity = k.source_entity ORDER BY g.grp, k.document, k.id"
        ):
            yield StreamedClaim._make(r)

    # -- evidence --------------------------------------------------------------------------------------
    def claim_evidence(self, only: Collection[str] | None = None) -> Iterator[tuple[str, str, int, int, str]]:
        """(claim, document, start, end, text) of every claim record's evidence (``only``: of these records)."""
        if only is None:
            yield from self._plain().execute("SELECT id, document, ev_start, ev_end, ev_text FROM claims")
        else:
            yield from self._plain().execute(
                "SELECT id, document, ev_start, ev_end, ev_text FROM claims "
                "WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(only)),))

    def event_triggers(self, document: str) -> list[tuple[str, int]]:
        """(event record, trigger start) of one report's events."""
        return self._plain().execute("SELECT id, trigger_start FROM events WHERE document = ?",
                                     (document,)).fetchall()

    def claim_spans(self, document: str) -> list[tuple[str, int, int]]:
        """(source words, evidence start, evidence end) of one report's claims."""
        return self._plain().execute("SELECT source, ev_start, ev_end FROM claims WHERE document = ?",
                                     (document,)).fetchall()

    def sentence_spans(self, document: str) -> list[tuple[int, int]]:
        """(start, end) of one report's sentences in order."""
        return self._plain().execute("SELECT start, end FROM sentences WHERE document = ? ORDER BY idx",
                                     (document,)).fetchall()


def fact_records(store: SQLiteStore) -> FactRecords:
    return FactRecords(store.conn)
