"""``time.tense.direction`` on hand-built parses: which way a yearless date points from the report's date."""

from __future__ import annotations

from dossier.extract.time.tense import direction
from tests.extract.unit.parses import parse


def test_until_points_forward() -> None:
    doc = parse("""
        The       the      DET   DT  det    1
        court     court    NOUN  NN  nsubj  2
        adjourned adjourn  VERB  VBD ROOT   2
        until     until    ADP   IN  prep   2
        March     March    PROPN NNP pobj   3
        25        25       NUM   CD  nummod 4
        .         .        PUNCT .   punct  2
    """, ents=(("DATE", 4, 6),))
    assert direction(doc.ents[0]) == "future"  # the cue word wins over the past tense of "adjourned"


def test_since_points_back() -> None:
    doc = parse("""
        Prices  price  NOUN  NNS nsubj 2
        have    have   AUX   VBP aux   2
        risen   rise   VERB  VBN ROOT  2
        since   since  SCONJ IN  prep  2
        2019    2019   NUM   CD  pobj  3
        .       .      PUNCT .   punct 2
    """, ents=(("DATE", 4, 5),))
    assert direction(doc.ents[0]) == "past"


def test_will_makes_the_day_future_and_said_makes_it_past() -> None:
    future = parse("""
        The      the      DET   DT  det   1
        minister minister NOUN  NN  nsubj 3
        will     will     AUX   MD  aux   3
        visit    visit    VERB  VB  ROOT  3
        Kabul    Kabul    PROPN NNP dobj  3
        on       on       ADP   IN  prep  3
        Friday   Friday   PROPN NNP pobj  5
        .        .        PUNCT .   punct 3
    """, ents=(("GPE", 4, 5), ("DATE", 6, 7)))
    past = parse("""
        Police  Police  NOUN  NNS nsubj 1
        said    say     VERB  VBD ROOT  1
        on      on      ADP   IN  prep  1
        Friday  Friday  PROPN NNP pobj  2
        that    that    SCONJ IN  mark  8
        the     the     DET   DT  det   6
        suspect suspect NOUN  NN  nsubj 8
        had     have    AUX   VBD aux   8
        fled    flee    VERB  VBN ccomp 1
        .       .       PUNCT .   punct 1
    """, ents=(("DATE", 3, 4),))
    assert direction(future.ents[1]) == "future"
    assert direction(past.ents[0]) == "past"


def test_a_scheduling_verb_points_forward_even_in_the_passive() -> None:
    doc = parse("""
        Talks     talk     NOUN  NNS nsubjpass 2
        are       be       AUX   VBP auxpass   2
        scheduled schedule VERB  VBN ROOT      2
        for       for      ADP   IN  prep      2
        Tuesday   Tuesday  PROPN NNP pobj      3
        .         .        PUNCT .   punct     2
    """, ents=(("DATE", 4, 5),))
    assert direction(doc.ents[0]) == "future"


def test_as_of_and_a_bare_present_say_nothing() -> None:
    as_of = parse("""
        The      the      DET   DT  det   1
        group    group    NOUN  NN  nsubj 2
        had      have     VERB  VBD ROOT  2
        20       20       NUM   CD  nummod 4
        members  member   NOUN  NNS dobj  2
        as       as       ADP   IN  prep  2
        of       of       ADP   IN  prep  5
        February February PROPN NNP pobj  6
        .        .        PUNCT .   punct 2
    """, ents=(("CARDINAL", 3, 4), ("DATE", 7, 8)))
    assert direction(as_of.ents[1]) is None  # "as of February" is a state up to now, not a point to complete
