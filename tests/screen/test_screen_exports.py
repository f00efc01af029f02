"""Watchlist hits in every export format (docs/screening.md, "Where hits appear"): a small report screened against
the OFAC SDN snapshot, one hit confirmed and one rejected; each format is checked with its own validator
(followthemoney, stix2-validator, networkx, pyarrow, the Neo4j header rules) and rejected hits never appear."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.screen.conftest import OFAC, run

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py

REPORT = """Militants attack police post in Kashmir

SRINAGAR, March 3, 2024 - Police said fighters of Jaish-e-Mohammed attacked a post near Srinagar on Sunday. \
The group's leader Masood Azhar praised the attack, according to a statement. Officials also blamed \
Lashkar-e-Taiba for a second raid.
"""
JEM, LET, AZHAR = "6935", "7140", "11459"


@pytest.fixture(scope="module")
def judged_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (OFAC / "sdn.csv").exists():
        pytest.skip("OFAC data absent")
    root = tmp_path_factory.mktemp("screen_exports")
    (root / "kashmir.txt").write_text(REPORT, encoding="utf-8")
    db = root / "t.db"
    assert run(db, "ingest", "-q", str(root / "kashmir.txt")).exit_code == 0
    assert run(db, "watchlist", "add", "ofac", str(OFAC)).exit_code == 0
    hits = json.loads(run(db, "screen", "--json").stdout)
    assert {h["entry"] for h in hits} == {JEM, LET, AZHAR}, hits
    assert run(db, "watchlist", "confirm", "Jaish-e-Mohammed", "ofac", JEM).exit_code == 0
    assert run(db, "watchlist", "reject", "Lashkar-e-Taiba", "ofac", LET, "--note", "test").exit_code == 0
    return db


def _export(db: Path, fmt: str, out: Path) -> Path:
    result = run(db, "export", "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def _names(db: Path) -> dict[str, str]:
    buf = json.loads(run(db, "export", "--format", "json").stdout)
    return {e["name"]: e["id"] for e in buf["entities"]}


def test_ftm_notes_topics_and_sanction(judged_db: Path, tmp_path: Path) -> None:
    from followthemoney import model

    lines = _export(judged_db, "ftm", tmp_path / "x.ftm.jsonl").read_text(encoding="utf-8").splitlines()
    proxies = [model.get_proxy(json.loads(line), cleaned=False) for line in lines]
    by_name = {p.first("name"): p for p in proxies if p.schema.name in ("Organization", "Person")}
    jem, let, azhar = by_name["Jaish-e-Mohammed"], by_name["Lashkar-e-Taiba"], by_name["Masood Azhar"]
    assert jem.get("topics") == ["sanction"]  # confirmed on a sanctions list
    assert any("confirmed match on watchlist ofac" in n and "JAISH-I-MOHAMMED (entry 6935)" in n
               and "connecting words ignored (e i)" in n for n in jem.get("notes"))
    assert azhar.get("topics") == []  # a possible match is noted, never a topic
    assert any(n.startswith("possible match on watchlist ofac") for n in azhar.get("notes"))
    assert let.get("notes") == [] and let.get("topics") == []  # rejected: nowhere
    sanctions = [p for p in proxies if p.schema.name == "Sanction"]
    assert len(sanctions) == 1 and sanctions[0].get("entity") == [jem.id]
    assert sanctions[0].get("authority") == ["OFAC"] and set(sanctions[0].get("program")) == {"FTO", "SDGT"}
    # the followthemoney CLI validates every line, as for the corpus export (tests/export_ftm_stix)
    ftm_cli = Path(sys.executable).with_name("ftm")
    valid = subprocess.run([str(ftm_cli), "validate", "-i", str(tmp_path / "x.ftm.jsonl"), "-o",
                            str(tmp_path / "v.json")], capture_output=True, text=True, timeout=120)
    assert valid.returncode == 0, valid.stderr
    assert len((tmp_path / "v.json").read_text(encoding="utf-8").splitlines()) == len(lines)


def test_stix_notes_validate(judged_db: Path, tmp_path: Path) -> None:
    from stix2validator import ValidationOptions, validate_string

    text = _export(judged_db, "stix", tmp_path / "x.stix.json").read_text(encoding="utf-8")
    result = validate_string(text, ValidationOptions(version="2.1"))
    assert result.is_valid and not result.errors, [str(e) for e in result.errors][:5]
    objs = json.loads(text)["objects"]
    by_id = {o["id"]: o for o in objs}
    notes = [o for o in objs if o["type"] == "note" and any(lbl.startswith("watchlist-") for lbl in o["labels"])]
    seen = {(by_id[n["object_refs"][0]]["name"], n["labels"][0]) for n in notes}
    assert seen == {("Jaish-e-Mohammed", "watchlist-confirmed"), ("Masood Azhar", "watchlist-possible")}
    assert all(n["external_references"][0]["source_name"] == "watchlist ofac" for n in notes)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_node_attributes(judged_db: Path, tmp_path: Path, fmt: str) -> None:
    import networkx as nx

    path = _export(judged_db, fmt, tmp_path / f"x.{fmt}")
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    by_label = {d.get("label"): d for _, d in graph.nodes(data=True)}
    assert by_label["Jaish-e-Mohammed"]["watchlist_status"] == "confirmed"
    assert by_label["Masood Azhar"]["watchlist_status"] == "possible"
    assert 0.8 <= float(by_label["Masood Azhar"]["watchlist_score"]) < 1.0
    hits = json.loads(by_label["Jaish-e-Mohammed"]["watchlist_hits"])
    assert [(h["list"], h["entry"], h["status"]) for h in hits] == [("ofac", JEM, "confirmed")]
    assert "watchlist_status" not in by_label["Lashkar-e-Taiba"]


def _screening_rows(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["entry"]: r for r in rows}


def test_csv_and_parquet_screening_table(judged_db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    ids = _names(judged_db)
    out = _export(judged_db, "csv", tmp_path / "csv")
    with open(out / "screening.csv", encoding="utf-8", newline="") as f:
        rows = _screening_rows(list(csv.DictReader(f)))
    assert set(rows) == {JEM, AZHAR}
    assert rows[JEM]["entity"] == ids["Jaish-e-Mohammed"] and rows[JEM]["status"] == "confirmed"
    assert rows[AZHAR]["status"] == "possible" and "sounds alike" in rows[AZHAR]["reasons"]
    assert len(rows[JEM]["list_sha256"]) == 64
    table = pq.read_table(_export(judged_db, "parquet", tmp_path / "pq") / "screening.parquet").to_pylist()
    assert _screening_rows(table)[JEM]["score"] == 1.0 and set(_screening_rows(table)) == {JEM, AZHAR}


def test_neo4j_watchlist_files(judged_db: Path, tmp_path: Path) -> None:
    ids = _names(judged_db)
    out = _export(judged_db, "neo4j", tmp_path / "neo")
    with open(out / "watchlist_hits.csv", encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    assert header[:3] == [":START_ID(Entity)", ":END_ID(WatchlistEntry)", ":TYPE"]
    assert {(r[0], r[1], r[3]) for r in rows} == {(ids["Jaish-e-Mohammed"], f"ofac:{JEM}", "confirmed"),
                                                 (ids["Masood Azhar"], f"ofac:{AZHAR}", "possible")}
    with open(out / "watchlist_entries.csv", encoding="utf-8", newline="") as f:
        entries = {r[0] for r in list(csv.reader(f))[1:]}
    assert entries == {f"ofac:{JEM}", f"ofac:{AZHAR}"}
    script = (out / "import.sh").read_text(encoding="utf-8")
    assert "--nodes=watchlist_entries.csv" in script and "--relationships=watchlist_hits.csv" in script


def test_store_without_watchlists_keeps_its_file_set(tmp_path: Path) -> None:
    (tmp_path / "kashmir.txt").write_text(REPORT, encoding="utf-8")
    db = tmp_path / "plain.db"
    assert run(db, "ingest", "-q", str(tmp_path / "kashmir.txt")).exit_code == 0
    out = _export(db, "neo4j", tmp_path / "neo")
    assert not (out / "watchlist_hits.csv").exists()
    assert not (_export(db, "csv", tmp_path / "csv") / "screening.csv").exists()
    assert "watchlist" not in io.StringIO(_export(db, "graphml", tmp_path / "g.graphml")
                                          .read_text(encoding="utf-8")).read()


def test_json_export_leaves_rejected_hits_out(judged_db: Path) -> None:
    exported = json.loads(run(judged_db, "export", "--format", "json").stdout)
    assert {(h["entry"], h["verdict"]) for h in exported["screening"]} == {(JEM, "confirmed"), (AZHAR, None)}
