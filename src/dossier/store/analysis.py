"""The analysis stage's tables: document signatures, event clusters and claim groups (kept by the refresh), and
the reads the event clustering and the claim grouping are computed from.

``writing(store)`` is the refresh's unit of work: one write transaction, so a reader sees the old analysis or
the new one. ``reading(store)`` gives the same reads outside a transaction (facts computed in memory, ``dossier
why`` on events).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from dossier.model.analysis import CurrentClaim, StoredEvent

if TYPE_CHECKING:
    from dossier.store.sqlite import SQLiteStore


class AnalysisReader:
    """What the event clustering and claim grouping read."""

    def __init__(self, c: sqlite3.Connection) -> None:
        self.c = c

    def entity_links(self) -> dict[str, str]:
        """local entity → canonical entity, for every linked local entity."""
        return {r[0]: r[1] for r in self.c.execute("SELECT local_entity, entity FROM entity_links")}

    def located_in(self) -> list[tuple[str, str]]:
        """(place, enclosing place) as local entity ids, as the current reports' located-in relations state."""
        return self.c.execute("SELECT r.subject, r.object FROM relations r JOIN documents d ON d.id = r.document "
                              "AND d.is_current = 1 WHERE r.predicate = 'located_in'").fetchall()

    def place_attributes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(local entity, attributes) of every place."""
        for le_id, attrs in self.c.execute("SELECT id, attributes FROM local_entities WHERE type = 'place'"):
            yield le_id, json.loads(attrs)

    def current_local_entities(self) -> Iterator[tuple[str, str, str]]:
        """(local entity, document, type) of every current report's local entities."""
        yield from self.c.execute("SELECT le.id, le.document, le.type FROM local_entities le "
                                  "JOIN documents d ON d.id = le.document AND d.is_current = 1")

    def current_events(self, only: Iterable[str] | None = None) -> list[StoredEvent]:
        """Every event record of a current report (``only``: of these ids)."""
        where, args = "", ()  # type: tuple[str, tuple[str, ...]]
        if only is not None:
            where, args = " WHERE e.id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(only)),)
        return [StoredEvent(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], json.loads(r[10]),
                            json.loads(r[11]), r[12], r[13] or "other") for r in self.c.execute(
            "SELECT e.id, e.document, e.type, e.label, e.trigger_start, e.trigger_end, e.trigger_text, e.date, "
            "e.date_granularity, e.place, e.participants, e.evidence, d.published, x.category FROM events e "
            "JOIN documents d ON d.id = e.document AND d.is_current = 1 "
            "LEFT JOIN event_details x ON x.event = e.id" + where, args).fetchall()]

    def current_event_ids(self) -> list[str]:
        """The ids of every event record of a current report (a refresh that keeps the records it read before
        reads only the others: a record never changes)."""
        return [r[0] for r in self.c.execute(
            "SELECT e.id FROM events e JOIN documents d ON d.id = e.document AND d.is_current = 1")]

    def identity(self) -> tuple[str, str]:
        """Which store this is: its file and when it was created (what a record kept from it is valid for)."""
        path = next((str(r[2]) for r in self.c.execute("PRAGMA database_list") if r[1] == "main"), "")
        row = self.c.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()
        return path, str(row[0]) if row else ""

    def event_judgements(self) -> list[tuple[str, str, str | None, str | None]] | None:
        """(record, "merge" | "split", other records, undone at) of every event judgement, oldest first; None on
        a store from before corrections."""
        try:
            return self.c.execute("SELECT key, field, value, undone_at FROM analyst_corrections "
                                  "WHERE target = 'event' AND field IN ('merge', 'split') ORDER BY id").fetchall()
        except sqlite3.OperationalError:
            return None

    def event_clusters(self) -> dict[str, str]:
        """event record → cluster, as stored."""
        return {r[0]: r[1] for r in self.c.execute("SELECT event, cluster FROM event_clusters")}

    def current_event_clusters(self) -> dict[str, str] | None:
        """event record → cluster for every current report's event, or None when one of them has none (a store
        filled before the clusters were kept): one join, instead of loading every event's view to check."""
        rows = self.c.execute(
            "SELECT e.id, c.cluster FROM events e JOIN documents d ON d.id = e.document AND d.is_current = 1 "
            "LEFT JOIN event_clusters c ON c.event = e.id").fetchall()
        if any(r[1] is None for r in rows):
            return None
        return {r[0]: r[1] for r in rows}

    def partition_signatures(self) -> tuple[dict[str, str], dict[str, str]]:
        """(event partition → signature, claim partition → signature): what the last refresh computed each
        partition's rows for; a partition whose signature changed had its rows written again."""
        return (dict(self.c.execute("SELECT partition, signature FROM event_partitions").fetchall()),
                dict(self.c.execute("SELECT partition, signature FROM claim_partitions").fetchall()))

    def event_clusters_in(self, parts: Iterable[str]) -> dict[str, str]:
        """event record → cluster, for the records of these partitions."""
        return dict(self.c.execute("SELECT event, cluster FROM event_clusters WHERE partition IN "
                                   "(SELECT value FROM json_each(?))", (json.dumps(sorted(parts)),)).fetchall())

    def claim_groups_in(self, parts: Iterable[str]) -> dict[str, str]:
        """claim record → group, for the records of these partitions."""
        return dict(self.c.execute("SELECT claim, grp FROM claim_groups WHERE partition IN "
                                   "(SELECT value FROM json_each(?))", (json.dumps(sorted(parts)),)).fetchall())

    def claim_groups(self) -> dict[str, str]:
        """claim record → its group (the claim fact id), as stored by the refresh."""
        return {r[0]: r[1] for r in self.c.execute("SELECT claim, grp FROM claim_groups")}

    def current_claim_groups(self) -> dict[str, str]:
        """claim record → its group, for the current reports' claims that have one."""
        return {r[0]: r[1] for r in self.c.execute(
            "SELECT k.id, g.grp FROM claims k JOIN documents d ON d.id = k.document AND d.is_current = 1 "
            "JOIN claim_groups g ON g.claim = k.id")}

    def current_claims(self) -> Iterator[CurrentClaim]:
        """Every claim record of a current report, with its speaker's canonical entity (else the local one)."""
        for r in self.c.execute(
            "SELECT k.id, k.document, k.source, COALESCE(l.entity, k.source_entity) AS src, k.prop_text "
            "FROM claims k JOIN documents d ON d.id = k.document AND d.is_current = 1 "
            "LEFT JOIN entity_links l ON l.local_entity = k.source_entity"
        ):
            yield CurrentClaim(r[0], r[1], r[2], r[3], r[4])


class AnalysisWriter(AnalysisReader):
    """Every statement of one refresh, inside its write transaction (``writing``)."""

    # -- document signatures ----------------------------------------------------------------------------
    def clear_signatures(self) -> None:
        self.c.execute("DELETE FROM document_signatures")

    def unsigned_documents(self) -> list[tuple[str, str]]:
        """(document, text) of the current reports without a signature, by id."""
        return self.c.execute(
            "SELECT id, text FROM documents d WHERE is_current = 1 "
            "AND NOT EXISTS (SELECT 1 FROM document_signatures s WHERE s.document = d.id) ORDER BY id"
        ).fetchall()

    def add_signatures(self, rows: list[tuple[str, bytes]]) -> None:
        self.c.executemany("INSERT INTO document_signatures(document, signature) VALUES (?, ?)", rows)

    # -- event clusters, by partition (block) -----------------------------------------------------------
    def event_partitions(self) -> dict[str, str]:
        """partition → the signature its clusters were computed for."""
        return {p: s for p, s in self.c.execute("SELECT partition, signature FROM event_partitions")}

    def clear_event_clusters(self) -> None:
        self.c.execute("DELETE FROM event_clusters")
        self.c.execute("DELETE FROM event_partitions")

    def drop_event_partition(self, part: str) -> None:
        self.c.execute("DELETE FROM event_clusters WHERE partition = ?", (part,))
        self.c.execute("DELETE FROM event_partitions WHERE partition = ?", (part,))

    def set_event_partition(self, part: str, signature: str) -> None:
        self.c.execute("INSERT OR REPLACE INTO event_partitions(partition, signature) VALUES (?,?)",
                       (part, signature))

    def replace_event_clusters(self, parts: Iterable[str], rows: list[tuple[str, str, str, float | None]]) -> None:
        """The clusters of ``parts`` replaced by ``rows`` (event, cluster, partition, score)."""
        for part in parts:
            self.c.execute("DELETE FROM event_clusters WHERE partition = ?", (part,))
        self.c.executemany(
            "INSERT OR REPLACE INTO event_clusters(event, cluster, partition, score) VALUES (?,?,?,?)", rows)

    def event_cluster_count(self) -> int:
        return int(self.c.execute("SELECT count(DISTINCT cluster) FROM event_clusters").fetchone()[0])

    # -- claim groups, by partition (source key) ----------------------------------------------------------
    def clear_claim_groups(self) -> None:
        self.c.execute("DELETE FROM claim_groups")
        self.c.execute("DELETE FROM claim_partitions")

    def claim_partitions(self) -> tuple[dict[str, str], dict[str, int]]:
        """partition → its signature, and partition → how many groups rows it has."""
        known = dict(self.c.execute("SELECT partition, signature FROM claim_partitions").fetchall())
        stored = dict(self.c.execute("SELECT partition, count(*) FROM claim_groups GROUP BY partition").fetchall())
        return known, stored

    def claim_partition_groups(self, part: str) -> dict[str, str]:
        """claim → group of one partition, as stored."""
        return dict(self.c.execute("SELECT claim, grp FROM claim_groups WHERE partition = ?", (part,)).fetchall())

    def drop_claim_partition(self, part: str) -> None:
        self.c.execute("DELETE FROM claim_groups WHERE partition = ?", (part,))
        self.c.execute("DELETE FROM claim_partitions WHERE partition = ?", (part,))

    def update_claim_partition(self, part: str, rows: list[tuple[str, str]], signature: str) -> None:
        """Some of a partition's rows (claim, claim fact id) written, the others kept, for ``signature``."""
        self.c.executemany("INSERT OR REPLACE INTO claim_groups(claim, grp, partition) VALUES (?,?,?)",
                           [(k, g, part) for k, g in rows])
        self.c.execute("INSERT OR REPLACE INTO claim_partitions(partition, signature) VALUES (?,?)",
                       (part, signature))

    def replace_claim_partition(self, part: str, rows: list[tuple[str, str]], signature: str) -> None:
        """A partition's groups replaced by ``rows`` (claim, claim fact id), computed for ``signature``."""
        self.c.execute("DELETE FROM claim_groups WHERE partition = ?", (part,))
        self.c.executemany("INSERT OR REPLACE INTO claim_groups(claim, grp, partition) VALUES (?,?,?)",
                           [(k, g, part) for k, g in rows])
        self.c.execute("INSERT OR REPLACE INTO claim_partitions(partition, signature) VALUES (?,?)",
                       (part, signature))


@contextmanager
def writing(store: SQLiteStore) -> Iterator[AnalysisWriter]:
    """One refresh's write transaction: all of it is written, or none."""
    with store.transaction() as c:
        yield AnalysisWriter(c)


def reading(store: SQLiteStore) -> AnalysisReader:
    """The analysis inputs and tables as they are (no transaction)."""
    return AnalysisReader(store.conn)
