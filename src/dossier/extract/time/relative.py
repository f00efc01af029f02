"""Time expressions resolved against an anchor rather than read off the calendar.

*Anaphoric* expressions ("two days later", "the same day", "the following week") are resolved against the
value of the event just mentioned: anchor ``reference``. *Deictic* ones ("yesterday", "last week",
"Tuesday", "three years ago", "the past month", "this weekend") are resolved against the report's
publication date: anchor ``published``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import replace
from typing import Final

from dossier.extract.time.values import (
    PUBLISHED,
    REFERENCE,
    Interval,
    TimeValue,
    add_months,
    day_iv,
    days_iv,
    from_value,
    shift,
    unit_key,
)
from dossier.extract.time.words import NUM, REL_DELTA, UNIT, WD, WEEKDAYS, compile_re, number, unit_of

# --------------------------------------------------------------------------------------------- reference

# Phrases resolved against the event just mentioned; each yields (unit, delta).
_REF_SAME_RE: Final = compile_re(
    rf"(?:(?:earlier|later) )?(?:that|the same|that same|the very same) (?P<u>{UNIT})"
    rf"|later in the (?P<u2>day|week|month|year)"
)
_REF_NEXT_RE: Final = compile_re(
    rf"the (?:next|following|subsequent) (?P<u>{UNIT})|the (?P<u2>{UNIT}) after(?:wards?)?"
)
_REF_PREV_RE: Final = compile_re(
    rf"the (?:previous|prior|preceding) (?P<u>{UNIT})|the (?P<u2>{UNIT}) (?:before|prior)"
)
_REF_N_RE: Final = compile_re(
    rf"(?P<n>{NUM}) (?P<u>{UNIT})s? (?P<dir>later|after|afterwards?|on|earlier|before|prior|previously"
    rf"|beforehand)"
)
_REF_HOURS_RE: Final = compile_re(
    rf"(?:(?P<n>{NUM}) )?(?:hours?|minutes?|moments) (?P<dir>later|after|afterwards?|earlier|before|prior)"
)
_BACKWARD: Final = frozenset({"earlier", "before", "prior", "previously", "beforehand"})


def reference_rule(s: str) -> tuple[str, int] | None:
    """(unit, delta) when ``s`` is resolved against the event just mentioned, else None."""
    if (m := _REF_SAME_RE.fullmatch(s)) is not None:
        return unit_of(m["u"] or m["u2"]), 0
    if (m := _REF_NEXT_RE.fullmatch(s)) is not None:
        return unit_of(m["u"] or m["u2"]), 1
    if (m := _REF_PREV_RE.fullmatch(s)) is not None:
        return unit_of(m["u"] or m["u2"]), -1
    if (m := _REF_N_RE.fullmatch(s)) is not None:
        n = number(m["n"])
        if n is None:
            return None
        sign = -1 if m["dir"] in _BACKWARD else 1
        unit = unit_of(m["u"])
        return ("year", sign * 10 * n) if unit == "decade" else (unit, sign * n)
    if (m := _REF_HOURS_RE.fullmatch(s)) is not None:
        n = number(m["n"]) if m["n"] else 0
        if n is None:
            return None
        return "day", (-1 if m["dir"] in _BACKWARD else 1) * (n // 24)
    return None


def resolve_reference(rule: tuple[str, int], ref: TimeValue | None) -> Interval | None:
    iv = from_value(ref) if ref is not None else None
    if iv is None:
        return None
    unit, delta = rule
    if unit_key(iv.lo, unit) != unit_key(iv.last, unit):
        # The reference is coarser than the unit: "the same day" as an event known to the month is that
        # month; "two days later" than it is unknown.
        return replace(iv, anchor=REFERENCE) if delta == 0 else None
    return shift(iv.lo, unit, delta, REFERENCE)


# --------------------------------------------------------------------------------------------- published

_TODAY_RE: Final = compile_re(r"today|tonight|this (?:morning|afternoon|evening)|(?:earlier|later) today")
_YESTERDAY_RE: Final = compile_re(r"yesterday(?: (?:morning|afternoon|evening|night))?|last night")
_TOMORROW_RE: Final = compile_re(r"tomorrow(?: (?:morning|afternoon|evening|night))?")
_AGO_RE: Final = compile_re(rf"(?P<n>{NUM}) (?P<u>day|week|month|year|decade)s? ago")
_FUTURE_RE: Final = compile_re(
    rf"in (?P<n>{NUM}) (?P<u>day|week|month|year)s?(?: time)?|(?P<n2>{NUM}) (?P<u2>day|week|month|year)s?"
    r" from (?:now|today)"
)
_THIS_RE: Final = compile_re(
    r"(?:(?:earlier|later) )?(?P<rel>last|this|next|this coming|coming|the current|current)"
    r" (?P<u>week|month|year)"
)
_PAST_RE: Final = compile_re(rf"(?:the )?(?:past|last) (?:(?P<n>{NUM}) )?(?P<u>hour|day|week|month|year|decade)s?")
WEEKDAY_RE: Final = compile_re(
    rf"(?:(?P<rel>this past|this coming|last|past|this|next|coming) )?(?P<wd>{WD})"
    r"(?: (?:morning|afternoon|evening|night|overnight))?(?: (?:of )?(?P<wk>last|this|next) week)?"
)
_WEEKEND_RE: Final = compile_re(r"(?:(?P<rel>this past|last|past|this|next|the) )?weekend")


def published_relative(s: str, pub: dt.date) -> Interval | None:
    """Deictic expressions: resolved against the report's publication date."""
    if _TODAY_RE.fullmatch(s):
        return day_iv(pub, PUBLISHED)
    if _YESTERDAY_RE.fullmatch(s):
        return shift(pub, "day", -1, PUBLISHED)
    if s == "the day before yesterday":
        return shift(pub, "day", -2, PUBLISHED)
    if _TOMORROW_RE.fullmatch(s):
        return shift(pub, "day", 1, PUBLISHED)
    if s == "the day after tomorrow":
        return shift(pub, "day", 2, PUBLISHED)
    if (m := _AGO_RE.fullmatch(s)) is not None and (n := number(m["n"])) is not None:
        unit, n = ("year", 10 * n) if m["u"] == "decade" else (m["u"], n)
        return shift(pub, unit, -n, PUBLISHED)
    if (m := _FUTURE_RE.fullmatch(s)) is not None and (n := number(m["n"] or m["n2"])) is not None:
        return shift(pub, m["u"] or m["u2"], n, PUBLISHED)
    if (m := _THIS_RE.fullmatch(s)) is not None:
        return shift(pub, m["u"], REL_DELTA[m["rel"]], PUBLISHED)
    if (m := _PAST_RE.fullmatch(s)) is not None:
        n = number(m["n"]) if m["n"] else 1
        return None if n is None else _since(_back(pub, m["u"], n), pub)
    if (m := WEEKDAY_RE.fullmatch(s)) is not None:
        return day_iv(_weekday(pub, WEEKDAYS[m["wd"][:2]], m["rel"], m["wk"]), PUBLISHED)
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
    y, m = add_months(pub.year, pub.month, -months)
    return dt.date(y, m, min(pub.day, calendar.monthrange(y, m)[1]))


def _since(start: dt.date, pub: dt.date) -> Interval | None:
    return days_iv(start, pub, "range", PUBLISHED) if start <= pub else None


def _weekday(pub: dt.date, wd: int, rel: str | None, week: str | None) -> dt.date:
    """News convention: a bare weekday is the most recent one on or before the publication date."""
    if week is not None:
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=7 * REL_DELTA[week])
        return monday + dt.timedelta(days=wd)
    back = (pub.weekday() - wd) % 7
    delta = REL_DELTA.get(rel or "this", 0)
    if delta < 0:
        return pub - dt.timedelta(days=back or 7)
    if delta > 0:
        return pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
    return pub - dt.timedelta(days=back)


def _weekend(pub: dt.date, rel: str | None) -> Interval:
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
    return days_iv(saturday, saturday + dt.timedelta(days=1), "range", PUBLISHED)
