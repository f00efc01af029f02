"""``dossier export`` as a user runs it: every format, the shared filters, and one-line usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import networkx as nx
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from dossier.cli.main import cli
from dossier.export.json_export import schema


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "export", *args], catch_exceptions=False)


def test_json_stays_the_default_and_filters_keep_its_contract(export_db: Path, tmp_path: Path) -> None:
    whole = json.loads(run(export_db).stdout)
    jsonschema.validate(whole, schema())
    result = run(export_db, "--format", "json", "--modality", "denied", "--type", "person", "--type", "organization")
    assert result.exit_code == 0
    part = json.loads(result.stdout)
    jsonschema.validate(part, schema())
    assert 0 < len(part["relations"]) < len(whole["relations"])
    assert {r["modality"] for r in part["relations"] + part["claims"]} == {"denied"}
    entities = {e["id"] for e in part["entities"]}
    documents = {d["id"] for d in part["documents"]}
    for r in part["relations"]:
        assert {r["subject"], r["object"]} <= entities
        assert {ev["document"] for ev in r["evidence"]} <= documents
    for e in part["events"]:
        assert {p["entity"] for p in e["participants"]} <= entities


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats_to_a_file_with_around(export_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    result = run(export_db, "--format", fmt, "--out", str(out), "--around", "Jamaat-ul-Burhan", "--hops", "1")
    assert result.exit_code == 0 and result.stdout == ""
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert "Jamaat-ul-Burhan" in labels
    whole = tmp_path / f"whole.{fmt}"
    assert run(export_db, "--format", fmt, "--out", str(whole)).exit_code == 0
    full = nx.read_graphml(whole) if fmt == "graphml" else nx.read_gexf(whole)
    # one hop around one group: its events (open ones included) and their participants, a part of the graph
    assert 2 < g.number_of_nodes() < full.number_of_nodes() / 2


def test_directory_formats(export_db: Path, tmp_path: Path) -> None:
    for fmt, suffix in (("csv", "csv"), ("parquet", "parquet"), ("neo4j", "csv")):
        out = tmp_path / fmt
        result = run(export_db, "--format", fmt, "--out", str(out), "--min-sources", "2")
        assert result.exit_code == 0, result.output
        assert (out / f"entities.{suffix}").exists()
        assert not list(out.glob(".*.tmp"))
    strong = pq.read_table(tmp_path / "parquet" / "relations.parquet").to_pylist()
    assert strong and all(r["independent_sources"] >= 2 for r in strong)


@pytest.mark.parametrize("args, message", [
    (("--format", "csv"), "give a directory"),
    (("--format", "gexf", "--around", "Nobody At All"), "no entity named"),
    (("--format", "graphml", "--from", "yesterday-ish"), "not an ISO date"),
    (("--format", "gexf", "--include-text"), "--format json only"),
])
def test_usage_errors_are_one_line_and_write_nothing(export_db: Path, args: tuple[str, ...], message: str) -> None:
    result = run(export_db, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_out_must_be_a_directory_for_table_formats(export_db: Path, tmp_path: Path) -> None:
    file = tmp_path / "f.txt"
    file.write_text("x")
    result = run(export_db, "--format", "parquet", "--out", str(file))
    assert result.exit_code == 2 and "not a directory" in result.stderr


def test_json_exports_the_analysts_word_with_who_and_when(export_db: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    db = tmp_path / "judged.db"
    shutil.copy(export_db, db)
    assert "judgements" not in json.loads(run(db).stdout)  # none yet: the export is unchanged
    monkeypatch.setenv("DOSSIER_ANALYST", "rk")
    top = json.loads(CliRunner().invoke(cli, ["--db", str(db), "entities", "--json"]).stdout)
    orgs = [e["name"] for e in top if e["type"] == "organization"]
    for args in (["split", orgs[0], orgs[1], "--note", "not one"], ["rename", orgs[0], "Chosen"],
                 ["retype", orgs[1], "person"], ["undo", "c2"]):
        assert CliRunner().invoke(cli, ["--db", str(db), *args]).exit_code == 0, args
    data = json.loads(run(db).stdout)
    jsonschema.validate(data, schema())
    (j,) = data["judgements"]
    assert (j["decision"], j["a"], j["note"], j["who"]) == ("split", orgs[0], "not one", "rk") and j["at"]
    assert [(c["field"], c["value"], c["who"], bool(c["undone_at"])) for c in data["corrections"]] == [
        ("name", "Chosen", "rk", False), ("type", "person", "rk", True)]
