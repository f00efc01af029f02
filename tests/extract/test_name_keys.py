"""The fast paths of name normalisation give exactly what the plain Unicode route gives."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from dossier.model.names import name_key, name_key_uncached, name_keys_uncached, strip_accents


def _reference_strip(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@given(st.text(max_size=40))
def test_strip_accents_matches_nfkd_for_any_text(text: str) -> None:
    assert strip_accents(text) == _reference_strip(text)


@given(st.text(max_size=40))
def test_cached_and_uncached_keys_agree(text: str) -> None:
    assert name_key(text) == name_key_uncached(text)


@given(st.lists(st.text(st.characters(blacklist_characters="\n"), max_size=30), max_size=12))
def test_keys_made_in_bulk_are_each_names_own_key(names: list[str]) -> None:
    # one pass over the names joined by line breaks (the gazetteer's load): no step may reach across a name
    assert name_keys_uncached(names) == [name_key_uncached(n) for n in names]


def test_bulk_keys_of_neighbouring_names_that_end_and_start_in_punctuation() -> None:
    names = ["Foo.", "(Bar)", "", " ", "Ṣan‘ā’", "ΟΔΥΣΣΕΥΣ", "ǅemal", "ﬁne ½", "x_y"]
    assert name_keys_uncached(names) == [name_key_uncached(n) for n in names]
    assert name_keys_uncached(names)[:4] == ["foo", "bar", "", ""]


def test_keys_of_accented_and_apostrophised_names() -> None:
    assert name_key_uncached("Qaddoumí") == "qaddoumi"
    assert name_key_uncached("Mash‘al ʻAli") == "mashal ali"
    assert name_key_uncached("İstanbul") == name_key_uncached("Istanbul")
    assert name_key_uncached("  Jaish-e-Mohammed ") == "jaish e mohammed"
