"""Time expressions read off the calendar: dates as written ("February 5, 2025", "5 Feb", "the 5th of
February", "2025-02-05", "05.02.2025"), months, years, split years ("2024-25"), seasons, decades ("the
1980s", "the '90s"), centuries and fixed-date holidays.

A date written without its year ("Feb 5", "last March") or a decade without its century ("the '90s") is
completed from the publication date.
``parse_calendar`` keeps a date's fields as written, in a ``CalendarDate``, so that one end of a range can
complete the other ("5-7 February 2025", "December 20 to January 5, 2025") before ``resolve_calendar``
turns it into an interval.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from dossier.extract.time.values import (
    PUBLISHED,
    Interval,
    add_months,
    apply_part,
    day_iv,
    month_iv,
    months_iv,
    year_iv,
    years_iv,
)
from dossier.extract.time.words import (
    DAY,
    DECADE_WORDS,
    HOLIDAYS,
    MON,
    MONTHS,
    ORDINAL_WORDS,
    REL_DELTA,
    SEASONS,
    WD,
    alternation,
    compile_re,
    day_number,
)

# "Feb 5" with no year is the latest such date that is not later than published + this many days.
_YEAR_LOOKAHEAD: Final = dt.timedelta(days=7)


# --------------------------------------------------------------------------------------------- calendar


@dataclass(frozen=True, slots=True)
class CalendarDate:
    """A calendar date as written, any field possibly missing (resolved later, or completed by a range)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None
    anchor: str | None = None


_WD_PREFIX_RE: Final = compile_re(rf"{WD},? (?P<rest>.+)")
_YEAR_CONTEXT_RE: Final = compile_re(r"(?P<rest>.+?)(?:,? | of )(?P<rel>last|this|next) year")
_REL_MONTH_RE: Final = compile_re(rf"(?P<rel>this past|this coming|last|past|this|next|coming) (?P<mon>{MON})")
_CAL_RES: Final = (
    compile_re(rf"(?P<mon>{MON}) ?(?P<day>{DAY})(?:(?:, ?| )(?P<year>\d{{4}}))?"),
    compile_re(rf"(?:the )?(?P<day>{DAY})(?: of)? (?P<mon>{MON})(?:,? (?P<year>\d{{4}}))?"),
    compile_re(rf"(?P<mon>{MON})(?:,? | of )(?P<year>\d{{4}})"),
    compile_re(rf"(?P<mon>{MON})"),
    compile_re(r"(?:the year )?(?P<year>\d{4})"),
    compile_re(rf"(?P<hol>{alternation(HOLIDAYS)})(?:,? (?:of )?(?P<year>\d{{4}}))?"),
)
DAY_ONLY_RE: Final = compile_re(rf"(?:the )?(?P<day>{DAY})(?:(?:, ?| )(?P<year>\d{{4}}))?")


def parse_calendar(s: str, pub: dt.date | None) -> CalendarDate | None:
    year: int | None = None
    anchor: str | None = None
    if (m := _YEAR_CONTEXT_RE.fullmatch(s)) is not None:
        if pub is None:
            return None
        s, year, anchor = m["rest"], pub.year + REL_DELTA[m["rel"]], PUBLISHED
    if (m := _REL_MONTH_RE.fullmatch(s)) is not None and year is None:
        if pub is None:
            return None
        month, delta = MONTHS[m["mon"][:3]], REL_DELTA[m["rel"]]
        if delta < 0:
            year = pub.year if month < pub.month else pub.year - 1
        elif delta > 0:
            year = pub.year if month > pub.month else pub.year + 1
        else:
            year = pub.year
        return CalendarDate(year, month, None, None, PUBLISHED)
    if (m := _WD_PREFIX_RE.fullmatch(s)) is not None:
        s = m["rest"]
    for pattern in _CAL_RES:
        if (m := pattern.fullmatch(s)) is None:
            continue
        groups = m.groupdict()
        if groups.get("year") is not None:
            if year is not None:
                return None  # "February 2024 last year"
            year = int(groups["year"])
        if groups.get("hol") is not None:
            return CalendarDate(year, *HOLIDAYS[groups["hol"]], None, anchor)
        day: int | None = None
        if groups.get("day") is not None and (day := day_number(groups["day"])) is None:
            return None
        mon = MONTHS[groups["mon"][:3]] if groups.get("mon") is not None else None
        return CalendarDate(year, mon, day, None, anchor)
    return None


def infer_year(month: int, day: int, pub: dt.date) -> int | None:
    """The year of the latest ``month``/``day`` that is not later than ``pub`` + 7 days."""
    limit = pub + _YEAR_LOOKAHEAD if pub <= dt.date.max - _YEAR_LOOKAHEAD else dt.date.max
    for year in range(limit.year, max(limit.year - 9, 0), -1):
        try:
            if dt.date(year, month, day) <= limit:
                return year
        except ValueError:  # 29 February in a common year
            continue
    return None


def resolve_calendar(c: CalendarDate, pub: dt.date | None) -> Interval | None:
    if c.month is None:
        if c.year is None or c.day is not None:
            return None
        return apply_part(year_iv(c.year, c.anchor), c.part)
    year, anchor = c.year, c.anchor
    if year is None:
        if pub is None:
            return None
        year, anchor = infer_year(c.month, c.day or 1, pub), PUBLISHED
        if year is None:
            return None
    if c.day is None:
        return apply_part(month_iv(year, c.month, anchor), c.part)
    return day_iv(dt.date(year, c.month, c.day), anchor)


# --------------------------------------------------------------------------------------------- other forms

_ISO_DAY_RE: Final = compile_re(
    r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?:t[\d:.]+(?:z|[+-][\d:]+)?)?"
)
_NUMERIC_DAY_RE: Final = compile_re(r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})")
_YEAR_MONTH_RE: Final = compile_re(r"(?P<y>\d{4})-(?P<m>\d{2})")
_SPLIT_YEAR_RE: Final = compile_re(
    r"(?P<y>\d{4}) ?[-/] ?(?P<y2>\d{2}|\d{4})"
    r"(?: (?:season|fiscal year|financial year|academic year|school year))?"
)
_DECADE_RE: Final = compile_re(r"(?:the )?(?:(?P<y>\d{3}0)|'?(?P<d>\d)0)'?s")
_DECADE_WORD_RE: Final = compile_re(rf"(?:the )?(?P<w>{alternation(DECADE_WORDS)})")
_CENTURY_RE: Final = compile_re(
    rf"(?:the )?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>{alternation(ORDINAL_WORDS)})) century"
)
_SEASON_RE: Final = compile_re(
    rf"(?:(?P<rel>this past|this coming|last|past|this|next|coming) |the )?(?P<s>{alternation(SEASONS)})"
    r"(?:(?: of)?,? (?P<y>\d{4})(?:[-/](?P<y2>\d{4}|\d{2}))?|(?: of)? (?P<rel2>last|this|next) year)?"
)


def numeric(s: str) -> Interval | None:
    if (m := _ISO_DAY_RE.fullmatch(s)) is not None:
        return day_iv(dt.date(int(m["y"]), int(m["m"]), int(m["d"])))
    if (m := _NUMERIC_DAY_RE.fullmatch(s)) is not None:
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if m["sep"] == "." or a > 12 or a == b:
            return day_iv(dt.date(y, b, a))  # day first: dotted dates, or the first number is not a month
        if b > 12:
            return day_iv(dt.date(y, a, b))
        return None  # 05/02/2025: day-first or month-first cannot be told apart
    if (m := _SPLIT_YEAR_RE.fullmatch(s)) is not None:
        y, y2 = int(m["y"]), m["y2"]
        end = int(y2) if len(y2) == 4 else (y + 1 if int(y2) == (y + 1) % 100 else None)
        if end is not None and end > y:
            return years_iv(y, end, "range")
    if (m := _YEAR_MONTH_RE.fullmatch(s)) is not None:
        return month_iv(int(m["y"]), int(m["m"]))
    return None


def decade(s: str, pub: dt.date | None) -> Interval | None:
    m = _DECADE_RE.fullmatch(s)
    digit: int | None = None
    if m is not None and m["y"] is not None:
        y = int(m["y"])
        if y % 100 == 0 and y < 2000:  # "the 1800s", "the 1900s": the century
            return years_iv(y, y + 99, "century")
        return years_iv(y, y + 9, "decade")
    if m is not None:
        digit = int(m["d"])
    elif (w := _DECADE_WORD_RE.fullmatch(s)) is not None:
        digit = DECADE_WORDS[w["w"]]
    if digit is None or pub is None:
        return None
    # "the '90s": the latest such decade that has begun by the publication date
    start = pub.year // 100 * 100 + digit * 10
    start = start if start <= pub.year else start - 100
    return years_iv(start, start + 9, "decade", PUBLISHED) if start >= 1 else None


def century(s: str) -> Interval | None:
    if (m := _CENTURY_RE.fullmatch(s)) is None:
        return None
    n = int(m["n"]) if m["n"] is not None else ORDINAL_WORDS[m["w"]]
    if n < 1:
        return None
    # "the 19th century" is 1800-1899, as news and most readers use it (not the strict 1801-1900)
    return years_iv((n - 1) * 100, (n - 1) * 100 + 99, "century")


def _season_iv(first_month: int, year: int, anchor: str | None) -> Interval:
    y2, m2 = add_months(year, first_month, 2)
    return months_iv(year, first_month, y2, m2, "season", anchor)


def season(s: str, pub: dt.date | None) -> Interval | None:
    """Northern-hemisphere meteorological seasons; "winter 2024" is the one that begins in December 2024."""
    if (m := _SEASON_RE.fullmatch(s)) is None:
        return None
    first = SEASONS[m["s"]]
    if m["y"] is not None:
        year = int(m["y"])
        if m["y2"] is not None:
            y2 = int(m["y2"])
            if first != 12 or (y2 != year + 1 and y2 != (year + 1) % 100):
                return None
        return _season_iv(first, year, None)
    if pub is None:
        return None
    rel = m["rel"] or m["rel2"]
    if rel is not None:
        this = pub.year - 1 if first == 12 and pub.month <= 2 else pub.year
        return _season_iv(first, this + REL_DELTA[rel], PUBLISHED)
    # no year: the latest such season that begins by published + 7 days (past-tense reporting)
    limit = pub + _YEAR_LOOKAHEAD if pub <= dt.date.max - _YEAR_LOOKAHEAD else dt.date.max
    year = limit.year if dt.date(limit.year, first, 1) <= limit else limit.year - 1
    return _season_iv(first, year, PUBLISHED)


# --------------------------------------------------------------------------------------------- quarters

QUARTER_ORDINALS: Final[dict[str, int]] = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4}


def quarter_of(word: str | None, pub: dt.date, direction: str | None) -> tuple[int, int] | None:
    """The year and number of a quarter named without its year: "the last quarter" is the one before the
    quarter ``pub`` is in, "this"/"the current quarter" that one, "next" the one after; an ordinal ("the
    third quarter") is this year's, unless it cannot have been reported yet (``direction`` "past": last
    year's) or is already over (``direction`` "future": next year's)."""
    current = (pub.month - 1) // 3 + 1
    if word in ("last", "previous", "past", "latest") or (word is None and direction == "past"):
        return (pub.year, current - 1) if current > 1 else (pub.year - 1, 4)
    if word in ("current", "this", "same") or word is None:
        return pub.year, current
    if word == "next":
        return (pub.year, current + 1) if current < 4 else (pub.year + 1, 1)
    if word in QUARTER_ORDINALS:
        q = QUARTER_ORDINALS[word]
        if direction == "past" and q >= current:
            return pub.year - 1, q
        if direction == "future" and q < current:
            return pub.year + 1, q
        return pub.year, q
    return None
