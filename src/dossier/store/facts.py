"""Read-side queries for relations, events and claims, with canonical entity names resolved.

Kept apart from ``sqlite.py`` (writes, lifecycle, entities) so each module has one job. Every value is bound as a
parameter; filters that are awkward in SQL (date overlap on ISO intervals) are applied in Python on the rows.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from dossier.model.dates import bounds
from dossier.store.sqlite import SQLiteStore


@dataclass(frozen=True, slots=True)
class EntityRef:
    id: str
    name: str
    type: str


def _only(column: str, ids: Collection[str] | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause keeping the rows whose ``column`` is one of ``ids`` (all rows when None), and its argument."""
    if ids is None:
        return "", ()
    return f"WHERE {column} IN (SELECT value FROM json_each(?)) ", (json.dumps(sorted(ids)),)


class Facts:
    """Relations, events and claims over current documents, named by canonical entities."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        self._refs: dict[str, EntityRef] | None = None

    def refs(self) -> dict[str, EntityRef]:
        """local entity id → canonical entity (id, name, type)."""
        if self._refs is None:
            refs: dict[str, EntityRef] = {}
            for e in self.store.entities():
                for local in e.local_ids:
                    refs[local] = EntityRef(e.id, e.name, e.type)
            self._refs = refs
        return self._refs

    def _ref(self, local: str | None) -> dict[str, Any] | None:
        if not local:
            return None
        r = self.refs().get(local)
        return {"id": r.id, "name": r.name, "type": r.type} if r else {"id": local, "name": "?", "type": "?"}

    def _locals_named(self, name: str | None) -> set[str] | None:
        if not name:
            return None
        return {local for e in self.store.find_entities(name) for local in e.local_ids}

    def relations(self, name: str | None = None, predicate: str | None = None, modality: str | None = None,
                  local_ids: set[str] | None = None) -> list[dict[str, Any]]:
        wanted = local_ids if local_ids is not None else self._locals_named(name)
        out = []
        where, args = "", ()  # type: tuple[str, tuple[str, ...]]
        if local_ids is not None:  # selected in SQL: the web index's patch reads the relations of a few entities
            where = ("WHERE r.subject IN (SELECT value FROM json_each(?1)) "
                     "OR r.object IN (SELECT value FROM json_each(?1)) ")
            args = (json.dumps(sorted(local_ids)),)
        for r in self.store.query(
            "SELECT r.*, d.source FROM relations r JOIN documents d ON d.id = r.document AND d.is_current = 1 "
            f"{where}ORDER BY d.source, r.id", args
        ):
            if wanted is not None and r["subject"] not in wanted and r["object"] not in wanted:
                continue
            if predicate and r["predicate"] != predicate or modality and r["modality"] != modality:
                continue
            out.append({
                "id": r["id"], "subject": self._ref(r["subject"]), "predicate": r["predicate"],
                "object": self._ref(r["object"]), "role": r["role"], "attribution": r["attribution"],
                "modality": r["modality"], "document": r["document"], "source": r["source"],
                "evidence": json.loads(r["evidence"]),
            })
        return out

    def events(self, *, date_from: str | None = None, date_to: str | None = None, place: str | None = None,
               participant: str | None = None, type_: str | None = None,
               involving: set[str] | None = None, records: Collection[str] | None = None) -> list[dict[str, Any]]:
        """Events, filtered; ``involving`` keeps those where these local entities take part or are the place;
        ``records`` only these event records (selected in SQL: the web index's patch reads a few)."""
        places = self._locals_named(place)
        people = self._locals_named(participant)
        lo = bounds(date_from) if date_from else None
        hi = bounds(date_to) if date_to else None
        out = []
        only, args = _only("e.id", records)
        for e in self.store.query(
            "SELECT e.*, d.source FROM events e JOIN documents d ON d.id = e.document AND d.is_current = 1 "
            f"{only}ORDER BY e.date IS NULL, e.date, d.source, e.trigger_start", args
        ):
            parts = json.loads(e["participants"])
            if type_ and e["type"] != type_:
                continue
            if places is not None and e["place"] not in places:
                continue
            if people is not None and not {p["entity"] for p in parts} & people:
                continue
            if involving is not None and not ({p["entity"] for p in parts} | {e["place"]}) & involving:
                continue
            if lo or hi:
                span = bounds(e["date"]) if e["date"] else None
                if span is None or (lo and span[1] < lo[0]) or (hi and span[0] > hi[1]):
                    continue
            out.append({
                "id": e["id"], "type": e["type"], "label": e["label"], "date": e["date"],
                "date_granularity": e["date_granularity"], "date_inferred": bool(e["date_inferred"]),
                "place": self._ref(e["place"]),
                "participants": [{"entity": self._ref(p["entity"]), "role": p["role"]} for p in parts],
                "trigger": e["trigger_text"], "attribution": e["attribution"], "modality": e["modality"],
                "document": e["document"], "source": e["source"], "evidence": json.loads(e["evidence"]),
            })
        return out

    def claims(self, *, source: str | None = None, modality: str | None = None,
               text: str | None = None, records: Collection[str] | None = None) -> list[dict[str, Any]]:
        out = []
        only, args = _only("k.id", records)
        for k in self.store.query(
            "SELECT k.*, d.source AS doc_source FROM claims k JOIN documents d ON d.id = k.document "
            f"AND d.is_current = 1 {only}ORDER BY d.source, k.ev_start, k.prop_start", args
        ):
            if source and source.casefold() not in k["source"].casefold():
                continue
            if modality and k["modality"] != modality:
                continue
            if text and text.casefold() not in k["prop_text"].casefold():
                continue
            out.append({
                "id": k["id"], "source": k["source"], "source_entity": self._ref(k["source_entity"]),
                "modality": k["modality"], "cue": k["cue"], "proposition": k["prop_text"],
                "evidence": k["ev_text"], "document": k["document"], "doc_source": k["doc_source"],
            })
        return out
