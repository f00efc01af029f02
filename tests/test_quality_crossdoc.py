"""Cross-document corroboration gate (issue 12): no false corroboration on real press releases, the seed
conference told by two outlets is one event, and events keep their cross-document identity through the export.

Floors in bench/floors.json under ``crossdoc``: ``*.max`` keys are ceilings (a count that must not rise), the
others floors. Skipped when ``../shared/data`` (or the seeds) are absent.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from dossier import pipeline
from dossier.model.facts import fact_json

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
SHARED = Path(os.environ.get("DOSSIER_DATA", REPO.parent / "shared" / "data")).parent
FLOORS: dict[str, float] = json.loads((REPO / "bench" / "floors.json").read_text(encoding="utf-8")).get(
    "crossdoc", {})


def _get(result: dict[str, Any], path: str) -> float:
    node: Any = result
    for part in path.split("."):
        node = node[part]
    return float(node)


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    out: dict[str, Any] = {}
    isaf = SHARED / "data" / "isaf" / "dev.jsonl"
    if isaf.exists():
        from score_isaf_pairs import build_store, load_releases, score

        releases = load_releases(isaf)
        with tempfile.TemporaryDirectory() as tmp:
            store = build_store(releases, Path(tmp) / "isaf.db")
            out["isaf"] = score(store, releases)
            store.close()
    ecb = SHARED / "data" / "ecbplus"
    if ecb.exists():
        from ecbplus import DEV_TOPICS, prepare, read_corpus
        from ecbplus_e2e import export_e2e

        out["ecbplus"] = export_e2e(prepare(read_corpus(DEV_TOPICS, ecb)), log=lambda _: None)
    return out


def test_export_clusters_beat_singletons(scores: dict[str, Any]) -> None:
    if "ecbplus" not in scores:
        pytest.skip("ecbplus absent")
    on = scores["ecbplus"]["clustering_on_matched"]
    assert on["dossier"]["conll"] > on["all-singletons"]["conll"]
    assert scores["ecbplus"]["clusters_over_several_reports"] > 0


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_crossdoc_floor(scores: dict[str, Any], key: str) -> None:
    corpus, path = key.split(":", 1)
    if corpus not in scores:
        pytest.skip(f"{corpus}: shared data absent")
    if path.endswith(".max"):
        got = _get(scores[corpus], path[: -len(".max")])
        assert got <= FLOORS[key], f"{key}: {got} rose above {FLOORS[key]}"
    else:
        got = _get(scores[corpus], path)
        assert got >= FLOORS[key], f"{key}: {got:.3f} fell below {FLOORS[key]}"


def test_the_seed_conference_is_one_event_told_by_both_reports() -> None:
    seeds = SHARED / "seeds"
    if not seeds.exists():
        pytest.skip("seeds absent")
    from dossier.analyze import Analysis
    from dossier.extract.pipeline import extract
    from dossier.ingest.limits import Limits
    from dossier.ingest.parse import parse_input
    from dossier.ingest.sources import InputRef
    from dossier.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "seeds.db") as store:
        for path in sorted(seeds.glob("*.txt")):
            store.add_extraction(extract(parse_input(InputRef(source=path.name, path=str(path)), Limits())))
        pipeline.resolve(store, full=True)
        facts = Analysis(store).all_events()
        both = [f for f in facts if f.type == "meeting" and f.documents == 2]
        assert len(both) == 1, [f.label for f in facts]
        assert both[0].independent_sources == 2
        assert "Rawalakot" in json.dumps(fact_json(both[0]))
        # nothing else is counted twice: the other meetings of the reports are other events
        assert all(f.documents == 1 for f in facts if f is not both[0])
