"""The numbers an event reports: killed, wounded, arrested (ACLED-style fatalities and detentions).

Read from the parse, not from the words around a number: the people a trigger acts on are its object ("killed
two insurgents"), its passive subject ("three suspects were detained"), the subject of an intransitive death
("five civilians died") or the "of" phrase of a noun ("the arrest of two men"). Their count is the number that
modifies them ("two", "17", "at least 15"), one for a single person ("a Taliban leader", "the insurgent",
a named person), and two — the least the words allow — for a plural without a number ("detained several
suspects", "numerous insurgents"), as the ISAF annotation guidelines read them. Coordinated victims add up
("killed a leader and two fighters"). Each count keeps the words it was read from as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Token

__all__ = ["CountCandidate", "KINDS", "count"]

# Trigger lemmas by the count they report.
KINDS: Final[dict[str, str]] = {
    "kill": "killed", "slay": "killed", "murder": "killed", "assassinate": "killed", "execute": "killed",
    "behead": "killed", "massacre": "killed", "die": "killed", "killing": "killed", "death": "killed",
    "wound": "wounded", "injure": "wounded", "hurt": "wounded", "maim": "wounded", "injury": "wounded",
    "arrest": "arrested", "detain": "arrested", "capture": "arrested", "apprehend": "arrested",
    "nab": "arrested", "abduct": "arrested", "kidnap": "arrested", "detention": "arrested",
    "custody": "arrested", "surrender": "arrested",
}  # fmt: skip
# The subject, not the object, is who the count is about.
_INTRANSITIVE: Final[frozenset[str]] = frozenset({"die", "surrender"})
_REFLEXIVE: Final[frozenset[str]] = frozenset({"himself", "herself", "themselves", "myself", "ourselves"})
_UNITS: Final[dict[str, int]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "thousand": 1000,
}  # fmt: skip
# Words that multiply the number before them: "three dozen", "two hundred".
_MULTIPLIERS: Final[frozenset[str]] = frozenset({"dozen", "hundred", "thousand"})
# A floor the number itself is not part of: "more than 10 suspects" are at least 11.
_ABOVE: Final[tuple[tuple[str, ...], ...]] = (("more", "than"), ("over",), ("upwards", "of"))
_AT_LEAST: Final[frozenset[str]] = frozenset({"least", "more", "over", "than", "nearly", "almost", "about",
                                               "around", "some", "approximately", "roughly", "up"})
_SEVERAL: Final[frozenset[str]] = frozenset({"several", "numerous", "multiple", "many", "some", "few",
                                              "various", "other", "number"})
# The least a vague quantity allows, as the ISAF annotators read it: "a few" two, "several" three, "numerous"
# four; a plural with no quantity at all, two.
_VAGUE: Final[dict[str, int]] = {"few": 2, "couple": 2, "several": 3, "multiple": 3, "some": 3, "various": 3,
                                 "numerous": 4, "many": 4, "dozens": 24}
_DEFINITE: Final[frozenset[str]] = frozenset({"the", "this", "that", "these", "those", "all", "both", "its",
                                              "their", "his", "her"})
_GROUPS: Final[frozenset[str]] = frozenset({"number", "group", "handful", "band", "team", "cell"})
_MORE: Final[frozenset[str]] = frozenset({"additional", "other", "more", "another", "further", "second"})
# The words of _MORE that always mean people beyond everyone told so far. "Other" and "also" often set a group
# apart from the one named person ("the leader ... several other militants were also captured"), not from the
# group the lead counted.
_ADDITIONAL: Final[frozenset[str]] = frozenset({"additional", "more", "further"})
# Words that make a gerund an aim, not an outcome: "operations aimed at capturing", "focused on killing".
_AIMS: Final[frozenset[str]] = frozenset({"aim", "focus", "target", "direct", "intend", "design", "seek", "effort",
                                          "attempt", "bid", "goal", "purpose", "mission", "plan", "hope", "intent",
                                          "intention", "order", "bent", "set"})
# Verbs after which "to capture" is still an outcome: "managed to capture", "were able to detain".
_ACHIEVED: Final[frozenset[str]] = frozenset({"manage", "succeed", "able", "proceed", "go", "help", "continue"})
# Periods a running total is counted over: "since the beginning of the year", "this month alone", "to date".
_PERIODS: Final[frozenset[str]] = frozenset({"week", "month", "year", "decade", "season", "campaign"})
_CONFIRM: Final[frozenset[str]] = frozenset({"confirm", "verify"})
# The qualifier ``_one`` gives a count read from words without a number ("several", a bare plural); reported
# as "at least", and kept apart so that a later exact telling can take its place.
_SOME: Final = "some"
_NUMBER_RE: Final = re.compile(r"^\d{1,3}(?:,\d{3})*$|^\d+$")


@dataclass(frozen=True, slots=True)
class CountCandidate:
    kind: str  # killed | wounded | arrested
    value: int
    qualifier: str | None  # "at least" when the text gives a floor, else None
    tokens: tuple[int, int]  # token range of the words it was read from
    definite: bool = False  # "the insurgents", "all of them": a retelling of people counted before
    vague: bool = False  # read from "several", "numerous", a bare plural: the least the words allow
    more: bool = False  # "additional", "other", "more", "another", "also": people beyond those told before
    known: int = 0  # people of the same phrase told before: "the leader" in "the leader and two associates"
    additional: bool = False  # "additional", "more", "further": beyond everyone told before (not "other", "also")
    confirmed: bool = False  # told under "confirmed": a report's confirmation of people it may have counted
    numberless: bool = False  # no number at all ("several", "numerous", a bare plural): a later number replaces it


def _number(tok: Token) -> int | None:
    text = tok.lower_.replace(",", "")
    if _NUMBER_RE.match(tok.text):
        value = int(text)
        return value if 0 < value < 100_000 and not 1800 <= value <= 2100 else None
    total = 0
    for part in re.split(r"[- ]+", text):
        if part not in _UNITS:
            return None
        total = total * _UNITS[part] if part == "hundred" and total else total + _UNITS[part]
    return total or None


def _above(doc: Doc, first: int, number: Token) -> int:
    """1 when the words before the number set a floor above it ("more than 10", "over 30"), else 0: the least
    "more than 10" allows is 11."""
    words = tuple(t.lower_ for t in doc[first : number.i] if not t.like_num and t.lower_ not in ("a", "an"))
    return 1 if any(words[-len(w):] == w for w in _ABOVE) else 0


def _with(tok: Token) -> list[Token]:
    """People added by "along with", "together with" after the word: "detained the facilitator along with two
    associates". Only a counted phrase ("two associates", "several of his men", "a number of fighters") adds:
    "along with weapons" names no people, and "Police, along with soldiers, detained" names the agents."""
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("along", "together") and c.i > tok.i
            for w in c.children if w.dep_ == "prep" and w.lower_ == "with"
            for g in w.children if g.dep_ == "pobj" and _counted(g)]


def _counted(head: Token) -> bool:
    """A phrase that says how many: a number, a vague quantity or a group word."""
    return head.like_num or head.lower_ in _UNITS or head.lower_ in _VAGUE or head.lemma_.lower() in _GROUPS \
        or any(c.dep_ == "nummod" or c.lower_ in _VAGUE for c in head.children)


def _victims(trigger: Token) -> list[Token]:
    """The heads of the noun phrases a trigger's count is about."""
    kids = list(trigger.children)
    lemma = trigger.lemma_.lower()
    if trigger.pos_ == "VERB":
        if lemma in _INTRANSITIVE or _turned_in(trigger):
            # "one of the shooters surrendered", "a facilitator turned himself in": the subject is taken;
            # "surrendered their weapons" hands over things, not people
            if any(c.dep_ == "dobj" and c.lower_ not in _REFLEXIVE for c in kids) and lemma != "turn":
                return []
            return [c for c in kids if c.dep_ == "nsubj"]
        passive = [c for c in kids if c.dep_ == "nsubjpass"]
        if len(passive) > 1:  # "A firefight ensued, and X and his subordinate were killed": the nearest
            passive = [max((c for c in passive if c.i < trigger.i), key=lambda c: c.i, default=passive[-1])]
        if passive:
            return passive
        objs = [c for c in kids if c.dep_ == "dobj" and not _hyphen_part(c)]
        if objs:  # a verb has one object: a second is a misparse ("killing one insurgent ..., Sar-e Pul province")
            return objs[:1]
        if trigger.dep_ in ("acl", "relcl") and trigger.tag_ == "VBN":  # "two insurgents killed in the raid"
            return [trigger.head]
        if any(c.dep_ == "auxpass" and c.lower_ == "being" for c in kids):
            # "resulted in six civilians being killed": the subject of the "being" clause is the noun before it
            before = [g for c in trigger.head.children if c.dep_ == "prep" and c.i < trigger.i
                      for g in c.children if g.dep_ == "pobj"]
            return before[-1:]
        return []
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "into" and trigger.head.head.lemma_.lower() == "take":
        verb = trigger.head.head  # "took two men into custody", "two men were taken into custody"
        held = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
        if held:
            return held
        return [verb.head] if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" else []
    of = [g for c in kids if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if of or any(c.dep_ == "poss" for c in kids):
        return of or [c for c in kids if c.dep_ == "poss"]
    # "ten insurgent deaths", "three arrests": the noun counts itself
    return [trigger] if any(c.dep_ == "nummod" for c in kids) else []


def _turned_in(verb: Token) -> bool:
    """"turned himself in": giving oneself up, as "surrendered"."""
    kids = list(verb.children)
    return verb.lemma_.lower() == "turn" and any(c.dep_ == "prt" and c.lower_ == "in" for c in kids) and any(
        c.dep_ == "dobj" and c.lower_ in _REFLEXIVE for c in kids)


def _one(head: Token) -> tuple[int, str | None, int] | None:
    """Count, qualifier and first token of one victim phrase."""
    kids = list(head.children)
    first = head.i
    for c in kids:
        multiplier = c.lower_ in _MULTIPLIERS and c.dep_ in ("nummod", "quantmod")
        if c.dep_ == "nummod" or (c.dep_ in ("amod", "quantmod", "npadvmod") and c.like_num) or multiplier:
            value = _number(c)
            if value is None:
                continue
            if c.lower_ in _MULTIPLIERS:  # "three dozen suspects": 36, however the parse hangs it
                value *= next((n for n in (_number(m) for m in c.children if m.i < c.i and m.like_num) if n), 1)
            else:
                value *= next((_UNITS[m.lower_] for m in c.children if m.i == c.i + 1 and m.lower_ in _MULTIPLIERS), 1)
            mods = [m for m in c.children if m.dep_ in ("advmod", "quantmod") or m.lower_ in _AT_LEAST]
            qual = "at least" if any(m.lower_ in _AT_LEAST for m in c.subtree) else None
            first = min([c.i, *(m.i for m in mods), *(t.i for t in c.subtree)])
            return value + _above(c.doc, first, c), qual, first
    if head.lower_ in _VAGUE:  # "several of his associates"
        return _VAGUE[head.lower_], _SOME, head.i
    if head.lemma_.lower() in _GROUPS and any(c.dep_ == "prep" and c.lower_ == "of" for c in kids):
        return _VAGUE["several"], _SOME, head.i  # "a number of insurgents", "a group of militants"
    if head.lower_ in _UNITS and head.pos_ in ("NUM", "NOUN") and head.lower_ not in ("a", "an"):
        return _UNITS[head.lower_], None, head.i  # "killed two of them", "hundreds were detained"
    if head.like_num:
        value = _number(head)
        return (value, None, head.i) if value else None
    words = {c.lower_ for c in kids if c.dep_ in ("det", "amod", "nmod", "quantmod")}
    # "several suspected Islamic Movement of Uzbekistan insurgents": the parser may hang the quantity on a
    # name inside the phrase; any quantity word before the head counts
    words |= {t.lower_ for t in head.subtree if t.i < head.i and t.dep_ in ("amod", "det") and t.lower_ in _VAGUE}
    first = min([head.i, *(c.i for c in kids if c.dep_ in ("det", "amod", "compound") and c.i < head.i)])
    vague_words = [_VAGUE[w] for w in words if w in _VAGUE]
    if vague_words and head.pos_ == "NOUN":  # "multiple suspected insurgent" (sic): the quantity decides
        return min(vague_words), _SOME, first
    if "both" in {c.lower_ for c in kids if c.dep_ in ("det", "predet", "nummod")}:
        return 2, None, first  # "both men": exactly two
    if head.tag_ in ("NNS", "NNPS"):
        if head.pos_ == "PROPN":
            return (1, None, first) if head.ent_type_ == "PERSON" else None  # "Sahib" is one man, not a plural
        vague = [_VAGUE[w] for w in words if w in _VAGUE]
        return (min(vague) if vague else 2), _SOME, first  # "several insurgents", "suspected militants"
    if words & _SEVERAL:
        return None
    if head.pos_ in ("NOUN", "PROPN") or head.lower_ in ("him", "her", "he", "she"):
        return 1, None, first
    return None


def _across_lines(head: Token, trigger: Token) -> bool:
    """A victim phrase never runs over a line break: a header line parsed into the lead ("Joint Command -
    Afghanistan ⏎ KABUL … – Numerous insurgents were killed") is not among the people counted."""
    lo, hi = sorted((head.left_edge.i, trigger.i))
    span = trigger.doc[lo : hi + 1]
    return any(ch in span.text for ch in ("\n", "\u2028", "\u2029"))


def _intended(trigger: Token) -> bool:
    """An aim, not an outcome: "an operation to capture a Taliban leader", "in order to detain him", "was
    conducting the operation to capture a leader", "operations aimed at capturing", "focused on killing". "To"
    after a verb of achieving is an outcome: "managed to capture", "were able to detain"."""
    if trigger.pos_ != "VERB":
        return False
    if trigger.dep_ == "pcomp" and trigger.head.dep_ == "prep":  # "aimed at capturing", "in an effort at ..."
        return trigger.head.head.lemma_.lower() in _AIMS
    if trigger.dep_ == "conj":  # "aimed at capturing and killing": the first verb decides
        return _intended(trigger.head)
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in trigger.children):
        return False
    if trigger.dep_ in ("acl", "advcl", "relcl"):
        return True
    return trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() not in _ACHIEVED


def _tally(trigger: Token) -> bool:
    """A running total over a period, not one event's toll: "more than 50 insurgents killed since the beginning
    of the year", "have detained more than 30 individuals since Dec. 1", "two were killed this month alone",
    "to date", "so far". A day's window ("over the last 24 hours") is the report's own events."""
    tok: Token | None = trigger
    while tok is not None:
        for c in tok.children:
            low = c.lower_
            if low == "since" and c.dep_ in ("prep", "mark"):
                return True
            if c.dep_ == "prep" and low == "to" and any(g.lower_ == "date" for g in c.children):
                return True
            if c.dep_ == "advmod" and low == "far" and any(g.lower_ == "so" for g in c.children):
                return True
            nouns = [c] if c.dep_ in ("npadvmod", "advmod") else [
                g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" and low in (
                "over", "in", "during", "throughout", "for") else []
            for n in nouns:
                if n.lemma_.lower() in _PERIODS and any(
                        d.lower_ in ("this", "past", "last", "recent", "previous") for d in n.children):
                    return True
        tok = tok.head if tok.dep_ in ("conj", "acl", "relcl", "advcl") and tok.pos_ in ("VERB", "NOUN") else None
    return False


def _confirmed(trigger: Token) -> bool:
    """Told under "confirm" or "verify": "ISAF confirmed the capture of X", "confirmed X was killed"."""
    tok = trigger
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.lemma_.lower() in _CONFIRM:
            return True
    return False


def _hyphen_part(tok: Token) -> bool:
    """A piece of a hyphenated word the tokenizer split ("sub - commander"): the last piece is the head."""
    doc = tok.doc
    return tok.text == "-" or (tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_)


def _definite(head: Token) -> bool:
    """A retelling of people named before: "the insurgents", "him", "his associates"."""
    return head.pos_ == "PRON" or any(c.dep_ in ("det", "poss", "predet") and c.lower_ in _DEFINITE
                                      for c in head.children)


def _named_before(head: Token) -> bool:
    """A person the report named in an earlier sentence: "Mullah Bahuddin was a senior Taliban leader ...
    Bahuddin and his subordinate were both killed" retells the lead's "killed a senior Taliban leader". A name
    first told in the same sentence ("killed Mullah Bahuddin") is a first telling."""
    if head.pos_ != "PROPN" or head.tag_ != "NNP" or head.ent_type_ not in ("PERSON", ""):
        return False
    before = head.doc[: head.sent.start]
    return any(t.text == head.text and t.pos_ == "PROPN" for t in before)


def _part_of_told(head: Token) -> bool:
    """Some of a group told before: "one of the insurgents died", "killing two of the shooters"."""
    return (head.like_num or head.lower_ in _UNITS) and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and _definite(g) for g in c.children)
        for c in head.children)


def count(trigger: Token) -> CountCandidate | None:
    """The count a trigger reports, or None when it reports none (or none the parse can read)."""
    lemma = trigger.lemma_.lower()
    kind = KINDS.get(lemma) or KINDS.get(trigger.lower_) or ("arrested" if _turned_in(trigger) else None)
    if kind is None:
        return None
    if _intended(trigger) or _tally(trigger):
        return None
    heads = [h for h in _victims(trigger) if not _across_lines(h, trigger) and not _hyphen_part(h)]
    if not heads:
        return None
    total, qual, start, end = 0, None, len(trigger.doc), 0
    numberless = True
    todo = list(heads)
    added: list[Token] = [g for g in _with(trigger) if not _across_lines(g, trigger)]
    for head in todo:
        # "a leader and two fighters" adds up; "a leader, a facilitator and ..." too, but "Sangari, an
        # insurgent leader" and "the man, an explosives facilitator" name one man twice
        extra = [c for c in head.children if c.pos_ in ("NOUN", "PROPN", "NUM", "ADJ") and (
            c.dep_ == "conj" or (c.dep_ == "appos" and head.pos_ != "PROPN" and not _definite(head)
                                 and any(d.lower_ in ("a", "an") for d in c.children)))]
        todo.extend(extra)
        added.extend(extra)
        added.extend(g for g in _with(head) if g not in todo)
    todo.extend(g for g in added if g not in todo)
    seen: set[int] = set()
    definite = all(_definite(h) or _named_before(h) for h in heads)
    fresh_added = [g for g in added if not (_definite(g) or _named_before(g))]
    if not fresh_added and all(_definite(h) or _named_before(h) or _part_of_told(h) for h in heads):
        definite = True  # "one of the insurgents died": some of a group told before
    known = 0
    if definite and fresh_added:
        # "detained the facilitator along with two of his associates": the facilitator was told before, the
        # associates may be new; the count is theirs, and how many of the phrase were known is kept so that
        # the telling adds no one when the report has already counted them all
        known = sum(got[0] for got in (_one(h) for h in todo if h not in fresh_added) if got is not None)
        todo, definite = fresh_added, False
    for head in todo:
        if head.i in seen:
            continue
        seen.add(head.i)
        got = _one(head)
        if got is None:
            continue
        value, q, first = got
        total += value
        numberless = numberless and q == _SOME
        qual = qual or ("at least" if q == _SOME else q)
        start, end = min(start, first), max(end, head.i + 1)
    if total == 0:
        return None
    marks = [t.lower_ for h in todo for t in h.subtree if t.i < h.i and t.nbor().lower_ != "than"]
    more = any(w in _MORE for w in marks) or any(
        c.dep_ == "advmod" and c.lower_ in ("also", "additionally") for c in trigger.children)
    additional = any(w in _ADDITIONAL for w in marks)
    return CountCandidate(kind, total, qual, (start, end), definite, qual is not None, more, known,
                          additional, _confirmed(trigger), numberless)
