"""Within-document event coreference: which mentions tell of the same real-world event.

A report tells of one event several times ("police raided a compound in Porac on Tuesday ... The raid
..."), and a record per mention would multiply the events of the graph. Each mention therefore either joins
an earlier event of its type or starts a new one, decided by how it refers (its *mode*) and by whether the
candidates' dates and places conflict with its own:

* a definite mention ("the talks", "the operation"), a participial one ("those detained") or one marked
  "also" joins the latest earlier event of its type whose date and place do not conflict;
* a new mention that shares a participant or a known date with such an event joins it too, as does one that
  tells nothing of its own (but not a summary placed no finer than a country once the story has moved to a
  province) or is told again in the very next sentence;
* "another", "a second", "a separate" join only an event at the same named place; "both attacks", "two
  rallies" refer to several events at once and are dropped; a plural noun over several places ("separate
  meetings in Chisinau and Tiraspol") is split into one event per place;
* headline mentions restate the story: they join the first body event of their type or are dropped.

Only the latest ``_MAX_CANDIDATES`` events are considered, which keeps the work per mention constant. An
event noun that sets the scene of another event ("arrested 11 people in a raid") shares its date, place and
agents with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from spacy.tokens import Span, Token

from dossier.extract.events import lexicon as lx
from dossier.extract.events.args import ArgumentReader, EventArgs, slot_role
from dossier.extract.events.chunk import MAX_WALK, EventChunk
from dossier.extract.events.counts import count
from dossier.extract.events.lexicon import Entry
from dossier.extract.events.triggers import Mention, is_participial
from dossier.extract.time import timex
from dossier.model import EntityType, dates
from dossier.model.vocab import ParticipantRole as R

__all__ = ["ChunkEvent", "Coreference"]

_MAX_CANDIDATES: Final = 24  # earlier events considered for coreference


@dataclass(slots=True)
class ChunkEvent:
    """An event of the chunk, as its mentions are merged into it."""

    type: str
    trigger: Token
    entry: Entry
    date: timex.TimeValue | None
    place: str | None
    participants: dict[str, str | None]
    sentences: list[int]
    pattern: str
    word: Token  # the lexical trigger, for the label (``trigger`` may be a place name when a mention splits)
    tokens: list[Token] = field(default_factory=list)  # the trigger words of every mention merged into it
    retold: set[int] = field(default_factory=set)  # trigger words of bare retellings: their counts are not read
    # the one date its first sentence tells, when its clause gave none: not yet its date (``context.py`` gives
    # it at the end), but a later mention's date that contains it does not take its place
    told_date: timex.TimeValue | None = None


def _speech(entry: Entry) -> bool:
    """An open reporting verb ("said", "told", "denied"): each speaker's saying is a speech act of its own."""
    return entry.open and entry.verb and entry.lemma in lx.SPEAKING_VERBS


class Coreference:
    """The events of one chunk so far; ``emit`` adds a mention to them."""

    def __init__(self, chunk: EventChunk, reader: ArgumentReader,
                 dates_at: dict[int, list[tuple[int, Span]]]) -> None:
        self.chunk = chunk
        self.doc = chunk.doc
        self.reader = reader
        self.dates_at = dates_at
        self.events: list[ChunkEvent] = []
        self.event_of: dict[int, ChunkEvent] = {}  # trigger token → its event

    # ----------------------------------------------------------------------------------- modes

    def mode(self, mention: Mention) -> str:
        """How a mention may join earlier events: new (a verb or bare noun), indefinite ("a meeting"), anaphor
        ("the talks", "also arrested": joins the latest compatible event, else starts one), specified ("the
        arrest of X": joins an event with a participant or the place in common), plural ("the
        arrests": joins the only compatible event), only (joins or is dropped: "those detained"), fresh
        ("another", "a separate": joins only an event at the same named place), multi ("both attacks", "two
        rallies": refers to several events at once and is dropped)."""
        chunk = self.chunk
        if mention.entry.has("only"):
            return "only"
        modes: list[str] = []
        for tok in mention.tokens:
            if tok.pos_ == "VERB":
                words = {c.lower_ for c in chunk.kids(tok) if c.dep_ in ("advmod", "npadvmod")}
                subj, _ = chunk.subject(tok)
                subj_mods = {c.lower_ for c in chunk.kids(subj)} if subj is not None else set()
                if words & lx.FRESH_ADVERBS or subj_mods & lx.FRESH:
                    modes.append("fresh")
                elif is_participial(chunk, tok):
                    # "those detained" refers back; "a group founded in 2015 by X" tells of the event itself
                    told = tok.i in self.dates_at or any(c.dep_ == "agent" for c in chunk.kids(tok))
                    modes.append("new" if told else "only")
                elif words & lx.ALSO:
                    modes.append("anaphor")
                else:
                    modes.append("new")
                continue
            mods = {c.lower_ for c in chunk.kids(tok) if c.dep_ in ("det", "amod", "predet", "poss", "nummod")}
            plural = tok.tag_ in ("NNS", "NNPS") and not mention.entry.has("plural")
            counted = any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") for c in chunk.kids(tok))
            if mods & lx.MULTI or (counted and plural):
                modes.append("multi")  # "both attacks", "two separate rallies": several events at once
            elif mods & lx.FRESH:
                modes.append("fresh")
            elif mods & lx.DEFINITE and self._specified(tok):
                modes.append("specified")  # "the arrest of two brothers": a first mention, made definite
            elif mods & lx.DEFINITE:
                modes.append("plural" if plural else "anaphor")
            elif mods & {"a", "an"}:
                modes.append("indefinite")
            else:
                modes.append("new")
        for mode in ("multi", "fresh", "only", "anaphor", "plural", "specified", "indefinite"):
            if mode in modes:
                return mode
        return "new"

    def _specified(self, noun: Token) -> bool:
        """A definite event noun that says which event it is ("the arrest of two brothers", "the attack on
        the base"), as opposed to one that points back ("the arrest")."""
        for c in self.chunk.kids(noun):
            if c.dep_ == "prep" and c.lower_ == "of" and any(
                    p.dep_ == "pobj" and p.pos_ != "PRON" for p in self.chunk.kids(c)):
                return True
        return False

    # ----------------------------------------------------------------------------------- candidates

    def _compatible(self, event: ChunkEvent, date: timex.TimeValue | None, place: str | None) -> bool:
        if place is not None and event.place is not None and place != event.place \
                and not self.chunk.ctx.places_nest(place, event.place):
            return False
        if date is None or event.date is None or date.value is None or event.date.value is None:
            return True
        a, b = dates.bounds(date.value), dates.bounds(event.date.value)
        if a is None or b is None:
            return date.value == event.date.value
        return a[0] <= b[1] and b[0] <= a[1]

    def _antecedents(self, etype: str, date: timex.TimeValue | None, place: str | None) -> list[ChunkEvent]:
        out = []
        for event in reversed(self.events[-_MAX_CANDIDATES:]):
            if event.entry.kind == etype and self._compatible(event, date, place):
                out.append(event)
        return out

    @staticmethod
    def _narrower(a: timex.TimeValue, b: timex.TimeValue) -> bool:
        """True when ``a`` lies within ``b`` and is shorter."""
        ba = dates.bounds(a.value) if a.value else None
        bb = dates.bounds(b.value) if b.value else None
        if ba is None or bb is None:
            return False
        return bb[0] <= ba[0] and ba[1] <= bb[1] and (ba[1] - ba[0]) < (bb[1] - bb[0])

    def retell(self, mention: Mention, args: EventArgs) -> bool:
        """Join an open mention that names no participant to the latest earlier event of its word whose date
        and place do not conflict ("the negotiations", "the explosion" after the report told of them): one more
        mention of that event, never an event of its own. False when there is none."""
        cands = self._antecedents(mention.entry.kind, args.date, args.place)
        if not cands:
            return False
        self._merge(cands[0], mention, args, mention.tokens[0].sent.start)
        cands[0].retold.update(t.i for t in mention.tokens)  # "killing two" after "killed two insurgents"
        return True

    def _merge(self, event: ChunkEvent, mention: Mention, args: EventArgs, sent: int) -> None:
        for eid, role in args.participants.items():
            if eid != event.place and eid not in event.participants:
                event.participants[eid] = role
        told = event.told_date if event.date is None else None
        if args.date is not None and (event.date is None or self._narrower(args.date, event.date)) \
                and not (told is not None and self._narrower(told, args.date)):
            # "last week", then "on 5 February": the narrower reading wins; "killed two insurgents … last
            # night", then "the seventh leader captured or killed this month": the night stays
            event.date = args.date
        if event.place is None and args.place is not None:
            event.place = args.place
            event.participants.pop(args.place, None)
        if sent not in event.sentences:
            event.sentences.append(sent)
            event.sentences.sort()
        if "+coref" not in event.pattern:
            event.pattern += "+coref"
        for tok in mention.tokens:
            self.event_of[tok.i] = event
            if tok not in event.tokens:
                event.tokens.append(tok)

    # ----------------------------------------------------------------------------------- joining

    def emit(self, mention: Mention, args: EventArgs, mode: str, trigger: Token | None = None,
             context_date: timex.TimeValue | None = None) -> None:
        """Join the mention to an earlier event, or start a new one (triggered by ``trigger`` if given).
        ``context_date`` is a date told elsewhere in the mention's sentence: a mention without a date of its own
        joins no event whose date conflicts with it ("numerous events were conducted on February 5" is not
        more on the meeting of August 5 told just before)."""
        etype, entry, first = mention.entry.type, mention.entry, mention.tokens[0]
        sent = first.sent.start
        if mention.headline:  # a headline restates the story: it joins the body's event or is dropped
            of_kind = [e for e in self.events if e.entry.kind == entry.kind]
            if of_kind:
                self._merge(self._restated(of_kind, mention, args), mention, args, sent)
                return
            if not entry.open:
                return
            # an open headline event the body does not retell ("Airbus launches ...") is still told
        cands = [c for c in self._antecedents(entry.kind, args.date, args.place)
                 if args.date is not None or self._compatible(c, context_date, None)]
        voice = self._voice(first) if _speech(entry) else None
        if voice is not None:  # "OFAC said …", "the director said …": two speakers, two speech acts
            cands = [c for c in cands if self._voice(c.word) in (None, voice)]
        # the same named place and no conflicting date: a "separate gathering in Multan" can still be the
        # gathering in Multan the lead paragraph announced
        same_place = [c for c in cands if args.place is not None and c.place == args.place]
        target: ChunkEvent | None = None
        if mode in ("anaphor", "only"):
            target = cands[0] if cands else None
            if target is None and etype in lx.SIBLING_TYPE and first.pos_ != "VERB":
                # "the raid" told of an attack just reported: the two words overlap
                siblings = self._antecedents(lx.SIBLING_TYPE[etype], args.date, args.place)
                target = siblings[0] if siblings else None
        elif mode == "plural":
            target = cands[0] if len(cands) == 1 else None
        elif mode == "new":
            # a participant in common, or a known date in common, or nothing of its own
            shared = {e for e in args.participants if self.chunk.etype(e) != EntityType.PLACE}
            own_date = args.date is not None and args.date.anchor != timex.REFERENCE
            target = next((c for c in cands if shared & set(c.participants)
                           or (own_date and c.date is not None)), None)
            if target is None and cands and args.date is None and args.place is None and not shared \
                    and not self._story_moved_on(cands[0], sent):
                target = cands[0]  # nothing of its own ("officers seized 340 kg"): more on the last one
            previous = self.doc[sent - 1].sent.start if sent > 0 else -1
            if target is None and cands and first.pos_ == "VERB" and cands[0].sentences[-1] == previous:
                target = cands[0]  # told again in the very next sentence, with nothing in conflict
        elif mode in ("fresh", "indefinite"):
            target = same_place[0] if same_place else None
        elif mode == "specified":
            shared = {e for e in args.participants if self.chunk.etype(e) != EntityType.PLACE}
            target = next((c for c in cands if shared & set(c.participants)), None) or \
                (same_place[0] if same_place else None)
        if target is not None:
            self._merge(target, mention, args, sent)
            return
        if mode in ("only", "multi") or (mode == "plural" and cands):
            return
        linked = self._linked_event(mention)  # "arrested ... in a raid": the raid sets the scene
        if not (args.participants or args.place or args.date or linked) and first.pos_ != "VERB" \
                and mode in ("new", "indefinite", "fresh") and etype != "statement" and not entry.open \
                and not self._carried_out(first) and count(first) is None:
            return  # a bare indefinite noun ("further arrests were likely") is not an event worth a node
            # (one that says how many people it befell is: "took two men into custody")
            # (an open noun has passed its own test: an argument in the parse, ``events._has_arguments``)
        if linked is not None:
            self._link(linked, args, mention)
        pattern = f"{'open-' if entry.open else ''}{'verb' if first.pos_ == 'VERB' else 'noun'}:{entry.lemma}"
        event = ChunkEvent(etype, trigger or first, entry, args.date, args.place, dict(args.participants), [sent],
                           pattern, first, told_date=context_date)
        self.events.append(event)
        for tok in mention.tokens:
            self.event_of[tok.i] = event
            event.tokens.append(tok)

    def _voice(self, verb: Token) -> str | None:
        """Who speaks in a speech act: the subject's entity, else its head word ("analyst", "spokesman");
        None for a pronoun or no subject ("he said" goes on with the speaker before)."""
        if verb.pos_ != "VERB":
            return None
        subj, passive = self.chunk.subject(verb)
        if subj is None or passive or subj.pos_ == "PRON":
            return None
        return self.chunk.eid(subj) or subj.lemma_.lower()

    @staticmethod
    def _restated(events: list[ChunkEvent], mention: Mention, args: EventArgs) -> ChunkEvent:
        """The body event a headline mention restates: the first of its kind, unless the body tells several
        and a later one has the headline's number of people where the first has not ("Seven policemen killed"
        is the lead's "at least seven policemen were killed", not a summary line's "says 15 killed"), or,
        failing a number, the headline's place."""
        told = {c.value for t in mention.tokens if (c := count(t)) is not None and not c.numberless}
        if told:
            numbered = [e for e in events if any((c := count(t)) is not None and c.value in told for t in e.tokens)]
            if numbered:
                return numbered[0]
        if args.place is not None:
            placed = [e for e in events if e.place == args.place]
            if placed:
                return placed[0]
        return events[0]

    def _story_moved_on(self, event: ChunkEvent, sent: int) -> bool:
        """A summary placed no finer than a country, or not yet placed ("insurgents were killed in operations
        across southern Afghanistan"), is not what a later mention with nothing of its own retells when a
        sentence since names a first-level division ("In Helmand province, a patrol … in Sangin district. …
        killing one insurgent"): the story has moved on to one of the happenings it sums up, and the mention
        is that one (``context.py`` then places it where the story is)."""
        ctx = self.chunk.ctx
        if event.type not in lx.TYPES_WITH_MODIFIER_PLACE and not (event.entry.open and event.entry.category):
            return False  # what someone says or decides is not "in" a place: no summary of happenings
        if event.place is not None and event.place in ctx.place_admin1:
            return False  # told in a province or finer: no summary
        start = self.doc[event.sentences[-1]].sent.end
        end = self.doc[sent].sent.end
        for ent in self.doc[start:end].ents:
            eid = self.chunk.eid(self.doc[ent.start])
            if eid is not None and ctx.place_admin1.get(eid, ("", False))[1]:
                return True  # a province named since: the story is in it now
        return False

    @staticmethod
    def _carried_out(noun: Token) -> bool:
        """A noun told as done by the clause: the object of a verb that carries it out ("conducted a precision
        airstrike", "launched an assault") or the means of a verb ("engaged the insurgents with an airstrike")."""
        if noun.dep_ == "dobj":
            return noun.head.lemma_.lower() in lx.DESCRIBING_VERBS
        return noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ == "VERB" \
            and noun.head.head.lemma_.lower() not in lx.DESCRIBING_VERBS

    def split_places(self, mention: Mention, args: EventArgs) -> list[Token]:
        """Several places for a plural event noun: coordinated ("separate meetings in Chisinau and Tiraspol",
        "detained 11 people in simultaneous raids in Gaziantep and Şanlıurfa"), or spread over the clause the
        noun sets ("killed villagers in X and fighters near Y in two separate attacks"). Each place is then
        its own event. Returns the tokens naming them when there are several, else an empty list."""
        chunk = self.chunk
        triggers = {t.i for t in mention.tokens}
        plural_trigger = next((t for t in mention.tokens if t.tag_ in ("NNS", "NNPS")
                               and not mention.entry.has("plural")), None)
        clause = self._clause_places(plural_trigger) if plural_trigger is not None else []
        tok = args.place_tok
        if tok is None or args.place is None:
            return clause
        places = [tok]
        for c in chunk.kids(tok):
            if c.dep_ == "conj" and (eid := chunk.eid(c)) is not None and chunk.etype(eid) == EntityType.PLACE:
                if all(chunk.eid(p) != eid for p in places):
                    places.append(c)
        if len(places) == 1:
            return clause
        plural = plural_trigger is not None
        cur = tok
        for _ in range(MAX_WALK):
            if cur.i in triggers or cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.pos_ == "NOUN" and cur.tag_ == "NNS" and cur.i not in triggers:
                plural = True
        return places if plural else []

    def _clause_places(self, noun: Token) -> list[Token]:
        """Places named by the objects of the verb a plural event noun modifies ("in separate attacks")."""
        chunk = self.chunk
        if noun.dep_ != "pobj" or noun.head.head.pos_ != "VERB":
            return []
        verb = noun.head.head
        places: list[Token] = []
        objs = [c for c in chunk.kids(verb) if c.dep_ == "dobj"]
        objs += [c for o in objs for c in chunk.kids(o) if c.dep_ == "conj"]
        for o in objs:
            for c in chunk.kids(o):
                if c.dep_ == "prep" and c.lower_ in lx.LOC_PREPS:
                    for p in chunk.kids(c):
                        place = self.reader.place_of(p) if p.dep_ == "pobj" else None
                        eid = chunk.eid(place) if place is not None else None
                        if place is not None and eid is not None and all(chunk.eid(q) != eid for q in places):
                            places.append(place)
        return places if len(places) > 1 else []

    # ----------------------------------------------------------------------------------- scene-setting

    def _linked_event(self, mention: Mention) -> tuple[ChunkEvent, Token] | None:
        for tok in mention.tokens:
            if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "at", "amid", "in", "throughout"):
                gov = tok.head.head
                event = self.event_of.get(gov.i)
                if event is not None and event.type != mention.entry.type:
                    return event, gov
        return None

    def _link(self, linked: tuple[ChunkEvent, Token], args: EventArgs, mention: Mention) -> None:
        """An event noun that sets the scene of another event ("arrested 11 people in a raid in Callao")
        shares its date, its place and its agents with it."""
        event, _ = linked
        if args.date is None:
            args.date = event.date
        if event.place is None and args.place is not None:
            event.place = args.place
        if args.place is None and event.place is not None:
            args.place = event.place
        agents = {R.AGENCY, R.PERPETRATOR, R.ATTENDEE, R.ORGANISER, R.PARTY}
        for eid, role in event.participants.items():
            if role in agents and eid not in args.participants:
                args.participants[eid] = slot_role(mention.entry.type, "agent")
