"""The fact-level exports show what the analyst corrected: a fact rejected as wrong is left out, a chosen name,
an event's corrected date and a report's corrected publisher are what the files say."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli.main import cli

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"


def _run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output + result.stderr
    return result.output


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_and_graphml_exports_apply_the_analysts_corrections(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    names = sorted(p.name for p in EXAMPLES.glob("*.txt"))[:3]
    for n in names:
        shutil.copy(EXAMPLES / n, folder / n)
    db = tmp_path / "s.db"
    _run(db, "ingest", "-q", str(folder))
    before = tmp_path / "before"
    _run(db, "export", "--format", "csv", "--out", str(before))
    relation = _rows(before, "relations")[0]
    event = next(e for e in _rows(before, "events") if e["date"] != "1999-02")
    person = next(e for e in _rows(before, "entities") if e["type"] == "person")
    report = _rows(before, "documents")[0]

    _run(db, "reject", "relation", relation["id"])
    _run(db, "correct", "event", event["id"], "date", "1999-02")
    _run(db, "rename", person["name"], "Chosen Name")
    _run(db, "correct", "report", report["source"], "publisher", "Corrected Wire")

    after = tmp_path / "after"
    _run(db, "export", "--format", "csv", "--out", str(after))
    assert relation["id"] not in {r["id"] for r in _rows(after, "relations")}
    assert {e["id"]: e["date"] for e in _rows(after, "events")}[event["id"]] == "1999-02"
    assert {e["id"]: e["name"] for e in _rows(after, "entities")}[person["id"]] == "Chosen Name"
    assert {d["id"]: d["publisher"] for d in _rows(after, "documents")}[report["id"]] == "Corrected Wire"
    graphml = tmp_path / "g.graphml"
    _run(db, "export", "--format", "graphml", "--out", str(graphml))
    text = graphml.read_text(encoding="utf-8")
    assert "Chosen Name" in text and relation["id"] not in text

    _run(db, "undo", "c1")  # the rejection undone: the relation is exported again
    again = tmp_path / "again"
    _run(db, "export", "--format", "csv", "--out", str(again))
    assert relation["id"] in {r["id"] for r in _rows(again, "relations")}
    # the record-level JSON export keeps the records as extracted and carries the corrections beside them
    out = tmp_path / "g.json"
    _run(db, "export", "--format", "json", "--out", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {c["field"] for c in data["corrections"]} >= {"rejected", "date", "name", "publisher"}
