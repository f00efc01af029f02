"""A small slice of the example corpus, ingested by the real CLI: the golden files and the import tests use it.

Four reports chosen for coverage: two accounts of the same Tehran meeting (corroboration, occupancy, family),
a denial (modality ``denied``, an attributed source) and an attack with a perpetrator and a disputed toll.
"""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from dossier.cli.main import cli
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
