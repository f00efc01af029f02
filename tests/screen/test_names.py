"""Name comparison: scores and the reasons an analyst reads."""

from __future__ import annotations

import pytest

from dossier.screen.names import compare, prepare


def _match(a: str, b: str, kind: str = "person") -> tuple[float, tuple[str, ...]]:
    m = compare(prepare(a, kind), prepare(b, kind))
    return m.score, m.reasons


@pytest.mark.parametrize(("a", "b", "kind", "reason", "at_least"), [
    ("Hassan Nasrallah", "NASRALLAH, Hasan", "person", "word order", 0.9),
    ("Мухаммад Омар", "Mohammad Omar", "person", "transliteration", 0.85),
    ("Joaquín Guzmán Loera", "GUZMAN LOERA, Joaquin", "person", "transliteration", 0.9),
    ("A. Q. Khan", "KHAN, Abdul Qadeer", "person", "initial", 0.8),
    ("Oleg Deripaska", "DERIPASKA, Oleg Vladimirovich", "person", "patronymic ignored (vladimirovich)", 1.0),
    ("Acme Trading Ltd", "ACME TRADING LLC", "org", "legal-form words ignored (ltd, llc)", 1.0),
    ("Tehrik-i-Taliban Pakistan", "TEHRIK-E TALIBAN PAKISTAN", "org", "connecting words ignored (i e)", 1.0),
    ("Lashkar-e-Taiba", "LASHKAR E-TAYYIBA", "org", "spelling variant", 0.9),
])
def test_matches_and_their_reasons(a: str, b: str, kind: str, reason: str, at_least: float) -> None:
    score, reasons = _match(a, b, kind)
    assert score >= at_least and reason in reasons, (score, reasons)


@pytest.mark.parametrize(("a", "b", "kind"), [
    ("John Smith", "Jane Smith", "person"),  # a namesake
    ("Omar", "OMAR, Mohammed", "person"),  # a partial name
    ("Mullah Mohammed Omar", "OMAN, Mullah Mohammed", "person"),  # one consonant apart: another name
    ("Islamic State", "ISLAMIC STATE OF IRAQ AND THE LEVANT", "org"),
])
def test_non_matches_stay_below_the_threshold(a: str, b: str, kind: str) -> None:
    score, reasons = _match(a, b, kind)
    assert score < 0.8, (score, reasons)


def test_pairs_name_the_words() -> None:
    m = compare(prepare("Qassem Soleimani", "person"), prepare("SOLEIMANI, Qasem", "person"))
    assert [(p.a, p.b) for p in m.pairs] == [("qassem", "qasem"), ("soleimani", "soleimani")]
    assert m.pairs[1].how == "same word"


def test_name_symbols_pair_arabic_and_latin() -> None:
    """Without symbols, Arabic script has no transliteration that meets the Latin one; with them it pairs."""
    plain = compare(prepare("محمد عمر", "person"), prepare("Mohammad Omar", "person"))
    assert plain.score < 0.8
    linked = compare(prepare("محمد عمر", "person", True), prepare("Mohammad Omar", "person", True))
    assert linked.score >= 0.9 and linked.reasons == ("transliteration",)


def test_blocking_finds_names_one_edit_apart_with_different_metaphones() -> None:
    """Words sharing no exact form or metaphone (``chamenei``/``khamenei``: KMN/KHMN, ``bagdadi``/``baghdadi``:
    BKTT/BTT) meet through their one-letter deletions; a name two edits away in every word stays out."""
    from dossier.screen.engine import Screener, Subject
    from dossier.screen.index import NameIndex, token_keys
    from dossier.screen.lists import WatchEntry

    query, listed = prepare("Chamenei Bagdadi", "person"), prepare("Khamenei Baghdadi", "person")
    assert not any(token_keys(q) & token_keys(t) - {k for k in token_keys(t) if k.startswith("d:")}
                   for q in query.tokens for t in listed.tokens)  # nothing but the deletion keys is shared
    index = NameIndex()
    index.add(0, "Khamenei Baghdadi", "person")
    index.add(1, "Khomeini Bashir", "person")
    assert [c.entry for c in index.candidates(query, 0.8)] == [0]
    screener = Screener("t", [WatchEntry("1", "Person", "KHAMENEI BAGHDADI")])
    (hit,) = screener.screen(Subject("e1", "person", "Chamenei Bagdadi"))
    assert hit.score >= 0.8 and {p.how for p in hit.match.pairs} == {"spelling variant"}
