"""`relations`, `events`, `claims` and the card's facts, on reports written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli.main import cli

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py

REPORTS = {
    "a.txt": (
        "Envoy meets militia spokesman in Doha\n\n"
        "DOHA, March 4, 2025 (Gulf Ledger) - Qatar's ambassador to Oman, Khalid bin Saeed, met Faris Odeh, "
        "the spokesman of the Ahrar Front, in Doha on Monday. Odeh said the Ahrar Front would attend new talks. "
        "Officials in Muscat have accused the Ahrar Front of smuggling weapons through Dhofar.\n"
    ),
    "b.txt": (
        "Militia denies smuggling claims\n\n"
        "MUSCAT, March 6, 2025 (Coastal Times) - The Ahrar Front denied that it smuggled weapons. "
        "Its spokesman Faris Odeh told reporters the group could return to the talks next month.\n"
    ),
}


def run(db: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("facts")
    folder = base / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = base / "s.db"
    assert run(path, "ingest", str(folder)).exit_code == 0
    return path


def test_relations_name_the_canonical_entities_with_evidence(db: Path) -> None:
    rows = json.loads(run(db, "relations", "Faris Odeh", "--json").stdout)
    assert rows
    for r in rows:
        assert "Faris Odeh" in (r["subject"]["name"], r["object"]["name"])
        assert r["evidence"] and all(ev["text"] for ev in r["evidence"])
    assert any(r["predicate"] == "membership" and r["object"]["name"] == "Ahrar Front" for r in rows)
    assert run(db, "relations", "Nobody Qq").exit_code == 2


def test_claims_keep_source_and_modality(db: Path) -> None:
    rows = json.loads(run(db, "claims", "--json").stdout)
    modalities = {r["modality"] for r in rows}
    assert {"alleged", "denied"} <= modalities
    alleged = json.loads(run(db, "claims", "--modality", "alleged", "--json").stdout)
    assert alleged and all(r["modality"] == "alleged" for r in alleged)
    assert any("Officials" in r["source"] for r in alleged)
    by_source = json.loads(run(db, "claims", "--source", "odeh", "--json").stdout)
    assert all("odeh" in r["source"].lower() for r in by_source)


def test_events_filter_by_date_and_participant(db: Path) -> None:
    everything = json.loads(run(db, "events", "--json").stdout)
    assert everything
    later = json.loads(run(db, "events", "--from", "2026-01-01", "--json").stdout)
    assert later == []
    bad = run(db, "events", "--from", "yesterday")
    assert bad.exit_code == 2 and "not an ISO date" in bad.stderr


def test_card_lists_relations(db: Path) -> None:
    [card] = json.loads(run(db, "show", "Faris Odeh", "--json").stdout)
    assert card["relations"]
    text = run(db, "show", "Faris Odeh").stdout
    assert "relations:" in text
