"""The fast paths of name normalisation give exactly what the plain Unicode route gives."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from dossier.model.names import name_key, name_key_uncached, strip_accents


def _reference_strip(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@given(st.text(max_size=40))
def test_strip_accents_matches_nfkd_for_any_text(text: str) -> None:
    assert strip_accents(text) == _reference_strip(text)


@given(st.text(max_size=40))
def test_cached_and_uncached_keys_agree(text: str) -> None:
    assert name_key(text) == name_key_uncached(text)


def test_keys_of_accented_and_apostrophised_names() -> None:
    assert name_key_uncached("Qaddoumí") == "qaddoumi"
    assert name_key_uncached("Mash‘al ʻAli") == "mashal ali"
    assert name_key_uncached("İstanbul") == name_key_uncached("Istanbul")
    assert name_key_uncached("  Jaish-e-Mohammed ") == "jaish e mohammed"
