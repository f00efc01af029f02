"""The analyst's event merges and splits replayed over the model's clusters (analyze/event_groups.py)."""

from __future__ import annotations

from dossier.analyze.event_groups import EventJudgement, apply_judgements
from dossier.model import stable_id

MODEL = {"e1": "k1", "e2": "k1", "e3": "k3", "e4": "k4"}


def test_merge_is_a_must_link_keeping_the_first_id() -> None:
    out = apply_judgements(MODEL, [EventJudgement("merge", "e3", ("e1",))])
    assert out == {"e1": "k3", "e2": "k3", "e3": "k3", "e4": "k4"}


def test_split_is_a_cannot_link_and_a_later_judgement_wins() -> None:
    split = EventJudgement("split", "e1", ("e2",))
    assert apply_judgements(MODEL, [split]) == {**MODEL, "e2": stable_id("evt", "e2")}
    merged_again = apply_judgements(MODEL, [split, EventJudgement("merge", "e1", ("e2",))])
    assert merged_again["e1"] == merged_again["e2"] == "k1"


def test_records_no_longer_stored_are_skipped() -> None:
    judged = [EventJudgement("merge", "gone", ("e1",)), EventJudgement("split", "e1", ("gone",))]
    assert apply_judgements(MODEL, judged) == MODEL
