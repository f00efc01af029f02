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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from dossier.exc import UsageError
from dossier.model.dates import bounds
from dossier.model.facts import ClaimFact, EntityRef, EventFact, Fact, RelationFact, fact_entities
from dossier.model.names import name_key
from dossier.store import documents as store_documents
from dossier.store import mentions as store_mentions
from dossier.store import records as store_records
from dossier.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from dossier.analyze.analysis import Analysis
    from dossier.export.records import Records
    from dossier.export.screening import ExportHit

FACT_KINDS = ("relations", "events", "claims")
F = TypeVar("F", RelationFact, EventFact, ClaimFact)


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


def _entity_refs(fact: Fact) -> list[str]:
    """The canonical entity ids a fact names."""
    return [r.id for r in fact_entities(fact)]


def _interval(lo: str | None, hi: str | None) -> tuple[dt.date, dt.date] | None:
    """The days covered from ``lo`` to ``hi`` (ISO values of any granularity), None when neither parses."""
    a = bounds(lo) if lo else None
    b = bounds(hi) if hi else None
    if a is None and b is None:
        return None
    return (a or b)[0], (b or a)[1]  # type: ignore[index]


class SelectionLike(Protocol):
    """What the FtM and STIX writers read: a ``Selection``, or a stand-in written for a test."""

    def documents(self) -> Iterator[dict[str, Any]]: ...
    def entities(self) -> Iterator[dict[str, Any]]: ...
    def mentions(self) -> Iterator[dict[str, Any]]: ...
    def relations(self) -> Iterator[RelationFact]: ...
    def events(self) -> Iterator[EventFact]: ...
    def document_text(self, doc_id: str) -> str: ...


class Selection:
    """The filtered graph of an open store (see the module docstring for the guarantees)."""

    def __init__(self, store: SQLiteStore, filters: ExportFilters | None = None) -> None:
        self.store = store
        self.filters = filters or ExportFilters()
        self._range = self._parse_range()
        self._named_ids: tuple[dict[str, EntityRef | None], set[str]] | None = None
        self._near: tuple[set[str], set[str]] | None = None
        self._entity_types: dict[str, str] | None = None
        self._entity_ids: list[str] | None = None
        self._documents: set[str] | None = None
        self._placeholders: dict[str, dict[str, Any]] = {}
        self._analysis: Analysis | None = None
        self._records: Records | None = None
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
        corr = self._corrections()[0]
        for r in store_documents.documents(self.store):
            if wanted is not None and r.id not in wanted:
                continue
            fix = corr.documents.get(r.source, {}) if corr else {}
            yield {
                "id": r.id, "source": r.source, "title": fix.get("title", r.title),
                "published": fix.get("published", r.published),
                "published_inferred": r.published_inferred and "published" not in fix,
                "publisher": fix.get("publisher", r.publisher),
                "dateline_place": r.dateline_place, "media_type": r.media_type, "version": r.version,
                "previous_version": r.previous,
                **({"author": written_by[r.id]} if r.id in written_by else {}),
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
        docs = self._selected_documents()
        for m in store_mentions.canonical_mentions(self.store):
            if m.entity not in entities or docs is not None and m.document not in docs:
                continue
            yield {"entity": m.entity, "document": m.document, "start": m.start, "end": m.end,
                   "text": m.text, "sentence_start": m.sentence_start, "sentence_end": m.sentence_end}

    def relations(self) -> Iterator[RelationFact]:
        """Selected relation facts, by (subject, predicate, object)."""
        yield from self._selected(self.analysis().iter_relations)

    def events(self) -> Iterator[EventFact]:
        """Selected event facts, by id."""
        yield from self._selected(self.analysis().iter_events)

    def claims(self) -> Iterator[ClaimFact]:
        """Selected claim facts, by id."""
        yield from self._selected(self.analysis().iter_claims)

    def facts(self) -> Iterator[Fact]:
        """Every selected fact: relations, events, claims."""
        yield from self.relations()
        yield from self.events()
        yield from self.claims()

    def screening(self) -> dict[str, list[ExportHit]]:
        """Watchlist hits not rejected, by canonical entity id (read once; docs/screening.md). Writers look
        them up by the ids ``entities()`` yields, so a filtered export carries only its entities' hits."""
        if self._screening is None:
            from dossier.export.screening import export_hits

            self._screening = export_hits(self.store)
        return self._screening

    def record_ids(self) -> set[str]:
        """The per-report record ids (relations, events, claims rows) behind the selected facts."""
        return {s.record for fact in self.facts() for s in fact.supports}

    @property
    def records(self) -> Records:
        """The per-report records behind this selection (what the JSON export writes): ``export.records``."""
        if self._records is None:
            from dossier.export.records import Records

            self._records = Records(self)
        return self._records

    def analysis(self) -> Analysis:
        """The cross-document analysis the facts come from (``dossier.analyze``), made once."""
        if self._analysis is None:
            from dossier.analyze.analysis import Analysis

            self._analysis = Analysis(self.store)
        return self._analysis

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

    def _type_ok(self, ref: EntityRef | None) -> bool:
        types = self.filters.entity_types
        if not types or ref is None:
            return True
        return self._rows().get(ref.id, ref.type) in types

    def _in_range(self, span: tuple[dt.date, dt.date] | None) -> bool:
        if self._range is None:
            return True
        return span is not None and span[1] >= self._range[0] and span[0] <= self._range[1]

    def _keep(self, fact: Fact) -> bool:
        """The fact-level filters (everything but ``around``)."""
        f = self.filters
        if f.modalities and fact.modality not in f.modalities:
            return False
        if fact.independent_sources < f.min_sources:
            return False
        if isinstance(fact, RelationFact):
            if f.predicates and fact.predicate not in f.predicates:
                return False
            if not (self._type_ok(fact.subject) and self._type_ok(fact.object)):
                return False
            return self._in_range(_interval(fact.first_seen, fact.last_seen))
        if isinstance(fact, EventFact):
            if f.event_types and fact.type not in f.event_types:
                return False
            return self._in_range(_interval(fact.date, fact.date))
        published = [s.published for s in fact.supports if s.published]
        return self._range is None or any(self._in_range(_interval(p, p)) for p in published)

    def _trim(self, fact: F) -> F | None:
        """Drop participants, places and claim sources of types not selected; an event left with no entity of
        a selected type is dropped (it would hang in the air in a graph of those types)."""
        if not self.filters.entity_types or isinstance(fact, RelationFact):
            return fact
        if isinstance(fact, EventFact):
            parts = tuple(p for p in fact.participants if self._type_ok(p.entity))
            place = fact.place if fact.place and self._type_ok(fact.place) else None
            if not parts and place is None:
                return None
            return replace(fact, participants=parts, place=place)
        if fact.source_entity and not self._type_ok(fact.source_entity):
            return replace(fact, source_entity=None)
        return fact

    def _selected(self, facts: Callable[[], Iterator[F]], *, around: bool = True) -> Iterator[F]:
        """The facts of one kind (``Analysis.iter_*``) that pass the filters (``around`` too unless told not
        to), streamed."""
        near = self._around_sets() if around and self.filters.around else None
        for fact in self._all_facts(facts()):
            if not self._keep(fact):
                continue
            trimmed = self._trim(fact)
            if trimmed is None or near is not None and not self._in_around(trimmed, *near):
                continue
            yield trimmed

    def _all_facts(self, facts: Iterator[F]) -> Iterator[F]:
        """The aggregated facts of one kind from ``dossier.analyze``, streamed, with the analyst's corrections."""
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
            found = [e for e in self.store.find_entities(name) if self._type_ok(EntityRef(e.id, e.name, e.type))]
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
            analysis = self.analysis()
            pairs: list[Iterator[Fact]] = [self._selected(analysis.iter_relations, around=False),
                                           self._selected(analysis.iter_events, around=False)]
            for facts in pairs:
                for fact in facts:
                    ids = set(_entity_refs(fact))
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
    def _in_around(fact: Fact, near: set[str], keys: set[str]) -> bool:
        """Relations and events whose entities are all near; claims whose source is, or that name a seed."""
        if not isinstance(fact, ClaimFact):
            return set(_entity_refs(fact)) <= near
        src = fact.source_entity
        if src and src.id in near:
            return True
        prop = name_key(fact.proposition)
        return any(k in prop for k in keys)

    def _named(self) -> tuple[dict[str, EntityRef | None], set[str]]:
        """The entities (id → ref) and documents the selected facts name: one pass over them, ids only."""
        if self._named_ids is None:
            named: dict[str, EntityRef | None] = {}
            docs: set[str] = set()
            rows = self._rows()
            for fact in self.facts():
                for ref in fact_entities(fact):
                    if ref.id not in named:  # the ref itself only for placeholders
                        named[ref.id] = None if ref.id in rows else ref
                docs.update(s.document for s in fact.supports)
            self._named_ids = named, docs
        return self._named_ids

    def _selected_entity_ids(self) -> list[str]:
        if self._entity_ids is None:
            rows = self._rows()
            named: dict[str, EntityRef | None]
            if self.filters.restricts_facts():
                named = self._named()[0]
                ids = set(named) | self._seed_ids
            else:  # every entity of the chosen types; with no type filter, also the unresolved ones facts name
                ids = {e for e, type_ in rows.items() if self._type_ok(EntityRef(e, "", type_))}
                named = {} if self.filters.entity_types else {x: EntityRef(x, "?", "?")
                                                               for x in store_records.unresolved_locals(self.store)}
                ids |= set(named)
            for eid in ids - set(rows):  # named by a fact but not resolved: keep the graph closed
                ref = named.get(eid)
                self._placeholders[eid] = {"id": eid, "type": (ref.type if ref else "") or "unknown",
                                           "name": (ref.name if ref else "") or eid, "aliases": [],
                                           "attributes": {}, "n_documents": 0}
            self._entity_ids = sorted(ids)
        return self._entity_ids

    def _selected_documents(self) -> set[str] | None:
        """None means "all current documents"."""
        if not self.filters.active():
            return None
        if self._documents is None:
            self._documents = self._named()[1]
        return self._documents


def dumps(item: Any) -> str:
    """Compact, key-sorted JSON for nested values in flat formats (CSV cells, GraphML attributes)."""
    return json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
