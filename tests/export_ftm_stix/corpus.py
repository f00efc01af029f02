"""A small slice of the example corpus, ingested by the real CLI: the golden files and the import tests use it.

Four reports chosen for coverage: two accounts of the same Tehran meeting (corroboration, occupancy, family),
a denial (modality ``denied``, an attributed source) and an attack with a perpetrator and a disputed toll.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.export import ftm
from dossier.export.json_export import write_json
from dossier.export.select import Selection
from dossier.store import open_store
from tests.conftest import EXAMPLES, REPO

REPORTS = (
    "05_meridian-news_tehran-envoy-meeting.txt",
    "06_levant-courier_sumud-envoy-talks.txt",
    "12_bay-chronicle_nilkantha-chairman-denies.txt",
    "15_frontier-wire_lakki-marwat-checkpost-attack.txt",
)


def run(*args: str) -> tuple[int, str]:
    """The ``dossier`` CLI in-process, from the repository root (so sources are relative paths)."""
    here = os.getcwd()
    os.chdir(REPO)
    try:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(here)
    return result.exit_code, result.output


def ingest_slice(db: Path) -> Path:
    code, out = run("--db", str(db), "ingest", *(str((EXAMPLES / r).relative_to(REPO)) for r in REPORTS))
    assert code == 0, out
    return db


def json_export(db: Path) -> str:
    """The store's JSON export with the report texts, as ``dossier export --format json`` writes it."""
    buf = io.StringIO()
    with open_store(db, readonly=True) as s:
        write_json(s, buf, include_text=True)
    return buf.getvalue()


def ftm_export(db: Path) -> str:
    """The store's FollowTheMoney export, one entity per line."""
    buf = io.StringIO()
    with open_store(db, readonly=True) as s:
        ftm.write(Selection(s), buf)
    return buf.getvalue()
