"""Entity extraction on realistic sentences written for these tests (not taken from any report)."""

from __future__ import annotations

import pytest

from dossier.extract.components.acronyms import initials_match
from dossier.extract.pipeline import chunk_text, extract
from dossier.model import EntityType, Extraction
from dossier.model.names import is_acronym, name_key, skeleton_key
from tests.conftest import make_document


def _run(text: str) -> Extraction:
    x = extract(make_document(text))
    for m in x.mentions:  # the offset contract holds for every mention
        assert text[m.start:m.end] == m.text
    return x


def _entity(x: Extraction, name: str):  # type: ignore[no-untyped-def]
    hits = [e for e in x.entities if e.name == name]
    assert hits, f"{name!r} not among {[e.name for e in x.entities]}"
    return hits[0]


def _mentions(x: Extraction, entity_id: str) -> list[str]:
    return [m.text for m in x.mentions if m.entity == entity_id]


def test_hyphenated_group_names_stay_whole_and_acronym_links_to_expansion() -> None:
    x = _run(
        "Militants from Tehreek-e-Nijat (TeN) attacked a checkpoint near Quetta on Monday. "
        "A TeN commander later claimed the attack, and police said TeN fighters had fled."
    )
    ten = _entity(x, "Tehreek-e-Nijat")
    assert ten.type == EntityType.ORGANIZATION
    assert "TeN" in ten.aliases
    assert _mentions(x, ten.id).count("TeN") == 3


def test_honorifics_and_ranks_become_attributes_not_names() -> None:
    x = _run(
        "The delegation was led by Maulana Idris Farooqi and Brig. Kamran Siddiqui, while "
        "Lt Gen (Retd) Haroon Malik addressed the gathering in Lahore."
    )
    farooqi = _entity(x, "Idris Farooqi")
    assert dict(farooqi.attributes)["title"] == "Maulana"
    malik = _entity(x, "Haroon Malik")
    assert dict(malik.attributes)["title"] == "Lt Gen (Retd)"
    assert all(not e.name.startswith(("Lt", "Brig", "Maulana")) for e in x.entities)


def test_a_job_title_before_a_name_is_its_title_not_its_first_name() -> None:
    x = _run("Club President and General Manager Dana Whitfield said Head Coach Omar Pratt would stay.")
    assert dict(_entity(x, "Dana Whitfield").attributes)["title"] == "General Manager"
    assert dict(_entity(x, "Omar Pratt").attributes)["title"] == "Head Coach"


def test_towns_are_places_never_people_or_organisations() -> None:
    x = _run(
        "A second rally took place in Kotli, where speakers denounced the ban. "
        "Organisers in Kotli said buses had come from Bagh and Muzaffarabad."
    )
    for town in ("Kotli", "Muzaffarabad"):
        e = _entity(x, town)
        assert e.type == EntityType.PLACE
        assert "lat" in dict(e.attributes)


def test_surname_joins_the_full_name_within_a_document() -> None:
    x = _run(
        "Opposition leader Farida Anwar Baig was detained in Karachi on Friday. "
        "Baig's lawyer said the arrest was unlawful, and Baig denied all charges."
    )
    baig = _entity(x, "Farida Anwar Baig")
    assert _mentions(x, baig.id).count("Baig") == 2


def test_ambiguous_surname_is_not_merged() -> None:
    x = _run(
        "Ahmed Raza Khan met Imran Ali Khan in Peshawar. Later, Khan told reporters the talks went well."
    )
    people = [e for e in x.entities if e.type == EntityType.PERSON]
    full = {e.name for e in people}
    assert {"Ahmed Raza Khan", "Imran Ali Khan"} <= full
    lone = [m for m in x.mentions if m.text == "Khan"]
    assert all(m.entity not in {e.id for e in people if e.name in full and e.name != "Khan"} for m in lone)


def test_demonyms_are_groups() -> None:
    x = _run("Kashmiri and Palestinian activists marched together, joined by Iraqi students.")
    for word in ("Kashmiri", "Palestinian", "Iraqi"):
        assert _entity(x, word).type == EntityType.GROUP


def test_same_name_has_one_type_in_a_document() -> None:
    x = _run(
        "Harakat al-Nasr said it would not negotiate. Harakat al-Nasr fighters were seen near Idlib. "
        "Analysts say Harakat al-Nasr has grown since 2019."
    )
    types = {m.type for m in x.mentions if m.text == "Harakat al-Nasr"}
    assert len(types) == 1


def test_long_documents_are_chunked_with_correct_offsets() -> None:
    para = "Envoy Samir Haddad met officials in Amman on Tuesday.\n\n"
    text = para * 3000  # ~165,000 characters: over the chunk size
    assert len(chunk_text(text)) >= 2
    x = _run(text)
    haddad = _entity(x, "Samir Haddad")
    assert len(_mentions(x, haddad.id)) == 3000


@pytest.mark.parametrize(
    ("acronym", "expansion", "ok"),
    [
        ("UN", "United Nations", True),
        ("TTP", "Tehreek-e-Taliban Pakistan", True),
        ("PoK", "Pakistan-occupied Kashmir", True),
        ("FBI", "Federal Bureau of Investigation", True),
        ("ABC", "United Nations", False),
        ("UN", "Nations United Front", False),
    ],
)
def test_initials_match(acronym: str, expansion: str, ok: bool) -> None:
    assert initials_match(acronym, expansion) is ok


def test_name_keys() -> None:
    assert name_key("Jaish-e-Mohammed") == name_key("JAISH E MOHAMMED")
    assert name_key("Mash'al") == name_key("Mashal")
    assert skeleton_key("Mohammed") == skeleton_key("Muhammad")
    assert skeleton_key("Qaddoumi") == skeleton_key("Kaddoumi")
    assert skeleton_key("Yousef") == skeleton_key("Yusuf")
    assert skeleton_key("Ahmed") != skeleton_key("Hamid")
    assert is_acronym("JeM") and is_acronym("ISI") and not is_acronym("Hamas") and not is_acronym("A")
