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


def _doc(kinds: tuple[str, ...], labels: tuple[tuple[str, int, int], ...]) -> Any:
    from score_redocred import GoldDoc

    return GoldDoc("t", "Catania is on the Sicilian mainland.", ((0, 36),), (((0, 7, 0),), ((21, 29, 0),)), labels,
                   kinds)


def test_part_of_between_places_is_scored_as_located_in() -> None:
    """One place part of another is dossier's located_in (its part_of is between organisations): the fact is a
    located_in fact, in both label directions, once."""
    from score_redocred import gold_facts

    facts, also = gold_facts(_doc(("LOC", "LOC"), (("P361", 0, 1), ("P527", 1, 0))))
    assert facts == {("located_in", 0, 1): "P361"}
    assert not any(k[0] == "part_of" for k in also)


def test_part_of_between_organisations_stays_part_of() -> None:
    from score_redocred import gold_facts

    facts, also = gold_facts(_doc(("ORG", "ORG"), (("P361", 0, 1),)))
    assert facts == {("part_of", 0, 1): "P361"}
    assert ("affiliation", 0, 1) in also
