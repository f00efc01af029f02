"""ISO 8601 date values as extraction writes them ("2025-02-05", "2025-02", "1980/1989"), read back as days.

Every later stage compares, filters and groups dates by the days a value covers, so the reading lives here
beside the records rather than in the time-expression parser (``extract/time``) that writes the values.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Final, Literal

Precision = Literal["day", "month", "year"]

_ISO_RE: Final = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?", re.ASCII)


def parse_iso(s: str) -> tuple[dt.date, Precision] | None:
    """The first day of one ISO end ("2025", "2025-02", "2025-02-05") and its precision; None if not one."""
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


def unit_end(d: dt.date, prec: Precision) -> dt.date:
    """The last day of the day, month or year that starts at ``d``."""
    if prec == "day":
        return d
    if prec == "month":
        return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return dt.date(d.year, 12, 31)


def iso_ends(value: str) -> tuple[tuple[dt.date, Precision], tuple[dt.date, Precision]] | None:
    """The two ends of a value ("A" or "A/B"), each as (first day, precision); None if it is not one we write."""
    ends = value.split("/")
    if len(ends) > 2:
        return None
    lo, hi = parse_iso(ends[0]), parse_iso(ends[-1])
    if lo is None or hi is None or lo[0] > unit_end(*hi):
        return None
    return lo, hi


def bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of an ISO value as extraction writes it ("2025-02", "1980/1989"), else None."""
    ends = iso_ends(value)
    if ends is None:
        return None
    (lo, _), hi = ends
    return lo, unit_end(*hi)
