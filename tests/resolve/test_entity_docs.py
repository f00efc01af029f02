"""docs/resolution.md states the weights, caps and thresholds the code uses: a test fails when it goes stale."""

from __future__ import annotations

from pathlib import Path

from dossier.resolve import blocking
from dossier.resolve.scoring import CONTRADICTION, PRIOR, THRESHOLD, WEIGHTS

DOC = Path(__file__).resolve().parents[2] / "docs" / "resolution.md"


def test_weights_table_matches_the_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    for comparison, table in WEIGHTS.items():
        for level, lv in table.items():
            row = f"| {comparison} | {level} | {lv.m:g} | {lv.u:g} | {lv.weight:+.3f} | {lv.why} |"
            assert row in text, f"docs/resolution.md lacks or misstates: {row}"


def test_constants_match_the_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f"prior = {PRIOR:.3f}".replace("-", "−") in text
    assert f"Threshold: {THRESHOLD:.3f}" in text
    assert f"`CAP` = {blocking.CAP}" in text and f"`PIVOTS` = {blocking.PIVOTS}" in text
    assert f"{CONTRADICTION}".replace("-", "−") in text
