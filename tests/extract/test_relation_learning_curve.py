"""bench/relation_learning_curve.py: how a learning curve point is scored (docs/relations.md, "Session 21")."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dossier.extract.relations import learned

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import relation_learning_curve as curve  # noqa: E402
import train_relation_model  # noqa: E402
from score_redocred import GoldDoc  # noqa: E402

TEXT = "Raymond Hermantier was a French actor, born in Lyon, France. He later lived in Paris."


def test_average_precision_counts_each_gold_fact_once_and_skips_repeats() -> None:
    a, b = ("located_in", 1, 2), ("located_in", 3, 2)
    # ranks: a true (1/1), a false, b true (2/3); a's second addition is neither and takes no rank
    ranked = [(0.9, a), (0.8, "fp"), (0.75, a), (0.7, b), (0.6, "fp")]
    ap, hits = curve._ap(ranked)
    assert hits == 2
    assert ap == pytest.approx((1 / 1 + 2 / 3) / 2)
    assert curve._ap([(0.5, "fp")]) == (0.0, 0)


def test_a_model_that_adds_nothing_scores_the_rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "load_model", learned.load_model)  # collect switches the model off: restore it
    # the training script caches gold facts by title and alignments by object id: start from empty caches
    monkeypatch.setattr(train_relation_model, "_ALIGN", {})
    monkeypatch.setattr(train_relation_model, "_FACTS", {})
    first = TEXT.index(" He") + 1

    def at(name: str, sentence: int) -> tuple[tuple[int, int, int], ...]:
        start = TEXT.index(name)
        return ((start, start + len(name), sentence),)

    gold = GoldDoc("Raymond Hermantier", TEXT, ((0, first - 1), (first, len(TEXT))),
                   (at("Raymond Hermantier", 0), at("Lyon", 0), at("France", 0), at("Paris", 1)),
                   (("P131", 1, 2), ("P131", 3, 2)), ("PER", "LOC", "LOC", "LOC"))
    rows, xs = train_relation_model.collect([gold], cache=False)
    silent = learned.RelationModel(learned.GROUPS, (10.0, 0.0, 0.0, 0.0, 0.0), {}, {})
    got = curve.score_b(silent, ([gold], rows, xs), {k: 0.5 for k in learned.THRESHOLD_KEYS})
    # the rules state Lyon in France ("born in Lyon, France"); Paris in France is told across sentences
    assert (got["added"], got["P"], got["R"]) == (0, 1.0, 1.0)
    assert got["hits"] == 0
