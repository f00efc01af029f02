"""The resolution stage's tables: profiles, blocks, keys, scored pairs, constraints and ``entity_links``.

``writing(store)`` is the resolver's unit of work: one write transaction (a crash leaves the previous
resolution in place), with a ``ResolutionWriter`` holding every statement the resolver runs. ``reading(store)``
gives the same reads outside a transaction (``dossier why``). Id lists are joined through TEMP tables
(``_Temp``), so no SQL is ever built from values, and every bulk read or write stays one statement.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from dossier.model.resolution import LocalName, LocalRow, PairJudgement, RelationRow, StoredPair, StoredProfile

if TYPE_CHECKING:
    from dossier.store.sqlite import SQLiteStore

# the identity keys (reference ids, places and groups by exact name): members are one entity without scoring
IDENTITY_SQL = "(key LIKE 'r|%' OR key LIKE 'x|L|%' OR key LIKE 'x|G|%')"
# an accepted pair as the clustering reads it: a, b, score, weak_a, weak_b, applied
PairRow = tuple[str, str, float, int, int, str | None]


def _temp(c: sqlite3.Connection, name: str, values: Iterable[str]) -> None:
    """Fill the TEMP table ``name`` with ``values`` to join against."""
    assert name in ("t_ids", "t_ids2", "t_keys", "t_docs")
    c.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (v TEXT PRIMARY KEY) WITHOUT ROWID")
    c.execute(f"DELETE FROM {name}")
    c.executemany(f"INSERT OR IGNORE INTO {name} VALUES (?)", ((v,) for v in values))


class ResolutionReader:
    """Reads of the resolution tables (inside the resolver's transaction, or on their own)."""

    def __init__(self, c: sqlite3.Connection) -> None:
        self.c = c

    # -- profiles ------------------------------------------------------------------------------------------
    def profile_document(self, local_entity: str) -> str | None:
        row = self.c.execute("SELECT document FROM resolution_profiles WHERE local_entity=?",
                             (local_entity,)).fetchone()
        return None if row is None else str(row[0])

    def profiles_of_document(self, document: str) -> list[StoredProfile]:
        return [StoredProfile(*r) for r in self.c.execute(
            "SELECT local_entity, document, exact_id, profile FROM resolution_profiles "
            "WHERE document=? ORDER BY local_entity", (document,))]

    # -- blocks --------------------------------------------------------------------------------------------
    def keys_of(self, local_entity: str) -> list[str]:
        """The blocking keys of one local entity."""
        return [r[0] for r in self.c.execute("SELECT key FROM resolution_blocks WHERE local_entity=?",
                                             (local_entity,))]

    def key_size(self, key: str) -> int:
        row = self.c.execute("SELECT size FROM resolution_keys WHERE key=?", (key,)).fetchone()
        return int(row[0]) if row else 0

    def pivots(self, key: str, limit: int) -> list[str]:
        """A key's first ``limit`` members (its pivots)."""
        return [r[0] for r in self.c.execute(
            "SELECT local_entity FROM resolution_blocks WHERE key=? ORDER BY local_entity LIMIT ?", (key, limit))]

    def key_members(self, key: str) -> list[str]:
        return [r[0] for r in self.c.execute("SELECT local_entity FROM resolution_blocks WHERE key=?", (key,))]

    def identity_keys_of(self, local_entity: str) -> list[str]:
        return [r[0] for r in self.c.execute(
            f"SELECT key FROM resolution_blocks WHERE local_entity=? AND {IDENTITY_SQL}", (local_entity,))]

    # -- pairs and judgements ----------------------------------------------------------------------------------
    def stored_pair(self, a: str, b: str) -> StoredPair | None:
        """What was stored for the pair ``a`` < ``b``."""
        r = self.c.execute("SELECT score, accepted, applied, features FROM resolution_pairs WHERE a=? AND b=?",
                           (a, b)).fetchone()
        return None if r is None else StoredPair(*r)

    def linked_pairs_of(self, local_entity: str) -> list[tuple[str, str, float]]:
        """Accepted pairs touching one local entity that were linked: (a, b, score)."""
        return [(r[0], r[1], float(r[2])) for r in self.c.execute(
            "SELECT a, b, score FROM resolution_pairs WHERE (a=? OR b=?) AND accepted = 1 AND applied IS NULL",
            (local_entity, local_entity))]

    def merges_of(self, local_entity: str) -> list[tuple[str, str]]:
        """Must-link constraints touching one local entity: (a, b)."""
        return [(r[0], r[1]) for r in self.c.execute(
            "SELECT a, b FROM resolution_constraints WHERE (a=? OR b=?) AND decision='merge'",
            (local_entity, local_entity))]

    def pair_judgement(self, a: str, b: str) -> PairJudgement | None:
        r = self.c.execute(
            "SELECT k.decision, j.id, j.a_ref, j.b_ref, j.at FROM resolution_constraints k "
            "JOIN resolution_judgements j ON j.id = k.judgement WHERE k.a=? AND k.b=?", (a, b)).fetchone()
        return None if r is None else PairJudgement(*r)

    # -- links and references ------------------------------------------------------------------------------
    def entity_of(self, local_entity: str) -> str | None:
        """The entity a local entity is linked to (None: not linked)."""
        row = self.c.execute("SELECT entity FROM entity_links WHERE local_entity=?", (local_entity,)).fetchone()
        return None if row is None else str(row[0])

    def current_members(self, entity: str) -> list[tuple[str, str]]:
        """(local entity, name) of an entity's members in current reports, by local entity id."""
        return [(r[0], r[1]) for r in self.c.execute(
            "SELECT l.local_entity, le.name FROM entity_links l JOIN local_entities le ON le.id = l.local_entity "
            "JOIN documents d ON d.id = le.document AND d.is_current = 1 WHERE l.entity = ? "
            "ORDER BY l.local_entity", (entity,))]

    def current_local_names(self) -> list[LocalName]:
        """Every local entity of a current report with its name and aliases, by id."""
        return [LocalName(r[0], r[1], tuple(json.loads(r[2]))) for r in self.c.execute(
            "SELECT le.id, le.name, le.aliases FROM local_entities le JOIN documents d ON d.id = le.document "
            "AND d.is_current = 1 ORDER BY le.id")]

    def entity_members(self, entity: str) -> list[str]:
        """The local entities linked to ``entity``."""
        return [r[0] for r in self.c.execute("SELECT local_entity FROM entity_links WHERE entity=?", (entity,))]

    def local_name(self, local_entity: str) -> str | None:
        row = self.c.execute("SELECT name FROM local_entities WHERE id=?", (local_entity,)).fetchone()
        return None if row is None else str(row[0])

    def local_source(self, local_entity: str) -> str:
        """The source of the report a local entity comes from ("" when unknown)."""
        row = self.c.execute("SELECT d.source FROM local_entities le JOIN documents d ON d.id = le.document "
                             "WHERE le.id=?", (local_entity,)).fetchone()
        return str(row[0]) if row else ""

    def holds_nothing_to_resolve(self) -> bool:
        """No local entity and no judgement yet: a resolution computed elsewhere from exactly the records about
        to be written is this store's whole resolution (``load_resolution``)."""
        row = self.c.execute("SELECT EXISTS (SELECT 1 FROM local_entities) OR "
                             "EXISTS (SELECT 1 FROM resolution_judgements)").fetchone()
        return not row[0]


class ResolutionWriter(ResolutionReader):
    """Every statement of one resolution run, inside its write transaction (``writing``)."""

    # -- the run's state -----------------------------------------------------------------------------------
    def signature(self) -> str | None:
        """The resolver signature the store was last resolved under (None: never)."""
        row = self.c.execute("SELECT value FROM meta WHERE key='resolver'").fetchone()
        return None if row is None else str(row[0])

    def reset(self, signature: str) -> None:
        """Forget all derived resolution state (judgements and their constraints stay)."""
        for table in ("resolution_profiles", "resolution_blocks", "resolution_keys", "resolution_pairs",
                      "entity_links"):
            self.c.execute(f"DELETE FROM {table}")
        self.c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('resolver', ?)", (signature,))

    def unprofiled_documents(self) -> list[str]:
        """Documents with a local entity not profiled yet, in id order."""
        return [r[0] for r in self.c.execute(
            "SELECT DISTINCT le.document FROM local_entities le WHERE NOT EXISTS "
            "(SELECT 1 FROM resolution_profiles p WHERE p.local_entity = le.id) ORDER BY le.document")]

    def has_profiles(self) -> bool:
        return self.c.execute("SELECT 1 FROM resolution_profiles LIMIT 1").fetchone() is not None

    def load_resolution(self, signature: str, profiles: Iterable[tuple[str, str, str, int, str]],
                        blocks: Iterable[tuple[str, str]], sizes: Iterable[tuple[str, int]],
                        pairs: Iterable[tuple[object, ...]], links: Iterable[tuple[str, str, str, float | None]],
                        notes: Iterable[tuple[str, str, str]]) -> None:
        """A whole resolution computed outside the store (``dossier batch``'s cross-document step on its
        shards), written as the resolver's first run writes it: the derived state replaced under ``signature``,
        then profiles, blocks, key sizes, scored pairs, links and the refusals on pairs (applied, a, b)."""
        self.reset(signature)
        self.save_profiles(profiles)
        self.add_blocks(blocks, sizes)
        self.c.executemany(
            "INSERT INTO resolution_pairs (a, b, score, accepted, weak_a, weak_b, features, applied) "
            "VALUES (?,?,?,?,?,?,?,NULL)", pairs)
        self.c.executemany("INSERT INTO entity_links VALUES (?,?,?,?)", links)
        self.c.executemany("UPDATE resolution_pairs SET applied=? WHERE a=? AND b=?", notes)

    # -- what profiles are built from ----------------------------------------------------------------------
    def profile_inputs(self, docs: list[str]) -> Iterator[tuple[str, list[LocalRow], list[tuple[str, int]],
                                                                list[RelationRow]]]:
        """For each of ``docs`` in turn: its local entities (by id), its mentions' (entity, sentence) and its
        relations (by id). Read in three statements; a document's entities are made typed only when its turn
        comes, so a first run over the whole store holds one document's at a time."""
        _temp(self.c, "t_docs", docs)
        ents: dict[str, list[tuple[str, str, str, str, str, str]]] = {}
        for r in self.c.execute(
            "SELECT le.id, le.document, le.type, le.name, le.aliases, le.attributes FROM t_docs t "
            "CROSS JOIN local_entities le ON le.document = t.v ORDER BY le.document, le.id"
        ):
            ents.setdefault(r[1], []).append(r)
        sents: dict[str, list[tuple[str, int]]] = {}
        for r in self.c.execute(
            "SELECT m.document, m.entity, m.sentence FROM t_docs t CROSS JOIN mentions m ON m.document = t.v"
        ):
            sents.setdefault(r[0], []).append((r[1], r[2]))
        rels: dict[str, list[RelationRow]] = {}
        for r in self.c.execute(
            "SELECT r.document, r.subject, r.predicate, r.object, r.role FROM t_docs t "
            "CROSS JOIN relations r ON r.document = t.v ORDER BY r.id"
        ):
            rels.setdefault(r[0], []).append(RelationRow(r[1], r[2], r[3], r[4]))
        for doc in docs:
            rows = [LocalRow(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), dict(json.loads(r[5])))
                    for r in ents.get(doc, ())]
            yield doc, rows, sents.get(doc, []), rels.get(doc, [])

    # -- profiles --------------------------------------------------------------------------------------------
    def exact_id_owners(self, exact_ids: list[str]) -> dict[str, str]:
        """exact-key id → its smallest profiled local entity (the id a cluster holding it takes)."""
        _temp(self.c, "t_keys", exact_ids)
        return {e: o for e, o in self.c.execute(
            "SELECT p.exact_id, min(p.local_entity) FROM t_keys t CROSS JOIN resolution_profiles p "
            "ON p.exact_id = t.v GROUP BY p.exact_id")}

    def save_profiles(self, rows: Iterable[tuple[str, str, str, int, str]]) -> None:
        """(local entity, document, exact id, weak name, profile JSON) rows."""
        self.c.executemany("INSERT INTO resolution_profiles VALUES (?,?,?,?,?)", rows)

    def profile_documents(self, ids: list[str]) -> list[str]:
        """The documents of profiled local entities."""
        _temp(self.c, "t_ids2", ids)
        return [r[0] for r in self.c.execute(
            "SELECT DISTINCT p.document FROM t_ids2 t CROSS JOIN resolution_profiles p ON p.local_entity = t.v")]

    def profiles_of_documents(self, docs: list[str]) -> Iterator[StoredProfile]:
        """Every profile of ``docs``, by document and local entity."""
        _temp(self.c, "t_docs", docs)
        for r in self.c.execute(
            "SELECT p.local_entity, p.document, p.exact_id, p.profile FROM t_docs t "
            "CROSS JOIN resolution_profiles p ON p.document = t.v ORDER BY p.document, p.local_entity"
        ):
            yield StoredProfile(r[0], r[1], r[2], r[3])

    # -- blocks --------------------------------------------------------------------------------------------
    def key_sizes(self, keys: list[str]) -> dict[str, int]:
        _temp(self.c, "t_keys", keys)
        return {k: n for k, n in self.c.execute(
            "SELECT k.key, k.size FROM t_keys t CROSS JOIN resolution_keys k ON k.key = t.v")}

    def block_members(self, keys: list[str]) -> list[tuple[str, str]]:
        """(key, local entity) for every member of ``keys``."""
        _temp(self.c, "t_keys", keys)
        return self.c.execute(
            "SELECT b.key, b.local_entity FROM t_keys t CROSS JOIN resolution_blocks b ON b.key = t.v").fetchall()

    def add_blocks(self, rows: Iterable[tuple[str, str]], sizes: Iterable[tuple[str, int]]) -> None:
        """New (key, local entity) block rows and the keys' new sizes."""
        self.c.executemany("INSERT INTO resolution_blocks VALUES (?,?)", rows)
        self.c.executemany(
            "INSERT INTO resolution_keys VALUES (?,?) ON CONFLICT(key) DO UPDATE SET size = excluded.size", sizes)

    def blocks_in_range(self, lo: str, hi: str) -> Iterator[tuple[str, str]]:
        """(key, local entity) for the keys ``lo`` <= key < ``hi`` (a kind of identity key, in bulk)."""
        yield from self.c.execute("SELECT key, local_entity FROM resolution_blocks WHERE key >= ? AND key < ?",
                                  (lo, hi))

    # -- pairs ---------------------------------------------------------------------------------------------
    def store_pairs(self, rows: list[tuple[object, ...]]) -> None:
        """Scored pairs: (a, b, score, accepted, weak_a, weak_b, features); ``applied`` starts NULL."""
        self.c.executemany(
            "INSERT OR REPLACE INTO resolution_pairs (a, b, score, accepted, weak_a, weak_b, features, applied) "
            "VALUES (?,?,?,?,?,?,?,NULL)", rows)

    def pairs_touching(self, ids: list[str]) -> list[tuple[str, str]]:
        """Stored pairs (a, b) with a side in ``ids``."""
        _temp(self.c, "t_ids2", ids)
        return self.c.execute(
            "SELECT p.a, p.b FROM t_ids2 t CROSS JOIN resolution_pairs p ON p.a = t.v "
            "UNION SELECT p.a, p.b FROM t_ids2 t CROSS JOIN resolution_pairs p ON p.b = t.v").fetchall()

    def delete_pairs(self, pairs: list[tuple[str, str]]) -> None:
        self.c.executemany("DELETE FROM resolution_pairs WHERE a=? AND b=?", pairs)

    # -- the region to recluster ---------------------------------------------------------------------------
    def profiled(self) -> set[str]:
        return {r[0] for r in self.c.execute("SELECT local_entity FROM resolution_profiles")}

    def accepted_pairs(self) -> Iterator[PairRow]:
        yield from self.c.execute("SELECT a, b, score, weak_a, weak_b, applied FROM resolution_pairs "
                                  "WHERE accepted = 1")

    def merge_constraints(self) -> Iterator[tuple[str, str, int]]:
        """(a, b, judgement id) of every must-link."""
        yield from self.c.execute("SELECT a, b, judgement FROM resolution_constraints WHERE decision='merge'")

    def neighbours(self, ids: list[str]) -> tuple[list[PairRow], list[tuple[str, str, int]], list[str]]:
        """Around ``ids``: the accepted pairs touching them, the must-links touching them, their identity keys."""
        c = self.c
        _temp(c, "t_ids", ids)
        pairs = c.execute(
            "SELECT p.a, p.b, p.score, p.weak_a, p.weak_b, p.applied FROM t_ids t "
            "CROSS JOIN resolution_pairs p ON p.a = t.v WHERE p.accepted = 1 UNION "
            "SELECT p.a, p.b, p.score, p.weak_a, p.weak_b, p.applied FROM t_ids t "
            "CROSS JOIN resolution_pairs p ON p.b = t.v WHERE p.accepted = 1").fetchall()
        merges = c.execute(
            "SELECT k.a, k.b, k.judgement FROM t_ids t CROSS JOIN resolution_constraints k ON k.a = t.v "
            "WHERE k.decision='merge' UNION SELECT k.a, k.b, k.judgement FROM t_ids t "
            "CROSS JOIN resolution_constraints k ON k.b = t.v WHERE k.decision='merge'").fetchall()
        keys = [r[0] for r in c.execute(
            f"SELECT DISTINCT b.key FROM t_ids t CROSS JOIN resolution_blocks b ON b.local_entity = t.v "
            f"WHERE {IDENTITY_SQL}")]
        return pairs, merges, keys

    def region_inputs(self, ids: list[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]],
                                                     list[tuple[str, str]]]:
        """For a region's local entities: (local entity, exact id) of those profiled, the cannot-links from
        them, and the contradicted pairs from them (a, b)."""
        c = self.c
        _temp(c, "t_ids", ids)
        exact = c.execute(
            "SELECT p.local_entity, p.exact_id FROM t_ids t CROSS JOIN resolution_profiles p "
            "ON p.local_entity = t.v").fetchall()
        cannot = c.execute(
            "SELECT k.a, k.b FROM t_ids t CROSS JOIN resolution_constraints k ON k.a = t.v "
            "WHERE k.decision='split'").fetchall()
        apart = c.execute(
            "SELECT p.a, p.b FROM t_ids t CROSS JOIN resolution_pairs p ON p.a = t.v WHERE p.accepted = -1").fetchall()
        return exact, cannot, apart

    def links_of(self, ids: list[str]) -> dict[str, tuple[str, str, float | None]]:
        """local entity → (entity, method, score) as linked now."""
        _temp(self.c, "t_ids", ids)
        return {r[0]: (r[1], r[2], r[3]) for r in self.c.execute(
            "SELECT l.local_entity, l.entity, l.method, l.score FROM t_ids t CROSS JOIN entity_links l "
            "ON l.local_entity = t.v")}

    def write_links(self, links: Sequence[tuple[str, str, str, float | None]],
                    notes: Sequence[tuple[str | None, str, str]]) -> None:
        """Changed links (local entity, entity, method, score) and the refusals noted on pairs (applied, a, b)."""
        self.c.executemany("INSERT OR REPLACE INTO entity_links VALUES (?,?,?,?)", links)
        self.c.executemany("UPDATE resolution_pairs SET applied=? WHERE a=? AND b=?", notes)

    # -- judgements --------------------------------------------------------------------------------------------
    def record_judgement(self, decision: str, a_ref: str, b_ref: str, a_entity: str | None, b_entity: str | None,
                         a_locals: tuple[str, ...], b_locals: tuple[str, ...], note: str | None, at: str, who: str,
                         constraints: list[tuple[str, str]], unsplit: list[tuple[str, str]]) -> int:
        """Store a merge or split as given and as pairwise ``constraints`` (a < b); a merge also lifts the splits
        between ``unsplit`` pairs. Returns the judgement's id."""
        c = self.c
        cur = c.execute(
            "INSERT INTO resolution_judgements (decision, a_ref, b_ref, a_entity, b_entity, a_locals, b_locals, "
            "note, at) VALUES (?,?,?,?,?,?,?,?,?)",
            (decision, a_ref, b_ref, a_entity, b_entity, json.dumps(list(a_locals)), json.dumps(list(b_locals)),
             note, at))
        jid = int(cur.lastrowid or 0)
        c.execute("INSERT OR REPLACE INTO resolution_judgement_authors (judgement, who) VALUES (?, ?)", (jid, who))
        c.executemany("INSERT OR REPLACE INTO resolution_constraints (a, b, decision, judgement) VALUES (?,?,?,?)",
                      [(a, b, decision, jid) for a, b in constraints])
        if unsplit:
            c.executemany("DELETE FROM resolution_constraints WHERE a=? AND b=? AND decision='split'", unsplit)
        return jid


@contextmanager
def writing(store: SQLiteStore) -> Iterator[ResolutionWriter]:
    """One resolution run's write transaction: all of it is written, or none."""
    with store.transaction() as c:
        yield ResolutionWriter(c)


def reading(store: SQLiteStore) -> ResolutionReader:
    """The resolution tables as they are (no transaction)."""
    return ResolutionReader(store.conn)
