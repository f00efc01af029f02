"""The quality gate: measured scores on the hand-labelled gold may rise but never fall below the floors in
bench/floors.json (a change that lowers a floor must say why in its commit and in docs/quality.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

FLOORS = json.loads((REPO / "bench" / "floors.json").read_text(encoding="utf-8"))


def _get(result: dict, path: str) -> float:  # type: ignore[type-arg]
    node = result
    for part in path.split("."):
        node = node[part]
    return float(node)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def entity_scores() -> dict:  # type: ignore[type-arg]
    from corpus import load_corpus
    from score_entities import score

    return {name: score(load_corpus(name)) for name in ("examples", "dev")}


@pytest.fixture(scope="module")
def extraction_scores() -> dict:  # type: ignore[type-arg]
    from score_extraction import score, select

    return {"all": score(select("all"))}


@pytest.mark.parametrize("key", sorted(FLOORS.get("entities", {})))
def test_entity_floor(entity_scores: dict, key: str) -> None:  # type: ignore[type-arg]
    corpus, path = key.split(":", 1)
    got = _get(entity_scores[corpus], path)
    assert got >= FLOORS["entities"][key], f"{key}: {got:.3f} fell below the floor {FLOORS['entities'][key]}"


@pytest.mark.parametrize("key", sorted(FLOORS.get("extraction", {})))
def test_extraction_floor(extraction_scores: dict, key: str) -> None:  # type: ignore[type-arg]
    corpus, path = key.split(":", 1)
    got = _get(extraction_scores[corpus], path)
    assert got >= FLOORS["extraction"][key], f"{key}: {got:.3f} fell below the floor {FLOORS['extraction'][key]}"
