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
   dates ("the same day", "two days later") are resolved against the date told just before.
4. **Coreference**: a definite mention ("the talks", "the operation"), a participial one ("those detained")
   or one marked "also" joins the latest earlier event of its type whose date and place do not conflict; a
   new mention that shares a participant or a known date with such an event joins it too. "another", "a
   second", "a separate" join only an event at the same named place; "both attacks", "two rallies" are
   dropped; plural nouns over several places split into one event per place. Headline mentions join the
   first body event of their type.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Final

from spacy.tokens import Span, Token

from dossier.extract import event_lexicon as lx
from dossier.extract import timex
from dossier.extract.context import DocContext, EventCandidate
from dossier.extract.event_lexicon import Entry, lexicon
from dossier.model import EntityType, TimeExpression

__all__ = ["find_events"]

# --------------------------------------------------------------------------------------------- limits

_MAX_WALK: Final = 6  # depth bound on every tree walk: keeps the work per trigger constant
_MAX_CANDIDATES: Final = 24  # earlier events considered for coreference


# --------------------------------------------------------------------------------------------- state


@dataclass(slots=True)
class _Args:
    participants: dict[str, str | None] = field(default_factory=dict)
    place: str | None = None
    place_tok: Token | None = None  # the token that names the place (for coordinated places)
    place_pos: int = 1 << 30  # text position of the phrase that gave it: the earliest phrase wins
    date: timex.TimeValue | None = None
    attached: bool = False  # the date or place is attached to the trigger itself, not borrowed
    owned: bool = False  # a noun trigger says who issued it

    def add(self, eid: str, role: str | None) -> None:
        if eid not in self.participants:
            self.participants[eid] = role


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
    word: Token  # the lexical trigger, for the label (``trigger`` may be a place name when a mention splits)


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
            if ent.label_ in ("DATE", "TIME") and ent.start not in self.excluded:
                head, steps = self._attachment(ent)
                self.dates_at.setdefault(head, []).append((steps, ent))
        # the latest explicit year in the chunk, for yearless dates in a report with no publication date:
        # news tells of recent events
        years = [int(te.value[:4]) for te in times if te.value and te.anchor is None and te.value[:4].isdigit()]
        self.context_year: int | None = max(years, default=None)
        # (first token, entity, named as a subject) of each named person, in text order
        self.date_of = self._resolve_dates()
        self.persons: list[tuple[int, str, bool]] = []
        for ent in self.doc.ents:
            pid = ctx.entity_of_ent.get(ent.start)
            if pid is not None and ctx.entity_type.get(pid) == EntityType.PERSON:
                dep, head_dep = ent.root.dep_, ent.root.head.dep_
                subject = dep in ("nsubj", "nsubjpass") or (dep in ("appos", "compound")
                                                             and head_dep in ("nsubj", "nsubjpass"))
                self.persons.append((ent.start, pid, subject))
        self.events: list[_Event] = []
        self.event_of: dict[int, _Event] = {}  # trigger token → its event
        self.date_text = ""  # the words of the date ``_dates_on`` found last

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
        for t in words[:12]:
            if t.text in lx.DATELINE_DASHES and t.i > line.start:
                before = self.doc[line.start:t.i]
                if any(u.pos_ in ("VERB", "AUX") for u in before) or before[0].pos_ not in ("PROPN", "NOUN"):
                    break
                place_like = len(before) <= 5 and all(u.pos_ in ("PROPN", "PUNCT", "NUM") for u in before)
                if any(e.label_ == "DATE" for e in before.ents) or before[0].is_upper or place_like:
                    end = t.i + 1
                    if t.text == "(":  # "(Bengal Wire) -"
                        close = next((u.i for u in line if u.i > t.i and u.text == ")"), t.i)
                        end = close + 2 if close + 1 < line.end and line.doc[close + 1].text in lx.DATELINE_DASHES \
                            else close + 1
                    return list(range(line.start, min(end, line.end)))
                break
        return []

    def _segments(self) -> list[int]:
        """Segment number per token: a new one at each sentence start and after each line break."""
        starts = {sent.start for sent in self.doc.sents}
        seg: list[int] = []
        n = 0
        for tok in self.doc:
            if tok.i in starts and tok.i > 0:
                n += 1
            seg.append(n)
            if "\n" in tok.text_with_ws:
                n += 1
        return seg

    def _headline_end(self) -> int:
        """Token index after the headline lines at the top of a report (a title, a subtitle: lines without
        final punctuation), else 0. The first line that ends like a sentence, or a long one, ends them."""
        if self.ctx.offset != 0:
            return 0
        end = 0
        line_start = 0
        for tok in self.doc:
            if tok.i - line_start > 40:
                break
            if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
                words = [t for t in self.doc[line_start:tok.i + 1] if not t.is_space]
                if words and words[-1].text in (".", "!", "?", ":", '"', "”"):
                    break
                if words and not all(t.i in self.excluded for t in words):
                    end = tok.i + 1
                line_start = tok.i + 1
        return end

    def _same_segment(self, a: Token, b: Token) -> bool:
        return self.segment[a.i] == self.segment[b.i]

    def _kids(self, tok: Token) -> list[Token]:
        """The token's children within its segment (a headline fused into a sentence is not an argument)."""
        seg = self.segment[tok.i]
        return [c for c in tok.children if self.segment[c.i] == seg and c.i not in self.excluded]

    # ----------------------------------------------------------------------------------- triggers

    def _entry(self, tok: Token) -> Entry | None:
        if tok.lemma_.lower() not in self.lex and tok.lower_ not in self.lex \
                and (tok.i < 2 or self.doc[tok.i - 1].text != "-"):
            return None  # the common case, decided by two dictionary lookups
        if tok.i in self.excluded or tok.ent_type_ not in ("", "EVENT"):
            return None
        is_verb = tok.pos_ == "VERB"
        is_noun = tok.pos_ in ("NOUN", "PROPN")
        # headlines drop articles and the parser reads "after Muscat talks" as a verb
        headline_noun = tok.i < self.headline_end and tok.tag_ == "VBZ"
        if not (is_verb or is_noun or headline_noun):
            return None
        keys = [tok.lemma_.lower()]
        if tok.i >= 2 and self.doc[tok.i - 1].text == "-" and not self.doc[tok.i - 2].whitespace_:
            keys.insert(0, f"{self.doc[tok.i - 2].lower_}-{tok.lemma_.lower()}")
            keys.insert(1, f"{self.doc[tok.i - 2].lower_}-{tok.lower_}")
        if is_noun and tok.lower_ != keys[-1]:
            keys.append(tok.lower_)
        for key in keys:
            for entry in self.lex.get(key, ()):
                if headline_noun and entry.noun and entry.has("plural"):
                    return entry
                if (entry.verb if is_verb else entry.noun) and self._static_ok(tok, entry):
                    return None if self._negated(tok) or self._quantity(tok) or self._wished(tok) else entry
        return None

    def _static_ok(self, tok: Token, entry: Entry) -> bool:
        for cond in entry.conditions:
            name, words = cond.name, cond.words
            if name == "obj":
                objs = self._objects(tok)
                if not objs or ("*" not in words and not any(o.lemma_.lower() in words for o in objs)):
                    return False
            elif name == "prep":
                if not any(c.dep_ in ("prep", "prt", "advmod") and c.lower_ in words for c in self._kids(tok)):
                    return False
            elif name in ("before", "to"):
                if not any(c.dep_ == "prep" and c.lower_ == name
                           and any(t.lower_ in words or t.lemma_.lower() in words for t in c.subtree)
                           for c in self._kids(tok)):
                    return False
            elif name == "mod":
                if not any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in words
                           for c in self._kids(tok)):
                    return False
            elif name == "head":
                head = tok.head.head if tok.dep_ == "pobj" else tok.head
                if head.lemma_.lower() not in words:
                    return False
            elif name == "money":
                if not any(self._is_money(o) for o in self._objects(tok)):
                    return False
            elif name == "asset":
                if not self._asset(tok):
                    return False
            elif name == "singular" and tok.tag_ in ("NNS", "NNPS"):
                return False
            elif name in ("subj", "single"):
                subj, _ = self._subject(tok)
                if name == "subj" and (subj is None or subj.lemma_.lower() not in words):
                    return False
                if name == "single" and subj is not None and subj.tag_ in ("NNS", "NNPS"):
                    return False
        return True

    def _asset(self, tok: Token) -> bool:
        """A company bought or sold ("acquire Ashanti Gold Cocoa"), or a price ("for $120 million")."""
        for o in self._objects(tok):
            if any((e := self._eid(t)) is not None and self._etype(e) == EntityType.ORGANIZATION
                   for t in (o, *self._kids(o))) or self._is_money(o):
                return True
        return any(c.dep_ == "prep" and c.lower_ == "for" and any(p.ent_type_ == "MONEY" or self._is_money(p)
                                                                   for p in self._kids(c))
                   for c in self._kids(tok))

    def _objects(self, tok: Token) -> list[Token]:
        out = [c for c in self._kids(tok) if c.dep_ in ("dobj", "nsubjpass", "attr")]
        for o in list(out):
            out.extend(c for c in self._kids(o) if c.dep_ == "conj")
        return out

    def _is_money(self, tok: Token) -> bool:
        if tok.ent_type_ == "MONEY" or tok.lemma_.lower() in lx.MONEY_WORDS:
            return True
        return any(c.ent_type_ == "MONEY" for c in self._kids(tok))

    def _negated(self, tok: Token) -> bool:
        """Negated ("did not meet", "no talks", "no group has claimed") or conditional ("if convicted")."""
        for c in self._kids(tok):
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                return True
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return True
            if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in lx.NOBODY or any(
                    d.dep_ == "det" and d.lower_ == "no" for d in self._kids(c))):
                return True
        return tok.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "neg" for c in self._kids(tok.head))

    def _stative(self, verb: Token) -> bool:
        """A state or a habit, not an occurrence: "both groups are banned", "he meets many people"."""
        kids = self._kids(verb)
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in kids):
            return False
        if verb.tag_ in ("VBZ", "VBP"):
            return True
        return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in kids)

    def _wished(self, tok: Token) -> bool:
        """An event someone asks or aims for ("called for a ceasefire", "aimed at a truce"), or an activity
        someone is accused of ("accused of moving money")."""
        if tok.pos_ == "VERB":
            return tok.dep_ == "pcomp" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in lx.ACCUSING
        if tok.dep_ == "pobj" and tok.head.lower_ in ("for", "at", "toward", "towards"):
            return tok.head.head.lemma_.lower() in lx.PURPOSE_VERBS
        return tok.dep_ == "dobj" and tok.head.lemma_.lower() in lx.WANTING_VERBS

    def _quantity(self, tok: Token) -> bool:
        """"50 percent of the vote", "a share of the deal": the noun is measured, not an event."""
        if tok.dep_ != "pobj" or tok.head.lower_ != "of":
            return False
        return tok.head.head.lemma_.lower() in lx.QUANTITY_NOUNS or tok.head.head.like_num

    # ----------------------------------------------------------------------------------- dates

    def _attachment(self, ent: Span) -> tuple[int, int]:
        """The verb or trigger a DATE entity modifies, and how many steps up the tree it is."""
        tok = ent.root
        for steps in range(1, _MAX_WALK):
            head = tok.head
            if head.i == tok.i:
                return tok.i, steps
            if head.i in self.entries or head.pos_ in ("VERB", "AUX"):
                return self._reporting_date(ent, head).i, steps
            tok = head
        return tok.i, _MAX_WALK

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
        for ent in self.doc.ents:
            if ent.label_ not in ("DATE", "TIME") or ent.start in self.excluded:
                continue
            value = self._date_value(ent, reference)
            if value is None:
                continue
            out[ent.start] = value
            span = timex.bounds(value.value) if value.value else None
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

    def _dates_on(self, heads: list[Token]) -> timex.TimeValue | None:
        """The first date that normalises among those attached to ``heads`` (the trigger first, then the
        verbs that govern or describe it). On a borrowed head, "since 2019" or "until March" is not when
        the event happened."""
        found: list[tuple[int, int, Span]] = []
        for n, head in enumerate(heads):
            for steps, ent in self.dates_at.get(head.i, ()):
                if not self._same_segment(head, ent.root):
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

    def _fallback_date(self, tok: Token, etype: str) -> timex.TimeValue | None:
        """A date on the clause that governs the trigger ("arrested 11 people on Tuesday in a raid")."""
        cur = tok
        for _ in range(_MAX_WALK - 2):
            head = cur.head
            if head.i == cur.i or not self._same_segment(head, tok):
                return None
            if head.pos_ == "VERB" and head.lemma_.lower() in lx.REPORTING_VERBS and etype != "statement":
                return None
            if cur.dep_ in ("relcl", "ccomp", "parataxis"):
                return None
            if cur.dep_ == "advcl" and not any(c.dep_ == "advmod" and c.lower_ in ("when", "as", "while")
                                               or c.dep_ == "mark" and c.lower_ in ("as", "while")
                                               for c in self._kids(cur)):
                return None
            value = self._dates_on([head])
            if value is not None:
                return value
            cur = head
        return None

    def _future(self, tok: Token) -> bool:
        cur = tok
        for _ in range(3):
            for c in self._kids(cur):
                if c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll"):
                    return True
            if cur.lemma_.lower() in lx.FUTURE_GOVERNORS and cur is not tok:
                return True
            if cur.dep_ not in ("xcomp", "pobj", "prep", "nsubjpass", "nsubj", "dobj", "acomp"):
                break
            cur = cur.head
        return False

    @staticmethod
    def _shift_future(value: timex.TimeValue, published: dt.date, text: str) -> timex.TimeValue:
        """A future event's date read as a past one ("due in March", "will meet on Friday"): a yearless
        month or day moves a year on, a bare weekday a week on."""
        if value.anchor != timex.PUBLISHED or value.value is None or value.granularity not in ("day", "month"):
            return value
        b = timex.bounds(value.value)
        if b is None or b[1] >= published:
            return value
        if not lx.MONTH_RE.search(text) and value.granularity == "day":
            day = b[0] + dt.timedelta(days=7)
            return timex.TimeValue(day.isoformat(), "day", True, value.anchor)
        v = value.value
        return timex.TimeValue(f"{int(v[:4]) + 1:04d}{v[4:]}", value.granularity, True, value.anchor)

    # ----------------------------------------------------------------------------------- noun phrases

    def _eid(self, tok: Token) -> str | None:
        return self.ctx.entity_at(tok.i)

    def _etype(self, eid: str) -> EntityType | None:
        return self.ctx.entity_type.get(eid)

    def _np(self, head: Token) -> list[str]:
        """Entities a noun phrase names, conjunct by conjunct: a conjunct's own name, its appositions and its
        "including" list; when it names none ("officials from Bangladesh", "Philippine troops"), the names
        that modify it. A person's organisation ("HSW spokesman X") comes with the person."""
        units = [head]
        for tok in units:  # grows: conjuncts of conjuncts
            if len(units) > 12:
                break
            units.extend(c for c in self._kids(tok) if c.dep_ == "conj")
        unit_heads = {u.i for u in units}
        out: list[str] = []
        seen: set[int] = set()
        for unit in units:
            core: list[str] = []
            mods: list[str] = []
            self._np_walk(unit, unit, core, mods, True, 0, seen, unit_heads)
            if core and any(self._etype(e) == EntityType.PERSON for e in core):
                core.extend(m for m in mods if self._etype(m) == EntityType.ORGANIZATION and m not in core)
            out.extend(e for e in (core or mods) if e not in out)
        return out

    def _np_walk(self, root: Token, tok: Token, core: list[str], mods: list[str], in_core: bool, depth: int,
                 seen: set[int], unit_heads: set[int]) -> None:
        if depth > _MAX_WALK or tok.i in seen or not self._same_segment(root, tok):
            return
        seen.add(tok.i)
        eid = self._eid(tok)
        if eid is None and in_core and tok.lower_ in lx.PERSONAL_PRONOUNS and tok.dep_ != "poss":
            eid = self._antecedent_person(tok)
        target = core if in_core else mods
        if eid is not None and eid not in target:
            target.append(eid)
        for c in self._kids(tok):
            dep = c.dep_
            if dep == "conj" and c.i in unit_heads:
                continue
            if dep in ("conj", "appos"):
                self._np_walk(root, c, core, mods, in_core, depth + 1, seen, unit_heads)
            elif dep == "prep" and c.lower_ in ("including", "like", "as"):
                for p in self._kids(c):
                    if p.dep_ == "pobj":
                        self._np_walk(root, p, core, mods, in_core, depth + 1, seen, unit_heads)
            elif dep in ("compound", "poss", "amod", "nmod"):
                if eid is not None and self._eid(c) == eid:
                    continue
                self._np_walk(root, c, core, mods, False, depth + 1, seen, unit_heads)
            elif dep == "prep" and c.lower_ in ("of", "from") and eid is None:
                for p in self._kids(c):
                    if p.dep_ == "pobj":
                        self._np_walk(root, p, core, mods, False, depth + 1, seen, unit_heads)

    def _antecedent_person(self, pronoun: Token) -> str | None:
        """"He was arrested at Dakar's airport": the person last named as a subject in the two sentences
        before (or earlier in this one), else the person last named there at all."""
        at = bisect.bisect_left(self.persons, (pronoun.i, "", False))
        floor = pronoun.sent.start
        for _ in range(2):
            if floor > 0:
                floor = self.doc[floor - 1].sent.start
        fallback: str | None = None
        for i, eid, subject in reversed(self.persons[max(0, at - 8):at]):
            if i < floor:
                break
            if subject:
                return eid
            fallback = fallback or eid
        return fallback

    def _place_of(self, tok: Token, depth: int = 0) -> Token | None:
        """The token naming the place a locative noun phrase is about: its own name, else one in a modifier
        ("Dakar's airport", "the town of X", "a camp near X")."""
        eid = self._eid(tok)
        if eid is not None:
            return tok if self._etype(eid) == EntityType.PLACE else None
        if depth >= 3:
            return None
        for c in self._kids(tok):
            if c.dep_ == "prep" and (c.lower_ in lx.LOC_PREPS or c.lower_ == "of"):
                for p in self._kids(c):
                    if p.dep_ == "pobj":
                        found = self._place_of(p, depth + 1)
                        if found is not None:
                            return found
        for c in self._kids(tok):
            if c.dep_ in ("appos", "compound", "poss", "nmod"):
                found = self._place_of(c, depth + 1)
                if found is not None:
                    return found
        return None

    def _offer_place(self, args: _Args, tok: Token | None, pos: int) -> bool:
        """Take ``tok``'s place for the event when no earlier phrase gave one. True when it names a place."""
        eid = self._eid(tok) if tok is not None else None
        if eid is None:
            return False
        if pos < args.place_pos:
            args.place, args.place_tok, args.place_pos = eid, tok, pos
        return True

    # ----------------------------------------------------------------------------------- arguments

    def _role(self, etype: str, slot: str) -> str | None:
        return lx.ROLES.get(etype, {}).get(slot)

    def _add_np(self, args: _Args, np: Token, role: str | None) -> None:
        """Add the entities of a noun phrase in a slot the event type has a role for."""
        if role is None:
            return
        for eid in self._np(np):
            args.add(eid, role)

    def _subject(self, verb: Token) -> tuple[Token | None, bool]:
        """The verb's subject (following conjunctions, xcomp and relative clauses) and whether it is the
        patient (a passive subject)."""
        cur = verb
        for _ in range(4):
            for c in self._kids(cur):
                if c.dep_ in ("nsubj", "csubj"):
                    if c.tag_ in ("WP", "WDT") and cur.dep_ == "relcl":
                        return cur.head, False
                    return c, False
                if c.dep_ == "nsubjpass":
                    return c, cur is verb
            if cur.dep_ in ("conj", "xcomp") and cur.head.pos_ in ("VERB", "AUX") \
                    and self._same_segment(cur, cur.head):
                cur = cur.head
                continue
            if cur.dep_ == "xcomp" and cur.head.pos_ == "ADJ" and cur.head.dep_ == "acomp":
                cur = cur.head.head  # "is due to appear", "is likely to meet"
                continue
            if cur.dep_ == "relcl" and self._same_segment(cur, cur.head):
                return cur.head, False
            break
        return self._orphan_subject(verb), False

    def _orphan_subject(self, verb: Token) -> Token | None:
        """A subject the parser hung on a fused headline or dateline: the first noun before the verb in its
        segment whose head lies outside the segment ("Bogotá — Colombia's government ... began")."""
        if verb.dep_ not in ("ROOT", "conj", "appos", "dep") and self._same_segment(verb, verb.head):
            return None
        seg = self.segment[verb.i]
        i = verb.i - 1
        while i >= 0 and self.segment[i] == seg and verb.i - i < 40:
            i -= 1
        for tok in self.doc[i + 1:verb.i]:
            if tok.i in self.excluded or tok.pos_ not in ("NOUN", "PROPN", "PRON"):
                continue
            head = tok.head
            if head.i == tok.i or self.segment[head.i] != seg or head.i in self.excluded:
                return tok
        return None

    def _clause_args(self, verb: Token, etype: str, args: _Args, agent_role: str | None = None,
                     skip: Token | None = None) -> list[Token]:
        """Arguments of a verb that is, or governs, the trigger. Returns the tokens dates may attach to."""
        subj, passive = self._subject(verb)
        if subj is not None and subj is not skip and subj.i not in self.entries:
            self._add_np(args, subj, self._role(etype, "patient") if passive else agent_role
                         or self._role(etype, "agent"))
            for c in self._kids(subj) if skip is None else ():  # "soldiers in Sévaré arrested ..."
                if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                    for p in self._kids(c):
                        if p.dep_ == "pobj":
                            self._offer_place(args, self._place_of(p), (1 << 20) + p.i)
        for c in self._kids(verb):
            if c is skip or not self._same_segment(verb, c):
                continue
            dep = c.dep_
            if dep in ("dobj", "nsubjpass", "attr", "dative") and c is not subj:
                # "visited Havana", "attacked the town of Rutshuru": the object is where it happened
                if etype in lx.TYPES_WITH_TARGET_PLACE | {"visit"} and self._offer_place(args, self._place_of(c), c.i):
                    args.attached = True
                    continue
                if c.i not in self.entries or self.entries[c.i].type != etype:
                    role = "speaker" if verb.lemma_.lower() in ("hear", "feature") else self._role(etype, "patient")
                    self._add_np(args, c, role)
                self._locate(c, args)
            elif dep == "agent":
                for p in self._kids(c):
                    if p.dep_ == "pobj":
                        self._add_np(args, p, agent_role or lx.GOVERNOR_ROLE.get(verb.lemma_.lower())
                                     or self._role(etype, "agent"))
            elif dep == "prep":
                self._prep_args(c, etype, args)
        return [verb]

    def _prep_args(self, prep: Token, etype: str, args: _Args) -> None:
        word = prep.lower_
        objs = [p for p in self._kids(prep) if p.dep_ == "pobj"]
        for p in objs:
            if word in lx.WITH_PREPS:
                self._add_np(args, p, self._role(etype, "with"))
            elif word in ("on", "against") and etype in lx.TYPES_WITH_TARGET_PLACE | {"sanction", "protest"}:
                place = self._place_of(p) if etype in lx.TYPES_WITH_TARGET_PLACE else None
                if self._offer_place(args, place, p.i):
                    args.attached = True
                else:
                    self._add_np(args, p, self._role(etype, "target"))
            elif word == "to" and etype == "transaction":
                self._add_np(args, p, "recipient")
            elif word == "before" and etype == "trial":
                self._add_np(args, p, "court")
                self._locate(p, args)
            elif word in lx.LOC_PREPS or (word == "to" and etype in lx.TYPES_WITH_GOAL_PLACE):
                if self._offer_place(args, self._place_of(p), p.i):
                    args.attached = True

    def _locate(self, np: Token, args: _Args, depth: int = 0) -> None:
        """A place in a locative phrase on an object ("raided a compound in Porac", "met representatives
        of the charity in Beirut")."""
        for c in self._kids(np):
            if c.dep_ != "prep":
                continue
            for p in self._kids(c):
                if p.dep_ != "pobj":
                    continue
                if c.lower_ in lx.LOC_PREPS and self._offer_place(args, self._place_of(p), p.i):
                    args.attached = True
                elif c.lower_ == "of" and depth < 2:
                    self._locate(p, args, depth + 1)

    def _noun_args(self, noun: Token, etype: str, args: _Args) -> list[Token]:
        heads = [noun]
        for c in self._kids(noun):
            if not self._same_segment(noun, c):
                continue
            dep = c.dep_
            if dep in ("poss", "compound", "nmod", "amod"):
                eid = self._eid(c)
                if eid is None:
                    continue
                if self._etype(eid) == EntityType.PLACE and etype in lx.TYPES_WITH_MODIFIER_PLACE:
                    self._offer_place(args, c, c.i)
                else:
                    for e in self._np(c):
                        args.add(e, self._role(etype, "agent"))
                args.owned = True
            elif dep == "prep":
                word = c.lower_
                if word in ("by", "from"):
                    for p in self._kids(c):
                        if p.dep_ == "pobj":
                            before = len(args.participants)
                            self._add_np(args, p, self._role(etype, "agent"))
                            args.owned = args.owned or len(args.participants) > before
                elif word == "of":
                    for p in self._kids(c):
                        if p.dep_ == "pobj":
                            place = self._place_of(p) if etype in lx.TYPES_WITH_MODIFIER_PLACE else None
                            if place is not None and place.i == p.i:
                                self._offer_place(args, place, p.i)
                            else:
                                self._add_np(args, p, self._role(etype, "patient"))
                else:
                    self._prep_args(c, etype, args)
            elif dep in ("acl", "relcl") and c.lemma_.lower() in lx.DESCRIBING_VERBS:
                lemma = c.lemma_.lower()
                role = lx.GOVERNOR_ROLE.get(lemma)
                before = len(args.participants)
                self._clause_args(c, etype, args, agent_role=role, skip=noun)
                if lemma in ("involve", "feature", "include"):
                    for o in self._kids(c):
                        if o.dep_ == "dobj":
                            self._add_np(args, o, "speaker" if lemma == "feature" else self._role(etype, "with"))
                args.owned = args.owned or len(args.participants) > before
                heads.append(c)
        gov = noun.head
        if etype == "statement" and noun.dep_ == "pobj" and noun.head.lower_ in ("in", "through", "via") \
                and gov.head.pos_ == "VERB" and self._same_segment(noun, gov.head):
            # "X rejected the claim in a statement on Monday": X speaks, then
            subj, passive = self._subject(gov.head)
            if subj is not None and not passive:
                self._add_np(args, subj, "speaker")
                args.owned = True
            heads.append(gov.head)
        # the verb this noun is an argument of: "held talks", "the conference was addressed by"; through a
        # measure of it: "held two days of talks", "began a round of negotiations"
        arg = noun
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in lx.SPANS_OF:
            arg = noun.head.head
        gov = arg.head
        if arg.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and gov.pos_ in ("VERB", "AUX") \
                and gov.i not in self.entries and self._same_segment(noun, gov):
            lemma = gov.lemma_.lower()
            # an object's verb supports the event ("held talks"); a subject's verb tells of it only when
            # it is one of the verbs that describe or report an event's course ("the assault hit")
            if arg.dep_ == "dobj" and lemma not in lx.REPORTING_VERBS or lemma in lx.DESCRIBING_VERBS \
                    or lemma in lx.IMPACT_VERBS:
                role = lx.GOVERNOR_ROLE.get(lemma)
                if arg.dep_ == "dobj":
                    self._clause_args(gov, etype, args, agent_role=role, skip=arg)
                else:
                    self._clause_args(gov, etype, args, skip=arg)
                heads.append(gov)
                if gov.dep_ == "conj" and self._same_segment(gov, gov.head):
                    heads.append(gov.head)  # "visited Havana on 10 June and held talks with ..."
            elif lemma not in lx.REPORTING_VERBS and lemma != "be":
                heads.append(gov)  # only its date: "another rally was broken up the same day"
        return heads

    def _arguments(self, mention: _Mention) -> tuple[_Args, list[Token]]:
        args = _Args()
        heads: list[Token] = []
        etype = mention.entry.type
        for tok in mention.tokens:
            if tok.pos_ == "VERB":
                if self._participial(tok):
                    self._participial_args(tok, etype, args)
                    heads.append(tok)
                else:
                    role = lx.GOVERNOR_ROLE.get(tok.lemma_.lower())  # "addressed a rally": a speaker
                    heads.extend(self._clause_args(tok, etype, args, agent_role=role))
            else:
                heads.extend(self._noun_args(tok, etype, args))
        args.participants.pop(args.place or "", None)
        return args, heads

    def _participial(self, verb: Token) -> bool:
        """"those detained", "the banned group": a participle modifying a noun, not a finite verb the parser
        hung on a noun ("CTD has arrested X" after a fused dateline)."""
        if not (verb.dep_ == "amod" or (verb.dep_ == "acl" and verb.tag_ == "VBN")):
            return False
        return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in self._kids(verb))

    def _participial_args(self, verb: Token, etype: str, args: _Args) -> None:
        """"those detained", "the designated firms", "a man arrested in X": the modified noun is the patient."""
        noun = verb.head
        self._add_np(args, noun, self._role(etype, "patient"))
        if noun.dep_ == "pobj" and noun.head.lower_ == "among":  # "Among those detained was X"
            clause = noun.head.head
            for c in self._kids(clause):
                if c.dep_ in ("nsubj", "attr", "nsubjpass") and c is not noun.head:
                    self._add_np(args, c, self._role(etype, "patient"))
        self._clause_args(verb, etype, args, skip=noun)

    def _anaphor_args(self, noun: Token, etype: str, args: _Args) -> None:
        """"In attendance were X and Y", "Participation included X": the clause's other arguments."""
        clause = noun.head.head if noun.dep_ == "pobj" else noun.head
        for c in self._kids(clause):
            if c.dep_ in ("nsubj", "attr", "dobj", "nsubjpass") and c is not noun and c is not noun.head:
                if not any(t.i == noun.i for t in c.subtree):
                    self._add_np(args, c, self._role(etype, "with"))
        for c in self._kids(noun):
            if c.dep_ == "prep" and c.lower_ in ("of", "by"):
                for p in self._kids(c):
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
                xcomp = cur.dep_ == "xcomp"
                cur = cur.head
                if not self._same_segment(cur, t):
                    break
                if cur.i in group:
                    # the nearest trigger above: one mention when the type is the same, or when this one is
                    # what it commits to ("agreed to acquire", "agree to swap")
                    if self.entries[cur.i].type == self.entries[t.i].type or (xcomp and cur is t.head):
                        group[find(t.i)] = find(cur.i)
                    break
        out: dict[int, list[Token]] = {}
        for t in toks:
            out.setdefault(find(t.i), []).append(t)
        mentions = []
        for root, members in out.items():
            members.sort(key=lambda x: x.i)
            mentions.append(_Mention(members, self.entries[root], headline))
        mentions.sort(key=lambda m: m.tokens[0].i)
        return mentions

    def _mode(self, mention: _Mention) -> str:
        """How a mention may join earlier events: new (a verb or bare noun), indefinite ("a meeting"), anaphor
        ("the talks", "also arrested": joins the latest compatible event, else starts one), specified ("the
        arrest of X": joins an event with a participant or the place in common), plural ("the
        arrests": joins the only compatible event), only (joins or is dropped: "those detained"), fresh
        ("another", "a separate": joins only an event at the same named place), multi ("both attacks", "two
        rallies": refers to several events at once and is dropped)."""
        if mention.entry.has("only"):
            return "only"
        modes: list[str] = []
        for tok in mention.tokens:
            if tok.pos_ == "VERB":
                words = {c.lower_ for c in self._kids(tok) if c.dep_ in ("advmod", "npadvmod")}
                subj, _ = self._subject(tok)
                subj_mods = {c.lower_ for c in self._kids(subj)} if subj is not None else set()
                if words & lx.FRESH_ADVERBS or subj_mods & lx.FRESH:
                    modes.append("fresh")
                elif self._participial(tok):
                    # "those detained" refers back; "a group founded in 2015 by X" tells of the event itself
                    told = tok.i in self.dates_at or any(c.dep_ == "agent" for c in self._kids(tok))
                    modes.append("new" if told else "only")
                elif words & lx.ALSO:
                    modes.append("anaphor")
                else:
                    modes.append("new")
                continue
            mods = {c.lower_ for c in self._kids(tok) if c.dep_ in ("det", "amod", "predet", "poss", "nummod")}
            plural = tok.tag_ in ("NNS", "NNPS") and not mention.entry.has("plural")
            counted = any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") for c in self._kids(tok))
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
        for c in self._kids(noun):
            if c.dep_ == "prep" and c.lower_ == "of" and any(
                    p.dep_ == "pobj" and p.pos_ != "PRON" for p in self._kids(c)):
                return True
        return False

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
            if event.type == etype and self._compatible(event, date, place):
                out.append(event)
        return out

    @staticmethod
    def _narrower(a: timex.TimeValue, b: timex.TimeValue) -> bool:
        """True when ``a`` lies within ``b`` and is shorter."""
        ba = timex.bounds(a.value) if a.value else None
        bb = timex.bounds(b.value) if b.value else None
        if ba is None or bb is None:
            return False
        return bb[0] <= ba[0] and ba[1] <= bb[1] and (ba[1] - ba[0]) < (bb[1] - bb[0])

    def _merge(self, event: _Event, mention: _Mention, args: _Args, sent: int) -> None:
        for eid, role in args.participants.items():
            if eid != event.place and eid not in event.participants:
                event.participants[eid] = role
        if args.date is not None and (event.date is None or self._narrower(args.date, event.date)):
            event.date = args.date  # "last week", then "on 5 February": the narrower reading wins
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
        if mention.entry.has("clause"):
            args = _Args()
            self._anaphor_args(first, etype, args)
            heads = [first]
        else:
            args, heads = self._arguments(mention)
        args.date = self._dates_on(heads)
        args.attached = args.attached or args.date is not None
        if args.date is None:
            for tok in mention.tokens:
                if tok.pos_ == "VERB":
                    args.date = self._fallback_date(tok, etype)
                    if args.date is not None:
                        break
        if args.date is not None and self.published is not None and any(self._future(t) for t in mention.tokens):
            args.date = self._shift_future(args.date, self.published, self.date_text)
        entry = mention.entry
        if entry.has("dated") and not args.attached:
            return
        if args.date is None and first.pos_ == "VERB" and not mention.headline and self._stative(first):
            return
        if entry.has("placed") and (args.place is None or not args.attached):
            return
        if entry.has("owned") and not (args.owned or args.attached):
            return
        mode = self._mode(mention)
        places = self._split_places(mention, args)
        if len(places) > 1:  # "separate meetings in Chisinau and Tiraspol": one event per place
            date = args.date
            if date is None and first.dep_ == "pobj":  # "killed ... on Wednesday in separate attacks"
                date = self._dates_on([first.head.head])
            for n, place_tok in enumerate(places):
                place = self._eid(place_tok)
                part = _Args(dict(args.participants), place, place_tok, args.place_pos, date, args.attached)
                part.participants.pop(place or "", None)
                # each needs its own trigger span: the later ones are anchored on their place name
                self._emit(mention, part, "fresh", trigger=place_tok if n else None)
            return
        self._emit(mention, args, mode)

    def _emit(self, mention: _Mention, args: _Args, mode: str, trigger: Token | None = None) -> None:
        """Join the mention to an earlier event, or start a new one (triggered by ``trigger`` if given)."""
        etype, entry, first = mention.entry.type, mention.entry, mention.tokens[0]
        sent = first.sent.start
        if mention.headline:  # a headline restates the story: it joins the body's event or is dropped
            first_of_type = next((e for e in self.events if e.type == etype), None)
            if first_of_type is not None:
                self._merge(first_of_type, mention, args, sent)
            return
        cands = self._antecedents(etype, args.date, args.place)
        # the same named place and no conflicting date: a "separate gathering in Multan" can still be the
        # gathering in Multan the lead paragraph announced
        same_place = [c for c in cands if args.place is not None and c.place == args.place]
        target: _Event | None = None
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
            shared = {e for e in args.participants if self._etype(e) != EntityType.PLACE}
            own_date = args.date is not None and args.date.anchor != timex.REFERENCE
            target = next((c for c in cands if shared & set(c.participants)
                           or (own_date and c.date is not None)), None)
            if target is None and cands and args.date is None and args.place is None and not shared:
                target = cands[0]  # nothing of its own ("officers seized 340 kg"): more on the last one
            previous = self.doc[sent - 1].sent.start if sent > 0 else -1
            if target is None and cands and first.pos_ == "VERB" and cands[0].sentences[-1] == previous:
                target = cands[0]  # told again in the very next sentence, with nothing in conflict
        elif mode in ("fresh", "indefinite"):
            target = same_place[0] if same_place else None
        elif mode == "specified":
            shared = {e for e in args.participants if self._etype(e) != EntityType.PLACE}
            target = next((c for c in cands if shared & set(c.participants)), None) or \
                (same_place[0] if same_place else None)
        if target is not None:
            self._merge(target, mention, args, sent)
            return
        if mode in ("only", "multi") or (mode == "plural" and cands):
            return
        linked = self._linked_event(mention)  # "arrested ... in a raid": the raid sets the scene
        if not (args.participants or args.place or args.date or linked) and first.pos_ != "VERB" \
                and mode in ("new", "indefinite", "fresh") and etype != "statement":
            return  # a bare indefinite noun ("further arrests were likely") is not an event worth a node
        if linked is not None:
            self._link(linked, args, mention)
        event = _Event(etype, trigger or first, entry, args.date, args.place, dict(args.participants), [sent],
                       f"{'verb' if first.pos_ == 'VERB' else 'noun'}:{entry.lemma}", first)
        self.events.append(event)
        for tok in mention.tokens:
            self.event_of[tok.i] = event

    def _split_places(self, mention: _Mention, args: _Args) -> list[Token]:
        """Several places for a plural event noun: coordinated ("separate meetings in Chisinau and Tiraspol",
        "detained 11 people in simultaneous raids in Gaziantep and Şanlıurfa"), or spread over the clause the
        noun sets ("killed villagers in X and fighters near Y in two separate attacks"). Each place is then
        its own event. Returns the tokens naming them when there are several, else an empty list."""
        triggers = {t.i for t in mention.tokens}
        plural_trigger = next((t for t in mention.tokens if t.tag_ in ("NNS", "NNPS")
                               and not mention.entry.has("plural")), None)
        clause = self._clause_places(plural_trigger) if plural_trigger is not None else []
        tok = args.place_tok
        if tok is None or args.place is None:
            return clause
        places = [tok]
        for c in self._kids(tok):
            if c.dep_ == "conj" and (eid := self._eid(c)) is not None and self._etype(eid) == EntityType.PLACE:
                if all(self._eid(p) != eid for p in places):
                    places.append(c)
        if len(places) == 1:
            return clause
        plural = plural_trigger is not None
        cur = tok
        for _ in range(_MAX_WALK):
            if cur.i in triggers or cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.pos_ == "NOUN" and cur.tag_ == "NNS" and cur.i not in triggers:
                plural = True
        return places if plural else []

    def _clause_places(self, noun: Token) -> list[Token]:
        """Places named by the objects of the verb a plural event noun modifies ("in separate attacks")."""
        if noun.dep_ != "pobj" or noun.head.head.pos_ != "VERB":
            return []
        verb = noun.head.head
        places: list[Token] = []
        objs = [c for c in self._kids(verb) if c.dep_ == "dobj"]
        objs += [c for o in objs for c in self._kids(o) if c.dep_ == "conj"]
        for o in objs:
            for c in self._kids(o):
                if c.dep_ == "prep" and c.lower_ in lx.LOC_PREPS:
                    for p in self._kids(c):
                        place = self._place_of(p) if p.dep_ == "pobj" else None
                        eid = self._eid(place) if place is not None else None
                        if place is not None and eid is not None and all(self._eid(q) != eid for q in places):
                            places.append(place)
        return places if len(places) > 1 else []

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
        for c in self._kids(tok):
            if c.dep_ == "prt" and c.i == end:
                end = c.i + 1
        return start, end

    def _label(self, event: _Event) -> str:
        tok = event.word
        if tok.pos_ == "VERB":
            base = event.entry.label or event.type
        else:
            mods = [c for c in self._kids(tok) if c.dep_ in ("compound", "amod") and c.i < tok.i
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
                parts.append(f"of {role_names[0]}")
        if event.place is not None:
            parts.append(f"in {self.ctx.entity_name.get(event.place, event.place)}")
        return " ".join(parts)


def find_events(ctx: DocContext, times: list[TimeExpression]) -> list[EventCandidate]:
    """Events described in one parsed chunk, one candidate per real-world occurrence."""
    return _Finder(ctx, times).run()
