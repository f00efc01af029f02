"""The entity layer on real Wikipedia sentences (Re-DocRED dev, issue 12): places the small model calls persons
or organisations are typed as places by their head word, and an adjectival demonym stands for the country the
report names as a relation's argument, while the demonym itself stays a group."""

from __future__ import annotations

import pytest

from dossier.extract.demonym_places import _table, country_of
from dossier.extract.pipeline import extract
from dossier.model import Document, EntityType, Extraction
from dossier.model.reference import lookup_place


def _extract(text: str) -> Extraction:
    return extract(Document(id=Document.make_id(text), text=text, source="test"))


def _types(x: Extraction) -> dict[str, EntityType]:
    return {e.name: e.type for e in x.entities}


def _relations(x: Extraction) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in x.entities}
    return {(names[r.subject], r.predicate, names[r.object]) for r in x.relations}


@pytest.mark.parametrize(("text", "name"), [
    ("Chrysostom Blashkevich was born in Bely, Tver Oblast, in the Russian Empire.", "Tver Oblast"),
    ("Zabiele is a village in the administrative district of Gmina Wielbark, within Szczytno County.",
     "Gmina Wielbark"),
    ("The Link River flows from Upper Klamath Lake to Lake Ewauna in Klamath Falls.", "Upper Klamath Lake"),
    ("The Upper Ammonoosuc River rises between the Pilot Range and the Pliny Range in New Hampshire.",
     "Pliny Range"),
])
def test_a_place_head_word_makes_a_place(text: str, name: str) -> None:
    assert _types(_extract(text)).get(name) == EntityType.PLACE


def test_a_surname_that_is_a_place_word_stays_a_person() -> None:
    x = _extract("The Welsh singer Charlotte Church said she had no plans to return, and the cultural theorist "
                 "Stuart Hall agreed.")
    assert _types(x).get("Charlotte Church") == EntityType.PERSON
    assert _types(x).get("Stuart Hall") == EntityType.PERSON


def test_every_demonym_in_the_table_names_a_known_country_or_region() -> None:
    for demonym, country in _table().items():
        place = lookup_place(country, allow_common_words=True)
        assert place is not None and place.kind in {"country", "region"}, (demonym, country)


@pytest.mark.parametrize(("word", "country"), [
    ("Canadian", "Canada"), ("Iraqi", "Iraq"), ("Tunisian", "Tunisia"), ("British", "United Kingdom"),
    ("French", "France"), ("Equatorial Guinean", "Equatorial Guinea"),
])
def test_country_of_a_demonym(word: str, country: str) -> None:
    place = country_of(word)
    assert place is not None and place.name == country


@pytest.mark.parametrize("word", ["Catholic", "Democrat", "Christian", "Algonquin"])
def test_religions_and_parties_name_no_country(word: str) -> None:
    assert country_of(word) is None


def test_adjectival_demonym_stands_for_the_named_country() -> None:
    x = _extract("Ross Alger was a politician in the Canadian province of Alberta. He was born in Canada and "
                 "served as mayor of Calgary.")
    assert ("Alberta", "located_in", "Canada") in _relations(x)
    demonym = [m for m in x.mentions if m.text == "Canadian"]
    assert demonym and all(m.type == EntityType.GROUP for m in demonym)  # the mention stays honest
    assert _types(x)["Canadian"] == EntityType.GROUP


def test_a_demonym_stays_a_group_and_its_country_is_only_derived() -> None:
    # since session 16 the adjective may stand for a derived country (tests/extract/test_demonym_countries.py);
    # the demonym itself is never a relation's argument, and the country has no mention of its own
    x = _extract("Ross Alger was a politician in the Canadian province of Alberta.")
    assert _types(x).get("Canadian") == EntityType.GROUP
    assert not {r for r in _relations(x) if "Canadian" in (r[0], r[2])}
    canada = [e for e in x.entities if e.name == "Canada"]
    assert all(dict(e.attributes).get("named_by") == "demonym" for e in canada)
    assert not [m for m in x.mentions if m.entity in {e.id for e in canada}]


@pytest.mark.parametrize(("text", "name", "etype"), [
    ("It joins rail services from south of Dublin to Connolly Station and lines north.", "Connolly Station",
     EntityType.PLACE),
    ("The watershed area includes the northern Crescent Range, eastern Pliny Range and the eastern and northern "
     "Pilot Range, all in the White Mountains.", "Crescent Range", EntityType.PLACE),
    ("Goght (; formerly Goghot) is a village in the Kotayk Province of Armenia, located on the right bank of the "
     "upper - Azat River.", "Azat River", EntityType.PLACE),
    ("It is situated at the confluence of the Désert and Gatineau Rivers, and borders south - west on the Town of "
     "Maniwaki in the Outaouais region of Quebec, Canada.", "Town of Maniwaki", EntityType.PLACE),
    ("The county council has 47 members, and county mayor is Janne Johnsen (Conservative Party) and the deputy "
     "mayor is Terje Halleland.", "Conservative Party", EntityType.ORGANIZATION),
])
def test_an_untagged_name_is_found_by_its_head_word(text: str, name: str, etype: EntityType) -> None:
    assert _types(_extract(text)).get(name) == etype


def test_a_title_case_headline_adds_no_head_word_names() -> None:
    x = _extract("Coalition Forces Secure Kandahar Police Station After Attack\n\nKABUL, Afghanistan - Afghan "
                 "forces detained two suspects.")
    assert "Kandahar Police Station" not in _types(x)
    assert "Police Station" not in _types(x)


@pytest.mark.parametrize(("text", "name"), [
    ("Zabiele () is a village in the administrative district of Gmina Wielbark, within Szczytno County, Warmian - "
     "Masurian Voivodeship, in northern Poland.", "Zabiele"),
    ("Leonessa is a town and comune in the far northeastern part of the Province of Rieti in the Lazio region of "
     "central Italy.", "Leonessa"),
])
def test_a_name_defined_as_a_village_or_town_is_a_place(text: str, name: str) -> None:
    assert _types(_extract(text)).get(name) == EntityType.PLACE

