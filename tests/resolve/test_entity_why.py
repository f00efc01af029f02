"""`dossier why`: features, contributions, score, threshold, decision, blocks and judgements."""

from __future__ import annotations

from pathlib import Path

from dossier import pipeline
from dossier.resolve.explain import explain, render
from dossier.resolve.scoring import PRIOR, THRESHOLD
from tests.resolve.entity_factory import L, O, P, report, store_with

TEHRAN = L("Tehran", "112931", "IR")


def reports() -> list:  # type: ignore[type-arg]
    return [
        report("a.txt", P("Yousef al-Haddad"), O("Harakat al-Sumud al-Watani", ["HSW"]), P("Ziad Ma'ayteh"), TEHRAN),
        report("b.txt", P("Yusuf el-Haddad"), O("Harakat el-Sumud el-Watani", ["HSW"]), P("Ziyad Maayteh"), TEHRAN),
        report("c.txt", P("Farhad Karimi-Nasab"), O("Qamar Crest General Trading FZE")),
    ]


def test_why_a_match_shows_every_feature_and_the_decision(tmp_path: Path) -> None:
    with store_with(tmp_path / "s.db", *reports()) as store:
        e = explain(store, "Yousef al-Haddad", "Yusuf el-Haddad")
        assert e.same_entity
        data = e.to_json()
        assert data["prior"] == PRIOR and data["threshold"] == THRESHOLD
        levels = {f["comparison"]: f["level"] for f in data["features"]}
        assert levels["name"] == "translit" and levels["comention"] == "strong"
        assert round(PRIOR + sum(f["weight"] for f in data["features"]), 3) == data["score"]
        assert data["stored"]["score"] == data["score"]  # what the resolver stored is what is recomputed
        assert data["decision"] == "match: linked"
        assert any(b["key"].startswith("s|P|") and b["joins"] for b in data["blocks"])
        text = "\n".join(render(e))
        for expected in ("name", "translit", "comention", "strong", "threshold", "decision: match: linked",
                         "result: one entity"):
            assert expected in text


def test_why_never_compared_says_no_block_joined_them(tmp_path: Path) -> None:
    with store_with(tmp_path / "s.db", *reports()) as store:
        e = explain(store, "Farhad Karimi-Nasab", "Yousef al-Haddad")
        assert not e.same_entity and not e.compared and e.blocks == []
        assert e.decision.startswith("never compared: no block joins them")
        assert "block: none shared" in render(e)


def test_why_names_the_judgement_that_applied(tmp_path: Path) -> None:
    with store_with(tmp_path / "s.db", *reports()) as store:
        pipeline.judge(store, "split", "Yousef al-Haddad", "Yusuf el-Haddad")
        e = explain(store, "Yousef al-Haddad", "Yusuf el-Haddad")
        assert not e.same_entity
        assert e.judgement is not None and e.judgement["decision"] == "split"
        assert e.decision.startswith("split by judgement #1")
        assert e.pair.accepted  # the scores alone would have linked them
