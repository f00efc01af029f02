"""Quality gate for screening: precision and recall on the 50 look-alike names against the OFAC SDN snapshot
(bench/screen_lookalikes.py) stay above the floors in bench/floors.json ("screening")."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
FLOORS = json.loads((REPO / "bench" / "floors.json").read_text(encoding="utf-8")).get("screening", {})


@pytest.fixture(scope="module")
def result() -> dict[str, object]:
    import screen_lookalikes

    if not (screen_lookalikes.ofac_path() / "sdn.csv").exists():
        pytest.skip("OFAC data absent (../shared/data/ofac_sdn)")
    return screen_lookalikes.evaluate()


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_floor(result: dict[str, object], key: str) -> None:
    metric = key.split(":", 1)[1]
    assert float(result[metric]) >= FLOORS[key], f"{key}: {result[metric]} < floor {FLOORS[key]}"  # type: ignore[arg-type]


def test_fifty_cases() -> None:
    import screen_lookalikes

    cases = screen_lookalikes.read_cases()
    assert len(cases) == 50 and len({c[0] for c in cases}) == 50
    assert sum(c[2] == "-" for c in cases) == 15
