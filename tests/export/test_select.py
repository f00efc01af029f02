"""The shared selection: the filters every format uses, and the closure guarantees the graph formats rely on."""

from __future__ import annotations

import pytest

from dossier.exc import UsageError
from dossier.export.select import ExportFilters, Selection
from dossier.model.dates import bounds
from dossier.model.facts import Fact
from dossier.store import SQLiteStore


def _facts(sel: Selection) -> dict[str, list[Fact]]:
    return {"relations": list(sel.relations()), "events": list(sel.events()), "claims": list(sel.claims())}


def _assert_closed(sel: Selection) -> None:
    """Every entity a fact names and every document a support names is in the selection."""
    entities = {e["id"] for e in sel.entities()}
    documents = {d["id"] for d in sel.documents()}
    facts = _facts(sel)
    for r in facts["relations"]:
        assert {r.subject.id, r.object.id} <= entities
    for e in facts["events"]:
        assert {p.entity.id for p in e.participants} <= entities
        assert e.place is None or e.place.id in entities
    for k in facts["claims"]:
        assert k.source_entity is None or k.source_entity.id in entities
    for items in facts.values():
        for fact in items:
            assert {s.document for s in fact.supports} <= documents
    assert {m["entity"] for m in sel.mentions()} <= entities


def test_unfiltered_selection_is_the_whole_store_in_id_order(store: SQLiteStore) -> None:
    sel = Selection(store)
    docs = list(sel.documents())
    assert len(docs) == store.counts()["documents"]
    entities = list(sel.entities())
    assert {e["id"] for e in entities} >= {e.id for e in store.entities()}
    for ids in ([x["id"] for x in docs], [x["id"] for x in entities], *([f.id for f in items]
                                                                           for items in _facts(sel).values())):
        assert ids == sorted(ids) and len(ids) == len(set(ids))
    mentions = list(sel.mentions())
    assert len(mentions) == store.counts()["mentions"]
    for m in mentions[:50]:
        text = sel.document_text(m["document"])
        assert text[m["start"]:m["end"]] == m["text"]
        assert m["sentence_start"] <= m["start"] < m["end"] <= m["sentence_end"]
    _assert_closed(sel)
    assert _facts(sel) == _facts(Selection(store))  # deterministic


def test_modality_and_min_sources_filters(store: SQLiteStore) -> None:
    sel = Selection(store, ExportFilters(modalities=frozenset({"alleged", "denied"})))
    facts = _facts(sel)
    assert facts["relations"] or facts["claims"]
    assert all(f.modality in {"alleged", "denied"} for items in facts.values() for f in items)
    _assert_closed(sel)
    everything = _facts(Selection(store))
    most = max(f.independent_sources for items in everything.values() for f in items)
    assert most >= 2, "the example corpus has corroborated facts"
    strong = _facts(Selection(store, ExportFilters(min_sources=2)))
    assert all(f.independent_sources >= 2 for items in strong.values() for f in items)
    n_strong = sum(len(v) for v in strong.values())
    assert 0 < n_strong < sum(len(v) for v in everything.values())


def test_entity_type_filter_trims_facts_to_those_types(store: SQLiteStore) -> None:
    types = frozenset({"person", "organization"})
    sel = Selection(store, ExportFilters(entity_types=types))
    assert {e["type"] for e in sel.entities()} <= types
    for r in sel.relations():
        assert {r.subject.type, r.object.type} <= types
    for e in sel.events():
        assert e.place is None  # places are not of the selected types
    _assert_closed(sel)


def test_date_range_keeps_facts_that_overlap_it(store: SQLiteStore) -> None:
    sel = Selection(store, ExportFilters(date_from="2025-09", date_to="2025-09-30"))
    events = list(sel.events())
    assert events
    for e in events:
        lo, hi = bounds(e.date)  # type: ignore[misc]
        assert hi.isoformat() >= "2025-09-01" and lo.isoformat() <= "2025-09-30"
    for r in sel.relations():
        assert r.last_seen >= "2025-09" and r.first_seen <= "2025-09-30"
    _assert_closed(sel)
    with pytest.raises(UsageError):
        Selection(store, ExportFilters(date_from="last Tuesday"))


def test_around_is_the_subgraph_within_hops(store: SQLiteStore) -> None:
    [seed] = store.find_entities("Jamaat-ul-Burhan")
    ego = Selection(store, ExportFilters(around=("Jamaat-ul-Burhan",), hops=1))
    wider = Selection(store, ExportFilters(around=("Jamaat-ul-Burhan",), hops=2))
    ego_ids = {e["id"] for e in ego.entities()}
    assert seed.id in ego_ids
    assert ego_ids < {e["id"] for e in wider.entities()} < {e["id"] for e in Selection(store).entities()}
    # with one hop, every relation touches the seed or joins two of its neighbours
    neighbours = {r.object.id for r in ego.relations() if r.subject.id == seed.id}
    neighbours |= {r.subject.id for r in ego.relations() if r.object.id == seed.id}
    assert neighbours
    _assert_closed(ego)
    only_seed = Selection(store, ExportFilters(around=("Jamaat-ul-Burhan",), hops=0))
    for r in only_seed.relations():
        assert r.subject.id == r.object.id == seed.id
    with pytest.raises(UsageError, match="no entity named"):
        Selection(store, ExportFilters(around=("Nobody At All",)))
