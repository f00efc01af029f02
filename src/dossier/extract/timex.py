"""Time expression normalisation: the text of a DATE span to an ISO 8601 value with a granularity.

``normalize(text, published, reference)`` reads one time expression as spaCy's NER marks it ("February 5,
2025", "the late 1980s", "last Tuesday", "two days later") and returns a ``TimeValue``:

* ``value`` is ISO 8601: a day ``2025-02-05``, a month ``2025-02``, a year ``2025``, or an interval
  ``A/B`` (a week ``2025-02-03/2025-02-09``, a season ``2024-12/2025-02``, a decade ``1980/1989``, a range
  ``1998/2001``). Both ends of an interval are inclusive and written at the precision the text supports.
* ``granularity`` is the unit the text names: day, week, month, season, year, decade, century, or range
  (two explicit ends, or an interval that is none of the named units). A part-of qualifier ("late 1980s",
  "early March", "the first half of 2024") narrows the value but keeps the unit of what it qualifies.
* ``inferred`` is True when any part of the value came from an anchor rather than from the text, and
  ``anchor`` says which: ``"published"`` (the report's date: "yesterday", "Feb 5" with no year) or
  ``"reference"`` (the date of the event just mentioned: "two days later", "the same day"). Absolute
  expressions have ``anchor=None`` and ``inferred=False``.

Anything not understood, or that needs an anchor that was not given, is ``UNKNOWN`` (all fields empty).
The functions never raise on any text or any date between ``date.min`` and ``date.max``. See docs/time.md.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final, Literal

__all__ = [
    "GRANULARITIES",
    "PUBLISHED",
    "REFERENCE",
    "UNKNOWN",
    "TimeValue",
    "bounds",
    "is_reference_relative",
    "normalize",
]

GRANULARITIES: Final[tuple[str, ...]] = (
    "day",
    "week",
    "month",
    "season",
    "year",
    "decade",
    "century",
    "range",
)
PUBLISHED: Final = "published"
REFERENCE: Final = "reference"


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A normalised time expression. See the module docstring for the meaning of each field."""

    value: str | None
    granularity: str | None
    inferred: bool
    anchor: str | None


UNKNOWN: Final = TimeValue(None, None, False, None)

# Longer than any real DATE span; bounds the work done on hostile input.
_MAX_CHARS: Final = 120
# "Feb 5" with no year is the latest such date that is not later than published + this many days.
_YEAR_LOOKAHEAD: Final = dt.timedelta(days=7)

_Prec = Literal["day", "month", "year"]


# --------------------------------------------------------------------------------------------- intervals


@dataclass(frozen=True, slots=True)
class _Iv:
    """An interval of whole units: ``lo`` is the first day; ``hi`` is the first day of the last unit."""

    lo: dt.date
    hi: dt.date
    lo_prec: _Prec
    hi_prec: _Prec
    granularity: str
    anchor: str | None = None

    @property
    def last(self) -> dt.date:
        return _unit_end(self.hi, self.hi_prec)

    def value(self) -> str:
        a, b = _fmt(self.lo, self.lo_prec), _fmt(self.hi, self.hi_prec)
        return a if a == b else f"{a}/{b}"


def _fmt(d: dt.date, prec: _Prec) -> str:
    if prec == "day":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if prec == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _unit_end(d: dt.date, prec: _Prec) -> dt.date:
    if prec == "day":
        return d
    if prec == "month":
        return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return dt.date(d.year, 12, 31)


def _day(d: dt.date, anchor: str | None = None) -> _Iv:
    return _Iv(d, d, "day", "day", "day", anchor)


def _days(a: dt.date, b: dt.date, granularity: str, anchor: str | None = None) -> _Iv:
    return _Iv(a, b, "day", "day", granularity, anchor)


def _month(y: int, m: int, anchor: str | None = None) -> _Iv:
    d = dt.date(y, m, 1)
    return _Iv(d, d, "month", "month", "month", anchor)


def _months(y1: int, m1: int, y2: int, m2: int, granularity: str, anchor: str | None = None) -> _Iv:
    return _Iv(dt.date(y1, m1, 1), dt.date(y2, m2, 1), "month", "month", granularity, anchor)


def _year(y: int, anchor: str | None = None) -> _Iv:
    d = dt.date(y, 1, 1)
    return _Iv(d, d, "year", "year", "year", anchor)


def _years(y1: int, y2: int, granularity: str, anchor: str | None = None) -> _Iv:
    return _Iv(dt.date(max(y1, 1), 1, 1), dt.date(y2, 1, 1), "year", "year", granularity, anchor)


def _week(d: dt.date, anchor: str | None = None) -> _Iv:
    monday = d - dt.timedelta(days=d.weekday())
    return _days(monday, monday + dt.timedelta(days=6), "week", anchor)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _trunc(d: dt.date, prec: _Prec) -> dt.date:
    if prec == "day":
        return d
    return dt.date(d.year, d.month, 1) if prec == "month" else dt.date(d.year, 1, 1)


def _shift(base: dt.date, unit: str, delta: int, anchor: str) -> _Iv:
    """The unit (day, week, month, year, decade) ``delta`` units away from the one that holds ``base``."""
    if unit == "day":
        return _day(base + dt.timedelta(days=delta), anchor)
    if unit == "week":
        return _week(base + dt.timedelta(days=7 * delta), anchor)
    if unit == "month":
        return _month(*_add_months(base.year, base.month, delta), anchor)
    if unit == "year":
        return _year(base.year + delta, anchor)
    start = base.year // 10 * 10 + 10 * delta
    return _years(start, start + 9, "decade", anchor)


def _unit_key(d: dt.date, unit: str) -> tuple[int, int, int]:
    if unit == "day":
        return (d.year, d.month, d.day)
    if unit == "week":
        monday = d.toordinal() - d.weekday()
        return (monday, 0, 0)
    if unit == "month":
        return (d.year, d.month, 0)
    if unit == "year":
        return (d.year, 0, 0)
    return (d.year // 10, 0, 0)


# Parts of a unit, as inclusive offsets: months of a year, days of a month (negative: from the end), years
# of a decade or century. A part the unit has no entry for leaves the value as it is.
_YEAR_PARTS: Final[dict[str, tuple[int, int]]] = {
    "early": (1, 4), "mid": (5, 8), "late": (9, 12), "start": (1, 2), "end": (11, 12),
    "h1": (1, 6), "h2": (7, 12), "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12),
}  # fmt: skip
_MONTH_PARTS: Final[dict[str, tuple[int, int]]] = {
    "early": (1, 10), "mid": (11, 20), "late": (21, -1), "start": (1, 7), "end": (-7, -1),
    "h1": (1, 15), "h2": (16, -1),
}  # fmt: skip
_DECADE_PARTS: Final[dict[str, tuple[int, int]]] = {
    "early": (0, 4), "mid": (3, 7), "late": (5, 9), "start": (0, 2), "end": (7, 9),
    "h1": (0, 4), "h2": (5, 9),
}  # fmt: skip
_CENTURY_PARTS: Final[dict[str, tuple[int, int]]] = {
    "early": (0, 33), "mid": (33, 66), "late": (66, 99), "start": (0, 15), "end": (85, 99),
    "h1": (0, 49), "h2": (50, 99), "q1": (0, 24), "q2": (25, 49), "q3": (50, 74), "q4": (75, 99),
}  # fmt: skip


def _apply_part(iv: _Iv, part: str | None) -> _Iv:
    if part is None:
        return iv
    g = iv.granularity
    if g == "year" and part in _YEAR_PARTS and iv.lo == iv.hi:
        a, b = _YEAR_PARTS[part]
        return _months(iv.lo.year, a, iv.lo.year, b, "year", iv.anchor)
    if g == "month" and part in _MONTH_PARTS and iv.lo == iv.hi:
        n = calendar.monthrange(iv.lo.year, iv.lo.month)[1]
        a, b = (n + 1 + x if x < 0 else x for x in _MONTH_PARTS[part])
        return _days(iv.lo.replace(day=a), iv.lo.replace(day=b), "month", iv.anchor)
    table = _DECADE_PARTS if g == "decade" else _CENTURY_PARTS if g == "century" else None
    if table is not None and part in table:
        a, b = table[part]
        first = iv.lo.year // 10 * 10 if g == "decade" else iv.lo.year // 100 * 100
        return _years(first + a, first + b, g, iv.anchor)
    return iv


# --------------------------------------------------------------------------------------------- vocabulary


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that a prefix never wins over the whole word."""
    return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


_MONTHS: Final[dict[str, int]] = {
    name: i for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}  # fmt: skip
_MON: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAYS: Final[dict[str, int]] = {"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}
_WD: Final = (
    r"(?:monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri|saturday|sat"
    r"|sunday|sun)\.?"
)

_ONES: Final = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS: Final = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                 "eighteen", "nineteen")  # fmt: skip
_TENS: Final = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORD_ONES: Final = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_ORD_TEENS: Final = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                     "seventeenth", "eighteenth", "nineteenth")  # fmt: skip


def _number_words() -> dict[str, int]:
    words = {"a": 1, "an": 1}
    words.update({w: i for i, w in enumerate(_ONES, start=1)})
    words.update({w: i for i, w in enumerate(_TEENS, start=10)})
    for t, tens in enumerate(_TENS, start=2):
        words[tens] = t * 10
        words.update({f"{tens}-{w}": t * 10 + i for i, w in enumerate(_ONES, start=1)})
    return words


def _ordinal_words() -> dict[str, int]:
    words = {w: i for i, w in enumerate(_ORD_ONES, start=1)}
    words.update({w: i for i, w in enumerate(_ORD_TEENS, start=10)})
    words.update({"twentieth": 20, "thirtieth": 30})
    words.update({f"twenty-{w}": 20 + i for i, w in enumerate(_ORD_ONES, start=1)})
    words["thirty-first"] = 31
    return words


_NUMBER_WORDS: Final = _number_words()
_ORDINAL_WORDS: Final = _ordinal_words()
_NUM: Final = rf"(?:\d{{1,4}}|{_alt(_NUMBER_WORDS)})"
_DAY: Final = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{_alt(_ORDINAL_WORDS)})"
# "the twenties" .. "the nineties" -> the tens digit
_DECADE_WORDS: Final[dict[str, int]] = {tens[:-1] + "ies": t for t, tens in enumerate(_TENS, start=2)}

_SEASONS: Final[dict[str, int]] = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# Fixed-date holidays only; lunar and computed ones (Ramadan, Eid, Easter, Diwali) are not resolved.
_HOLIDAYS: Final[dict[str, tuple[int, int]]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14), "halloween": (10, 31),
    "may day": (5, 1),
}  # fmt: skip

# Units a relative phrase counts in, and what they resolve to.
_DAY_WORDS: Final = ("day", "morning", "afternoon", "evening", "night")
_UNIT: Final = rf"(?:{_alt(_DAY_WORDS)}|week|month|year|decade)"


def _unit_of(word: str) -> str:
    return "day" if word in _DAY_WORDS else word


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _day_number(word: str) -> int | None:
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    digits = word.rstrip("stndrh")
    n = int(digits) if digits.isdigit() else 0
    return n if 1 <= n <= 31 else None


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


# --------------------------------------------------------------------------------------------- cleaning

_TRANSLATE: Final = str.maketrans(
    {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
    | {c: "'" for c in "\u2018\u2019\u02bc\u00b4`"}
)
_PREPOSITION_RE: Final = _re(
    rf"(?:on|at|during|of|for|over|throughout|around|about|circa|c\.|approximately|roughly|sometime in"
    rf"|some time in|(?:the )?(?:night|morning|afternoon|evening) of"
    rf"|in(?!\s+{_NUM}\s+(?:hour|day|week|month|year)s?\b))\s+(?P<rest>.+)"
)
# Ages ("his sixties", "the age of 54") and recurrences ("every summer", "annual") are not dates.
_NOT_A_DATE_RE: Final = _re(
    r"\b(?:his|her|their|its|my|your|our|aged?|every|each|annual|annually|daily|weekly|monthly|yearly"
    r"|quarterly|biannual|biennial|per)\b"
)
# A small NER model sometimes glues a word or two onto a DATE span ("an agreement two days later"). When the
# whole span does not parse, up to this many leading words are dropped, unless one changes the meaning.
_MAX_NOISE_WORDS: Final = 2
_NOISE_WORD_RE: Final = _re(r"[a-z]+")
_MEANINGFUL_WORDS: Final = frozenset(
    {"until", "till", "before", "after", "by", "within", "since", "from", "between", "not", "no", "than",
     "except", "last", "next", "this", "that", "same", "early", "late", "mid", "end", "start", "past"}
)  # fmt: skip


def _clean(text: str) -> str:
    s = re.sub(r"\s+", " ", text.translate(_TRANSLATE).lower())
    s = re.sub(r" ?- ?", "-", s).strip(" ,;:.!?\"'()[]{}")
    s = re.sub(r"(?:,| and| or)$", "", s).strip()
    s = re.sub(r"(?:(?<=[a-z])|(?<=[1-9]))'s$", "", s)
    while (m := _PREPOSITION_RE.fullmatch(s)) is not None:
        s = m["rest"]
    return s


_PART_RE: Final = _re(
    r"(?P<p>(?:the )?(?:beginning|start|end|middle) of|(?:the )?(?:first|second|latter|last) half of"
    r"|(?:the )?(?:first|second|third|fourth|final|last) quarter of|(?:the )?(?:early|mid|late)|q[1-4]|h[12]"
    r"|end|start)"
    r"(?: |-)(?P<rest>.+)"
)


def _split_part(s: str) -> tuple[str | None, str]:
    m = _PART_RE.fullmatch(s)
    if m is None:
        return None, s
    p = m["p"].removeprefix("the ").removesuffix(" of")
    if p.endswith("half"):
        p = "h1" if p.startswith("first") else "h2"
    elif p.endswith("quarter"):
        p = "q" + str({"first": 1, "second": 2, "third": 3}.get(p.split()[0], 4))
    else:
        p = {"beginning": "start", "middle": "mid"}.get(p, p)
    return p, m["rest"]


# --------------------------------------------------------------------------------------------- reference

# Phrases resolved against the event just mentioned; each yields (unit, delta).
_REF_SAME_RE: Final = _re(
    rf"(?:(?:earlier|later) )?(?:that|the same|that same|the very same) (?P<u>{_UNIT})"
    rf"|later in the (?P<u2>day|week|month|year)"
)
_REF_NEXT_RE: Final = _re(
    rf"the (?:next|following|subsequent) (?P<u>{_UNIT})|the (?P<u2>{_UNIT}) after(?:wards?)?"
)
_REF_PREV_RE: Final = _re(
    rf"the (?:previous|prior|preceding) (?P<u>{_UNIT})|the (?P<u2>{_UNIT}) (?:before|prior)"
)
_REF_N_RE: Final = _re(
    rf"(?P<n>{_NUM}) (?P<u>{_UNIT})s? (?P<dir>later|after|afterwards?|on|earlier|before|prior|previously"
    rf"|beforehand)"
)
_REF_HOURS_RE: Final = _re(
    rf"(?:(?P<n>{_NUM}) )?(?:hours?|minutes?|moments) (?P<dir>later|after|afterwards?|earlier|before|prior)"
)
_BACKWARD: Final = frozenset({"earlier", "before", "prior", "previously", "beforehand"})


def _reference_rule(s: str) -> tuple[str, int] | None:
    """(unit, delta) when ``s`` is resolved against the event just mentioned, else None."""
    if (m := _REF_SAME_RE.fullmatch(s)) is not None:
        return _unit_of(m["u"] or m["u2"]), 0
    if (m := _REF_NEXT_RE.fullmatch(s)) is not None:
        return _unit_of(m["u"] or m["u2"]), 1
    if (m := _REF_PREV_RE.fullmatch(s)) is not None:
        return _unit_of(m["u"] or m["u2"]), -1
    if (m := _REF_N_RE.fullmatch(s)) is not None:
        n = _number(m["n"])
        if n is None:
            return None
        sign = -1 if m["dir"] in _BACKWARD else 1
        unit = _unit_of(m["u"])
        return ("year", sign * 10 * n) if unit == "decade" else (unit, sign * n)
    if (m := _REF_HOURS_RE.fullmatch(s)) is not None:
        n = _number(m["n"]) if m["n"] else 0
        if n is None:
            return None
        return "day", (-1 if m["dir"] in _BACKWARD else 1) * (n // 24)
    return None


def _from_value(tv: TimeValue) -> _Iv | None:
    """The interval a TimeValue's ``value`` denotes; None when it is empty or not an ISO value we write."""
    if tv.value is None:
        return None
    ends = tv.value.split("/")
    if len(ends) > 2:
        return None
    lo, hi = _parse_iso(ends[0]), _parse_iso(ends[-1])
    if lo is None or hi is None or lo[0] > _unit_end(*hi):
        return None
    granularity = tv.granularity if tv.granularity in GRANULARITIES else None
    if granularity is None:
        granularity = "range" if len(ends) == 2 else lo[1]
    return _Iv(lo[0], hi[0], lo[1], hi[1], granularity, tv.anchor)


_ISO_RE: Final = _re(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")


def _parse_iso(s: str) -> tuple[dt.date, _Prec] | None:
    m = _ISO_RE.fullmatch(s)
    if m is None:
        return None
    try:
        if m["d"] is not None:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"])), "day"
        if m["m"] is not None:
            return dt.date(int(m["y"]), int(m["m"]), 1), "month"
        return dt.date(int(m["y"]), 1, 1), "year"
    except ValueError:
        return None


def _resolve_reference(rule: tuple[str, int], ref: TimeValue | None) -> _Iv | None:
    iv = _from_value(ref) if ref is not None else None
    if iv is None:
        return None
    unit, delta = rule
    if _unit_key(iv.lo, unit) != _unit_key(iv.last, unit):
        # The reference is coarser than the unit: "the same day" as an event known to the month is that
        # month; "two days later" than it is unknown.
        return replace(iv, anchor=REFERENCE) if delta == 0 else None
    return _shift(iv.lo, unit, delta, REFERENCE)


# --------------------------------------------------------------------------------------------- published

_TODAY_RE: Final = _re(r"today|tonight|this (?:morning|afternoon|evening)|(?:earlier|later) today")
_YESTERDAY_RE: Final = _re(r"yesterday(?: (?:morning|afternoon|evening|night))?|last night")
_TOMORROW_RE: Final = _re(r"tomorrow(?: (?:morning|afternoon|evening|night))?")
_AGO_RE: Final = _re(rf"(?P<n>{_NUM}) (?P<u>day|week|month|year|decade)s? ago")
_FUTURE_RE: Final = _re(
    rf"in (?P<n>{_NUM}) (?P<u>day|week|month|year)s?(?: time)?|(?P<n2>{_NUM}) (?P<u2>day|week|month|year)s?"
    r" from (?:now|today)"
)
_THIS_RE: Final = _re(
    r"(?:(?:earlier|later) )?(?P<rel>last|this|next|this coming|coming|the current|current)"
    r" (?P<u>week|month|year)"
)
_PAST_RE: Final = _re(rf"(?:the )?(?:past|last) (?:(?P<n>{_NUM}) )?(?P<u>hour|day|week|month|year|decade)s?")
_WEEKDAY_RE: Final = _re(
    rf"(?:(?P<rel>this past|this coming|last|past|this|next|coming) )?(?P<wd>{_WD})"
    r"(?: (?:morning|afternoon|evening|night|overnight))?(?: (?:of )?(?P<wk>last|this|next) week)?"
)
_WEEKEND_RE: Final = _re(r"(?:(?P<rel>this past|last|past|this|next|the) )?weekend")
_REL_DELTA: Final[dict[str, int]] = {
    "last": -1, "past": -1, "this past": -1, "this": 0, "current": 0, "the current": 0,
    "next": 1, "coming": 1, "this coming": 1,
}  # fmt: skip


def _published_relative(s: str, pub: dt.date) -> _Iv | None:
    """Deictic expressions: resolved against the report's publication date."""
    if _TODAY_RE.fullmatch(s):
        return _day(pub, PUBLISHED)
    if _YESTERDAY_RE.fullmatch(s):
        return _shift(pub, "day", -1, PUBLISHED)
    if s == "the day before yesterday":
        return _shift(pub, "day", -2, PUBLISHED)
    if _TOMORROW_RE.fullmatch(s):
        return _shift(pub, "day", 1, PUBLISHED)
    if s == "the day after tomorrow":
        return _shift(pub, "day", 2, PUBLISHED)
    if (m := _AGO_RE.fullmatch(s)) is not None and (n := _number(m["n"])) is not None:
        unit, n = ("year", 10 * n) if m["u"] == "decade" else (m["u"], n)
        return _shift(pub, unit, -n, PUBLISHED)
    if (m := _FUTURE_RE.fullmatch(s)) is not None and (n := _number(m["n"] or m["n2"])) is not None:
        return _shift(pub, m["u"] or m["u2"], n, PUBLISHED)
    if (m := _THIS_RE.fullmatch(s)) is not None:
        return _shift(pub, m["u"], _REL_DELTA[m["rel"]], PUBLISHED)
    if (m := _PAST_RE.fullmatch(s)) is not None:
        n = _number(m["n"]) if m["n"] else 1
        return None if n is None else _since(_back(pub, m["u"], n), pub)
    if (m := _WEEKDAY_RE.fullmatch(s)) is not None:
        return _day(_weekday(pub, _WEEKDAYS[m["wd"][:2]], m["rel"], m["wk"]), PUBLISHED)
    if (m := _WEEKEND_RE.fullmatch(s)) is not None:
        return _weekend(pub, m["rel"])
    return None


def _back(pub: dt.date, unit: str, n: int) -> dt.date:
    """The day ``n`` units before ``pub`` (the start of "the past n units")."""
    if unit == "hour":
        return pub - dt.timedelta(days=-(-n // 24))
    if unit in ("day", "week"):
        return pub - dt.timedelta(days=n * (7 if unit == "week" else 1))
    months = n * {"month": 1, "year": 12, "decade": 120}[unit]
    y, m = _add_months(pub.year, pub.month, -months)
    return dt.date(y, m, min(pub.day, calendar.monthrange(y, m)[1]))


def _since(start: dt.date, pub: dt.date) -> _Iv | None:
    return _days(start, pub, "range", PUBLISHED) if start <= pub else None


def _weekday(pub: dt.date, wd: int, rel: str | None, week: str | None) -> dt.date:
    """News convention: a bare weekday is the most recent one on or before the publication date."""
    if week is not None:
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=7 * _REL_DELTA[week])
        return monday + dt.timedelta(days=wd)
    back = (pub.weekday() - wd) % 7
    delta = _REL_DELTA.get(rel or "this", 0)
    if delta < 0:
        return pub - dt.timedelta(days=back or 7)
    if delta > 0:
        return pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
    return pub - dt.timedelta(days=back)


def _weekend(pub: dt.date, rel: str | None) -> _Iv:
    begun = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)  # the latest Saturday on or before pub
    if rel in ("this", "next"):
        saturday = begun if pub.weekday() >= 5 else begun + dt.timedelta(days=7)
        saturday += dt.timedelta(days=7 if rel == "next" else 0)
    elif rel in ("last", "past", "this past"):
        # the most recent weekend that is over
        saturday = begun - dt.timedelta(days=7) if pub.weekday() >= 5 else begun
    else:
        # "the weekend" in past-tense reporting: the most recent one that has begun
        saturday = begun
    return _days(saturday, saturday + dt.timedelta(days=1), "range", PUBLISHED)


# --------------------------------------------------------------------------------------------- calendar


@dataclass(frozen=True, slots=True)
class _Cal:
    """A calendar date as written, any field possibly missing (resolved later, or completed by a range)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None
    anchor: str | None = None


_WD_PREFIX_RE: Final = _re(rf"{_WD},? (?P<rest>.+)")
_YEAR_CONTEXT_RE: Final = _re(r"(?P<rest>.+?)(?:,? | of )(?P<rel>last|this|next) year")
_REL_MONTH_RE: Final = _re(rf"(?P<rel>this past|this coming|last|past|this|next|coming) (?P<mon>{_MON})")
_CAL_RES: Final = (
    _re(rf"(?P<mon>{_MON}) ?(?P<day>{_DAY})(?:(?:, ?| )(?P<year>\d{{4}}))?"),
    _re(rf"(?:the )?(?P<day>{_DAY})(?: of)? (?P<mon>{_MON})(?:,? (?P<year>\d{{4}}))?"),
    _re(rf"(?P<mon>{_MON})(?:,? | of )(?P<year>\d{{4}})"),
    _re(rf"(?P<mon>{_MON})"),
    _re(r"(?:the year )?(?P<year>\d{4})"),
    _re(rf"(?P<hol>{_alt(_HOLIDAYS)})(?:,? (?:of )?(?P<year>\d{{4}}))?"),
)
_DAY_ONLY_RE: Final = _re(rf"(?:the )?(?P<day>{_DAY})(?:(?:, ?| )(?P<year>\d{{4}}))?")


def _calendar(s: str, pub: dt.date | None) -> _Cal | None:
    year: int | None = None
    anchor: str | None = None
    if (m := _YEAR_CONTEXT_RE.fullmatch(s)) is not None:
        if pub is None:
            return None
        s, year, anchor = m["rest"], pub.year + _REL_DELTA[m["rel"]], PUBLISHED
    if (m := _REL_MONTH_RE.fullmatch(s)) is not None and year is None:
        if pub is None:
            return None
        month, delta = _MONTHS[m["mon"][:3]], _REL_DELTA[m["rel"]]
        if delta < 0:
            year = pub.year if month < pub.month else pub.year - 1
        elif delta > 0:
            year = pub.year if month > pub.month else pub.year + 1
        else:
            year = pub.year
        return _Cal(year, month, None, None, PUBLISHED)
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
            return _Cal(year, *_HOLIDAYS[groups["hol"]], None, anchor)
        day: int | None = None
        if groups.get("day") is not None and (day := _day_number(groups["day"])) is None:
            return None
        mon = _MONTHS[groups["mon"][:3]] if groups.get("mon") is not None else None
        return _Cal(year, mon, day, None, anchor)
    return None


def _infer_year(month: int, day: int, pub: dt.date) -> int | None:
    """The year of the latest ``month``/``day`` that is not later than ``pub`` + 7 days."""
    limit = pub + _YEAR_LOOKAHEAD if pub <= dt.date.max - _YEAR_LOOKAHEAD else dt.date.max
    for year in range(limit.year, max(limit.year - 9, 0), -1):
        try:
            if dt.date(year, month, day) <= limit:
                return year
        except ValueError:  # 29 February in a common year
            continue
    return None


def _resolve(c: _Cal, pub: dt.date | None) -> _Iv | None:
    if c.month is None:
        if c.year is None or c.day is not None:
            return None
        return _apply_part(_year(c.year, c.anchor), c.part)
    year, anchor = c.year, c.anchor
    if year is None:
        if pub is None:
            return None
        year, anchor = _infer_year(c.month, c.day or 1, pub), PUBLISHED
        if year is None:
            return None
    if c.day is None:
        return _apply_part(_month(year, c.month, anchor), c.part)
    return _day(dt.date(year, c.month, c.day), anchor)


# --------------------------------------------------------------------------------------------- other forms

_ISO_DAY_RE: Final = _re(
    r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?:t[\d:.]+(?:z|[+-][\d:]+)?)?"
)
_NUMERIC_DAY_RE: Final = _re(r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})")
_YEAR_MONTH_RE: Final = _re(r"(?P<y>\d{4})-(?P<m>\d{2})")
_SPLIT_YEAR_RE: Final = _re(
    r"(?P<y>\d{4}) ?[-/] ?(?P<y2>\d{2}|\d{4})"
    r"(?: (?:season|fiscal year|financial year|academic year|school year))?"
)
_DECADE_RE: Final = _re(r"(?:the )?(?:(?P<y>\d{3}0)|'?(?P<d>\d)0)'?s")
_DECADE_WORD_RE: Final = _re(rf"(?:the )?(?P<w>{_alt(_DECADE_WORDS)})")
_CENTURY_RE: Final = _re(
    rf"(?:the )?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>{_alt(_ORDINAL_WORDS)})) century"
)
_SEASON_RE: Final = _re(
    rf"(?:(?P<rel>this past|this coming|last|past|this|next|coming) |the )?(?P<s>{_alt(_SEASONS)})"
    r"(?:(?: of)?,? (?P<y>\d{4})(?:[-/](?P<y2>\d{4}|\d{2}))?|(?: of)? (?P<rel2>last|this|next) year)?"
)


def _numeric(s: str) -> _Iv | None:
    if (m := _ISO_DAY_RE.fullmatch(s)) is not None:
        return _day(dt.date(int(m["y"]), int(m["m"]), int(m["d"])))
    if (m := _NUMERIC_DAY_RE.fullmatch(s)) is not None:
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if m["sep"] == "." or a > 12 or a == b:
            return _day(dt.date(y, b, a))  # day first: dotted dates, or the first number is not a month
        if b > 12:
            return _day(dt.date(y, a, b))
        return None  # 05/02/2025: day-first or month-first cannot be told apart
    if (m := _SPLIT_YEAR_RE.fullmatch(s)) is not None:
        y, y2 = int(m["y"]), m["y2"]
        end = int(y2) if len(y2) == 4 else (y + 1 if int(y2) == (y + 1) % 100 else None)
        if end is not None and end > y:
            return _years(y, end, "range")
    if (m := _YEAR_MONTH_RE.fullmatch(s)) is not None:
        return _month(int(m["y"]), int(m["m"]))
    return None


def _decade(s: str, pub: dt.date | None) -> _Iv | None:
    m = _DECADE_RE.fullmatch(s)
    digit: int | None = None
    if m is not None and m["y"] is not None:
        y = int(m["y"])
        if y % 100 == 0 and y < 2000:  # "the 1800s", "the 1900s": the century
            return _years(y, y + 99, "century")
        return _years(y, y + 9, "decade")
    if m is not None:
        digit = int(m["d"])
    elif (w := _DECADE_WORD_RE.fullmatch(s)) is not None:
        digit = _DECADE_WORDS[w["w"]]
    if digit is None or pub is None:
        return None
    # "the '90s": the latest such decade that has begun by the publication date
    start = pub.year // 100 * 100 + digit * 10
    start = start if start <= pub.year else start - 100
    return _years(start, start + 9, "decade", PUBLISHED) if start >= 1 else None


def _century(s: str) -> _Iv | None:
    if (m := _CENTURY_RE.fullmatch(s)) is None:
        return None
    n = int(m["n"]) if m["n"] is not None else _ORDINAL_WORDS[m["w"]]
    if n < 1:
        return None
    # "the 19th century" is 1800-1899, as news and most readers use it (not the strict 1801-1900)
    return _years((n - 1) * 100, (n - 1) * 100 + 99, "century")


def _season_iv(first_month: int, year: int, anchor: str | None) -> _Iv:
    y2, m2 = _add_months(year, first_month, 2)
    return _months(year, first_month, y2, m2, "season", anchor)


def _season(s: str, pub: dt.date | None) -> _Iv | None:
    """Northern-hemisphere meteorological seasons; "winter 2024" is the one that begins in December 2024."""
    if (m := _SEASON_RE.fullmatch(s)) is None:
        return None
    first = _SEASONS[m["s"]]
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
        return _season_iv(first, this + _REL_DELTA[rel], PUBLISHED)
    # no year: the latest such season that begins by published + 7 days (past-tense reporting)
    limit = pub + _YEAR_LOOKAHEAD if pub <= dt.date.max - _YEAR_LOOKAHEAD else dt.date.max
    year = limit.year if dt.date(limit.year, first, 1) <= limit else limit.year - 1
    return _season_iv(first, year, PUBLISHED)


# --------------------------------------------------------------------------------------------- points, ranges

_Point = _Iv | _Cal


def _point(s: str, pub: dt.date | None) -> _Point | None:
    """One time point or named period; a ``_Cal`` is returned unresolved so that a range can complete it."""
    part, core = _split_part(s)
    found: _Point | None = _numeric(core)
    if found is None and pub is not None:
        found = _published_relative(core, pub)
    for parse in (_decade, _season):
        found = found if found is not None else parse(core, pub)
    found = found if found is not None else _century(core)
    found = found if found is not None else _calendar(core, pub)
    if isinstance(found, _Cal):
        return replace(found, part=part)
    return None if found is None else _apply_part(found, part)


def _side(s: str, pub: dt.date | None) -> _Point | None:
    """One end of a range: any point, or a bare day ("5" in "5-7 February 2025")."""
    found = _point(s, pub)
    if found is None and (m := _DAY_ONLY_RE.fullmatch(s)) is not None:
        day = _day_number(m["day"])
        found = None if day is None else _Cal(int(m["year"]) if m["year"] else None, None, day)
    return found


def _pair(a: _Point, b: _Point, pub: dt.date | None) -> _Iv | None:
    if isinstance(a, _Cal) and isinstance(b, _Cal):
        if a.month is None and a.day is not None:
            a = replace(a, month=b.month)
        if b.month is None and b.day is not None:
            b = replace(b, month=a.month)
        if a.year is None and b.year is None and b.month is not None and pub is not None:
            year = _infer_year(b.month, b.day or 1, pub)
            b = replace(b, year=year, anchor=PUBLISHED)
        if a.year is None and b.year is not None:
            a = replace(a, year=b.year, anchor=b.anchor)
            if (a.month or 1, a.day or 1) > (b.month or 12, b.day or 31):  # "December 20 to January 5, 2025"
                a = replace(a, year=b.year - 1)
        elif b.year is None and a.year is not None:
            b = replace(b, year=a.year, anchor=a.anchor)
            if (a.month or 1, a.day or 1) > (b.month or 12, b.day or 31):
                b = replace(b, year=a.year + 1)
    lo = _resolve(a, pub) if isinstance(a, _Cal) else a
    hi = _resolve(b, pub) if isinstance(b, _Cal) else b
    if lo is None or hi is None or lo.lo > hi.lo:
        return None
    return _Iv(lo.lo, hi.hi, lo.lo_prec, hi.hi_prec, "range", lo.anchor or hi.anchor)


_RANGE_INTRO_RE: Final = _re(r"(?P<intro>between|from) (?P<rest>.+)")
_CONNECTOR_RE: Final = _re(r"-| ?/ ?| (?:to|until|till|through|thru|and) ")
_SINCE_RE: Final = _re(r"(?:ever )?since (?P<rest>.+)")


def _range(s: str, pub: dt.date | None) -> _Iv | None:
    intro = _RANGE_INTRO_RE.fullmatch(s)
    body = intro["rest"] if intro is not None else s
    for m in _CONNECTOR_RE.finditer(body):
        if intro is not None and intro["intro"] == "between" and m[0] != " and ":
            continue
        a = _side(body[: m.start()], pub)
        b = _side(body[m.end() :], pub) if a is not None else None
        if a is not None and b is not None and (iv := _pair(a, b, pub)) is not None:
            return iv
    if intro is not None and intro["intro"] == "from":  # "from 2019" alone: the start
        found = _point(body, pub)
        return _resolve(found, pub) if isinstance(found, _Cal) else found
    return None


def _parse(text: str, pub: dt.date | None, ref: TimeValue | None) -> _Iv | None:
    s = _clean(text)
    if not s or len(s) > _MAX_CHARS or _NOT_A_DATE_RE.search(s):
        return None
    found = _parse_clean(s, pub, ref)
    words = s.split(" ")
    for n in range(1, min(_MAX_NOISE_WORDS, len(words) - 1) + 1):
        if found is not None or not _is_noise(words[n - 1]):
            break
        found = _parse_clean(_clean(" ".join(words[n:])), pub, ref)
    return found


def _is_noise(word: str) -> bool:
    return (
        _NOISE_WORD_RE.fullmatch(word) is not None
        and word not in _MEANINGFUL_WORDS
        and word[:3] not in _MONTHS
        and (word not in _NUMBER_WORDS or word in ("a", "an"))
        and word not in _ORDINAL_WORDS
        and _WEEKDAY_RE.fullmatch(word) is None
        and word not in _SEASONS
    )


def _parse_clean(s: str, pub: dt.date | None, ref: TimeValue | None) -> _Iv | None:
    part, core = _split_part(s)
    if (rule := _reference_rule(core)) is not None:
        iv = _resolve_reference(rule, ref)
        return None if iv is None else _apply_part(iv, part)
    if (m := _SINCE_RE.fullmatch(s)) is not None:
        start = _point(m["rest"], pub)
        start = _resolve(start, pub) if isinstance(start, _Cal) else start
        if start is None or pub is None or start.lo > pub:
            return None
        return _Iv(start.lo, _trunc(pub, start.hi_prec), start.lo_prec, start.hi_prec, "range", PUBLISHED)
    found = _point(s, pub)
    if isinstance(found, _Cal):
        return _resolve(found, pub)
    return found if found is not None else _range(s, pub)


# --------------------------------------------------------------------------------------------- public API


def normalize(text: str, published: dt.date | None, reference: TimeValue | None = None) -> TimeValue:
    """Normalise one time expression.

    ``published`` anchors deictic expressions ("yesterday", "last week", "Tuesday", "Feb 5" without a year);
    ``reference`` is the value of the event just mentioned and anchors anaphoric ones ("two days later",
    "the same day"). An expression that needs an anchor that is None normalises to ``UNKNOWN``.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    try:
        iv = _parse(text, published, reference)
    except (ValueError, OverflowError):  # a date outside 1..9999, or a day its month does not have
        return UNKNOWN
    if iv is None:
        return UNKNOWN
    return TimeValue(iv.value(), iv.granularity, iv.anchor is not None, iv.anchor)


def is_reference_relative(text: str) -> bool:
    """True when ``text`` is resolved against the event just mentioned ("two days later", "the same day")."""
    s = _clean(text)
    if len(s) > _MAX_CHARS or _NOT_A_DATE_RE.search(s):
        return False
    words = s.split(" ")
    for n in range(min(_MAX_NOISE_WORDS, len(words) - 1) + 1):
        if n and not _is_noise(words[n - 1]):
            break
        if _reference_rule(_split_part(_clean(" ".join(words[n:])))[1]) is not None:
            return True
    return False


def bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of an ISO value as ``normalize`` writes it ("2025-02", "1980/1989"), else None."""
    iv = _from_value(TimeValue(value, None, False, None))
    return None if iv is None else (iv.lo, iv.last)
