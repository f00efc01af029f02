"""The facts of ``Analysis`` one at a time, for exports of stores too big to aggregate in memory.

``Analysis.all_relations/all_events/all_claims`` build every fact (with its supports and evidence) before the
first is used: hundreds of MB at 10,000 reports. Here SQLite sorts the per-report records by their group key and
each group becomes a fact as soon as its last record is read, with the same builders (``analysis.relation_fact``
and friends), so the facts are the same dicts. What is held is bounded by the store's canonical entities (their
names) and documents (``Sources``), not by its facts:

- relations are grouped by (canonical subject, predicate, canonical object), ``associate`` normalised in SQL,
  and sorted by their fact id (a hash of the three, an SQL function);
- events by ``event_clusters.cluster`` (the fact id); a store whose clusters are incomplete falls back to the
  in-memory clustering (``Analysis.all_events``);
- claims by ``claim_groups.grp`` (the fact id), kept by the refresh (``claim_groups``); same fallback.

So every stream yields its facts in id order, like ``all_*``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from itertools import groupby
from typing import Any

from dossier.analyze.analysis import (
    SYMMETRIC,
    Analysis,
    Fact,
    claim_fact,
    event_fact,
    event_support,
    relation_fact,
    relation_support,
)
from dossier.model import stable_id
from dossier.model.canonical import canonical_name, cluster_type

Ref = dict[str, Any]


class Refs:
    """Canonical entity id → (id, name, type) as ``SQLiteStore.entities`` names them, built by one ordered scan."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.by_id: dict[str, tuple[str, str]] = {}
        rows = conn.execute(
            "SELECT l.entity, le.name, le.type FROM entity_links l JOIN local_entities le ON le.id = l.local_entity "
            "JOIN documents d ON d.id = le.document AND d.is_current = 1 ORDER BY l.entity, d.source, le.id")
        for eid, members in groupby(rows, key=lambda r: str(r[0])):
            names, types = zip(*((r[1], r[2]) for r in members), strict=True)
            type_ = cluster_type(list(types))
            self.by_id[eid] = (canonical_name(list(names), type_), type_)

    def canonical(self, entity: str | None, local: str | None) -> Ref | None:
        """The ref of a linked local entity (``entity`` its canonical id), else a "?" ref on the local id."""
        if entity is not None and entity in self.by_id:
            name, type_ = self.by_id[entity]
            return {"id": entity, "name": name, "type": type_}
        return {"id": local, "name": "?", "type": "?"} if local else None

    def local(self, local: str | None) -> Ref | None:
        """The ref of a local entity id, looked up in ``entity_links`` (one indexed read)."""
        if not local:
            return None
        row = self.conn.execute("SELECT entity FROM entity_links WHERE local_entity = ?", (local,)).fetchone()
        return self.canonical(row[0] if row else None, local)


def _missing(conn: sqlite3.Connection, table: str, table_key: str, derived: str, derived_key: str) -> bool:
    return conn.execute(
        f"SELECT 1 FROM {table} x JOIN documents d ON d.id = x.document AND d.is_current = 1 "
        f"WHERE NOT EXISTS (SELECT 1 FROM {derived} y WHERE y.{derived_key} = x.{table_key}) LIMIT 1"
    ).fetchone() is not None


def relations(a: Analysis) -> Iterator[Fact]:
    conn, sources = a.store.conn, a.sources
    refs = Refs(conn)
    # the fact id computed in SQL, so SQLite sorts the records by it: facts come in id order, as all_relations
    conn.create_function("dossier_relation_id", 3, lambda x, p, y: stable_id("rel", x, p, y), deterministic=True)
    sym = ",".join("?" * len(SYMMETRIC))
    swap = f"predicate IN ({sym}) AND o < s"
    rows = conn.execute(
        f"SELECT *, dossier_relation_id(ka, predicate, kb) AS fid FROM (SELECT *, "
        f"CASE WHEN {swap} THEN o ELSE s END AS ka, CASE WHEN {swap} THEN s ELSE o END AS kb FROM ("
        "SELECT r.id, r.document, r.predicate, r.role, r.attribution, r.modality, r.evidence, "
        "ls.entity AS s_ent, r.subject, lo.entity AS o_ent, r.object, "
        "COALESCE(ls.entity, r.subject) AS s, COALESCE(lo.entity, r.object) AS o "
        "FROM relations r JOIN documents d ON d.id = r.document AND d.is_current = 1 "
        "LEFT JOIN entity_links ls ON ls.local_entity = r.subject "
        "LEFT JOIN entity_links lo ON lo.local_entity = r.object)) "
        "ORDER BY fid, ka, predicate, kb, id", (*sorted(SYMMETRIC), *sorted(SYMMETRIC)))
    for (_fid, ka, pred, kb), members in groupby(rows, key=lambda r: (r["fid"], r["ka"], r["predicate"], r["kb"])):
        sups, ends = [], {}
        for r in members:
            s, o = refs.canonical(r["s_ent"], r["subject"]), refs.canonical(r["o_ent"], r["object"])
            assert s is not None and o is not None
            ends[s["id"]], ends[o["id"]] = s, o
            sups.append(relation_support(sources, {
                "id": r["id"], "document": r["document"], "modality": r["modality"], "role": r["role"],
                "attribution": r["attribution"], "evidence": json.loads(r["evidence"])}))
        yield relation_fact(sources, ends[ka], pred, ends[kb], sups)


def events(a: Analysis) -> Iterator[Fact]:
    conn, sources = a.store.conn, a.sources
    if _missing(conn, "events", "id", "event_clusters", "event"):
        yield from a.all_events()  # clusters not stored (a read-only store filled before they were): in memory
        return
    refs = Refs(conn)
    rows = conn.execute(
        "SELECT e.id, e.document, e.type, e.label, e.date, e.date_granularity, e.place, e.participants, "
        "e.trigger_text, e.attribution, e.modality, e.evidence, c.cluster FROM events e "
        "JOIN documents d ON d.id = e.document AND d.is_current = 1 JOIN event_clusters c ON c.event = e.id "
        "ORDER BY c.cluster, e.id")
    for cluster, members in groupby(rows, key=lambda r: str(r["cluster"])):
        sups = [event_support(sources, {
            "id": e["id"], "document": e["document"], "type": e["type"], "label": e["label"], "date": e["date"],
            "date_granularity": e["date_granularity"], "place": refs.local(e["place"]),
            "participants": [{"entity": refs.local(p["entity"]), "role": p["role"]}
                             for p in json.loads(e["participants"])],
            "trigger": e["trigger_text"], "attribution": e["attribution"], "modality": e["modality"],
            "evidence": json.loads(e["evidence"])}) for e in members]
        yield event_fact(sources, cluster, sups)


def claims(a: Analysis) -> Iterator[Fact]:
    conn, sources = a.store.conn, a.sources
    if _missing(conn, "claims", "id", "claim_groups", "claim"):
        yield from a.all_claims()  # groups not stored (a store filled before the refresh kept them): in memory
        return
    refs = Refs(conn)
    rows = conn.execute(
        "SELECT k.id, k.document, k.source, k.source_entity, l.entity AS src, k.modality, k.cue, k.prop_text, "
        "k.ev_start, k.ev_end, k.ev_text, g.grp FROM claims k "
        "JOIN documents d ON d.id = k.document AND d.is_current = 1 JOIN claim_groups g ON g.claim = k.id "
        "LEFT JOIN entity_links l ON l.local_entity = k.source_entity ORDER BY g.grp, k.document, k.id")
    for grp, members in groupby(rows, key=lambda r: str(r["grp"])):
        records = [({"id": k["id"], "document": k["document"], "source": k["source"],
                     "source_entity": refs.canonical(k["src"], k["source_entity"]), "modality": k["modality"],
                     "cue": k["cue"], "proposition": k["prop_text"]},
                    [{"document": k["document"], "start": k["ev_start"], "end": k["ev_end"], "text": k["ev_text"]}])
                   for k in members]
        yield claim_fact(sources, grp, records)
