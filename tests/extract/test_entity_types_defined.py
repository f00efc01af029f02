"""Entity types that make a relation impossible (issue 12, session 17): a reef or a concert hall the small model
calls a person, a metal band or a football club called a person, a state the gazetteer's city list lacks, kings and
children called organisations. Each rule reads what the sentence or the name itself says; each test that shows a
rule also has its false reading. Sentences written in the style of news reports, not copied from any benchmark."""

from __future__ import annotations

import pytest

from dossier.model import EntityType
from tests.extract.typed import typed_names


@pytest.mark.parametrize(("text", "name"), [
    ("Kriegers Flak is a reef in the Baltic Sea where Denmark plans a wind farm.", "Kriegers Flak"),
    ("Mavis Grind, a narrow isthmus in Shetland, was closed by the storm on Monday.", "Mavis Grind"),
    ("Symphony Hall is a concert hall in Boston.", "Symphony Hall"),
])
def test_a_name_defined_as_a_site_is_a_place(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.PLACE


@pytest.mark.parametrize(("text", "name"), [
    ("Amaranthe, a Swedish metal band, cancelled its tour on Friday.", "Amaranthe"),
    ("Fyllingen Fotball was a Norwegian football club based in Bergen.", "Fyllingen Fotball"),
])
def test_a_name_defined_as_a_band_or_club_is_an_organisation(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.ORGANIZATION


def test_an_apposition_far_from_its_noun_does_not_define_the_name() -> None:
    """"its models, Maggie Cheung": the parser hangs the name on "agency"; only a noun right before the comma
    defines it."""
    types = typed_names("The agency, which had groomed one of its models, Maggie Cheung, for the contest, declined to "
                        "comment.")
    assert types.get("Maggie Cheung") == EntityType.PERSON


def test_every_name_of_a_list_after_the_parishes_of_is_a_place() -> None:
    types = typed_names("The hamlet lies between the civil parishes of Holme Abbey and Holme St. Cuthbert in Cumbria.")
    assert types.get("Holme Abbey") == EntityType.PLACE
    assert types.get("Holme St. Cuthbert") == EntityType.PLACE


@pytest.mark.parametrize(("text", "name"), [
    ("He was born in Durg, Madhya Pradesh, in 1997.", "Madhya Pradesh"),
    ("Heavy rain fell across Tasmania and Victoria overnight.", "Tasmania"),
])
def test_a_first_level_division_the_city_list_lacks_is_a_place(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.PLACE


def test_a_division_named_like_a_person_needs_a_placing_word() -> None:
    """Chile's O'Higgins region is a GeoNames division; the man is not."""
    types = typed_names("Bernardo O'Higgins led the army; O'Higgins later ruled Chile.")
    assert types.get("Bernardo O'Higgins") == EntityType.PERSON
    assert types.get("O'Higgins", EntityType.PERSON) != EntityType.PLACE


@pytest.mark.parametrize(("text", "name"), [
    ("The Duchy of Prussia became a fief of the Polish crown in 1525.", "Duchy of Prussia"),
    ("Rangers closed Meramec State Park after the flood, officials said.", "Meramec State Park"),
    ("The fire spread to the McConachie neighbourhood on Monday.", "McConachie"),
    ("Police closed Anthony Henday Drive after the crash on Sunday.", "Anthony Henday Drive"),
    ("Floods hit the Pwani and Lindi Regions this week, the ministry said.", "Pwani"),
])
def test_a_name_s_own_words_or_the_next_noun_make_it_a_place(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.PLACE


@pytest.mark.parametrize("text", [
    "Nathan Lane and Diane Lane attended the gala.",
    "Grace Park said the show would return next year.",
    "Philip Rivers threw two touchdowns on Sunday.",
])
def test_surnames_that_are_place_words_stay_people(text: str) -> None:
    assert EntityType.PLACE not in typed_names(text).values()


def test_a_club_marker_before_a_name_makes_a_club() -> None:
    # the marker is part of the club's name (``org_cues.team_names``)
    assert typed_names("He later coached ŠK Slovan Bratislava for two seasons.").get("ŠK Slovan Bratislava") \
        == EntityType.ORGANIZATION


@pytest.mark.parametrize(("text", "names"), [
    ("In the play, king Ramagupta surrenders his queen to the enemy.", ["Ramagupta"]),
    ("The estate passes to the children of Imran and Ayesha, the court ruled.", ["Imran", "Ayesha"]),
    ("The brothers: Farid, Nabil and Karim, ran the shop together.", ["Nabil", "Karim"]),
])
def test_royal_and_kin_nouns_make_people(text: str, names: list[str]) -> None:
    types = typed_names(text)
    assert [types.get(n) for n in names] == [EntityType.PERSON] * len(names)


def test_life_dates_make_a_person_and_a_company_s_years_do_not() -> None:
    types = typed_names("Gregorio Pacheco Leyes (4 July 1823 – 20 August 1899) was president of Bolivia.")
    assert [t for n, t in types.items() if "Pacheco Leyes" in n] == [EntityType.PERSON]
    assert typed_names("Pan Am (1927–1991) was an American airline.").get("Pan Am") == EntityType.ORGANIZATION
