"""The per-generation index the API answers from: entities, name search, facts by entity, places, documents.

Built once per store generation (see ``state.py``) so that a request is a few dictionary look-ups and a bisect,
never a scan of the store: the entity card and search must stay fast on a store of 10,000 reports.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import numpy as np

from dossier.analyze import origins
from dossier.analyze.support import Sources
from dossier.display import common_root, document_cards
from dossier.model.dates import bounds
from dossier.model.facts import ClaimFact, Discrepancy, EventFact, Fact, RelationFact, Support, fact_entities
from dossier.model.names import name_key
from dossier.model.views import EntityRow
from dossier.resolve.corrections import Corrections, apply_to_fact
from dossier.serve.facts import FactSource
from dossier.store.documents import local_documents
from dossier.store.search import current_rowids
from dossier.store.sqlite import SQLiteStore

MAX_PREFIX_HITS = 5000
F = TypeVar("F", RelationFact, EventFact, ClaimFact)


def involved(f: Fact) -> set[str]:
    """The ids of the entities a fact names."""
    return {r.id for r in fact_entities(f) if r.id}


def corroboration_order(f: Fact) -> tuple[int, int, str]:
    """Best corroborated first (independent sources, then documents), ties by id."""
    return (-f.independent_sources, -f.documents, f.id)


def date_order(f: EventFact) -> tuple[bool, str, str]:
    """By date, undated last, ties by id."""
    return (f.date is None, f.date or "", f.id)


def fact_span(f: Fact) -> tuple[dt.date, dt.date] | None:
    """The days a fact covers: an event's date, else its first to last report (None: undated)."""
    if isinstance(f, EventFact) and f.date:
        return bounds(f.date)
    lo, hi = f.first_seen, f.last_seen
    if not lo and not hi:
        return None
    blo, bhi = bounds(str(lo or hi)), bounds(str(hi or lo))
    return (blo[0], bhi[1]) if blo and bhi else None


@dataclass
class Index:
    key: tuple[Any, ...]
    entities: dict[str, EntityRow]
    order: list[str]  # entity ids, most mentioned first
    rank: dict[str, int]
    local_to_entity: dict[str, str]
    local_doc: dict[str, str]  # local entity id → its document
    names: list[tuple[str, str]]  # (name key or a word of it, entity id), sorted: prefix search by bisect
    full_keys: dict[str, set[str]]  # entity id → the keys of its name and aliases
    relations: dict[str, RelationFact]
    events: dict[str, EventFact]
    claims: dict[str, ClaimFact]
    discrepancies: list[Discrepancy]
    by_entity: dict[str, dict[str, list[str]]]  # entity id → {"relations"|"events"|"claims": [fact ids]}
    places: dict[str, tuple[float, float]]  # place entity id → (lat, lon)
    documents: dict[str, dict[str, Any]]  # current documents, metadata only
    doc_order: list[str] = field(default_factory=list)
    screening: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # entity id → watchlist hits
    counts: dict[str, int] = field(default_factory=dict)  # store.counts(): the figures `dossier summary` prints
    by_rowid: dict[int, dict[str, Any]] = field(default_factory=dict)  # full-text index rowid → document
    # what ``patch.py`` needs to patch this index after an upload instead of building the next one in full
    sources: Any = field(default=None, compare=False, repr=False)  # the facts' ``Sources``
    signatures: Any = field(default=None, compare=False, repr=False)  # (document ids, MinHash signature matrix)
    stored: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # document → stored source
    root: str = field(default="", compare=False, repr=False)  # the folder the cards' sources are relative to
    # the analysis partitions' signatures the facts were read with (None: some were computed in memory), so the
    # patch reads only the clusters and groups of the partitions the upload's refresh wrote again
    partitions: Any = field(default=None, compare=False, repr=False)

    def relations_of(self, entity_id: str) -> list[RelationFact]:
        return [self.relations[i] for i in self.by_entity.get(entity_id, {}).get("relations", [])]

    def events_of(self, entity_id: str) -> list[EventFact]:
        return [self.events[i] for i in self.by_entity.get(entity_id, {}).get("events", [])]

    def claims_of(self, entity_id: str) -> list[ClaimFact]:
        return [self.claims[i] for i in self.by_entity.get(entity_id, {}).get("claims", [])]

    def ref(self, entity_id: str) -> dict[str, Any]:
        e = self.entities.get(entity_id)
        return {"id": entity_id, "name": e.name if e else "?", "type": e.type if e else "?"}

    def search(self, q: str, type_: str | None = None, limit: int = 10) -> list[tuple[str, str]]:
        """Entities whose name or an alias starts with ``q`` (or has a word that does), best first: exact, then
        whole-name prefix, then word prefix; ties by mentions. Returns (entity id, how it matched)."""
        key = name_key(q)
        if not key:
            return []
        lo = bisect.bisect_left(self.names, (key, ""))
        found: dict[str, int] = {}
        for i in range(lo, min(len(self.names), lo + MAX_PREFIX_HITS)):
            k, eid = self.names[i]
            if not k.startswith(key):
                break
            if type_ and self.entities[eid].type != type_:
                continue
            keys = self.full_keys[eid]
            level = 0 if key in keys else 1 if any(x.startswith(key) for x in keys) else 2
            found[eid] = min(level, found.get(eid, 3))
        best = sorted(found, key=lambda e: (found[e], self.rank[e]))[:limit]
        how = {0: "exact", 1: "prefix", 2: "word"}
        return [(e, how[found[e]]) for e in best]


def shown(f: F, docs: dict[str, dict[str, Any]], stored: dict[str, str]) -> F:
    """A fact as shown: each support with its document's display title and relative path, and its date and
    publisher as the analyst corrected them; the grade's reason naming those paths, not the stored ones."""
    reason = f.grade_reason
    supports: list[Support] = []
    for s in f.supports:
        d = docs.get(s.document)
        if d:
            s = replace(s, source=d["source"], title=d["title"], published=d["published"], publisher=d["publisher"])
        supports.append(s)
        old = stored.get(s.document)
        if old and old in reason:
            reason = reason.replace(old, str(s.source))
    return replace(f, supports=tuple(supports), grade_reason=reason)  # type: ignore[arg-type]


def _corrected(table: dict[str, F], corr: Corrections, renamed: dict[str, EntityRow],
               place_of: dict[str, str]) -> dict[str, F]:
    """A fact table with the analyst's corrections (``corrections.apply_to_fact``). Nothing is done (and
    nothing copied) when there are none."""
    if not corr:
        return table
    out: dict[str, F] = {}
    for fid, f in table.items():
        fixed = apply_to_fact(f, corr, renamed, place_of)
        if fixed is not None:
            out[fid] = fixed
    return out


def entity_tables(entities: list[EntityRow]) -> tuple[set[tuple[str, str]], dict[str, set[str]],
                                                       dict[str, tuple[float, float]]]:
    """The name lookup ((name key or a later word of it, entity id)), each entity's full name keys, and the
    coordinates of the places that have them."""
    names: set[tuple[str, str]] = set()
    full_keys: dict[str, set[str]] = {}
    places: dict[str, tuple[float, float]] = {}
    for e in entities:
        keys = {k for k in (name_key(n) for n in (e.name, *e.aliases)) if k}
        full_keys[e.id] = keys
        for k in keys:
            names.add((k, e.id))
            for w in k.split(" ")[1:]:
                names.add((w, e.id))
        attrs = dict(e.attributes)
        if "lat" in attrs and "lon" in attrs:
            try:
                places[e.id] = (float(attrs["lat"]), float(attrs["lon"]))
            except ValueError:
                pass
    return names, full_keys, places


def build_index(store: SQLiteStore, key: tuple[Any, ...]) -> Index:
    corr = Corrections.load(store)
    raw = store.entities()
    entities = [corr.entity(e) for e in raw] if corr else raw
    renamed = {e.id: e for e, r in zip(entities, raw, strict=True) if e is not r}
    by_id = {e.id: e for e in entities}
    local_to_entity = {local: e.id for e in entities for local in e.local_ids}
    names, full_keys, places = entity_tables(entities)
    source = FactSource(store)  # each table kept in the order the API lists it, so requests never sort
    relations = {f.id: f for f in sorted(source.relations(), key=corroboration_order)}
    events = {f.id: f for f in sorted(source.events(), key=date_order)}
    claims = {f.id: f for f in sorted(source.claims(), key=corroboration_order)}
    if corr:
        place_of = {k: e.id for e in reversed(entities) if e.type == "place" for k in full_keys[e.id]}
        relations = _corrected(relations, corr, renamed, place_of)
        events = {f.id: f for f in sorted(_corrected(events, corr, renamed, place_of).values(), key=date_order)}
        claims = _corrected(claims, corr, renamed, place_of)
    by_entity: dict[str, dict[str, list[str]]] = {}
    tables: tuple[tuple[str, dict[str, RelationFact] | dict[str, EventFact] | dict[str, ClaimFact]], ...] = (
        ("relations", relations), ("events", events), ("claims", claims))
    for kind, table in tables:
        for fid, f in table.items():
            for eid in involved(f):
                by_entity.setdefault(eid, {}).setdefault(kind, []).append(fid)
    docs = document_cards(store)
    stored = {d["id"]: str(d.pop("stored_source")) for d in docs.values()}  # a person sees relative paths
    relations = {k: shown(f, docs, stored) for k, f in relations.items()}
    events = {k: shown(f, docs, stored) for k, f in events.items()}
    claims = {k: shown(f, docs, stored) for k, f in claims.items()}
    doc_order = sorted(docs, key=lambda d: (docs[d]["published"] or "", docs[d]["source"]), reverse=True)
    local_doc = local_documents(store)
    sources = source.analysis.sources
    return Index(key=key, entities=by_id, order=[e.id for e in entities],
                 rank={e.id: i for i, e in enumerate(entities)}, local_to_entity=local_to_entity, local_doc=local_doc,
                 names=sorted(names), full_keys=full_keys, relations=relations, events=events, claims=claims,
                 discrepancies=list(source.discrepancies()), by_entity=by_entity, places=places, documents=docs,
                  doc_order=doc_order, screening=_screening(store), counts=store.counts(),
                  by_rowid={r: docs[d] for r, d in current_rowids(store).items() if d in docs},
                  sources=None if corr else sources, signatures=None if corr else signature_matrix(sources, store),
                  stored=stored, root=common_root(stored.values()), partitions=None if corr else _partitions(store))


def _partitions(store: SQLiteStore) -> tuple[dict[str, str], dict[str, str]] | None:
    """The analysis partitions' signatures, when every current record has its stored cluster or group (the
    facts were read from them, not computed in memory)."""
    from dossier.store.analysis import reading
    from dossier.store.fact_records import fact_records

    r = reading(store)
    if r.current_event_clusters() is None or fact_records(store).claims_ungrouped():
        return None
    return r.partition_signatures()


def signature_matrix(sources: Sources, store: SQLiteStore) -> tuple[list[str], np.ndarray]:
    """The current reports' MinHash signatures as one matrix (a row per document, ids sorted), kept with the
    index so a new report's syndication check is one vectorised comparison."""
    from dossier.store.fact_records import fact_records

    sigs = fact_records(store).signatures()
    ids = sorted(d for d in sources.docs if d in sigs)
    if not ids:
        return [], np.zeros((0, origins.NUM_PERM), dtype=np.uint64)
    return ids, np.stack([np.frombuffer(sigs[d], dtype=np.uint64) for d in ids])


def _screening(store: SQLiteStore) -> dict[str, list[dict[str, Any]]]:
    """The last `dossier screen` hits not rejected by the analyst, per entity (docs/screening.md)."""
    from dossier.screen.engine import stored_hits

    out: dict[str, list[dict[str, Any]]] = {}
    for h in stored_hits(store, canonical_ids=True):
        if h["verdict"] != "rejected":
            out.setdefault(h["entity"], []).append(
                {"list": h["list"], "entry": h["entry"], "entry_name": h["entry_name"], "score": h["score"],
                 "verdict": h["verdict"], "how": h["reasons"]["how"], "matched": h["reasons"]["matched"],
                 "programs": h["detail"].get("programs")})
    return out
