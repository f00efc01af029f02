"""Cross-document resolution over a store: what merges, what stays apart, judgements, incremental == batch."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.resolve import blocking
from dossier.store import open_store
from tests.conftest import EXAMPLES
from tests.resolve.entity_factory import (
    L,
    O,
    P,
    entity_of,
    extraction,
    links,
    report,
    store_with,
    without_events,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import resolve_scale  # noqa: E402

HSW = "Harakat al-Sumud al-Watani"
TEHRAN = L("Tehran", "112931", "IR")


def corpus() -> list:  # type: ignore[type-arg]
    """Four reports on one story, spelt four ways, and one on another story."""
    return [
        report("a.txt", P("Yousef al-Haddad", ["Al-Haddad"]), O(HSW, ["HSW"]), P("Sarfraz Ahmed Chattha"), TEHRAN,
               P("Mohammed Ehsanul Karim Bhuiyan"),
               rel=[("Yousef al-Haddad", "membership", HSW, "spokesperson")]),
        report("b.txt", P("Yusuf el-Haddad"), O("Harakat el-Sumud el-Watani", ["HSW"]),
               P("Sarfaraz Ahmad Chattha"), TEHRAN, rel=[("Yusuf el-Haddad", "membership",
                                                          "Harakat el-Sumud el-Watani", "representative")]),
        report("c.txt", P("Haddad"), O("HSW"), P("Lt Gen (Retd) Sarfraz Ahmed Chattha"), TEHRAN),
        report("d.txt", O("Sumud"), P("Yousef Al-Haddad"), P("Sarfraz Ahmed Chattha"), TEHRAN),
        report("e.txt", P("Muhammad Ehsanul Karim Bhuiyan"), O("Nilkantha Maritime Ltd"), P("Farhad Karimi-Nasab"),
               L("Chattogram", "1205733", "BD")),
    ]


def test_variants_acronyms_titles_and_partial_names_merge(tmp_path: Path) -> None:
    with store_with(tmp_path / "s.db", *corpus()) as store:
        haddad = {entity_of(store, s, n) for s, n in [("a.txt", "Yousef al-Haddad"), ("b.txt", "Yusuf el-Haddad"),
                                                       ("c.txt", "Haddad"), ("d.txt", "Yousef Al-Haddad")]}
        assert len(haddad) == 1
        movement = {entity_of(store, s, n) for s, n in [("a.txt", HSW), ("b.txt", "Harakat el-Sumud el-Watani"),
                                                         ("c.txt", "HSW"), ("d.txt", "Sumud")]}
        assert len(movement) == 1
        assert entity_of(store, "c.txt", "Lt Gen (Retd) Sarfraz Ahmed Chattha") == \
            entity_of(store, "b.txt", "Sarfaraz Ahmad Chattha")
        assert entity_of(store, "a.txt", "Mohammed Ehsanul Karim Bhuiyan") == \
            entity_of(store, "e.txt", "Muhammad Ehsanul Karim Bhuiyan")
        assert len({entity_of(store, f"{s}.txt", "Tehran") for s in "abcd"}) == 1
        # the store's views sit on top of the links
        [card] = store.find_entities("Yusuf el-Haddad")
        assert card.name.casefold() == "yousef al-haddad" and card.type == "person" and card.n_documents == 4
        assert store.entity(card.id) is not None
        assert {e.name for e in store.entities("organization")} >= {HSW, "Nilkantha Maritime Ltd"}


def test_same_name_different_people_kept_apart_by_context(tmp_path: Path) -> None:
    militant = [
        report(f"m{i}.txt", P("Muhammad Ali Khan"), O("Jamaat-ul-Burhan", ["JuB"]), P("Zubair Ahmed Gondal"),
               P("Qasim Raza Siddiqui"), L("Lahore", "1172451", "PK"),
               rel=[("Muhammad Ali Khan", "membership", "Jamaat-ul-Burhan", "commander")]) for i in range(3)]
    shipper = [
        report(f"s{i}.txt", P("Muhammad Ali Khan"), O("Bluestar Shipping Ltd"), P("Kamrul Hasan Mollah"),
               P("Sadman Shahid"), L("Dhaka", "1185241", "BD"),
               rel=[("Muhammad Ali Khan", "leadership", "Bluestar Shipping Ltd", "chairman")]) for i in range(3)]
    with store_with(tmp_path / "s.db", *militant, *shipper) as store:
        m = {entity_of(store, r.source, "Muhammad Ali Khan") for r in militant}
        s = {entity_of(store, r.source, "Muhammad Ali Khan") for r in shipper}
        assert len(m) == 1 and len(s) == 1 and m != s
        assert len(store.find_entities("Muhammad Ali Khan")) == 2
        # a report that only names him gives no reason to pick one and is not a contradiction either:
        # it joins a cluster, but never makes the two one
        store.add_extraction(extraction(report("x.txt", P("Muhammad Ali Khan"))))
        pipeline.resolve(store)
        assert len(store.find_entities("Muhammad Ali Khan")) == 2


def test_judgements_survive_reruns_and_new_ingests(tmp_path: Path) -> None:
    with store_with(tmp_path / "s.db", *corpus()) as store:
        r = pipeline.judge(store, "split", "Haddad", "Yousef al-Haddad")
        assert r.honoured and r.entity_a != r.entity_b
        r2 = pipeline.judge(store, "merge", "Nilkantha Maritime Ltd", HSW, note="test")
        assert r2.honoured
        before = links(store)
        pipeline.resolve(store, full=True)
        assert links(store) == before
        store.add_extraction(extraction(report("f.txt", P("Haddad"), O("HSW"), P("Yousef al-Haddad"), TEHRAN)))
        pipeline.resolve(store)
        assert entity_of(store, "c.txt", "Haddad") != entity_of(store, "a.txt", "Yousef al-Haddad")
        assert entity_of(store, "e.txt", "Nilkantha Maritime Ltd") == entity_of(store, "a.txt", HSW)
        # a later merge of the same pair undoes the split
        pipeline.judge(store, "merge", "Haddad", "Yousef al-Haddad")
        assert entity_of(store, "c.txt", "Haddad") == entity_of(store, "a.txt", "Yousef al-Haddad")


def test_conflicting_judgements_splits_hold_and_the_latest_merge_wins(tmp_path: Path) -> None:
    people = [report(f"{n}.txt", P(name)) for n, name in [("a", "Anas Habib"), ("b", "Hamza Raza"),
                                                          ("c", "Omer Tiwana")]]
    with store_with(tmp_path / "s.db", *people) as store:
        assert pipeline.judge(store, "split", "Anas Habib", "Omer Tiwana").honoured
        assert pipeline.judge(store, "merge", "Anas Habib", "Hamza Raza").honoured
        r = pipeline.judge(store, "merge", "Hamza Raza", "Omer Tiwana")  # the latest merge wins over #2
        assert r.honoured and r.broken == (2,)
        assert entity_of(store, "a.txt", "Anas Habib") != entity_of(store, "c.txt", "Omer Tiwana")  # split holds
        r = pipeline.judge(store, "merge", "Anas Habib", "Omer Tiwana")  # replaces the split on that very pair
        assert r.honoured and 1 in r.broken


def test_bad_references_change_nothing(tmp_path: Path) -> None:
    from dossier.exc import UsageError

    with store_with(tmp_path / "s.db", *corpus()) as store:
        before = links(store)
        for a, b in [("Nobody At All", HSW), ("ent_0000000000000000", HSW), ("lent_nope", HSW), (HSW, HSW), ("", HSW)]:
            with pytest.raises(UsageError):
                pipeline.judge(store, "merge", a, b)
        assert store.query("SELECT count(*) FROM resolution_judgements")[0][0] == 0
        assert links(store) == before


def test_a_changed_resolver_resolves_again(tmp_path: Path) -> None:
    with store_with(tmp_path / "s.db", *corpus()) as store:
        before = links(store)
        store.conn.execute("UPDATE meta SET value='older' WHERE key='resolver'")
        stats = pipeline.resolve(store)
        assert stats.full and stats.new_entities == len(before)
        assert links(store) == before


def _incremental_vs_batch(tmp_path: Path, reports: list, slices: int) -> None:  # type: ignore[type-arg]
    with store_with(tmp_path / "batch.db", *reports) as store:
        batch = links(store)
    with open_store(tmp_path / "inc.db") as store:
        for k in range(slices):
            for r in reports[k * len(reports) // slices:(k + 1) * len(reports) // slices]:
                store.add_extraction(extraction(r))
            pipeline.resolve(store)
        assert links(store) == batch
    shuffled = list(reports)
    random.Random(3).shuffle(shuffled)
    with open_store(tmp_path / "shuffled.db") as store:
        for r in shuffled:
            store.add_extraction(extraction(r))
            pipeline.resolve(store)
        assert links(store) == batch


def test_incremental_equals_batch_small(tmp_path: Path) -> None:
    _incremental_vs_batch(tmp_path, corpus(), slices=5)


def test_incremental_equals_batch_when_blocks_outgrow_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Synthetic reports with a tiny cap: blocks cross the cap and change pivots between slices."""
    monkeypatch.setattr(blocking, "CAP", 5)
    monkeypatch.setattr(blocking, "PIVOTS", 2)
    docs = list(resolve_scale.generate(2500, seed=11))
    reports = []
    for d in docs:
        kinds = {"person": P, "organization": O}
        ents = []
        for _id, type_, name, aliases, attrs, _truth in d.entities:
            if type_ == "place":
                ents.append(L(name, attrs.get("geonameid"), attrs.get("country", "")))
            else:
                ents.append(kinds[type_](name, aliases))
        names = {e[0]: e[2] for e in d.entities}
        rels = [(names[s], p, names[o], role) for _rid, s, p, o, role in d.relations]
        if len({e.name for e in ents}) == len(ents):  # the factory names entities uniquely per report
            reports.append(report(d.source, *ents, rel=rels))
    assert len(reports) > 100
    _incremental_vs_batch(tmp_path, reports, slices=7)


@pytest.fixture(scope="module")
def example_extractions():  # type: ignore[no-untyped-def]
    from dossier.extract.pipeline import extract
    from dossier.ingest.limits import Limits
    from dossier.ingest.parse import parse_input
    from dossier.ingest.sources import InputRef

    out = []
    for path in sorted(EXAMPLES.iterdir()):
        doc = parse_input(InputRef(source=path.name, path=str(path)), Limits())
        out.append(without_events(extract(doc)))  # resolution reads entities, mentions and relations only
    return out


def test_examples_one_by_one_equal_all_at_once(tmp_path: Path, example_extractions) -> None:  # type: ignore[no-untyped-def]
    with open_store(tmp_path / "batch.db") as store:
        for x in example_extractions:
            store.add_extraction(x)
        pipeline.resolve(store)
        batch = links(store)
        n_entities = len(set(batch.values()))
    with open_store(tmp_path / "inc.db") as store:
        for x in reversed(example_extractions):
            store.add_extraction(x)
            pipeline.resolve(store)
        assert links(store) == batch
    assert n_entities < len(batch)  # it did merge across reports


def test_a_resolution_run_makes_no_reference_cycle_so_pausing_the_collector_frees_everything(
        example_db: Path, tmp_path: Path) -> None:
    import gc

    from dossier.resolve import engine
    from dossier.store.sqlite import SQLiteStore
    from tests.conftest import copy_db

    db = copy_db(example_db, tmp_path / "copy.db")
    with SQLiteStore(db) as store:
        gc.collect()
        engine.resolve(store, full=True)  # every profile, block, pair and cluster of the examples
        assert gc.isenabled()  # back on after the run
        assert gc.collect() == 0  # nothing the run made waits for the collector
        touched = [r[0] for r in store.conn.execute("SELECT id FROM local_entities ORDER BY id LIMIT 40")]
        engine.resolve(store, touched=touched)  # an increment: the region search around what changed
        assert gc.collect() == 0
