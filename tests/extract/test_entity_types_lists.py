"""Entity types from the names around a name (issue 12, session 18): a surname several people of the report share,
a name in a list of people, a place a chain of places names. Each rule has its false reading beside it.
Sentences written in the style of news reports, not copied from any benchmark."""

from __future__ import annotations

import pytest

from dossier.model import EntityType
from tests.extract.typed import typed_names


def test_a_surname_several_people_share_is_a_person() -> None:
    """The model calls the lone "Roche" an organisation; three people of the report carry it."""
    types = typed_names("Luis Roche designed the avenue. His children, Beatrice Roche and Luis Armando Roche, kept the "
                        "firm. Roche died in 1965.")
    assert types.get("Roche") == EntityType.PERSON or "Roche" not in types


def test_a_place_the_report_places_something_in_is_no_surname() -> None:
    """"Slovan Bratislava" (a club the model calls a person) does not make the city a surname."""
    types = typed_names("The striker grew up in Bratislava and later captained Slovan Bratislava.")
    assert types.get("Bratislava") == EntityType.PLACE


def test_a_club_is_no_person_whose_surname_names_a_place() -> None:
    """"FK Haugesund" is a club: "Haugesund" after "in" stays the town."""
    types = typed_names("The merger created FK Haugesund, and the club still plays in Haugesund, Rogaland.")
    assert types.get("Haugesund") == EntityType.PLACE


@pytest.mark.parametrize(("text", "name"), [
    ("Guests on the programme included Dominique Delpierre, Jorunn Haugen and Laurence Lignères.",
     "Dominique Delpierre"),
    ("The evening's presenters are Kirsty Wark and Emily Maitlis.", "Kirsty Wark"),
])
def test_a_name_in_a_list_of_people_is_a_person(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.PERSON


def test_a_band_beside_its_singer_stays_an_organisation() -> None:
    """A list of two: the band opens with a place the gazetteer knows, so it is no person."""
    types = typed_names("The album was credited to Gloria Estefan and Miami Sound Machine.")
    assert types.get("Miami Sound Machine") != EntityType.PERSON


def test_a_name_after_a_verb_of_moving_and_before_a_known_place_is_a_place() -> None:
    types = typed_names("Thousands of birds migrate to Machu Picchu, Peru, every spring.")
    assert types.get("Machu Picchu") == EntityType.PLACE


def test_a_name_after_to_and_before_a_country_in_a_results_list_stays_a_person() -> None:
    """"went to X, Germany" lists winners and their countries: "go" is no verb of moving here."""
    types = typed_names("The gold medal went to Helga Brandt, Germany, and the silver to Anna Olsen, Norway.")
    assert types.get("Helga Brandt") == EntityType.PERSON


def test_names_before_a_plural_place_noun_are_places() -> None:
    types = typed_names("The fire spread through the Coconino, Kaibab and Prescott national forests in Arizona.")
    assert types.get("Kaibab") == EntityType.PLACE
    assert types.get("Prescott") == EntityType.PLACE


def test_names_before_a_plural_that_is_no_place_keep_their_type() -> None:
    types = typed_names("Talks between the Conservative and Labour parties broke down on Tuesday.")
    assert types.get("Labour") == EntityType.ORGANIZATION


def test_a_list_of_children_after_a_comma_is_a_list_of_people() -> None:
    types = typed_names("He married in 1950 and had three children, Ingrid Solberg, Dominique Delpierre and "
                        "Pablo Ruiz.")
    assert types.get("Dominique Delpierre") == EntityType.PERSON


def test_the_first_of_two_surnames_is_a_person() -> None:
    """Spanish names carry the father's surname in the middle: the model calls the lone "Mujica" a place."""
    types = typed_names("José Mujica Cordano led Uruguay until 2015. Mujica emerged as a pragmatic leader.")
    assert types.get("Mujica") == EntityType.PERSON or "Mujica" not in types


def test_a_middle_word_after_of_is_no_surname() -> None:
    """"Albert of Brandenburg": what follows "of" in a name is a place or a house, not a surname."""
    types = typed_names("Albert of Brandenburg secularized the lands in 1525. Brandenburg lies west of Prussia.")
    assert types.get("Brandenburg") == EntityType.PLACE


def test_the_agent_of_a_verb_only_a_person_does_is_a_person() -> None:
    assert typed_names("King Louie was voiced by Louis Prima in the original film.").get("Louis Prima") \
        == EntityType.PERSON


def test_the_agent_of_producing_stays_an_organisation() -> None:
    types = typed_names("The film was produced by Capistrano Films and distributed by Popcorn Entertainments.")
    assert types.get("Capistrano Films") == EntityType.ORGANIZATION


@pytest.mark.parametrize(("text", "name"), [
    ("The trail follows Minnehaha Creek for two miles.", "Minnehaha Creek"),
    ("Volunteers cleared litter from Dismal Swamp on Saturday.", "Dismal Swamp"),
])
def test_a_two_word_stream_or_swamp_is_a_place(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.PLACE


def test_a_person_whose_surname_is_a_stream_word_stays_a_person() -> None:
    assert typed_names("Guitarist Peter Brook joined the tour in May.").get("Peter Brook") == EntityType.PERSON


def test_an_untagged_name_before_a_corporate_role_and_a_person_is_an_organisation() -> None:
    """The model leaves "Transnet" untagged: "<X> chairperson <person>" says whose chairperson."""
    types = typed_names("The minister said Transnet chairperson Linda Mabaso had resigned.")
    assert types.get("Transnet") == EntityType.ORGANIZATION
    assert types.get("Linda Mabaso") == EntityType.PERSON


def test_a_city_before_a_corporate_role_is_no_organisation() -> None:
    types = typed_names("The minister said Pretoria spokesman Linda Mabaso had resigned.")
    assert types.get("Pretoria") != EntityType.ORGANIZATION


def test_a_name_after_chief_executive_is_a_person() -> None:
    """The model calls "Magnus Hall" an organisation."""
    types = typed_names("Vattenfall chief executive Magnus Hall resigned on Monday.")
    assert types.get("Magnus Hall") == EntityType.PERSON
    assert types.get("Vattenfall") == EntityType.ORGANIZATION


def test_the_object_of_a_kin_nouns_of_is_a_person() -> None:
    types = typed_names("In Greek myth she is the daughter of Aphrodite and Zeus or Hermes.")
    assert types.get("Zeus") == EntityType.PERSON


def test_a_person_noun_and_of_after_a_name_make_it_a_person() -> None:
    """The model calls "Thranduil" an organisation."""
    types = typed_names("Thranduil king of northern Mirkwood ruled the forest elves.")
    assert types.get("Thranduil") == EntityType.PERSON


def test_a_place_before_the_son_of_stays_a_place() -> None:
    """"Nova Scotia, the son of …" is a misparse away from the person born there."""
    types = typed_names("He was born in Cumberland County, Nova Scotia, the son of William Dobson Carter.")
    assert types.get("Nova Scotia") == EntityType.PLACE


def test_a_company_the_maker_of_stays_a_company() -> None:
    assert typed_names("Apple, the maker of the iPhone, said sales rose.").get("Apple") == EntityType.ORGANIZATION


@pytest.mark.parametrize(("text", "name"), [
    ("Independence Pass, originally known as Hunter Pass, is a high mountain pass in Colorado.", "Hunter Pass"),
    ("Goght (formerly Goghot) is a village in the Kotayk Province of Armenia.", "Goghot"),
])
def test_another_name_of_a_place_is_a_place(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.PLACE


def test_an_alias_with_an_organisation_word_keeps_its_own_type() -> None:
    """The alias rule only settles names no rule of their own read: "Industries" says organisation."""
    types = typed_names("Anna Berg, also known as Berg Industries, testified on Monday.")
    assert types.get("Berg Industries") == EntityType.ORGANIZATION


def test_a_site_and_a_mall_are_places() -> None:
    types = typed_names("Crossgates Mall is in Westmere. Archaeologists dug at the Angel Site last summer.")
    assert types.get("Crossgates Mall") == EntityType.PLACE
    assert types.get("Angel Site") == EntityType.PLACE


def test_a_lone_name_before_a_plural_place_noun_is_no_place() -> None:
    types = typed_names("The program has since been expanded to other NFL cities.")
    assert types.get("NFL") == EntityType.ORGANIZATION


def test_a_constable_abbreviation_is_a_title_not_a_person() -> None:
    types = typed_names("City police spokesman Const. Lindsey Houghton said the suspect had been laid off.")
    assert "Const" not in types
    assert types.get("Lindsey Houghton") == EntityType.PERSON


def test_a_lone_name_that_acts_is_no_small_town_of_that_name() -> None:
    """The gazetteer knows a village called Bart; the report never places anything there."""
    types = typed_names("Marge tracks Bart's every move. Bart attaches the chip to a bird.")
    assert types.get("Bart") == EntityType.PERSON


def test_a_small_town_the_report_places_something_in_stays_a_place() -> None:
    """The model calls "Mölln" a person both times; "in Mölln" settles it."""
    types = typed_names("Mölln's mayor said the fire started overnight. Firefighters in Mölln worked until dawn.")
    assert types.get("Mölln") == EntityType.PLACE


def test_a_name_a_person_noun_names_is_no_small_town_of_that_name() -> None:
    """The gazetteer knows a Chevy Chase in Maryland; "comedian" says who is meant."""
    types = typed_names("Paul Hogan shared the stage with actress Goldie Hawn and comedian Chevy Chase.")
    assert types.get("Chevy Chase") == EntityType.PERSON


def test_a_possessive_after_a_locative_does_not_place_a_surname() -> None:
    """"into Riva's office" places the office: "Riva" stays the wounded man's surname."""
    types = typed_names("Paul Riva and Alan Steinberg were wounded. Riva had not regained consciousness. The gunman "
                        "walked into Riva's office.")
    assert types.get("Riva") in (None, EntityType.PERSON)
    assert types.get("Paul Riva") == EntityType.PERSON
