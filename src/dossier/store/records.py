"""Reading what was extracted from each current report: relations, events (with their details) and claims as
the ``model`` records they were written as, the entity links, and which local entities each record names.

Records come one at a time in id order, so an export streams them and the same store always gives the same
bytes. Local entity ids are as extracted; ``entity_links`` maps them to canonical entities.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from dossier.model import Claim, Event, EventCount, Modality, Participant, Relation, Span
from dossier.model.views import EventRecord
from dossier.store.sqlite import SQLiteStore

_CURRENT = "JOIN documents d ON d.id = {x}.document AND d.is_current = 1"


def _spans(value: str) -> tuple[Span, ...]:
    return tuple(_span(s) for s in json.loads(value))


def _span(s: dict[str, Any]) -> Span:
    return Span(s["document"], s["start"], s["end"], s["text"])


def entity_links(store: SQLiteStore) -> dict[str, str]:
    """local entity id → canonical entity id."""
    return {r[0]: r[1] for r in store.conn.execute("SELECT local_entity, entity FROM entity_links")}


def relations(store: SQLiteStore) -> Iterator[Relation]:
    """The relation records of the current reports, by id."""
    for r in store.conn.execute(f"SELECT r.* FROM relations r {_CURRENT.format(x='r')} ORDER BY r.id"):
        yield Relation(r["id"], r["document"], r["subject"], r["predicate"], r["object"], r["role"],
                       _spans(r["evidence"]), r["attribution"], Modality(r["modality"]), r["extractor"])


def _event(e: sqlite3.Row) -> EventRecord:
    detailed = e["category"] is not None  # stores written before v5 have no details for their events
    counts = tuple(EventCount(c["kind"], c["value"], c["qualifier"], _span(c["evidence"]))
                   for c in json.loads(e["counts"])) if detailed else ()
    event = Event(
        e["id"], e["document"], e["type"], e["label"],
        Span(e["document"], e["trigger_start"], e["trigger_end"], e["trigger_text"]), e["date"],
        e["date_granularity"], bool(e["date_inferred"]), e["place"],
        tuple(Participant(p["entity"], p["role"]) for p in json.loads(e["participants"])),
        _spans(e["evidence"]), e["attribution"], Modality(e["modality"]), e["extractor"],
        **({"category": e["category"], "lemma": e["lemma"], "mentions": _spans(e["mentions"]), "counts": counts}
           if detailed else {}))
    return EventRecord(event, detailed)


def events(store: SQLiteStore) -> Iterator[EventRecord]:
    """The event records of the current reports with their details (CAMEO category, mentions, counts), by id."""
    for e in store.conn.execute(
        f"SELECT e.*, x.category, x.lemma, x.mentions, x.counts FROM events e {_CURRENT.format(x='e')} "
        "LEFT JOIN event_details x ON x.event = e.id ORDER BY e.id"
    ):
        yield _event(e)


def claims(store: SQLiteStore) -> Iterator[Claim]:
    """The claim records of the current reports, by id."""
    for k in store.conn.execute(f"SELECT k.* FROM claims k {_CURRENT.format(x='k')} ORDER BY k.id"):
        yield Claim(k["id"], k["document"], Span(k["document"], k["prop_start"], k["prop_end"], k["prop_text"]),
                    k["source"], k["source_entity"], Modality(k["modality"]), k["cue"],
                    Span(k["document"], k["ev_start"], k["ev_end"], k["ev_text"]), k["extractor"])


def named_locals(store: SQLiteStore) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(record id, the local entities it names) for every relation, event and claim record of any version."""
    for r in store.conn.execute("SELECT id, subject, object FROM relations"):
        yield r["id"], (r["subject"], r["object"])
    for e in store.conn.execute("SELECT id, place, participants FROM events"):
        named = [p["entity"] for p in json.loads(e["participants"])] + ([e["place"]] if e["place"] else [])
        yield e["id"], tuple(named)
    for k in store.conn.execute("SELECT id, source_entity FROM claims WHERE source_entity IS NOT NULL"):
        yield k["id"], (k["source_entity"],)


def unresolved_locals(store: SQLiteStore) -> set[str]:
    """Local entities of current reports that records name but entity resolution has not linked (ids only)."""
    cur = "JOIN documents d ON d.id = x.document AND d.is_current = 1"
    rows = store.conn.execute(
        f"SELECT u FROM (SELECT x.subject AS u FROM relations x {cur} UNION SELECT x.object FROM relations x {cur} "
        f"UNION SELECT x.place FROM events x {cur} UNION SELECT x.source_entity FROM claims x {cur} "
        f"UNION SELECT json_extract(j.value, '$.entity') FROM events x {cur}, json_each(x.participants) j) "
        "WHERE u IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entity_links l WHERE l.local_entity = u)")
    return {str(r[0]) for r in rows}
