"""Terminal injection (issue 13, item 4): names from outside never reach a terminal with live control codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.cli.terminal import safe

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py

REPORT = ("KARACHI, March 3, 2025 (Gulf Ledger) - Envoy Karim Nassar met officials in Karachi on Monday. "
          "Nassar said the talks would resume.\n")
# clear screen, set the window title, a fake second message line, a bidi override
HOSTILE = "x\x1b[2J\x1b]0;pwned\x07\ndossier: all good\u202etxt.exe"
_LIVE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _lines_are_inert(output: str) -> None:
    for line in output.splitlines():
        assert not _LIVE.search(line), repr(line)
        assert not line.startswith("dossier: all good"), output


def test_safe_escapes_every_control_and_keeps_text() -> None:
    assert safe("Café — «ok»\tz") == "Café — «ok»\tz"
    assert safe("a\nb\x1b[31m\x9b\u2028\u202e") == "a\\x0ab\\x1b[31m\\x9b\\u2028\\u202e"
    assert "\n" not in safe(HOSTILE)


def test_skipped_lines_and_documents_listing_escape_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"{HOSTILE}.txt").write_text(REPORT, encoding="utf-8")
    (folder / f"short{HOSTILE}.txt").write_text("tiny", encoding="utf-8")  # rejected: too short
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    ingested = runner.invoke(cli, ["--db", db, "ingest", "-v", "--extract-workers", "0", str(folder)])
    assert ingested.exit_code == 1, ingested.output  # the short one was skipped
    assert "skipped" in ingested.output and "\\x1b[2J" in ingested.output
    _lines_are_inert(ingested.output)
    listing = runner.invoke(cli, ["--db", db, "documents"])
    assert listing.exit_code == 0
    assert "\\x1b]0;pwned\\x07" in listing.output
    _lines_are_inert(listing.output)
    summary = runner.invoke(cli, ["--db", db, "summary"])
    _lines_are_inert(summary.output)
    missing = runner.invoke(cli, ["--db", db, "ingest", str(tmp_path / HOSTILE)])
    assert missing.exit_code != 0
    _lines_are_inert(missing.output)
