"""Affiliation and part_of on real-looking sentences (issue 12): bodies, brands and commands of organisations,
party and employer premodifying a role noun, a title's own "of" phrase after the name, a party in brackets,
"drafted by", a group noun that makes the next name an organisation — and the readings that must not fire."""

from __future__ import annotations

import pytest

from dossier.extract.pipeline import extract
from dossier.model import Document
from tests.extract.rule_relations import rule_relations as _relations


def _types(text: str) -> dict[str, str]:
    x = extract(Document(id=Document.make_id(text), text=text, source="test"))
    return {e.name: str(e.type) for e in x.entities}


@pytest.mark.parametrize(("text", "part", "whole", "role"), [
    ("The line is administered by MARC, a service of the Maryland Transit Administration.",
     "MARC", "Maryland Transit Administration", "service"),
    ("The Sacramento Bee is the flagship of the McClatchy Company.", "Sacramento Bee", "McClatchy Company",
     "flagship"),
    ("Naval Air Systems Command, a command of the United States Navy, is based in Maryland.",
     "Naval Air Systems Command", "United States Navy", "command"),
    ("SmackDown is a brand of WWE.", "SmackDown", "WWE", "brand"),
])
def test_a_body_brand_or_command_of_an_organisation_is_part_of_it(text: str, part: str, whole: str,
                                                                   role: str) -> None:
    assert (part, "part_of", whole, role) in _relations(text)


@pytest.mark.parametrize(("text", "person", "org", "role"), [
    ("Joan Burton is an Irish Labour Party politician who served as Tánaiste.", "Joan Burton",
     "Irish Labour Party", "politician"),
    ("Mark Smith, a BBC presenter, said the show would end.", "Mark Smith", "BBC", "presenter"),
])
def test_an_organisation_before_a_role_noun_of_a_copula_or_apposition(text: str, person: str, org: str,
                                                                      role: str) -> None:
    assert (person, "membership", org, role) in _relations(text)


def test_a_title_before_a_name_takes_the_country_after_it() -> None:
    got = _relations("Prime Minister Narendra Modi of India met the delegation on Tuesday.")
    assert ("Narendra Modi", "occupancy", "India", "prime minister") in got


def test_an_organisation_in_brackets_after_a_name_is_the_persons_party() -> None:
    got = _relations("The county mayor is Janne Johnsen (Conservative Party) and the deputy mayor is Terje "
                     "Halleland.")
    assert ("Janne Johnsen", "membership", "Conservative Party", "member") in got


def test_an_acronym_in_brackets_after_an_organisation_is_no_membership() -> None:
    got = _relations("Frederick Chiluba won the election as the candidate of the Movement for Multi-party "
                     "Democracy (MMD).")
    assert not any(r[1] == "membership" and r[0] == "Movement for Multi-party Democracy" for r in got)


def test_drafted_by_a_team() -> None:
    got = _relations("Mark McNamara was drafted by the Philadelphia 76ers in the first round of the 1982 NBA "
                     "draft.")
    assert ("Mark McNamara", "membership", "Philadelphia 76ers", "player") in got


def test_directed_by_names_a_work_not_an_organisation() -> None:
    got = _relations("A documentary of the tour, called Big Easy Express, directed by Emmett Malloy, premiered "
                     "at SXSW.")
    assert not any(p == "leadership" for _, p, _, _ in got)


def test_a_name_after_a_band_or_club_noun_is_an_organisation() -> None:
    types = _types("Olof Mörck is the guitarist of the power metal band Dragonland and plays for Premier League "
                   "side Leicester City.")
    assert types.get("Dragonland") == "organization"
    assert types.get("Leicester City") == "organization"
    assert types.get("Olof Mörck") == "person"


def test_a_negated_body_stays_denied() -> None:
    text = "Naval Air Systems Command is not a command of the United States Navy."
    x = extract(Document(id=Document.make_id(text), text=text, source="test"))
    parts = [r for r in x.relations if r.predicate == "part_of" and r.extractor != "relations/model"]
    assert parts and all(str(r.modality) == "denied" for r in parts)


def test_the_object_of_nominate_holds_the_post_of_its_infinitive() -> None:
    got = _relations("In 2015, President Barack Obama nominated Amos Hochstein to be the Assistant Secretary of "
                     "State for Energy Resources.")
    holders = {s for s, p, _, role in got if role == "assistant secretary"}
    assert holders == {"Amos Hochstein"}


@pytest.mark.parametrize("text", [
    "Raila Odinga plans to join the Jubilee Party.",
    "Kenyatta urged Raila Odinga to join the Jubilee Party.",
])
def test_a_membership_planned_or_asked_for_is_not_asserted(text: str) -> None:
    x = extract(Document(id=Document.make_id(text), text=text, source="test"))
    joined = [r for r in x.relations if r.predicate == "membership"]
    assert joined and all(str(r.modality) == "speculative" for r in joined)


def test_a_membership_stated_is_asserted() -> None:
    text = "Raila Odinga joined the Jubilee Party in 2017."
    x = extract(Document(id=Document.make_id(text), text=text, source="test"))
    assert [str(r.modality) for r in x.relations if r.predicate == "membership"] == ["asserted"]


def test_nominal_purchase_made_but_not_proposed() -> None:
    made = _relations("It acquired the assets of GTE Midwest, which served Iowa following Bell Atlantic's purchase "
                      "of GTE.")
    assert ("GTE", "part_of", "Bell Atlantic", "subsidiary") in made
    proposed = _relations("Shareholders rejected Kraft's proposed takeover of Unilever.")
    assert not any(p == "part_of" for _, p, _, _ in proposed)


def test_a_title_in_apposition_to_the_noun_of_a_copula() -> None:
    got = _relations("Charles Spurgeon Johnson was an American sociologist and college administrator, the first "
                     "black president of historically black Fisk University.")
    assert ("Charles Spurgeon Johnson", "leadership", "Fisk University", "president") in got


def test_a_title_holds_toward_each_coordinated_body() -> None:
    got = _relations("Former minister Jacob Zuma, a senior member of the ANC and the South African Communist "
                     "Party, spoke in Durban on Monday.")
    assert ("Jacob Zuma", "membership", "ANC", "senior member") in got
    assert ("Jacob Zuma", "membership", "South African Communist Party", "senior member") in got


def test_selected_by_a_team_in_a_draft() -> None:
    got = _relations("Mark McNamara is an American former professional basketball player who was selected by the "
                     "Philadelphia 76ers in the first round of the 1982 NBA draft.")
    assert ("Mark McNamara", "membership", "Philadelphia 76ers", "player") in got


def test_a_participle_clause_takes_the_subject_of_its_sentence() -> None:
    got = _relations("After a brief return to Vienna, Martin Ulrich moved to Germany, playing for the Adler Mannheim "
                     "for two seasons.")
    assert ("Martin Ulrich", "membership", "Adler Mannheim", "player") in got


def test_joining_forces_is_no_membership() -> None:
    got = _relations("Opposition leader Raila Odinga joined forces with the Jubilee Party in 2018.")
    assert not any(p == "membership" and o == "Jubilee Party" for _, p, o, _ in got)


def test_serving_on_a_named_body_of_an_organisation() -> None:
    got = _relations("Earlier, David Bohigian served on the core management team of Bridgewater Associates, the "
                     "world's largest hedge fund.")
    assert ("David Bohigian", "membership", "Bridgewater Associates", "member") in got
