"""Shared fixtures: the real spaCy pipeline (loaded once), the example corpus ingested once, a tiny document
factory, temporary stores; and the ``model`` mark with its time report.

Tests that load the spaCy model (through ``nlp`` or an ingested corpus, or by ingesting in the test) carry
``@pytest.mark.model``: ``pytest -m "not model"`` runs the fast rest, and the summary line at the end of every
run says how much of the time the model-loading tests took.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dossier.model import Document

# One spaCy parse worker per ingest unless a test asks for more: the suite's corpora are tiny, and on a 2-core CI
# machine a second worker's spaCy load costs more than it saves (tests/extract/test_pool.py and tests/batch run
# two workers explicitly). Inherited by the CLI runs in subprocesses too.
os.environ.setdefault("DOSSIER_WORKERS", "1")

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "reports"


# Tests that measure time or kill processes (kill -9 rounds, parse time limits, Ray's workers, the browser) run one
# after another in one pytest-xdist worker (`make test` runs two: `-n 2 --dist loadgroup`), so that two of them
# never compete for the same core; the rest run beside them in the other worker.
_TIMED = ("tests/batch/", "tests/store/test_durability.py", "tests/extract/test_pool.py", "tests/ingest/test_pool.py",
          "tests/reliability/", "tests/serve/test_e2e", "tests/serve/test_upload", "tests/store/test_readers.py",
          "tests/serve/test_screenshots")


@pytest.fixture(autouse=True, scope="module")
def _no_server_worker_outlives_its_module() -> Iterator[None]:
    """The web app's writer and parse workers are shared by every app in a process and live until it exits; a
    test module that started them stops them, so later tests that count worker processes see only their own."""
    yield
    if "dossier.serve.writer" in sys.modules:
        sys.modules["dossier.serve.writer"].close_all()


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
    """The example corpus ingested ONCE per session by the real CLI and shared by every test folder (read-only:
    a test that writes works on ``copy_db(example_db, tmp_path / ...)``). Sources are absolute paths, as a user's
    would be; golden files show them relative to the checkout (tests/export/golden.py)."""
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


# Fixtures whose use means the spaCy model is loaded (pytest lists a test's fixtures transitively, so a fixture
# built on ``example_db`` counts too); tests that ingest in their own body are marked in their module.
MODEL_FIXTURES = frozenset({"nlp", "example_db", "slice_db", "seeds_db"})
_TIMES: dict[bool, list[float]] = {True: [], False: []}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if MODEL_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)
        if item.nodeid.split("::", 1)[0].startswith(_TIMED):
            item.add_marker(pytest.mark.xdist_group("timed"))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _TIMES["model" in report.keywords].append(report.duration)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    model, other = sum(_TIMES[True]), sum(_TIMES[False])
    if model or other:
        terminalreporter.write_line(f"dossier: {model:.1f} s in tests marked model (spaCy loaded), "
                                    f"{other:.1f} s in the others")
