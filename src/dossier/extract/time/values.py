"""What a time expression normalises to: the public ``TimeValue``, and the ``Interval`` that the parsers
compute with before it is written as ISO 8601 (``Interval.value``) or read back from it (``from_value``).

An interval is a run of whole units that keeps the precision of each end, so that "February 2025" stays
``2025-02`` and "1998 to 2001" stays ``1998/2001`` instead of widening to days; the part-of tables narrow
it for a qualifier ("late 1980s", "early March", "Q3 2024"). See ``timex`` for the meaning of each field
of a ``TimeValue``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Final

from dossier.model.dates import Precision, iso_ends, unit_end

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
    """A normalised time expression. See the ``timex`` module docstring for the meaning of each field."""

    value: str | None
    granularity: str | None
    inferred: bool
    anchor: str | None


UNKNOWN: Final = TimeValue(None, None, False, None)


# --------------------------------------------------------------------------------------------- intervals


@dataclass(frozen=True, slots=True)
class Interval:
    """An interval of whole units: ``lo`` is the first day; ``hi`` is the first day of the last unit."""

    lo: dt.date
    hi: dt.date
    lo_prec: Precision
    hi_prec: Precision
    granularity: str
    anchor: str | None = None

    @property
    def last(self) -> dt.date:
        return unit_end(self.hi, self.hi_prec)

    def value(self) -> str:
        a, b = _fmt(self.lo, self.lo_prec), _fmt(self.hi, self.hi_prec)
        return a if a == b else f"{a}/{b}"


def _fmt(d: dt.date, prec: Precision) -> str:
    if prec == "day":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if prec == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def day_iv(d: dt.date, anchor: str | None = None) -> Interval:
    return Interval(d, d, "day", "day", "day", anchor)


def days_iv(a: dt.date, b: dt.date, granularity: str, anchor: str | None = None) -> Interval:
    return Interval(a, b, "day", "day", granularity, anchor)


def month_iv(y: int, m: int, anchor: str | None = None) -> Interval:
    d = dt.date(y, m, 1)
    return Interval(d, d, "month", "month", "month", anchor)


def months_iv(y1: int, m1: int, y2: int, m2: int, granularity: str, anchor: str | None = None) -> Interval:
    return Interval(dt.date(y1, m1, 1), dt.date(y2, m2, 1), "month", "month", granularity, anchor)


def year_iv(y: int, anchor: str | None = None) -> Interval:
    d = dt.date(y, 1, 1)
    return Interval(d, d, "year", "year", "year", anchor)


def years_iv(y1: int, y2: int, granularity: str, anchor: str | None = None) -> Interval:
    return Interval(dt.date(max(y1, 1), 1, 1), dt.date(y2, 1, 1), "year", "year", granularity, anchor)


def _week(d: dt.date, anchor: str | None = None) -> Interval:
    monday = d - dt.timedelta(days=d.weekday())
    return days_iv(monday, monday + dt.timedelta(days=6), "week", anchor)


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def trunc(d: dt.date, prec: Precision) -> dt.date:
    if prec == "day":
        return d
    return dt.date(d.year, d.month, 1) if prec == "month" else dt.date(d.year, 1, 1)


def shift(base: dt.date, unit: str, delta: int, anchor: str) -> Interval:
    """The unit (day, week, month, year, decade) ``delta`` units away from the one that holds ``base``."""
    if unit == "day":
        return day_iv(base + dt.timedelta(days=delta), anchor)
    if unit == "week":
        return _week(base + dt.timedelta(days=7 * delta), anchor)
    if unit == "month":
        return month_iv(*add_months(base.year, base.month, delta), anchor)
    if unit == "year":
        return year_iv(base.year + delta, anchor)
    start = base.year // 10 * 10 + 10 * delta
    return years_iv(start, start + 9, "decade", anchor)


def unit_key(d: dt.date, unit: str) -> tuple[int, int, int]:
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


def apply_part(iv: Interval, part: str | None) -> Interval:
    if part is None:
        return iv
    g = iv.granularity
    if g == "year" and part in _YEAR_PARTS and iv.lo == iv.hi:
        a, b = _YEAR_PARTS[part]
        return months_iv(iv.lo.year, a, iv.lo.year, b, "year", iv.anchor)
    if g == "month" and part in _MONTH_PARTS and iv.lo == iv.hi:
        n = calendar.monthrange(iv.lo.year, iv.lo.month)[1]
        a, b = (n + 1 + x if x < 0 else x for x in _MONTH_PARTS[part])
        return days_iv(iv.lo.replace(day=a), iv.lo.replace(day=b), "month", iv.anchor)
    table = _DECADE_PARTS if g == "decade" else _CENTURY_PARTS if g == "century" else None
    if table is not None and part in table:
        a, b = table[part]
        first = iv.lo.year // 10 * 10 if g == "decade" else iv.lo.year // 100 * 100
        return years_iv(first + a, first + b, g, iv.anchor)
    return iv


# --------------------------------------------------------------------------------------------- ISO values


def from_value(tv: TimeValue) -> Interval | None:
    """The interval a TimeValue's ``value`` denotes; None when it is empty or not an ISO value we write."""
    if tv.value is None:
        return None
    ends = iso_ends(tv.value)
    if ends is None:
        return None
    lo, hi = ends
    granularity = tv.granularity if tv.granularity in GRANULARITIES else None
    if granularity is None:
        granularity = "range" if "/" in tv.value else lo[1]
    return Interval(lo[0], hi[0], lo[1], hi[1], granularity, tv.anchor)
