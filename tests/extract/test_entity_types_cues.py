"""Session 19 (issue 12): three cues that give a name the type its relations need, found by measuring which
within-sentence Re-DocRED facts the entity layer blocks (``bench/score_redocred_entities.py --blocked``). Sentences
written in the style of news reports, not copied from any benchmark."""

from __future__ import annotations

import pytest

from dossier.extract.pipeline import extract
from dossier.model import Document, EntityType, Extraction
from tests.extract.typed import typed_names


@pytest.mark.parametrize(("text", "name"), [
    ("Police said a woman by the name of Ingrid Lavelle had reported the theft on Friday.", "Ingrid Lavelle"),
    ("A man named Hans Ritter was arrested in Bonn on Tuesday.", "Hans Ritter"),
    ("He later married a Belgian lady by the name of Margot Delvaux, the court heard.", "Margot Delvaux"),
])
def test_a_person_noun_named_so_is_a_person(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.PERSON


def test_a_company_called_so_stays_a_company() -> None:
    types = typed_names("A company called Harbin Lotus bought the mill in March.")
    assert types.get("Harbin Lotus") == EntityType.ORGANIZATION


def test_a_church_the_report_says_is_located_somewhere_is_a_place() -> None:
    assert typed_names("Vigra Church is located a short distance south of Roald.").get("Vigra Church") \
        == EntityType.PLACE


def test_a_singer_whose_surname_is_church_stays_no_place() -> None:
    types = typed_names("Charlotte Church sang in Cardiff on Saturday.")
    assert types.get("Charlotte Church") != EntityType.PLACE


def test_the_second_of_two_rivers_sharing_the_plural_is_a_river() -> None:
    types = typed_names("The bridge stands at the confluence of the Désert and Gatineau Rivers, north of the town.")
    assert types.get("Gatineau Rivers") == EntityType.PLACE


def test_a_couple_sharing_a_surname_is_no_river() -> None:
    types = typed_names("Tom and Joan Rivers flew to Paris on Monday.")
    assert types.get("Joan Rivers") == EntityType.PERSON
    assert types.get("Tom") != EntityType.PLACE  # nor is the first of them, as the first of two rivers is


def _mentions(text: str) -> dict[str, set[str]]:
    x: Extraction = extract(Document(id=Document.make_id(text), text=text, source="test"))
    names = {e.id: e.name for e in x.entities}
    out: dict[str, set[str]] = {}
    for m in x.mentions:
        out.setdefault(m.text, set()).add(names[m.entity])
    return out


def test_a_given_name_alone_is_the_person_named_in_full() -> None:
    """Session 19: after "Hugh Jackman", a lone "Hugh" is the man by his first name, never a place of that name."""
    text = ("Hugh Jackman will host the Oscars, the academy announced on Friday. \"It certainly did not escape us "
            "that Hugh looks terrific in a tuxedo,\" Mr. Mark said. \"Hugh is the ideal choice to host the show.\"")
    assert _mentions(text)["Hugh"] == {"Hugh Jackman"}


def test_a_place_named_like_a_given_name_stays_a_place() -> None:
    text = "Victoria Cross, a nurse from Leeds, moved to Adelaide in 2001 and later lived in Victoria, Australia."
    types = typed_names(text)
    assert types.get("Victoria") == EntityType.PLACE


def test_one_word_after_the_and_a_country_adjective_is_the_country_body() -> None:
    """Session 19: "the conservative Swedish Riksdag" — the small model says person; no person is "the Swedish X"
    (the vote had hung on the learned re-typer's threshold, which moved between retrains)."""
    assert typed_names("The conservative Swedish Riksdag had not allowed the constitution to be revised.").get(
        "Riksdag") == EntityType.ORGANIZATION
    assert typed_names("The Swedish Greta Thunberg spoke at the summit on Monday.").get(
        "Greta Thunberg") == EntityType.PERSON


def test_a_feature_word_before_the_last_word_names_a_place() -> None:
    """Session 19: "Aoraki Mount Cook" (a native name before "Mount Cook") — the model says person."""
    climber = "A 36-year-old Australian climber is dead after falling about 150 metres at Aoraki Mount Cook."
    assert typed_names(climber).get("Aoraki Mount Cook") == EntityType.PLACE
    assert typed_names("Talk show host Ricki Lake said on Monday that she would return.").get(
        "Ricki Lake") == EntityType.PERSON  # the feature word ends the name: a surname
