"""The embedded default store: one SQLite file in WAL mode.

Why SQLite (see docs/store.md): measured in shared/RELIABILITY.md, SQLite in WAL mode (synchronous=FULL there)
survived 100 kill -9 rounds with nothing lost or torn and served reader processes during writes, so ``serve`` and
``ingest`` can run side by side. Each document is written in one ``BEGIN IMMEDIATE`` transaction with its child
row counts on the document row, so a torn write would be detectable (and never happens).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from dossier.exc import InputRejected, SchemaVersionError, StoreError
from dossier.model import Extraction, Rejection
from dossier.model.canonical import canonical_name, cluster_type
from dossier.model.names import name_key
from dossier.model.views import EntityRow
from dossier.store.script import statements

# WAL + NORMAL: every commit survives a process crash (kill -9) and the file is never corrupted; the last
# commits may be lost on power loss or an OS crash — recoverable, since re-ingesting is idempotent. FULL adds an
# fsync per document (≈5 ms) so that commits also survive power loss. See docs/store.md.
SYNC_MODES = ("NORMAL", "FULL")
SCHEMA_VERSION = 5  # v2: resolution_*; v3: analysis tables; v4: claim_groups (docs/corroboration.md);
# v5: event_details, document_origins, fetch_cache, watchlists, screening (docs/store.md)
DEFAULT_PATH = "dossier.db"
ADDITIVE_SINCE = 2  # from v2 on, every schema change only added tables (see _upgrade)


@dataclass(frozen=True, slots=True)
class AddResult:
    document: str
    status: str  # "added" | "exists" | "new-version"
    version: int
    previous: str | None = None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _version(value: object, path: str) -> int:
    """The stored schema version as a number; anything else is a damaged or foreign store, said in one line."""
    try:
        return int(str(value).strip())
    except ValueError:
        raise SchemaVersionError(f"{path}: schema_version {str(value)[:40]!r} is not a version this dossier "
                                 "knows: not a dossier store, or a damaged one") from None


class SQLiteStore:
    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False, sync: str = "NORMAL",
                 upgrade: bool = False) -> None:
        if sync not in SYNC_MODES:
            raise StoreError(f"unknown sync mode {sync!r}: use one of {', '.join(SYNC_MODES)}")
        self.sync = sync
        self.path = str(path)
        self.readonly = readonly
        self.upgrade = upgrade
        self.immutable = False  # read without side files (a read-only folder): see _connect_readonly
        p = Path(self.path)
        if readonly and not p.exists():
            raise StoreError(f"{self.path}: store does not exist (ingest something first)")
        if not p.parent.exists():
            raise StoreError(f"{self.path}: directory {p.parent} does not exist")
        if p.exists() and p.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a store file")
        try:
            self.conn = self._connect_readonly() if readonly else self._connect(self.path, uri=False)
            self._check_or_create()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a dossier store or unreadable ({e})") from e

    # -- lifecycle -------------------------------------------------------------------------------
    @staticmethod
    def _connect(target: str, *, uri: bool) -> sqlite3.Connection:
        conn = sqlite3.connect(target, isolation_level=None, timeout=5.0, uri=uri)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout = 5000")
        return conn

    def _connect_readonly(self) -> sqlite3.Connection:
        """A connection that can never change the file: ``mode=ro``; ``immutable=1`` when that cannot read.

        A WAL store needs its ``-shm`` side file to be read; in a folder this process cannot write (a CD, a
        read-only mount, another user's folder) it cannot be created, and ``mode=ro`` fails. ``immutable``
        reads the main file without side files; a store left with an un-checkpointed ``-wal`` there is read as
        of its last checkpoint (docs/store.md).
        """
        base = "file:" + urllib.parse.quote(os.path.abspath(self.path)) + "?mode=ro"
        conn = self._connect(base, uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
        conn = self._connect(base + "&immutable=1", uri=True)
        self.immutable = True
        return conn

    def _check_or_create(self) -> None:
        has_meta = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        if has_meta:
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            found = _version(row[0] if row else 0, self.path)
            self.schema_version = found
            if found < SCHEMA_VERSION and self.upgrade and self.readonly and found >= ADDITIVE_SINCE:
                return  # opened only to read the version before an upgrade
            if found > SCHEMA_VERSION:
                raise SchemaVersionError(
                    f"{self.path}: store schema v{found} is newer than this dossier (v{SCHEMA_VERSION}); "
                    "upgrade dossier to read it"
                )
            if found < SCHEMA_VERSION and self.upgrade and found >= ADDITIVE_SINCE and not self.readonly:
                self._upgrade(found)
                self.schema_version = SCHEMA_VERSION
            elif found < SCHEMA_VERSION:
                hint = ("run `dossier upgrade` (adds the new tables; nothing extracted is touched)"
                        if found >= ADDITIVE_SINCE else "re-ingest the reports into a new store")
                raise SchemaVersionError(
                    f"{self.path}: store schema v{found} is older than this dossier (v{SCHEMA_VERSION}); {hint}"
                )
            if not self.readonly:
                self._pragmas()
                self._create_missing_tables()
                from dossier.store.search import ensure_search

                ensure_search(self.conn)  # tables added since v4 without a version bump (store/search.py)
            return
        # Another application's database is refused before anything (journal mode included) is changed in it.
        if self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            if self.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone():
                return self._check_or_create()  # another dossier created the schema a moment ago
            raise StoreError(f"{self.path}: is an SQLite database but not a dossier store")
        if self.readonly:
            raise StoreError(f"{self.path}: store is empty")
        self.schema_version = SCHEMA_VERSION
        self._pragmas()
        schema = resources.files("dossier.store").joinpath("schema.sql").read_text(encoding="utf-8")
        with self.transaction() as c:
            # re-check under the write lock: another process may have created the schema meanwhile
            if c.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone():
                created_by_other = True
            else:
                created_by_other = False
                if c.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise StoreError(f"{self.path}: is an SQLite database but not a dossier store")
                for stmt in statements(schema):
                    c.execute(stmt)
                c.execute("INSERT INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                c.execute("INSERT INTO meta(key, value) VALUES ('created_at', ?)", (_now(),))
        if created_by_other:
            self._check_or_create()

    def _upgrade(self, found: int) -> None:
        """Versions since ``ADDITIVE_SINCE`` only added tables: create the missing ones and record the version.
        The derived tables are filled by the next ``refresh`` (``dossier upgrade`` runs it)."""
        self._pragmas()
        schema = resources.files("dossier.store").joinpath("schema.sql").read_text(encoding="utf-8")
        with self.transaction() as c:
            for stmt in statements(schema):
                c.execute(stmt)  # every statement is CREATE … IF NOT EXISTS
            c.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
            c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('upgraded_from', ?)", (str(found),))

    def _create_missing_tables(self) -> None:
        """Tables added since the store was made without a version bump (every statement is IF NOT EXISTS)."""
        schema = resources.files("dossier.store").joinpath("schema.sql").read_text(encoding="utf-8")
        have = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        wanted = re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", schema)
        if all(name in have for name in wanted):
            return
        with self.transaction() as c:
            for stmt in statements(schema):
                c.execute(stmt)

    def has_table(self, name: str) -> bool:
        """Whether ``name`` exists (a read-only store made before an additive table may lack it)."""
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() \
            is not None

    def _pragmas(self) -> None:
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute(f"PRAGMA synchronous = {self.sync}")  # from the allowlist SYNC_MODES
            self.conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.OperationalError as e:
            raise self._write_error(e) from e

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write_error(self, e: sqlite3.Error) -> StoreError:
        name = getattr(e, "sqlite_errorname", "") or ""
        if name.startswith("SQLITE_FULL") or name.startswith("SQLITE_IOERR"):
            return StoreError(f"cannot write to store: disk full or file-size limit ({self.path})")
        if name.startswith("SQLITE_READONLY"):
            return StoreError(f"cannot write to store: {self.path} is read-only")
        if name.startswith("SQLITE_BUSY") or "locked" in str(e):
            return StoreError(f"store busy: another process is writing to {self.path}; try again")
        if name.startswith("SQLITE_CANTOPEN"):
            return StoreError(f"cannot open store {self.path}: check the path and permissions")
        return StoreError(f"store error on {self.path}: {e}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise self._write_error(e) from e
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as e:
            self._rollback()
            raise self._write_error(e) from e
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    # -- writing ---------------------------------------------------------------------------------
    def document_count(self) -> int:
        """Current documents (one per source)."""
        return int(self.conn.execute("SELECT count(*) FROM documents WHERE is_current=1").fetchone()[0])

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None

    def add_extraction(self, x: Extraction) -> AddResult:
        """Write one document and everything extracted from it, all or nothing."""
        try:
            return self._add_extraction(x)
        except StoreError as e:
            if isinstance(e.__cause__, sqlite3.IntegrityError):
                # a constraint broken by one document's records is that document's problem, not the store's
                raise InputRejected(f"could not store the extraction ({e.__cause__}); this is a dossier bug, "
                                    "please report it") from e
            raise

    def _add_extraction(self, x: Extraction) -> AddResult:
        d = x.document
        with self.transaction() as c:
            if c.execute("SELECT 1 FROM documents WHERE id=?", (d.id,)).fetchone():
                return AddResult(d.id, "exists", 0)
            prev = c.execute(
                "SELECT id, version FROM documents WHERE source=? AND is_current=1", (d.source,)
            ).fetchone()
            version = prev["version"] + 1 if prev else 1
            if prev:
                c.execute("UPDATE documents SET is_current=0 WHERE id=?", (prev["id"],))
            c.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?,?,?,?,?,?,?,?,?,?)",
                (
                    d.id, d.source, d.title, d.published, int(d.published_inferred), d.publisher,
                    d.dateline_place, d.media_type, d.text, version, prev["id"] if prev else None,
                    json.dumps(list(d.warnings)), x.extractor, _now(),
                    len(x.sentences), len(x.mentions), len(x.entities), len(x.times), len(x.relations),
                    len(x.events), len(x.claims),
                ),
            )
            c.executemany("INSERT INTO sentences VALUES (?,?,?,?)",
                          [(s.document, s.index, s.start, s.end) for s in x.sentences])
            c.executemany(
                "INSERT INTO local_entities VALUES (?,?,?,?,?,?)",
                [(e.id, e.document, str(e.type), e.name, json.dumps(list(e.aliases)),
                  json.dumps(dict(e.attributes))) for e in x.entities],
            )
            c.executemany(
                "INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?)",
                [(m.id, m.document, m.entity, m.start, m.end, m.text, str(m.type), m.sentence, m.kind)
                 for m in x.mentions],
            )
            c.executemany(
                "INSERT INTO relations VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(r.id, r.document, r.subject, r.predicate, r.object, r.role, r.attribution, str(r.modality),
                  r.extractor, _spans_json(r.evidence)) for r in x.relations],
            )
            c.executemany(
                "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(e.id, e.document, e.type, e.label, e.trigger.start, e.trigger.end, e.trigger.text, e.date,
                  e.date_granularity, int(e.date_inferred), e.place,
                  json.dumps([{"entity": p.entity, "role": p.role} for p in e.participants]),
                  e.attribution, str(e.modality), e.extractor, _spans_json(e.evidence)) for e in x.events],
            )
            c.executemany(
                "INSERT INTO event_details VALUES (?,?,?,?,?)",
                [(e.id, e.category, e.lemma, _spans_json(e.mentions), _counts_json(e.counts)) for e in x.events],
            )
            c.executemany(
                "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(k.id, k.document, k.proposition.start, k.proposition.end, k.proposition.text, k.source,
                  k.source_entity, str(k.modality), k.cue, k.evidence.start, k.evidence.end, k.evidence.text,
                  k.extractor) for k in x.claims],
            )
            if d.url or d.captured or d.archive or d.pages:
                c.execute("INSERT OR REPLACE INTO document_origins VALUES (?,?,?,?,?)",
                          (d.id, d.url, d.captured, d.archive, json.dumps([list(p) for p in d.pages])))
            if d.author:
                c.execute("INSERT OR REPLACE INTO document_authors VALUES (?,?)", (d.id, d.author))
            c.execute("DELETE FROM rejections WHERE source=?", (d.source,))
        status = "new-version" if prev else "added"
        return AddResult(d.id, status, version, prev["id"] if prev else None)

    def add_rejection(self, rejection: Rejection) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO rejections VALUES (?,?,?)",
                      (rejection.source, rejection.reason, _now()))

    # -- reading ---------------------------------------------------------------------------------
    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def counts(self) -> dict[str, int]:
        q = {
            "documents": "SELECT count(*) FROM documents WHERE is_current=1",
            "versions": "SELECT count(*) FROM documents",
            "rejected": "SELECT count(*) FROM rejections",
            "sentences": "SELECT count(*) FROM sentences s JOIN documents d ON d.id=s.document AND d.is_current=1",
            "mentions": "SELECT count(*) FROM mentions m JOIN documents d ON d.id=m.document AND d.is_current=1",
            "entities": "SELECT count(DISTINCT l.entity) FROM entity_links l JOIN local_entities le "
                        "ON le.id=l.local_entity JOIN documents d ON d.id=le.document AND d.is_current=1",
            "relations": "SELECT count(*) FROM relations r JOIN documents d ON d.id=r.document AND d.is_current=1",
            "events": "SELECT count(*) FROM events e JOIN documents d ON d.id=e.document AND d.is_current=1",
            "claims": "SELECT count(*) FROM claims k JOIN documents d ON d.id=k.document AND d.is_current=1",
        }
        return {k: int(self.conn.execute(v).fetchone()[0]) for k, v in q.items()}

    def documents(self, *, current_only: bool = True) -> list[sqlite3.Row]:
        where = "WHERE is_current=1" if current_only else ""
        return self.query(
            "SELECT id, source, title, published, published_inferred, publisher, dateline_place, media_type, "
            f"version, previous, is_current, warnings FROM documents {where} ORDER BY source, version"
        )

    def document_text(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT text FROM documents WHERE id=?", (doc_id,)).fetchone()
        return None if row is None else str(row[0])

    def iter_entities(self) -> Iterator[EntityRow]:
        """Canonical entities over current documents in id order, one at a time (memory: one entity's rows)."""
        cursor = self.conn.execute(
            "SELECT l.entity, le.id AS local_id, le.type, le.name, le.aliases, le.attributes, le.document, "
            "(SELECT count(*) FROM mentions m WHERE m.entity = le.id) AS n "
            "FROM entity_links l JOIN local_entities le ON le.id = l.local_entity "
            "JOIN documents d ON d.id = le.document AND d.is_current = 1 "
            "ORDER BY l.entity, d.source, le.id",
        )
        current: str | None = None
        members: list[sqlite3.Row] = []
        for r in cursor:
            if r["entity"] != current:
                if current is not None:
                    yield self._entity_row(current, members)
                current, members = r["entity"], []
            members.append(r)
        if current is not None:
            yield self._entity_row(current, members)

    def entities(self, type_: str | None = None) -> list[EntityRow]:
        """Canonical entities over current documents, most mentioned first."""
        out = list(self.iter_entities())
        if type_:
            out = [e for e in out if e.type == type_]  # the cluster's type: its members' most common one
        out.sort(key=lambda e: (-e.n_mentions, e.name.casefold(), e.id))
        return out

    @staticmethod
    def _entity_row(eid: str, members: list[sqlite3.Row]) -> EntityRow:
        type_ = cluster_type([m["type"] for m in members])
        name = canonical_name([m["name"] for m in members], type_)
        aliases: set[str] = set()
        attrs: dict[str, str] = {}
        named = False  # some member's report names the entity (not only a demonym: docs/entities.md)
        for m in members:
            aliases.add(m["name"])
            aliases.update(json.loads(m["aliases"]))
            member = json.loads(m["attributes"])
            named = named or "named_by" not in member
            for k, v in member.items():
                attrs.setdefault(k, v)
        if named or len(members) > 1:  # offsets are one report's; how the entity was named, where none names it
            attrs.pop("demonym_spans", None)
        if named:
            attrs.pop("named_by", None)
        aliases.discard(name)
        return EntityRow(
            id=eid, type=type_, name=name, aliases=tuple(sorted(aliases)),
            attributes=tuple(sorted(attrs.items())), n_mentions=sum(int(m["n"]) for m in members),
            n_documents=len({m["document"] for m in members}), local_ids=tuple(m["local_id"] for m in members),
        )

    def entity(self, entity_id: str) -> EntityRow | None:
        rows = self.query(
            "SELECT l.entity, le.id AS local_id, le.type, le.name, le.aliases, le.attributes, le.document, "
            "(SELECT count(*) FROM mentions m WHERE m.entity = le.id) AS n "
            "FROM entity_links l JOIN local_entities le ON le.id = l.local_entity "
            "JOIN documents d ON d.id = le.document AND d.is_current = 1 WHERE l.entity = ? "
            "ORDER BY d.source, le.id",
            (entity_id,),
        )
        return self._entity_row(entity_id, rows) if rows else None

    def find_entities(self, name: str) -> list[EntityRow]:
        """Entities whose name or an alias matches ``name`` exactly (modulo case/accents), else by substring."""
        key = name_key(name)
        if not key:
            return []
        rows = self.entities()
        exact = [e for e in rows if key in {name_key(n) for n in (e.name, *e.aliases)}]
        if exact:
            return exact
        return [e for e in rows if any(key in name_key(n) for n in (e.name, *e.aliases))]

    def integrity_problems(self) -> list[str]:
        """Documents whose child rows do not match the counts written with them (should always be empty)."""
        problems: list[str] = []
        for table, col in (("sentences", "n_sentences"), ("mentions", "n_mentions"),
                           ("local_entities", "n_entities"),
                           ("relations", "n_relations"), ("events", "n_events"), ("claims", "n_claims")):
            rows = self.query(
                f"SELECT d.id, d.{col} AS want, (SELECT count(*) FROM {table} t WHERE t.document = d.id) AS got "
                f"FROM documents d WHERE d.{col} != (SELECT count(*) FROM {table} t WHERE t.document = d.id)"
            )
            problems.extend(f"{r['id']}: {table} {r['got']} != {r['want']}" for r in rows)
        return problems


def _counts_json(counts: Any) -> str:
    return json.dumps([{"kind": c.kind, "value": c.value, "qualifier": c.qualifier,
                        "evidence": {"document": c.evidence.document, "start": c.evidence.start,
                                     "end": c.evidence.end, "text": c.evidence.text}} for c in counts])


def _spans_json(spans: Any) -> str:
    return json.dumps([{"document": s.document, "start": s.start, "end": s.end, "text": s.text} for s in spans])


def open_store(path: str | os.PathLike[str], *, readonly: bool = False, sync: str = "NORMAL",
               upgrade: bool = False) -> SQLiteStore:
    return SQLiteStore(path, readonly=readonly, sync=sync, upgrade=upgrade)
