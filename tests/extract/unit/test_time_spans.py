"""``time.spans`` on hand-built parses: the spans TimeML would mark, and their values read in the sentence."""

from __future__ import annotations

import datetime as dt

from dossier.extract.time.spans import find_spans, timeml_of_span
from tests.extract.unit.parses import parse

PUBLISHED = dt.date(2024, 3, 6)  # a Wednesday


def test_a_clock_time_the_model_missed_is_added_and_takes_the_day_named_before_it() -> None:
    doc = parse("""
        The     the     DET   DT  det       1
        vote    vote    NOUN  NN  nsubjpass 4
        will    will    AUX   MD  aux       4
        be      be      AUX   VB  auxpass   4
        held    hold    VERB  VBN ROOT      4
        on      on      ADP   IN  prep      4
        Tuesday Tuesday PROPN NNP pobj      5
        at      at      ADP   IN  prep      4
        10      10      NUM   CD  nummod    9
        a.m.    a.m.    NOUN  NN  pobj      7
        in      in      ADP   IN  prep      9
        Kabul   Kabul   PROPN NNP pobj      10
        .       .       PUNCT .   punct     4
    """, (("DATE", 6, 7), ("GPE", 11, 12)))  # no TIME entity: "10 a.m." is found by the span rules
    spans = find_spans(doc)
    assert [(s.text, s.start, s.end) for s in spans] == [("Tuesday", 6, 7), ("10 a.m.", 8, 10)]
    tuesday, clock = (timeml_of_span(s, PUBLISHED) for s in spans)
    assert (tuesday.type, tuesday.value) == ("DATE", "2024-03-12")  # "will be held": the coming Tuesday
    assert (clock.type, clock.value) == ("TIME", "2024-03-12T10:00")


def test_an_age_is_dropped_and_a_relative_expression_takes_its_determiner() -> None:
    doc = parse("""
        The      the    DET   DT  det       2
        55       55     NUM   CD  nummod    2
        men      man    NOUN  NNS nsubjpass 4
        were     be     AUX   VBD auxpass   4
        detained detain VERB  VBN ROOT      4
        in       in     ADP   IN  prep      4
        the      the    DET   DT  det       8
        past     past   ADJ   JJ  amod      8
        decade   decade NOUN  NN  pobj      5
        .        .      PUNCT .   punct     4
    """, (("DATE", 1, 2), ("DATE", 7, 9)))  # the model's mistakes: "55" as a date, "the" left out
    [span] = find_spans(doc)
    assert (span.text, span.start, span.end) == ("the past decade", 6, 9)
    got = timeml_of_span(span, PUBLISHED)
    assert (got.type, got.value) == ("DURATION", "P10Y")
