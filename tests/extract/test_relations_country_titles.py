"""A state office named by its country's adjective or name before the title ("French President Emmanuel Macron",
"Soviet leader Leonid Brezhnev", "Iran's supreme leader"): the holder occupies the office of that country
(docs/relations.md, "Country adjectives before a title"). The adjective stands for the country even where the
report never names it (docs/entities.md, "Demonyms as arguments"), historic polities included."""

from __future__ import annotations

import pytest

from dossier.extract.demonym_places import country_of, polity_named
from tests.extract.rule_relations import rule_pairs, rule_relations


@pytest.mark.parametrize(("text", "holder", "country"), [
    ("French President Emmanuel Macron met reporters in Paris on Monday.", "Emmanuel Macron", "France"),
    ("The Pakistani Prime Minister Shehbaz Sharif said the talks would continue.", "Shehbaz Sharif", "Pakistan"),
    ("Indian Foreign Minister S. Jaishankar arrived in Moscow on Tuesday.", "S. Jaishankar", "India"),
    ("Ahmad Khan, the Afghan interior minister, resigned on Sunday.", "Ahmad Khan", "Afghanistan"),
    ("Pakistan Prime Minister Imran Khan spoke in Lahore.", "Imran Khan", "Pakistan"),
    ("Iran's foreign minister Javad Zarif flew to Vienna.", "Javad Zarif", "Iran"),
])
def test_a_country_before_a_state_office_is_the_office_s_country(text: str, holder: str, country: str) -> None:
    assert (holder, "occupancy", country) in rule_pairs(text)


@pytest.mark.parametrize(("text", "holder", "polity"), [
    ("Soviet leader Leonid Brezhnev visited Bonn in 1973.", "Leonid Brezhnev", "Soviet Union"),
    ("Yugoslav President Josip Broz Tito died in 1980.", "Josip Broz Tito", "Yugoslavia"),
    ("Ottoman Sultan Abdul Hamid II ruled until 1909.", "Abdul Hamid II", "Ottoman Empire"),
])
def test_a_historic_adjective_names_its_polity(text: str, holder: str, polity: str) -> None:
    assert (holder, "occupancy", polity) in rule_pairs(text)


def test_the_report_s_own_name_for_the_polity_is_the_argument() -> None:
    # "USSR" is the report's entity: "Soviet" stands for it, nothing is derived
    assert ("Mikhail Gorbachev", "occupancy", "USSR") in rule_pairs(
        "The USSR sent troops. Soviet leader Mikhail Gorbachev later withdrew them.")
    assert polity_named("U.S.S.R.") == country_of("Soviet")


def test_a_leader_of_the_country_only_when_the_country_alone_qualifies_the_title() -> None:
    assert ("Ali Khamenei", "occupancy", "Iran") in rule_pairs(
        "Iran's supreme leader Ali Khamenei addressed the nation.")
    for text in ("Syrian rebel leader Abu Mohammed al-Golani spoke in Idlib on Friday.",
                 "The Afghan opposition leader Abdullah Abdullah rejected the result.",
                 "Russian opposition leader Alexei Navalny died in prison."):
        assert not [t for t in rule_pairs(text) if t[1] == "occupancy"], text


def test_a_title_the_name_took_in_takes_the_adjective_before_it() -> None:
    assert ("Felipe VI", "occupancy", "Spain") in rule_pairs("The Spanish King Felipe VI visited Madrid.")


@pytest.mark.parametrize("text", [
    "French actor Gerard Depardieu moved to Belgium.",
    "Pakistani militant Hafiz Saeed was arrested in Lahore on Wednesday.",
    "Soviet dissident Andrei Sakharov won the prize.",
])
def test_no_office_no_occupancy(text: str) -> None:
    assert not [t for t in rule_pairs(text) if t[1] in {"occupancy", "leadership"}]


def test_an_ambassador_to_a_country_is_his_own_country_s() -> None:
    got = rule_relations("The Indian Ambassador to Pakistan, Ajay Bisaria, was recalled on Monday.")
    assert ("Ajay Bisaria", "occupancy", "India", "ambassador to Pakistan") in got
    assert not [t for t in got if t[1] == "occupancy" and t[2] == "Pakistan"]
