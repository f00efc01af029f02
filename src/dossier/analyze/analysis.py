"""Cross-report facts: the same relation, event or claim told by several reports, with who tells it.

Extraction keeps one record per report (``relations``, ``events``, ``claims`` tables); ``Analysis`` groups them
into facts and attaches each fact's supports — the per-report records, with their document, outlet, modality
and evidence — and its corroboration (``support.Sources.corroborate``):

- a **relation** fact is one (canonical subject, predicate, canonical object); ``associate`` is symmetric;
- an **event** fact is one cluster of cross-document event coreference (``event_groups``);
- a **claim** fact is one proposition attributed to one source (the resolved source entity, else its words),
  near-identical wording (MinHash over word 3-grams) counting as the same proposition.

Nothing is edited: facts are computed from the records, so removing a report removes its support, and a fact
reported by one outlet and denied by another keeps both sides. See docs/corroboration.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datasketch import MinHash

from dossier.analyze import event_groups, origins
from dossier.analyze.fact_builders import (
    SYMMETRIC,
    claim_fact,
    entity_ref,
    event_fact,
    event_support,
    relation_fact,
    relation_support,
)
from dossier.analyze.support import Sources
from dossier.model import stable_id
from dossier.model.dates import bounds
from dossier.model.facts import (
    ClaimFact,
    Discrepancy,
    EntityRef,
    EventFact,
    EventSupport,
    Evidence,
    RelationFact,
    RelationSupport,
)
from dossier.model.names import publisher_key
from dossier.store.analysis import reading
from dossier.store.fact_records import fact_records
from dossier.store.facts import Facts
from dossier.store.sqlite import SQLiteStore

CLAIM_SIMILARITY = 0.5


def _overlaps(value: str | None, date_from: str | None, date_to: str | None) -> bool:
    if not (date_from or date_to):
        return True
    span = bounds(value) if value else None
    if span is None:
        return False
    lo = bounds(date_from) if date_from else None
    hi = bounds(date_to) if date_to else None
    return not ((lo and span[1] < lo[0]) or (hi and span[0] > hi[1]))


class Analysis:
    """Aggregated facts over an open store; computed lazily, cached for the life of the instance."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        self.facts = Facts(store)
        self._sources: Sources | None = None
        self._relations: list[RelationFact] | None = None
        self._events: list[EventFact] | None = None
        self._claims: list[ClaimFact] | None = None

    @property
    def sources(self) -> Sources:
        if self._sources is None:
            self._sources = Sources(self.store)
        return self._sources

    def origins(self) -> dict[str, dict[str, Any]]:
        return self.sources.origin_rows()

    # -- relations ---------------------------------------------------------------------------------
    def all_relations(self) -> list[RelationFact]:
        if self._relations is None:
            groups: dict[tuple[str, str, str], list[RelationSupport]] = {}
            refs: dict[str, EntityRef] = {}
            for r in self.facts.relations():
                s, o = entity_ref(r["subject"]), entity_ref(r["object"])
                a, b = (s, o) if r["predicate"] not in SYMMETRIC or s.id <= o.id else (o, s)
                refs[a.id], refs[b.id] = a, b
                groups.setdefault((a.id, r["predicate"], b.id), []).append(relation_support(self.sources, r))
            out = [relation_fact(self.sources, refs[a], pred, refs[b], sups) for (a, pred, b), sups in groups.items()]
            self._relations = sorted(out, key=lambda f: f.id)
        return self._relations

    def relations(self, *, predicate: str | None = None, modality: str | None = None, min_sources: int = 0,
                  date_from: str | None = None, date_to: str | None = None,
                  entities: set[str] | None = None) -> list[RelationFact]:
        return [f for f in self.all_relations() if relation_ok(
            f, predicate=predicate, modality=modality, min_sources=min_sources, date_from=date_from,
            date_to=date_to, entities=entities)]

    def iter_relations(self, **filters: Any) -> Iterator[RelationFact]:
        """``relations(...)`` streamed in (subject, predicate, object) order; memory flat in the facts."""
        from dossier.analyze import stream

        return (f for f in stream.relations(self) if relation_ok(f, **filters))

    # -- events ------------------------------------------------------------------------------------
    def event_clusters(self) -> dict[str, str]:
        """event record id → cluster id (from the store; computed in memory for what it lacks)."""
        r = reading(self.store)
        stored = r.event_clusters()
        views = event_groups.load_views(r)
        if all(e in stored for e in views):
            return {e: stored[e] for e in views}
        return event_groups.clusters_in_memory(views.values(), event_groups.located_in(r),
                                               event_groups.load_judgements(r)[0])

    def all_events(self) -> list[EventFact]:
        if self._events is None:
            clusters = self.event_clusters()
            groups: dict[str, list[EventSupport]] = {}
            for e in self.facts.events():
                groups.setdefault(clusters.get(e["id"], e["id"]), []).append(event_support(self.sources, e))
            self._events = sorted((event_fact(self.sources, k, v) for k, v in groups.items()), key=lambda f: f.id)
        return self._events

    def events(self, *, type_: str | None = None, modality: str | None = None, min_sources: int = 0,
               date_from: str | None = None, date_to: str | None = None,
               entities: set[str] | None = None) -> list[EventFact]:
        return [f for f in self.all_events() if event_ok(
            f, type_=type_, modality=modality, min_sources=min_sources, date_from=date_from, date_to=date_to,
            entities=entities)]

    def iter_events(self, **filters: Any) -> Iterator[EventFact]:
        """``events(...)`` streamed in cluster (= fact id) order; memory flat in the facts."""
        from dossier.analyze import stream

        return (f for f in stream.events(self) if event_ok(f, **filters))

    # -- claims ------------------------------------------------------------------------------------
    def all_claims(self) -> list[ClaimFact]:
        if self._claims is None:
            records = self.facts.claims()
            keyed = [((c["source_entity"] or {}).get("id") or publisher_key(c["source"]) or "?", c)
                     for c in records]
            spans = _claim_spans(self.store)
            out = []
            for members in _group_claims(keyed):
                cs = [keyed[i][1] for i in members]
                out.append(claim_fact(self.sources, stable_id("clm", keyed[members[0]][0], cs[0]["id"]),
                                      [(c, spans[c["id"]]) for c in cs]))
            self._claims = sorted(out, key=lambda f: f.id)
        return self._claims

    def claims(self, *, modality: str | None = None, min_sources: int = 0, text: str | None = None,
               source: str | None = None, entities: set[str] | None = None) -> list[ClaimFact]:
        return [f for f in self.all_claims() if claim_ok(
            f, modality=modality, min_sources=min_sources, text=text, source=source, entities=entities)]

    def iter_claims(self, **filters: Any) -> Iterator[ClaimFact]:
        """``claims(...)`` streamed in fact id order (groups kept by the refresh); memory flat in the facts."""
        from dossier.analyze import stream

        return (f for f in stream.claims(self) if claim_ok(f, **filters))

    # -- discrepancies -----------------------------------------------------------------------------
    def discrepancies(self, *, kind: str | None = None, entities: set[str] | None = None) -> list[Discrepancy]:
        from dossier.analyze.discrepancies import find_discrepancies

        return [d for d in find_discrepancies(self)
                if (kind is None or d.kind == kind) and (entities is None or bool(set(d.entities) & entities))]


def relation_ok(f: RelationFact, *, predicate: str | None = None, modality: str | None = None,
                min_sources: int = 0, date_from: str | None = None, date_to: str | None = None,
                entities: set[str] | None = None) -> bool:
    return ((predicate is None or f.predicate == predicate)
            and (modality is None or f.modality == modality)
            and f.independent_sources >= min_sources
            and (entities is None or f.subject.id in entities or f.object.id in entities)
            and (not (date_from or date_to)
                 or any(_overlaps(x.published, date_from, date_to) for x in f.supports)))


def event_ok(f: EventFact, *, type_: str | None = None, modality: str | None = None, min_sources: int = 0,
             date_from: str | None = None, date_to: str | None = None, entities: set[str] | None = None) -> bool:
    involved = {p.entity.id for p in f.participants} | ({f.place.id} if f.place else set())
    return ((type_ is None or f.type == type_) and (modality is None or f.modality == modality)
            and f.independent_sources >= min_sources and _overlaps(f.date, date_from, date_to)
            and (entities is None or bool(involved & entities)))


def claim_ok(f: ClaimFact, *, modality: str | None = None, min_sources: int = 0, text: str | None = None,
             source: str | None = None, entities: set[str] | None = None) -> bool:
    return ((modality is None or f.modality == modality) and f.independent_sources >= min_sources
            and (text is None or text.casefold() in f.proposition.casefold())
            and (source is None or source.casefold() in f.source.casefold())
            and (entities is None or (f.source_entity.id if f.source_entity else None) in entities))


def _claim_spans(store: SQLiteStore) -> dict[str, tuple[Evidence, ...]]:
    return {cid: (Evidence(doc, start, end, text),)
            for cid, doc, start, end, text in fact_records(store).claim_evidence()}


def _shingles(text: str) -> list[bytes]:
    words = origins._WORD.findall(text.casefold())
    return sorted({" ".join(words[i:i + 3]).encode() for i in range(max(1, len(words) - 2))})


def _group_claims(keyed: list[tuple[str, dict[str, Any]]]) -> list[list[int]]:
    """Indices grouped by same source key and near-identical proposition.

    Identical wordings (syndicated copies, the bulk) are joined by a dictionary first; the distinct wordings of
    one source are then compared through an LSH index of their own (candidates, then the estimated Jaccard)."""
    groups = origins.Groups(range(len(keyed)))
    order = sorted(range(len(keyed)), key=lambda i: (keyed[i][1]["document"], keyed[i][1]["id"]))
    first: dict[tuple[str, tuple[bytes, ...]], int] = {}
    distinct: dict[str, list[tuple[int, list[bytes]]]] = {}
    for i in order:
        shingles = _shingles(keyed[i][1]["proposition"])
        k = (keyed[i][0], tuple(shingles))
        if k in first:
            groups.join(first[k], i)
        else:
            first[k] = i
            distinct.setdefault(keyed[i][0], []).append((i, shingles))
    for wordings in distinct.values():
        if len(wordings) < 2:
            continue
        lsh = origins.new_lsh(CLAIM_SIMILARITY)
        hashes: dict[int, MinHash] = {}
        for i, shingles in wordings:
            m = MinHash(num_perm=origins.NUM_PERM, seed=origins._SEED, scheme=origins.SCHEME)
            m.update_batch(shingles)
            hashes[i] = m
            for j in sorted(lsh.query(m)):
                if groups.find(i) != groups.find(j) and m.jaccard(hashes[j]) >= CLAIM_SIMILARITY:
                    groups.join(i, j)
            lsh.insert(i, m)
    out: dict[int, list[int]] = {}
    for i in order:
        out.setdefault(groups.find(i), []).append(i)
    return sorted(out.values(), key=lambda g: g[0])
