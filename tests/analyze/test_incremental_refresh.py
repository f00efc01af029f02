"""The analysis refresh after one more report recomputes only what the report changes (issue 13: an upload to a
large store), and leaves exactly what a full refresh (``dossier analyze --full``) leaves: event blocks split by
content, so a new record moves the cuts of its own chunk only; and, in a process that keeps what it computed
(the web server's writer worker), the same answer from the kept records and views."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.analyze import event_groups, refresh
from dossier.analyze.refresh import keep_computed
from dossier.extract.pipeline import extract
from dossier.model import Document
from dossier.resolve.event_coref import EventView
from dossier.store import open_store
from dossier.store.analysis import reading
from dossier.store.sqlite import SQLiteStore
from tests.conftest import copy_db

pytestmark = pytest.mark.model  # ingests a report (the spaCy model loads): tests/conftest.py

# a meeting of people the example corpus does not name (its blocks are its own), then a report naming its people
# (an envoy's meeting, a financier's arrest; in a corpus this small, a name more changes which are specific)
NEW = ("ISLAMABAD, March 4 (Wire) - Imran Khan met Shah Mahmood Qureshi in Islamabad on Tuesday, officials said. "
       "Qureshi later told reporters that Farid Anwar Baloch would join the talks.\n")
KNOWN = ("TEHRAN, August 21, 2025 (Wire) - Yousef al-Haddad, a spokesperson of the Harakat al-Sumud al-Watani, met "
          "Sarfraz Ahmed Chattha in Tehran on Tuesday, the movement said. Police in Lahore said Qasim Raza Siddiqui "
          "had been questioned again. Farid Anwar Baloch, a lawyer, said the arrest was unlawful.\n")


def _view(i: int, rng: random.Random, people: list[str]) -> EventView:
    a, b = rng.sample(people, 2)
    day = dt.date(2011, 1, 1) + dt.timedelta(days=rng.randrange(300))
    return EventView(id=f"e{i:05d}", document=f"d{i}", lemma=rng.choice(("meeting", "talk", "visit")),
                     type="meeting", date=(day, day), granularity="day", participants=frozenset({a, b}),
                     specific=frozenset({a, b}), people=frozenset({a, b}))


def test_a_record_added_to_a_split_block_changes_the_chunks_around_it() -> None:
    rng = random.Random(5)
    people = [f"p{i:02d}" for i in range(40)]
    views = [_view(i, rng, people) for i in range(3000)]
    before = {tuple(v.id for v in b) for b in event_groups.blocks(views)}
    sizes = sorted(len(b) for b in before)
    assert sizes[-1] <= event_groups.MAX_BLOCK and sum(sizes) == 3000
    assert sum(1 for n in sizes if n >= event_groups.MIN_CHUNK) >= 10  # one block of 3000, split
    for i in range(3000, 3010):  # ten more records, one at a time
        added = _view(i, rng, people)
        after = [tuple(v.id for v in b) for b in event_groups.blocks([*views, added])]
        changed = [b for b in after if b not in before]
        assert any(added.id in b for b in changed)
        assert len(changed) <= 3, len(changed)  # not every chunk after it, as cutting by position did
        views.append(added)
        before = set(after)


def _tables(store: SQLiteStore) -> tuple[list[tuple[object, ...]], ...]:
    return tuple([tuple(r) for r in store.query(sql)] for sql in (
        "SELECT event, cluster, partition, score FROM event_clusters ORDER BY event",
        "SELECT partition, signature FROM event_partitions ORDER BY partition",
        "SELECT claim, grp, partition FROM claim_groups ORDER BY claim",
        "SELECT partition, signature FROM claim_partitions ORDER BY partition",
        "SELECT document, signature FROM document_signatures ORDER BY document"))


@pytest.fixture
def kept() -> Iterator[None]:
    yield
    keep_computed(False)


@pytest.mark.parametrize("keep", [False, True], ids=["one-off", "kept"])
def test_a_refresh_after_one_report_equals_a_full_one(example_db: Path, tmp_path: Path, kept: None,
                                                       monkeypatch: pytest.MonkeyPatch, keep: bool) -> None:
    with open_store(copy_db(example_db, tmp_path / "inc.db")) as store:
        whole = refresh(store, full=True).partitions
        # blocks split at a few records, so that the example corpus has split blocks to keep in step
        monkeypatch.setattr(event_groups, "MAX_BLOCK", 6)
        monkeypatch.setattr(event_groups, "MIN_CHUNK", 2)
        assert refresh(store, full=True).partitions > whole
        keep_computed(keep)
        if keep:
            event_groups.prepare(reading(store))
        for name, text in (("new.txt", NEW), ("known.txt", KNOWN)):
            store.add_extraction(extract(Document(Document.make_id(text), text, f"upload/{name}")))
            pipeline.resolve(store, analysis=False)
            stats = refresh(store)
            assert stats.signatures == 1
            if text is NEW:
                assert 0 < stats.reclustered <= 3, stats  # the report's own blocks, not every chunk
        incremental = _tables(store)
        again = refresh(store)
        assert again.reclustered == 0 and again.claims_regrouped == 0  # nothing changed since
        assert _tables(store) == incremental
        keep_computed(False)  # the full refresh reads and computes everything again
        refresh(store, full=True)
        assert _tables(store) == incremental
