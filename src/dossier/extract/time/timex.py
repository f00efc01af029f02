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

This module cleans the text and combines the parsers into points, ranges and the public functions. The
parsers live beside it: ``time.calendar`` (dates, months, years, seasons, decades, centuries, holidays),
``time.relative`` (expressions resolved against the publication date or the event just mentioned), on
top of ``time.values`` (``TimeValue`` and the interval arithmetic) and ``time.words`` (the vocabulary).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Final

from dossier.extract.time.calendar import (
    DAY_ONLY_RE,
    CalendarDate,
    century,
    decade,
    infer_year,
    numeric,
    parse_calendar,
    quarter_of,
    resolve_calendar,
    season,
)
from dossier.extract.time.relative import WEEKDAY_RE, published_relative, reference_rule, resolve_reference
from dossier.extract.time.values import (
    GRANULARITIES,
    PUBLISHED,
    REFERENCE,
    UNKNOWN,
    Interval,
    TimeValue,
    apply_part,
    months_iv,
    trunc,
)
from dossier.extract.time.words import MONTHS, NUM, NUMBER_WORDS, ORDINAL_WORDS, SEASONS, compile_re, day_number

__all__ = [
    "GRANULARITIES",
    "PUBLISHED",
    "REFERENCE",
    "UNKNOWN",
    "TimeValue",
    "is_reference_relative",
    "normalize",
]


# Longer than any real DATE span; bounds the work done on hostile input.
_MAX_CHARS: Final = 120


# --------------------------------------------------------------------------------------------- cleaning

_TRANSLATE: Final = str.maketrans(
    {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
    | {c: "'" for c in "\u2018\u2019\u02bc\u00b4`"}
)
_PREPOSITION_RE: Final = compile_re(
    rf"(?:on|at|during|of|for|over|throughout|around|about|circa|c\.|approximately|roughly|sometime in"
    rf"|some time in|(?:the )?(?:night|morning|afternoon|evening) of"
    rf"|in(?!\s+{NUM}\s+(?:hour|day|week|month|year)s?\b))\s+(?P<rest>.+)"
)
# Ages ("his sixties", "the age of 54") and recurrences ("every summer", "annual") are not dates.
_NOT_A_DATE_RE: Final = compile_re(
    r"\b(?:his|her|their|its|my|your|our|aged?|every|each|annual|annually|daily|weekly|monthly|yearly"
    r"|quarterly|biannual|biennial|per)\b"
)
# A small NER model sometimes glues a word or two onto a DATE span ("an agreement two days later"). When the
# whole span does not parse, up to this many leading words are dropped, unless one changes the meaning.
_MAX_NOISE_WORDS: Final = 2
_NOISE_WORD_RE: Final = compile_re(r"[a-z]+")
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


_PART_RE: Final = compile_re(
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


# --------------------------------------------------------------------------------------------- points, ranges

_Point = Interval | CalendarDate


def _point(s: str, pub: dt.date | None) -> _Point | None:
    """One time point or named period; a ``CalendarDate`` is returned unresolved so that a range can complete it."""
    part, core = _split_part(s)
    found: _Point | None = numeric(core)
    if found is None and pub is not None:
        found = published_relative(core, pub)
    for parse in (decade, season):
        found = found if found is not None else parse(core, pub)
    found = found if found is not None else century(core)
    found = found if found is not None else parse_calendar(core, pub)
    if isinstance(found, CalendarDate):
        return replace(found, part=part)
    return None if found is None else apply_part(found, part)


def _side(s: str, pub: dt.date | None) -> _Point | None:
    """One end of a range: any point, or a bare day ("5" in "5-7 February 2025")."""
    found = _point(s, pub)
    if found is None and (m := DAY_ONLY_RE.fullmatch(s)) is not None:
        day = day_number(m["day"])
        found = None if day is None else CalendarDate(int(m["year"]) if m["year"] else None, None, day)
    return found


def _pair(a: _Point, b: _Point, pub: dt.date | None) -> Interval | None:
    if isinstance(a, CalendarDate) and isinstance(b, CalendarDate):
        if a.month is None and a.day is not None:
            a = replace(a, month=b.month)
        if b.month is None and b.day is not None:
            b = replace(b, month=a.month)
        if a.year is None and b.year is None and b.month is not None and pub is not None:
            year = infer_year(b.month, b.day or 1, pub)
            b = replace(b, year=year, anchor=PUBLISHED)
        if a.year is None and b.year is not None:
            a = replace(a, year=b.year, anchor=b.anchor)
            if (a.month or 1, a.day or 1) > (b.month or 12, b.day or 31):  # "December 20 to January 5, 2025"
                a = replace(a, year=b.year - 1)
        elif b.year is None and a.year is not None:
            b = replace(b, year=a.year, anchor=a.anchor)
            if (a.month or 1, a.day or 1) > (b.month or 12, b.day or 31):
                b = replace(b, year=a.year + 1)
    lo = resolve_calendar(a, pub) if isinstance(a, CalendarDate) else a
    hi = resolve_calendar(b, pub) if isinstance(b, CalendarDate) else b
    if lo is None or hi is None or lo.lo > hi.lo:
        return None
    return Interval(lo.lo, hi.hi, lo.lo_prec, hi.hi_prec, "range", lo.anchor or hi.anchor)


_RANGE_INTRO_RE: Final = compile_re(r"(?P<intro>between|from) (?P<rest>.+)")
_CONNECTOR_RE: Final = compile_re(r"-| ?/ ?| (?:to|until|till|through|thru|and) ")
_SINCE_RE: Final = compile_re(r"(?:ever )?since (?P<rest>.+)")


def _range(s: str, pub: dt.date | None) -> Interval | None:
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
        return resolve_calendar(found, pub) if isinstance(found, CalendarDate) else found
    return None


def _parse(text: str, pub: dt.date | None, ref: TimeValue | None) -> Interval | None:
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
        and word[:3] not in MONTHS
        and (word not in NUMBER_WORDS or word in ("a", "an"))
        and word not in ORDINAL_WORDS
        and WEEKDAY_RE.fullmatch(word) is None
        and word not in SEASONS
    )


def _parse_clean(s: str, pub: dt.date | None, ref: TimeValue | None) -> Interval | None:
    part, core = _split_part(s)
    if (rule := reference_rule(core)) is not None:
        iv = resolve_reference(rule, ref)
        return None if iv is None else apply_part(iv, part)
    if (m := _SINCE_RE.fullmatch(s)) is not None:
        start = _point(m["rest"], pub)
        start = resolve_calendar(start, pub) if isinstance(start, CalendarDate) else start
        if start is None or pub is None or start.lo > pub:
            return None
        return Interval(start.lo, trunc(pub, start.hi_prec), start.lo_prec, start.hi_prec, "range", PUBLISHED)
    found = _point(s, pub)
    if isinstance(found, CalendarDate):
        return resolve_calendar(found, pub)
    return found if found is not None else _range(s, pub)


# --------------------------------------------------------------------------------------------- public API


def normalize(text: str, published: dt.date | None, reference: TimeValue | None = None,
              direction: str | None = None) -> TimeValue:
    """Normalise one time expression.

    ``published`` anchors deictic expressions ("yesterday", "last week", "Tuesday", "Feb 5" without a year);
    ``reference`` is the value of the event just mentioned and anchors anaphoric ones ("two days later",
    "the same day"). An expression that needs an anchor that is None normalises to ``UNKNOWN``.
    ``direction`` ("future" or "past", from the tense or a cue around the expression: ``time.tense``)
    decides which way a date without its year or week is completed: "adjourned until March 25" in a March 12
    report is this March, "will meet on Friday" the coming Friday. Without one, a yearless date is the
    latest on or before publication + 7 days and a bare weekday the latest on or before publication.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    try:
        iv = _parse(text, published, reference)
        if iv is None and published is not None:
            iv = _quarter(_clean(text), published, direction)
        if iv is not None and direction in _DIRECTIONS and published is not None:
            iv = _directed(iv, _clean(text), published, direction == "future")
    except (ValueError, OverflowError):  # a date outside 1..9999, or a day its month does not have
        return UNKNOWN
    if iv is None:
        return UNKNOWN
    return TimeValue(iv.value(), iv.granularity, iv.anchor is not None, iv.anchor)


_DIRECTIONS: Final = ("future", "past")
# A calendar quarter named without its year; a fiscal quarter depends on the company's year and stays unknown.
_QUARTER_RE: Final = compile_re(
    r"(?:the )?(?P<w>first|second|third|fourth|final|last|previous|past|latest|current|this|next)[ -]quarter"
)


def _quarter(s: str, pub: dt.date, direction: str | None) -> Interval | None:
    """"the third quarter", "last quarter": three months of the year (granularity year, as "Q3 2023")."""
    m = _QUARTER_RE.fullmatch(s)
    found = None if m is None else quarter_of(m["w"], pub, direction)
    if found is None:
        return None
    year, q = found
    return months_iv(year, 3 * q - 2, year, 3 * q, "year", PUBLISHED)


def _directed(iv: Interval, s: str, pub: dt.date, future: bool) -> Interval:
    """``iv`` moved to the other side of ``pub`` when the text left its year (or week) open and it lies on
    the wrong side: a future "March 25" read in a March 30 report is next year's."""
    if iv.anchor != PUBLISHED:
        return iv
    part, core = _split_part(s)
    if (m := WEEKDAY_RE.fullmatch(core)) is not None:
        if m["rel"] is None and m["wk"] is None and future and iv.lo < pub:
            return Interval(iv.lo + dt.timedelta(days=7), iv.hi + dt.timedelta(days=7), iv.lo_prec, iv.hi_prec,
                            iv.granularity, iv.anchor)
        return iv
    found = parse_calendar(core, pub)
    if not isinstance(found, CalendarDate) or found.year is not None or found.month is None:
        return iv
    if future and iv.last < pub:
        year = iv.lo.year + 1
    elif not future and iv.lo > pub:
        year = iv.lo.year - 1
    else:
        return iv
    moved = resolve_calendar(replace(found, year=year, anchor=PUBLISHED, part=part), pub)
    return iv if moved is None else moved


def is_reference_relative(text: str) -> bool:
    """True when ``text`` is resolved against the event just mentioned ("two days later", "the same day")."""
    s = _clean(text)
    if len(s) > _MAX_CHARS or _NOT_A_DATE_RE.search(s):
        return False
    words = s.split(" ")
    for n in range(min(_MAX_NOISE_WORDS, len(words) - 1) + 1):
        if n and not _is_noise(words[n - 1]):
            break
        if reference_rule(_split_part(_clean(" ".join(words[n:])))[1]) is not None:
            return True
    return False
