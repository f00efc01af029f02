"""Which way a time expression points from the report's date: forward, back, or not said.

A date written without its year ("March 25") or week ("Friday") is completed from the publication date;
which one it is depends on the sentence: "the court adjourned until March 25", "the minister will visit on
Friday", "the vote is to take place on 7 April", "talks are scheduled for Tuesday" point forward; "police
said on Friday", "the plane landed on March 25" point back. ``direction(span)`` reads the cue words next to
the expression and the tense of the verb it modifies, and returns "future", "past" or None (no cue: the
normaliser's own convention applies). It reads only the parse; ``timex.normalize`` takes its answer.
"""

from __future__ import annotations

import re
from typing import Final

from spacy.tokens import Span, Token

__all__ = ["direction"]

# Words just before (or opening) the expression that point forward or back by themselves.
_FORWARD_WORDS: Final = frozenset({"until", "till", "next", "coming", "upcoming", "following", "from"})
_BACK_WORDS: Final = frozenset({"since", "last", "past", "previous", "ago", "earlier"})
# Governing words that make what they govern future: "scheduled for", "due on", "expected to land on".
_FUTURE_GOVERNORS: Final = frozenset({
    "schedule", "due", "expect", "plan", "set", "intend", "aim", "adjourn", "postpone", "delay", "defer",
    "hope", "propose", "slate", "reschedule", "announce", "promise", "vow", "pledge", "threaten", "prepare",
    "upcoming",
})  # fmt: skip
# Present-tense verbs that report rather than schedule: "police say on Monday ..." is not a future Monday.
_REPORTING: Final = frozenset({
    "say", "tell", "report", "claim", "state", "announce", "confirm", "deny", "add", "note", "write", "quote",
    "be", "have", "remain", "show", "know", "mean", "seem", "appear",
})  # fmt: skip
_FUTURE_AUX: Final = frozenset({"will", "shall", "'ll", "wo", "gonna"})
_MAX_WALK: Final = 6
# An expression that names a day: a weekday, or a day of the month.
_DAY_RE: Final = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)",
    re.IGNORECASE,
)


def direction(span: Span) -> str | None:
    """"future", "past" or None for a time expression in a parsed sentence."""
    doc = span.doc
    first = span[0].lower_
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if first in _FORWARD_WORDS or before in ("until", "till"):
        return "future"
    if first in _BACK_WORDS or before == "since" or any(t.lower_ == "ago" for t in span):
        return "past"
    if before == "of" and span.start > 1 and doc[span.start - 2].lower_ == "as":
        return None  # "as of February": a state up to now
    verb = _governing_verb(span)
    return None if verb is None else _verb_direction(verb, _DAY_RE.search(span.text) is not None)


def _governing_verb(span: Span) -> Token | None:
    tok = span.root
    for _ in range(_MAX_WALK):
        head = tok.head
        if head.i == tok.i:
            return head if head.pos_ in ("VERB", "AUX") else None
        if head.pos_ in ("VERB", "AUX") or head.lemma_.lower() in _FUTURE_GOVERNORS:
            return head
        tok = head
    return None


def _verb_direction(verb: Token, day: bool = False) -> str | None:
    """Future when the verb (or a verb it hangs from by an infinitive) has "will", "is to", "going to" or a
    scheduling word over it; present progressive ("is meeting on Tuesday") counts as future; simple past or
    perfect is past."""
    cur = verb
    for _ in range(3):
        kids = list(cur.children)
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in kids):
            return "future"
        lemma = cur.lemma_.lower()
        if lemma in ("schedule", "due", "slate") or (lemma in _FUTURE_GOVERNORS and cur is not verb):
            return "future"
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
        if to and cur.head.lemma_.lower() in ("be", "go") and cur.head.tag_ in ("VBZ", "VBP", "VBG"):
            return "future"  # "is to meet", "are going to vote"
        if cur.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in kids):
            return "future"  # "is meeting on Tuesday"
        if to and cur.dep_ in ("acl", "relcl"):
            return "future"  # "another event to be held on October 12"
        if cur.tag_ in ("VBZ", "VBP") and cur.dep_ == "advcl" and cur.head.pos_ in ("VERB", "AUX") \
                and cur.head.i != cur.i:
            return _verb_direction(cur.head, day)  # "will wear the livery when it arrives on November 11"
        if cur.dep_ != "xcomp":
            break
        cur = cur.head
    kids = list(verb.children)
    if any(c.dep_ == "aux" and c.lower_ == "would" for c in kids) and not any(c.lemma_ == "have" for c in kids):
        return "future"  # "said the vaccine would be available in June"
    if day and verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() not in _REPORTING and not any(
        c.dep_ in ("aux", "auxpass") for c in kids
    ) and verb.dep_ not in ("advcl", "relcl"):
        return "future"  # a day in the present tense is a schedule: "voters go to the polls on April 7"
    if verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    ):
        return "past"
    if verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children):
        return "past"
    return None
