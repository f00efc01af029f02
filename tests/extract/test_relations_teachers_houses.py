"""Affiliation and part_of, session 17 (issue 12): who a degree was taken under teaches at the school, a
school's teachers, a regnal name "of" its country, "with X as <title>", the chambers of a legislature, "the firm
he founded, X", "admitted to" a club, "A and B, both directors of X" — and the readings each must not give."""

from __future__ import annotations

import pytest

from tests.extract.rule_relations import rule_relations as _relations


@pytest.mark.parametrize(("text", "teacher", "school"), [
    ("Borovkov received his Russian candidate degree in 1959 under Andrey Kolmogorov at Moscow State University.",
     "Andrey Kolmogorov", "Moscow State University"),
    ("Rudolf Halin earned his doctorate from the University of Cologne in 1962, under the supervision of Karl "
     "Dörge.", "Karl Dörge", "University of Cologne"),
    ("She completed her PhD at Stanford University under the direction of John Smith.", "John Smith",
     "Stanford University"),
    ("He studied music at the Paris Conservatoire where his teachers included Sabine Lacoraet and Yvonne Loriod.",
     "Yvonne Loriod", "Paris Conservatoire"),
])
def test_who_a_degree_was_taken_under_teaches_at_the_school(text: str, teacher: str, school: str) -> None:
    assert (teacher, "membership", school, "teacher") in _relations(text)


@pytest.mark.parametrize("text", [
    # no degree and no study: serving under someone at a department says nothing of a school
    "Bohigian previously served as an Assistant Secretary under George W. Bush at the Commerce Department.",
    # a degree under someone, but the place is no school by its name
    "Maria Lopez received her degree in 1990 under Andrey Kolmogorov at Gazprom.",
])
def test_under_someone_elsewhere_is_no_teaching_post(text: str) -> None:
    assert not any(role == "teacher" for _, _, _, role in _relations(text))


def test_a_regnal_name_of_a_country_is_its_monarch() -> None:
    got = _relations("Since 1773, when the Royal Swedish Opera was founded by Gustav III of Sweden, the orchestra "
                     "has been part of the opera's company.")
    assert ("Gustav III", "occupancy", "Sweden", "monarch") in got


def test_a_name_without_a_regnal_number_of_a_country_is_no_monarch() -> None:
    got = _relations("Ferdinand Marcos of the Philippines met the delegation.")
    assert not any(p == "occupancy" for _, p, _, _ in got)


@pytest.mark.parametrize(("text", "part", "whole", "role"), [
    ("The Jones Act of 1916 ended the Commission, replacing it with an elected Philippine Senate as the "
     "Legislature's upper house.", "Senate", "Legislature", "upper house"),
    ("The Dewan Rakyat, the lower house of Malaysia's Parliament, passed the bill.", "Dewan Rakyat", "Parliament",
     "lower house"),
    ("The Rajya Sabha is the upper chamber of the Indian Parliament.", "Rajya Sabha", "Indian Parliament",
     "upper chamber"),
])
def test_a_chamber_of_a_legislature_is_part_of_it(text: str, part: str, whole: str, role: str) -> None:
    assert (part, "part_of", whole, role) in _relations(text)


def test_the_with_object_holds_an_as_title() -> None:
    got = _relations("The board replaced him with Mary Barra as chief executive of General Motors.")
    assert ("Mary Barra", "leadership", "General Motors", "chief executive") in got


def test_the_firm_he_founded_named_after_it() -> None:
    got = _relations("David Bohigian is an American businessman. He joined Idealab after it acquired the venture "
                     "capital firm he founded, VenCatalyst.")
    assert ("David Bohigian", "leadership", "VenCatalyst", "founder") in got
    # the firm that acquired it is joined, not founded
    assert ("David Bohigian", "leadership", "Idealab", "founder") not in got


def test_admitted_to_a_club_or_party_is_a_member() -> None:
    got = _relations("Henrik Angell was a Norwegian officer. Angell was admitted to the skiing club SK Ull in 1898 and "
                     "was a sports advocate.")
    assert ("Henrik Angell", "membership", "SK Ull", "member") in got
    got = _relations("John Smith was admitted to the Labour Party in 1990.")
    assert ("John Smith", "membership", "Labour Party", "member") in got


def test_admitted_to_a_hospital_is_no_membership() -> None:
    got = _relations("Jane Doe was admitted to Aga Khan University Hospital on Monday.")
    assert not any(p == "membership" for _, p, _, _ in got)


def test_both_directors_holds_for_the_names_before_not_the_subject() -> None:
    got = _relations("Alan Smith met the ministers Ann Lee and Bob Ray, both members of the Labour Party.")
    assert ("Ann Lee", "membership", "Labour Party", "member") in got
    assert ("Bob Ray", "membership", "Labour Party", "member") in got
    assert not any(s == "Alan Smith" and p == "membership" for s, p, _, _ in got)


def test_the_new_company_refers_to_no_company_named_before() -> None:
    got = _relations("The company merged with AMR Corporation. Doug Parker became CEO of the new company.")
    assert not any(s == "Doug Parker" and o == "AMR Corporation" for s, _, o, _ in got)


@pytest.mark.parametrize(("text", "person", "org", "role"), [
    ("Tom Landry served as the head coach of the Dallas Cowboys from 1960 to 1988.", "Tom Landry", "Dallas Cowboys",
     "head coach"),
    ("Former Chelsea coach Jose Mourinho signed with Tottenham.", "Jose Mourinho", "Chelsea", "coach"),
])
def test_a_coach_of_a_team(text: str, person: str, org: str, role: str) -> None:
    assert (person, "membership", org, role) in _relations(text)


def test_the_best_coach_at_an_event_is_no_post() -> None:
    got = _relations("Fatih Terim received a nomination for UEFA manager of the year 2008, and Eurosport named him "
                     "the best coach at UEFA Euro 2008.")
    assert not any(role == "coach" for _, _, _, role in got)


def test_a_spell_with_a_team_and_the_gerund_after_it() -> None:
    got = _relations("Bill Russell spent five seasons with the Boston Celtics before joining the Chicago Bulls.")
    assert ("Bill Russell", "membership", "Boston Celtics", "member") in got
    assert ("Bill Russell", "membership", "Chicago Bulls", "member") in got


def test_time_spent_with_a_group_is_no_membership() -> None:
    got = _relations("Mary Jones spent time with Hamas in Gaza.")
    assert not any(p == "membership" for _, p, _, _ in got)


def test_a_contract_signed_with_a_club() -> None:
    got = _relations("John Smith signed a three-year contract with Everton in 2015.")
    assert ("John Smith", "membership", "Everton", "member") in got


def test_a_clausal_subject_takes_no_title_from_the_first_clause() -> None:
    got = _relations("Sixers coach Jim O'Brien was fired on Monday, and taking over will be the former Portland "
                     "Trail Blazers coach.")
    assert not any(s == "Jim O'Brien" and o == "Portland Trail Blazers" for s, _, o, _ in got)
