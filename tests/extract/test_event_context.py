"""Places with their administrative parents, and events dated and placed from the sentences around them."""

from __future__ import annotations

from dossier.extract.pipeline import extract
from dossier.ingest.limits import Limits
from dossier.ingest.parse import parse_bytes
from tests.extract.places import annotated_places


def test_a_district_named_with_its_province_lies_in_it() -> None:
    text = "a force killed him in Andar district, Ghazni province, yesterday."
    andar, ghazni = annotated_places(text, "Andar", "Ghazni")
    assert andar.attributes["precision"] == "district" and andar.attributes["admin1"] == "Ghazni"
    assert ghazni.attributes["precision"] == "admin1" and ghazni.attributes["admin1"] == "Ghazni"


def test_a_province_the_model_missed_still_parents_its_district() -> None:
    text = "an operation in Shwak district, Paktiya province."
    (shwak,) = annotated_places(text, "Shwak")
    assert shwak.attributes["admin1"] == "Paktiya" and shwak.attributes["precision"] == "district"


def test_gazetteer_gives_a_city_its_province_in_any_country() -> None:
    text = "Protesters marched in Munich and in Lashkar Gah."
    munich, lashkar = annotated_places(text, "Munich", "Lashkar Gah")
    assert munich.attributes["precision"] == "city" and munich.attributes["admin1"] == "Bavaria"
    assert munich.attributes["country"] == "DE"
    assert lashkar.attributes["admin1"] == "Helmand" and lashkar.attributes["country"] == "AF"


def test_a_bare_name_is_a_foreign_province_only_where_the_report_says_so() -> None:
    text = "Tankers crossed the Gulf towards Iran."
    gulf, iran = annotated_places(text, "Gulf", "Iran")
    assert gulf.attributes.get("country") != "PG" and "admin1" not in gulf.attributes
    text = "Flooding hit Gulf province in the south."
    (gulf,) = annotated_places(text, "Gulf")
    assert gulf.attributes["precision"] == "admin1" and gulf.attributes["country"] == "PG"


def test_a_list_is_not_a_chain() -> None:
    text = "operations in Kandahar, Helmand and Zabul provinces"
    kandahar, helmand = annotated_places(text, "Kandahar", "Helmand")
    assert kandahar.attributes.get("admin1") != "Helmand"


def test_a_district_seat_too_small_for_the_gazetteer_has_its_province() -> None:
    """GeoNames' small places (500+ people) of the report's country place a district the text names alone;
    a foreign namesake in the gazetteer ("Aliabad" of Iran) gives way to the one in the report's country."""
    text = "Gunmen attacked a checkpoint in Mohammad Agha district and a market in Aliabad, Afghan police said " \
        "in Kabul, Afghanistan."
    agha, aliabad, _, _ = annotated_places(text, "Mohammad Agha", "Aliabad", "Kabul", "Afghanistan")
    assert agha.attributes["admin1"] == "Lowgar" and agha.attributes["precision"] == "district"
    assert agha.attributes["country"] == "AF"
    assert aliabad.attributes["admin1"] == "Kunduz" and aliabad.attributes["country"] == "AF"
    assert "lat" not in aliabad.attributes  # not the coordinates of the Iranian town


def test_a_small_place_is_placed_only_in_a_country_the_report_names() -> None:
    text = "Gunmen attacked a checkpoint in Mohammad Agha district, police said."
    (agha,) = annotated_places(text, "Mohammad Agha")
    assert "admin1" not in agha.attributes


def test_a_part_of_a_country_names_the_country() -> None:
    text = "Clashes in Southern Afghanistan: a force searched a compound in Mohammad Agha district."
    _, agha = annotated_places(text, "Southern Afghanistan", "Mohammad Agha")
    assert agha.attributes.get("admin1") == "Lowgar"


def _doc(text: str) -> object:
    return parse_bytes(text.encode("utf-8"), "t.txt", "t.txt", Limits())


def test_yesterday_resolves_against_the_datelines_date() -> None:
    x = extract(_doc("2013-01-S-025\n\nKABUL, Afghanistan (Jan. 25, 2013)\nDuring a security operation in Andar "
                     "district, Ghazni province, yesterday, an Afghan and coalition force detained a Taliban "
                     "leader.\n"))  # type: ignore[arg-type]
    assert x.document.published == "2013-01-25" and x.document.publisher is None
    assert x.events and x.events[0].date == "2013-01-24"
    place = next(e for e in x.entities if e.id == x.events[0].place)
    assert dict(place.attributes).get("admin1") == "Ghazni"


def test_date_and_place_from_the_sentence_before() -> None:
    x = extract(_doc("On February 5, 2025, during the annual observance of Solidarity Day, a significant event "
                     "unfolded in Rawalakot. High-profile leaders from Hamas, including Khalid Qaddoumi, shared "
                     "the stage with leaders of Jaish-e-Mohammed.\n"))  # type: ignore[arg-type]
    meeting = next(e for e in x.events if e.type == "meeting")
    assert meeting.date == "2025-02-05"
    assert next(e.name for e in x.entities if e.id == meeting.place) == "Rawalakot"


def test_a_telling_after_the_story_moves_to_a_province_is_not_the_summary() -> None:
    """A mention with nothing of its own ("killing two gunmen") retells the last event of its type, except a
    summary placed no finer than a country once a later sentence has moved the story to a province."""
    x = extract(_doc("BAGHDAD, Iraq (May 4, 2015) - Several gunmen were killed in clashes across northern Iraq on "
                     "Sunday. In Nineveh province, soldiers came under fire near a checkpoint outside the town. "
                     "The soldiers returned fire, killing two gunmen.\n"))  # type: ignore[arg-type]
    names = {e.id: e.name for e in x.entities}
    kills = [e for e in x.events if e.category == "180" and e.lemma == "kill"]
    assert {names.get(e.place or "") for e in kills} == {"Iraq", "Nineveh"}
    nineveh = next(e for e in kills if names.get(e.place or "") == "Nineveh")
    assert nineveh.count("killed") == 2 and nineveh.date == "2015-05-03"


def test_more_on_the_summary_when_the_story_stays_put() -> None:
    x = extract(_doc("BAGHDAD, Iraq (May 4, 2015) - Several gunmen were killed in clashes across northern Iraq on "
                     "Sunday. Soldiers came under fire near a checkpoint outside the town. The soldiers returned "
                     "fire, killing two gunmen.\n"))  # type: ignore[arg-type]
    kills = [e for e in x.events if e.category == "180" and e.lemma == "kill"]
    assert len(kills) == 1 and kills[0].count("killed") == 2
