"""The words and regex fragments that time expressions are written in, shared by the ``timex`` parsers.

Month and weekday names, numbers and ordinals in words ("twenty-one", "thirty-first"), decades in words
("the nineties"), seasons, fixed-date holidays, the units a relative phrase counts in, and the offsets of
"last", "this" and "next". ``MON``, ``WD``, ``NUM``, ``DAY`` and ``UNIT`` are regex fragments to splice
into larger patterns; ``compile_re`` compiles the parsers' patterns with ASCII character classes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that a prefix never wins over the whole word."""
    return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


MONTHS: Final[dict[str, int]] = {
    name: i for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}  # fmt: skip
MON: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAYS: Final[dict[str, int]] = {"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}
WD: Final = (
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


NUMBER_WORDS: Final = _number_words()
ORDINAL_WORDS: Final = _ordinal_words()
NUM: Final = rf"(?:\d{{1,4}}|{alternation(NUMBER_WORDS)})"
DAY: Final = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{alternation(ORDINAL_WORDS)})"
# "the twenties" .. "the nineties" -> the tens digit
DECADE_WORDS: Final[dict[str, int]] = {tens[:-1] + "ies": t for t, tens in enumerate(_TENS, start=2)}

SEASONS: Final[dict[str, int]] = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# Fixed-date holidays only; lunar and computed ones (Ramadan, Eid, Easter, Diwali) are not resolved.
HOLIDAYS: Final[dict[str, tuple[int, int]]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14), "halloween": (10, 31),
    "may day": (5, 1),
}  # fmt: skip

# Units a relative phrase counts in, and what they resolve to.
_DAY_WORDS: Final = ("day", "morning", "afternoon", "evening", "night")
UNIT: Final = rf"(?:{alternation(_DAY_WORDS)}|week|month|year|decade)"


def unit_of(word: str) -> str:
    return "day" if word in _DAY_WORDS else word


def number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def day_number(word: str) -> int | None:
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    digits = word.rstrip("stndrh")
    n = int(digits) if digits.isdigit() else 0
    return n if 1 <= n <= 31 else None


def compile_re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


# The offset of a relative word from the current unit: "last week", "this summer", "next March".
REL_DELTA: Final[dict[str, int]] = {
    "last": -1, "past": -1, "this past": -1, "this": 0, "current": 0, "the current": 0,
    "next": 1, "coming": 1, "this coming": 1,
}  # fmt: skip
