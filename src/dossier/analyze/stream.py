"""The facts of ``Analysis`` one at a time, for exports of stores too big to aggregate in memory.

``Analysis.all_relations/all_events/all_claims`` build every fact (with its supports and evidence) before the
first is used: hundreds of MB at 10,000 reports. Here SQLite sorts the per-report records by their group key and
each group becomes a fact as soon as its last record is read, with the same builders (``analysis.relation_fact``
and friends), so the facts are the same. What is held is bounded by the store's canonical entities (their
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
from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING

from dossier.analyze.fact_builders import (
    SYMMETRIC,
    claim_fact,
    event_fact,
    event_support,
    relation_fact,
    relation_support,
)
from dossier.model.canonical import canonical_name, cluster_type
from dossier.model.facts import ClaimFact, EntityRef, EventFact, Evidence, RelationFact, Role
from dossier.store.fact_records import FactRecords, fact_records

if TYPE_CHECKING:
    from dossier.analyze.analysis import Analysis

class Refs:
    """Canonical entity id → (id, name, type) as ``SQLiteStore.entities`` names them, built by one ordered scan."""

    def __init__(self, records: FactRecords) -> None:
        self.records = records
        self.by_id: dict[str, tuple[str, str]] = {}
        rows = records.member_names()
        for eid, members in groupby(rows, key=lambda r: str(r[0])):
            names, types = zip(*((r[1], r[2]) for r in members), strict=True)
            type_ = cluster_type(list(types))
            self.by_id[eid] = (canonical_name(list(names), type_), type_)

    def canonical(self, entity: str | None, local: str | None) -> EntityRef | None:
        """The ref of a linked local entity (``entity`` its canonical id), else a "?" ref on the local id."""
        if entity is not None and entity in self.by_id:
            name, type_ = self.by_id[entity]
            return EntityRef(entity, name, type_)
        return EntityRef(local, "?", "?") if local else None

    def local(self, local: str | None) -> EntityRef | None:
        """The ref of a local entity id, looked up in ``entity_links`` (one indexed read)."""
        if not local:
            return None
        return self.canonical(self.records.entity_of(local), local)


def _known(ref: EntityRef | None) -> EntityRef:
    assert ref is not None, "an event participant without an entity"
    return ref


def relations(a: Analysis) -> Iterator[RelationFact]:
    records, sources = fact_records(a.store), a.sources
    refs = Refs(records)
    # the fact id computed in SQL, so SQLite sorts the records by it: facts come in id order, as all_relations
    rows = records.relations_by_fact(SYMMETRIC)
    for (_fid, ka, pred, kb), members in groupby(rows, key=lambda r: (r.fid, r.ka, r.predicate, r.kb)):
        sups, ends = [], {}
        for r in members:
            s, o = refs.canonical(r.s_ent, r.subject), refs.canonical(r.o_ent, r.object)
            assert s is not None and o is not None
            ends[s.id], ends[o.id] = s, o
            sups.append(relation_support(sources, {
                "id": r.id, "document": r.document, "modality": r.modality, "role": r.role,
                "attribution": r.attribution, "evidence": json.loads(r.evidence)}))
        yield relation_fact(sources, ends[ka], pred, ends[kb], sups)


def events(a: Analysis) -> Iterator[EventFact]:
    records, sources = fact_records(a.store), a.sources
    if records.events_unclustered():
        yield from a.all_events()  # clusters not stored (a read-only store filled before they were): in memory
        return
    refs = Refs(records)
    rows = records.events_by_cluster()
    for cluster, members in groupby(rows, key=lambda r: str(r.cluster)):
        sups = [event_support(sources, {
            "id": e.id, "document": e.document, "type": e.type, "label": e.label, "date": e.date,
            "date_granularity": e.date_granularity, "place": refs.local(e.place),
            "participants": [Role(_known(refs.local(p["entity"])), p["role"]) for p in json.loads(e.participants)],
            "trigger": e.trigger_text, "attribution": e.attribution, "modality": e.modality,
            "evidence": json.loads(e.evidence)}) for e in members]
        yield event_fact(sources, cluster, sups)


def claims(a: Analysis) -> Iterator[ClaimFact]:
    records, sources = fact_records(a.store), a.sources
    if records.claims_ungrouped():
        yield from a.all_claims()  # groups not stored (a store filled before the refresh kept them): in memory
        return
    refs = Refs(records)
    rows = records.claims_by_group()
    for grp, members in groupby(rows, key=lambda r: str(r.grp)):
        told = [({"id": k.id, "document": k.document, "source": k.source,
                  "source_entity": refs.canonical(k.src, k.source_entity), "modality": k.modality,
                  "cue": k.cue, "proposition": k.prop_text},
                 (Evidence(k.document, k.ev_start, k.ev_end, k.ev_text),))
                for k in members]
        yield claim_fact(sources, grp, told)
