"""Where the time expressions of a parsed text are, and their TimeML values read in their sentence.

spaCy's DATE and TIME entities are the starting point; ``find_spans`` mends them the way TimeML marks time
expressions: a span that joins two expressions is split ("June 17, two days" → "June 17" + "two days"); the
determiner a relative expression needs is taken in ("the past decade", "this year", where the model left
"the" or "this" out); ages, bare small numbers and version numbers are dropped ("55", "the age of 56",
"1.1.1"); and the expressions the model does not mark are added: clock times ("18:00 UTC", "10 a.m."), "now",
"currently", "recently" and their kind.

``timeml_of_span(span, published)`` values one span with ``time.timeml.timeml``: the direction comes from
the sentence (``time.tense``), and a bare clock time takes the day the sentence names before it ("on
Tuesday ... at 18:00 UTC").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from spacy.tokens import Doc, Span

from dossier.extract.time import timex
from dossier.extract.time.tense import direction
from dossier.extract.time.timeml import TimeML, timeml
from dossier.extract.time.words import NUMBER_WORDS, alternation
from dossier.model import dates

__all__ = ["find_spans", "timeml_of_span"]

_LABELS: Final = ("DATE", "TIME")
_ARTICLES: Final = frozenset({"a", "an"})
_UNIT_WORD: Final = re.compile(r"(?:day|week|month|year|decade|hour|minute)", re.IGNORECASE)
_PART_BEFORE: Final = re.compile(r"\bthe (?:very )?(?:beginning|start|end|middle|rest|remainder) of $")
# An added expression may take the place of a number the model marked ("[almost two and a half] years").
_OVERRIDABLE: Final = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY"})
_DETERMINERS: Final = frozenset({"the", "this", "that", "last", "next", "these", "those"})
_NEEDS_DETERMINER: Final = re.compile(
    r"(?:past|next|last|coming|following|previous|same|fiscal|financial|beginning|start|end|middle|first|second|third|fourth"
    r"|years?|months?|weeks?|days?|quarters?|decades?|century|centuries|morning|afternoon|evening|weekend)\b",
    re.IGNORECASE,
)
_NOT_TIME: Final = re.compile(
    r"(?:\d{1,3}|(?:the )?age(?:s)? of \d+|aged? \d+|\d+(?:\.\d+){2,}|\d+ years? old|\d+-year-old)",
    re.IGNORECASE,
)
_EXTRA: Final = re.compile(
    r"\b(?:right now|now|currently|at present|presently|nowadays|these days|more recently|most recently"
    r"|recently|lately|in the near future|in the future|soon"
    r"|\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2})?\)?)?"
    r"|\d{1,2}\s*[ap]\.m\.|\d{1,2}\s*[ap]m\b|noon|midnight"
    rf"|(?:(?:almost|nearly|about|around|over|some|more than|less than) )?(?:\d+|{alternation(NUMBER_WORDS)})"
    r"(?: and a half)?[ -](?:years?|months?|weeks?|days?|hours?|minutes?|decades?))(?![\w-])",
    re.IGNORECASE,
)
_DAY_PART_WORDS: Final = frozenset({"morning", "afternoon", "evening", "night", "overnight"})
_CLOCK_ALONE: Final = re.compile(r"\d{1,2}[:.]\d{2}", re.IGNORECASE)


def find_spans(doc: Doc) -> list[Span]:
    """The time expressions of ``doc`` in text order."""
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in _LABELS:
            continue
        for part in _split(ent):
            if _NOT_TIME.fullmatch(part.text.strip()) is None:
                spans.append(_with_determiner(part))
    spans = _join_day_parts(spans)
    taken = [(s.start_char, s.end_char) for s in spans]
    for m in _EXTRA.finditer(doc.text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if _CLOCK_ALONE.fullmatch(m[0]) and not _clock_context(doc, m.start()):
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and not any(t.ent_type_ and t.ent_type_ not in _OVERRIDABLE for t in span):
            spans.append(span)
            taken.append((span.start_char, span.end_char))
    return sorted(spans, key=lambda s: s.start_char)


def _join_day_parts(spans: list[Span]) -> list[Span]:
    """"Friday" + "morning", marked apart by the model, are one expression."""
    out: list[Span] = []
    for span in spans:
        if out and out[-1].end == span.start and span.text.lower() in _DAY_PART_WORDS:
            out[-1] = span.doc[out[-1].start : span.end]
        else:
            out.append(span)
    return out


def _clock_context(doc: Doc, start: int) -> bool:
    """"at 18.30" is a time; "a 3.50 share" is not."""
    before = doc.text[max(0, start - 4) : start].lower()
    return before.endswith(("at ", "by "))


def _split(ent: Span) -> list[Span]:
    """"June 17, two days", "30 minutes and three hours" → two spans, when the whole is not one expression
    and both sides are."""
    out: list[Span] = []
    if _values(ent.text):
        return [ent]
    start = ent.start
    for tok in ent:
        if tok.lower_ in (",", ";", "and", "or") and tok.i > start and tok.i + 1 < ent.end:
            left, right = ent.doc[start : tok.i], ent.doc[tok.i + 1 : ent.end]
            if _values(left.text) and _values(right.text):
                out.append(left)
                start = tok.i + 1
    out.append(ent.doc[start : ent.end])
    return out


def _values(text: str) -> bool:
    return timeml(text, dt.date(2000, 6, 15)).value is not None or timex.is_reference_relative(text)


def _with_determiner(span: Span) -> Span:
    """Take in what the model left out around an expression: a determiner ("[the] past decade", "[this]
    year", "[a] day"), a part of it ("[the very beginning of the] financial year"), "-long" ("decades[-long]")."""
    doc = span.doc
    start, end = span.start, span.end
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "long":
        end += 2
    elif end < len(doc) and doc[end].lower_ == "-long":
        end += 1
    if start == 0 or span[0].lower_ == "the" or not _NEEDS_DETERMINER.match(span[0].text):
        return doc[start:end]
    prev = doc[start - 1]
    wanted = ("the",) if span[0].lower_ in _DETERMINERS else _DETERMINERS | _ARTICLES \
        if _UNIT_WORD.fullmatch(span[0].text) else _DETERMINERS
    if prev.lower_ in wanted and not prev.ent_type_:
        start -= 1
        left = doc.text[doc[max(0, start - 5)].idx : doc[start].idx].lower()
        if (m := _PART_BEFORE.search(left)) is not None:
            part = doc.char_span(doc[start].idx - len(m[0]), doc[start].idx, alignment_mode="expand")
            start = part.start if part is not None else start
    return doc[start:end]


def timeml_of_span(span: Span, published: dt.date | None) -> TimeML:
    """The TimeML type and value of one time expression, read in its sentence. A clock time takes the day
    named before it in its sentence; "two days later" counts from the latest date before it no longer than a
    month (as ``events.dates`` does for events)."""
    way = direction(span)
    day: dt.date | None = None
    reference: timex.TimeValue | None = None
    clock, relative = _has_clock(span.text), timex.is_reference_relative(span.text)
    for other in find_spans(span.doc) if clock or relative else ():
        if other.end > span.start and other.start < span.end:
            continue  # the span itself
        if other.start >= span.end:
            if clock and day is None and _adjacent(span, other):  # "at 6 a.m. on Tuesday"
                tv = timex.normalize(other.text, published, reference, direction(other))
                if tv.value is not None and tv.granularity == "day":
                    day = dt.date.fromisoformat(tv.value)
            break
        tv = timex.normalize(other.text, published, reference, direction(other))
        b = dates.bounds(tv.value) if tv.value else None
        if b is None or (b[1] - b[0]).days > 31:
            continue
        reference = tv
        if other.sent.start == span.sent.start and b[0] == b[1]:
            day = b[0]
    return timeml(span.text, published, way, reference, day)


def _adjacent(span: Span, after: Span) -> bool:
    between = span.doc[span.end : after.start]
    return len(between) <= 2 and all(t.lower_ in ("on", ",", "this", "of", "the") for t in between)


def _has_clock(text: str) -> bool:
    return re.search(r"\d[:.]\d\d|[ap]\.?m\b|noon|midnight", text, re.IGNORECASE) is not None
