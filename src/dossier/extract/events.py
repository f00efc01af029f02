"""Events with type, trigger, date, place and participants, from the dependency parse (see docs/events.md).

``find_events(ctx, times)`` reads one parsed chunk and returns ``EventCandidate``s in token indices and
local-entity ids; ``records_builder`` turns them into ``Event`` records and asks ``attribution`` for modality.

How it works, in one pass over the chunk's sentences (linear in tokens):

1. **Triggers** are verbs and event nouns from the lexicon (``data/event_triggers.tsv``, read by
   ``event_lexicon``), checked against their syntactic context (rows may require an object, a particle, a
   modifier). Negated triggers, triggers inside a name and the dateline are skipped.
2. Triggers of one type that govern each other within a sentence ("signed an agreement", "announced at a
   news conference", "a conference was addressed by") form one **mention**.
3. **Arguments** come from the parse: participants from subjects, objects, "by" agents and "with / between /
   including / featuring / attended by" phrases, each with a role that depends on the event type; the place
   from an "in / at / near / outside" phrase attached to the trigger, its object or its subject; the date from
   a DATE entity attached to the trigger, else one attached to the clause that governs it. Reference-relative
   dates ("the same day", "two days later") are resolved against the event mentioned just before.
4. **Coreference**: a definite mention ("the talks", "the operation"), a participial one ("those detained")
   or one marked "also" joins the latest earlier event of its type whose date and place do not conflict; a
   new mention that shares a participant with such an event joins it too. "another", "a second", "a
   separate" always start a new event. Headline mentions join the first body event of their type.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Final

from spacy.tokens import Span, Token

from dossier.extract import timex
from dossier.extract.context import DocContext, EventCandidate
from dossier.extract.event_lexicon import Entry, lexicon
from dossier.model import EntityType, TimeExpression

__all__ = ["find_events"]

# --------------------------------------------------------------------------------------------- vocabulary

# Participant roles by event type and argument slot: agent (subject, "by"), patient (object, passive
# subject, "of"), with ("with", "between", "including", "featuring"), target ("on", "against").
_ROLES: Final[dict[str, dict[str, str]]] = {
    "meeting": {"agent": "attendee", "patient": "attendee", "with": "attendee"},
    "statement": {"agent": "speaker"},
    "attack": {"agent": "perpetrator", "patient": "target", "target": "target", "with": "perpetrator"},
    "arrest": {"agent": "agency", "patient": "arrested", "with": "agency"},
    "operation": {"agent": "agency", "patient": "target", "target": "target", "with": "agency"},
    "infiltration": {"agent": "perpetrator", "with": "perpetrator"},
    "protest": {"agent": "organiser", "with": "attendee", "target": "target"},
    "agreement": {"agent": "party", "patient": "party", "with": "party"},
    "sanction": {"agent": "agency", "patient": "target", "target": "target"},
    "trial": {"agent": "court", "patient": "defendant", "with": "defendant", "court": "court"},
    "visit": {"agent": "visitor", "with": "attendee"},
    "election": {"agent": "candidate", "patient": "elected", "with": "candidate"},
    "transaction": {"agent": "buyer", "patient": "target", "with": "party", "recipient": "recipient"},
    "other": {"agent": "participant", "patient": "participant", "with": "participant"},
}
# Verbs that govern an event noun and say who did what in it ("addressed a rally", "organised by").
_GOVERNOR_ROLE: Final[dict[str, str]] = {
    "address": "speaker", "hear": "speaker", "feature": "speaker", "tell": "speaker",
    "organise": "organiser", "organize": "organiser", "host": "organiser", "convene": "organiser",
    "call": "organiser", "stage": "organiser", "lead": "organiser", "attend": "attendee", "join": "attendee",
    "issue": "speaker", "release": "speaker", "post": "speaker", "publish": "speaker",
}  # fmt: skip
# Verbs whose relative or participial clause on an event noun describes the event itself.
_DESCRIBING_VERBS: Final[frozenset[str]] = frozenset(_GOVERNOR_ROLE) | {
    "hold", "carry", "conduct", "launch", "mount", "involve", "include", "sign", "take", "end", "begin",
    "start", "resume", "conclude", "open", "close", "run", "last", "see", "draw", "bring",
}  # fmt: skip
_REPORTING_VERBS: Final[frozenset[str]] = frozenset({
    "say", "tell", "report", "add", "state", "claim", "allege", "accuse", "deny", "announce", "describe",
    "confirm", "insist", "maintain", "believe", "accord", "note", "warn", "explain", "argue", "suggest",
    "indicate", "show", "reveal", "write", "quote", "assert", "acknowledge", "estimate", "think",
})  # fmt: skip
_WITH_PREPS: Final[frozenset[str]] = frozenset(
    {"with", "between", "among", "amongst", "alongside", "including", "involving", "featuring"}
)
_LOC_PREPS: Final[frozenset[str]] = frozenset(
    {"in", "at", "near", "outside", "inside", "off", "into", "across", "within", "throughout", "around"}
)
_TYPES_WITH_GOAL_PLACE: Final[frozenset[str]] = frozenset({"visit", "infiltration"})  # "to", "into"
_TYPES_WITH_TARGET_PLACE: Final[frozenset[str]] = frozenset({"attack", "operation"})  # "on", "against"
# A place named as a modifier of the event noun ("Muscat talks") is where it happened for these types;
# for the others it is a participant ("a U.S. statement", "the Kenya-Somalia agreement").
_TYPES_WITH_MODIFIER_PLACE: Final[frozenset[str]] = frozenset(
    {"meeting", "attack", "operation", "protest", "election", "infiltration", "arrest", "trial", "visit"}
)
_DEFINITE: Final[frozenset[str]] = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
_FRESH: Final[frozenset[str]] = frozenset({
    "another", "second", "separate", "other", "new", "third", "fresh", "similar", "previous", "earlier",
    "prior", "past", "further", "fourth", "subsequent", "later", "different", "additional",
})  # fmt: skip
_MULTI: Final[frozenset[str]] = frozenset({"both", "all", "such", "each", "several", "many", "some", "any", "no"})
_ALSO: Final[frozenset[str]] = frozenset({"also", "too", "likewise", "similarly"})
_FRESH_ADVERBS: Final[frozenset[str]] = frozenset({"separately", "again", "later", "previously", "earlier"})
_MONEY_WORDS: Final[frozenset[str]] = frozenset(
    {"fund", "money", "cash", "payment", "donation", "dollar", "rupee", "euro", "pound", "grant", "sum"}
)
_FUTURE_GOVERNORS: Final[frozenset[str]] = frozenset(
    {"expect", "due", "schedule", "set", "likely", "plan", "poise", "slate", "intend", "hope"}
)
_NAME_LABELS: Final[frozenset[str]] = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}
)
_DATELINE_DASHES: Final[frozenset[str]] = frozenset({"-", "—", "–", "--", "|", "(", ":"})
_MAX_WALK: Final = 6  # depth bound on every tree walk: keeps the work per trigger constant
_MAX_CANDIDATES: Final = 24  # earlier events considered for coreference


# --------------------------------------------------------------------------------------------- state


@dataclass(slots=True)
class _Args:
    participants: dict[str, str | None] = field(default_factory=dict)
    place: str | None = None
    place_pos: int = 1 << 30
    date: timex.TimeValue | None = None
    attached: bool = False  # the date or place is attached to the trigger itself, not borrowed
    owned: bool = False  # a noun trigger says who issued it

    def add(self, eid: str, role: str | None) -> None:
        if eid not in self.participants:
            self.participants[eid] = role

    def offer_place(self, eid: str | None, pos: int) -> None:
        if eid is not None and pos < self.place_pos:
            self.place, self.place_pos = eid, pos


@dataclass(slots=True)
class _Mention:
    tokens: list[Token]  # trigger tokens of one type that govern each other, in text order
    entry: Entry
    headline: bool


@dataclass(slots=True)
class _Event:
    type: str
    trigger: Token
    entry: Entry
    date: timex.TimeValue | None
    place: str | None
    participants: dict[str, str | None]
    sentences: list[int]
    pattern: str
    headline: bool


# --------------------------------------------------------------------------------------------- finder


class _Finder:
    def __init__(self, ctx: DocContext, times: list[TimeExpression]) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.published: dt.date | None = ctx.published
        self.lex = lexicon()
        self.excluded = self._dateline_tokens()
        self.segment = self._segments()
        self.headline_end = self._headline_end()
        self.entries: dict[int, Entry] = {}
        for tok in self.doc:
            entry = self._entry(tok)
            if entry is not None:
                self.entries[tok.i] = entry
        self.time_of: dict[int, TimeExpression] = {t.start - ctx.offset: t for t in times}
        self.dates_at: dict[int, list[tuple[int, Span]]] = {}
        for ent in self.doc.ents:
            if ent.label_ == "DATE" and ent.start not in self.excluded:
                head, steps = self._attachment(ent)
                self.dates_at.setdefault(head, []).append((steps, ent))
        self.events: list[_Event] = []
        self.event_of: dict[int, _Event] = {}  # trigger token → its event
        self.last_dated: timex.TimeValue | None = None

    # ----------------------------------------------------------------------------------- layout

    def _dateline_tokens(self) -> set[int]:
        """Tokens of a dateline or byline ("DHAKA, March 14, 2024 (Bengal Wire) -", "By X | Lagos | 8 May")."""
        out: set[int] = set()
        if self.ctx.offset != 0:
            return out
        line_start = 0
        for tok in self.doc:
            if tok.idx > 600:
                break
            if "\n" in tok.text_with_ws or tok.i == len(self.doc) - 1:
                line = self.doc[line_start:tok.i + 1]
                out.update(self._dateline_in(line))
                line_start = tok.i + 1
        return out

    def _dateline_in(self, line: Span) -> list[int]:
        words = [t for t in line if not t.is_space]
        if not words:
            return []
        if any(t.text == "|" for t in words) or words[0].lower_ == "by":
            return [t.i for t in line]  # a byline
        for t in words[:14]:
            if t.text in _DATELINE_DASHES and t.i > line.start:
                before = self.doc[line.start:t.i]
                if any(e.label_ == "DATE" for e in before.ents) or before[0].is_upper:
                    end = t.i + 1
                    if t.text == "(":  # "(Bengal Wire) -"
                        close = next((u.i for u in line if u.i > t.i and u.text == ")"), t.i)
                        end = close + 2 if close + 1 < line.end and line.doc[close + 1].text in _DATELINE_DASHES \
                            else close + 1
                    return list(range(line.start, min(end, line.end)))
                break
        return []

    def _segments(self) -> list[int]:
        """Segment number per token: a new one at each sentence start and after each line break."""
        seg: list[int] = []
        n = 0
        for tok in self.doc:
            if tok.is_sent_start and tok.i > 0:
                n += 1
            seg.append(n)
            if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
                n += 1
        return seg

    def _headline_end(self) -> int:
        """Token index after the first line when it reads as a headline (no final punctuation), else 0."""
        if self.ctx.offset != 0:
            return 0
        for tok in self.doc:
            if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
                last = next((t for t in reversed(self.doc[:tok.i + 1]) if not t.is_space), None)
                if last is None or last.text in (".", "!", "?", ":", '"', "”") or tok.i > 30:
                    return 0
                return tok.i + 1
        return 0

    def _same_segment(self, a: Token, b: Token) -> bool:
        return self.segment[a.i] == self.segment[b.i]

    # ----------------------------------------------------------------------------------- triggers

    def _entry(self, tok: Token) -> Entry | None:
        if tok.i in self.excluded or (tok.ent_type_ in _NAME_LABELS):
            return None
        is_verb = tok.pos_ == "VERB"
        is_noun = tok.pos_ in ("NOUN", "PROPN")
        if not (is_verb or is_noun):
            return None
        keys = [tok.lemma_.lower()]
        if tok.i >= 2 and self.doc[tok.i - 1].text == "-" and not self.doc[tok.i - 2].whitespace_:
            keys.insert(0, f"{self.doc[tok.i - 2].lower_}-{tok.lemma_.lower()}")
            keys.insert(1, f"{self.doc[tok.i - 2].lower_}-{tok.lower_}")
        if is_noun and tok.lower_ != keys[-1]:
            keys.append(tok.lower_)
        for key in keys:
            for entry in self.lex.get(key, ()):
                if (entry.verb if is_verb else entry.noun) and self._static_ok(tok, entry):
                    return None if self._negated(tok) else entry
        return None

    def _static_ok(self, tok: Token, entry: Entry) -> bool:
        for cond in entry.conditions:
            name, words = cond.name, cond.words
            if name == "obj":
                objs = self._objects(tok)
                if not objs or ("*" not in words and not any(o.lemma_.lower() in words for o in objs)):
                    return False
            elif name == "prep":
                if not any(c.dep_ in ("prep", "prt", "advmod") and c.lower_ in words for c in tok.children):
                    return False
            elif name == "before":
                if not any(c.dep_ == "prep" and c.lower_ == "before"
                           and any(t.lower_ in words or t.lemma_.lower() in words for t in c.subtree)
                           for c in tok.children):
                    return False
            elif name == "mod":
                if not any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in words
                           for c in tok.children):
                    return False
            elif name == "head":
                head = tok.head.head if tok.dep_ == "pobj" else tok.head
                if head.lemma_.lower() not in words:
                    return False
            elif name == "money":
                if not any(self._is_money(o) for o in self._objects(tok)):
                    return False
            elif name == "singular" and tok.tag_ in ("NNS", "NNPS"):
                return False
        return True

    @staticmethod
    def _objects(tok: Token) -> list[Token]:
        out = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
        for o in list(out):
            out.extend(c for c in o.children if c.dep_ == "conj")
        return out

    @staticmethod
    def _is_money(tok: Token) -> bool:
        if tok.ent_type_ == "MONEY" or tok.lemma_.lower() in _MONEY_WORDS:
            return True
        return any(c.ent_type_ == "MONEY" for c in tok.children)

    @staticmethod
    def _negated(tok: Token) -> bool:
        for c in tok.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                return True
        return tok.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "neg" for c in tok.head.children)

    # ----------------------------------------------------------------------------------- dates

    def _attachment(self, ent: Span) -> tuple[int, int]:
        """The verb or trigger a DATE entity modifies, and how many steps up the tree it is."""
        tok = ent.root
        for steps in range(1, _MAX_WALK):
            head = tok.head
            if head.i == tok.i:
                return tok.i, steps
            if head.i in self.entries or head.pos_ in ("VERB", "AUX"):
                return head.i, steps
            tok = head
        return tok.i, _MAX_WALK

    def _date_value(self, ent: Span) -> timex.TimeValue | None:
        te = self.time_of.get(ent.start_char)
        text = ent.text
        value = timex.TimeValue(te.value, te.granularity, te.inferred, te.anchor) if te else timex.UNKNOWN
        if value.value is None:
            prev = self.doc[ent.start - 1] if ent.start > 0 else None
            candidates = [text]
            if prev is not None and prev.lower_ in ("the", "that", "this"):
                candidates.insert(0, f"{prev.lower_} {text}")
            for cand in candidates:
                value = timex.normalize(cand, self.published, self.last_dated)
                if value.value is not None:
                    break
        return value if value.value is not None else None

    def _dates_on(self, heads: list[Token]) -> timex.TimeValue | None:
        found: list[tuple[int, int, Span]] = []
        for head in heads:
            for steps, ent in self.dates_at.get(head.i, ()):
                if self._same_segment(head, ent.root):
                    found.append((steps, abs(ent.start - head.i), ent))
        for _, _, ent in sorted(found, key=lambda x: (x[0], x[1])):
            value = self._date_value(ent)
            if value is not None:
                return value
        return None

    def _fallback_date(self, tok: Token, etype: str) -> timex.TimeValue | None:
        """A date on the clause that governs the trigger ("arrested 11 people on Tuesday in a raid")."""
        cur = tok
        for _ in range(_MAX_WALK - 2):
            head = cur.head
            if head.i == cur.i or not self._same_segment(head, tok):
                return None
            if head.pos_ == "VERB" and head.lemma_.lower() in _REPORTING_VERBS and etype != "statement":
                return None
            if cur.dep_ in ("relcl", "advcl", "ccomp", "parataxis"):
                return None
            value = self._dates_on([head])
            if value is not None:
                return value
            cur = head
        return None

    def _future(self, tok: Token) -> bool:
        cur = tok
        for _ in range(3):
            for c in cur.children:
                if c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll"):
                    return True
            if cur.lemma_.lower() in _FUTURE_GOVERNORS and cur is not tok:
                return True
            if cur.dep_ not in ("xcomp", "pobj", "prep", "nsubjpass", "nsubj", "dobj", "acomp"):
                break
            cur = cur.head
        return False

    @staticmethod
    def _shift_year(value: timex.TimeValue, published: dt.date) -> timex.TimeValue:
        """A future event's yearless date inferred into the past ("due in March") moves one year on."""
        if value.anchor != timex.PUBLISHED or value.value is None or value.granularity not in ("day", "month"):
            return value
        b = timex.bounds(value.value)
        if b is None or b[1] >= published:
            return value
        v = value.value
        return timex.TimeValue(f"{int(v[:4]) + 1:04d}{v[4:]}", value.granularity, True, value.anchor)

    # ----------------------------------------------------------------------------------- noun phrases

    def _eid(self, tok: Token) -> str | None:
        return self.ctx.entity_at(tok.i)

    def _etype(self, eid: str) -> EntityType | None:
        return self.ctx.entity_type.get(eid)

    def _np(self, head: Token) -> list[str]:
        """Entities a noun phrase names: its own name, appositions and conjuncts, "including" lists; when it
        names none ("officials from Bangladesh", "Philippine troops"), the names that modify it."""
        core: list[str] = []
        mods: list[str] = []
        seen: set[int] = set()
        self._np_walk(head, head, core, mods, True, 0, seen)
        if core:
            if any(self._etype(e) == EntityType.PERSON for e in core):
                core.extend(m for m in mods if self._etype(m) == EntityType.ORGANIZATION and m not in core)
            return core
        return mods

    def _np_walk(self, root: Token, tok: Token, core: list[str], mods: list[str], in_core: bool, depth: int,
                 seen: set[int]) -> None:
        if depth > _MAX_WALK or tok.i in seen or not self._same_segment(root, tok):
            return
        seen.add(tok.i)
        eid = self._eid(tok)
        target = core if in_core else mods
        if eid is not None and eid not in target:
            target.append(eid)
        for c in tok.children:
            dep = c.dep_
            if dep in ("conj", "appos"):
                self._np_walk(root, c, core, mods, in_core, depth + 1, seen)
            elif dep == "prep" and c.lower_ in ("including", "like", "as"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        self._np_walk(root, p, core, mods, in_core, depth + 1, seen)
            elif dep in ("compound", "poss", "amod", "nmod"):
                if eid is not None and self._eid(c) == eid:
                    continue
                self._np_walk(root, c, core, mods, False, depth + 1, seen)
            elif dep == "prep" and c.lower_ in ("of", "from") and eid is None:
                for p in c.children:
                    if p.dep_ == "pobj":
                        self._np_walk(root, p, core, mods, False, depth + 1, seen)

    def _place_of(self, tok: Token, depth: int = 0) -> str | None:
        """The place a locative noun phrase names: its own name, else one in a modifier ("Dakar's airport",
        "the town of X", "a camp near X")."""
        eid = self._eid(tok)
        if eid is not None:
            return eid if self._etype(eid) == EntityType.PLACE else None
        if depth >= 3:
            return None
        for c in tok.children:
            if c.dep_ == "prep" and (c.lower_ in _LOC_PREPS or c.lower_ == "of"):
                for p in c.children:
                    if p.dep_ == "pobj" and self._same_segment(tok, p):
                        found = self._place_of(p, depth + 1)
                        if found is not None:
                            return found
        for c in tok.children:
            if c.dep_ in ("appos", "compound", "poss", "nmod") and self._same_segment(tok, c):
                found = self._place_of(c, depth + 1)
                if found is not None:
                    return found
        return None

    # ----------------------------------------------------------------------------------- arguments

    def _role(self, etype: str, slot: str) -> str | None:
        return _ROLES.get(etype, {}).get(slot)

    def _add_np(self, args: _Args, np: Token, role: str | None, place_ok: bool = False) -> None:
        for eid in self._np(np):
            if self._etype(eid) == EntityType.PLACE and place_ok:
                args.offer_place(eid, np.i)
                continue
            args.add(eid, role)

    def _subject(self, verb: Token) -> tuple[Token | None, bool]:
        """The verb's subject (following conjunctions, xcomp and relative clauses) and whether it is the
        patient (a passive subject)."""
        cur = verb
        for _ in range(4):
            for c in cur.children:
                if c.dep_ in ("nsubj", "csubj"):
                    if c.tag_ in ("WP", "WDT") and cur.dep_ == "relcl":
                        return cur.head, False
                    return c, False
                if c.dep_ == "nsubjpass":
                    return c, cur is verb
            if cur.dep_ in ("conj", "xcomp") and cur.head.pos_ in ("VERB", "AUX"):
                cur = cur.head
                continue
            if cur.dep_ == "relcl":
                return cur.head, False
            break
        return None, False

    def _clause_args(self, verb: Token, etype: str, args: _Args, agent_role: str | None = None,
                     skip: Token | None = None) -> list[Token]:
        """Arguments of a verb that is, or governs, the trigger. Returns the tokens dates may attach to."""
        subj, passive = self._subject(verb)
        if subj is not None and subj is not skip and subj.i not in self.entries:
            self._add_np(args, subj, self._role(etype, "patient") if passive else agent_role
                         or self._role(etype, "agent"))
            for c in subj.children:  # "soldiers in Sévaré arrested ..."
                if c.dep_ == "prep" and c.lower_ in ("in", "at") and self._same_segment(verb, c):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            args.offer_place(self._place_of(p), (1 << 20) + p.i)
        for c in verb.children:
            if c is skip or not self._same_segment(verb, c):
                continue
            dep, word = c.dep_, c.lower_
            if dep in ("dobj", "nsubjpass", "attr", "dative") and c is not subj:
                if etype == "visit" and (eid := self._eid(c)) and self._etype(eid) == EntityType.PLACE:
                    args.offer_place(eid, c.i)
                    args.attached = True
                    continue
                if c.i not in self.entries or self.entries[c.i].type != etype:
                    role = "speaker" if verb.lemma_.lower() in ("hear", "feature") else self._role(etype, "patient")
                    self._add_np(args, c, role)
                self._locate(c, etype, args, nested=True)
            elif dep == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        self._add_np(args, p, agent_role or _GOVERNOR_ROLE.get(verb.lemma_.lower())
                                     or self._role(etype, "agent"))
            elif dep == "prep":
                self._prep_args(c, etype, args)
        return [verb]

    def _prep_args(self, prep: Token, etype: str, args: _Args) -> None:
        word = prep.lower_
        objs = [p for p in prep.children if p.dep_ == "pobj"]
        for p in objs:
            if word in _WITH_PREPS:
                self._add_np(args, p, self._role(etype, "with"))
            elif word in ("on", "against") and etype in _TYPES_WITH_TARGET_PLACE | {"sanction", "protest"}:
                place = self._place_of(p) if etype in _TYPES_WITH_TARGET_PLACE else None
                if place is not None:
                    args.offer_place(place, p.i)
                    args.attached = True
                else:
                    self._add_np(args, p, self._role(etype, "target"))
            elif word == "to" and etype == "transaction":
                self._add_np(args, p, "recipient")
            elif word == "before" and etype == "trial":
                self._add_np(args, p, "court")
            elif word in _LOC_PREPS or (word == "to" and etype in _TYPES_WITH_GOAL_PLACE):
                place = self._place_of(p)
                if place is not None:
                    args.offer_place(place, p.i)
                    args.attached = True

    def _locate(self, np: Token, etype: str, args: _Args, nested: bool) -> None:
        """A place in a locative phrase on an object ("raided a compound in Porac")."""
        for c in np.children:
            if c.dep_ == "prep" and c.lower_ in _LOC_PREPS and self._same_segment(np, c):
                for p in c.children:
                    if p.dep_ == "pobj":
                        place = self._place_of(p)
                        if place is not None:
                            args.offer_place(place, p.i)
                            args.attached = True

    def _noun_args(self, noun: Token, etype: str, args: _Args) -> list[Token]:
        heads = [noun]
        for c in noun.children:
            if not self._same_segment(noun, c):
                continue
            dep = c.dep_
            if dep in ("poss", "compound", "nmod", "amod"):
                eid = self._eid(c)
                if eid is None:
                    continue
                if self._etype(eid) == EntityType.PLACE and etype in _TYPES_WITH_MODIFIER_PLACE:
                    args.offer_place(eid, c.i)
                else:
                    for e in self._np(c):
                        args.add(e, self._role(etype, "agent"))
                args.owned = True
            elif dep == "prep":
                word = c.lower_
                if word in ("by", "from"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            before = len(args.participants)
                            self._add_np(args, p, self._role(etype, "agent"))
                            args.owned = args.owned or len(args.participants) > before
                elif word == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            place = self._place_of(p) if etype in _TYPES_WITH_MODIFIER_PLACE else None
                            if place is not None and self._eid(p) == place:
                                args.offer_place(place, p.i)
                            else:
                                self._add_np(args, p, self._role(etype, "patient"))
                else:
                    self._prep_args(c, etype, args)
            elif dep in ("acl", "relcl") and c.lemma_.lower() in _DESCRIBING_VERBS:
                lemma = c.lemma_.lower()
                role = _GOVERNOR_ROLE.get(lemma)
                before = len(args.participants)
                self._clause_args(c, etype, args, agent_role=role, skip=noun)
                if lemma in ("involve", "feature", "include"):
                    for o in c.children:
                        if o.dep_ == "dobj":
                            self._add_np(args, o, "speaker" if lemma == "feature" else self._role(etype, "with"))
                args.owned = args.owned or len(args.participants) > before
                heads.append(c)
        # the verb this noun is an argument of: "held talks", "the conference was addressed by"
        gov = noun.head
        if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and gov.pos_ in ("VERB", "AUX") \
                and gov.i not in self.entries and self._same_segment(noun, gov):
            lemma = gov.lemma_.lower()
            if not (lemma in _REPORTING_VERBS and noun.dep_ != "dobj"):
                role = _GOVERNOR_ROLE.get(lemma)
                if noun.dep_ == "dobj":
                    self._clause_args(gov, etype, args, agent_role=role, skip=noun)
                else:
                    self._clause_args(gov, etype, args, skip=noun)
                heads.append(gov)
        return heads

    def _arguments(self, mention: _Mention) -> tuple[_Args, list[Token]]:
        args = _Args()
        heads: list[Token] = []
        etype = mention.entry.type
        for tok in mention.tokens:
            if tok.pos_ == "VERB":
                if tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN"):
                    self._participial_args(tok, etype, args)
                    heads.append(tok)
                else:
                    heads.extend(self._clause_args(tok, etype, args))
            else:
                heads.extend(self._noun_args(tok, etype, args))
        args.participants.pop(args.place or "", None)
        return args, heads

    def _participial_args(self, verb: Token, etype: str, args: _Args) -> None:
        """"those detained", "the designated firms", "a man arrested in X": the modified noun is the patient."""
        noun = verb.head
        self._add_np(args, noun, self._role(etype, "patient"))
        if noun.dep_ == "pobj" and noun.head.lower_ == "among":  # "Among those detained was X"
            clause = noun.head.head
            for c in clause.children:
                if c.dep_ in ("nsubj", "attr", "nsubjpass") and c is not noun.head:
                    self._add_np(args, c, self._role(etype, "patient"))
        self._clause_args(verb, etype, args, skip=noun)

    def _anaphor_args(self, noun: Token, etype: str, args: _Args) -> None:
        """"In attendance were X and Y", "Participation included X": the clause's other arguments."""
        clause = noun.head.head if noun.dep_ == "pobj" else noun.head
        for c in clause.children:
            if c.dep_ in ("nsubj", "attr", "dobj", "nsubjpass") and c is not noun and c is not noun.head:
                if not any(t.i == noun.i for t in c.subtree):
                    self._add_np(args, c, self._role(etype, "with"))
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "by"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        self._add_np(args, p, self._role(etype, "with"))

    # ----------------------------------------------------------------------------------- mentions

    def _mentions(self, start: int, end: int, headline: bool) -> list[_Mention]:
        """Trigger tokens of a segment, grouped: same-type triggers that govern each other are one mention."""
        toks = [self.doc[i] for i in range(start, end) if i in self.entries]
        group: dict[int, int] = {t.i: t.i for t in toks}

        def find(i: int) -> int:
            while group[i] != i:
                group[i] = group[group[i]]
                i = group[i]
            return i

        for t in toks:
            cur = t
            for _ in range(3):
                if cur.head.i == cur.i:
                    break
                cur = cur.head
                if not self._same_segment(cur, t):
                    break
                if cur.i in group:  # the nearest trigger above: one mention when the type is the same
                    if self.entries[cur.i].type == self.entries[t.i].type:
                        group[find(t.i)] = find(cur.i)
                    break
        out: dict[int, list[Token]] = {}
        for t in toks:
            out.setdefault(find(t.i), []).append(t)
        mentions = []
        for members in out.values():
            members.sort(key=lambda x: x.i)
            mentions.append(_Mention(members, self.entries[members[0].i], headline))
        mentions.sort(key=lambda m: m.tokens[0].i)
        return mentions

    def _mode(self, mention: _Mention) -> str:
        """new | anaphor (definite: joins an earlier event, else new) | only (joins or is dropped) |
        fresh (never joins) | multi (refers to several events: dropped)."""
        if mention.entry.has("anaphor"):
            return "only"
        modes: list[str] = []
        for tok in mention.tokens:
            if tok.pos_ == "VERB":
                words = {c.lower_ for c in tok.children if c.dep_ in ("advmod", "npadvmod")}
                subj, _ = self._subject(tok)
                subj_mods = {c.lower_ for c in subj.children} if subj is not None else set()
                if words & _FRESH_ADVERBS or subj_mods & _FRESH:
                    modes.append("fresh")
                elif tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN"):
                    modes.append("only")
                elif words & _ALSO:
                    modes.append("anaphor")
                else:
                    modes.append("new")
                continue
            mods = {c.lower_ for c in tok.children if c.dep_ in ("det", "amod", "predet", "poss", "nummod")}
            plural = tok.tag_ in ("NNS", "NNPS") and not mention.entry.has("plural")
            if mods & _FRESH:
                modes.append("fresh")
            elif mods & _MULTI or any(c.dep_ == "nummod" for c in tok.children) and plural:
                modes.append("multi")
            elif mods & _DEFINITE:
                modes.append("plural" if plural else "anaphor")
            else:
                modes.append("new")
        for mode in ("fresh", "only", "anaphor", "plural", "multi"):
            if mode in modes:
                return mode
        return "new"

    # ----------------------------------------------------------------------------------- coreference

    def _compatible(self, event: _Event, date: timex.TimeValue | None, place: str | None) -> bool:
        if place is not None and event.place is not None and place != event.place:
            return False
        if date is None or event.date is None or date.value is None or event.date.value is None:
            return True
        a, b = timex.bounds(date.value), timex.bounds(event.date.value)
        if a is None or b is None:
            return date.value == event.date.value
        return a[0] <= b[1] and b[0] <= a[1]

    def _antecedents(self, etype: str, date: timex.TimeValue | None, place: str | None) -> list[_Event]:
        out = []
        for event in reversed(self.events[-_MAX_CANDIDATES:]):
            if event.type == etype and not event.headline and self._compatible(event, date, place):
                out.append(event)
        return out

    def _merge(self, event: _Event, mention: _Mention, args: _Args, sent: int) -> None:
        for eid, role in args.participants.items():
            if eid != event.place and eid not in event.participants:
                event.participants[eid] = role
        if event.date is None and args.date is not None:
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

    def _process(self, mention: _Mention) -> None:
        etype = mention.entry.type
        first = mention.tokens[0]
        if mention.entry.has("anaphor"):
            args = _Args()
            self._anaphor_args(first, etype, args)
            heads = [first]
        else:
            args, heads = self._arguments(mention)
        args.date = self._dates_on(heads)
        args.attached = args.attached or args.date is not None
        if args.date is None:
            for tok in mention.tokens:
                args.date = self._fallback_date(tok, etype)
                if args.date is not None:
                    break
        if args.date is not None and self.published is not None and any(self._future(t) for t in mention.tokens):
            args.date = self._shift_year(args.date, self.published)
        entry = mention.entry
        if entry.has("dated") and not args.attached:
            return
        if entry.has("owned") and not (args.owned or args.attached):
            return
        sent = first.sent.start
        mode = self._mode(mention)
        # a different-type event this mention is the setting of: "arrested ... in a raid"
        linked = self._linked_event(mention)
        if mention.headline:
            target = next((e for e in self.events if e.type == etype and not e.headline), None)
            if target is not None:
                self._merge(target, mention, args, sent)
                return
            mode = "new"
        elif mode != "fresh":
            cands = self._antecedents(etype, args.date, args.place)
            target = None
            if mode in ("anaphor", "only") and cands:
                target = cands[0]
            elif mode == "plural" and len({id(c) for c in cands}) == 1:
                target = cands[0]
            elif mode == "new":
                shared = {e for e, _ in args.participants.items() if self._etype(e) != EntityType.PLACE}
                target = next((c for c in cands if shared & set(c.participants)), None)
            if target is not None:
                self._merge(target, mention, args, sent)
                if target.date is not None:
                    self.last_dated = target.date
                return
            if mode in ("only", "multi", "plural") and not (mode == "plural" and not cands):
                return
        if not (args.participants or args.place or args.date) and first.pos_ != "VERB" and mode == "new":
            return  # a bare indefinite noun ("further arrests were likely") is not an event worth a node
        if linked is not None:
            self._link(linked, args, mention)
        event = _Event(etype, first, entry, args.date, args.place, dict(args.participants), [sent],
                       f"{'verb' if first.pos_ == 'VERB' else 'noun'}:{entry.lemma}", mention.headline)
        self.events.append(event)
        for tok in mention.tokens:
            self.event_of[tok.i] = event
        if event.date is not None:
            self.last_dated = event.date

    def _linked_event(self, mention: _Mention) -> tuple[_Event, Token] | None:
        for tok in mention.tokens:
            if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "at", "amid", "in", "throughout"):
                gov = tok.head.head
                event = self.event_of.get(gov.i)
                if event is not None and event.type != mention.entry.type:
                    return event, gov
        return None

    def _link(self, linked: tuple[_Event, Token], args: _Args, mention: _Mention) -> None:
        """An event noun that sets the scene of another event ("arrested 11 people in a raid in Callao")
        shares its date, its place and its agents with it."""
        event, _ = linked
        if args.date is None:
            args.date = event.date
        if event.place is None and args.place is not None:
            event.place = args.place
        if args.place is None and event.place is not None:
            args.place = event.place
        agents = {"agency", "perpetrator", "attendee", "organiser", "party"}
        for eid, role in event.participants.items():
            if role in agents and eid not in args.participants:
                args.participants[eid] = self._role(mention.entry.type, "agent")

    # ----------------------------------------------------------------------------------- output

    def run(self) -> list[EventCandidate]:
        bounds: list[tuple[int, int]] = []
        start = 0
        for i in range(1, len(self.doc) + 1):
            if i == len(self.doc) or self.segment[i] != self.segment[start]:
                bounds.append((start, i))
                start = i
        headline = [b for b in bounds if b[1] <= self.headline_end]
        body = [b for b in bounds if b[1] > self.headline_end]
        for s, e in body:
            for mention in self._mentions(s, e, headline=False):
                self._process(mention)
        for s, e in headline:
            for mention in self._mentions(s, e, headline=True):
                self._process(mention)
        return [self._candidate(e) for e in sorted(self.events, key=lambda ev: ev.trigger.i)]

    def _candidate(self, event: _Event) -> EventCandidate:
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
        )

    def _trigger_span(self, tok: Token) -> tuple[int, int]:
        """The trigger word, with a hyphenated prefix ("run-off") or particle ("stepped down")."""
        start, end = tok.i, tok.i + 1
        if tok.i >= 2 and self.doc[tok.i - 1].text == "-" and not self.doc[tok.i - 2].whitespace_:
            start = tok.i - 2
        for c in tok.children:
            if c.dep_ == "prt" and c.i == end:
                end = c.i + 1
        return start, end

    def _label(self, event: _Event) -> str:
        tok = event.trigger
        if tok.pos_ == "VERB":
            base = event.entry.label or event.type
        else:
            mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i
                    and self._eid(c) is None and c.ent_type_ == "" and c.pos_ in ("NOUN", "ADJ")]
            base = " ".join([m.lower_ for m in mods[-1:]] + [tok.lower_])
        names = [self.ctx.entity_name.get(e, e) for e in event.participants]
        parts = [base]
        if event.type in ("meeting", "agreement") and len(names) == 2:
            parts.append(f"between {names[0]} and {names[1]}")
        elif event.type in ("arrest", "trial", "sanction") and names:
            role_names = [self.ctx.entity_name.get(e, e) for e, r in event.participants.items()
                          if r in ("arrested", "defendant", "target")]
            if role_names:
                parts.append(f"of {role_names[0]}" if event.type != "sanction" else f"on {role_names[0]}")
        if event.place is not None:
            parts.append(f"in {self.ctx.entity_name.get(event.place, event.place)}")
        return " ".join(parts)


def find_events(ctx: DocContext, times: list[TimeExpression]) -> list[EventCandidate]:
    """Events described in one parsed chunk, one candidate per real-world occurrence."""
    return _Finder(ctx, times).run()
