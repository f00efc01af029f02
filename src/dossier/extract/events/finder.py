"""Events with type, trigger, date, place and participants, from the dependency parse (see docs/events.md).

``find_events(ctx, times)`` reads one parsed chunk and returns ``EventCandidate``s in token indices and
local-entity ids; ``records_builder`` turns them into ``Event`` records and asks ``attribution`` for modality.

How it works, in one pass over the chunk's sentences (linear in tokens):

1. **Triggers** are verbs and event nouns from the lexicon (``data/event_triggers.tsv``, read by
   ``events.lexicon``), checked against their syntactic context (rows may require an object, a particle, a
   modifier). Negated triggers, triggers inside a name and the dateline are skipped. Any other eventive
   verb or noun is an **open** trigger (type ``other``, kept with its lemma; docs/events.md, "Open events").
2. Triggers of one type that govern each other within a sentence ("signed an agreement", "announced at a
   news conference", "a conference was addressed by") form one **mention**.
3. **Arguments** come from the parse: participants from subjects, objects, "by" agents and "with / between /
   including / featuring / attended by" phrases, each with a role that depends on the event type; the place
   from an "in / at / near / outside" phrase attached to the trigger, its object or its subject; the date from
   a DATE entity attached to the trigger, else one attached to the clause that governs it. Reference-relative
   dates ("the same day", "two days later") are resolved against the date told just before.
4. **Coreference**: a definite mention ("the talks", "the operation"), a participial one ("those detained")
   or one marked "also" joins the latest earlier event of its type whose date and place do not conflict; a
   new mention that shares a participant or a known date with such an event joins it too. "another", "a
   second", "a separate" join only an event at the same named place; "both attacks", "two rallies" are
   dropped; plural nouns over several places split into one event per place. Headline mentions join the
   first body event of their type.

The steps live beside this module, one concept each: ``events.chunk`` (the dateline, headline lines and
segments, and the parse lookups the others share), ``events.triggers`` (step 1 and the grouping of step 2),
``events.args`` (participants and place), ``events.dates`` (dates, with reference-relative ones resolved) and
``events.coreference`` (step 4). This module runs them over a chunk, mention by mention in text order (the
body first, then the headline lines), and writes the candidates.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from dossier.extract.context import DocContext, EventCandidate
from dossier.extract.events import lexicon as lx
from dossier.extract.events.args import ArgumentReader, EventArgs
from dossier.extract.events.chunk import EventChunk
from dossier.extract.events.context import SentenceContext
from dossier.extract.events.coreference import ChunkEvent, Coreference
from dossier.extract.events.counts import CountCandidate, count
from dossier.extract.events.dates import EventDates
from dossier.extract.events.taxonomy import DEFAULT_CATEGORY
from dossier.extract.events.triggers import Mention, describes_holder, find_triggers, group_mentions, is_stative
from dossier.model import TimeExpression
from dossier.model.vocab import EventType as E
from dossier.model.vocab import ParticipantRole as R

__all__ = ["find_events"]


# Words that name people without saying who they are: a retelling's words ("two individuals were detained").
_PEOPLE_WORDS = frozenset({"individual", "man", "men", "person", "people", "suspect", "detainee", "one"})


class _Finder:
    """One pass over a chunk; ``run`` returns the candidates in trigger order."""

    def __init__(self, ctx: DocContext, times: list[TimeExpression]) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.chunk = EventChunk(ctx)
        self.counted: set[str] = set()  # the count kinds an earlier event has introduced people for
        self.told: list[tuple[ChunkEvent, CountCandidate]] = []  # the counts earlier events kept
        self.entries = find_triggers(self.chunk)
        # typed triggers read their arguments and dates as if the open ones were not there (an open verb
        # governing "brokered a ceasefire on Sunday" must not take the ceasefire's date); open ones see all
        typed = {i: e for i, e in self.entries.items() if not e.open}
        self.dates = EventDates(self.chunk, typed, times)
        self.reader = ArgumentReader(self.chunk, typed)
        self.open_dates = EventDates(self.chunk, self.entries, times)
        self.open_reader = ArgumentReader(self.chunk, self.entries)
        self.coref = Coreference(self.chunk, self.reader, self.dates.dates_at)
        self.around = SentenceContext(self.chunk, self.dates.date_of, self.open_dates.dates_at)

    def run(self) -> list[EventCandidate]:
        segment = self.chunk.segment
        bounds: list[tuple[int, int]] = []
        start = 0
        for i in range(1, len(self.doc) + 1):
            if i == len(self.doc) or segment[i] != segment[start]:
                bounds.append((start, i))
                start = i
        headline_end = self.chunk.headline_end
        headline = [b for b in bounds if b[1] <= headline_end]
        body = [b for b in bounds if b[1] > headline_end]
        for s, e in body:
            for mention in group_mentions(self.chunk, self.entries, s, e, headline=False):
                self._process(mention)
        for s, e in headline:
            for mention in group_mentions(self.chunk, self.entries, s, e, headline=True):
                self._process(mention)
        events = sorted(self.coref.events, key=lambda ev: ev.trigger.i)
        around = self.around
        around.index(events)
        for event in events:  # what its own clause did not give, from its sentence or the one before
            if event.date is None:
                event.date = around.date(event)
            if event.place is None:
                event.place = around.place(event)
                event.participants.pop(event.place or "", None)  # a place the parse took for a participant
        return _drop_umbrellas([self._candidate(e) for e in events], self.ctx)

    def _process(self, mention: Mention) -> None:
        """Arguments, date and mode of one mention; then it joins an earlier event or starts one (or several,
        one per place), unless its lexicon row's conditions drop it."""
        etype = mention.entry.type
        first = mention.tokens[0]
        open_ = mention.entry.open
        dates, coref = (self.open_dates if open_ else self.dates), self.coref
        reader = self.open_reader if open_ else self.reader
        if mention.entry.has("clause"):
            args = EventArgs()
            reader.anaphor_args(first, etype, args)
            heads = [first]
        else:
            args, heads = reader.arguments(mention)
        args.date = dates.on(heads)
        args.attached = args.attached or args.date is not None
        if args.date is None:
            for tok in mention.tokens:
                if tok.pos_ == "VERB":
                    args.date = dates.fallback(tok, etype)
                    if args.date is not None:
                        break
        if args.date is not None and dates.published is not None and any(dates.future(t) for t in mention.tokens):
            args.date = dates.shift_future(args.date, dates.published, dates.date_text)
        entry = mention.entry
        # a state or habit is no event ("the river rises in the highlands"); an open verb in the present tense
        # with a named participant is news told in the present ("Boeing says", "EADS wins")
        if args.date is None and first.pos_ == "VERB" and not mention.headline \
                and not (entry.open and args.participants) and is_stative(self.chunk, first):
            return
        if entry.open and first.pos_ == "VERB" and not mention.headline and describes_holder(self.chunk, first):
            return  # "who heads JuB", "has served as ambassador since February": a state, named or not
        if (entry.has("dated") and not args.attached) or (entry.has("owned") and not (args.owned or args.attached)) \
                or (entry.has("placed") and (args.place is None or not args.attached)):
            # too little for the lexicon's type ("announced" with no date): told, but as an open event
            if not entry.open and first.pos_ in ("VERB", "NOUN") and first.lemma_.lower() not in lx.NON_EVENT_VERBS:
                self._process(Mention([first], lx.open_entry(first.lemma_.lower(), first.pos_ == "VERB"),
                                      mention.headline))
            return
        if entry.open and not args.participants and not self._has_arguments(mention) and not _eventive_alone(first):
            # an event is a happening with participants: "the delivery" alone names none, unless the report
            # already told of a delivery: then it is one more mention of that one
            coref.retell(mention, args)
            return
        # a date told elsewhere in its sentence: not yet its own, but no event of another date may take it in
        context_date = self.around.sentence_date(first) if args.date is None else None
        mode = coref.mode(mention)
        places = coref.split_places(mention, args)
        if len(places) > 1:  # "separate meetings in Chisinau and Tiraspol": one event per place
            date = args.date
            if date is None and first.dep_ == "pobj":  # "killed ... on Wednesday in separate attacks"
                date = dates.on([first.head.head])
            for n, place_tok in enumerate(places):
                place = self.chunk.eid(place_tok)
                part = EventArgs(dict(args.participants), place, place_tok, args.place_pos, date, args.attached)
                part.participants.pop(place or "", None)
                # each needs its own trigger span: the later ones are anchored on their place name
                coref.emit(mention, part, "fresh", trigger=place_tok if n else None)
            return
        coref.emit(mention, args, mode, context_date=context_date)

    def _has_arguments(self, mention: Mention) -> bool:
        """A subject, object or "of"/"by" phrase on a trigger word: someone or something it happens to."""
        for tok in mention.tokens:
            for c in self.chunk.kids(tok):
                if c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "poss", "compound", "amod", "ccomp") \
                        and c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "VERB", "AUX", "NUM"):
                    return True
                if c.dep_ == "prep" and c.lower_ in ("of", "by", "for", "with", "against", "to") \
                        and any(g.dep_ == "pobj" for g in c.children):
                    return True
            if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
                return True
            if count(tok) is not None:  # "resulted in six villagers being killed": people it befell
                return True
        return False

    # ----------------------------------------------------------------------------------- output

    def _candidate(self, event: ChunkEvent) -> EventCandidate:
        date = event.date
        return EventCandidate(
            type=event.type,
            trigger=self._trigger_span(event.trigger),
            label=self._label(event),
            date=date.value if date else None,
            date_granularity=date.granularity if date else None,
            date_inferred=date.inferred if date else False,
            place=event.place,
            participants=tuple(event.participants.items()),
            sentences=tuple(event.sentences),
            pattern=event.pattern,
            category=self._category(event),
            lemma=event.word.lemma_.lower() if event.word.pos_ in ("VERB", "NOUN") else event.entry.lemma,
            mentions=tuple(sorted(self._trigger_span(t) for t in event.tokens)),
            counts=self._counts(event),
        )

    def _category(self, event: ChunkEvent) -> str:
        """The finest CAMEO code any of the event's trigger words names, else the type's default."""
        for tok in event.tokens:
            entry = self.entries.get(tok.i)
            if entry is not None and entry.category and entry.type == event.type:
                return entry.category
        return event.entry.category or DEFAULT_CATEGORY.get(event.type, "other")

    def _counts(self, event: ChunkEvent) -> tuple[CountCandidate, ...]:
        """The counts, one per telling that adds people. Mentions that introduce people ("detained two
        suspects", "and a facilitator") add up; those that name people already counted ("the insurgents were
        detained") retell, so they count only when nothing else does (then the largest), and not at all when an
        earlier event of the report has counted people of that kind."""
        by_kind: dict[str, list[CountCandidate]] = {}
        headline = self.chunk.headline_end
        for tok in sorted(event.tokens, key=lambda t: t.i):
            if tok.i in event.retold:
                continue  # a bare retelling names no one new
            for word in (tok, *self._consequences(tok)):
                got = count(word)
                if got is not None:
                    by_kind.setdefault(got.kind, []).append(got)
        out: list[CountCandidate] = []
        for kind in sorted(by_kind):
            told = by_kind[kind]
            if any(c.tokens[0] >= headline for c in told):  # the headline restates what the body tells
                told = [c for c in told if c.tokens[0] >= headline]
            fresh = [c for c in told if not c.definite and not self._retold(event, c)]
            seen: set[tuple[int, str, bool]] = set()
            vague: CountCandidate | None = None
            # how many people the event's own words retell ("identified and detained the financier"): people
            # the report counted before, wherever the context placed this retelling
            retelling = max((c.value for c in told if c.definite and not c.numberless), default=0)
            for c in fresh:  # "detained two suspects" in the lead and again in the body: one telling
                key = (c.value, self.doc[c.tokens[1] - 1].lemma_.lower(), c.numberless)
                if key in seen and not c.additional:
                    continue
                # a floor after a floor, or a group without a number after any group, tells the same people;
                # a number after "several" gives their number (and ``_drop_umbrellas`` drops "several")
                if c.vague and not c.additional and (
                        vague is not None and (c.numberless or not vague.numberless) or c.numberless and not (
                        c.more or c.known) and any(o.kind == kind and o.value > 1 for o in out)):
                    continue  # "several suspects", then "several individuals were detained": one group
                if not (c.vague or c.more or c.known) and any(
                        o.kind == kind and not o.vague and o.value == c.value
                        and self._sentence(o) != self._sentence(c) for o in out):
                    continue  # "detained one suspected leader", then "detained one suspected insurgent"
                if c.known and self._told_total(kind, out) >= c.known + c.value:
                    continue  # "the leader and two associates" after "two suspects and a leader": all told
                if c.confirmed and not c.additional and (self._told_total(kind, out, event) >= c.value or (
                        retelling >= c.value and self._told_total(kind, out) >= c.value)):
                    # "ISAF confirmed the capture of a leader" after the report counted him; or joined to an
                    # event that retells a man counted before ("detained the Haqqani financier"), whose place
                    # the context set apart from the lead's: the confirmation names no one new
                    continue
                seen.add(key)
                vague = c if c.vague and vague is None else vague
                out.append(c)
            exact = [c for c in told if c.definite and not c.numberless]
            mine = [o for o in out if o.kind == kind]
            if exact and mine and max(c.value for c in exact) > sum(o.value for o in mine):
                # "detained several suspects ... the five suspects were detained", "captured a facilitator ...
                # both men were detained": a retelling that says how many there were gives the number
                out = [o for o in out if o.kind != kind] + [max(exact, key=lambda c: c.value)]
            if not fresh and kind not in self.counted:
                out.append(max(told, key=lambda c: c.value))
            # "the security force detained him and his associates", told as an event of its own after the
            # lead counted them, names people counted before: it adds no one
        self.counted.update(c.kind for c in out)
        self.told.extend((event, c) for c in out)
        return tuple(out)

    def _consequences(self, tok: Token) -> list[Token]:
        """Casualty nouns an event word has as its outcome and that are no event of their own: "resulted in ten
        deaths", "caused seven injuries", "left three deaths". Their count is the event's."""
        if tok.lemma_.lower() not in _OUTCOME_VERBS:
            return []
        outs = [c for c in self.chunk.kids(tok) if c.dep_ == "dobj"]
        outs += [g for c in self.chunk.kids(tok) if c.dep_ == "prep" and c.lower_ == "in"
                 for g in c.children if g.dep_ == "pobj"]
        taken = {t.i for ev in self.coref.events for t in ev.tokens}
        return [o for o in outs if o.pos_ == "NOUN" and o.i not in taken]

    def _told_total(self, kind: str, out: list[CountCandidate], at: ChunkEvent | None = None) -> int:
        """How many people of a kind the report has counted so far (at a place that agrees with ``at``'s)."""
        return sum(b.value for before, b in self.told if b.kind == kind and (at is None or self._same_place(
            before, at))) + sum(o.value for o in out if o.kind == kind)

    def _same_place(self, a: ChunkEvent, b: ChunkEvent) -> bool:
        """No conflicting places: the same, one inside the other, or one not told."""
        return a.place is None or b.place is None or a.place == b.place or self.ctx.places_nest(a.place, b.place)

    def _sentence(self, c: CountCandidate) -> int:
        return self.doc[c.tokens[0]].sent.start

    def _retold(self, event: ChunkEvent, c: CountCandidate) -> bool:
        """People an earlier event of the report counted, told again in other words as an event of its own:
        a vague group after a vague group ("several suspected insurgents", then "several individuals were
        detained"), or the same number of a bare word for people ("two suspected insurgents", then "two
        individuals"), at no conflicting place. "Additional", "other", "also" mark new people."""
        if c.additional:
            return False
        noun = self.doc[c.tokens[1] - 1].lemma_.lower()
        told = 0
        for before, b in self.told:
            if b.kind != c.kind or before is event or not self._same_place(before, event):
                continue
            told += b.value
            if c.vague and b.vague and (c.numberless or not b.numberless) \
                    or c.numberless and not (c.more or c.known) and b.value > 1:
                return True  # a group without a number after a group counted: "several men were detained"
            if not c.more and c.value == b.value and noun in _PEOPLE_WORDS:
                return True
        return c.confirmed and told >= c.value  # "confirmed the capture of a leader" the report counted

    def _trigger_span(self, tok: Token) -> tuple[int, int]:
        """The trigger word, with a hyphenated prefix ("run-off") or particle ("stepped down")."""
        start, end = tok.i, tok.i + 1
        if tok.i >= 2 and self.doc[tok.i - 1].text == "-" and not self.doc[tok.i - 2].whitespace_:
            start = tok.i - 2
        for c in self.chunk.kids(tok):
            if c.dep_ == "prt" and c.i == end:
                end = c.i + 1
        return start, end

    def _label(self, event: ChunkEvent) -> str:
        tok = event.word
        if tok.pos_ == "VERB":
            # an open verb is labelled by its own word ("ground"), never by the class name, so that events of
            # different words never share a trigger key downstream
            base = event.entry.label or (event.word.lemma_.lower() if event.entry.open else event.type)
        else:
            mods = [c for c in self.chunk.kids(tok) if c.dep_ in ("compound", "amod") and c.i < tok.i
                    and self.chunk.eid(c) is None and c.ent_type_ == "" and c.pos_ in ("NOUN", "ADJ")]
            base = " ".join([m.lower_ for m in mods[-1:]] + [tok.lower_])
        names = [self.ctx.entity_name.get(e, e) for e in event.participants]
        parts = [base]
        if event.type in ("meeting", "agreement") and len(names) == 2:
            parts.append(f"between {names[0]} and {names[1]}")
        elif event.type in (E.ARREST, E.TRIAL, E.SANCTION) and names:
            role_names = [self.ctx.entity_name.get(e, e) for e, r in event.participants.items()
                          if r in (R.ARRESTED, R.DEFENDANT, R.TARGET)]
            if role_names:
                parts.append(f"of {role_names[0]}")
        if event.place is not None:
            parts.append(f"in {self.ctx.entity_name.get(event.place, event.place)}")
        return " ".join(parts)


# Verbs whose object (or "in" phrase) is what an event led to: "resulted in ten deaths", "caused injuries".
_OUTCOME_VERBS = frozenset({"result", "cause", "leave", "claim", "inflict"})


def _drop_umbrellas(events: list[EventCandidate], ctx: DocContext) -> list[EventCandidate]:
    """A vague count of a summary that a later telling of the report gives exactly covers those people, it does
    not add to them: "several insurgents were killed in operations across southern Afghanistan" then "the team
    killed two insurgents" is two killed, not "at least three" and two. A summary is placed no finer than a
    country (no province known); a vague count at a province or district is a telling of its own. The
    umbrella's event keeps its other counts."""
    told = [(c.tokens[0], i, c) for i, ev in enumerate(events) for c in ev.counts]
    drop: set[tuple[int, int]] = set()

    def agree(a: str | None, b: str | None) -> bool:
        if a is None or b is None or a == b or ctx.places_nest(a, b):
            return True
        # a province and a place the gazetteer cannot put in any province ("Tarnek wa Jaldak district"): the
        # report tells no conflict
        pa, pb = ctx.place_admin1.get(a), ctx.place_admin1.get(b)
        return (pa is not None and pa[1] and pb is None) or (pb is not None and pb[1] and pa is None)

    for start, i, c in told:
        place = events[i].place
        summary = place is None or place not in ctx.place_admin1
        if not c.vague or c.more or c.known:
            continue
        if any(d.kind == c.kind and d.tokens[0] > start and (
                (summary and not d.vague) or (c.numberless and not d.numberless and not d.more
                                              and agree(place, events[j].place))) for _, j, d in told):
            drop.add((i, start))
    if not drop:
        return events
    return [replace(ev, counts=tuple(c for c in ev.counts if (i, c.tokens[0]) not in drop)) if any(
        k == i for k, _ in drop) else ev for i, ev in enumerate(events)]


def find_events(ctx: DocContext, times: list[TimeExpression]) -> list[EventCandidate]:
    """Events described in one parsed chunk, one candidate per real-world occurrence."""
    return _Finder(ctx, times).run()


def _eventive_alone(tok: Token) -> bool:
    """A noun annotators mark as an event (``data/event_nouns.txt``) is one without arguments ("after the
    earthquake", "in negotiations"), except as a modifier of another noun ("a security operation")."""
    return tok.pos_ == "NOUN" and tok.dep_ != "compound" and tok.lemma_.lower() in lx.eventive_nouns()
