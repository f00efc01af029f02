"""``dossier import`` held to ingest's rules (issue 13, item 3): one bad part rejects its record whole and never
supersedes a good version; limits, cleaning and minimum length as for ingest; one line per problem."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dossier import pipeline
from dossier.cli.main import cli
from dossier.export import ftm
from dossier.export.json_export import write_json
from dossier.export.select import Selection
from dossier.extract.pipeline import extract
from dossier.importer.run import import_file
from dossier.ingest.limits import Limits
from dossier.store import open_store
from tests.conftest import make_document

REPORT = ("KARACHI, March 3, 2025 (Gulf Ledger) - Envoy Karim Nassar of the Sumud Front met Pakistani officials in "
          "Karachi on Monday. Nassar said the Sumud Front would return to the talks, police said.")


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("src") / "s.db"
    with open_store(db) as store:
        store.add_extraction(extract(make_document(REPORT, source="karachi.txt")))
        pipeline.resolve(store)
        buf = io.StringIO()
        write_json(store, buf, include_text=True)
    data: dict[str, Any] = json.loads(buf.getvalue())
    assert data["relations"] or data["events"]
    return data


def _write(tmp_path: Path, data: object, name: str = "in.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _store_with_original(tmp_path: Path, export: dict[str, Any]) -> Path:
    db = tmp_path / "t.db"
    with open_store(db) as store:
        stats = import_file(store, _write(tmp_path, export, "orig.json"), "json")
        assert stats.added == 1 and not stats.problems, stats
    return db


def _current(db: Path) -> tuple[str, int]:
    with open_store(db, readonly=True) as store:
        (row,) = store.query("SELECT id, version FROM documents WHERE is_current=1")
        facts = store.query("SELECT (SELECT count(*) FROM relations) + (SELECT count(*) FROM events)")[0][0]
    return f"{row['id']}@{row['version']}", int(facts)


def _edited(export: dict[str, Any]) -> dict[str, Any]:
    """The same report with a sentence added (a new version of karachi.txt), facts unchanged."""
    data = json.loads(json.dumps(export))
    data["documents"][0]["text"] += " Officials declined to comment."
    return data


@pytest.mark.parametrize("breakage", ["entities", "relation", "offset", "event_type"])
def test_a_bad_part_rejects_the_record_and_never_supersedes(tmp_path: Path, export: dict[str, Any],
                                                            breakage: str) -> None:
    db = _store_with_original(tmp_path, export)
    before = _current(db)
    data = _edited(export)
    if breakage == "entities":
        data["entities"] = [{"name": "no id"}]
    elif breakage == "relation" and data["relations"]:
        data["relations"][0]["modality"] = {"not": "a string"}
    elif breakage == "offset" or not data["relations"]:
        (data["relations"] or data["events"])[0]["evidence"][0]["start"] = 1e400
    else:
        data["events"][0]["type"] = ["x"]
    with open_store(db) as store:
        stats = import_file(store, _write(tmp_path, data), "json")
    assert stats.added == stats.versions == 0
    assert stats.problems and all("\n" not in p for p in stats.problems)
    assert _current(db) == before  # the good version is still the current one, with its facts


def test_huge_offset_is_one_line_not_an_overflow_traceback(tmp_path: Path, export: dict[str, Any]) -> None:
    edited = json.loads(json.dumps(export))
    (edited["relations"] or edited["events"])[0]["evidence"][0]["start"] = 987654321
    data = json.dumps(edited).replace("987654321", "1e400")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "t.db"), "import", "--format", "json",
                                      "--extract-workers", "0", _write(tmp_path, data)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "OverflowError" not in result.output
    assert "is not an integer offset" in result.output


@pytest.mark.parametrize("section", ["documents", "entities", "relations", "events", "claims"])
def test_a_section_of_the_wrong_shape_is_one_line(tmp_path: Path, export: dict[str, Any], section: str) -> None:
    data = {**export, section: "a string of many characters"}
    with open_store(tmp_path / "t.db") as store:
        stats = import_file(store, _write(tmp_path, data), "json")
    assert len(stats.problems) == 1 and f"{section}: expected a list" in stats.problems[0]
    assert stats.added == 0


def test_text_is_cleaned_as_at_ingest(tmp_path: Path, export: dict[str, Any]) -> None:
    data = json.loads(json.dumps(export))
    doc = data["documents"][0]
    doc["text"] = doc["text"].replace("Karachi on Monday", "Karachi.\x1b[31m on\x00 Monday")
    doc["title"] = "Title\x1b]0;pwned\x07\nsecond line"
    data["relations"] = data["events"] = data["claims"] = []  # their offsets would no longer match
    with open_store(tmp_path / "t.db") as store:
        stats = import_file(store, _write(tmp_path, data), "json")
        assert stats.added == 1, stats.problems
        text = store.query("SELECT text, title FROM documents")[0]
        names = [e.name for e in store.entities()]
    assert "\x1b" not in text["text"] and "\x00" not in text["text"]
    assert text["title"] == "Title]0;pwned second line"
    assert not any("\x1b" in n for n in names)


def test_facts_whose_evidence_cleaning_moved_reject_the_record(tmp_path: Path, export: dict[str, Any]) -> None:
    data = json.loads(json.dumps(export))
    data["documents"][0]["text"] = "\x00\x01" + data["documents"][0]["text"]
    for ev in (data["relations"] or data["events"])[0]["evidence"]:  # offsets counted in the uncleaned text
        ev["start"] += 2
        ev["end"] += 2
    with open_store(tmp_path / "t.db") as store:
        stats = import_file(store, _write(tmp_path, data), "json")
        assert stats.added == 0 and stats.rejected == 1
        assert store.document_count() == 0
    assert any("does not match the report text" in p for p in stats.problems)


@pytest.mark.parametrize(("text", "limits", "reason"), [
    ("Too short.", Limits(), "empty document (no text)"),
    ("   \n\t  ", Limits(), "empty document (no text)"),
    (REPORT * 20, Limits(max_chars=1000), "text too long"),
])
def test_length_limits_as_for_ingest(tmp_path: Path, export: dict[str, Any], text: str, limits: Limits,
                                     reason: str) -> None:
    data = json.loads(json.dumps(export))
    data["documents"][0]["text"] = text
    data["relations"] = data["events"] = data["claims"] = []
    with open_store(tmp_path / "t.db") as store:
        stats = import_file(store, _write(tmp_path, data), "json", limits)
        assert store.document_count() == 0
    assert len(stats.problems) == 1 and reason in stats.problems[0]


def test_file_over_the_size_limit_is_one_line(tmp_path: Path, export: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "t.db"), "import", "--format", "json",
                                      "--max-bytes", "100", _write(tmp_path, export)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "skipped" in line]
    assert len(lines) == 1 and "exceeds --max-bytes" in lines[0]


def test_ftm_line_with_a_raw_line_separator_is_one_entity(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(db) as store:
        store.add_extraction(extract(make_document(REPORT, source="karachi.txt")))
        pipeline.resolve(store)
        buf = io.StringIO()
        ftm.write(Selection(store), buf)
    lines = buf.getvalue().split("\n")
    body = next(i for i, line in enumerate(lines) if '"bodyText"' in line)
    lines[body] = lines[body].replace("Monday. Nassar", "Monday.\u2028Nassar")  # raw U+2028: valid JSON
    raw = "\n".join(lines)
    assert len(raw.splitlines()) == len(raw.rstrip("\n").split("\n")) + 1  # splitlines() cuts that line in two
    with open_store(tmp_path / "t.db") as store:
        stats = import_file(store, _write(tmp_path, raw, "in.ftm"), "ftm")
        text = store.query("SELECT text FROM documents")[0][0]
    assert stats.added == 1 and not stats.problems, stats.problems
    assert "\u2028" not in text and "Nassar said the Sumud Front" in text  # one report, its text whole


@pytest.mark.parametrize(("published", "stored"), [("2025-03-03T10:00:00Z", "2025-03-03"), ("2025-03", "2025-03"),
                                                   ("next Tuesday", None), ("2025-3-3", None)])
def test_published_must_be_an_iso_date(tmp_path: Path, export: dict[str, Any], published: str,
                                       stored: str | None) -> None:
    data = json.loads(json.dumps(export))
    data["documents"][0]["published"] = published
    with open_store(tmp_path / "t.db") as store:
        stats = import_file(store, _write(tmp_path, data), "json")
        rows = store.query("SELECT published FROM documents")
    if stored is None:
        assert stats.added == 0 and len(stats.problems) == 1 and "published:" in stats.problems[0]
    else:
        assert stats.added == 1 and rows[0][0] == stored


@pytest.mark.parametrize("version", [[], {}, True, "1", 1.0, 2])
def test_format_version_of_any_shape_is_one_line(tmp_path: Path, export: dict[str, Any], version: object) -> None:
    """Found by the fuzz target: ``"format_version": []`` was an unhashable-type traceback."""
    with open_store(tmp_path / "t.db") as store:
        stats = import_file(store, _write(tmp_path, {**export, "format_version": version}), "json")
    assert len(stats.problems) == 1 and "format_version" in stats.problems[0] and stats.added == 0
