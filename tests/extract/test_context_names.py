"""Names the small model never finds, read from the sentence around them (issue 12, ``dossier_head_names``):
members of a list of names, places after a placing preposition, teams one plays for, places and people the
sentence defines, names in apposition to a person noun; and the false readings each rule is kept from."""

from __future__ import annotations

import pytest

from dossier.extract.pipeline import extract
from dossier.model import Document, EntityType, Extraction


def _extract(text: str) -> Extraction:
    return extract(Document(id=Document.make_id(text), text=text, source="test"))


def _types(x: Extraction) -> dict[str, EntityType]:
    return {e.name: e.type for e in x.entities}


@pytest.mark.parametrize(("text", "name", "etype"), [
    # a list member the model left untagged takes the type of the list's named members
    ("The towns Durán, Samborondón, and Guayaquil are connected by the new bridge.", "Samborondón",
     EntityType.PLACE),
    # the last member, which the parser hangs on the one before as an apposition
    ("Other Brazilian cities that trade with the town are Manaus, Santarém, Macapá, Belém.", "Belém",
     EntityType.PLACE),
    # the object of a placing preposition that the gazetteer knows
    ("She was born in Tunis and later moved to Pau with her family.", "Tunis", EntityType.PLACE),
    # a team one plays for
    ("Sedlak currently plays for SK Schwadorf and coaches youth teams.", "SK Schwadorf", EntityType.ORGANIZATION),
    # a place the sentence defines
    ("Calueque is a town next to a dam on the Kunene River.", "Calueque", EntityType.PLACE),
    # a name in apposition to a person noun
    ("The Greek historian Polybius believed that fortune governs events.", "Polybius", EntityType.PERSON),
])
def test_the_sentence_names_what_the_model_missed(text: str, name: str, etype: EntityType) -> None:
    assert _types(_extract(text)).get(name) == etype


@pytest.mark.parametrize(("text", "not_names"), [
    # "Hit" is a town in Iraq, but here it opens a longer title after "in"
    ("The firm posted the notice in Hit and Run Accidents on Friday.", {"Hit"}),
    # titles of works in a list the model half-tags as people
    ("He composed the scores to the television series Lost, Alias and Fringe.", {"Lost"}),
    # a run with a title word in it is the titles component's business
    ("Cheeks will be replaced by Sixers Senior Vice President and Assistant General Manager Tony DiLeo.",
     {"Senior Vice President", "President"}),
    # "God" is a Hungarian town in the gazetteer, never a place in English prose
    ("Worship is the honour paid to God by the faithful.", {"God"}),
    # what a person made, after a possessive
    ("Strick adapted Jean Genet's The Balcony and James Joyce's Ulysses.", {"Ulysses"}),
    # a list member right after punctuation that is no list separator
    ("The story was first reported by Yahoo! News and then by local stations.", {"News"}),
])
def test_no_name_where_the_sentence_reads_otherwise(text: str, not_names: set[str]) -> None:
    assert not not_names & set(_types(_extract(text)))


def test_a_list_of_places_is_no_chain_of_places() -> None:
    # "Gao, Mali" puts Gao in Mali; "Manaus, Santarém, Macapá, Belém" puts no member in the next
    x = _extract("Other Brazilian cities that trade with the town are Manaus, Santarém, Macapá, Belém.")
    names = {e.id: e.name for e in x.entities}
    members = {"Manaus", "Santarém", "Macapá", "Belém"}
    assert not [r for r in x.relations if r.predicate == "located_in" and names[r.subject] in members
                and names[r.object] in members]


def test_a_list_of_products_adds_no_organisations() -> None:
    # lists of organisations are too often products or works the model half-tags: no member is added to them
    x = _extract("It was released in September 2005 for the GameCube, Microsoft Windows, N-Gage, PlayStation 2, "
                 "PlayStation Portable and Xbox.")
    assert "PlayStation Portable" not in _types(x)
