"""The `dossier` command as a user runs it: exit codes, stdout data, one-line errors on stderr."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.export.json_export import schema
from tests.conftest import EXAMPLES, copy_db

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py

DOSSIER = [sys.executable, "-m", "dossier"]


def run(db: Path, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--db", str(db), *args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def corpus_db(example_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the shared example corpus: ``test_reingest_is_idempotent`` writes to it."""
    return copy_db(example_db, tmp_path_factory.mktemp("corpus") / "store.db")


def _export(db: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    result = run(db, "export", "--format", "json", *extra)
    assert result.exit_code == 0
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_ingest_summary_and_listing(corpus_db: Path) -> None:
    n_reports = len([p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html", ".md"}])
    result = run(corpus_db, "summary", "--json")
    summary = json.loads(result.stdout)
    assert summary["counts"]["documents"] == n_reports
    assert summary["counts"]["rejected"] == 0
    people = run(corpus_db, "entities", "--type", "person", "--json")
    rows = json.loads(people.stdout)
    assert rows and all(r["type"] == "person" for r in rows)
    assert rows == sorted(rows, key=lambda r: -r["mentions"])


def test_show_prints_the_card_with_sentences(corpus_db: Path) -> None:
    top = json.loads(run(corpus_db, "entities", "--type", "organization", "--json").stdout)[0]
    card = run(corpus_db, "show", top["name"], "--json")
    assert card.exit_code == 0
    [entry] = [c for c in json.loads(card.stdout) if c["id"] == top["id"]]
    assert len(entry["mentions"]) == top["mentions"]
    for m in entry["mentions"]:
        assert m["text"] in m["sentence"]
    missing = run(corpus_db, "show", "Nobody By This Name Xq")
    assert missing.exit_code == 2
    assert "no entity named" in missing.stderr


def test_export_matches_schema_and_offsets(corpus_db: Path) -> None:
    data = _export(corpus_db, "--include-text")
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(data)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    spans = [m for e in data["entities"] for m in e["mentions"]]
    spans += [ev for r in data["relations"] for ev in r["evidence"]]
    spans += [ev for e in data["events"] for ev in e["evidence"]]
    spans += [c["evidence"] for c in data["claims"]] + [c["proposition"] for c in data["claims"]]
    assert spans
    for s in spans:
        assert texts[s["document"]][s["start"]:s["end"]] == s["text"]
    ids = {e["id"] for e in data["entities"]}
    for r in data["relations"]:
        assert r["subject"] in ids and r["object"] in ids


def test_reingest_is_idempotent(corpus_db: Path) -> None:
    before = hashlib.sha256(json.dumps(_export(corpus_db)).encode()).hexdigest()
    again = run(corpus_db, "ingest", str(EXAMPLES))
    assert again.exit_code == 0
    assert "0 ingested" in again.stderr and "0 rejected" in again.stderr
    after = hashlib.sha256(json.dumps(_export(corpus_db)).encode()).hexdigest()
    assert before == after


def test_export_to_file_is_atomic(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.json"
    result = run(corpus_db, "export", "--out", str(out))
    assert result.exit_code == 0
    assert json.loads(out.read_text())["format"] == "dossier-json"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_bad_inputs_are_one_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Envoy meets governor\n\nPESHAWAR, May 2, 2024 - Envoy Tariq Ghani met the governor in Peshawar.\n"
    )
    (folder / "empty.txt").write_text("")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes("Caf\xe9 owners in Qu\xe9bec protested on Monday.".encode("cp1252"))
    (folder / "nul.txt").write_text("Officials in Lagos\x00 said the\x01 port reopened.\udc80".encode(
        "utf-8", "surrogatepass").decode("utf-8", "surrogatepass"), encoding="utf-8", errors="surrogatepass")
    db = tmp_path / "s.db"
    result = run(db, "ingest", str(folder), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("dossier: skipped")]
    named = {Path(line.split(": ")[1].split(":")[0]).name for line in lines}
    assert {"empty.txt", "image.txt", "missing.txt"} <= named
    assert "Traceback" not in result.stderr
    docs = json.loads(run(db, "documents", "--json").stdout)
    sources = {Path(d["source"]).name for d in docs}
    assert {"good.txt", "latin1.txt", "nul.txt"} <= sources
    data = _export(db, "--include-text")
    for d in data["documents"]:
        assert "\x00" not in d["text"] and "\x01" not in d["text"]
        d["text"].encode("utf-8")  # no lone surrogates


def test_stdin_and_version_through_a_real_process(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    env = {**os.environ, "DOSSIER_DB": str(db)}
    text = "Minister visits Herat\n\nHERAT, June 4, 2024 - Minister Amina Rahimi visited Herat on Tuesday.\n"
    proc = subprocess.run([*DOSSIER, "ingest", "-"], input=text.encode(), env=env, capture_output=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    proc = subprocess.run([*DOSSIER, "documents", "--json"], env=env, capture_output=True, timeout=60)
    [doc] = json.loads(proc.stdout)
    assert doc["source"] == "<stdin>" and doc["published"] == "2024-06-04"
    proc = subprocess.run([*DOSSIER, "--version"], capture_output=True, timeout=60)
    assert proc.stdout.decode().startswith("dossier, version")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "entities", "--type", "planet"])
    assert result.exit_code == 2
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "summary"])
    assert result.exit_code == 1 and "store does not exist" in result.stderr
