"""Corrections from the command line survive a re-ingest of a changed report and can be undone; full-text
search and listings show titles and relative paths, never ids or absolute paths."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli.main import cli

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output + result.stderr
    return result.output


def test_corrections_survive_reingest_and_undo(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    names = sorted(p.name for p in EXAMPLES.glob("*.txt"))[:2]
    for n in names:
        shutil.copy(EXAMPLES / n, folder / n)
    db = tmp_path / "s.db"
    run(db, "ingest", "-q", str(folder))
    listing = run(db, "documents")
    assert str(tmp_path) not in listing and "doc_" not in listing and names[0] in listing
    top = json.loads(run(db, "entities", "--json", "--limit", "1"))[0]
    run(db, "rename", top["name"], "Renamed Entity", "--note", "house style")
    run(db, "correct", "report", names[0], "title", "My title")
    run(db, "correct", "report", names[0], "published", "2003-04")
    # the report changes on disk and is ingested again: a new version, new local entities
    text = (folder / names[0]).read_text(encoding="utf-8")
    (folder / names[0]).write_text(text + "\nA closing line added later.\n", encoding="utf-8")
    run(db, "ingest", "-q", str(folder))
    docs = {d["path"]: d for d in json.loads(run(db, "documents", "--json"))}
    assert docs[names[0]]["version"] == 2
    assert (docs[names[0]]["title"], docs[names[0]]["published"]) == ("My title", "2003-04")
    assert "Renamed Entity" in [e["name"] for e in json.loads(run(db, "entities", "--json"))]
    run(db, "resolve")  # re-resolution from scratch keeps it too
    assert "Renamed Entity" in [e["name"] for e in json.loads(run(db, "entities", "--json"))]
    listed = run(db, "judgements")
    assert "c1" in listed and "house style" in listed and "My title" in listed
    items = json.loads(run(db, "judgements", "--json"))
    assert all(i["who"] and i["at"] for i in items if i["decision"] == "correct")
    run(db, "undo", "c1")
    assert "Renamed Entity" not in [e["name"] for e in json.loads(run(db, "entities", "--json"))]
    assert "undone" in run(db, "judgements")
    # full-text search: the report by a phrase of its new text, shown by its corrected title
    found = json.loads(run(db, "search", '"closing line added"', "--json"))
    assert found["total"] == 1 and found["items"][0]["title"] == "My title"
    assert any(s["hit"] and s["text"].lower() == "closing line added" for s in found["items"][0]["snippet"])
    out = run(db, "search", "closing", "line")
    assert out.startswith("1 report matches") and "My title" in out and str(tmp_path) not in out


def test_bad_corrections_are_one_clear_line(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    name = sorted(p.name for p in EXAMPLES.glob("*.txt"))[0]
    shutil.copy(EXAMPLES / name, folder / name)
    db = tmp_path / "s.db"
    run(db, "ingest", "-q", str(folder))
    for args, words in ((["correct", "report", "nope.txt", "title", "X"], "no report"),
                        (["correct", "report", name, "published", "soon"], "not YYYY"),
                        (["rename", "Nobody At All Here", "X"], "no entity"),
                        (["undo", "c9"], "no correction"),
                        (["search", "'"], "nothing to search")):
        result = CliRunner().invoke(cli, ["--db", str(db), *args])
        assert result.exit_code == 2 and words in result.stderr, (args, result.stderr)  # a usage error
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def _events(db: Path) -> list[dict[str, object]]:
    return json.loads(run(db, "facts", "events", "--json"))  # type: ignore[no-any-return]


def test_event_merge_split_survive_reingest_rerun_and_undo(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    names = sorted(p.name for p in EXAMPLES.glob("*.txt"))[:4]
    for n in names:
        shutil.copy(EXAMPLES / n, folder / n)
    db = tmp_path / "s.db"
    run(db, "ingest", "-q", str(folder))
    before = {e["id"]: e for e in _events(db)}
    single = sorted(e for e, f in before.items() if len({s["document"] for s in f["supports"]}) == 1)  # type: ignore
    a, b = single[0], next(e for e in single[1:] if before[e]["supports"][0]["document"]  # type: ignore
                           != before[single[0]]["supports"][0]["document"])  # type: ignore
    out = run(db, "correct", "merge-events", a, b, "--note", "same convention")
    assert out.startswith("correction c1: event") and "merged with" in out
    merged = {e["id"]: e for e in _events(db)}
    assert b not in merged and len(merged[a]["supports"]) == 2  # type: ignore
    doc_b = before[b]["supports"][0]["document"]  # type: ignore
    # re-ingest (unchanged) and a full analysis re-run keep the merge
    run(db, "ingest", "-q", str(folder))
    run(db, "analyze", "--full")
    assert b not in {e["id"] for e in _events(db)}
    # split the second report's telling off again: a cannot-link that wins over the earlier merge
    run(db, "correct", "split-event", a, str(doc_b))
    after = {e["id"]: e for e in _events(db)}
    assert len(after[a]["supports"]) == 1 and len(after) == len(before)  # type: ignore
    items = json.loads(run(db, "judgements", "--json"))
    assert [i["field"] for i in items if i["decision"] == "correct"] == ["merge", "split"]
    assert all(i["who"] and i["at"] for i in items)
    run(db, "undo", "c2")
    assert b not in {e["id"] for e in _events(db)}
    run(db, "undo", "c1")
    assert {e["id"] for e in _events(db)} == set(before)


def test_show_uses_corrected_values(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in sorted(p.name for p in EXAMPLES.glob("*.txt"))[:2]:
        shutil.copy(EXAMPLES / n, folder / n)
    db = tmp_path / "s.db"
    run(db, "ingest", "-q", str(folder))
    top = json.loads(run(db, "entities", "--json", "--limit", "1"))[0]
    card = json.loads(run(db, "show", top["name"], "--json"))[0]
    assert card["events"] and card["relations"]
    ev, rel = card["events"][0], card["relations"][0]
    event_fact = next(f for f in json.loads(run(db, "facts", "events", "--json"))
                      if any(s["record"] == ev["id"] for s in f["supports"]))
    rel_fact = next(f for f in json.loads(run(db, "facts", "relations", "--json"))
                    if any(s["record"] == rel["id"] for s in f["supports"]))
    run(db, "rename", top["name"], "Chosen Name")
    run(db, "correct", "event", event_fact["id"], "date", "1999-02")
    run(db, "correct", "event", event_fact["id"], "place", "Quetta")
    run(db, "reject", "relation", rel_fact["id"])
    card = json.loads(run(db, "show", "Chosen Name", "--json"))[0]  # found by the chosen name
    assert card["name"] == "Chosen Name" and top["name"] in card["aliases"]
    shown = next(e for e in card["events"] if e["id"] == ev["id"])
    assert (shown["date"], shown["date_granularity"], shown["place"]["name"]) == ("1999-02", "month", "Quetta")
    assert rel["id"] not in {r["id"] for r in card["relations"]}
    names = {p["entity"]["name"] for e in card["events"] for p in e["participants"]}
    assert top["name"] not in names or "Chosen Name" in names
    text = run(db, "show", "Chosen Name")
    assert "1999-02" in text and str(tmp_path) not in text
    assert str(tmp_path) not in run(db, "show", "Chosen Name", "--json")
