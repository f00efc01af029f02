"""The index after an upload, patched from the one before instead of rebuilt: only what the new report changes.

A full build (``index.build_index``) reads every fact of the store: seconds of the server's interpreter on a store
of 10,000 reports, during which every reader waits. When the new generation differs from the indexed one only by
one *added* report, the facts that can differ are few and known:

- the canonical entities its local entities joined (``E``): their rows (names, mention counts) change, and so
  does every fact that names one of them (a reference carries the entity's name);
- the event clusters and claim groups the refresh changed (their member records differ) and the ones the
  report's records joined;
- the relation facts with an end in ``E`` (the report's relations all have both ends there).

Everything else is kept as it is (the same objects: readers may hold them). The patch is refused (build in
full) whenever its assumptions do not hold: another change in the same generation (a judgement, a
rating, a correction, a new version), a resolution that moved some other report's local entity, a report that
joins a syndication group (independence counts of other facts change), new located-in ties (they decide
place conflicts everywhere), document cards that changed beyond the new one; ``patch`` then says why.
``tests/serve/test_upload_incremental.py`` checks the patched index equals a full build.
"""

from __future__ import annotations

import bisect
import copy
import os
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from dossier.analyze import Analysis, origins
from dossier.analyze.analysis import _claim_spans
from dossier.analyze.discrepancies import find_discrepancies
from dossier.analyze.fact_builders import (
    SYMMETRIC,
    claim_fact,
    claim_record,
    entity_ref,
    event_fact,
    event_record,
    event_support,
    relation_fact,
    relation_record,
    relation_support,
)
from dossier.analyze.support import Sources
from dossier.display import document_cards
from dossier.model.analysis import ReportClaim
from dossier.model.facts import (
    ClaimFact,
    Discrepancy,
    EntityRef,
    EventFact,
    EventSupport,
    RelationFact,
    RelationSupport,
)
from dossier.model.names import publisher_key
from dossier.model.views import EntityRow
from dossier.resolve.corrections import Corrections
from dossier.serve.facts import _paged
from dossier.serve.index import Index, _screening, corroboration_order, date_order, entity_tables, involved, shown
from dossier.store.analysis import reading
from dossier.store.documents import child_counts, local_entities_of, rejection_count
from dossier.store.fact_records import fact_records
from dossier.store.facts import EntityRef as StoreRef
from dossier.store.facts import Facts
from dossier.store.pages import page_maps
from dossier.store.search import current_rowids
from dossier.store.sqlite import SQLiteStore

F = TypeVar("F", RelationFact, EventFact, ClaimFact)
_UNCHANGED = (2, 3, 5)  # generation parts an upload leaves alone: judgements, ratings, corrections


def _syndicated(signature: bytes, matrix: np.ndarray) -> bool:
    """Whether a signature would join any row's syndication group (``origins.syndication_groups``' rule: an LSH
    candidate — some band equal — whose share of equal values reaches the threshold)."""
    if not len(matrix):
        return False
    b, r = origins.lsh_params(origins.SYNDICATION_THRESHOLD)
    same = matrix == np.frombuffer(signature, dtype=np.uint64)
    candidate = same[:, :b * r].reshape(len(matrix), b, r).all(axis=2).any(axis=1)
    similar = np.count_nonzero(same, axis=1) / origins.NUM_PERM >= origins.SYNDICATION_THRESHOLD
    return bool(np.any(candidate & similar))


def patch(old: Index, store: SQLiteStore, key: tuple[Any, ...], document: str) -> Index | str:
    """The index of ``store`` (generation ``key``) from ``old``, when the only change is ``document`` added;
    else why not (a full build is needed)."""
    if old.sources is None or old.signatures is None:
        return "the index was built with corrections"
    if document in old.documents:
        return "the report was indexed already"
    if any(old.key[i] != key[i] for i in _UNCHANGED) or Corrections.load(store):
        return "judgements, ratings or corrections changed too, or there are corrections"
    records = fact_records(store)
    row = records.first_version(document)
    if row is None:
        return "a new version replaces another report's records"
    links = reading(store).entity_links()
    mine = set(local_entities_of(store, document))
    if any(links.get(le) != e for le, e in old.local_to_entity.items()) or any(le not in links for le in mine):
        return "the resolution moved another report's local entity, or left one of this report's unlinked"
    touched = {links[le] for le in mine if le in links}
    # -- sources: the new report's origin (alone in its syndication group, or refuse) --------------------------
    sig = records.signature(document)
    if sig is None or _syndicated(sig, old.signatures[1]):
        return "the report is syndicated with others (their independence counts change)"
    sources = copy.copy(old.sources)
    sources.docs = {**old.sources.docs, document: row}
    sources.origins = {**old.sources.origins, document: origins.Origin(document, row.publisher,
                                                                       publisher_key(row.publisher), document)}
    if os.path.isabs(row.source):  # uploads never are: an absolute source could move the folder of the others
        return "an absolute source may change the folder other reports are shown relative to"
    card = document_cards(store, only=document, root=old.root)[document]
    stored = {**old.stored, document: str(card.pop("stored_source"))}
    docs = {d: card if d == document else old.documents[d] for d in sorted(stored, key=stored.__getitem__)}
    # -- entities ------------------------------------------------------------------------------------------------
    rows = [r for r in (store.entity(e) for e in sorted(touched)) if r is not None]
    entities = [e for eid, e in old.entities.items() if eid not in touched] + rows
    entities.sort(key=lambda e: (-e.n_mentions, e.name.casefold(), e.id))
    facts = Facts(store)
    facts._refs = {local: StoreRef(e.id, e.name, e.type) for e in entities for local in e.local_ids}
    # -- facts: the raw ones (as the analysis makes them) for the discrepancies, then paged and shown ------------
    # a fact shows the name and type of each entity it names: those of the entities whose name or type changed
    # are rebuilt, with the facts the report's records joined; the others are kept
    renamed = {e.id for e in rows if e.id in old.entities
               and (old.entities[e.id].name, old.entities[e.id].type) != (e.name, e.type)}
    rels = _relations(old, facts, sources, renamed, entities, mine)
    if rels is None:
        return "the located-in ties changed (they decide place conflicts everywhere)"
    gone_rels, new_rels = rels
    parts = reading(store).partition_signatures()
    gone_events, new_events = _events(old, store, facts, sources, renamed, parts)
    gone_claims, new_claims = _claims(old, store, facts, sources, renamed, parts)
    pages = page_maps(store)
    relations = _merged(old.relations, gone_rels, [shown(_paged(f, pages), docs, stored) for f in new_rels],
                        corroboration_order)
    if _located(relations.values()) != _located(old.relations.values()):
        return "the located-in ties changed (they decide place conflicts everywhere)"
    events = _merged(old.events, gone_events, [shown(_paged(f, pages), docs, stored) for f in new_events],
                     date_order)
    claims = _merged(old.claims, gone_claims, [shown(_paged(f, pages), docs, stored) for f in new_claims],
                     corroboration_order)
    changed: dict[str, tuple[set[str], list[Any]]] = {
        "relations": (gone_rels, new_rels), "events": (gone_events, new_events), "claims": (gone_claims, new_claims)}
    # -- discrepancies: each is about one fact; those of the rebuilt facts are found again ----------------------
    roles = _analysis(store, sources, sorted(new_rels, key=lambda f: f.id), [])
    others = _analysis(store, sources, list(relations.values()), sorted(new_events, key=lambda f: f.id))
    found = [d for d in find_discrepancies(roles) if d.kind == "role"]
    found += [d for d in find_discrepancies(others) if d.kind != "role"]
    gone = gone_rels | gone_events
    kept = [d for d in old.discrepancies if d.fact not in gone]
    discrepancies = sorted(kept + found, key=lambda d: (d.kind, d.about, d.id))
    return _index(old, store, key, entities, relations, events, claims, discrepancies, docs, sources, document,
                  mine, sig, stored, changed, None if old.partitions is None else parts)


def _analysis(store: SQLiteStore, sources: Sources, relations: list[RelationFact], events: list[EventFact]
              ) -> Analysis:
    """An ``Analysis`` over the given facts (the discrepancies read only these, the sources and the store)."""
    a = Analysis(store)
    a._sources, a._relations, a._events, a._claims = sources, relations, events, []
    return a


def _located(relations: Any) -> set[tuple[str, str]]:
    """The located-in pairs the discrepancies read (``discrepancies._located``)."""
    return {(f.subject.id, f.object.id) for f in relations if f.predicate == "located_in"}


def _merged(old: dict[str, F], gone: set[str], new: list[F], order: Callable[[F], Any]) -> dict[str, F]:
    """``old`` (in ``order``) without ``gone``, with ``new`` put in their places: the table a full sort gives,
    found by bisection (the order's key is computed for the new facts and a few old ones, not for all)."""
    replaced = gone | {f.id for f in new}
    kept = [k for k in old if k not in replaced]
    merged: list[str] = []
    lo = 0
    for f in sorted(new, key=order):
        at = bisect.bisect_left(kept, order(f), lo=lo, key=lambda k: order(old[k]))
        merged.extend(kept[lo:at])
        merged.append(f.id)
        lo = at
    merged.extend(kept[lo:])
    fresh = {f.id: f for f in new}
    return {k: fresh[k] if k in fresh else old[k] for k in merged}


def _by_entity(old: Index, tables: dict[str, dict[str, Any]],
               changed: dict[str, tuple[set[str], list[Any]]]) -> dict[str, dict[str, list[str]]]:
    """``old.by_entity`` with the lists of the entities a removed or rebuilt fact names made again (each list in
    its table's order, as the full build gives it); the others are kept."""
    out = dict(old.by_entity)
    olds: dict[str, dict[str, Any]] = {"relations": old.relations, "events": old.events, "claims": old.claims}
    orders: dict[str, Callable[[Any], Any]] = {"relations": corroboration_order, "events": date_order,
                                                "claims": corroboration_order}
    for kind, (gone, new) in changed.items():
        table, before = tables[kind], olds[kind]
        replaced = gone | {f.id for f in new}
        affected: dict[str, list[str]] = {}
        for fid in replaced:
            if fid in before:
                for eid in involved(before[fid]):
                    affected.setdefault(eid, [])
        for f in new:
            for eid in involved(f):
                affected.setdefault(eid, []).append(f.id)
        for eid, added in affected.items():
            kinds = dict(out.get(eid, {}))
            ids = [fid for fid in kinds.get(kind, []) if fid not in replaced] + added
            if ids:
                kinds[kind] = sorted(ids, key=lambda fid: orders[kind](table[fid]))  # noqa: B023 - used at once
            else:
                kinds.pop(kind, None)
            if kinds:
                out[eid] = kinds
            else:
                out.pop(eid, None)
    return out


def _counts(old: Index, store: SQLiteStore, document: str, n_entities: int) -> dict[str, int]:
    """``store.counts()`` after one added first version: the old figures plus what its document row counts."""
    counts = dict(old.counts)
    counts["documents"] = counts.get("documents", 0) + 1
    counts["versions"] = counts.get("versions", 0) + 1
    for k, n in child_counts(store, document).items():
        counts[k] = counts.get(k, 0) + n
    counts["rejected"] = rejection_count(store)
    counts["entities"] = n_entities
    return counts


def _doc_order(old: Index, docs: dict[str, dict[str, Any]], document: str) -> list[str]:
    """``old.doc_order`` with ``document`` in its place (newest published first, then source, descending)."""
    def key(d: str) -> tuple[str, str]:
        return (docs[d]["published"] or "", docs[d]["source"])

    order = old.doc_order
    mine = key(document)
    lo, hi = 0, len(order)
    while lo < hi:  # the first place whose key is smaller than the new one's (the list descends)
        mid = (lo + hi) // 2
        if key(order[mid]) > mine:
            lo = mid + 1
        else:
            hi = mid
    return [*order[:lo], document, *order[lo:]]


def _triple(r: dict[str, Any]) -> tuple[EntityRef, str, EntityRef]:
    """A relation record's fact key: (subject, predicate, object), a symmetric predicate's ends in id order."""
    s, o = entity_ref(r["subject"]), entity_ref(r["object"])
    return (s, r["predicate"], o) if r["predicate"] not in SYMMETRIC or s.id <= o.id else (o, r["predicate"], s)


def _relations(old: Index, facts: Facts, sources: Sources, renamed: set[str], entities: list[EntityRow],
               mine: set[str]) -> tuple[set[str], list[RelationFact]] | None:
    """The relation facts the report's relations join, and those naming a renamed entity: the old ones' ids,
    and the new ones (raw)."""
    gone = {fid for e in renamed for fid in old.by_entity.get(e, {}).get("relations", [])}
    joined = {(a.id, p, b.id) for a, p, b in map(_triple, facts.relations(local_ids=mine))}
    ends = renamed | {a for a, _p, _b in joined}
    locals_ = {le for e in entities if e.id in ends for le in e.local_ids}
    groups: dict[tuple[str, str, str], list[RelationSupport]] = {}
    refs: dict[str, EntityRef] = {}
    for r in facts.relations(local_ids=locals_):
        a, p, b = _triple(r)
        if (a.id, p, b.id) not in joined and a.id not in renamed and b.id not in renamed:
            continue
        refs[a.id], refs[b.id] = a, b
        groups.setdefault((a.id, p, b.id), []).append(relation_support(sources, relation_record(r)))
    new = [relation_fact(sources, refs[a], p, refs[b], sups) for (a, p, b), sups in groups.items()]
    return gone | {f.id for f in new if f.id in old.relations}, new


def _members(table: dict[str, Any], now: dict[str, str], complete: bool, named: set[str]
             ) -> tuple[set[str], dict[str, str]]:
    """What to rebuild of a table of event or claim facts: the ids of the facts that go (those whose records'
    groups changed, and ``named``), and record → group of every record of the facts that replace them. ``now``
    holds the records' groups as stored: all of them (``complete``), or only those of the partitions the
    refresh wrote again (a record elsewhere kept its group, which is its old fact's id)."""
    before = {s.record: fid for fid, f in table.items() for s in f.supports}
    changed = {e for e, k in now.items() if before.get(e) != k}
    if complete:
        changed |= {e for e in before if e not in now}

    def group(e: str) -> str | None:
        return now.get(e) if complete else now.get(e, before.get(e))

    gone = {before[e] for e in changed if e in before} | named
    wanted = {now[e] for e in changed if e in now}
    wanted |= {g for fid in gone for s in table[fid].supports if (g := group(s.record)) is not None}
    gone |= wanted & table.keys()  # rebuilt under the same id
    records = {e: k for e, k in now.items() if k in wanted}
    if not complete:
        records.update((s.record, fid) for fid in wanted & table.keys() for s in table[fid].supports
                       if s.record not in now)
    return gone, records


def _events(old: Index, store: SQLiteStore, facts: Facts, sources: Sources, renamed: set[str],
            parts: tuple[dict[str, str], dict[str, str]]) -> tuple[set[str], list[EventFact]]:
    """The event facts whose clusters changed or that name a renamed entity: the old ids, the new facts."""
    r = reading(store)
    if old.partitions is None:
        now, complete = r.current_event_clusters() or {}, True
    else:
        now, complete = r.event_clusters_in(p for p, s in parts[0].items() if old.partitions[0].get(p) != s), False
    named = {fid for e in renamed for fid in old.by_entity.get(e, {}).get("events", [])}
    gone, records = _members(old.events, now, complete, named)
    groups: dict[str, list[EventSupport]] = {}
    for e in facts.events(records=records):
        groups.setdefault(records[e["id"]], []).append(event_support(sources, event_record(e)))
    return gone, [event_fact(sources, k, v) for k, v in groups.items()]


def _claims(old: Index, store: SQLiteStore, facts: Facts, sources: Sources, renamed: set[str],
            parts: tuple[dict[str, str], dict[str, str]]) -> tuple[set[str], list[ClaimFact]]:
    """The claim facts whose groups changed or whose speaker is a renamed entity: the old ids, the new facts."""
    r = reading(store)
    if old.partitions is None:
        now, complete = r.current_claim_groups(), True
    else:
        now, complete = r.claim_groups_in(p for p, s in parts[1].items() if old.partitions[1].get(p) != s), False
    named = {fid for e in renamed for fid in old.by_entity.get(e, {}).get("claims", [])}
    gone, records = _members(old.claims, now, complete, named)
    spans = _claim_spans(store, set(records))
    groups: dict[str, list[ReportClaim]] = {}
    for c in facts.claims(records=records):
        groups.setdefault(records[c["id"]], []).append(claim_record(c))
    first = lambda c: (c.document, c.id)  # noqa: E731 - the order ``all_claims`` gives a group
    return gone, [claim_fact(sources, g, [(c, spans[c.id]) for c in sorted(cs, key=first)])
                  for g, cs in groups.items()]


def _index(old: Index, store: SQLiteStore, key: tuple[Any, ...], entities: list[EntityRow],
           relations: dict[str, RelationFact], events: dict[str, EventFact], claims: dict[str, ClaimFact],
           discrepancies: list[Discrepancy], docs: dict[str, dict[str, Any]], sources: Sources, document: str,
           mine: set[str], sig: bytes, stored: dict[str, str],
           changed: dict[str, tuple[set[str], list[Any]]],
           partitions: tuple[dict[str, str], dict[str, str]] | None) -> Index:
    """The patched index's tables; the parts keyed by entity are recomputed over the entity rows (cheap), the
    facts by entity only for the entities the changed facts name."""
    names, full_keys, places = entity_tables(entities)
    by_entity = _by_entity(old, {"relations": relations, "events": events, "claims": claims}, changed)
    rowids = current_rowids(store, only=document)
    return Index(
        key=key, entities={e.id: e for e in entities}, order=[e.id for e in entities],
        rank={e.id: i for i, e in enumerate(entities)},
        local_to_entity={local: e.id for e in entities for local in e.local_ids},
        local_doc={**old.local_doc, **{le: document for le in mine}}, names=sorted(names), full_keys=full_keys,
        relations=relations, events=events, claims=claims, discrepancies=discrepancies, by_entity=by_entity,
        places=places, documents=docs,
        doc_order=_doc_order(old, docs, document), screening=_screening(store),
        counts=_counts(old, store, document, len(entities)),
        by_rowid={**old.by_rowid, **{r: docs[d] for r, d in rowids.items()}},
        sources=sources, signatures=_with(old.signatures, document, sig), stored=stored, root=old.root,
        partitions=partitions)


def _with(signatures: tuple[list[str], np.ndarray], document: str, signature: bytes
          ) -> tuple[list[str], np.ndarray]:
    ids, matrix = signatures
    return [*ids, document], np.vstack([matrix, np.frombuffer(signature, dtype=np.uint64)])
