"""Casualty figures told about an event ("at least seven dead", "killed nine policemen", "put the toll at 15").

Outlets disagree on tolls more than on anything else, and the disagreement is news: officials say nine, the
group that claimed the attack says 15, residents say 12. This module finds such figures in the sentences of a
report so that ``discrepancies`` can set them side by side, each with its sentence and, where the sentence is a
claim, who makes it. It is deliberately narrow: a number (digits or an English number word) next to a word of
death or injury within a few words, in either order; years, money and percentages are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

_UNITS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
_DEATH: Final = r"killed|dead|deaths?|died|fatalities|lives|toll|slain|massacred"
_INJURY: Final = r"wounded|injured|injuries|hurt"
_NUM: Final = r"(?:\d{1,3}(?:,\d{3})*|\d+|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + \
    r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?:\s+(?:hundred|thousand))?"
_QUAL: Final = r"(?:(?P<qual>at least|more than|over|nearly|almost|about|around|some|up to)\s+)?"
_GAP: Final = r"(?:[\w'’-]+\s+){0,3}?"
# number first: "seven policemen were killed", "at least seven dead", "15 killed"
_AFTER = re.compile(
    rf"\b{_QUAL}(?P<num>{_NUM})\s+{_GAP}(?:(?:were|was|have been|had been|are|been)\s+)?(?P<word>{_DEATH}|{_INJURY})\b",
    re.IGNORECASE,
)
# word first: "killed nine policemen", "killing seven policemen", "the toll at 15", "toll rose to 12"
_BEFORE = re.compile(
    rf"\b(?P<word>killed|killing|wounded|wounding|injured|injuring|toll)\s+"
    rf"(?:(?:at|to|of|rose to|stood at|stands at)\s+)?{_QUAL}"
    rf"(?P<num>{_NUM})\b(?!\s*(?:%|percent|per cent|million|billion|years?|days?|hours?))",
    re.IGNORECASE,
)
_LATER_DEATHS = re.compile(r"\s+\w+\s+(?:later\s+)?(?:died|succumbed)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Figure:
    kind: str  # "killed" | "injured"
    value: int
    qualifier: str | None  # "at least", "more than", … or None for an exact figure
    start: int  # offsets of the figure's words inside the text given to ``find_figures``
    end: int

    @property
    def label(self) -> str:
        return f"{self.qualifier + ' ' if self.qualifier else ''}{self.value} {self.kind}"


def _number(text: str) -> int | None:
    t = text.lower().replace(",", "")
    if t.isdigit():
        return int(t)
    total = 0
    for part in re.split(r"[- ]+", t):
        if part == "thousand":
            total = max(total, 1) * 1000
        elif part == "hundred":
            total = max(total, 1) * 100
        elif part in _UNITS:
            total += _UNITS[part]
        else:
            return None
    return total


def _kind(word: str) -> str:
    return "injured" if re.fullmatch(_INJURY + "|wounding|injuring", word, re.IGNORECASE) else "killed"


def find_figures(text: str) -> list[Figure]:
    """Casualty figures in one sentence, in order, without overlaps."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_AFTER, _BEFORE):
        for m in pattern.finditer(text):
            value = _number(m.group("num"))
            year = m.group("num").isdigit() and 1800 <= (value or 0) <= 2100
            if value is None or value == 0 or year or value > 100_000:
                continue
            s, e = m.span()
            if _LATER_DEATHS.match(text, e):  # "two wounded officers died": not a toll
                continue
            if any(s < b and a < e for a, b in taken):
                continue
            taken.append((s, e))
            qual = m.group("qual")
            found.append(Figure(_kind(m.group("word")), value, qual.lower() if qual else None, s, e))
    return sorted(found, key=lambda f: f.start)
