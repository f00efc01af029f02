"""Relations on real sentences (Re-DocRED dev half a, and news wording from issue 12): kin lists without a
named parent, spouses and parents, organisations that are members or bodies of others, ownership stated by a
copula or a possessive owner, leaving or joining, and the pronoun ties that must not go to the wrong person."""

from __future__ import annotations

import pytest

from tests.extract.rule_relations import rule_pairs as _pairs
from tests.extract.rule_relations import rule_relations as _relations


def test_plural_kin_title_over_names_makes_siblings() -> None:
    got = _relations("The series features identical twin brothers Jonathan Scott and Drew Scott who help home "
                     "buyers to purchase and renovate fixer-uppers.")
    assert ("Jonathan Scott", "family", "Drew Scott", "sibling") in got


def test_children_listed_after_a_count_are_siblings() -> None:
    got = _pairs("He married a Colombian lady by the name of Beatrice Dugand, with whom he had four children, "
                 "Beatrice Roche, Lilianne Roche, Marcel Roche and Luis Armando Roche.")
    assert ("Beatrice Roche", "family", "Lilianne Roche") in got
    assert ("Lilianne Roche", "family", "Luis Armando Roche") in got


def test_a_single_kin_title_makes_no_siblings() -> None:
    got = _relations("The series features his brother Jonathan Scott and the actor Drew Scott.")
    assert not {r for r in got if r[3] == "sibling"}


@pytest.mark.parametrize("text", [
    "Paul Beliën is married to Alexandra Colen, a former member of the Belgian Federal Parliament.",
    "Paul Belien, married to Alexandra Colen since 1990, lives in Antwerp.",
])
def test_married_to(text: str) -> None:
    got = _relations(text)
    assert any(p == "family" and o == "Alexandra Colen" and role == "spouse" for _, p, o, role in got)


def test_the_two_people_a_child_is_of_are_its_parents() -> None:
    got = _relations("He was born in Cumberland County, Nova Scotia, the son of William Dobson Carter and "
                     "Elizabeth Ann Reed.")
    assert ("William Dobson Carter", "family", "Elizabeth Ann Reed", "co-parent") in got


def test_born_to_two_parents() -> None:
    got = _relations("Chauncey Brewster was born in Windham, Connecticut, to the Reverend Joseph Brewster and "
                     "Sarah Jane Bunce Brewster.")
    assert ("Chauncey Brewster", "family", "Joseph Brewster", "child") in got
    assert ("Chauncey Brewster", "family", "Sarah Jane Bunce Brewster", "child") in got
    assert ("Joseph Brewster", "family", "Sarah Jane Bunce Brewster", "co-parent") in got
    assert not {r for r in got if r[1] == "located_in" and r[0] == "Chauncey Brewster"}


def test_an_organisation_member_of_an_organisation_is_part_of_it() -> None:
    got = _pairs("The Pittsburgh Catholic is a member of the Catholic Press Association.")
    assert ("Pittsburgh Catholic", "part_of", "Catholic Press Association") in got


def test_an_organisation_named_of_another_is_one_of_its_bodies() -> None:
    got = _pairs("The National Executive Committee of the African National Congress is the chief executive "
                 "organ of the South African political party.")
    assert ("National Executive Committee", "part_of", "African National Congress") in got


def test_owned_by_after_a_copula() -> None:
    got = _pairs("CBBC is a British children's television strand owned by the BBC and aimed for children aged "
                 "from 6 to 12.")
    assert ("CBBC", "part_of", "BBC") in got


def test_its_owner_names_the_parent() -> None:
    got = _pairs("Property Brothers debuted on the W Network on January 4, 2011, and aired on the channel until "
                 "its owner, Corus Entertainment, decided to shift the channel's focus to more dramatic content.")
    assert ("W Network", "part_of", "Corus Entertainment") in got


def test_joined_the_faculty_of_a_university() -> None:
    got = _pairs("Halin earned his doctorate from the University of Cologne in 1962, under the supervision of "
                 "Klaus Wagner and Karl Dörge, after which he joined the faculty of the University of Hamburg.")
    assert ("Halin", "membership", "University of Hamburg") in got
    assert ("Karl Dörge", "membership", "University of Hamburg") not in got  # "he" is the sentence's subject


def test_leaving_an_organisation_was_membership_but_not_a_post() -> None:
    got = _relations("In 2015 Sarah Connolly left Goldman Sachs to found her own fund.")
    assert ("Sarah Connolly", "membership", "Goldman Sachs", "former member") in got
    got = _relations("When he left his Stavropol First Secretaryship, Kulakov met Mikhail Gorbachev.")
    assert not {r for r in got if r[1] == "membership"}


def test_pronoun_in_a_coordinated_kin_phrase_skips_the_other_member() -> None:
    got = _relations("Anna Smith was seen with her mom Lynne Smith and her sister Jamie Lynn Smith.")
    assert ("Jamie Lynn Smith", "family", "Anna Smith", "sister") in got
    assert ("Jamie Lynn Smith", "family", "Lynne Smith", "sister") not in got
    # nor does ``kin-closure`` make her Lynne's child: "her mom" is a possessive's guess, not followed
    assert not {r for r in got if r[0] == "Jamie Lynn Smith" and r[2] == "Lynne Smith"}


def test_pronoun_may_refer_to_the_head_of_its_coordination() -> None:
    got = _pairs("Tom Hanks and his wife Rita Wilson attended the premiere in London.")
    assert ("Rita Wilson", "family", "Tom Hanks") in got


def test_possessor_of_an_ex_title_before_a_name() -> None:
    got = _relations("Chelsea's ex-manager Jose Mourinho criticised the club's owners.")
    assert ("Jose Mourinho", "leadership", "Chelsea", "manager") in got


def test_possessive_in_a_kin_list_is_not_a_listed_relative() -> None:
    got = _pairs("Hugh Jackman has a busy life. Jackman sings ballads at home, makes pancakes for son Oscar, 8, "
                 "daughter Ava, 3, as well as his wife Deborra-Lee Furness.")
    assert ("Deborra-Lee Furness", "family", "Hugh Jackman") in got
    assert not {r for r in got if r[0] == "Deborra-Lee Furness" and r[2] in {"Oscar", "Ava"}}


@pytest.mark.parametrize(("text", "person", "org", "role"), [
    ("Goldman Sachs hired Anna Ruiz in 2012.", "Anna Ruiz", "Goldman Sachs", "employee"),
    ("Anna Ruiz was hired by Goldman Sachs in 2012.", "Anna Ruiz", "Goldman Sachs", "employee"),
    ("Chelsea signed Kai Havertz from Bayer Leverkusen.", "Kai Havertz", "Chelsea", "member"),
    ("Aretha Franklin signed to Atlantic Records in 1966.", "Aretha Franklin", "Atlantic Records", "member"),
    ("Mark Jones, who worked as a consultant for Deloitte, was charged.", "Mark Jones", "Deloitte", "employee"),
])
def test_employment_verbs(text: str, person: str, org: str, role: str) -> None:
    assert (person, "membership", org, role) in _relations(text)


def test_title_modifiers_hung_on_the_name() -> None:
    got = _pairs('ANC parliamentary caucus Spokesman KK Khumalo said: " Motlanthe will be the president. "')
    assert ("KK Khumalo", "membership", "ANC") in got
