"""Affiliation constructions of session 20 (issue: Re-DocRED within-sentence recall), on news-style sentences and
sentences from Re-DocRED dev half a: a title listed after a titled name shares its organisation, an organisation
appointing a titled person, "fellow <party>", an organisation's possessive before a name, "sacked by", "traded
to", "joined Y from Z", "with"/"in" a named band, "a Texas Republican" — and, for each, the reading it must not
make."""

from __future__ import annotations

import pytest

from tests.extract.rule_relations import rule_pairs as _pairs
from tests.extract.rule_relations import rule_relations as _relations


@pytest.mark.parametrize(("text", "fact"), [
    ("Ramatlhodi claimed in 2017 that Eskom chairperson Ben Ngubane and chief executive Brian Molefe requested "
     "that he terminate the licences.", ("Brian Molefe", "leadership", "Eskom")),
    ("Siemens chairman Jim Hagemann Snabe, chief executive Joe Kaeser and others attended.",
     ("Joe Kaeser", "leadership", "Siemens")),
    ("Apple CEO Tim Cook and chief financial officer Luca Maestri presented the results.",
     ("Luca Maestri", "membership", "Apple")),
])
def test_a_title_listed_after_a_titled_name_shares_its_organisation(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _pairs(text)


@pytest.mark.parametrize(("text", "stranger"), [
    ("Chelsea manager Frank Lampard and referee Mike Dean argued after the match.", "Mike Dean"),
    ("Apple chief executive Tim Cook and President Donald Trump met on Monday.", "Donald Trump"),
    ("Hamas leader Ismail Haniyeh and prime minister Benjamin Netanyahu spoke.", "Benjamin Netanyahu"),
])
def test_a_listed_title_of_no_post_in_a_body_or_of_state_is_not_shared(text: str, stranger: str) -> None:
    assert not any(s == stranger for s, _, _ in _pairs(text))


@pytest.mark.parametrize(("text", "fact"), [
    ("On 22 September 2008, ANC chose deputy leader Kgalema Motlanthe to replace Thabo Mbeki as president.",
     ("Kgalema Motlanthe", "leadership", "ANC")),
    ("The ANC suspended secretary general Ace Magashule on Wednesday.", ("Ace Magashule", "leadership", "ANC")),
])
def test_an_organisation_appointing_or_dismissing_a_titled_person_holds_the_post(
        text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _pairs(text)


@pytest.mark.parametrize("text", [
    "Hamas freed soldier Gilad Shalit in 2011.",  # not a verb of appointing: a captive
    "Parliament elected president Cyril Ramaphosa on Friday.",  # a head of state, no post of Parliament
])
def test_other_verbs_and_offices_of_state_give_no_post(text: str) -> None:
    assert not {p for _, p, _ in _pairs(text)} & {"membership", "leadership"}


def test_fellow_makes_the_clause_s_subject_a_member_too() -> None:
    got = _pairs("Senator John Smith attacked fellow Republican Mitt Romney on Tuesday.")
    assert {("John Smith", "membership", "Republican"), ("Mitt Romney", "membership", "Republican")} <= got
    got = _pairs("Edward Finnegan's district was merged with the district of fellow Democrat Sidney Yates.")
    assert ("Edward Finnegan", "membership", "Democrat") in got


def test_fellow_is_not_said_of_the_possessor_of_a_person_noun() -> None:
    got = _pairs("John Smith's lawyer criticised fellow Republican Mitt Romney on Tuesday.")
    assert ("John Smith", "membership", "Republican") not in got
    assert ("Mitt Romney", "membership", "Republican") in got


@pytest.mark.parametrize(("text", "fact"), [
    ("Chelsea's Frank Lampard said the team had played well.", ("Frank Lampard", "membership", "Chelsea")),
    ("Apple's Tim Cook met the president on Monday.", ("Tim Cook", "membership", "Apple")),
    ("Cheeks followed the Toronto Raptors' Sam Mitchell and the Washington Wizards' Eddie Jordan.",
     ("Eddie Jordan", "membership", "Washington Wizards")),
])
def test_an_organisation_s_possessive_before_a_name_names_one_of_its_people(
        text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _pairs(text)


@pytest.mark.parametrize(("text", "stranger"), [
    ("Apple's Tim Cook and Donald Trump met on Monday.", "Donald Trump"),  # the name coordinated after
    ("The lanky Australian, who was recently named People magazine's Sexiest Man Alive, is best known for playing "
     "Wolverine.", "Sexiest Man Alive"),  # a title given
    ("Naomi became the inaugural winner of the WrestleMania Women's Battle Royal at the following year's "
     "WrestleMania.", "Battle Royal"),  # the article makes the possessed name a thing
])
def test_a_possessive_name_is_not_read_where_the_name_is_no_person_of_the_body(text: str, stranger: str) -> None:
    assert not any(s == stranger and p == "membership" for s, p, _ in _pairs(text))


def test_a_country_s_possessive_names_no_member() -> None:
    assert not any(p == "membership" for _, p, _ in _pairs("Britain's Boris Johnson met the president on Monday."))


@pytest.mark.parametrize(("text", "fact"), [
    ("Frank Lampard was sacked by Chelsea in January.", ("Frank Lampard", "membership", "Chelsea")),
    ("Kyrie Irving was traded to the Dallas Mavericks in February.",
     ("Kyrie Irving", "membership", "Dallas Mavericks")),
    ("Bellingham, who joined Real Madrid from Borussia Dortmund, scored twice.",
     ("Bellingham", "membership", "Borussia Dortmund")),
])
def test_verbs_of_moving_between_bodies(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _pairs(text)


def test_moving_from_a_body_alone_or_being_released_says_nothing() -> None:
    assert not _pairs("Jude Bellingham moved from Borussia Dortmund last year.")
    assert not _pairs("The hostage John Smith was released by Hamas on Monday.")


@pytest.mark.parametrize(("text", "fact"), [
    ("John Smith, drummer with the band Wilco, left in 2004.", ("John Smith", "membership", "Wilco")),
    ("John Smith is a guitarist in the band Wilco.", ("John Smith", "membership", "Wilco")),
    ("Jane Doe, a reporter with Reuters, was detained in Kabul.", ("Jane Doe", "membership", "Reuters")),
])
def test_a_role_with_or_in_a_named_body(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _pairs(text)


def test_a_role_in_a_place_or_a_bare_name_is_no_membership() -> None:
    assert not _pairs("Jane Doe, a lawyer in Kabul, was detained.")
    got = _pairs("The Hamas commander in Gaza, Ahmed Jabari, was killed.")
    assert ("Ahmed Jabari", "membership", "Hamas") in got
    assert not any(o == "Gaza" for _, p, o in got if p == "membership")


@pytest.mark.parametrize(("text", "fact"), [
    ("Senator Ted Cruz, a Texas Republican, said the bill would fail.", ("Ted Cruz", "membership", "Republican")),
    ("Anna Berg returned to parliament in 1998 as a Christian Democrat.", ("Anna Berg", "membership", "Democrat")),
])
def test_a_party_named_as_a_member_after_a_place_or_its_first_word(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _pairs(text)


def test_a_party_before_a_noun_or_a_capitalised_title_is_no_member_noun() -> None:
    assert not any(p == "membership" for _, p, _ in _pairs("He campaigned in a Texas Republican stronghold."))
    got = _relations("Prior to that, DiLeo spent four seasons as the Sixers Director of Player Personnel (1999-2003) "
                     "and has served as an Assistant Coach under Larry Brown, Jim Lynam and Doug Moe.")
    assert not any(o == "Coach" for _, _, o, _ in got)


def test_an_organisation_s_possessive_hung_on_the_name_after_a_title() -> None:
    assert ("Jane Doe", "leadership", "Barclays") in _pairs("Barclays's chief executive Jane Doe resigned.")
    # a person's possessive there is still the title's holder's principal, not an organisation
    assert ("John Doe", "representation", "John Smith") in _pairs("John Smith's lawyer John Doe spoke on Monday.")


@pytest.mark.parametrize(("text", "members", "body"), [
    ("Wilco consists of Jeff Tweedy, John Stirratt and Glenn Kotche.",
     {"Jeff Tweedy", "John Stirratt", "Glenn Kotche"}, "Wilco"),
    ("Wilco, an American rock band, formed in 1994. The band consisted of Jeff Tweedy, John Stirratt and Ken "
     "Coomer.", {"Jeff Tweedy", "John Stirratt", "Ken Coomer"}, "Wilco"),
    ("Wilco's lineup consisted of vocalist Jeff Tweedy, bassist John Stirratt and drummer Ken Coomer.",
     {"Jeff Tweedy", "John Stirratt", "Ken Coomer"}, "Wilco"),
])
def test_the_people_a_body_consists_of_are_its_members(text: str, members: set[str], body: str) -> None:
    got = _pairs(text)
    assert {(m, "membership", body) for m in members} <= got


def test_what_a_work_consists_of_names_no_member() -> None:
    assert not any(p == "membership" for _, p, _ in _pairs("The Wilco album consists of songs by Jeff Tweedy."))
    assert not any(p == "membership" for _, p, _ in _pairs(
        "The committee is composed of John Smith and Jane Doe."))  # no body named or referred back to


@pytest.mark.parametrize(("text", "fact"), [
    ("John Smith has also played for Aston Villa and the England national team.",
     ("John Smith", "membership", "Aston Villa")),  # the parser labels that "for" a dative
    ("John Smith began his career at Everton.", ("John Smith", "membership", "Everton")),
    ("John Smith made his debut for Everton in 1990.", ("John Smith", "membership", "Everton")),
    ("John Smith scored 20 goals for Everton.", ("John Smith", "membership", "Everton")),
])
def test_a_career_debut_or_goals_for_a_body(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _pairs(text)


@pytest.mark.parametrize("text", [
    "John Smith made a bid for Everton in 2010.",  # "make … for" only with a debut or appearances
    "John Smith began his career in Hollywood.",  # a place, not a body
])
def test_other_objects_and_places_make_no_career(text: str) -> None:
    assert not any(p == "membership" for _, p, _ in _pairs(text))


def test_something_written_for_a_body_is_no_employment() -> None:
    assert not any(p == "membership" for _, p, _ in _pairs("Jane Smith wrote several songs for Atlantic Records."))
    assert ("Jane Smith", "membership", "Guardian") in _pairs("Jane Smith writes for The Guardian.")
