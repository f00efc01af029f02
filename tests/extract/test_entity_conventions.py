"""Names and types on sentences written for these tests (not taken from any report): the conventions of real
news that the small model gets wrong — a role word opening a sentence, a spaced dash between two names, an
airline named after its country, a union of states, a town's name used by a company, a trade show."""

from __future__ import annotations

from dossier.extract.pipeline import extract
from dossier.model import EntityType, Extraction
from tests.conftest import make_document


def _types(text: str) -> dict[str, EntityType]:
    x: Extraction = extract(make_document(text))
    for m in x.mentions:
        assert text[m.start:m.end] == m.text
    return {e.name: e.type for e in x.entities}


def test_a_spokesman_opening_a_sentence_is_a_title_and_his_surname_no_town() -> None:
    types = _types("Shares fell on Monday. Spokesman Pierre Nantes said the plant would stay open. "
                   "\"We are not leaving,\" said Nantes.")
    assert types == {"Pierre Nantes": EntityType.PERSON}


def test_the_surname_of_the_one_person_named_in_full_is_that_person_not_a_village_of_that_name() -> None:
    # "Collins", "Carson", "King" and "Cheema" are villages of the gazetteer and surnames in the news
    for surname in ("Collins", "Carson", "Cheema"):
        types = _types(f"Retired physician Mary {surname}, 61, chaired the hearing on Monday. {surname} directed "
                       "the lawyers to file their papers by Friday.")
        assert types == {f"Mary {surname}": EntityType.PERSON}, surname
    assert _types("Floods cut the road to Carson on Monday.").get("Carson") == EntityType.PLACE


def test_a_company_short_name_the_model_calls_a_person_is_the_company() -> None:
    x = extract(make_document("The Treasury named Harbin Lotus Shipping Company on Monday. Harbin Lotus, which is "
                              "run by Chinese national Li Wen, denied the charge."))
    types = {e.name: e.type for e in x.entities}
    assert types.get("Harbin Lotus Shipping Company") == EntityType.ORGANIZATION
    assert all(t != EntityType.PERSON for n, t in types.items() if "Harbin" in n), types


def test_a_spaced_dash_separates_names_but_a_spaced_hyphen_does_not() -> None:
    types = _types("The company is based in Palo Alto - Intel has denied the claims. Intel said on Monday that "
                   "sales of Coca - Cola and of the Queens Hit - Run game had no part in it.")
    assert types.get("Palo Alto") == EntityType.PLACE
    assert "Coca - Cola" in types
    assert "Intel" in types
    assert not any(" - " in name and name not in {"Coca - Cola", "Queens Hit - Run"} for name in types)
    assert "Run" not in types


def test_air_before_a_country_is_an_airline() -> None:
    types = _types("The deal will see jets delivered to four carriers - Air India, Air Canada and two others.")
    assert types.get("Air India") == EntityType.ORGANIZATION
    assert types.get("Air Canada") == EntityType.ORGANIZATION
    assert "India" not in types and "Canada" not in types


def test_an_irish_surname_split_at_its_apostrophe_stays_whole() -> None:
    types = _types("Aer Lingus chief executive Sean O' Brien said fares would rise.")
    assert types.get("Sean O' Brien") == EntityType.PERSON


def test_a_union_of_states_is_a_place_with_its_acronym() -> None:
    x = extract(make_document("The European Union (EU) imposed new sanctions on Tuesday. The EU said the measures "
                              "would last a year."))
    eu = [e for e in x.entities if e.name == "European Union"]
    assert eu and eu[0].type == EntityType.PLACE and "EU" in eu[0].aliases


def test_a_town_name_is_a_company_where_nothing_places_anything_there() -> None:
    assert _types("Shares of Xinhua rose after Xinhua said profits doubled.") == {"Xinhua": EntityType.ORGANIZATION}
    assert _types("Police said the blast in Rawalakot killed two.").get("Rawalakot") == EntityType.PLACE


def test_a_trade_show_and_a_conference_one_speaks_to_are_events_with_their_acronym() -> None:
    types = _types("Over 300 firms exhibited at the Farnborough Air Show. The company gave a keynote to the "
                   "Global Robotics Conference (GRC), and GRC organisers praised it.")
    assert types == {}


def test_a_word_opening_an_organisation_name_is_that_organisation() -> None:
    types = _types("The order went to Skyrail, ending years of talks. Skyrail Airways said the jets would arrive "
                   "in May.")
    assert types.get("Skyrail") == EntityType.ORGANIZATION


def test_a_kind_of_organisation_before_a_name_overrules_a_person_label() -> None:
    assert _types("Shares of airline Wizz Kelly fell.") == {"Wizz Kelly": EntityType.ORGANIZATION}
