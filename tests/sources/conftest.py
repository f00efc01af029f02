from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sources.server import Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve()
