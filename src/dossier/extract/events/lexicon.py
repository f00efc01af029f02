"""The event trigger lexicon: lemma → event type, read from ``dossier/data/event_triggers.tsv``.

The lexicon is data so that it can be read, reviewed and extended without touching the extractor. Each row
names a lemma, the parts of speech it triggers as, the event type, optional conditions on its syntactic
context, and the noun used in labels when the trigger is a verb. Rows for one lemma are tried in file order and
the first whose conditions hold wins, which is how "news conference" becomes a statement while any other
conference is a meeting. The conditions are checked in ``events.triggers``; this module only parses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from dossier.extract.events.taxonomy import CAMEO, OPEN_CATEGORY
from dossier.model.vocab import EventType, ParticipantRole

E, R = EventType, ParticipantRole

__all__ = ["EVENT_TYPES", "Condition", "Entry", "eventive_nouns", "lexicon", "open_entry", "parse"]

EVENT_TYPES: Final[frozenset[str]] = frozenset(EventType)  # the lexicon's ``type`` column (model.vocab)

_FLAG_CONDITIONS: Final[frozenset[str]] = frozenset(
    {"money", "asset", "dated", "placed", "owned", "plural", "singular", "single", "only", "clause", "intrans"}
)
_VALUE_CONDITIONS: Final[frozenset[str]] = frozenset(
    {"obj", "notobj", "subj", "prep", "before", "to", "mod", "head"}
)


# --------------------------------------------------------------------------------------------- word classes
# The closed-class words the extractor reads context with (docs/events.md explains each use).

# Participant roles by event type and argument slot: agent (subject, "by"), patient (object, passive
# subject, "of"), with ("with", "between", "including", "featuring"), target ("on", "against").
ROLES: Final[dict[str, dict[str, ParticipantRole]]] = {
    E.MEETING: {"agent": R.ATTENDEE, "patient": R.ATTENDEE, "with": R.ATTENDEE},
    E.STATEMENT: {"agent": R.SPEAKER},
    E.ATTACK: {"agent": R.PERPETRATOR, "patient": R.TARGET, "target": R.TARGET, "with": R.PERPETRATOR},
    E.ARREST: {"agent": R.AGENCY, "patient": R.ARRESTED, "with": R.AGENCY},
    E.OPERATION: {"agent": R.AGENCY, "patient": R.TARGET, "target": R.TARGET, "with": R.AGENCY},
    E.INFILTRATION: {"agent": R.PERPETRATOR, "with": R.PERPETRATOR},
    E.PROTEST: {"agent": R.ORGANISER, "with": R.ATTENDEE, "target": R.TARGET},
    E.AGREEMENT: {"agent": R.PARTY, "patient": R.PARTY, "with": R.PARTY},
    E.SANCTION: {"agent": R.AGENCY, "patient": R.TARGET, "target": R.TARGET},
    E.TRIAL: {"agent": R.COURT, "patient": R.DEFENDANT, "with": R.DEFENDANT, "court": R.COURT},
    E.VISIT: {"agent": R.VISITOR, "patient": R.HOST, "with": R.ATTENDEE},
    E.ELECTION: {"agent": R.CANDIDATE, "patient": R.ELECTED, "with": R.CANDIDATE},
    E.TRANSACTION: {"agent": R.BUYER, "patient": R.TARGET, "with": R.PARTY, "recipient": R.RECIPIENT},
    E.OTHER: {"agent": R.PARTICIPANT, "patient": R.PARTICIPANT, "with": R.PARTICIPANT},
}
# Verbs that govern an event noun and say who did what in it ("addressed a rally", "organised by").
GOVERNOR_ROLE: Final[dict[str, ParticipantRole]] = {
    "address": R.SPEAKER, "hear": R.SPEAKER, "feature": R.SPEAKER, "tell": R.SPEAKER,
    "organise": R.ORGANISER, "organize": R.ORGANISER, "host": R.ORGANISER, "convene": R.ORGANISER,
    "call": R.ORGANISER, "stage": R.ORGANISER, "lead": R.ORGANISER, "attend": R.ATTENDEE, "join": R.ATTENDEE,
    "issue": R.SPEAKER, "release": R.SPEAKER, "post": R.SPEAKER, "publish": R.SPEAKER,
    "mediate": R.MEDIATOR, "broker": R.MEDIATOR, "facilitate": R.MEDIATOR, "chair": R.ORGANISER,
    "sponsor": R.ORGANISER,
}  # fmt: skip
# Verbs whose relative or participial clause on an event noun describes the event itself.
DESCRIBING_VERBS: Final[frozenset[str]] = frozenset(GOVERNOR_ROLE) | {
    "hold", "carry", "conduct", "launch", "mount", "involve", "include", "sign", "take", "end", "begin",
    "start", "resume", "conclude", "open", "close", "run", "last", "see", "draw", "bring", "occur",
    "schedule", "set", "plan", "slate", "postpone", "delay", "cancel", "adjourn", "call",
    "happen", "unfold", "erupt", "continue",
}  # fmt: skip
REPORTING_VERBS: Final[frozenset[str]] = frozenset({
    "say", "tell", "report", "add", "state", "claim", "allege", "accuse", "deny", "announce", "describe",
    "confirm", "insist", "maintain", "believe", "accord", "note", "warn", "explain", "argue", "suggest",
    "indicate", "show", "reveal", "write", "quote", "assert", "acknowledge", "estimate", "think",
})  # fmt: skip
# Reporting verbs whose subject is the one who speaks (not "believe", "show", "accord"): who says it tells two
# speech acts apart.
SPEAKING_VERBS: Final[frozenset[str]] = REPORTING_VERBS - {"believe", "think", "show", "indicate", "suggest",
                                                           "estimate", "accord", "quote"}
WITH_PREPS: Final[frozenset[str]] = frozenset(
    {"with", "between", "among", "amongst", "alongside", "including", "involving", "featuring"}
)
LOC_PREPS: Final[frozenset[str]] = frozenset(
    {"in", "at", "near", "outside", "inside", "off", "into", "across", "within", "throughout", "around"}
)
TYPES_WITH_GOAL_PLACE: Final[frozenset[str]] = frozenset({"visit", "infiltration"})  # "to", "into"
TYPES_WITH_TARGET_PLACE: Final[frozenset[str]] = frozenset({"attack", "operation"})  # "on", "against"
# A place named as a modifier of the event noun ("Muscat talks") is where it happened for these types;
# for the others it is a participant ("a U.S. statement", "the Kenya-Somalia agreement").
TYPES_WITH_MODIFIER_PLACE: Final[frozenset[str]] = frozenset(
    {"meeting", "attack", "operation", "protest", "election", "infiltration", "arrest", "trial", "visit"}
)
DEFINITE: Final[frozenset[str]] = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
FRESH: Final[frozenset[str]] = frozenset({
    "another", "second", "separate", "other", "new", "third", "fresh", "similar", "previous", "earlier",
    "prior", "past", "further", "fourth", "subsequent", "later", "different", "additional",
})  # fmt: skip
MULTI: Final[frozenset[str]] = frozenset(
    {"both", "all", "such", "each", "several", "many", "some", "any", "no", "twin", "multiple", "numerous"}
)
ALSO: Final[frozenset[str]] = frozenset({"also", "too", "likewise", "similarly"})
FRESH_ADVERBS: Final[frozenset[str]] = frozenset({"separately", "again", "later", "previously", "earlier"})
MONEY_WORDS: Final[frozenset[str]] = frozenset(
    {"fund", "money", "cash", "payment", "donation", "dollar", "rupee", "euro", "pound", "grant", "sum"}
)
FUTURE_GOVERNORS: Final[frozenset[str]] = frozenset(
    {"expect", "due", "schedule", "set", "likely", "plan", "poise", "slate", "intend", "hope"}
)
DATELINE_DASHES: Final[frozenset[str]] = frozenset({"-", "—", "–", "--", "|", "(", ":"})
NOBODY: Final[frozenset[str]] = frozenset({"nobody", "none", "noone"})
QUANTITY_NOUNS: Final[frozenset[str]] = frozenset(
    {"percent", "%", "share", "majority", "half", "third", "quarter", "most", "number", "part", "rest", "tally"}
)
MONTH_RE: Final = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
# Nouns these verbs govern name what someone wants, not what happened ("aimed at a ceasefire").
PURPOSE_VERBS: Final[frozenset[str]] = frozenset(
    {"aim", "call", "push", "seek", "urge", "demand", "press", "want", "work", "hope", "appeal", "lobby"}
)
ACCUSING: Final[frozenset[str]] = frozenset({"accuse", "suspect", "charge", "convict", "blame", "allege"})
SIBLING_TYPE: Final[dict[str, str]] = {"attack": "operation", "operation": "attack"}
WANTING_VERBS: Final[frozenset[str]] = frozenset(
    {"seek", "demand", "urge", "want", "propose", "request", "attempt", "plan", "threaten", "plot", "prepare"}
)
# Verbs whose subject is an attack or operation and whose object or place is its target ("an assault hit").
IMPACT_VERBS: Final[frozenset[str]] = frozenset({
    "hit", "target", "kill", "wound", "injure", "destroy", "damage", "leave", "strike", "claim", "rock",
    "tear", "sweep", "free", "rescue", "net", "uncover", "dismantle", "focus", "centre", "center",
})  # fmt: skip
# "two days of talks", "a round of negotiations": the measure stands in the clause for the event noun.
SPANS_OF: Final[frozenset[str]] = frozenset(
    {"day", "week", "month", "hour", "night", "round", "series", "wave", "spate", "string", "session"}
)
PERSONAL_PRONOUNS: Final[frozenset[str]] = frozenset({"he", "she", "him", "her"})
# Verbs that tell of no happening of their own: copulas and light verbs, verbs of seeming, having and
# containing, and verbs that only govern another event ("began to", "tried to", "helped to").
NON_EVENT_VERBS: Final[frozenset[str]] = frozenset({
    "be", "have", "do", "seem", "appear", "become", "remain", "include", "contain", "consist", "mean",
    "comprise", "let", "want", "need", "try", "know", "think", "believe", "expect", "hope", "wish", "like",
    "feel", "look", "sound", "belong", "own", "exist", "lack", "concern", "regard", "base", "tend", "fail",
    "manage", "allow", "enable", "accord",
})  # fmt: skip
BOUNDARY_PREPS: Final[frozenset[str]] = frozenset({"since", "until", "till", "before", "after", "by"})

# --------------------------------------------------------------------------------------------- triggers

@dataclass(frozen=True, slots=True)
class Condition:
    """``name`` alone for a flag ("dated"), or ``name`` with the set of words it accepts ("obj")."""

    name: str
    words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Entry:
    lemma: str
    verb: bool
    noun: bool
    type: str
    conditions: tuple[Condition, ...]
    label: str | None
    category: str = ""  # CAMEO code overriding the type's default (``events.taxonomy``), e.g. "195"
    open: bool = False  # an open trigger (any eventive verb or noun), not a lexicon row

    @property
    def kind(self) -> str:
        """What must match for two mentions to tell one event: the type, or for ``other`` the word."""
        return self.type if self.type != "other" else f"other:{self.label or self.lemma}"

    def has(self, name: str) -> bool:
        return any(c.name == name for c in self.conditions)


def _parse_conditions(field: str, where: str) -> tuple[Condition, ...]:
    if field in ("", "-"):
        return ()
    out: list[Condition] = []
    for part in field.split(","):
        name, _, value = part.strip().partition("=")
        if name in _FLAG_CONDITIONS and not value:
            out.append(Condition(name))
        elif name in _VALUE_CONDITIONS and value:
            out.append(Condition(name, frozenset(value.split("|"))))
        else:
            raise ValueError(f"{where}: unknown trigger condition {part!r}")
    return tuple(out)


def parse(text: str, source: str = "event_triggers.tsv") -> dict[str, tuple[Entry, ...]]:
    """Parse the TSV text into lemma → entries (in file order). Raises ValueError on a malformed row."""
    table: dict[str, list[Entry]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{source}:{number}"
        cols = line.split("\t")
        if len(cols) not in (5, 6):
            raise ValueError(f"{where}: expected 5 or 6 tab-separated columns, got {len(cols)}")
        lemma, pos, etype, conditions, label = (c.strip() for c in cols[:5])
        category = cols[5].strip() if len(cols) == 6 else ""
        if pos not in ("V", "N", "VN") or etype not in EVENT_TYPES:
            raise ValueError(f"{where}: bad part of speech {pos!r} or event type {etype!r}")
        if category and category not in CAMEO:
            raise ValueError(f"{where}: unknown CAMEO category {category!r}")
        entry = Entry(lemma.lower(), "V" in pos, "N" in pos, etype, _parse_conditions(conditions, where),
                      None if label == "-" else label, category)
        table.setdefault(entry.lemma, []).append(entry)
    return {lemma: tuple(entries) for lemma, entries in table.items()}


@cache
def eventive_nouns() -> frozenset[str]:
    """Nouns that usually tell of an event, induced from annotated news (``make event-nouns``)."""
    text = resources.files("dossier.data").joinpath("event_nouns.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@cache
def event_verbs() -> frozenset[str]:
    """Verbs annotators usually mark as events (``make event-nouns``): the stems of deverbal event nouns."""
    text = resources.files("dossier.data").joinpath("event_verbs.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


_DEVERBAL: Final = (("ment", ""), ("ery", "er"), ("al", "e"), ("ance", ""), ("ure", ""), ("ation", "e"),
                    ("ation", ""), ("ion", "e"), ("ion", ""), ("ing", ""))


def is_zero_derived(lemma: str) -> bool:
    """A noun spelled as an event verb ("order", "ban", "force", "post"): eventive only with an argument of
    its own, which ``events.triggers`` checks ("an order from Qatar Airways", "the ban on imports")."""
    return lemma in event_verbs() and lemma not in NON_EVENT_VERBS and lemma not in eventive_nouns()


@cache
def is_eventive_noun(lemma: str) -> bool:
    """A noun that usually tells of an event: induced from annotated news, or derived from a verb that does
    ("announcement" ← announce, "delivery" ← deliver)."""
    if lemma in eventive_nouns():
        return True
    verbs = event_verbs()
    for suffix, stem_end in _DEVERBAL:
        if lemma.endswith(suffix) and len(lemma) > len(suffix) + 3:
            stem = lemma[: -len(suffix)] + stem_end
            if stem in verbs and stem not in NON_EVENT_VERBS:
                return True
    return False


@cache
def is_event_word(word: str) -> bool:
    """A word that tells of happenings: a trigger of the lexicon, an event verb or an eventive noun."""
    return word in lexicon() or word in event_verbs() or is_eventive_noun(word)


@cache
def open_entry(lemma: str, verb: bool) -> Entry:
    """The entry of an open trigger: type ``other``, kept with its lemma."""
    return Entry(lemma, verb, not verb, "other", (), None, OPEN_CATEGORY.get(lemma, ""), True)


@cache
def lexicon() -> dict[str, tuple[Entry, ...]]:
    """The packaged trigger lexicon (read once per process)."""
    text = resources.files("dossier.data").joinpath("event_triggers.tsv").read_text(encoding="utf-8")
    return parse(text)
