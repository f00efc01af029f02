"""Fixtures for the web app: the example corpus ingested once by the real CLI, and API clients over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dossier.serve.app import create_app
from dossier.serve.config import Settings
from tests.conftest import copy_db

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="session")
def corpus_db(example_db: Path) -> Path:
    """The example corpus ingested once by the real CLI (shared with the other test folders; read-only)."""
    return example_db


copy_store = copy_db  # a consistent copy (WAL included) that a test may write to


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
