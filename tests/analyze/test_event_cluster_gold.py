"""The hand-made cross-report event clusters (examples/event_clusters.json) must stay in step with the per-report
gold: a gold event added, renamed or deleted in examples/gold/ without updating the clusters would silently drop
out of bench/score_event_clusters.py."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from score_event_clusters import GOLD, gold_events, resolve_gold  # noqa: E402


@pytest.fixture(scope="module")
def clusters() -> dict[str, list[list[str]]]:
    data: dict[str, list[list[str]]] = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def events() -> dict[tuple[str, int], dict[str, Any]]:
    return gold_events()


def test_every_gold_event_is_in_exactly_one_cluster(clusters: dict[str, list[list[str]]],
                                                    events: dict[tuple[str, int], dict[str, Any]]) -> None:
    where, problems = resolve_gold(clusters, events)
    assert problems == []
    assert set(where) == set(events)
    assert len({stem for stem, _ in events}) == 17  # every example report has gold events
    assert sum(len(items) for items in clusters.values()) == len(events)


def test_the_check_catches_a_missing_a_duplicate_and_an_unknown_entry(
        clusters: dict[str, list[list[str]]], events: dict[tuple[str, int], dict[str, Any]]) -> None:
    name, items = next((n, i) for n, i in clusters.items() if len(i) > 1)
    missing = copy.deepcopy(clusters)
    dropped = missing[name].pop()
    assert any("is in no cluster" in p for p in resolve_gold(missing, events)[1])

    duplicate = copy.deepcopy(clusters)
    duplicate["a second home"] = [list(dropped)]
    assert any("already in" in p for p in resolve_gold(duplicate, events)[1])

    unknown = copy.deepcopy(clusters)
    unknown[name].append([items[0][0], "no such trigger", items[0][2]])
    assert any("names 0 gold events" in p for p in resolve_gold(unknown, events)[1])

    wrong_report = copy.deepcopy(clusters)
    wrong_report[name][0] = ["99_no-such-report", *items[0][1:]]
    assert resolve_gold(wrong_report, events)[1]

