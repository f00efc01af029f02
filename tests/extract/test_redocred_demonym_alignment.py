"""bench/score_redocred.py: a dossier country also finds the facts Re-DocRED states on the country's adjective,
kept as a gold entity of its own ("French" beside "France"), where the gold types that adjective as a place
(LOC); an adjective typed otherwise (MISC: a language) is not the country (docs/relations.md, "Demonym
vertices")."""

from __future__ import annotations

import sys
from pathlib import Path

from dossier.extract.pipeline import extract
from dossier.model import Document

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from score_redocred import GoldDoc, Tally, demonym_vertices, score_doc  # noqa: E402

TEXT = "Raymond Hermantier was a French actor, born in Lyon, France."


def _gold(french_type: str) -> GoldDoc:
    """Re-DocRED's way with the sentence: Lyon P131 "French" and Lyon P17 France, "French" an entity apart."""
    def at(name: str) -> tuple[tuple[int, int, int], ...]:
        start = TEXT.index(name)
        return ((start, start + len(name), 0),)

    return GoldDoc("Raymond Hermantier", TEXT, ((0, len(TEXT)),),
                   (at("Raymond Hermantier"), at("French"), at("Lyon"), at("France")),
                   (("P131", 2, 1), ("P17", 2, 3)), ("PER", french_type, "LOC", "LOC"))


def _found(french_type: str, aliases: bool = True) -> tuple[int, int]:
    x = extract(Document(id=Document.make_id(TEXT), text=TEXT, source="test"))
    t = Tally()
    score_doc(_gold(french_type), x, t, demonym_aliases=aliases)
    return t.c["within/gold:located_in"][0], t.c["within/located_in"][1]  # facts found, false positives


def test_the_named_country_also_finds_the_fact_on_its_adjective() -> None:
    x = extract(Document(id=Document.make_id(TEXT), text=TEXT, source="test"))
    names = {e.id: e.name for e in x.entities}
    assert ("Lyon", "France") in {(names[r.subject], names[r.object]) for r in x.relations
                                  if r.predicate == "located_in"}
    assert _found("LOC", aliases=False) == (0, 0)  # Lyon → France is only P17 there: neither hit nor miss
    assert _found("LOC") == (1, 0)
    france = next(e.id for e in x.entities if e.name == "France")
    assert demonym_vertices(_gold("LOC"), x, {france: 3}) == {france: {1}}


def test_an_adjective_the_gold_does_not_type_as_a_place_is_not_the_country() -> None:
    assert _found("MISC") == (0, 0)
