"""Relation floors on Re-DocRED dev (real Wikipedia prose; bench/score_redocred.py): the held-out half ``b``,
scored end to end, may rise but not fall below bench/floors.json's "redocred" key. Skipped when the shared data
is absent."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

FLOORS: dict[str, float] = json.loads((REPO / "bench" / "floors.json").read_text(encoding="utf-8")).get(
    "redocred", {})


def _data() -> Path:
    from score_redocred import DATA

    return Path(DATA)


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    if not (_data() / "dev_revised.json").exists():
        pytest.skip("Re-DocRED is not in ../shared/data (set DOSSIER_REDOCRED)")
    from score_redocred import load, score

    return {"b": score(load("b"))}


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_redocred_floor(scores: dict[str, Any], key: str) -> None:
    half, path = key.split(":", 1)
    node: Any = scores[half]
    for part in path.split("."):
        node = node[part]
    assert float(node) >= FLOORS[key], f"{key}: {float(node):.3f} fell below the floor {FLOORS[key]}"
