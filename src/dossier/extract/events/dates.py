"""When an event happened: the date of a mention, from the DATE and TIME entities the parse attaches to it.

Each DATE/TIME entity is hung once on the verb or trigger it modifies (``dates_at``) and given a value once
(``date_of``), in text order, so that finding a mention's date is a lookup. The pipeline has already
normalised absolute and publication-relative expressions (``dossier.extract.time.timex``); a reference-relative one
("the same day", "two days later") is resolved here against the date told just before it, because only here
is it known which date that is. A mention's date is the one attached to its trigger, else one attached to the
clause that governs it; a date on a borrowed head that bounds a period ("since 2019", "until March") is not
when the event happened. A future event's yearless date is moved forward rather than read as a past one.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Span, Token

from dossier.extract.events import lexicon as lx
from dossier.extract.events.chunk import MAX_WALK, EventChunk
from dossier.extract.events.lexicon import Entry
from dossier.extract.time import timex
from dossier.model import TimeExpression, dates

__all__ = ["EventDates"]


class EventDates:
    """The chunk's dates, attached and valued once; ``on`` and ``fallback`` find a mention's date."""

    def __init__(self, chunk: EventChunk, entries: dict[int, Entry], times: list[TimeExpression]) -> None:
        self.chunk = chunk
        self.doc = chunk.doc
        self.published: dt.date | None = chunk.ctx.published
        self.entries = entries
        self.time_of: dict[int, TimeExpression] = {t.start - chunk.ctx.offset: t for t in times}
        self.dates_at: dict[int, list[tuple[int, Span]]] = {}  # head token → (steps up, DATE entity)
        for ent in chunk.ctx.ents:
            if ent.label_ in ("DATE", "TIME") and ent.start not in chunk.excluded:
                head, steps = self._attachment(ent)
                self.dates_at.setdefault(head, []).append((steps, ent))
        # the latest explicit year in the chunk, for yearless dates in a report with no publication date:
        # news tells of recent events
        years = [int(te.value[:4]) for te in times if te.value and te.anchor is None and te.value[:4].isdigit()]
        self.context_year: int | None = max(years, default=None)
        self.date_of = self._resolve_dates()
        self.date_text = ""  # the words of the date ``on`` found last

    def _attachment(self, ent: Span) -> tuple[int, int]:
        """The verb or trigger a DATE entity modifies, and how many steps up the tree it is."""
        tok = ent.root
        for steps in range(1, MAX_WALK):
            head = tok.head
            if head.i == tok.i:
                return tok.i, steps
            if head.i in self.entries or head.pos_ in ("VERB", "AUX"):
                return self._reporting_date(ent, head).i, steps
            tok = head
        return tok.i, MAX_WALK

    def _reporting_date(self, ent: Span, head: Token) -> Token:
        """"police said on Wednesday they had arrested": a date the parser hung on the reported clause but
        that stands before that clause's subject belongs to the reporting verb."""
        gov = head.head
        if head.dep_ != "ccomp" or gov.lemma_.lower() not in lx.REPORTING_VERBS or not gov.i < ent.start < head.i:
            return head
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return gov if subj is not None and ent.end <= subj.i else head

    def _resolve_dates(self) -> dict[int, timex.TimeValue]:
        """Every DATE/TIME entity's value, in text order. The pipeline has normalised absolute and
        publication-relative ones; a reference-relative one ("the same day", "two days later", "that
        evening") is resolved here against the date told just before it: the latest earlier expression no
        longer than a month (a founding year or "between 2019 and 2021" in between is no anchor)."""
        out: dict[int, timex.TimeValue] = {}
        reference: timex.TimeValue | None = None
        for ent in self.chunk.ctx.ents:
            if ent.label_ not in ("DATE", "TIME") or ent.start in self.chunk.excluded:
                continue
            value = self._date_value(ent, reference)
            if value is None:
                continue
            out[ent.start] = value
            span = dates.bounds(value.value) if value.value else None
            if span is not None and (span[1] - span[0]).days <= 31:
                reference = value
        return out

    def _date_value(self, ent: Span, reference: timex.TimeValue | None) -> timex.TimeValue | None:
        te = self.time_of.get(ent.start_char)
        text = ent.text
        value = timex.TimeValue(te.value, te.granularity, te.inferred, te.anchor) if te else timex.UNKNOWN
        if value.value is None:
            prev = self.doc[ent.start - 1] if ent.start > 0 else None
            candidates = [text]
            if prev is not None and prev.lower_ in ("the", "that", "this"):
                candidates.insert(0, f"{prev.lower_} {text}")  # spaCy leaves "the" out of "the same day"
            for cand in candidates:
                value = timex.normalize(cand, self.published, reference)
                if value.value is not None:
                    break
            if value.value is None and self.published is None and lx.MONTH_RE.search(text) \
                    and (year := self.context_year) is not None:
                value = timex.normalize(f"{text} {year}", None)
                value = timex.TimeValue(value.value, value.granularity, True, timex.PUBLISHED) \
                    if value.value is not None else value
        return value if value.value is not None else None

    def on(self, heads: list[Token]) -> timex.TimeValue | None:
        """The first date that normalises among those attached to ``heads`` (the trigger first, then the
        verbs that govern or describe it). On a borrowed head, "since 2019" or "until March" is not when
        the event happened."""
        found: list[tuple[int, int, Span]] = []
        for n, head in enumerate(heads):
            for steps, ent in self.dates_at.get(head.i, ()):
                if not self.chunk.same_segment(head, ent.root):
                    continue
                if n > 0 and ent.root.head.lower_ in lx.BOUNDARY_PREPS:
                    continue
                found.append((steps + (n > 0), abs(ent.start - head.i), ent))
        for _, _, ent in sorted(found, key=lambda x: (x[0], x[1])):
            value = self.date_of.get(ent.start)
            if value is not None:
                self.date_text = ent.text
                return value
        return None

    def fallback(self, tok: Token, etype: str) -> timex.TimeValue | None:
        """A date on the clause that governs the trigger ("arrested 11 people on Tuesday in a raid")."""
        cur = tok
        for _ in range(MAX_WALK - 2):
            head = cur.head
            if head.i == cur.i or not self.chunk.same_segment(head, tok):
                return None
            if head.pos_ == "VERB" and head.lemma_.lower() in lx.REPORTING_VERBS and etype != "statement":
                return None
            if cur.dep_ in ("relcl", "ccomp", "parataxis"):
                return None
            if cur.dep_ == "advcl" and not any(c.dep_ == "advmod" and c.lower_ in ("when", "as", "while")
                                               or c.dep_ == "mark" and c.lower_ in ("as", "while")
                                               for c in self.chunk.kids(cur)):
                return None
            value = self.on([head])
            if value is not None:
                return value
            cur = head
        return None

    def future(self, tok: Token) -> bool:
        cur = tok
        for _ in range(3):
            for c in self.chunk.kids(cur):
                if c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll"):
                    return True
            if cur.lemma_.lower() in lx.FUTURE_GOVERNORS and cur is not tok:
                return True
            if cur.dep_ not in ("xcomp", "pobj", "prep", "nsubjpass", "nsubj", "dobj", "acomp"):
                break
            cur = cur.head
        return False

    @staticmethod
    def shift_future(value: timex.TimeValue, published: dt.date, text: str) -> timex.TimeValue:
        """A future event's date read as a past one ("due in March", "will meet on Friday"): a yearless
        month or day moves a year on, a bare weekday a week on."""
        if value.anchor != timex.PUBLISHED or value.value is None or value.granularity not in ("day", "month"):
            return value
        b = dates.bounds(value.value)
        if b is None or b[1] >= published:
            return value
        if not lx.MONTH_RE.search(text) and value.granularity == "day":
            day = b[0] + dt.timedelta(days=7)
            return timex.TimeValue(day.isoformat(), "day", True, value.anchor)
        v = value.value
        return timex.TimeValue(f"{int(v[:4]) + 1:04d}{v[4:]}", value.granularity, True, value.anchor)
