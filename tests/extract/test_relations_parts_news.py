"""part_of and band or party membership on real-looking news sentences (issue 12, session 18): a person's own
band or party named after it, an organisation's possessive before a role noun, "<organisation>-owned", a
company's country arm or an acronym's channel, "it acquired", "(formerly of Y)" after the last of two names,
"one of the founding members of" — and the readings each must not make."""

from __future__ import annotations

import pytest

from tests.extract.rule_relations import rule_pairs, rule_relations


@pytest.mark.parametrize(("text", "person", "body"), [
    ("Gloria Estefan recorded the song with her band, the Miami Sound Machine, in 1985.", "Gloria Estefan",
     "Miami Sound Machine"),
    ("Erdogan's party, the Justice and Development Party, won the vote.", "Erdogan",
     "Justice and Development Party"),
])
def test_a_persons_own_band_or_party_named_after_it(text: str, person: str, body: str) -> None:
    assert (person, "membership", body, "member") in rule_relations(text)


def test_a_persons_company_is_no_membership() -> None:
    # owner, founder or employee: "her company" does not tell which
    got = rule_pairs("She sold her company, Acme Corporation, in 2010.")
    assert not any(p == "membership" for _, p, _ in got)


@pytest.mark.parametrize(("text", "person", "role"), [
    ("Bad Religion's guitarist Brett Gurewitz left the band.", "Brett Gurewitz", "guitarist"),
    ("Bad Religion's drummer, Pete Finestone, joined in 1982.", "Pete Finestone", "drummer"),
])
def test_an_organisations_possessive_before_an_open_role_noun(text: str, person: str, role: str) -> None:
    assert (person, "membership", "Bad Religion", role) in rule_relations(text)


def test_a_possessive_before_a_noun_that_is_no_role_relates_nothing() -> None:
    assert not rule_pairs("Bad Religion's critic Brett Gurewitz left the band.")


@pytest.mark.parametrize(("text", "part", "whole"), [
    ("The Microsoft-owned LinkedIn said it would cut jobs.", "LinkedIn", "Microsoft"),
    ("Tata Motors-owned Jaguar Land Rover said sales rose.", "Jaguar Land Rover", "Tata Motors"),
])
def test_an_organisation_hyphened_to_owned_owns_the_next(text: str, part: str, whole: str) -> None:
    assert (part, "part_of", whole, "subsidiary") in rule_relations(text)


def test_state_or_family_owned_names_no_owner() -> None:
    assert not rule_pairs("The family-owned Acme Corporation said sales rose.")


@pytest.mark.parametrize(("text", "part", "whole"), [
    ("Shell Nigeria said Shell had paid the fine.", "Shell Nigeria", "Shell"),
    ("Microsoft India said on Monday that Microsoft would invest more.", "Microsoft India", "Microsoft"),
])
def test_a_companys_name_and_a_country_name_its_arm_there(text: str, part: str, whole: str) -> None:
    assert (part, "part_of", whole, "subsidiary") in rule_relations(text)


def test_an_acronym_and_more_words_name_one_of_its_channels() -> None:
    got = rule_pairs("BBC Alba and BBC HD carried the programmes, the BBC said.")
    assert ("BBC Alba", "part_of", "BBC") in got


@pytest.mark.parametrize("text", [
    "The Ford Foundation gave Ford Motor Company a grant.",  # no place, no body noun: not its arm
    "HSBC Holdings said HSBC would cut jobs.",  # the parent itself
    "UEFA said UEFA Euro 2008 would go ahead.",  # an event it runs
])
def test_names_sharing_a_stem_that_are_no_arm(text: str) -> None:
    assert not any(p == "part_of" for _, p, _ in rule_pairs(text))


def test_it_as_the_buyer_is_the_organisation_named_before_it() -> None:
    got = rule_relations("Bohigian joined Idealab after it acquired the venture capital firm he founded, VenCatalyst.")
    assert ("VenCatalyst", "part_of", "Idealab", "subsidiary") in got


def test_it_with_no_organisation_before_it_buys_nothing() -> None:
    assert not rule_pairs("It acquired VenCatalyst in 2001.")


def test_formerly_of_in_brackets_is_about_the_last_name_only() -> None:
    got = rule_relations("The vocals were by Jocelyn Brown and Leroy Burgess (formerly of Goldman Sachs).")
    assert ("Leroy Burgess", "membership", "Goldman Sachs", "former member") in got
    assert not any(s == "Jocelyn Brown" for s, _, _, _ in got)


def test_one_of_the_founding_members_of_an_alliance() -> None:
    got = rule_relations("Lufthansa, one of the founding members of the Star Alliance, said it would cut flights.")
    assert ("Lufthansa", "part_of", "Star Alliance", "member") in got


def test_one_of_the_rivals_of_an_alliance_is_no_part() -> None:
    assert not rule_pairs("Lufthansa is one of the rivals of the Star Alliance.")


def test_the_bands_role_noun_refers_to_the_band_described_before() -> None:
    got = rule_relations("Bad Religion, an American punk band, released its first album in 1982, and the band's "
                         "guitarist Brett Gurewitz produced it.")
    assert ("Brett Gurewitz", "membership", "Bad Religion", "guitarist") in got


def test_the_band_with_no_band_described_before_is_no_one() -> None:
    # "the band" is never just the nearest organisation: here the record label is no band
    got = rule_pairs("Epitaph Records released the album in 1982, and the band's guitarist Brett Gurewitz "
                     "produced it.")
    assert not any(p == "membership" for _, p, _ in got)


def test_a_call_sign_and_its_suffix_are_one_station() -> None:
    got = rule_pairs("CNN affiliate WDIV - TV reported that WDIV had been evacuated.")
    assert ("WDIV - TV", "part_of", "WDIV") not in got


@pytest.mark.parametrize(("text", "triple"), [
    ("Tata Motors' subsidiaries include Jaguar Land Rover and Tata Daewoo.",
     ("Tata Daewoo", "part_of", "Tata Motors", "subsidiary")),
    ("Star Alliance, whose members include Lufthansa and United Airlines, grew in 2005.",
     ("Lufthansa", "part_of", "Star Alliance", "member")),
    ("The Rolling Stones, whose members included Mick Jagger and Keith Richards, toured in 1969.",
     ("Keith Richards", "membership", "Rolling Stones", "member")),
])
def test_the_parts_or_members_an_organisation_includes(text: str, triple: tuple[str, str, str, str]) -> None:
    assert triple in rule_relations(text)


def test_what_an_organisations_rivals_include_is_no_part() -> None:
    assert not rule_pairs("Star Alliance's rivals include Oneworld and SkyTeam.")


@pytest.mark.parametrize(("text", "part", "whole", "role"), [
    ("Tata Motors' Jaguar Land Rover unit said sales rose.", "Jaguar Land Rover", "Tata Motors", "unit"),
    ("Microsoft's LinkedIn subsidiary cut 700 jobs.", "LinkedIn", "Microsoft", "subsidiary"),
])
def test_a_name_before_a_possessed_part_noun(text: str, part: str, whole: str, role: str) -> None:
    assert (part, "part_of", whole, role) in rule_relations(text)


def test_a_name_before_a_possessed_noun_that_names_no_part() -> None:
    assert not rule_pairs("Tata Motors' Jaguar Land Rover rivals said sales rose.")


def test_the_teams_is_not_the_league_named_before_team() -> None:
    # "the NBA championship team" is a team of the NBA: "the team's" does not refer to the NBA
    got = rule_pairs("Maurice Cheeks was a member of the 1983 NBA championship team. Tony DiLeo spent four seasons "
                     "as the team's director of personnel.")
    assert ("Tony DiLeo", "membership", "NBA") not in got


def test_an_organisation_that_joins_an_alliance_is_its_member() -> None:
    got = rule_relations("Lufthansa joined the Star Alliance in 1997.")
    assert ("Lufthansa", "part_of", "Star Alliance", "member") in got


@pytest.mark.parametrize("text", [
    "Lufthansa joined the Star Alliance in condemning the strike.",  # acting alongside it
    "Apple joined Microsoft as a company worth three trillion dollars.",  # no body of members
    "Lufthansa did not join the Star Alliance.",
])
def test_joining_that_is_no_membership(text: str) -> None:
    assert not any(p == "part_of" for _, p, _ in rule_pairs(text))
