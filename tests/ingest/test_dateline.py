"""Datelines: the shapes real wires use, year inference, and never an exception (RELIABILITY I26)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.ingest.dateline import (
    full_dates,
    infer_year,
    parse_date,
    parse_dateline,
    resolve_published,
)
from dossier.ingest.plaintext import text_metadata

from .helpers import SEED_SHAPED


@pytest.mark.parametrize(
    ("line", "place", "publisher", "date"),
    [
        (
            "Islamabad, Sep 17 (NationPress) A recent report highlights",
            "Islamabad",
            "NationPress",
            (None, 9, 17),
        ),
        ("KABUL, March 3, 2025 (Reuters) — The Taliban said", "KABUL", "Reuters", (2025, 3, 3)),
        ("BEIRUT — Israeli strikes hit the south", "BEIRUT", None, None),
        ("Lahore: The provincial government on Monday", "Lahore", None, None),
        ("By Staff Reporter | Dhaka | 12 January 2025", "Dhaka", None, (2025, 1, 12)),
        ("NEW DELHI, Feb. 5 - India said on Wednesday", "NEW DELHI", None, (None, 2, 5)),
        ("WASHINGTON (AP) — The Senate voted", "WASHINGTON", "AP", None),
        ("GAZA CITY, Gaza Strip (AP) — Hamas said", "GAZA CITY, Gaza Strip", "AP", None),
        ("BERLIN (dpa) - Germany's chancellor", "BERLIN", "dpa", None),
        ("Peshawar, March 3: Police said", "Peshawar", None, (None, 3, 3)),
        ("Dar es Salaam, 12 January 2025 — Tanzania's", "Dar es Salaam", None, (2025, 1, 12)),
        ("Srinagar, Sept. 17th, 2025: the authorities", "Srinagar", None, (2025, 9, 17)),
        ("Giulia Ferraro, Bari | 27 November 2024", "Bari", None, (2024, 11, 27)),
        ("12 January 2025 | Dhaka", "Dhaka", None, (2025, 1, 12)),
        ("GALKAYO (Somalia), 3 December 2024 — Traditional elders", "GALKAYO, Somalia", None, (2024, 12, 3)),
    ],
)
def test_dateline_shapes(
    line: str, place: str, publisher: str | None, date: tuple[int | None, int, int] | None
) -> None:
    dl = parse_dateline(line)
    assert dl is not None
    assert (dl.place, dl.publisher) == (place, publisher)
    got = None if dl.date is None else (dl.date.year, dl.date.month, dl.date.day)
    assert got == date


@pytest.mark.parametrize(
    "line",
    [
        "Is Pakistan and PoK Becoming a Safe Haven for Hamas?",
        "Pakistan, India agree to talks (Reuters)",
        "Kabul, March 3 was a cold day in the capital.",
        "Key Takeaways: the region could become a haven",
        "Synopsis",
        "The minister said: we will respond",
        "- Recent meetings indicate growing ties.",
        "On February 5, 2025, during the annual observance, leaders met",
        "In Kabul — the capital — officials met",
        "Kabul, March 3, the day after the attack, officials met",
        "Home | World | Asia",
        "",
    ],
)
def test_not_datelines(line: str) -> None:
    dl = parse_dateline(line)
    assert dl is None or not dl.strong


@pytest.mark.parametrize(
    ("line", "date_text"),
    [
        ("Kabul, Feb 30 (Pajhwok): Officials said", "Feb 30"),
        ("Kabul, Sep 17, 99999 (Pajhwok): Officials said", "Sep 17, 99999"),
        ("Kabul, April 31, 2025 (Pajhwok): Officials said", "April 31, 2025"),
    ],
)
def test_invalid_dates_are_none(line: str, date_text: str) -> None:
    dl = parse_dateline(line)
    assert dl is not None and dl.date is None and dl.date_text == date_text
    published = resolve_published(dl, [line], line)
    assert published.date is None and "not a valid date" in published.warnings[0]


def test_arabic_indic_digits_give_no_date() -> None:
    dl = parse_dateline("Kabul, Sep ١٧ (Pajhwok): Officials said")
    assert dl is None or dl.date is None
    assert parse_date("Sep ١٧, ٢٠٢٥") is None
    assert full_dates("on Sep ١٧, ٢٠٢٥ and ١٧ September ٢٠٢٥") == []


def test_year_inferred_from_latest_full_date() -> None:
    """The seed's case: ``Islamabad, Sep 17`` with August 5, 2025 in the body is 2025-09-17, inferred."""
    meta = text_metadata(SEED_SHAPED)
    assert (meta.published, meta.published_inferred) == ("2025-09-17", True)
    assert (meta.dateline_place, meta.publisher) == ("Islamabad", "NationPress")
    assert meta.title == "Is the Valley Becoming a Safe Haven for Militants?"
    assert meta.warnings == ()


def test_infer_year_rule() -> None:
    aug5 = dt.date(2025, 8, 5)
    assert infer_year(9, 17, [dt.date(2023, 10, 7), aug5]) == 2025
    # The dateline cannot precede the latest dated event it reports: Sep 17 after Dec 1, 2025 is 2026.
    assert infer_year(9, 17, [dt.date(2025, 12, 1)]) == 2026
    assert infer_year(9, 17, []) is None
    assert infer_year(2, 29, [dt.date(2025, 1, 1)]) == 2028  # the next leap year
    # A plan bounds from above: alone, the latest year before it; with past events, only if a year apart.
    assert infer_year(5, 16, [], [dt.date(2024, 12, 31)]) == 2024
    assert infer_year(4, 18, [dt.date(2023, 3, 1)], [dt.date(2024, 12, 31)]) == 2024
    assert infer_year(4, 18, [dt.date(2023, 3, 1)], [dt.date(2030, 12, 31)]) == 2023


@pytest.mark.parametrize(
    ("body", "published"),
    [
        # A month and year: the report follows November 2024.
        ("Jones, who stepped down in November 2024 after 11 years, was replaced.", "2025-01-29"),
        # A bare year: "so far in 2024".
        ("It was the deadliest day in the region so far in 2024, officials said.", "2024-01-29"),
        # A plan does not push the date past it: "could call an assembly in March 2025".
        ("He stepped down in November 2024. The board could call an assembly in March 2025.", "2025-01-29"),
        # A plan alone dates the report: "expected to close in the third quarter of 2024".
        ("The transaction is expected to close in the third quarter of 2024, the company said.", "2024-01-29"),
        # A deadline says nothing: "by 2050"; the year comes from "in 2023".
        ("The plant opened in 2023. The country aims for net zero by 2050.", "2023-01-29"),
    ],
)
def test_year_from_mentions(body: str, published: str) -> None:
    meta = text_metadata(f"Headline here\n\nMADRID, Jan 29 (Iberia Desk) - {body}")
    assert (meta.published, meta.published_inferred) == (published, True)


def test_no_year_anywhere_is_none_with_a_warning() -> None:
    text = "Kabul, Sep 17 (Pajhwok) Officials said the talks would resume next week, without naming a day."
    meta = text_metadata(text)
    assert meta.published is None and not meta.published_inferred
    assert meta.warnings and "no year" in meta.warnings[0]


def test_standalone_date_line_under_headline() -> None:
    meta = text_metadata("Talks resume in Doha\nMonday, 12 January 2025\n\nDelegations met again on Monday in Doha.")
    assert meta.published == "2025-01-12" and not meta.published_inferred


_MONTH_SPELLINGS = ["Jan", "January", "Feb.", "Sept", "Sep", "September", "may", "DEC", "Dec.", "Foo"]
_DIGITS = {"ascii": "0123456789", "arabic-indic": "٠١٢٣٤٥٦٧٨٩", "devanagari": "०१२३४५६७८९"}


def _digits(n: int, system: str) -> str:
    return "".join(_DIGITS[system][int(c)] for c in str(n))


@pytest.mark.timeout(120)
@settings(max_examples=400)
@given(
    place=st.sampled_from(["Kabul", "NEW DELHI", "Islamabad", "Dar es Salaam"]),
    month=st.sampled_from(_MONTH_SPELLINGS),
    day=st.integers(min_value=0, max_value=40),
    year=st.one_of(st.none(), st.integers(min_value=0, max_value=99999)),
    system=st.sampled_from(sorted(_DIGITS)),
    tail=st.sampled_from([" (Reuters) — Officials said", " — Officials said", ": Officials said", " (AP) x"]),
)
def test_dateline_dates_are_valid_or_none(
    place: str, month: str, day: int, year: int | None, system: str, tail: str
) -> None:
    date = f"{month} {_digits(day, system)}" + ("" if year is None else f", {_digits(year, system)}")
    dl = parse_dateline(f"{place}, {date}{tail}")
    if dl is None or dl.date is None:
        return
    assert system == "ascii" and month != "Foo"
    md = dl.date
    if md.year is None:
        assert year is None
        dt.date(2024, md.month, md.day)  # a possible month/day (2024 is a leap year)
    else:
        assert md.year == year and md.iso() == dt.date(year, md.month, md.day).isoformat()
        assert md.day == day


@pytest.mark.timeout(120)
@settings(max_examples=300)
@given(st.text(max_size=300))
def test_dateline_parser_never_raises(text: str) -> None:
    parse_dateline(text)
    parse_date(text)
    full_dates(text)
    text_metadata(text)


@pytest.mark.timeout(120)
@settings(max_examples=200)
@given(
    st.lists(
        st.sampled_from(
            [
                "Kabul",
                ", ",
                "Sep",
                " ",
                "17",
                "(",
                ")",
                "Reuters",
                "—",
                ":",
                "2025",
                "99999",
                "٢٠٢٥",
                "Feb",
                "30",
                "|",
                "By ",
                "\n",
                "BEIRUT",
                "-",
                ".",
                "th",
                "D.C.",
                "of",
            ]
        ),
        max_size=25,
    ).map("".join)
)
def test_dateline_fragments_never_raise(text: str) -> None:
    dl = parse_dateline(text)
    if dl is not None and dl.date is not None and dl.date.year is not None:
        dt.date.fromisoformat(dl.date.iso() or "")
    text_metadata(text)
