"""The store's read interface: what a reader gets back is what was written, as typed read models, on writable
and read-only stores alike; the small writers beside them (watchlists, ratings, fetch cache) keep their rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.extract.pipeline import extract
from dossier.model.records import Fetch
from dossier.model.views import SourceRating
from dossier.model.watch import WatchEntry, WatchlistInfo
from dossier.store import documents, fetch_cache, generation, mentions, open_store, ratings, records, screening
from tests.conftest import make_document

REPORT = (
    "Talks in Doha stall\n\nDOHA, March 3, 2025 (Gulf Ledger) - Envoy Karim Nassar of the Sumud Front (SF) met "
    "Qatari officials in Doha on Monday. Nassar said the SF would return to the talks."
)


def test_records_read_back_as_written(store_path: Path) -> None:
    x = extract(make_document(REPORT, source="a.txt"))
    assert x.relations and x.events and x.claims  # the report has one of each kind
    with open_store(store_path) as store:
        store.add_extraction(x)
        assert list(records.relations(store)) == sorted(x.relations, key=lambda r: r.id)
        stored = list(records.events(store))
        assert all(s.detailed for s in stored)
        assert [s.event for s in stored] == sorted(x.events, key=lambda e: e.id)
        assert list(records.claims(store)) == sorted(x.claims, key=lambda k: k.id)
        named = dict(records.named_locals(store))
        assert named[x.relations[0].id] == (x.relations[0].subject, x.relations[0].object)


def test_a_new_version_hides_the_old_records(store_path: Path) -> None:
    v1 = extract(make_document(REPORT, source="a.txt"))
    v2 = extract(make_document(REPORT.replace("Monday", "Tuesday"), source="a.txt"))
    with open_store(store_path) as store:
        store.add_extraction(v1)
        store.add_extraction(v2)
        current = list(documents.documents(store))
        assert [(d.id, d.version, d.is_current, d.previous) for d in current] == [(v2.document.id, 2, True,
                                                                                   v1.document.id)]
        every = list(documents.documents(store, current_only=False, order="source"))
        assert [(d.version, d.is_current) for d in every] == [(1, False), (2, True)]
        assert {r.document for r in records.relations(store)} == {v2.document.id}
        old = documents.document(store, v1.document.id)
        assert old is not None and old.text == v1.document.text and not old.is_current
        assert documents.document(store, "doc_nope") is None
        assert documents.current_sources(store) == ["a.txt"]


def test_mentions_carry_their_sentence(store_path: Path) -> None:
    x = extract(make_document(REPORT, source="a.txt"))
    with open_store(store_path) as store:
        store.add_extraction(x)
        nassar = next(e for e in x.entities if e.name == "Karim Nassar")
        found = mentions.mentions_of(store, (nassar.id,))
        assert len(found) == sum(1 for m in x.mentions if m.entity == nassar.id) >= 2
        for m in found:
            assert x.document.text[m.start:m.end] == m.text
            assert m.sentence_text and m.text in m.sentence_text and m.source == "a.txt"
        assert mentions.first_mentions(store, (nassar.id,), 1)[0].start == found[0].start
        in_doc = mentions.document_mentions(store, x.document.id)
        assert [(m.start, m.end) for m in in_doc] == sorted((m.start, m.end) for m in x.mentions)


def test_readers_work_on_a_read_only_store(example_db: Path) -> None:
    with open_store(example_db, readonly=True) as store:
        docs = list(documents.documents(store))
        assert docs and [d.id for d in docs] == sorted(d.id for d in docs)
        assert all(d.text is None for d in docs)
        linked = [e for d in docs for e in documents.document_entities(store, d.id)]
        assert linked and all(store.entity(e) is not None for e in linked)
        links = records.entity_links(store)
        assert set(linked) <= set(links.values())
        canonical = list(mentions.canonical_mentions(store))
        assert canonical and all(m.entity in set(links.values()) for m in canonical)
        assert generation.generation(store) == generation.generation(store)


def test_watchlists_replace_and_remove(store_path: Path) -> None:
    entries = [WatchEntry("2", "Person", "KARIM NASSAR", ("K. Nassar",), {"programs": "X"}),
               WatchEntry("1", "Organization", "SUMUD FRONT")]
    info = WatchlistInfo("t", "csv", "t.csv", "ab" * 32, None, len(entries), "2026-12-06T00:00:00Z")
    with open_store(store_path) as store:
        screening.replace_watchlist(store, info, entries)
        assert screening.watchlists(store) == [info]
        assert screening.watch_entries(store, "t") == sorted(entries, key=lambda e: e.id)
        assert screening.has_entry(store, "t", "2") and not screening.has_entry(store, "t", "3")
        screening.record_verdict(store, "Karim Nassar", "t", "2", "confirmed", None, "2026-12-06T00:00:01Z")
        assert screening.verdicts(store) == {("karim nassar", "t", "2"): "confirmed"}
        assert screening.delete_watchlist(store, "t") and not screening.delete_watchlist(store, "t")
        assert screening.watchlists(store) == [] and screening.watch_entries(store, "t") == []


def test_ratings_and_fetch_cache(store_path: Path) -> None:
    with open_store(store_path) as store:
        before = generation.generation(store)
        ratings.rate(store, SourceRating("gulf ledger", "Gulf Ledger", "B", "checked", "2026-12-06T00:00:00Z"))
        assert ratings.ratings(store)["gulf ledger"].reliability == "B"
        assert generation.generation(store) != before  # a rating changes grades: the web index is rebuilt
        assert fetch_cache.validators(store, "https://example.org/a") is None
        first = Fetch("https://example.org/a", "https://example.org/a", '"e1"', None, 200, "h1",
                                  "doc_1", "2026-12-06T00:00:00Z")
        fetch_cache.remember(store, first)
        fetch_cache.remember(store, Fetch(first.url, first.url, '"e2"', None, 200, "h1", None,
                                                      "2026-12-06T00:00:01Z"))
        assert fetch_cache.validators(store, first.url) == ('"e2"', None, "h1")
        row = store.conn.execute("SELECT document FROM fetch_cache WHERE url = ?", (first.url,)).fetchone()
        assert row[0] == "doc_1"  # a re-fetch that found nothing new keeps the document it gave before


@pytest.mark.parametrize("order", ["id", "source", "ingested"])
def test_document_orders(store_path: Path, order: str) -> None:
    with open_store(store_path) as store:
        for i, text in enumerate(("Zed report text here.", "Alpha report text here.")):
            store.add_extraction(extract(make_document(text, source=f"{'zb'[i]}.txt")))
        got = [d.source for d in documents.documents(store, order=order)]  # type: ignore[arg-type]
        want = {"id": [d.source for d in sorted(documents.documents(store), key=lambda d: d.id)],
                "source": ["b.txt", "z.txt"], "ingested": ["z.txt", "b.txt"]}[order]
        if order == "ingested":  # the same second: ingestion time ties, then by source
            times = {d.ingested_at for d in documents.documents(store)}
            want = ["z.txt", "b.txt"] if len(times) == 2 else ["b.txt", "z.txt"]
        assert got == want
