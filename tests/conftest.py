"""Shared fixtures: the real spaCy pipeline (loaded once), a tiny document factory, temporary stores."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.model import Document
from tests.model_marks import guard_unmarked, mark_model_tests  # noqa: F401 (an autouse fixture)

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "reports"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    mark_model_tests(items)


def make_document(text: str, source: str = "test.txt", **meta: object) -> Document:
    return Document(id=Document.make_id(text), text=text, source=source, **meta)  # type: ignore[arg-type]


@pytest.fixture
def doc_factory() -> Callable[..., Document]:
    return make_document


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from dossier.extract.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example corpus ingested once by the real CLI, for read-only tests (copy it before writing)."""
    from click.testing import CliRunner

    from dossier.cli.main import cli

    db = tmp_path_factory.mktemp("examples") / "examples.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", "-q", str(EXAMPLES)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


def copy_db(src: Path, dest: Path) -> Path:
    """A consistent copy of a store (WAL included) that a test may write to."""
    import sqlite3

    with sqlite3.connect(src) as a, sqlite3.connect(dest) as b:
        a.backup(b)
    return dest
