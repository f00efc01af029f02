"""Names the small model cuts inside a compound of proper nouns are made whole (issue 12, ``dossier_head_names``
``_widen_compounds``): one entity with the full span; and the titles, roles, party words and demonyms that must
not join a name."""

from __future__ import annotations

import pytest

from dossier.extract.pipeline import extract
from dossier.model import Document, EntityType, Extraction


def _extract(text: str) -> Extraction:
    return extract(Document(id=Document.make_id(text), text=text, source="test"))


def _types(x: Extraction) -> dict[str, EntityType]:
    return {e.name: e.type for e in x.entities}


@pytest.mark.parametrize(("text", "name", "etype"), [
    # a place name the model tagged alone, modifying the proper noun that ends the name
    ("Młociny is a Warsaw Metro station serving as a northern terminus of the line.", "Warsaw Metro",
     EntityType.PLACE),
    # the last word types the whole name
    ("Lampedusa is the largest island of the Italian Pelagie Islands in the Mediterranean Sea.",
     "Italian Pelagie Islands", EntityType.PLACE),
    # a given name the model left out of a person's name
    ("He had four children, Beatrice Roche, Lilianne Roche, Marcel Roche and Luis Roche.", "Marcel Roche",
     EntityType.PERSON),
    ("Buchheister was a close friend of Wassily Kandinsky and Paul Klee.", "Wassily Kandinsky", EntityType.PERSON),
    # a channel numbered in words
    ("The show moved from BBC Two to BBC One in 2004.", "BBC One", EntityType.ORGANIZATION),
    # a run of proper nouns the model missed, typed by its last word
    ("Students at Ramapo High School in Franklin Lakes walked out on Friday.", "Ramapo High School",
     EntityType.ORGANIZATION),
    # a place grown over words the gazetteer does not know as a place names a body there
    ("The team was then sold to Beijing Wanfeng Aote, a local property developer.", "Beijing Wanfeng Aote",
     EntityType.ORGANIZATION),
])
def test_a_cut_name_is_made_whole(text: str, name: str, etype: EntityType) -> None:
    types = _types(_extract(text))
    assert types.get(name) == etype, types


@pytest.mark.parametrize(("text", "kept", "not_made"), [
    # titles and roles before a person are no part of the name
    ("The White House Press Secretary said Apple CEO Tim Cook met US President Joe Biden.", "Joe Biden",
     "US President Joe Biden"),
    ("The White House Press Secretary said Apple CEO Tim Cook met US President Joe Biden.", "Tim Cook",
     "CEO Tim Cook"),
    # a title's "of" before a name
    ("The Secretary of State Clinton met the envoy in Cairo.", "Clinton", "State Clinton"),
    # a party word before a person
    ("The seat went to fellow Democrat Sidney Yates, who held it until 1963.", "Sidney Yates",
     "Democrat Sidney Yates"),
    # a demonym modifying a word names nothing with it
    ("She is a professor of Japanese Politics at Harvard University.", "Harvard University", "Japanese Politics"),
    # a title the lists lack, before a full name or after an organisation, is no part of either
    ("Undersheriff James Gage said the road was closed.", "James Gage", "Undersheriff James Gage"),
    ("A star at the school, NBA Star Chris Webber went on to play at Michigan.", "Chris Webber", "NBA Star"),
    # a place name before a plural names a kind of thing, not a longer name
    ("Intel said it would ship its first Cannon Lake CPUs late next year.", "Intel", "Cannon Lake CPUs"),
    # a number word that counts what follows is no part of a name (a dateline without its dash)
    ("Reuters Two men were killed in the blast.", "Reuters", "Reuters Two"),
    # two names side by side in a coordination stay two
    ("The Gaza Health Ministry said Israel and Hamas agreed to a truce.", "Israel", "Israel and Hamas"),
])
def test_no_false_join(text: str, kept: str, not_made: str) -> None:
    names = {e.name for e in _extract(text).entities}
    assert not_made not in names, names
    assert kept in names, names


@pytest.mark.parametrize(("text", "name", "etype"), [
    # a division word the model tagged without the name after "of"
    ("Mola di Bari is a town and comune of the Metropolitan City of Bari, in the region of Apulia.",
     "Metropolitan City of Bari", EntityType.PLACE),
    # a body whose name goes on with "of" and a word the model left untagged
    ("In 1989 he visited the Redeemed Christian Church of God in Lagos.", "Redeemed Christian Church of God",
     EntityType.ORGANIZATION),
    ("The Library of Congress catalogues 12 volumes of her books.", "Library of Congress",
     EntityType.ORGANIZATION),
])
def test_a_name_goes_on_with_of(text: str, name: str, etype: EntityType) -> None:
    types = _types(_extract(text))
    assert types.get(name) == etype, types


@pytest.mark.parametrize(("text", "names"), [
    # a person is never the head of an "of" name; a list goes on as two names
    ("Obama of the United States met officials of the Bank of England and the Fed in London.",
     {"Obama", "United States", "Bank of England", "Fed"}),
    # a named division, then the country it is in
    ("Goght is a village in the Kotayk Province of Armenia.", {"Kotayk Province", "Armenia"}),
    # a title is no body: the country stays a name of its own
    ("The President of France met the Prime Minister of Israel in Paris.", {"France", "Israel"}),
])
def test_of_joins_no_two_names(text: str, names: set[str]) -> None:
    found = {e.name for e in _extract(text).entities}
    assert names <= found, found
