"""The MEANTIME time-expression floors (bench/floors.json, key "meantime_timex"): extent, type and TimeML value
of the TIMEX3 in 60 real Wikinews articles, scored by bench/score_meantime_timex.py. The corpus lives in the
shared data folder ($DOSSIER_MEANTIME or ../shared/data/meantime); without it these tests skip."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

FLOORS = json.loads((REPO / "bench" / "floors.json").read_text(encoding="utf-8")).get("meantime_timex", {})


@pytest.fixture(scope="module")
def scores() -> dict:  # type: ignore[type-arg]
    from score_meantime_timex import DATA, run

    if not DATA.is_dir():
        pytest.skip(f"MEANTIME not found at {DATA} (set DOSSIER_MEANTIME)")
    result, _ = run(DATA)
    return {"dev": result}


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_meantime_timex_floor(scores: dict, key: str) -> None:  # type: ignore[type-arg]
    corpus, path = key.split(":", 1)
    node = scores[corpus]
    for part in path.split("."):
        node = node[part]
    got = float(node)
    assert got >= FLOORS[key], f"{key}: {got:.3f} fell below the floor {FLOORS[key]}"


def test_every_gold_expression_is_read(scores: dict) -> None:  # type: ignore[type-arg]
    """The loader found gold expressions and dossier found some (a broken loader would pass every floor at 0/0
    only by accident, but say so plainly)."""
    assert scores["dev"]["gold"] > 0 and scores["dev"]["predicted"] > 0
