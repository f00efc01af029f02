"""The example corpus ingested once per test session by the real CLI, read by every export test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.store import SQLiteStore, open_store
from tests.conftest import EXAMPLES, REPO


@pytest.fixture(scope="session")
def export_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ingested from the repository root with a relative path, so document sources (and the golden files that
    show them) do not depend on where the checkout lives."""
    db = tmp_path_factory.mktemp("export-corpus") / "store.db"
    here = os.getcwd()
    os.chdir(REPO)
    try:
        result = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(EXAMPLES.relative_to(REPO))],
                                    catch_exceptions=False)
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def store(export_db: Path) -> Iterator[SQLiteStore]:
    with open_store(export_db, readonly=True) as s:
        yield s
