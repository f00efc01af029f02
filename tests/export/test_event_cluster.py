"""The JSON export carries each event record's cross-document identity (``cluster``), the event fact's id."""

from __future__ import annotations

import io
import json
from collections import defaultdict

import jsonschema
import pytest

from dossier.analyze.analysis import Analysis
from dossier.export.json_export import schema, write_json
from dossier.store import SQLiteStore

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py


def test_every_event_record_names_its_cluster_and_it_is_the_fact_the_other_formats_write(
        store: SQLiteStore) -> None:
    out = io.StringIO()
    write_json(store, out)
    data = json.loads(out.getvalue())
    jsonschema.validate(data, schema())
    by_cluster: dict[str, set[str]] = defaultdict(set)
    for e in data["events"]:
        by_cluster[e["cluster"]].add(e["trigger"]["document"])
    facts = {f.id: {s.document for s in f.supports} for f in Analysis(store).all_events()}
    assert set(by_cluster) == set(facts)
    for cluster, docs in by_cluster.items():
        assert docs == facts[cluster]
    # the example reports tell some events several times: those records share one cluster across reports
    assert any(len(docs) > 1 for docs in by_cluster.values())


def test_event_records_carry_their_category_and_reported_counts_with_evidence(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from dossier.cli.main import cli

    report = tmp_path / "release.txt"
    report.write_text(
        "KABUL, Afghanistan (Jan. 25, 2013)\nDuring a security operation in Andar district, Ghazni province, "
        "yesterday, an Afghan and coalition security force killed two insurgents and detained three suspects.\n",
        encoding="utf-8")
    db = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "ingest", "-q", str(report)]).exit_code == 0
    out = tmp_path / "g.json"
    assert runner.invoke(cli, ["--db", str(db), "export", "--format", "json", "--out", str(out)]).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema())
    counts = {(c["kind"], c["value"]) for e in data["events"] for c in e.get("counts", [])}
    assert ("killed", 2) in counts
    text = report.read_text(encoding="utf-8")
    for e in data["events"]:
        assert e["category"]
        for c in e.get("counts", []):
            ev = c["evidence"]
            assert text[ev["start"]:ev["end"]] == ev["text"]
