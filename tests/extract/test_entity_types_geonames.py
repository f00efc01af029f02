"""Entity types from GeoNames' containment (session 20): a name the small model calls a person or an organisation
is a place where GeoNames puts it in a county, state or province the report names beside it or in its sentence
(``place_cues.geo_nested_place``), and the learned re-typer reads the same tie as a feature. Namesakes — people
and companies named like towns — keep their type. Sentences written in the style of news reports."""

from __future__ import annotations

import pytest

from dossier.extract.components import retyper
from dossier.extract.pipeline import load_pipeline
from dossier.model import EntityType
from dossier.model.containment import known_place
from tests.extract.typed import typed_names


@pytest.mark.parametrize(("text", "name"), [
    # the model calls both towns organisations; GeoNames has them in the county the sentence names
    ("The convoy passed Plentywood before reaching Sheridan County.", "Plentywood"),
    ("Flood waters reached Rosharon, Brazoria County, on Monday.", "Rosharon"),
])
def test_a_name_geonames_nests_in_a_division_of_its_sentence_is_a_place(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.PLACE


@pytest.mark.parametrize(("text", "name"), [
    # Kimball is a Nebraska town, but here a man the model calls a person, and nothing is placed in him
    ("The governor met Kimball in Lincoln, Nebraska.", "Kimball"),
    # the agent of a memoir, and a premodifier ("Nebraska voters") is no place of the sentence
    ("A memoir by Kimball describes Nebraska in the 1930s.", "Kimball"),
])
def test_a_person_named_like_a_town_of_the_state_is_no_place(text: str, name: str) -> None:
    types = typed_names(text)
    assert name in types
    assert types[name] != EntityType.PLACE


def test_the_common_word_list_keeps_a_namesake_out_unless_it_stands_beside_its_state() -> None:
    """"Jackson" is a town in Mississippi and a common surname: beside its state it is the town."""
    assert typed_names("The storm hit Jackson, Mississippi, on Sunday.").get("Jackson") == EntityType.PLACE


def test_geonames_knows_places_and_divisions_by_name() -> None:
    assert known_place("Plentywood") and known_place("Sheridan County") and known_place("Sheridan")
    assert not known_place("Qwertyville")


def test_the_re_typer_sees_the_geonames_tie(monkeypatch: pytest.MonkeyPatch) -> None:
    """The re-typer's features carry how GeoNames ties a name to the report's other names."""
    seen: dict[str, set[str]] = {}

    def record(doc: object, pooled: list[tuple[str, list[object], set[str]]]) -> None:
        for key, _, feats in pooled:
            seen[key] = feats

    monkeypatch.setattr(retyper, "RECORDER", [record])
    load_pipeline()("Crews worked near Plentywood on Monday. Deputies from Sheridan County closed the road.")
    assert "geonest=document" in seen.get("plentywood", set())
