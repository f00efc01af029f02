"""States, provinces and countries named by abbreviation, and countries that share their capital's name
(docs/entities.md, "Abbreviated states and provinces")."""

from __future__ import annotations

from pathlib import Path

from dossier.model.canonical import canonical_name
from dossier.model.reference import division_abbreviation, lookup_place
from dossier.resolve.profile import admin1_ref
from tests.extract.places import annotated_places


def test_a_dotted_state_abbreviation_is_the_state_not_a_namesake_town() -> None:
    assert division_abbreviation("Mich.") == ("US", "Michigan")
    assert division_abbreviation("N. Y.") == ("US", "New York")  # as tokenised corpora space it
    assert division_abbreviation("B.C.") == ("CA", "British Columbia")
    assert division_abbreviation("MD") is None and division_abbreviation("PA") is None  # a degree, an agency
    assert lookup_place("Ala.") is None  # GeoNames lists "Ala" among the names of Aalen, Germany


def test_a_town_with_its_abbreviated_state_lies_in_the_state() -> None:
    text = "a physician who operates a clinic in Bayou La Batre, Ala., as the Surgeon General"
    town, state = annotated_places(text, "Bayou La Batre", "Ala.")
    assert state.attributes == {"precision": "admin1", "admin1": "Alabama", "country": "US"}
    assert town.attributes.get("admin1") == "Alabama" and town.attributes.get("country") == "US"


def test_an_abbreviated_country_and_a_country_named_like_its_capital_are_countries() -> None:
    text = "Pirates off Djibouti freed the ship, U.S. officials said."
    djibouti, us = annotated_places(text, "Djibouti", "U.S.")
    assert djibouti.attributes["precision"] == "country" and djibouti.attributes["country"] == "DJ"
    assert "admin1" not in djibouti.attributes  # not the Djibouti region of Djibouti
    assert us.attributes == {"precision": "country", "country": "US"}


def test_a_lone_province_name_is_that_province_where_the_report_names_no_country() -> None:
    (michigan,) = annotated_places("Michigan State Police said the suspect surrendered.", "Michigan")
    assert michigan.attributes["precision"] == "admin1" and michigan.attributes["country"] == "US"
    # a common noun with its article stays unplaced: Gulf Province of Papua New Guinea is not "the Gulf"
    (gulf,) = annotated_places("Tankers crossed the Gulf on Monday.", "Gulf")
    assert "admin1" not in gulf.attributes and gulf.attributes.get("country") != "PG"
    # where the report names other countries only, a bare name is not read as some province of another one
    _, gulf2 = annotated_places("Iran said Gulf shipping was safe.", "Iran", "Gulf")
    assert "admin1" not in gulf2.attributes


def test_a_province_is_never_put_in_another_province_of_the_report() -> None:
    text = "Officials in Washington praised her clinic. She returned to Alabama in 1990."
    # "Washington" is the report's one province; Alabama, a province itself, does not take it
    washington, alabama = annotated_places(text, "Washington", "Alabama")
    assert washington.attributes.get("admin1") == "Washington"
    assert alabama.attributes.get("admin1") in (None, "Alabama")


def test_the_full_name_wins_over_its_abbreviation_and_both_are_one_division() -> None:
    assert canonical_name(["Mich.", "Mich.", "Mich.", "Michigan"], "place") == "Michigan"
    assert canonical_name(["MD", "MD", "Md."], "place") == "Md."  # no full name: the abbreviation before an acronym
    assert admin1_ref({"precision": "admin1", "admin1": "Michigan", "country": "US"}) == "US:michigan"
    assert admin1_ref({"precision": "city", "admin1": "Michigan", "country": "US"}) is None  # Troy is not Michigan


def test_across_reports_an_abbreviated_state_joins_the_state_named_in_full(tmp_path: Path) -> None:
    from dossier import pipeline
    from dossier.extract.pipeline import extract
    from dossier.ingest.limits import Limits
    from dossier.ingest.parse import parse_bytes
    from dossier.store import open_store

    texts = {
        "dateline.txt": "TROY, Mich. (AP) - A man shot three people at an office in Troy, Mich., on Monday. Police in "
                        "St. Paul, Minn., said a second man was held.",
        "full.txt": "There is breaking news out of Troy, Michigan, a suburb of Detroit. Michigan State Police said "
                    "one person died.",
    }
    with open_store(tmp_path / "s.db") as store:
        for name, text in texts.items():
            store.add_extraction(extract(parse_bytes(text.encode(), name, name, Limits())))
        pipeline.resolve(store)
        rows = store.query(
            "SELECT le.name, l.entity FROM entity_links l JOIN local_entities le ON le.id = l.local_entity "
            "WHERE le.type = 'place'")
        entity = {name: ent for name, ent in rows}
        assert entity["Mich."] == entity["Michigan"]
        assert entity["Minn."] != entity["Michigan"]
        state = store.entity(entity["Michigan"])
        assert state is not None and state.name == "Michigan" and "Mich." in state.aliases


def test_a_town_its_state_places_abroad_in_the_gazetteer_is_a_namesake() -> None:
    from dossier.extract.pipeline import extract
    from dossier.ingest.limits import Limits
    from dossier.ingest.parse import parse_bytes

    text = "Police said he was a disgruntled employee of the facility in Signal Hill, California."
    x = extract(parse_bytes(text.encode(), "t.txt", "t.txt", Limits()))
    town = next(e for e in x.entities if e.name == "Signal Hill")
    attrs = dict(town.attributes)
    # GeoNames' only Signal Hill of the table is a district of Calgary: its country and coordinates go
    assert attrs.get("country") == "US" and attrs.get("admin1") == "California"
    assert "lat" not in attrs and attrs.get("geonameid") != "6147512"


def test_a_country_owning_what_follows_contains_nothing() -> None:
    kabul, _ = annotated_places("Talks in Kabul, Pakistan's ambassador said, went well.", "Kabul", "Pakistan")
    assert kabul.attributes["country"] == "AF"
    paris, _ = annotated_places("She grew up in Paris, Texas.", "Paris", "Texas")
    assert paris.attributes["country"] == "US" and paris.attributes["admin1"] == "Texas"


def test_a_world_city_is_not_a_village_of_a_country_the_report_names() -> None:
    delhi, _ = annotated_places("Officials in Delhi met U.S. envoys on Monday.", "Delhi", "U.S.")
    assert delhi.attributes["country"] == "IN"  # not Delhi, California, a village of the named country


def test_a_bare_unknown_name_takes_no_province_from_its_report() -> None:
    text = "Police in Punjab province said the shop on 117th Street was shut."
    _, street = annotated_places(text, "Punjab", "117th Street")
    assert "admin1" not in street.attributes
    _, orgun = annotated_places("Police in Paktika province said a force raided Orgun district.", "Paktika", "Orgun")
    assert orgun.attributes.get("admin1") == "Paktika"  # a district named as one still does
