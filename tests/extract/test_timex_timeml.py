"""TimeML values, forward/backward completion of yearless dates, and time expressions read in real sentences.

The sentences come from real reports: Wikinews articles of the MEANTIME corpus (CC BY 4.0) and the court
report of issue 11 ("adjourned until March 25" in a March 12 report).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.extract.time.timeml import TimeML, render, timeml
from dossier.extract.time.timex import normalize

D = dt.date


# (text, published, direction, type, value)
CASES: list[tuple[str, dt.date | None, str | None, str, str | None]] = [
    # durations: an amount of a unit, approximators kept out of the value
    ("five years", D(2008, 4, 9), None, "DURATION", "P5Y"),
    ("18 months", D(2007, 10, 15), None, "DURATION", "P18M"),
    ("thirty minutes", D(2010, 1, 25), None, "DURATION", "PT30M"),
    ("12-hour", D(2007, 10, 17), None, "DURATION", "PT12H"),
    ("fifty-year", D(2008, 3, 1), None, "DURATION", "P50Y"),
    ("41-year history", D(2006, 5, 29), None, "DURATION", "P41Y"),
    ("almost two and a half years", D(2009, 12, 16), None, "DURATION", "P2.5Y"),
    ("more than a week", D(2005, 5, 7), None, "DURATION", "P1W"),
    ("the next four years", D(2007, 2, 28), None, "DURATION", "P4Y"),
    ("the past decade", D(2005, 6, 6), None, "DURATION", "P10Y"),
    ("several years", D(2008, 5, 24), None, "DURATION", "PXY"),
    ("over the years", D(2006, 5, 29), None, "DURATION", "PXY"),
    ("decades-long", D(2007, 2, 6), None, "DURATION", "PXY"),
    ("between 2014 and 2016", D(2007, 6, 9), None, "DURATION", "P2Y"),
    # sets
    ("annual", D(2010, 6, 8), None, "SET", "P1Y"),
    ("15 a year", D(2008, 3, 1), None, "SET", "P1Y"),
    ("every week", D(2008, 3, 1), None, "SET", "P1W"),
    # quarters, halves, fiscal years
    ("the third quarter", D(2007, 10, 4), None, "DATE", "2007-Q3"),
    ("the last quarter", D(2007, 1, 18), None, "DATE", "2006-Q4"),
    ("the fourth quarter of 2006", D(2007, 1, 18), None, "DATE", "2006-Q4"),
    ("Q1 2025", None, None, "DATE", "2025-Q1"),
    ("the first half of 2024", None, None, "DATE", "2024-H1"),
    ("fiscal 2007", None, None, "DATE", "FY2007"),
    ("FY08", None, None, "DATE", "FY2008"),
    ("the fiscal third quarter", D(2007, 10, 4), None, "DATE", "FY2007-Q3"),
    ("the very beginning of the financial year", D(2007, 1, 18), None, "DATE", "FY2007"),
    # times of day
    ("10 a.m.", D(2007, 10, 4), None, "TIME", "2007-10-04T10:00"),
    ("6:40 p.m.", D(2007, 10, 17), None, "TIME", "2007-10-17T18:40"),
    ("18:00 UTC", D(2009, 12, 16), None, "TIME", "2009-12-16T18:00Z"),
    ("Friday morning", D(2010, 7, 17), None, "TIME", "2010-07-16TMO"),
    ("this morning", D(2008, 1, 9), None, "TIME", "2008-01-09TMO"),
    ("last night", D(2008, 1, 9), None, "TIME", "2008-01-08TNI"),
    ("noon on Tuesday", D(2025, 2, 12), None, "TIME", "2025-02-11T12:00"),
    ("Friday afternoon", D(2008, 10, 15), None, "TIME", "2008-10-10TAF"),  # not "noon"
    ("the previous day", D(2008, 10, 15), None, "DATE", None),  # counted from the date before, not a duration
    # dates named by TimeML: weeks, weekends, seasons, decades, centuries, parts keep the unit's value
    ("last week", D(2004, 11, 24), None, "DATE", "2004-W47"),
    ("this weekend", D(2010, 1, 25), None, "DATE", "2010-W04-WE"),
    ("winter 2006", None, None, "DATE", "2006-WI"),
    ("the 1990s", None, None, "DATE", "199"),
    ("the late 1980s", None, None, "DATE", "198"),
    ("the 19th century", None, None, "DATE", "18"),
    ("early 2009", None, None, "DATE", "2009"),
    ("mid-2011", None, None, "DATE", "2011"),
    ("the beginning of the year", D(2008, 4, 9), None, "DATE", "2008"),
    ("today", D(2005, 6, 13), None, "DATE", "2005-06-13"),
    ("Yesterday", D(2010, 6, 8), None, "DATE", "2010-06-07"),
    ("next month", D(2011, 8, 8), None, "DATE", "2011-09"),
    ("two years ago", D(2008, 5, 24), None, "DATE", "2006"),
    ("11 December", D(2010, 1, 25), None, "DATE", "2009-12-11"),
    # the present, the past, the future
    ("now", D(2007, 9, 5), None, "DATE", "PRESENT_REF"),
    ("currently", D(2006, 6, 20), None, "DATE", "PRESENT_REF"),
    ("more recently", D(2006, 6, 20), None, "DATE", "PAST_REF"),
    ("in the near future", D(2006, 6, 20), None, "DATE", "FUTURE_REF"),
    # direction decides a yearless date or a bare weekday
    ("March 25", D(2026, 3, 30), "future", "DATE", "2027-03-25"),
    ("March 25", D(2026, 3, 30), None, "DATE", "2026-03-25"),
    ("April 7", D(2026, 3, 12), "future", "DATE", "2026-04-07"),
    ("April 7", D(2026, 3, 12), None, "DATE", "2025-04-07"),
    ("Wednesday", D(2006, 3, 28), "future", "DATE", "2006-03-29"),
    ("Wednesday", D(2006, 3, 28), None, "DATE", "2006-03-22"),
    ("December 20", D(2025, 12, 24), "past", "DATE", "2025-12-20"),
    ("December 28", D(2025, 12, 24), "past", "DATE", "2024-12-28"),
    # not understood, or an anchor is missing
    ("the Joint Strike Fighter program", D(2008, 3, 1), None, "DATE", None),
    ("yesterday", None, None, "DATE", None),
]


@pytest.mark.parametrize(("text", "published", "direction", "ttype", "value"), CASES)
def test_timeml(text: str, published: dt.date | None, direction: str | None, ttype: str, value: str | None) -> None:
    assert timeml(text, published, direction) == TimeML(ttype, value)


def test_direction_reaches_normalize() -> None:
    """Issue 11: "adjourned until March 25" in a March 12 report is this year's, not last year's."""
    pub = D(2026, 3, 12)
    assert normalize("March 25", pub, None, "future").value == "2026-03-25"
    assert normalize("March 25", pub).value == "2025-03-25"  # no cue: news tells of the past
    assert normalize("March 10", pub, None, "future").value == "2027-03-10"
    assert normalize("early June", pub, None, "past").value == "2025-06-01/2025-06-10"
    assert normalize("2024-05-01", pub, None, "future").value == "2024-05-01"  # a written year never moves


def test_quarters_without_a_year_are_dated() -> None:
    """"profits fell in the third quarter": an event can be dated from a quarter named without its year."""
    assert normalize("the third quarter", D(2007, 10, 4)).value == "2007-07/2007-09"
    assert normalize("last quarter", D(2007, 1, 18)).value == "2006-10/2006-12"
    assert normalize("the fourth quarter", D(2007, 10, 4), None, "past").value == "2006-10/2006-12"
    assert normalize("the fiscal third quarter", D(2007, 10, 4)).value is None  # the company's year is unknown


def test_render_keeps_values_it_cannot_name() -> None:
    from dossier.extract.time.values import UNKNOWN

    assert render(UNKNOWN) is None
    assert render(normalize("since 2019", D(2025, 1, 1))) == "2019"


# Real sentences, parsed: (published, sentence, the expression, its TimeML type and value)
SENTENCES: list[tuple[dt.date, str, str, str, str]] = [
    (D(2026, 3, 12), "The judge adjourned the trial until March 25.", "March 25", "DATE", "2026-03-25"),
    (D(2007, 10, 15), "The first flight will take off for a special charity-flight from Singapore and land in "
     "Sydney on October 25.", "October 25", "DATE", "2007-10-25"),
    (D(2005, 10, 4), "Within one month of the iPod nano and iTunes phone special event, Apple Computer "
     "announced today another special event to be held on October 12.", "October 12", "DATE", "2005-10-12"),
    (D(2006, 3, 28), "The trial is set to begin on Wednesday in the Royal Courts of Justice, located in "
     "central London.", "Wednesday", "DATE", "2006-03-29"),
    (D(2009, 6, 9), "The new phone will also come pre-loaded with the new iPhone 3.0 software, which will be "
     "available on June 17, two days before the phone launches.", "June 17", "DATE", "2009-06-17"),
    (D(2009, 6, 9), "The new phone will also come pre-loaded with the new iPhone 3.0 software, which will be "
     "available on June 17, two days before the phone launches.", "two days", "DURATION", "P2D"),
    (D(2009, 12, 16), "Boeing's 787 Dreamliner made its maiden flight on Tuesday, taking off from Paine Field "
     "at 10:27 a.m. local time.", "10:27 a.m.", "TIME", "2009-12-15T10:27"),
    (D(2010, 7, 17), "Jobs said on Friday morning that Apple would give free cases to iPhone 4 owners.",
     "Friday morning", "TIME", "2010-07-16TMO"),
    (D(2025, 3, 12), "The strike began at 6 a.m. on Tuesday and ended at noon.", "6 a.m.", "TIME",
     "2025-03-11T06:00"),
    (D(2025, 3, 12), "The ministry said the vaccine would be available in June.", "June", "DATE", "2025-06"),
    (D(2007, 9, 5), "The iPod range now includes a model with a touch screen.", "now", "DATE", "PRESENT_REF"),
    (D(2011, 1, 17), "Apple has grown enormously over the past decade.", "the past decade", "DURATION", "P10Y"),
    (D(2010, 6, 8), "Jobs unveiled the iPhone 4 at the company's annual Worldwide Developers Conference.",
     "annual", "SET", "P1Y"),
]


@pytest.mark.parametrize(("published", "sentence", "expression", "ttype", "value"), SENTENCES)
def test_in_sentence(nlp: object, published: dt.date, sentence: str, expression: str, ttype: str,
                     value: str) -> None:
    from dossier.extract.time.spans import find_spans, timeml_of_span

    doc = nlp(sentence)  # type: ignore[operator]
    found = {s.text: timeml_of_span(s, published) for s in find_spans(doc)}
    assert expression in found, f"{expression!r} not found among {sorted(found)}"
    assert found[expression] == TimeML(ttype, value)


@pytest.mark.parametrize(("sentence", "expression"), [
    ("Apple's sales doubled at the very beginning of the financial year.", "the very beginning of the financial year"),
    ("Apple Corps and Apple Inc ended their decades-long trademark dispute.", "decades-long"),
    ("Apple has grown enormously over the past decade.", "the past decade"),
    ("The maiden flight came almost two and a half years behind schedule.", "almost two and a half years"),
])
def test_extent(nlp: object, sentence: str, expression: str) -> None:
    from dossier.extract.time.spans import find_spans

    assert expression in [s.text for s in find_spans(nlp(sentence))]  # type: ignore[operator]


@pytest.mark.parametrize("sentence", [
    "Jobs, 56, died at the age of 56 after a long illness.",
    "Apple released iTunes 1.1.1 for Windows.",
])
def test_not_time_expressions(nlp: object, sentence: str) -> None:
    from dossier.extract.time.spans import find_spans

    assert [s.text for s in find_spans(nlp(sentence))] == []  # type: ignore[operator]


def test_tense_cues(nlp: object) -> None:
    from dossier.extract.time.spans import find_spans
    from dossier.extract.time.tense import direction

    def way(sentence: str) -> str | None:
        spans = find_spans(nlp(sentence))  # type: ignore[operator]
        assert spans, sentence
        return direction(spans[0])

    assert way("The minister will visit Kabul on Friday.") == "future"
    assert way("The vote is to take place on 7 April.") == "future"
    assert way("Talks are scheduled for Tuesday.") == "future"
    assert way("Police arrested the men on Tuesday.") == "past"
    assert way("The company has been in talks since March.") == "past"
    assert way("Talks between the two sides resume on Monday.") == "future"  # a day in the present: a schedule
    assert way("Police say the attack happened on Monday.") == "past"
    assert way("As of February, the store accounts for 70% of all digital music sales.") is None
    assert way("The company employs 500 people this year.") is None


@pytest.mark.parametrize("published", [dt.date.min, dt.date.max, D(2000, 2, 29), None])
@pytest.mark.parametrize("text", ["March 25", "Friday at 10 a.m.", "the last quarter", "fiscal 2007", "next week",
                                  "99999 years", "the 0s", "Q4 9999", "24:61", "13 p.m.", "FY99", "the first half"])
def test_never_raises_at_the_edges(text: str, published: dt.date | None) -> None:
    for direction in ("future", "past", None):
        assert isinstance(timeml(text, published, direction), TimeML)


_PIECES = [*"0123456789:.-/'", " ", "a", "p.m.", "year", "quarter", "fiscal", "utc", "the", "last", "next", "half",
           "every", "morning", "March", "Friday", "s", "from", "to", "and", "ago"]


@given(st.lists(st.sampled_from(_PIECES), max_size=10).map(" ".join),
       st.dates(), st.sampled_from(["future", "past", None]))
@settings(max_examples=300, deadline=None)
def test_never_raises(text: str, published: dt.date, direction: str | None) -> None:
    found = timeml(text, published, direction)
    assert found.type in ("DATE", "TIME", "DURATION", "SET")
