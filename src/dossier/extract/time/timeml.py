"""TimeML (TIMEX3) values: the type and ``value`` attribute the TimeML guidelines give a time expression.

``timex.normalize`` gives a date as the interval it covers, for sorting and overlap tests; TimeML, the form
annotated corpora and other tools exchange, names it instead and covers more than dates:

* DATE: ``2025-02-05``, ``2025-02``, ``2025``, ``2025-W06`` (ISO week), ``2025-W06-WE`` (its weekend),
  ``2024-WI`` (a season), ``2025-Q3``, ``2025-H1``, ``FY2025`` (a fiscal year), ``198`` (the 1980s), ``19``
  (the 1900s), and ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF`` ("now", "recently", "soon");
* TIME: ``2025-02-05T10:00``, ``2025-02-05T18:00Z`` (UTC/GMT), ``2025-02-05TMO`` (a part of the day:
  MO, AF, EV, NI);
* DURATION: ``P5Y``, ``P18M``, ``P2.5Y``, ``PT30M``, ``PXY`` (some years);
* SET: ``P1Y`` ("annual", "every year", "15 a year"), ``P1W``, ``P1D``.

A part qualifier ("early 2009", "the end of March") keeps the value of what it qualifies (TimeML puts the
part in ``mod``). ``timeml(text, published, ...)`` returns ``TimeML(type, value)``; ``value`` is None when
the expression is not understood or needs an anchor that is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from dossier.extract.time import timex
from dossier.extract.time.calendar import QUARTER_ORDINALS, quarter_of
from dossier.extract.time.words import NUMBER_WORDS, ORDINAL_WORDS, alternation, compile_re, number
from dossier.model import dates

__all__ = ["TimeML", "timeml"]


@dataclass(frozen=True, slots=True)
class TimeML:
    type: str  # DATE | TIME | DURATION | SET
    value: str | None


_TRANSLATE: Final = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
                                  | {c: "'" for c in "\u2018\u2019\u02bc\u00b4`"})
_NUMW: Final = rf"(?:\d+(?:\.\d+)?|{alternation(NUMBER_WORDS)}|several|a few|few|many|some|a couple of|couple of)"
_UNITS: Final[dict[str, tuple[str, float, bool]]] = {  # word -> TimeML unit, multiplier, time-of-day unit
    "second": ("S", 1, True), "sec": ("S", 1, True), "minute": ("M", 1, True), "min": ("M", 1, True),
    "hour": ("H", 1, True), "hr": ("H", 1, True), "day": ("D", 1, False), "night": ("D", 1, False),
    "week": ("W", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False), "centurie": ("Y", 100, False),
}  # fmt: skip
_UNIT: Final = rf"(?:{alternation(_UNITS)})"
# Approximators and other words in front of an amount: TimeML puts them in ``mod``, the value stays.
_MODIFIER_RE: Final = compile_re(
    r"(?:about|around|almost|nearly|more than|less than|fewer than|over|under|at least|at most|just|only"
    r"|some|roughly|approximately|up to|another|a further|an additional|the first|the final|the last"
    r"|the past|the next|the coming|the previous|the following|past|next|last|previous|first|final|following"
    r"|coming|within|for|in|of|after|the)\s+(?P<rest>.+)"
)
_DURATION_RE: Final = compile_re(
    rf"(?:(?P<n>{_NUMW})(?P<half> and a half)?[ -])?(?P<u>{_UNIT})s?(?:[ -](?:long|old|history|period|term))?"
)
_HALF_RE: Final = compile_re(rf"(?:(?:a|one) half[ -]|half an? )(?P<u>{_UNIT})")
_PLURAL_ONLY_RE: Final = compile_re(rf"(?:the )?(?P<u>{_UNIT})s(?:[ -]long)?")
_SET_RE: Final = compile_re(
    rf"(?:(?:{_NUMW}(?: times)?|once|twice) (?:a|an|per) (?P<u>{_UNIT})|(?:per|each|every) (?P<u3>{_UNIT})"
    rf"|(?:every|each) (?P<n>{_NUMW}) (?P<u2>{_UNIT})s"
    r"|(?P<adj>annual|annually|yearly|daily|weekly|monthly|quarterly|hourly|nightly))"
)
_SET_ADJ: Final = {"annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "daily": "P1D", "weekly": "P1W",
                   "monthly": "P1M", "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D"}  # fmt: skip
_REFS: Final[dict[str, str]] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "at the moment": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "the present": "PRESENT_REF", "present": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "most recently": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF",
    "soon": "FUTURE_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF", "shortly": "FUTURE_REF",
    "in the future": "FUTURE_REF", "in the near future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the coming years": "FUTURE_REF", "in the coming years": "FUTURE_REF", "recent years": "PAST_REF",
    "in recent years": "PAST_REF", "recent months": "PAST_REF", "recent weeks": "PAST_REF",
    "recent days": "PAST_REF", "in recent days": "PAST_REF", "in recent weeks": "PAST_REF",
    "in recent months": "PAST_REF",
}  # fmt: skip
_DAY_PARTS: Final = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
                     "overnight": "NI"}  # fmt: skip
_DAY_PART_RE: Final = compile_re(r"(?P<day>.*?)\s*(?P<p>morning|afternoon|evening|night|overnight)")
_CLOCK_RE: Final = compile_re(
    r"(?P<pre>.*?)\s*(?:at )?(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)?"
    r"(?:\s*\(?\s*(?P<tz>utc|gmt|z|zulu)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\s*\)?)?"
    r"(?:\s*(?:local time|[a-z]{2,4}))?\s*\)?(?:,?\s*(?:on )?(?P<post>.+))?"
)
_NOON_RE: Final = compile_re(
    r"(?P<pre>.*?)\s*(?:at )?(?<![a-z])(?P<w>noon|midday|midnight)(?:,?\s*(?:on )?(?P<post>.+))?"
)
_QUARTER_RE: Final = compile_re(
    rf"(?:the )?(?P<fiscal>fiscal |financial )?(?:(?P<ord>{alternation(ORDINAL_WORDS)}|last|final|latest"
    r"|current|this|next|previous|past|same)[ -]|q(?P<q>[1-4]) )?(?:fiscal |financial )?quarter"
    r"(?:(?: of)?,? (?:(?:fiscal|financial|fy) ?)?(?P<y>\d{4}|'\d{2})| of (?P<rel>last|this|next) year"
    r"| of the (?P<fy>fiscal|financial) year)?"
)
_QUARTER_SHORT_RE: Final = compile_re(r"(?:(?P<fiscal>fiscal |fy ?)?q(?P<q>[1-4])|(?P<h>h[12])) ?(?P<y>\d{4}|'\d{2})")
_HALF_YEAR_RE: Final = compile_re(
    r"(?:the )?(?P<o>first|second|latter) half(?: of)?(?:,? (?P<y>\d{4})| (?:the|this) year| (?P<rel>last|next) year)?"
)
_FISCAL_RE: Final = compile_re(
    r"(?:the )?(?:(?P<rel>last|this|next|current|previous|past|same|coming) )?(?:(?P<y1>\d{4}) )?"
    r"(?:fiscal|financial)(?: year)?(?: ?(?P<y2>\d{4}|'?\d{2}))?|fy ?(?P<y3>\d{4}|'?\d{2})"
)
_RANGE_RE: Final = compile_re(r"(?:from|between) (?P<a>.+?) (?:to|and|until|till|through) (?P<b>.+)")
_WEEKEND_VALUE_RE: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})/(\d{4})-(\d{2})-(\d{2})")


def _clean(text: str) -> str:
    s = re.sub(r"\s+", " ", text.translate(_TRANSLATE).lower()).strip(" ,;:.!?\"'[]{}")
    s = re.sub(r"\s*-\s*", "-", s)
    return re.sub(r"^(?:on|at|in|during|by|since|until|till|of|for) ", "", s)


def timeml(text: str, published: dt.date | None, direction: str | None = None,
           reference: timex.TimeValue | None = None, day: dt.date | None = None) -> TimeML:
    """The TIMEX3 type and value of ``text``. ``published`` is the document creation time; ``direction``
    comes from ``time.tense``; ``reference`` anchors "two days later"; ``day`` is the date a bare clock time
    ("at 10 a.m.") falls on when the sentence gives one."""
    s = _clean(text)
    if not s or len(s) > 120:
        return TimeML("DATE", None)
    for parse in (_ref, _set, _time_of_day, _quarter, _fiscal, _range_duration, _duration):
        found = parse(s, published, direction, day)
        if found is not None:
            return found
    return _date(text, published, direction, reference)


_Args = tuple[dt.date | None, str | None, dt.date | None]


def _ref(s: str, pub: dt.date | None, direction: str | None, day: dt.date | None) -> TimeML | None:
    if s in ("today", "this day"):
        return TimeML("DATE", pub.isoformat() if pub else None)
    ref = _REFS.get(s)
    return None if ref is None else TimeML("DATE", ref)


def _set(s: str, pub: dt.date | None, direction: str | None, day: dt.date | None) -> TimeML | None:
    m = _SET_RE.fullmatch(s)
    if m is None:
        return None
    if m["adj"]:
        return TimeML("SET", _SET_ADJ[m["adj"]])
    unit = m["u"] or m["u2"] or m["u3"]
    n = _amount(m["n"]) if m["n"] else 1.0
    return TimeML("SET", _period(n, unit))


def _amount(word: str | None) -> float | None:
    if word is None:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    n = number(word)
    return None if n is None else float(n)


def _period(n: float | None, unit: str) -> str:
    code, mult, clock = _UNITS[unit.rstrip("s") if unit.rstrip("s") in _UNITS else unit]
    if code == "Q":
        code, mult = "M", 3
    amount = "X" if n is None else _num(n * mult)
    return f"PT{amount}{code}" if clock else f"P{amount}{code}"


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"


def _duration(s: str, pub: dt.date | None, direction: str | None, day: dt.date | None) -> TimeML | None:
    if timex.is_reference_relative(s):
        return None  # "the next day", "a year earlier": a date counted from the one before
    core = s
    while (m := _MODIFIER_RE.fullmatch(core)) is not None:
        core = m["rest"]
    if (m := _HALF_RE.fullmatch(core)) is not None:
        return TimeML("DURATION", _period(0.5, m["u"]))
    if (m := _PLURAL_ONLY_RE.fullmatch(core)) is not None:
        return TimeML("DURATION", _period(None, m["u"]))  # "years", "decades-long"
    if (m := _DURATION_RE.fullmatch(core)) is not None:
        if m["n"] is None:
            # "the past year", "next month": a unit with no amount is a date, not a duration; "the past
            # decade", "over the next decade" span ten years
            if re.match(r"the (?:past|last|next|coming) ", s) is None and not (
                    m["u"] == "decade" and re.match(r"(?:past|last|next|coming) ", s)):
                return None
            return TimeML("DURATION", _period(1, m["u"]))  # "the past year": the twelve months up to now
        n = _amount(m["n"])
        if n is not None and m["half"]:
            n += 0.5
        if n is None and m["n"] not in ("several", "a few", "few", "many", "some", "a couple of", "couple of"):
            return None
        if m["n"] in ("a couple of", "couple of"):
            n = 2.0
        return TimeML("DURATION", _period(n, m["u"]))
    return None


def _time_of_day(s: str, pub: dt.date | None, direction: str | None, day: dt.date | None) -> TimeML | None:
    if s == "tonight":
        return TimeML("TIME", f"{pub.isoformat()}TNI" if pub else None)
    hhmm: str | None = None
    rest = ""
    utc = False
    if (m := _NOON_RE.fullmatch(s)) is not None:
        hhmm = "12:00" if m["w"] in ("noon", "midday") else "24:00"
        rest = " ".join(x for x in (m["pre"], m["post"]) if x)
    elif (m := _CLOCK_RE.fullmatch(s)) is not None and (m["m"] or m["ampm"] or m["tz"]):
        h, mins = int(m["h"]), int(m["m"] or 0)
        if m["ampm"]:
            if not 1 <= h <= 12:
                return None
            h = h % 12 + (12 if m["ampm"].startswith("p") else 0)
        if h > 24 or mins > 59:
            return None
        hhmm, utc = f"{h:02d}:{mins:02d}", m["tz"] is not None
        rest = " ".join(x for x in (m["pre"], m["post"]) if x)
    if hhmm is not None:
        base = _day_of(rest, pub, direction, day)
        return TimeML("TIME", None if base is None else f"{base}T{hhmm}{'Z' if utc else ''}")
    if (m := _DAY_PART_RE.fullmatch(s)) is not None and s not in ("night", "the night"):
        base = _day_of(m["day"], pub, direction, day)
        return TimeML("TIME", None if base is None else f"{base}T{_DAY_PARTS[m['p']]}")
    return None


def _day_of(rest: str, pub: dt.date | None, direction: str | None, day: dt.date | None) -> str | None:
    """The day a clock time or part of the day falls on: the words with it, else the sentence's date, else
    the publication date."""
    rest = re.sub(r"\b(?:the|this|on|of|that|in|early|late|mid)\b", "", rest).strip(" ,")
    rest = "yesterday" if rest == "last" else rest
    if rest:
        tv = timex.normalize(rest, pub, None, direction)
        if tv.value is None or len(tv.value) != 10:
            return None
        return tv.value
    base = day or pub
    return None if base is None else base.isoformat()


def _year(y: str | None, pub: dt.date | None, rel: str | None = None) -> int | None:
    if y:
        y = y.lstrip("'")
        return int(y) if len(y) == 4 else 2000 + int(y) if int(y) < 50 else 1900 + int(y)
    if pub is None:
        return None
    return pub.year + {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(rel or "", 0)


def _quarter(s: str, pub: dt.date | None, direction: str | None, day: dt.date | None) -> TimeML | None:
    if (m := _QUARTER_SHORT_RE.fullmatch(s)) is not None:
        year = _year(m["y"], pub)
        if m["h"]:
            return TimeML("DATE", f"{year}-{m['h'].upper()}")
        return TimeML("DATE", f"{'FY' if m['fiscal'] else ''}{year}-Q{m['q']}")
    if (m := _HALF_YEAR_RE.fullmatch(s)) is not None:
        year = _year(m["y"], pub, m["rel"])
        return TimeML("DATE", None if year is None else f"{year}-H{1 if m['o'] == 'first' else 2}")
    m = _QUARTER_RE.fullmatch(s)
    if m is None:
        return None
    fiscal = "FY" if m["fiscal"] or m["fy"] else ""
    word = m["ord"]
    if m["y"] or m["rel"]:
        year = _year(m["y"], pub, m["rel"])
        q = QUARTER_ORDINALS.get(word or "", 4 if word == "last" else None)
        if year is None or q is None:
            return TimeML("DATE", None)
        return TimeML("DATE", f"{fiscal}{year}-Q{q}")
    if pub is None:
        return TimeML("DATE", None)
    found = quarter_of(word, pub, direction)
    return TimeML("DATE", None if found is None else f"{fiscal}{found[0]}-Q{found[1]}")


def _fiscal(s: str, pub: dt.date | None, direction: str | None, day: dt.date | None) -> TimeML | None:
    core = re.sub(r"^(?:the )?(?:very )?(?:beginning|start|end|middle|rest|remainder) of ", "", s)
    m = _FISCAL_RE.fullmatch(core)
    if m is None:
        return None
    explicit = m["y1"] or m["y2"] or m["y3"]
    year = _year(explicit, pub, None if explicit else m["rel"])
    return TimeML("DATE", None if year is None else f"FY{year}")


def _range_duration(s: str, pub: dt.date | None, direction: str | None, day: dt.date | None) -> TimeML | None:
    """"from 2009 to 2011", "between 2014 and 2016": two explicit ends, read as the time between them."""
    m = _RANGE_RE.fullmatch(s)
    if m is None:
        return None
    a, b = timex.normalize(m["a"], pub, None, direction), timex.normalize(f"{m['b']}", pub, None, direction)
    if a.value is None or b.value is None or "/" in a.value or "/" in b.value or len(a.value) != len(b.value):
        return None
    ba, bb = dates.bounds(a.value), dates.bounds(b.value)
    if ba is None or bb is None or bb[0] < ba[0]:
        return None
    if len(a.value) == 4:
        return TimeML("DURATION", f"P{bb[0].year - ba[0].year}Y")
    if len(a.value) == 7:
        return TimeML("DURATION", f"P{(bb[0].year - ba[0].year) * 12 + bb[0].month - ba[0].month}M")
    return TimeML("DURATION", f"P{(bb[0] - ba[0]).days}D")


def _date(text: str, pub: dt.date | None, direction: str | None, reference: timex.TimeValue | None) -> TimeML:
    tv = timex.normalize(text, pub, reference, direction)
    if tv.value is None and pub is not None:  # "the beginning of the year": the year of the report
        tv = timex.normalize(re.sub(r"\bthe (year|month|week)$", r"this \1", _clean(text)), pub, reference,
                             direction)
    return TimeML("DATE", None if tv.value is None else render(tv))


def render(tv: timex.TimeValue) -> str | None:
    """A ``timex.normalize`` value written as TimeML: a week as ``2025-W06``, a season as ``2024-WI``, a
    decade as ``198``; a part keeps the value of the unit it qualifies."""
    value, g = tv.value, tv.granularity
    if value is None:
        return None
    lo, _, hi = value.partition("/")
    if g in ("day", "month", "year") or not hi:
        return lo[: {"day": 10, "month": 7, "year": 4}.get(g or "", len(lo))]
    first = dt.date.fromisoformat(lo + "-01-01"[len(lo) - 4:]) if len(lo) < 10 else dt.date.fromisoformat(lo)
    if g == "week":
        y, w, _ = first.isocalendar()
        return f"{y}-W{w:02d}"
    if g == "season":
        return f"{first.year}-{ {12: 'WI', 1: 'WI', 2: 'WI', 3: 'SP', 6: 'SU', 9: 'FA'}.get(first.month, 'XX')}"
    if g == "decade":
        return lo[:3]
    if g == "century":
        return lo[:2]
    if (m := _WEEKEND_VALUE_RE.fullmatch(value)) is not None:
        a = dt.date(int(m[1]), int(m[2]), int(m[3]))
        b = dt.date(int(m[4]), int(m[5]), int(m[6]))
        if a.weekday() == 5 and (b - a).days == 1:
            y, w, _ = a.isocalendar()
            return f"{y}-W{w:02d}-WE"
    return lo
