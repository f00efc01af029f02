"""Clubs, teams and bands the small model calls places or people (``org_cues``): an affiliation ("X signed for
Leeds United") needs the club to be an organisation, and a town, a city or a person must stay what it is.
Sentences written in the style of news reports, not copied from any benchmark."""

from __future__ import annotations

import pytest

from dossier.extract.pipeline import extract
from dossier.model import Document, EntityType
from tests.extract.typed import typed_names


@pytest.mark.parametrize(("text", "name"), [
    ("Manchester United beat Chelsea 2-1 at Old Trafford on Sunday.", "Manchester United"),
    ("Chelsea signed midfielder Declan Rice from West Ham United on Friday.", "West Ham United"),
    ("The striker scored twice for Leeds United on Saturday.", "Leeds United"),
    ("He grew up in Wolverhampton and later played for Bolton Wanderers.", "Bolton Wanderers"),
])
def test_a_club_name_ending_in_a_club_word_is_an_organisation(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.ORGANIZATION


def test_a_city_the_gazetteer_knows_stays_a_place_whatever_its_last_word() -> None:
    types = typed_names("He left Kansas City for Mexico City in 2019 and played in Kansas City again last year.")
    assert types.get("Kansas City") == EntityType.PLACE
    assert types.get("Mexico City") == EntityType.PLACE


def test_every_team_in_a_list_one_played_for_is_an_organisation() -> None:
    types = typed_names("He played for the 76ers, San Antonio Spurs, Kansas City Kings, Los Angeles Lakers and "
                        "Orlando Magic.")
    assert types.get("San Antonio Spurs") == EntityType.ORGANIZATION
    assert types.get("Kansas City Kings") == EntityType.ORGANIZATION


def test_a_town_one_played_in_stays_a_place() -> None:
    types = typed_names("The guitarist played in Wolverhampton and Kidderminster before the band split up.")
    assert types.get("Wolverhampton") == EntityType.PLACE
    assert types.get("Kidderminster") == EntityType.PLACE


def test_a_player_position_after_a_name_makes_it_a_club() -> None:
    types = typed_names("Manchester City midfielder Kevin De Bruyne was injured in training on Tuesday.")
    assert types.get("Manchester City") == EntityType.ORGANIZATION
    assert types.get("Kevin De Bruyne") == EntityType.PERSON


def test_a_singers_drummer_leaves_the_singer_a_person() -> None:
    types = typed_names("Bruce Springsteen's drummer Max Weinberg joined the tour in Ohio.")
    assert types.get("Bruce Springsteen") == EntityType.PERSON


@pytest.mark.parametrize(("text", "name"), [
    ("Amandeep Khare is an Indian cricketer who plays for Chhattisgarh cricket team.", "Chhattisgarh cricket team"),
    ("In December he scored a century for India national under-19 cricket team against Nepal.",
     "India national under-19 cricket team"),
    ("His former clubs were MŠK Rimavská Sobota and Dukla Banská Bystrica.", "MŠK Rimavská Sobota"),
])
def test_a_team_is_named_with_its_sport_and_a_club_with_its_abbreviation(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.ORGANIZATION


def test_a_demonym_before_team_stays_a_group_and_a_team_lies_nowhere() -> None:
    text = "The Indian cricket team arrived in Perth, where the Chhattisgarh cricket team also trains."
    x = extract(Document(id=Document.make_id(text), text=text, source="test"))
    types = {e.name: e.type for e in x.entities}
    assert types.get("Indian") == EntityType.GROUP
    assert types.get("Perth") == EntityType.PLACE
    # a team named after a place represents it, like an embassy: no located_in from its name
    names = {e.id: e.name for e in x.entities}
    assert not [r for r in x.relations if r.predicate == "located_in"
                and names.get(r.subject) == "Chhattisgarh cricket team"]


def test_bands_listed_after_such_as_are_organisations_but_cities_stay_places() -> None:
    types = typed_names("Thrash metal bands, such as Hermética and Horcas, toured cities such as Lyon and Toulouse.")
    assert types.get("Hermética") == EntityType.ORGANIZATION
    assert types.get("Horcas") == EntityType.ORGANIZATION
    assert types.get("Lyon") == EntityType.PLACE
    assert types.get("Toulouse") == EntityType.PLACE


def test_a_name_whose_album_it_is_is_a_band_unless_a_person() -> None:
    assert typed_names("It was also Bad Religion's last album with Jay Bentley on bass.").get("Bad Religion") \
        == EntityType.ORGANIZATION
    assert typed_names("Adele's new album sold a million copies in Britain.").get("Adele") == EntityType.PERSON


def test_a_position_after_a_modifier_makes_a_club_of_a_name_the_model_called_an_organisation() -> None:
    # the model's organisation label held against the given name in it ("Diego"), and the retyper
    text = "San Diego Chargers wide receiver Vincent Jackson was arrested on Tuesday morning."
    assert typed_names(text).get("San Diego Chargers") == EntityType.ORGANIZATION


def test_a_state_before_a_position_stays_a_place() -> None:
    assert typed_names("Texas quarterback Colt McCoy threw two touchdowns.").get("Texas") == EntityType.PLACE
