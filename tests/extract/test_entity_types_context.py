"""Entity types read from what the sentence says of a name (issue 12): relations need the right types, and the small
model calls bands and clubs people or places, small towns organisations, European names organisations and
parties nationalities. Sentences written in the style of news reports, not copied from any benchmark."""

from __future__ import annotations

import pytest

from dossier.model import EntityType
from tests.extract.typed import typed_names


@pytest.mark.parametrize(("text", "name"), [
    ("The convoy was ambushed two miles west of the settlement of Brae late on Tuesday.", "Brae"),
    ("Floods cut the road from the town of Bad Schandau to the border on Monday.", "Bad Schandau"),
    ("The ferry sank in the strait north of Rügen, the coastguard said.", "Rügen"),
])
def test_the_object_of_a_settlement_or_compass_of_is_a_place(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.PLACE


@pytest.mark.parametrize(("text", "name"), [
    ("He was a member of Nightrage for five years before the police arrested him.", "Nightrage"),
    ("The guitarist, who spent a decade with the electronic group Tangerine Dream, died on Sunday.",
     "Tangerine Dream"),
])
def test_a_band_is_an_organisation_by_what_the_sentence_says(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.ORGANIZATION


def test_a_party_adjective_names_the_party_and_a_demonym_stays_a_group() -> None:
    types = typed_names("Jonathan Sayeed, a British politician, was a Conservative Member of Parliament until 2005.")
    assert types.get("Conservative") == EntityType.ORGANIZATION
    assert types.get("British") == EntityType.GROUP
    assert types.get("Jonathan Sayeed") == EntityType.PERSON


@pytest.mark.parametrize(("text", "name"), [
    ("The ceremony was led by singer-songwriter Christina Aguilera in Los Angeles.", "Christina Aguilera"),
    ("In 1894 the minister married Ella Mabel Morris in a small church.", "Ella Mabel Morris"),
    ("Frédéric Talgorn (born 2 July 1961 in Toulouse) wrote the score.", "Frédéric Talgorn"),
])
def test_a_name_the_sentence_says_is_a_person_is_a_person(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.PERSON


def test_what_the_gazetteer_knows_stays_a_place() -> None:
    types = typed_names("He played for Brazil at two World Cups and later lived north of Lisbon.")
    assert types.get("Brazil") == EntityType.PLACE
    assert types.get("Lisbon") == EntityType.PLACE


def test_a_company_after_a_place_word_of_stays_an_organisation() -> None:
    types = typed_names("Shares of Boeing fell after the governor of Washington criticised the Boeing Company.")
    assert types.get("Boeing Company", types.get("Boeing")) == EntityType.ORGANIZATION


@pytest.mark.parametrize(("text", "name"), [
    ("Rescuers reached the island Vigra after the storm passed.", "Vigra"),
    ("Two towns are linked by the bridge Rafael Mendoza Avilés, which was closed on Friday.", "Rafael Mendoza Avilés"),
    ("The victims lived in the Pahuatlán municipality of the state of Puebla.", "Pahuatlán"),
])
def test_a_place_noun_next_to_a_name_makes_it_a_place(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.PLACE


def test_a_kin_noun_in_apposition_makes_a_person() -> None:
    types = typed_names("Arjuna was born of Kunti, the first wife of King Pandu, the chronicle says.")
    assert types.get("Kunti") == EntityType.PERSON


def test_a_school_is_an_organisation() -> None:
    types = typed_names("Police said the gunman was a former pupil of Indian Hills High School, located in Oakland.")
    assert types.get("Indian Hills High School") == EntityType.ORGANIZATION
    assert types.get("Oakland") == EntityType.PLACE


def test_a_council_after_city_stays_an_organisation() -> None:
    types = typed_names("The mayor told the city Council that the budget was exhausted.")
    assert types.get("Council", EntityType.ORGANIZATION) == EntityType.ORGANIZATION


@pytest.mark.parametrize(("text", "name"), [
    ("The singer recorded a guest solo for the Australian power metal band Lord on the new album.", "Lord"),
    ("The striker left the Austrian club Schwadorf on Monday.", "Schwadorf"),
])
def test_a_band_or_club_the_model_misses_is_found_after_the_group_noun(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.ORGANIZATION
