"""Shared fixtures: the real spaCy pipeline (loaded once), a tiny document factory, temporary stores."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.model import Document

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "reports"


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
