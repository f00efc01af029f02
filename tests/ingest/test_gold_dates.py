"""Ingest against the hand-labelled gold: every report's ``published`` date (docs/gold-format.md).

The dateline and year-inference rules are heuristics; this pins them to the labelled corpus so a change that
mis-dates a report fails here, with the list of what changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.ingest.limits import Limits
from dossier.ingest.pool import parse_inline
from dossier.ingest.sources import iter_inputs
from dossier.model.records import Document

REPO = Path(__file__).resolve().parents[2]
CORPORA = [REPO / "examples", REPO / "dev"]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("corpus", CORPORA, ids=[c.name for c in CORPORA])
def test_published_dates_match_gold(corpus: Path) -> None:
    reports, gold = corpus / "reports", corpus / "gold"
    if not reports.is_dir() or not gold.is_dir():
        pytest.skip(f"{corpus.name}/ has no reports and gold here")
    limits = Limits()
    checked, wrong = 0, []
    for ref, result in parse_inline(iter_inputs([str(reports)], limits), limits):
        label = gold / (Path(ref.source).stem + ".json")
        if not label.exists():
            continue
        expected = json.loads(label.read_text(encoding="utf-8")).get("published")
        assert isinstance(result, Document), f"{ref.source}: {result}"
        checked += 1
        if result.published != expected:
            wrong.append(f"{Path(ref.source).name}: gold {expected}, ingest {result.published} {result.warnings}")
    assert checked > 0
    assert wrong == [], "\n".join(wrong)
