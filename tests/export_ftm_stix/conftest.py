from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.store import SQLiteStore, open_store
from tests.export_ftm_stix.corpus import ingest_slice


@pytest.fixture(scope="session")
def slice_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_slice(tmp_path_factory.mktemp("ftm-stix") / "store.db")


@pytest.fixture
def store(slice_db: Path) -> Iterator[SQLiteStore]:
    with open_store(slice_db, readonly=True) as s:
        yield s
