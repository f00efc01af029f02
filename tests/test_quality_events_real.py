"""Quality gate for events on real news: MEANTIME event mentions and ISAF press releases (floors in
bench/floors.json under "meantime_events" and "isaf_events"). Skipped when the shared data is absent."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

FLOORS = json.loads((REPO / "bench" / "floors.json").read_text(encoding="utf-8"))


def _get(result: dict[str, Any], path: str) -> float:
    node: Any = result
    for part in path.split("."):
        node = node[part]
    return float(node)


@pytest.fixture(scope="module")
def meantime() -> dict[str, Any]:
    import score_meantime_events as sm

    if not sm.DATA.is_dir():
        pytest.skip("MEANTIME not in ../shared/data")
    return sm.score(sm.read_corpus())


@pytest.fixture(scope="module")
def isaf() -> dict[str, Any]:
    import score_isaf_events as si

    if not si.DATA.is_file():
        pytest.skip("ISAF dev not in ../shared/data")
    return si.score(si.read_rows())


@pytest.mark.parametrize("key", sorted(FLOORS.get("meantime_events", {})))
def test_meantime_events_floor(meantime: dict[str, Any], key: str) -> None:
    assert _get(meantime, key) >= FLOORS["meantime_events"][key], key


@pytest.mark.parametrize("key", sorted(FLOORS.get("isaf_events", {})))
def test_isaf_events_floor(isaf: dict[str, Any], key: str) -> None:
    assert _get(isaf, key) >= FLOORS["isaf_events"][key], key
