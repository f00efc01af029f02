"""``dossier import``: export → import into an empty store → export gives the same bytes (JSON and FtM);
importing twice changes nothing; edits made elsewhere are stored as sourced records; bad input is one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from followthemoney import model

from dossier.store import open_store
from tests.export_ftm_stix.corpus import ftm_export, ingest_slice, json_export, run


@pytest.fixture(scope="session")
def source_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_slice(tmp_path_factory.mktemp("import-source") / "store.db")


def test_json_round_trip_is_byte_identical_and_idempotent(source_db: Path, tmp_path: Path) -> None:
    first = json_export(source_db)
    f = tmp_path / "graph.json"
    f.write_text(first, encoding="utf-8")
    target = tmp_path / "target.db"
    code, out = run("--db", str(target), "import", "--format", "json", str(f))
    assert code == 0, out
    assert "4 imported" in out
    assert json_export(target) == first
    code, out = run("--db", str(target), "import", "--format", "json", str(f))
    assert code == 0 and "0 imported" in out and "4 already present" in out
    assert json_export(target) == first
    with open_store(target, readonly=True) as s:
        assert s.integrity_problems() == []


def test_ftm_round_trip_is_byte_identical(source_db: Path, tmp_path: Path) -> None:
    first = ftm_export(source_db)
    f = tmp_path / "graph.ftm.json"
    f.write_text(first, encoding="utf-8")
    target = tmp_path / "target.db"
    code, out = run("--db", str(target), "import", "--format", "ftm", str(f))
    assert code == 0, out
    assert ftm_export(target) == first


def test_an_edit_made_elsewhere_is_stored_with_its_evidence(source_db: Path, tmp_path: Path) -> None:
    data = json.loads(json_export(source_db))
    edited = next(r for r in data["relations"] if r["role"])
    edited["role"] = "chief financier"
    edited["modality"] = "alleged"
    f = tmp_path / "edited.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "target.db"
    code, out = run("--db", str(target), "import", "--format", "json", str(f))
    assert code == 0, out
    with open_store(target, readonly=True) as s:
        rows = s.query("SELECT r.*, d.text FROM relations r JOIN documents d ON d.id = r.document "
                       "WHERE r.role = 'chief financier'")
        assert len(rows) == 1 and rows[0]["extractor"] == "import" and rows[0]["modality"] == "alleged"
        (ev,) = json.loads(rows[0]["evidence"])
        assert rows[0]["text"][ev["start"]:ev["end"]] == ev["text"] == edited["evidence"][0]["text"]
        assert not s.query("SELECT 1 FROM relations WHERE id = ?", (edited["id"],))  # replaced, not duplicated


def test_ftm_from_elsewhere_is_merged_with_sources(tmp_path: Path) -> None:
    """An FtM file written by another tool: one article, two entities, a membership citing the article."""
    text = ("LAHORE, March 3 (Test Wire) - Police said Tariq Mehmood, a senior member of the Lashkar-e-Sabeel, "
            "was arrested on Monday in Lahore.\n\nHe denied the charges.")
    art = model.make_entity("Article")
    art.id = "art-1"
    art.add("bodyText", text)
    art.add("title", "Arrest in Lahore")
    art.add("fileName", "elsewhere/arrest.txt")
    person = model.make_entity("Person")
    person.id = "p-1"
    person.add("name", "Tariq Mehmood")
    org = model.make_entity("Organization")
    org.id = "o-1"
    org.add("name", "Lashkar-e-Sabeel")
    link = model.make_entity("Membership")
    link.id = "m-1"
    link.add("member", "p-1")
    link.add("organization", "o-1")
    link.add("role", "senior member")
    link.add("proof", "art-1")
    link.add("description", "Police said Tariq Mehmood, a senior member of the Lashkar-e-Sabeel, was arrested")
    orphan = model.make_entity("Membership")
    orphan.id = "m-2"
    orphan.add("member", "p-1")
    orphan.add("organization", "o-1")
    orphan.add("description", "no proof given")
    f = tmp_path / "elsewhere.ftm.json"
    f.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in (art, person, org, link, orphan)),
                 encoding="utf-8")
    target = tmp_path / "target.db"
    code, out = run("--db", str(target), "import", "--format", "ftm", str(f))
    assert code == 1 and "line 5 (Membership m-2): proof: cites no report" in out
    with open_store(target, readonly=True) as s:
        rows = s.query("SELECT r.role, r.evidence, d.source FROM relations r JOIN documents d ON d.id = r.document "
                       "WHERE r.predicate = 'membership'")
        assert [(r["role"], r["source"]) for r in rows] == [("senior member", "elsewhere/arrest.txt")]
        (ev,) = json.loads(rows[0]["evidence"])
        assert text[ev["start"]:ev["end"]].startswith("Police said Tariq Mehmood")
        names = {e.name for e in s.entities()}
        assert {"Tariq Mehmood", "Lashkar-e-Sabeel"} <= names


def test_bad_input_is_one_line_per_problem_and_the_rest_goes_on(source_db: Path, tmp_path: Path) -> None:
    data = json.loads(json_export(source_db))
    del data["documents"][0]["text"]
    kept = {d["id"] for d in data["documents"][1:]}
    bad = next(r for r in data["relations"] if r["evidence"][0]["document"] in kept)
    bad["evidence"][0]["start"] += 3
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "target.db"
    code, out = run("--db", str(target), "import", "--format", "json", str(f))
    assert code == 1
    lines = [ln for ln in out.splitlines() if "skipped" in ln]
    assert len(lines) == 2, out
    assert f"{f}: documents[0]" in lines[0] and "text: missing" in lines[0]
    assert "evidence at" in lines[1] and str(f) in lines[1]
    assert "2 imported" in out and "1 rejected" in out  # the report with the bad relation is rejected whole
    code, out = run("--db", str(target), "import", "--format", "json", str(tmp_path / "missing.json"))
    assert code == 1 and "missing.json: cannot read" in out
    (tmp_path / "not.json").write_text('{"format": "other"}', encoding="utf-8")
    code, out = run("--db", str(target), "import", "--format", "json", str(tmp_path / "not.json"))
    assert code == 1 and "format: not a dossier JSON export" in out
