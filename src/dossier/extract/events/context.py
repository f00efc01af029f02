"""An event's date and place from the sentences around it, when its own clause gives none.

The parse attaches a date or place to a trigger only through the tree; real reports often put them elsewhere in
the sentence ("During a security operation in Andar district, Ghazni province, yesterday, a force killed …",
where "yesterday" hangs on the main verb, not on "operation"), or in the sentence before ("On February 5, a
significant event unfolded in Rawalakot. Leaders … shared the stage …"). In that order we look in:

1. the event's own sentences: the one date the trigger's sentence tells (none when it tells two that differ);
   the first place a locative phrase names ("in / at / near X" on a verb or an event word), else, in the
   trigger's own sentence only, the place nearest the trigger;
2. the sentence just before its first sentence, when that sentence is story text (not the headline or the
   dateline) and tells no event of its own that has a date or place, which would own them;
3. for the date only, and only for an event told in the *lead* (the first sentence of the story) of a report
   whose dateline gives the date: the dateline's date, marked inferred. A dated dateline says the lead is the
   news of that day ("KABUL, Afghanistan (Oct. 5, 2011) In Ghorak district, … a force detained …"); events
   later in the report are not assumed to be that day's. A bulletin with no dateline that heads itself with
   its date ("June 17: Afghan-ISAF Operations in Southern Afghanistan") says the same of its lead.

Places are looked for only for events that happen somewhere (meetings, attacks, operations, protests,
elections, infiltrations, arrests, trials, visits): a statement, a sanction or a payment is not "in" the
places its sentence names. Dates that bound a period ("since 2019", "until March") are not when anything
happened and are skipped, as are decades and ranges. The dateline's *place* is never taken: it is where the
report was filed (every ISAF release is filed in Kabul; its events are in the provinces). An event that finds
nothing keeps ``date: null`` and no place, and its evidence stays its own sentences.
"""

from __future__ import annotations

import bisect
import datetime as dt

from spacy.tokens import Span, Token

from dossier.extract.events import lexicon as lx
from dossier.extract.events.chunk import EventChunk
from dossier.extract.events.coreference import ChunkEvent
from dossier.extract.time import timex
from dossier.extract.token_words import token_words
from dossier.ingest.dateline import dated_heading
from dossier.model import EntityType, dates

__all__ = ["SentenceContext"]

_STORY_SENTENCES = 4  # how far back the story's place is looked for
_SHORT_SPAN_DAYS = 2  # "over the past 24 hours", "the last two days": a span that dates a report's news
_FRAGMENT_WORDS = 12  # the longest verbless "sentence" read as the end of the one before
_POINT_GRANULARITIES = frozenset({"day", "week", "month", "season", "year", "time", "minute", "hour"})


def _when(value: timex.TimeValue) -> bool:
    """A value that says when something happened: a point of any size ("Tuesday", "March", "2010"), or a span
    of a day or two reckoned from the report ("over the past 24 hours"); not a long range ("since 2019")."""
    if value.granularity in _POINT_GRANULARITIES:
        return True
    span = dates.bounds(value.value) if value.granularity == "range" and value.value else None
    return span is not None and (span[1] - span[0]).days <= _SHORT_SPAN_DAYS


def _dated_title(title: str | None, published: dt.date) -> bool:
    """The report's title is a heading that carries its publication date ("June 17: Operations in …")."""
    md = dated_heading(title.strip()) if title else None
    return md is not None and (md.month, md.day) == (published.month, published.day)


class SentenceContext:
    """Fills an event's missing date and place from its sentence, then the one before."""

    def __init__(self, chunk: EventChunk, date_of: dict[int, timex.TimeValue],
                 dates_at: dict[int, list[tuple[int, Span]]] | None = None) -> None:
        self.chunk = chunk
        self.doc = chunk.doc
        self.date_of = date_of
        # DATE entity start → the verb or trigger it hangs on (``EventDates.dates_at`` inverted)
        self.date_head = {ent.start: head for head, found in (dates_at or {}).items() for _, ent in found}
        self.typed_words: set[int] = set()  # trigger words of typed events: a date they hang on is theirs
        table = token_words(self.doc)
        self.reporting = {i for i, (pos, lemma) in enumerate(zip(table.pos, table.lemma, strict=True))
                          if pos == "VERB" and lemma in lx.REPORTING_VERBS}
        self.lead = self._lead()
        # sentence start → whether an event told there has a date / a place of its own
        self.dated_at: set[int] = set()
        self.placed_at: set[int] = set()
        self.event_words: set[int] = set()
        self.events: list[ChunkEvent] = []
        self.event_at: list[int] = []
        # the entities once, in text order: ``Span.ents`` walks every entity of the document on each call, which
        # made a long report quadratic (a sentence's ents are read per event mention)
        self.ents = list(chunk.ctx.ents)
        self.ent_starts = [ent.start for ent in self.ents]

    def sentence_date(self, trigger: Token) -> timex.TimeValue | None:
        """The date told in the trigger's own sentence, nearest the trigger (step 1 for one mention). Given
        to a mention before coreference, so that "numerous events were conducted on February 5" cannot join
        the meeting of August 5 told just before it (and lend it its sentence as evidence)."""
        return self._date_in(self.chunk.ctx.sentence(trigger.i), trigger)

    def index(self, events: list[ChunkEvent]) -> None:
        """Note which sentences tell a typed event with a date or a place of its own (they own them), and
        the event words a locative phrase may hang on. Open events (docs/events.md) own nothing: they are
        often the same happening told in general words before the typed telling."""
        self.event_words = {t.i for ev in events for t in (ev.trigger, ev.word)}
        self.typed_words = {t.i for ev in events if not (ev.entry.open and not ev.entry.category) for t in ev.tokens}
        self.events = events  # in trigger order (``events.py`` sorts them)
        self.event_at = [ev.trigger.i for ev in events]
        for ev in events:
            if ev.entry.open and not ev.entry.category:
                continue  # an open event ("a significant event unfolded on May 5") is no typed event's rival
            for s in ev.sentences:
                if ev.date is not None:
                    self.dated_at.add(s)
                if ev.place is not None:
                    self.placed_at.add(s)

    def _lead(self) -> tuple[int, timex.TimeValue] | None:
        """The lead sentence's start and the dateline's date, when the report has a dated dateline."""
        ctx = self.chunk.ctx
        if ctx.offset != 0 or ctx.published is None:
            return None
        # the dateline's tokens (``excluded``): no dateline in this text, no lead to date, unless the heading
        # dates the bulletin
        if not (ctx.document.dateline_place and self.chunk.excluded) and not _dated_title(
                ctx.document.title, ctx.published):
            return None
        for sent in self.doc.sents:
            if sent.end <= self.chunk.headline_end:
                continue
            if any(t.i not in self.chunk.excluded and not t.is_space and not t.is_punct for t in sent):
                value = timex.TimeValue(ctx.published.isoformat(), "day", True, timex.PUBLISHED)
                return sent.start, value
        return None

    def _ents_in(self, span: Span) -> list[Span]:
        """``span.ents`` (the entities wholly inside it, in order), found by bisection."""
        found: list[Span] = []
        for ent in self.ents[bisect.bisect_left(self.ent_starts, span.start):]:
            if ent.end > span.end:
                break
            found.append(ent)
        return found

    def _sentences(self, event: ChunkEvent) -> list[Span]:
        return [self.chunk.ctx.sentence(s) for s in sorted(set(event.sentences)) if 0 <= s < len(self.doc)]

    def _previous(self, sent: Span) -> Span | None:
        if sent.start == 0:
            return None
        prev = self.chunk.ctx.sentence(sent.start - 1)
        if prev.end <= self.chunk.headline_end or all(t.i in self.chunk.excluded or t.is_space for t in prev):
            return None
        return prev

    def _fragment_after(self, sent: Span) -> Span | None:
        """The next sentence when it is a verbless fragment the parser split off the end of this one
        ("… during an operation in Muhammad | Aghah district, Logar province, Tuesday.")."""
        if sent.end >= len(self.doc) or sent.end <= self.chunk.headline_end:
            return None
        nxt = self.chunk.ctx.sentence(sent.end)
        last = next((t for t in reversed(sent) if not t.is_space), sent[-1])
        if "\n" in self.chunk.ctx.text[last.idx + len(last.text) : nxt.start_char]:
            return None  # a line of its own: a date line under a headline
        words = [t for t in nxt if not t.is_space and not t.is_punct]
        if not words or len(words) > _FRAGMENT_WORDS or any(t.pos_ in ("VERB", "AUX") for t in words):
            return None
        return nxt

    def date(self, event: ChunkEvent) -> timex.TimeValue | None:
        own = self._sentences(event)
        mine = {t.i for t in event.tokens}
        for sent in own + [f for f in (self._fragment_after(own[-1]) if own else None,) if f is not None]:
            value = self._date_in(sent, event.trigger, mine)
            if value is not None:
                return value
        prev = self._previous(own[0]) if own else None
        if prev is not None and prev.start not in self.dated_at:
            value = self._date_in(prev, event.trigger)
            if value is not None:
                return value
        if self.lead is not None and any(s.start == self.lead[0] for s in own):
            return self.lead[1]
        return self._story_date(event, own)

    def _story_date(self, event: ChunkEvent, own: list[Span]) -> timex.TimeValue | None:
        """The day the story is at (step 4): the date of the nearest dated event told before this one in the
        body, when no other date is told in between, marked inferred. Only for happenings (an arrest, a raid,
        a killing: "the force also detained numerous suspected insurgents"); what someone says, denies or
        maintains is not dated by the story around it."""
        if not own or event.trigger.i < self.chunk.headline_end or not self._happens_somewhere(event):
            return None
        earlier = self.events[: bisect.bisect_left(self.event_at, event.trigger.i)]
        last = next((ev for ev in reversed(earlier) if ev.date is not None
                     and ev.trigger.i >= self.chunk.headline_end), None)
        if last is None:
            return None
        value = last.date
        if value is None or value.value is None or not (value.granularity == "day" or _when(value)
                                                        and value.granularity == "range"):
            return None
        start = self.doc[last.trigger.i].sent.start
        for ent in self._ents_in(self.doc[start : own[0].start]):
            if ent.label_ not in ("DATE", "TIME") or ent.start in self.chunk.excluded:
                continue
            other = self.date_of.get(ent.start)
            if other is None or other.value is None or other.value == value.value:
                continue
            inside, around = dates.bounds(value.value), dates.bounds(other.value)
            if other.granularity == "range" and _when(other) and inside is not None and around is not None \
                    and around[0] <= inside[0] and inside[1] <= around[1]:
                value = other  # "killed … over the past 24 hours" (the lead's day): the story is in that span
                continue
            return None
        return timex.TimeValue(value.value, value.granularity, True, value.anchor)

    def place(self, event: ChunkEvent) -> str | None:
        """The trigger's sentence, then the event's other sentences (a locative phrase only: "the situations
        in Kashmir" is not where a conference met), then the sentence before."""
        if not self._happens_somewhere(event):
            return None  # a statement, sanction or payment is not "in" the places its sentence names
        own = self._sentences(event)
        for sent in sorted(own, key=lambda s: not s.start <= event.trigger.i < s.end):
            found = self._place_in(sent, event, nearest=sent.start <= event.trigger.i < sent.end)
            if found is not None:
                return found
        prev = self._previous(own[0]) if own else None
        if prev is not None and prev.start not in self.placed_at:
            found = self._place_in(prev, event)
            if found is not None:
                return found
        return self._story_place(event, own)

    def _story_place(self, event: ChunkEvent, own: list[Span]) -> str | None:
        """Where the story is (step 4): going back from the event's sentence through the body (a few sentences
        at most), the place of the nearest sentence that tells a placed event or names a place in a locative
        phrase ("… during an operation in Sar-e Pul district today. […] The force also detained numerous
        suspected insurgents"): the story goes on where it was last said to be."""
        if not own or event.trigger.i < self.chunk.headline_end:
            return None
        sent: Span | None = own[0]
        for _ in range(_STORY_SENTENCES):
            sent = self._previous(sent) if sent is not None else None
            if sent is None:
                return None
            if sent.start in self.placed_at:
                placed = [ev for ev in self.events if sent.start <= ev.trigger.i < sent.end and ev.place is not None]
                if placed:
                    return placed[-1].place
            found = self._place_in(sent, event, nearest=False, phrase=True)
            if found is not None:
                return found
        return None

    @staticmethod
    def _happens_somewhere(event: ChunkEvent) -> bool:
        """Meetings, attacks, operations, arrests, … and open violence ("killed"): not statements or sanctions."""
        return event.type in lx.TYPES_WITH_MODIFIER_PLACE or bool(event.entry.open and event.entry.category)

    def _date_in(self, sent: Span, trigger: Token, mine: set[int] | None = None) -> timex.TimeValue | None:
        """The one date the sentence tells; ``None`` when it tells none, or two that differ (which one the
        event took is for the parse to say, and it did not). With ``mine`` (the event's own trigger words),
        a date that hangs on another typed event's trigger is that event's and leaves the rest: "detained a
        facilitator linked to the murder of a local Afghan in March in Kandahar province yesterday" tells
        the detention's day ("in March" is the murder's)."""
        found: list[tuple[int, timex.TimeValue, int | None]] = []
        for ent in self._ents_in(sent):
            if ent.label_ not in ("DATE", "TIME") or ent.start in self.chunk.excluded:
                continue
            value = self.date_of.get(ent.start)
            if value is None or value.value is None or not _when(value):
                continue
            before = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if ent.root.head.lower_ in lx.BOUNDARY_PREPS or before in lx.BOUNDARY_PREPS:
                continue
            found.append((abs(ent.start - trigger.i), value, self.date_head.get(ent.start)))
        if mine is not None and len({v.value for _, v, _ in found}) > 1:
            # two dates: one on a reporting verb is when the news was told ("police said on Wednesday they had
            # arrested"), one on another typed event is that event's ("a firm Washington blacklisted earlier
            # this month"); a date left free of both is the event's
            found = [f for f in found if f[2] is None or f[2] in mine
                     or (f[2] not in self.reporting and f[2] not in self.typed_words)]
        if len({v.value for _, v, _ in found}) != 1:
            return None
        return min(found, key=lambda f: f[0])[1]

    def _locative(self, tok: Token) -> bool:
        """``tok`` names where something happened: it is (in apposition or coordination with) the object of
        "in / at / near …" on a verb or an event word ("unfolded in Rawalakot", "an operation in Andar
        district, Ghazni province"), not on any noun ("the situations in Kashmir")."""
        for _ in range(4):
            if tok.dep_ in ("appos", "conj", "compound", "npadvmod") and tok.head.i != tok.i:
                tok = tok.head
                continue
            break
        if tok.dep_ != "pobj" or tok.head.lower_ not in lx.LOC_PREPS:
            return False
        gov = tok.head.head
        return gov.pos_ in ("VERB", "AUX") or gov.i in self.event_words

    def _after_preposition(self, ent: Span) -> bool:
        """The name closes a phrase that "in / at / near …" opens, whatever the parse made of it: "In Argo
        district, Badakhshan province, a force detained …" (parsed with the province as the subject)."""
        i = ent.start - 1
        for _ in range(8):
            if i < 0:
                return False
            tok = self.doc[i]
            if tok.lower_ in lx.LOC_PREPS and tok.pos_ == "ADP":
                return True
            if tok.pos_ not in ("PROPN", "NOUN", "DET", "ADJ", "PUNCT") or tok.text in (".", ";", ":", "(", ")"):
                return False
            i -= 1
        return False

    def _place_in(self, sent: Span, event: ChunkEvent, nearest: bool = True, phrase: bool = False) -> str | None:
        """The first place a locative phrase names ("unfolded in Rawalakot, located in …"), else, when
        ``nearest``, the place nearest the trigger ("a patrol in Zharay district recovered …"). A name used
        as a modifier ("Pakistan-based", "Pakistan's") is no event's place. ``phrase``: a place closing an
        "in / at / near …" phrase counts however the parser attached it, but no nearest place is taken."""
        best: tuple[int, int, str] | None = None
        for ent in self._ents_in(sent):
            if ent.start in self.chunk.excluded:
                continue
            eid = self.chunk.eid(self.doc[ent.start])
            if eid is None or self.chunk.etype(eid) != EntityType.PLACE:
                continue
            after_prep = (nearest or phrase) and self._after_preposition(ent)  # not trusted in another event's sentence
            if eid in event.participants and not after_prep:
                continue  # a country as a party ("Pakistan and India signed"), not where it happened
            nxt = self.doc[ent.end] if ent.end < len(self.doc) else None
            if nxt is not None and (nxt.tag_ == "POS" or (nxt.text in ("-", "‐") and not ent[-1].whitespace_)):
                continue
            if self._locative(ent.root) or after_prep:
                key = (0, ent.start)
            elif nearest:
                key = (1, abs(ent.start - event.trigger.i))
            else:
                continue
            if best is None or key < best[:2]:
                best = (*key, eid)
        return best[2] if best else None
