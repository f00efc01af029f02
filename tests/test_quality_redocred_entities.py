"""Entity-layer floors on Re-DocRED dev (bench/score_redocred_entities.py): on the held-out half ``b`` the share of
gold people, organisations and places found and typed right (person / organization / place), over all of them and
over those of a within-sentence relation fact, may rise but not fall below bench/floors.json's
"redocred_entities" key. Skipped when the shared data is absent."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

FLOORS: dict[str, float] = json.loads((REPO / "bench" / "floors.json").read_text(encoding="utf-8")).get(
    "redocred_entities", {})


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    from score_redocred import DATA

    if not (Path(DATA) / "dev_revised.json").exists():
        pytest.skip("Re-DocRED is not in ../shared/data (set DOSSIER_REDOCRED)")
    from score_redocred import extract_all, load
    from score_redocred_entities import gold_types, score

    docs = load("b")
    return {"b": score(docs, gold_types("b", None), extract_all(docs))}


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_redocred_entity_floor(scores: dict[str, Any], key: str) -> None:
    half, path = key.split(":", 1)
    node: Any = scores[half]
    for part in path.split("."):
        node = node[part]
    assert float(node) >= FLOORS[key], f"{key}: {float(node):.3f} fell below the floor {FLOORS[key]}"
