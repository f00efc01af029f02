"""Corroboration, discrepancies and event clusters on the example corpus, ingested by the real CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dossier import pipeline
from dossier.analyze import Analysis
from dossier.cli.main import cli
from dossier.model.facts import FigureSupport
from dossier.store import open_store
from tests.conftest import EXAMPLES, copy_db

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py

SYNDICATED = ("01_frontier-wire_bahawalpur-convention.txt", "02_civic-herald_bahawalpur-rally-syndicated.txt")


@pytest.fixture(scope="module")
def analysis(example_db: Path) -> Any:
    with open_store(example_db, readonly=True) as store:
        a = Analysis(store)
        a.all_relations(), a.all_events(), a.all_claims()
        yield a


def _names(a: Analysis, supports: list[dict[str, Any]]) -> set[str]:
    return {Path(s.source).name for s in supports}


def test_every_support_points_at_the_exact_characters(analysis: Analysis) -> None:
    texts: dict[str, str] = {}
    n = 0
    for fact in analysis.all_relations() + analysis.all_events() + analysis.all_claims():
        assert fact.supports, fact.id
        assert 1 <= fact.independent_sources <= fact.documents <= len(fact.supports)
        for s in fact.supports:
            for ev in s.evidence:
                text = texts.setdefault(ev.document, analysis.store.document_text(ev.document) or "")
                assert text[ev.start:ev.end] == ev.text
                n += 1
    assert n > 100


def test_a_syndicated_copy_is_not_a_second_source(analysis: Analysis) -> None:
    only_copies = [f for f in analysis.all_relations() + analysis.all_claims()
                   if _names(analysis, f.supports) == set(SYNDICATED)]
    assert only_copies, "the syndicated pair shares facts"
    for f in only_copies:
        assert (f.documents, f.independent_sources) == (2, 1), f
        assert f.grade[1] not in "12"  # one source: never confirmed nor probably true


def test_independent_reports_confirm_a_fact(analysis: Analysis) -> None:
    confirmed = [f for f in analysis.all_relations() if f.independent_sources >= 2 and f.grade == "F1"]
    assert confirmed
    for f in confirmed:
        assert f.modality in ("asserted", "reported")
        assert "confirmed" in f.grade_reason


def test_one_fact_from_several_reports_keeps_every_report(analysis: Analysis) -> None:
    # the same relation extracted from different reports is one fact with one support per record
    ids = [f.id for f in analysis.all_relations()]
    assert len(ids) == len(set(ids))
    records = [s.record for f in analysis.all_relations() for s in f.supports]
    assert len(records) == len(set(records)) == len(analysis.facts.relations())


def test_events_told_by_several_outlets_are_one_event(analysis: Analysis) -> None:
    multi = [f for f in analysis.all_events() if f.independent_sources >= 2]
    assert multi
    records = [s.record for f in analysis.all_events() for s in f.supports]
    assert len(records) == len(set(records)) == len(analysis.facts.events())


def test_discrepancies_show_both_sides_with_evidence(analysis: Analysis) -> None:
    items = analysis.discrepancies()
    kinds = {d.kind for d in items}
    # the examples' one casualty dispute (report 15's "assault" in Khyber Pakhtunkhwa on 1 March, report 17's
    # "attack" in Pakistan last week) has no positive evidence of being one event (other trigger, a region and
    # a country, a week, no shared named participant): casualty disputes are tested in test_event_evidence.py
    assert "role" in kinds
    for d in items:
        assert len(d.values) >= 2, d
        for v in d.values:
            assert v.supports and all(s.evidence for s in v.supports)
    for d in (d for d in items if d.kind == "casualties"):
        values = {int(w) for v in d.values for w in v.value.split() if w.isdigit()}
        assert len(values) >= 2  # different figures, not one figure said twice
        for v in d.values:
            for s in v.supports:
                assert isinstance(s, FigureSupport)
                fig = s.figure
                text = analysis.store.document_text(fig.document) or ""
                assert text[fig.start:fig.end] == fig.text


def test_role_discrepancy_needs_two_sources_with_disjoint_roles(analysis: Analysis) -> None:
    for d in analysis.discrepancies(kind="role"):
        origins = {s.origin for v in d.values for s in v.supports}
        assert len(origins) >= 2


def test_ratings_change_the_letter_not_the_credibility(example_db: Path, tmp_path: Path) -> None:
    db = copy_db(example_db, tmp_path / "rated.db")
    with open_store(db, readonly=True) as store:
        before = {f.id: f.grade for f in Analysis(store).all_relations()}
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", str(db), "rate", "Frontier Wire", "B"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    with open_store(db, readonly=True) as store:
        after = Analysis(store).all_relations()
    changed = [f for f in after if before[f.id] != f.grade]
    assert changed
    for f in after:
        assert f.grade[1] == before[f.id][1]
        assert f.grade[0] == ("B" if "Frontier Wire" in {s.publisher for s in f.supports} else "F")


def test_events_one_by_one_equal_all_at_once(tmp_path: Path) -> None:
    from dossier.extract.pipeline import extract
    from dossier.ingest.limits import Limits
    from dossier.ingest.parse import parse_input
    from dossier.ingest.sources import InputRef

    paths = sorted(EXAMPLES.iterdir())[:9]  # storylines A and B and the start of C: enough to share events
    xs = [extract(parse_input(InputRef(source=p.name, path=str(p)), Limits())) for p in paths]

    def clusters(store: Any) -> dict[str, str]:
        return {r["event"]: r["cluster"] for r in store.query("SELECT event, cluster FROM event_clusters")}

    with open_store(tmp_path / "batch.db") as store:
        for x in xs:
            store.add_extraction(x)
        pipeline.resolve(store)
        batch = clusters(store)
    with open_store(tmp_path / "inc.db") as store:
        for x in reversed(xs):
            store.add_extraction(x)
            pipeline.resolve(store)
        assert clusters(store) == batch
        assert len(set(batch.values())) < len(batch)  # some events did join across reports
        full = store.query("SELECT count(*) FROM event_partitions")[0][0]
        from dossier.analyze import refresh

        assert refresh(store).reclustered == 0  # nothing changed, nothing recomputed
        assert refresh(store, full=True).partitions == full


def test_cli_facts_discrepancies_sources(example_db: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", str(example_db), "facts", "relations", "--min-sources", "2", "--json"],
                      catch_exceptions=False)
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert rows and all(f["independent_sources"] >= 2 for f in rows)
    r = runner.invoke(cli, ["--db", str(example_db), "facts", "events"], catch_exceptions=False)
    assert r.exit_code == 0 and "independent" in r.output and "why F" in r.output
    r = runner.invoke(cli, ["--db", str(example_db), "discrepancies", "--kind", "role", "--json"],
                      catch_exceptions=False)
    assert r.exit_code == 0
    assert {d["kind"] for d in json.loads(r.output)} == {"role"}
    r = runner.invoke(cli, ["--db", str(example_db), "sources"], catch_exceptions=False)
    assert r.exit_code == 0 and "syndicated with" in r.output
    r = runner.invoke(cli, ["--db", str(example_db), "facts", "relations", "--entity", "Nobody Atall"])
    assert r.exit_code == 2 and "no entity named" in r.output  # a usage error
    r = runner.invoke(cli, ["--db", str(example_db), "facts", "events", "--from", "last week"])
    assert r.exit_code != 0 and "--from" in r.output


def test_claims_grade_the_attribution_not_the_proposition(analysis: Analysis) -> None:
    denied = [c for c in analysis.all_claims() if c.modality == "denied"]
    assert denied
    for c in analysis.all_claims():
        assert c.grade[1] in "123", c  # reports that X said it corroborate that X said it
        assert c.grade[1] == ("1" if c.independent_sources >= 2 else "3")


def test_why_explains_two_event_records(example_db: Path, analysis: Analysis) -> None:
    fact = next(f for f in analysis.all_events() if f.documents >= 2)
    a, b = fact.supports[0].record, fact.supports[-1].record
    r = CliRunner().invoke(cli, ["--db", str(example_db), "why", a, b], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert "together" in r.output and "p=" in r.output
    r = CliRunner().invoke(cli, ["--db", str(example_db), "why", a, "evt_0000000000000000"])
    assert r.exit_code == 2 and "no event record" in r.output


def test_publisher_option_makes_one_outlets_uncredited_reports_one_source(tmp_path: Path) -> None:
    # reports 08 and 10 are both Civic Herald's, but neither names its outlet in a dateline
    folder = tmp_path / "civic"
    folder.mkdir()
    for name in ("08_civic-herald_johar-town-raid.txt", "10_civic-herald_atc-adjourns-siddiqui-case.txt"):
        (folder / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    runner = CliRunner()

    def shared_facts(db: Path) -> list[dict[str, Any]]:
        with open_store(db, readonly=True) as store:
            return [f for f in Analysis(store).all_relations() if f.documents == 2]

    plain, credited = tmp_path / "plain.db", tmp_path / "credited.db"
    assert runner.invoke(cli, ["--db", str(plain), "ingest", "-q", str(folder)]).exit_code == 0
    r = runner.invoke(cli, ["--db", str(credited), "ingest", "-q", "--publisher", "Civic Herald", str(folder)])
    assert r.exit_code == 0, r.output
    before, after = shared_facts(plain), shared_facts(credited)
    assert before and [f.id for f in before] == [f.id for f in after]
    assert all(f.independent_sources == 2 for f in before)  # unknown outlet: each report counts
    assert all(f.independent_sources == 1 for f in after)
    assert all(s.publisher == "Civic Herald" for f in after for s in f.supports)
