"""Fixtures for the web app: the example corpus ingested once by the real CLI, and API clients over it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from dossier.cli.main import cli
from dossier.serve.app import create_app
from dossier.serve.config import Settings
from tests.conftest import EXAMPLES

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("serve") / "corpus.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", "-q", str(EXAMPLES)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


def copy_store(src: Path, dest: Path) -> Path:
    """A consistent copy (WAL included) that a test may write to."""
    with sqlite3.connect(src) as a, sqlite3.connect(dest) as b:
        a.backup(b)
    return dest


@pytest.fixture(scope="session")
def api(corpus_db: Path) -> Iterator[TestClient]:
    """Read-only use: a client over the shared corpus store."""
    with client_for(Settings(db=str(corpus_db), token=TOKEN)) as client:
        yield client


@pytest.fixture
def writable(corpus_db: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A client over a private copy of the corpus store, for uploads and judgements."""
    db = copy_store(corpus_db, tmp_path / "copy.db")
    with client_for(Settings(db=str(db), token=TOKEN)) as client:
        yield client


def client_for(settings: Settings) -> TestClient:
    """A test client that talks to the app as a browser on this machine would (Host: 127.0.0.1)."""
    return TestClient(create_app(settings), base_url="http://127.0.0.1:8765")


def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
