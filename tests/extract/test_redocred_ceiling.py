"""bench/redocred_ceiling.py: each within-sentence gold fact gets the first cause that holds (docs/relations.md,
"The ceiling, measured")."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dossier.extract.relations import learned

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import redocred_ceiling  # noqa: E402
import train_relation_model  # noqa: E402
from score_redocred import GoldDoc  # noqa: E402

TEXT = "Raymond Hermantier was a French actor, born in Lyon, France. He later lived in Paris."


def _gold() -> GoldDoc:
    def at(name: str, sentence: int) -> tuple[tuple[int, int, int], ...]:
        start = TEXT.index(name)
        return ((start, start + len(name), sentence),)

    first = TEXT.index(" He") + 1
    return GoldDoc("Raymond Hermantier", TEXT, ((0, first - 1), (first, len(TEXT))),
                   (at("Raymond Hermantier", 0), at("Lyon", 0), at("France", 0), at("actor", 0), at("Paris", 1)),
                   (("P131", 1, 2), ("P131", 3, 2), ("P131", 4, 2)), ("PER", "LOC", "LOC", "MISC", "LOC"))


def test_each_within_sentence_fact_gets_its_first_cause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "load_model", learned.load_model)  # collect switches the model off: restore it
    docs = [_gold()]
    rows, xs = train_relation_model.collect(docs, cache=False)
    got = redocred_ceiling.causes(docs, rows, xs)
    # Lyon in France is the rules' ("born in Lyon, France"); "actor" is no name, so no dossier entity stands for
    # it; Paris in France is told across two sentences and is not a within-sentence fact at all
    assert got == [(0, ("located_in", 1, 2), "rules"), (0, ("located_in", 3, 2), "unaligned")]
