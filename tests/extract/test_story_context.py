"""The story's day and place, names closed by a division word, provinces from the sentence or the report, and
people counted once across the events of a report (docs/events.md)."""

from __future__ import annotations

from dossier.extract.pipeline import extract
from dossier.ingest.limits import Limits
from dossier.ingest.parse import parse_bytes
from dossier.model import EntityType, Extraction
from tests.extract.places import annotated_places


def _doc(text: str) -> Extraction:
    return extract(parse_bytes(text.encode("utf-8"), "t.txt", "t.txt", Limits()))


def _admin1(x: Extraction, event_index: int = 0) -> str | None:
    ev = x.events[event_index]
    place = next((e for e in x.entities if e.id == ev.place), None)
    return dict(place.attributes).get("admin1") if place is not None else None


def test_proper_nouns_before_district_are_one_place_whatever_the_model_tagged() -> None:
    x = _doc("KABUL, Afghanistan (Jan. 25, 2013)\nA security force arrested a commander and detained three "
             "suspects in Jaji district, Paktiya province, today.\n")
    places = {e.name: dict(e.attributes) for e in x.entities if e.type == EntityType.PLACE}
    assert places["Jaji"]["precision"] == "district" and places["Jaji"]["admin1"] == "Paktiya"
    assert "Paktiya" in places  # an organisation to the small model, a province before "province"


def test_a_multiword_district_name_is_kept_whole() -> None:
    x = _doc("KABUL, Afghanistan (Jan. 25, 2013)\nA force captured a facilitator during an operation in Nadir "
             "Shah Kot district, Khost province, today.\n")
    names = {e.name for e in x.entities if e.type == EntityType.PLACE}
    assert "Nadir Shah Kot" in names
    assert _admin1(x) == "Khost"


def test_another_transliteration_of_a_province_of_a_country_the_report_names() -> None:
    text = "Afghanistan: insurgents attacked a checkpoint in Logar on Monday."
    _, logar = annotated_places(text, "Afghanistan", "Logar")
    assert logar.attributes.get("precision") == "admin1" and logar.attributes.get("country") == "AF"  # "Lowgar"


def test_a_district_takes_the_one_province_its_sentence_names() -> None:
    text = "Operating in Paktika province, a force captured a facilitator in Orgun district."
    _, orgun = annotated_places(text, "Paktika", "Orgun")
    assert orgun.attributes.get("admin1") == "Paktika"
    text = "Forces operated in Paktika province and Khost province; a facilitator was seized in Orgun district."
    _, _, orgun = annotated_places(text, "Paktika", "Khost", "Orgun")
    assert "admin1" not in orgun.attributes  # two provinces: which one is not for us to guess


def test_an_undated_unplaced_happening_goes_on_where_and_when_the_story_was() -> None:
    x = _doc("KABUL, Afghanistan (Sept. 8, 2012)\nA security force destroyed a weapons cache during an operation "
             "in Sar-e Pul district, Sar-e Pul province, today. The force uncovered rifles and grenades. "
             "The security force also detained numerous suspected insurgents as a result of this operation.\n")
    detention = next(e for e in x.events if e.category == "173")
    assert detention.date == "2012-09-08" and detention.date_inferred
    assert _admin1(x, list(x.events).index(detention)) == "Sar-e Pul"


def test_a_statement_is_not_dated_by_the_story_around_it() -> None:
    x = _doc("KABUL, Afghanistan (Sept. 8, 2012)\nPolice arrested two men in Kandahar city today. "
             "A spokesman has denied that the group maintains an armed wing.\n")
    denial = [e for e in x.events if e.lemma == "deny"]
    assert all(e.date is None for e in denial)


def test_a_definite_retelling_in_a_later_event_adds_no_one() -> None:
    x = _doc("KABUL, Afghanistan (June 14, 2011)\nA security force captured a Taliban facilitator and several "
             "associates in Tarnek wa Jaldak district, Zabul province, yesterday. The facilitator was found at "
             "his compound in Zabul. The security force detained him and his associates for questioning.\n")
    arrested = sum(c.value for e in x.events for c in e.counts if c.kind == "arrested")
    assert arrested == 4  # one facilitator and "several" (three): told again, not again counted


def test_a_header_line_is_not_among_the_people_killed() -> None:
    x = _doc("Operational Update, Jan. 28, 2011\nJoint Command - Afghanistan\nKABUL, Afghanistan (Jan. 28, 2011) "
             "- Numerous insurgents were killed during separate operations in southern Afghanistan today.\n")
    killed = [c for e in x.events for c in e.counts if c.kind == "killed"]
    assert [c.value for c in killed] == [4] and "Command" not in killed[0].evidence.text
