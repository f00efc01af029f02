"""Entity quality on real news (MEANTIME, hand-annotated Wikinews): the floors of ``meantime_entities`` in
bench/floors.json, measured end to end (ingest, resolution) by bench/score_meantime_entities.py. Skipped where
the shared data folder is absent ($DOSSIER_MEANTIME or ../shared/data/meantime)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

FLOORS: dict[str, float] = json.loads((REPO / "bench" / "floors.json").read_text(encoding="utf-8")).get(
    "meantime_entities", {})


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    from score_meantime_entities import DEFAULT_DATA, evaluate, flat

    if not any(DEFAULT_DATA.glob("corpus_*/*.xml")):
        pytest.skip(f"MEANTIME not found at {DEFAULT_DATA}")
    result: dict[str, Any] = evaluate(DEFAULT_DATA, baseline=False)
    return dict(flat(result))


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_meantime_entity_floor(scores: dict[str, float], key: str) -> None:
    assert scores[key] >= FLOORS[key], f"{key}: {scores[key]:.4f} fell below the floor {FLOORS[key]}"
