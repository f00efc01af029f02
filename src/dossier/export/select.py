"""The one read path of every export format, so that the filters mean the same thing in each of them.

A ``Selection`` applies ``ExportFilters`` to the aggregated facts (relations, events, claims with their
supports) and hands out documents, entities, mentions and facts as iterators in a fixed order, so the same
store always gives byte-identical files. It guarantees *closure*: every entity a yielded fact names is yielded by
``entities()`` and every document a support names is yielded by ``documents()`` — graph formats and Neo4j's
importer reject dangling endpoints. Everything is streamed: documents and mentions from SQLite row by row, facts
from ``Analysis.iter_*`` (docs/corroboration.md, "Streaming"), so memory does not grow with the facts. Closure
costs nothing unfiltered (all entities, all documents, and an SQL pass for unresolved ones); a filtered export
makes one extra pass over the facts keeping only entity and document ids (and, for ``around``, entity pairs).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dossier.exc import UsageError
from dossier.model.dates import bounds
from dossier.model.names import name_key
from dossier.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from dossier.export.screening import ExportHit

Fact = dict[str, Any]
FACT_KINDS = ("relations", "events", "claims")


@dataclass(frozen=True, slots=True)
class ExportFilters:
    """Filters shared by every format (docs/formats/README.md). ``None``/empty means "no filter"."""

    entity_types: frozenset[str] | None = None
    predicates: frozenset[str] | None = None
    event_types: frozenset[str] | None = None
    modalities: frozenset[str] | None = None
    min_sources: int = 0
    date_from: str | None = None
    date_to: str | None = None
    around: tuple[str, ...] = ()
    hops: int = 1

    def restricts_facts(self) -> bool:
        """Whether any filter other than the entity types is set (entities then follow the selected facts)."""
        return bool(self.predicates or self.event_types or self.modalities or self.min_sources > 0
                    or self.date_from or self.date_to or self.around)

    def active(self) -> bool:
        return self.restricts_facts() or bool(self.entity_types)


def _entity_refs(fact: Fact, kind: str) -> list[str]:
    """The canonical entity ids a fact names."""
    if kind == "relations":
        return [fact["subject"]["id"], fact["object"]["id"]]
    if kind == "events":
        ids = [p["entity"]["id"] for p in fact["participants"]]
        return ids + ([fact["place"]["id"]] if fact.get("place") else [])
    return [fact["source_entity"]["id"]] if fact.get("source_entity") else []


def _interval(lo: str | None, hi: str | None) -> tuple[dt.date, dt.date] | None:
    """The days covered from ``lo`` to ``hi`` (ISO values of any granularity), None when neither parses."""
    a = bounds(lo) if lo else None
    b = bounds(hi) if hi else None
    if a is None and b is None:
        return None
    return (a or b)[0], (b or a)[1]  # type: ignore[index]


class Selection:
    """The filtered graph of an open store (see the module docstring for the guarantees)."""

    def __init__(self, store: SQLiteStore, filters: ExportFilters | None = None) -> None:
        self.store = store
        self.filters = filters or ExportFilters()
        self._range = self._parse_range()
        self._named_ids: tuple[dict[str, dict[str, Any]], set[str]] | None = None
        self._near: tuple[set[str], set[str]] | None = None
        self._entity_types: dict[str, str] | None = None
        self._entity_ids: list[str] | None = None
        self._documents: set[str] | None = None
        self._placeholders: dict[str, dict[str, Any]] = {}
        self._analysis: Any = None
        self._screening: dict[str, list[ExportHit]] | None = None
        self._fixes: tuple[Any, dict[str, Any], dict[str, str]] | None = None
        self.keep_rejected = False  # STIX keeps a rejected fact and says so with an opinion on it
        self._seed_ids: set[str] = self._seeds() if self.filters.around else set()  # fail early on unknown names

    # -- public iterators --------------------------------------------------------------------------
    def documents(self) -> Iterator[dict[str, Any]]:
        """Documents in the json_export shape, by id; only those supporting selected facts when filtered."""
        from dossier.store.pages import authors

        wanted = self._selected_documents()
        written_by = authors(self.store)
        cursor = self.store.conn.execute(
            "SELECT id, source, title, published, published_inferred, publisher, dateline_place, media_type, "
            "version, previous FROM documents WHERE is_current = 1 ORDER BY id")
        corr = self._corrections()[0]
        for r in cursor:
            if wanted is not None and r["id"] not in wanted:
                continue
            fix = corr.documents.get(r["source"], {}) if corr else {}
            yield {
                "id": r["id"], "source": r["source"], "title": fix.get("title", r["title"]),
                "published": fix.get("published", r["published"]),
                "published_inferred": bool(r["published_inferred"]) and "published" not in fix,
                "publisher": fix.get("publisher", r["publisher"]),
                "dateline_place": r["dateline_place"], "media_type": r["media_type"], "version": r["version"],
                "previous_version": r["previous"],
                **({"author": written_by[r["id"]]} if r["id"] in written_by else {}),
            }

    def entities(self) -> Iterator[dict[str, Any]]:
        """Canonical entities by id: all of them (of the chosen types) unless facts are filtered, in which case
        those the selected facts name (and the ``around`` seeds)."""
        wanted = self._selected_entity_ids()  # sorted ids; the store streams its entities in id order too
        rows = self.store.iter_entities()
        row = next(rows, None)
        for eid in wanted:
            while row is not None and row.id < eid:
                row = next(rows, None)
            if row is None or row.id != eid:
                yield self._placeholders[eid]
                continue
            row = self._corrections()[1].get(row.id, row)  # the analyst's chosen name and type
            yield {"id": row.id, "type": row.type, "name": row.name, "aliases": list(row.aliases),
                   "attributes": dict(row.attributes), "n_documents": row.n_documents}

    def mentions(self) -> Iterator[dict[str, Any]]:
        """Mentions of the selected entities in the selected documents, by (entity, document, start)."""
        entities = set(self._selected_entity_ids())
        documents = self._selected_documents()
        cursor = self.store.conn.execute(
            "SELECT l.entity, m.document, m.start, m.end, m.text, s.start AS s_start, s.end AS s_end "
            "FROM mentions m JOIN entity_links l ON l.local_entity = m.entity "
            "JOIN documents d ON d.id = m.document AND d.is_current = 1 "
            "LEFT JOIN sentences s ON s.document = m.document AND s.idx = m.sentence "
            "ORDER BY l.entity, m.document, m.start, m.end, m.id")
        for r in cursor:
            if r["entity"] not in entities or documents is not None and r["document"] not in documents:
                continue
            yield {"entity": r["entity"], "document": r["document"], "start": r["start"], "end": r["end"],
                   "text": r["text"], "sentence_start": r["s_start"], "sentence_end": r["s_end"]}

    def relations(self) -> Iterator[Fact]:
        """Selected relation facts, by (subject, predicate, object)."""
        yield from self._selected("relations")

    def events(self) -> Iterator[Fact]:
        """Selected event facts, by id."""
        yield from self._selected("events")

    def claims(self) -> Iterator[Fact]:
        """Selected claim facts, by id."""
        yield from self._selected("claims")

    def screening(self) -> dict[str, list[ExportHit]]:
        """Watchlist hits not rejected, by canonical entity id (read once; docs/screening.md). Writers look
        them up by the ids ``entities()`` yields, so a filtered export carries only its entities' hits."""
        if self._screening is None:
            from dossier.export.screening import export_hits

            self._screening = export_hits(self.store)
        return self._screening

    def document_text(self, doc_id: str) -> str:
        text = self.store.document_text(doc_id)
        if text is None:
            raise KeyError(doc_id)
        return text

    # -- selection ---------------------------------------------------------------------------------
    def _parse_range(self) -> tuple[dt.date, dt.date] | None:
        f = self.filters
        if not (f.date_from or f.date_to):
            return None
        for value in (f.date_from, f.date_to):
            if value and bounds(value) is None:
                raise UsageError(f"not an ISO date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        lo = bounds(f.date_from)[0] if f.date_from else dt.date.min  # type: ignore[index]
        hi = bounds(f.date_to)[1] if f.date_to else dt.date.max  # type: ignore[index]
        return lo, hi

    def _rows(self) -> dict[str, str]:
        """Canonical entity id → type (the whole rows are streamed by ``entities()``, not kept)."""
        if self._entity_types is None:
            self._entity_types = {e.id: e.type for e in self.store.iter_entities()}
        return self._entity_types

    def _type_ok(self, ref: dict[str, Any] | None) -> bool:
        types = self.filters.entity_types
        if not types or ref is None:
            return True
        return self._rows().get(ref["id"], ref.get("type")) in types

    def _in_range(self, span: tuple[dt.date, dt.date] | None) -> bool:
        if self._range is None:
            return True
        return span is not None and span[1] >= self._range[0] and span[0] <= self._range[1]

    def _keep(self, fact: Fact, kind: str) -> bool:
        """The fact-level filters (everything but ``around``)."""
        f = self.filters
        if f.modalities and fact["modality"] not in f.modalities:
            return False
        if fact.get("independent_sources", 1) < f.min_sources:
            return False
        if kind == "relations":
            if f.predicates and fact["predicate"] not in f.predicates:
                return False
            if not (self._type_ok(fact["subject"]) and self._type_ok(fact["object"])):
                return False
            return self._in_range(_interval(fact.get("first_seen"), fact.get("last_seen")))
        if kind == "events":
            if f.event_types and fact["type"] not in f.event_types:
                return False
            return self._in_range(_interval(fact.get("date"), fact.get("date")))
        published = [s.get("published") for s in fact["supports"] if s.get("published")]
        return self._range is None or any(self._in_range(_interval(p, p)) for p in published)

    def _trim(self, fact: Fact, kind: str) -> Fact | None:
        """Drop participants, places and claim sources of types not selected; an event left with no entity of
        a selected type is dropped (it would hang in the air in a graph of those types)."""
        if not self.filters.entity_types or kind == "relations":
            return fact
        if kind == "events":
            parts = [p for p in fact["participants"] if self._type_ok(p["entity"])]
            place = fact["place"] if fact.get("place") and self._type_ok(fact["place"]) else None
            if not parts and place is None:
                return None
            return {**fact, "participants": parts, "place": place}
        if fact.get("source_entity") and not self._type_ok(fact["source_entity"]):
            return {**fact, "source_entity": None}
        return fact

    def _selected(self, kind: str, *, around: bool = True) -> Iterator[Fact]:
        """The facts of one kind that pass the filters (``around`` too unless told not to), streamed."""
        near = self._around_sets() if around and self.filters.around else None
        for fact in self._all_facts(kind):
            if not self._keep(fact, kind):
                continue
            trimmed = self._trim(fact, kind)
            if trimmed is None or near is not None and not self._in_around(trimmed, kind, *near):
                continue
            yield trimmed

    def _all_facts(self, kind: str) -> Iterator[Fact]:
        """The aggregated facts of one kind, streamed: ``dossier.analyze`` when it is installed, else one fact per
        per-document record (one support each) so the exports work before cross-document analysis exists."""
        if self._analysis is None:
            try:
                from dossier.analyze import Analysis  # type: ignore[attr-defined,unused-ignore]
            except ImportError:
                self._analysis = False
            else:
                self._analysis = Analysis(self.store)
        if self._analysis is False:
            return iter(sorted(_per_document_facts(self.store, kind), key=lambda x: str(x["id"])))
        facts: Iterator[Fact] = getattr(self._analysis, f"iter_{kind}")()
        corr, renamed, place_of = self._corrections()
        if not corr:
            return facts
        from dossier.resolve.corrections import apply_to_fact

        drop = not self.keep_rejected
        return (g for g in (apply_to_fact(f, corr, renamed, place_of, drop_rejected=drop) for f in facts)
                if g is not None)

    def _corrections(self) -> tuple[Any, dict[str, Any], dict[str, str]]:
        """The analyst's corrections in force (docs/web.md, Corrections): rejected facts are left out, event
        dates and places, entity names and types and report metadata are the corrected ones. ``(None, {}, {})``
        for a store without any, so its exports are unchanged."""
        if self._fixes is None:
            from dossier.resolve.corrections import Corrections, entity_fixes

            corr = Corrections.load(self.store) if self.store.has_table("analyst_corrections") else None
            if corr:
                _, renamed, place_of = entity_fixes(corr, self.store.entities())
                self._fixes = (corr, renamed, place_of)
            else:
                self._fixes = (None, {}, {})
        return self._fixes

    def _seeds(self) -> set[str]:
        seeds: set[str] = set()
        for name in self.filters.around:
            found = [e for e in self.store.find_entities(name) if self._type_ok({"id": e.id, "type": e.type})]
            if not found:
                raise UsageError(f"--around: no entity named {name!r} (see `dossier entities`)")
            seeds.update(e.id for e in found)
        return seeds

    def _around_sets(self) -> tuple[set[str], set[str]]:
        """The entities within ``hops`` steps of the seeds, a step being a selected relation or taking part in
        the same selected event (one pass over those facts, keeping entity pairs only); and the name keys of the
        seeds, for claims whose proposition names one."""
        if self._near is None:
            seeds = self._seed_ids
            edges: dict[str, set[str]] = {}
            for kind in ("relations", "events"):
                for fact in self._selected(kind, around=False):
                    ids = set(_entity_refs(fact, kind))
                    for a in ids:
                        edges.setdefault(a, set()).update(ids - {a})
            near, frontier = set(seeds), set(seeds)
            for _ in range(max(self.filters.hops, 0)):
                frontier = {b for a in frontier for b in edges.get(a, ())} - near
                near |= frontier
            keys = {name_key(n) for e in seeds if (row := self.store.entity(e)) for n in (row.name, *row.aliases)}
            keys.discard("")
            self._near = near, keys
        return self._near

    @staticmethod
    def _in_around(fact: Fact, kind: str, near: set[str], keys: set[str]) -> bool:
        """Relations and events whose entities are all near; claims whose source is, or that name a seed."""
        if kind != "claims":
            return set(_entity_refs(fact, kind)) <= near
        src = fact.get("source_entity")
        if src and src["id"] in near:
            return True
        prop = name_key(str(fact["proposition"]))
        return any(k in prop for k in keys)

    def _named(self) -> tuple[dict[str, dict[str, Any]], set[str]]:
        """The entities (id → ref) and documents the selected facts name: one pass over them, ids only."""
        if self._named_ids is None:
            named: dict[str, dict[str, Any]] = {}
            docs: set[str] = set()
            rows = self._rows()
            for kind in FACT_KINDS:
                for fact in self._selected(kind):
                    for ref in _refs(fact, kind):
                        if ref["id"] not in named:  # the ref itself only for placeholders
                            named[ref["id"]] = {} if ref["id"] in rows else dict(ref)
                    docs.update(s["document"] for s in fact["supports"])
            self._named_ids = named, docs
        return self._named_ids

    def _selected_entity_ids(self) -> list[str]:
        if self._entity_ids is None:
            rows = self._rows()
            if self.filters.restricts_facts():
                named = self._named()[0]
                ids = set(named) | self._seed_ids
            else:  # every entity of the chosen types; with no type filter, also the unresolved ones facts name
                ids = {e for e, type_ in rows.items() if self._type_ok({"id": e, "type": type_})}
                named = {} if self.filters.entity_types else {x: {"id": x, "name": "?", "type": "?"}
                                                               for x in _unresolved(self.store)}
                ids |= set(named)
            for eid in ids - set(rows):  # named by a fact but not resolved: keep the graph closed
                ref = named[eid]
                self._placeholders[eid] = {"id": eid, "type": ref.get("type") or "unknown",
                                           "name": ref.get("name") or eid, "aliases": [], "attributes": {},
                                           "n_documents": 0}
            self._entity_ids = sorted(ids)
        return self._entity_ids

    def _selected_documents(self) -> set[str] | None:
        """None means "all current documents"."""
        if not self.filters.active():
            return None
        if self._documents is None:
            self._documents = self._named()[1]
        return self._documents


def _unresolved(store: SQLiteStore) -> set[str]:
    """Local entities of current documents that facts name but entity resolution has not linked (SQL, ids only)."""
    cur = "JOIN documents d ON d.id = x.document AND d.is_current = 1"
    rows = store.conn.execute(
        f"SELECT u FROM (SELECT x.subject AS u FROM relations x {cur} UNION SELECT x.object FROM relations x {cur} "
        f"UNION SELECT x.place FROM events x {cur} UNION SELECT x.source_entity FROM claims x {cur} "
        f"UNION SELECT json_extract(j.value, '$.entity') FROM events x {cur}, json_each(x.participants) j) "
        "WHERE u IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entity_links l WHERE l.local_entity = u)")
    return {str(r[0]) for r in rows}


def _refs(fact: Fact, kind: str) -> Iterable[dict[str, Any]]:
    if kind == "relations":
        return [fact["subject"], fact["object"]]
    if kind == "events":
        return [p["entity"] for p in fact["participants"]] + ([fact["place"]] if fact.get("place") else [])
    return [fact["source_entity"]] if fact.get("source_entity") else []


def _per_document_facts(store: SQLiteStore, kind: str) -> list[Fact]:
    from dossier.store.facts import Facts

    facts = Facts(store)
    docs = {r["id"]: r for r in store.query(
        "SELECT id, source, title, publisher, published FROM documents WHERE is_current = 1")}

    def support(rec: dict[str, Any], evidence: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
        d = docs[rec["document"]]
        return {"record": rec["id"], "document": d["id"], "source": d["source"], "title": d["title"],
                "publisher": d["publisher"], "published": d["published"], "origin": d["id"],
                "modality": rec["modality"], "attribution": rec.get("attribution"), "evidence": evidence, **extra}

    def graded(rec: dict[str, Any], sup: dict[str, Any], **fields: Any) -> Fact:
        return {"id": rec["id"], **fields, "modality": rec["modality"], "supports": [sup], "documents": 1,
                "independent_sources": 1, "grade": None, "confidence": None,
                "grade_reason": "one report (cross-document analysis not available)"}

    if kind == "relations":
        return [graded(r, support(r, r["evidence"], role=r["role"]), subject=r["subject"],
                       predicate=r["predicate"], object=r["object"], roles=[r["role"]] if r["role"] else [],
                       first_seen=docs[r["document"]]["published"], last_seen=docs[r["document"]]["published"])
                for r in facts.relations()]
    if kind == "events":
        return [graded(e, support(e, e["evidence"], date=e["date"], place=e["place"],
                                  participants=e["participants"]),
                       type=e["type"], label=e["label"], date=e["date"], date_granularity=e["date_granularity"],
                       place=e["place"], participants=e["participants"])
                for e in facts.events()]
    out = []
    for k in facts.claims():
        row = store.query("SELECT ev_start, ev_end FROM claims WHERE id = ?", (k["id"],))[0]
        evidence = [{"document": k["document"], "start": row["ev_start"], "end": row["ev_end"],
                     "text": k["evidence"]}]
        out.append(graded(k, support({**k, "attribution": k["source"]}, evidence, cue=k["cue"]),
                          source=k["source"], source_entity=k["source_entity"], proposition=k["proposition"],
                          cue=k["cue"]))
    return out


def record_ids(selection: Selection) -> set[str]:
    """The per-report record ids (relations, events, claims rows) behind the selected facts."""
    return {s["record"] for kind in FACT_KINDS for fact in getattr(selection, kind)() for s in fact["supports"]}


def dumps(item: Any) -> str:
    """Compact, key-sorted JSON for nested values in flat formats (CSV cells, GraphML attributes)."""
    return json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
