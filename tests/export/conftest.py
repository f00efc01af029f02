"""The example corpus ingested once per test session (tests/conftest.py), read by every export test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.store import SQLiteStore, open_store


@pytest.fixture(scope="session")
def export_db(example_db: Path) -> Path:
    """The shared example corpus (tests/conftest.py); golden comparisons show its sources relative to the
    checkout (tests/export/golden.py)."""
    return example_db


@pytest.fixture
def store(export_db: Path) -> Iterator[SQLiteStore]:
    with open_store(export_db, readonly=True) as s:
        yield s
