"""Fixtures for ingest tests: every hostile input is built here, in tmp_path, never committed as a binary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.ingest.limits import Limits
from dossier.ingest.pool import parse_one
from dossier.ingest.sources import InputRef
from dossier.model.records import Document, Rejection


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """``write("a.txt", "text")``: a file under tmp_path (parents created), str as UTF-8."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write


@pytest.fixture
def parse(write: Callable[[str, str | bytes], Path]) -> Callable[..., Document | Rejection]:
    """``parse("a.txt", content, limits=None)``: write the file and parse it in-process."""

    def _parse(name: str, content: str | bytes, limits: Limits | None = None) -> Document | Rejection:
        path = write(name, content)
        return parse_one(InputRef(source=str(path), path=str(path)), limits or Limits())

    return _parse
