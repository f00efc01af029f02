"""part_of and affiliation constructions of session 16 (issue 12), on sentences from Re-DocRED dev half a and
news-style sentences: "one of the Ns of/owned by Y", a second body coordinated with the title, the party premodifier
when the "for" object is a constituency, a body named by its organisation's name — and the readings that must
not fire (a character of a work, "the group" after a college, a pronoun after a name that only qualifies a noun)."""

from __future__ import annotations

import pytest

from tests.extract.rule_relations import rule_pairs as _pairs
from tests.extract.rule_relations import rule_relations as _relations


@pytest.mark.parametrize(("text", "fact"), [
    ("The Yorkshire Post is one of the flagship titles owned by Johnston Press.",
     ("Yorkshire Post", "part_of", "Johnston Press")),
    ("The Times is one of the titles owned by News Corp.", ("Times", "part_of", "News Corp.")),
    ("Sara Lee, one of the founders of Acme Corp., said the plan would fail.",
     ("Sara Lee", "leadership", "Acme Corp.")),
    ("Alice Walker was one of the founding members of the Socialist Party.",
     ("Alice Walker", "membership", "Socialist Party")),
])
def test_one_of_the_nouns_stands_where_the_noun_would(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _pairs(text)


def test_a_second_body_coordinated_with_the_title_is_a_body_too() -> None:
    got = _pairs("Sarah Jones is a former member of the European Parliament and the Labour Party.")
    assert {("Sarah Jones", "membership", "European Parliament"),
            ("Sarah Jones", "membership", "Labour Party")} <= got


def test_a_candidate_for_a_constituency_belongs_to_the_party_before_the_title() -> None:
    got = _relations("John Smith was the Labour candidate for Bristol.")
    assert any(s == "John Smith" and p == "membership" and o == "Labour" for s, p, o, _ in got)


@pytest.mark.parametrize(("text", "fact"), [
    ("The Barry University School of Podiatric Medicine is a podiatric medical school. Barry University is in "
     "Miami Shores.", ("Barry University School of Podiatric Medicine", "part_of", "Barry University")),
    ("The ANC National Executive Committee met on Sunday, the ANC said.",
     ("ANC National Executive Committee", "part_of", "ANC")),
])
def test_a_body_named_by_its_organisation_s_name_is_part_of_it(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _pairs(text)


@pytest.mark.parametrize("text", [
    "New York Law School is not part of New York University.",  # a place's name is no organisation's stem
    "Boston College beat Boston University on Saturday.",
    "Ford Foundation grants were cut, Ford said.",  # a foundation is no body of the company
])
def test_names_that_only_share_a_stem_relate_nothing(text: str) -> None:
    assert not {p for _, p, _ in _pairs(text)} & {"part_of"}


def test_a_character_of_a_work_is_no_member_of_it() -> None:
    got = _pairs("Arjuna is the main central character of the ancient Indian epic Mahabharata and plays a key role "
                 "in the Bhagavad Gita.")
    assert not any(p == "membership" for _, p, _ in got)


def test_the_group_is_not_the_college_named_before() -> None:
    got = _pairs("In 1955, while attending L.A. City College, in Los Angeles, New Jersey native Leroy Smith had "
                 "joined the group.")
    assert ("Leroy Smith", "membership", "L.A. City College") not in got
    assert ("Ali Baraka", "membership", "Hamas") in _pairs(
        "Hamas said on Monday that the group had joined the talks. Ali Baraka joined the group in 2001.")


def test_a_subject_pronoun_does_not_continue_a_name_that_only_qualifies_a_noun() -> None:
    got = _pairs("Ngoako Ramatlhodi is a South African politician. In the first Zuma administration he had been an "
                 "MP and a controversial member of the Judicial Service Commission.")
    assert ("Ngoako Ramatlhodi", "membership", "Judicial Service Commission") in got
    assert ("Zuma", "membership", "Judicial Service Commission") not in got


@pytest.mark.parametrize(("text", "facts"), [
    ("He was elected as lieutenant governor in 2006 on the Democratic ticket with Governor Martin O'Malley.",
     {("Martin O'Malley", "membership", "Democratic")}),
    ("Finnegan unsuccessfully sought the Democratic nomination for the position of a Chicago municipal court judge "
     "in 1939.", {("Finnegan", "membership", "Democratic")}),
])
def test_a_party_s_ticket_or_nomination_makes_its_candidates(text: str, facts: set[tuple[str, str, str]]) -> None:
    assert facts <= _pairs(text)


def test_a_nomination_not_sought_makes_no_candidate() -> None:
    assert not _pairs("Jones did not seek the Labour nomination.")


def test_a_partner_at_a_firm_is_its_member() -> None:
    assert ("Mary Jones", "membership", "Kirkland & Ellis") in _pairs(
        "Mary Jones, a partner at the law firm Kirkland & Ellis, said the ruling was wrong.")


def test_an_award_nomination_makes_no_party_candidate() -> None:
    got = _pairs("DeGeneres hosted the 79th Academy Awards in 2007, for which she received a Primetime Emmy "
                 "nomination for Outstanding Individual Performance.")
    assert not any(p == "membership" for _, p, _ in got)


def test_a_body_noun_alone_after_a_name_is_the_same_body() -> None:
    got = _pairs("The company was designated by the U.S. Treasury Department on January 10. The U.S. Treasury "
                 "said it would act.")
    assert not any(p == "part_of" for _, p, _ in got)
