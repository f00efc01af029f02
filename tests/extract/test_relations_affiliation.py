"""Affiliation without the usual title slot (session 18): a body named as a member noun ("a Democrat"), "her band,
the X", an open role before "the <kind> <name>", coordinated titles sharing one "of" phrase; each with the false
reading it avoids (docs/relations.md, "Bodies named as members")."""

from __future__ import annotations

import pytest

from tests.extract.rule_relations import rule_pairs, rule_relations


@pytest.mark.parametrize(("text", "person", "org"), [
    ("Joe Manchin, a Democrat, won the seat.", "Joe Manchin", "Democrat"),
    ("Joe Manchin is a lifelong Democrat from West Virginia.", "Joe Manchin", "Democrat"),
    ("Smith thanked fellow Republican John Boehner for his support.", "John Boehner", "Republican"),
    ("Anna Berg was elected to the Senate as a Republican in 1998.", "Anna Berg", "Republican"),
])
def test_a_party_named_as_a_member_noun(text: str, person: str, org: str) -> None:
    assert (person, "membership", org, "member") in rule_relations(text)


def test_a_party_name_as_a_modifier_is_no_membership() -> None:
    assert not {p for p in rule_pairs("The Democrat candidate lost to Joe Manchin in the primary.")
                if p[1] == "membership"}


@pytest.mark.parametrize(("text", "person", "org"), [
    ("Gloria Estefan recorded the album with her band, the Miami Sound Machine.", "Gloria Estefan",
     "Miami Sound Machine"),
    ("Nancy Pelosi said her party, the Democratic Party, would oppose the bill.", "Nancy Pelosi", "Democratic Party"),
])
def test_her_band_the_name(text: str, person: str, org: str) -> None:
    assert (person, "membership", org) in rule_pairs(text)


def test_her_company_is_no_membership() -> None:
    # one owns a company rather than belonging to it: no membership is read
    assert not {p for p in rule_pairs("Sarah Lee sold her company, Acme Holdings, in 2010.") if p[1] == "membership"}


@pytest.mark.parametrize(("text", "role", "org"), [
    ("Olof Mörck is the guitarist of the metal band Amaranthe.", "guitarist", "Amaranthe"),
    ("John Smith, the bassist of the rock band Nirvana, died in 2001.", "bassist", "Nirvana"),
])
def test_an_open_role_of_the_kind_and_name(text: str, role: str, org: str) -> None:
    holder = text.split(" is ")[0].split(",")[0]
    assert (holder, "membership", org, role) in rule_relations(text)


def test_a_fan_of_the_band_is_no_member() -> None:
    assert not {p for p in rule_pairs("John Smith is a fan of the rock band Nirvana.") if p[1] == "membership"}


def test_an_open_role_whose_name_the_parser_hung_as_its_apposition() -> None:
    got = rule_relations("Bombtrack is a song by the American rock band Rage Against the Machine. The riffs were "
                         "composed by Rage Against the Machine bassist Tim Commerford.")
    assert any(s == "Tim Commerford" and p == "membership" and r == "bassist" and "Machine" in o
               for s, p, o, r in got)


@pytest.mark.parametrize(("text", "triple"), [
    ("John Smith is the founder and chairman of Acme Holdings.",
     ("John Smith", "leadership", "Acme Holdings", "chairman")),
    ("Mary Jones, the founder and chief executive of Acme Holdings, said the deal was done.",
     ("Mary Jones", "leadership", "Acme Holdings", "founder")),
    ("Juan Muñoz went on to become the manager and then president of Club Atlético Platense.",
     ("Juan Muñoz", "leadership", "Club Atlético Platense", "manager")),
])
def test_coordinated_titles_share_their_body(text: str, triple: tuple[str, str, str, str]) -> None:
    assert triple in rule_relations(text)


def test_a_nationality_before_coordinated_titles_is_no_post() -> None:
    assert not {p for p in rule_pairs("Sir John Boyd was a Canadian lawyer and judge.") if p[1] == "occupancy"}


def test_a_title_keeps_its_premodifier_over_an_apposition_s_at_phrase() -> None:
    got = rule_pairs("Joan Burton (born 1 February 1949) is an Irish Labour Party politician who served as "
                     "Tánaiste and Leader of the Labour Party from 2014 to 2016, Minister for Social Protection "
                     "from 2011 to 2016, Deputy Leader of the Labour Party from 2007 to 2014, Minister of State at "
                     "the Department of Foreign Affairs from 1994 to 1997.")
    assert ("Joan Burton", "membership", "Irish Labour Party") in got
    assert ("Joan Burton", "membership", "Department of Foreign Affairs") not in got


@pytest.mark.parametrize("text", [
    "Laura Kuenssberg, the BBC's political editor, said the vote was close.",
    "Laura Kuenssberg is the BBC's political editor.",
])
def test_an_open_role_an_organisation_possesses(text: str) -> None:
    assert ("Laura Kuenssberg", "membership", "BBC", "editor") in rule_relations(text)


def test_a_critic_an_organisation_possesses_is_no_member() -> None:
    got = rule_pairs("John Smith, the BBC's fiercest critic, said the vote was close.")
    assert not {p for p in got if p[1] == "membership"}


def test_a_party_premodifying_a_title_whose_body_is_a_place() -> None:
    got = rule_pairs("Lindsey Graham, a Republican senator from South Carolina, said the bill would fail.")
    assert ("Lindsey Graham", "membership", "Republican") in got
    assert ("Lindsey Graham", "occupancy", "South Carolina") in got


def test_a_nationality_premodifying_a_title_is_no_second_body() -> None:
    got = rule_pairs("Jane Doe, a French diplomat at the United Nations, said the vote was close.")
    assert not {p for p in got if p[2] in {"France", "French"}}
