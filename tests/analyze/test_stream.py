"""The streamed facts (``Analysis.iter_*``) are the in-memory ones (``all_*``), filters and fallbacks included."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.analyze import Analysis, refresh
from dossier.store import open_store
from tests.conftest import copy_db

KINDS = ("relations", "events", "claims")


@pytest.fixture(scope="module")
def analysis(example_db: Path) -> Iterator[Analysis]:
    with open_store(example_db, readonly=True) as store:
        yield Analysis(store)


def _by_id(facts: Any) -> list[dict[str, Any]]:
    out = list(facts)
    assert [f.id for f in out] == sorted(f.id for f in out)
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_stream_equals_in_memory(analysis: Analysis, kind: str) -> None:
    streamed = list(getattr(analysis, f"iter_{kind}")())
    assert len({f.id for f in streamed}) == len(streamed)  # each group yielded once
    assert streamed == getattr(analysis, f"all_{kind}")()  # same facts, in the same (id) order
    assert len(streamed) > 10
    assert [f.id for f in getattr(analysis, f"iter_{kind}")()] == [f.id for f in streamed]  # deterministic


def test_stream_has_multi_support_facts(analysis: Analysis) -> None:
    """The comparison above means something: some facts of each kind gather several reports."""
    for kind in KINDS:
        assert any(f.documents >= 2 for f in getattr(analysis, f"iter_{kind}")()), kind


def test_symmetric_relations_grouped_once(analysis: Analysis) -> None:
    keys = [(f.subject.id, f.predicate, f.object.id) for f in analysis.iter_relations()]
    assert all(s <= o for s, p, o in keys if p == "associate")
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(("kind", "filters"), [
    ("relations", {"predicate": "member_of"}), ("relations", {"min_sources": 2}),
    ("relations", {"date_from": "2025-09", "date_to": "2025-10"}), ("events", {"type_": "attack"}),
    ("events", {"min_sources": 2}), ("events", {"date_from": "2025"}), ("claims", {"modality": "denied"}),
    ("claims", {"text": "the"}), ("claims", {"min_sources": 2}),
])
def test_stream_filters(analysis: Analysis, kind: str, filters: dict[str, Any]) -> None:
    want = getattr(analysis, kind)(**filters)
    assert _by_id(getattr(analysis, f"iter_{kind}")(**filters)) == want
    assert len(want) < len(getattr(analysis, f"all_{kind}")())


def test_entities_filter(analysis: Analysis) -> None:
    some = {analysis.all_relations()[0].subject.id}
    assert _by_id(analysis.iter_relations(entities=some)) == analysis.relations(entities=some)
    assert _by_id(analysis.iter_events(entities=some)) == analysis.events(entities=some)


def test_fallback_without_stored_groups(example_db: Path, tmp_path: Path) -> None:
    """A store whose derived tables lack rows streams the in-memory grouping; a refresh fills them again."""
    db = copy_db(example_db, tmp_path / "copy.db")
    with open_store(db) as store:
        want = {k: getattr(Analysis(store), f"all_{k}")() for k in ("events", "claims")}
        store.conn.execute("DELETE FROM claim_groups WHERE claim IN "
                           "(SELECT claim FROM claim_groups ORDER BY claim LIMIT 3)")
        store.conn.execute("DELETE FROM event_clusters WHERE event IN "
                           "(SELECT event FROM event_clusters ORDER BY event LIMIT 3)")
        store.conn.commit()
        a = Analysis(store)
        assert _by_id(a.iter_claims()) == want["claims"]
        assert _by_id(a.iter_events()) == want["events"]
        stats = refresh(store)
        assert stats.claims_regrouped >= 1
        assert store.query("SELECT count(*) AS n FROM claim_groups")[0]["n"] == \
            sum(len(f.supports) for f in want["claims"])
        assert _by_id(Analysis(store).iter_claims()) == want["claims"]


def test_claim_groups_incremental(example_db: Path, tmp_path: Path) -> None:
    """A refresh regroups nothing when nothing changed, and a full one gives the same groups."""
    db = copy_db(example_db, tmp_path / "copy.db")
    with open_store(db) as store:
        before = store.query("SELECT claim, grp, partition FROM claim_groups ORDER BY claim")
        assert refresh(store).claims_regrouped == 0
        stats = refresh(store, full=True)
        assert stats.claims_regrouped == stats.claim_partitions > 0
        after = store.query("SELECT claim, grp, partition FROM claim_groups ORDER BY claim")
        assert [tuple(r) for r in after] == [tuple(r) for r in before]
