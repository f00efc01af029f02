"""Positive evidence that two event records of different reports are one real-world event, and blocking keys.

A learned pair score alone merges reports that merely look alike (two detentions in one province, told in the
same press-release wording). Across documents, a pair may only be joined with *positive evidence*
(docs/corroboration.md):

- **conflict** (never together): both dated and the dates are disjoint; both placed and neither place is the
  other nor inside it (the located-in pairs the caller gives: relations the reports state, the gazetteer);
- **identified** (joined whatever the model says): at least two shared *specific* participants (people, and
  organisations few reports name), dated or not, with the same kind of happening (one trigger, one lexicon
  type other than ``other``, or triggers the learned table finds alike) or, for two typed records, compatible
  fine dates (otherwise the pair is only plausible: "X met Y" and "X attacked Y" are two events); or
  compatible dates at day/week/month granularity, one shared specific participant and the same kind of
  happening ("al-Haddad said" and "al-Haddad thanked" on one day are only plausible); or the same *rare*
  trigger in compatible known places;
- **plausible** (the model decides): a shared named person and the same trigger or type, both dated; or
  the same trigger and either compatible fine dates in the same *specific* place, or the same single day in
  compatible places;
- an undated **speech act** (a reporting verb, a statement) joins nothing across reports: who speaks does not
  say which statement; two speech acts by different known speakers are two statements;
- **story evidence**: the same trigger (or a learned pair) told alike in two reports of one story; identified
  when the reports share two story names and the word names a kind of happening (no speech act, light verb
  or shell noun), else plausible;
- otherwise **no evidence**: the pair scores 0 and is never the link that joins two clusters. Undated records
  are therefore only ever joined through their participants; a generic type and a province are not enough.

Records of one document are left to the model (no corroboration is counted within one report), except two
sayings of one word that the extractor kept apart (it joins one speaker's sayings, so they are two speakers').

``blocking_keys`` gives every view the keys that any of the evidence above requires it to share with another
view — its report, pairs of specific participants, a named person × type or trigger, a specific participant,
rare trigger or specific place × each week its date range covers, trigger × day — so that views with no key in
common can never be joined and are never compared.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations
from typing import Final

import numpy as np
import numpy.typing as npt

from dossier.extract.events import lexicon as lx
from dossier.resolve.event_coref import EventView
from dossier.resolve.trigger_pairs import partners, similarity

__all__ = ["STORY_NAMES", "PairEvidence", "blocking_keys", "fine_weeks", "published_close", "trigger_group"]

_FINE: Final = frozenset({"day", "week", "month"})
_MAX_SPAN_DAYS: Final = 45  # a fine date range longer than this gives no week keys
STORY_NAMES: Final = 2  # specific names two reports must share to be one story (analyze.event_groups)
STORY_WORDS: Final = 2  # content words the two trigger sentences share (chosen on the ECB+ train topics)
STORY_SIMILAR: Final = 0.5  # learned trigger similarity (trigger_pairs) at which two words count as one trigger
STORY_WORDS_SUBSTANTIVE: Final = 1  # words two substantive records, not both dated nor both placed, must share
STORY_DAYS: Final = 3  # reports of one story published at most this many days apart (when both dates are known)
_MAX_STORY_KEYS: Final = 24  # story names per view used for keys (sorted; the rest are ignored)
_MAX_PAIR_KEYS: Final = 8  # specific participants per view used for pair keys (sorted; the rest are ignored)

BoolMatrix = npt.NDArray[np.bool_]


def fine_weeks(v: EventView) -> list[int]:
    """The ISO-week ordinals (Monday's ordinal // 7) a finely dated view's range covers; [] otherwise."""
    if v.date is None or v.granularity not in _FINE:
        return []
    lo, hi = v.date
    if (hi - lo).days > _MAX_SPAN_DAYS:
        return []
    first = lo.toordinal() // 7
    return list(range(first, hi.toordinal() // 7 + 1))


def blocking_keys(v: EventView) -> set[tuple[str, ...]]:
    """Every key a view must share with another for the pair to have positive evidence."""
    keys: set[tuple[str, ...]] = {("doc", v.document)}  # records of one report are left to the model
    spec = sorted(v.specific)[:_MAX_PAIR_KEYS]
    keys.update(("pp", a, b) for a, b in combinations(spec, 2))
    keys.update(("pt", p, v.type or v.lemma) for p in sorted(v.people))
    keys.update(("pl", p, v.lemma) for p in sorted(v.people))
    for trig in _story_triggers(v.lemma):
        keys.update(("sl", trig, name) for name in sorted(v.story)[:_MAX_STORY_KEYS])
        if v.story_id is not None:
            keys.add(("st", trig, v.story_id))
    for week in fine_weeks(v):
        w = str(week)
        keys.update(("pw", p, w) for p in spec)
        if v.rare:
            keys.add(("tw", v.lemma, w))
        if v.place is not None and v.place_specific:
            keys.add(("lw", v.place, v.lemma, w))
    if v.date is not None and v.date[0] == v.date[1] and v.granularity == "day" and v.place is not None:
        keys.add(("td", v.lemma, v.date[0].isoformat()))
    return keys


class PairEvidence:
    """The gate ``event_coref`` applies to pair scores: (allowed, identified, conflict) for a block of pairs."""

    def __init__(self, views: Sequence[EventView], inside: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.views = views
        self.inside = inside
        self._verdicts: npt.NDArray[np.int8] | None = None

    def _place_ok(self, a: str, b: str) -> bool:
        return a == b or (a, b) in self.inside or (b, a) in self.inside

    def judge(self, i: int, j: int) -> tuple[str, str]:
        """``(verdict, reason)``: verdict is one of same-document, conflict, identified, plausible, none."""
        a, b = self.views[i], self.views[j]
        if a.document == b.document:
            if _saying(a) and _saying(b) and a.lemma == b.lemma:
                # the extractor joins one speaker's sayings ("D'Arrigo said … He said …"): two it kept apart
                # are told by two speakers ("district police said …", "organisers and witnesses said …")
                return "none", "two sayings its report tells apart"
            return "same-document", "one report"
        if a.date is not None and b.date is not None and (a.date[1] < b.date[0] or b.date[1] < a.date[0]):
            return "conflict", f"disjoint dates {_fmt(a.date)} / {_fmt(b.date)}"
        if a.place is not None and b.place is not None and not self._place_ok(a.place, b.place):
            return "conflict", f"different places {a.place} / {b.place}"
        if _is_speech(a) and _is_speech(b) and _different_voices(a, b):
            return "none", "two speech acts by different speakers"
        if _reporting(a) and _reporting(b) and not a.speakers & b.speakers and not _copied(a, b):
            # "bankers said …" / "Mollah said …": a bare reporting verb carries nothing of its own, and with no
            # speaker known on both sides only what is said can make two reports' sayings one
            return "none", "two sayings with no speaker in common, saying other things"
        if (a.date is None or b.date is None) and (_is_speech(a) or _is_speech(b)):
            # who speaks is no identification of what was said: a spokesperson "said" in every release he signs;
            # only the story's own wording can tell that two reports quote one statement
            return self._story(a, b) or ("none", "an undated speech act (who speaks does not say which statement)")
        shared = a.specific & b.specific
        fine = (a.date is not None and b.date is not None and a.granularity in _FINE and b.granularity in _FINE)
        kind = _same_kind(a, b)
        if len(shared) >= 2:
            if kind or (fine and not _open(a) and not _open(b)):
                return "identified", f"{len(shared)} shared specific participants"
            return "plausible", f"{len(shared)} shared specific participants, another type"  # X and Y met / fought
        if fine and shared:
            if kind:
                return "identified", "compatible dates and a shared specific participant"
            # "al-Haddad said" / "al-Haddad serves": what one person does on one day is many things
            return "plausible", "compatible dates and a shared specific participant, other words"
        if fine and a.rare and b.rare and a.lemma == b.lemma and a.place is not None and b.place is not None:
            # both placed (and compatibly, or it was a conflict): a rare word on one day in two unplaced
            # tellings is still two operations ("a continued pursuit" in two provinces' releases)
            return "identified", f"compatible dates and places and the rare trigger '{a.lemma}'"
        if fine and a.lemma == b.lemma and a.place is not None and b.place is not None:
            if a.place == b.place and a.place_specific:
                return "plausible", "compatible dates, the same specific place and trigger"
            if a.date == b.date and a.granularity == b.granularity == "day":
                return "plausible", "the same day, compatible places and the same trigger"
        told = self._story(a, b)
        if told is not None:
            return told
        if shared & a.people and kind \
                and a.date is not None and b.date is not None:
            # undated, one person is no identification: a spokesperson "said" in every release he signs
            return "plausible", "a shared named person and the same trigger or type"
        return "none", "no positive evidence (dates, specific participants, rare trigger, specific place)"

    @staticmethod
    def _story(a: EventView, b: EventView) -> tuple[str, str] | None:
        """Story evidence: the same trigger, or one the learned table finds alike (``trigger_pairs``), told
        alike (``_told_alike``) in two reports published close together that share ``STORY_NAMES`` specific
        names or belong to one story: likely one event, and the model decides — or, with two shared names and
        words that name a kind of happening (``_names_a_happening``), identified: under the average linkage
        a story's many pairs without evidence would otherwise keep even its main event apart."""
        if similarity(a.lemma, b.lemma) < STORY_SIMILAR or not published_close(a.published, b.published) \
                or not _told_alike(a, b):
            return None
        story = a.story & b.story
        if len(story) >= STORY_NAMES:
            if _names_a_happening(a) and _names_a_happening(b):
                return "identified", f"{_alike(a, b)} told alike in two reports sharing {len(story)} specific names"
            return "plausible", f"{_alike(a, b)} in two reports sharing {len(story)} specific names"
        if a.story_id is not None and a.story_id == b.story_id:
            return "plausible", f"{_alike(a, b)} in two reports of one story"
        return None

    def __call__(self, rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64]
                 ) -> tuple[BoolMatrix, BoolMatrix, BoolMatrix]:
        if self._verdicts is None:  # judged once per block: the clustering asks for the same pairs several times
            n = len(self.views)
            codes = np.zeros((n, n), dtype=np.int8)  # 0 none, 1 allowed, 2 identified, 3 conflict
            for i in range(n):
                codes[i, i] = 1
                for j in range(i + 1, n):
                    codes[i, j] = codes[j, i] = _CODE[self.judge(i, j)[0]]
            self._verdicts = codes
        sub = self._verdicts[np.ix_(rows, cols)]
        return sub == 1, sub == 2, sub == 3


# Speech acts: the closed class of reporting verbs and their nouns (docs/corroboration.md). Two reports that the
# same person "said" something are two statements unless their dates (or a typed event) say otherwise.
_SPEECH: Final = frozenset({
    "say", "tell", "state", "add", "report", "claim", "announce", "confirm", "deny", "explain", "note", "warn",
    "comment", "describe", "speak", "write", "insist", "maintain", "allege", "accuse", "statement",
    "announcement", "remark", "comments", "interview", "acknowledge", "admit", "reply", "respond", "call",
})


# Light verbs: they carry the meaning of their object or complement ("came weeks after", "put the toll at 15",
# "take part"), so the same light verb in two reports of one story says nothing about one happening.
_LIGHT: Final = frozenset({"be", "have", "do", "make", "take", "give", "get", "go", "come", "put", "set", "keep",
                           "hold", "stand", "bring", "let", "seem", "become"})


# Shell nouns: they stand for any happening ("the recent events", "the incident"), so the word names none.
_SHELL: Final = frozenset({"event", "incident", "happening", "occurrence", "development", "situation", "affair",
                           "matter", "activity", "thing", "case", "issue"})


def _names_a_happening(v: EventView) -> bool:
    """A trigger that by itself names a kind of happening: a word of the event vocabulary, neither a speech act
    (the statement is in what is said), a light verb nor a shell noun ("events", "the incident")."""
    return lx.is_event_word(v.lemma) and not _is_speech(v) and v.lemma not in _LIGHT and v.lemma not in _SHELL


def _substantive(v: EventView) -> bool:
    """A record that says what happened or to whom: a CAMEO category, or a specific participant (a named
    person, an organisation few reports name). Two such records with one trigger in two reports of one story
    are told alike enough; a bare generic word ("movement", "offices", "come") needs its sentences to share
    ``STORY_WORDS`` content words, and so does a speech act (its speaker names no statement). A view of
    unknown category (built outside the store) is typed by its ``type``."""
    category = v.category if v.category is not None else (v.type or "other")
    return not _is_speech(v) and (category != "other" or bool(v.specific))


def _story_triggers(lemma: str) -> list[str]:
    """The trigger keys under which a view meets the views of its story: its lemma, and each pair it forms
    with a word the learned table (``trigger_pairs``) finds alike enough ("die~kill")."""
    out = [lemma]
    out.extend("~".join(sorted((lemma, p))) for p in partners(lemma) if similarity(lemma, p) >= STORY_SIMILAR)
    return out


def trigger_group(lemma: str) -> str:
    """The first, in sort order, of a trigger key and the words the learned table finds alike enough to it
    ("die", "kill" → "die"): laid out by it, the tellings of one event in other words stay side by side when a
    large block is split (``event_groups._split``)."""
    return min([lemma, *(p for p in partners(lemma) if similarity(lemma, p) >= STORY_SIMILAR)])


def _alike(a: EventView, b: EventView) -> str:
    if a.lemma == b.lemma:
        return "the same trigger"
    return f"the triggers '{a.lemma}' / '{b.lemma}' (similarity {similarity(a.lemma, b.lemma):.2f})"


def _told_alike(a: EventView, b: EventView) -> bool:
    """Words that tell of happenings (the event vocabulary: ``events.lexicon``), in sentences that share at
    least ``STORY_WORDS`` other content words ("Tara Reid checked into Promises" / "Reid has checked into the
    Promises center"). One story's reports also share words that tell of no happening ("the Kashmir issue",
    "underscores"): the report-level story alone does not make them one event. A word outside the event
    vocabulary counts when both records name the same person ("Hugh Jackman … to host"); a light verb never."""
    if a.lemma in _LIGHT or b.lemma in _LIGHT:
        return False
    substantive = _substantive(a) and _substantive(b)
    if (not lx.is_event_word(a.lemma) or not lx.is_event_word(b.lemma)) and not a.people & b.people:
        return False
    need = STORY_WORDS
    if substantive:
        # both dated, or both placed (the conflicts were checked before): the words may differ; else one word
        anchored = (a.date is not None and b.date is not None) or (a.place is not None and b.place is not None)
        need = 0 if anchored else STORY_WORDS_SUBSTANTIVE
    shared = _content(_without_trigger(a), a.lemma, b.lemma) & _content(_without_trigger(b), b.lemma, a.lemma)
    return len(shared) >= need


def _without_trigger(v: EventView) -> str:
    """The sentence without the trigger's own words: an inflected trigger ("denied" for "deny") is no word
    the two sentences share besides it."""
    if v.trigger is None:
        return v.sentence
    return v.sentence[:v.trigger[0]] + " " + v.sentence[v.trigger[1]:]


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")


def _content(sentence: str, *lemmas: str) -> set[str]:
    """The sentence's words of four letters or more, lower-cased, other than the triggers' own."""
    stems = tuple(lemma[:4] for lemma in lemmas)
    return {w for w in _words(sentence) if not w.startswith(stems)}


@lru_cache(maxsize=8192)
def _words(sentence: str) -> frozenset[str]:
    """The sentence's words of four letters or more, lower-cased, less function words: read once per sentence
    (a block judges each view against every other, so each sentence was split once per pair)."""
    return frozenset(w for w in (m.group().lower() for m in _WORD.finditer(sentence)) if w not in _FUNCTION)


_FUNCTION: Final = frozenset({"that", "this", "with", "from", "have", "been", "were", "their", "they", "said",
                              "which", "would", "will", "about", "after", "into", "when", "where", "there",
                              "also", "more", "than", "them", "what", "while", "over", "some", "other"})


def published_close(a: dt.date | None, b: dt.date | None) -> bool:
    """Reports published within ``STORY_DAYS`` of each other, or of unknown date: one story's news is told
    within days; a name a later report repeats months on tells of another operation against the same man."""
    if a is None or b is None:
        return True
    return abs((a - b).days) <= STORY_DAYS


def _different_voices(a: EventView, b: EventView) -> bool:
    """Two speech acts whose speakers are known on both sides and share no one: a police officer telling
    reporters and a suspect's brother telling a paper are two statements. (Participants in place of unknown
    speakers were tried: they name whom a statement is about as often as who made it; ECB+ dev −0.002.)"""
    return bool(a.speakers) and bool(b.speakers) and not a.speakers & b.speakers


def _open(v: EventView) -> bool:
    """A record of an open trigger (type ``other``, or unknown): its type says nothing of what happened."""
    return v.type in (None, "other")


def _same_kind(a: EventView, b: EventView) -> bool:
    """The same kind of happening: one trigger word, one lexicon type (not ``other``: every open word has that
    type), or two words the learned table finds alike ("die" / "kill")."""
    if a.lemma == b.lemma or (not _open(a) and a.type == b.type):
        return True
    return similarity(a.lemma, b.lemma) >= STORY_SIMILAR


# Bare reporting verbs: all they tell is in who speaks and what is said ("accuse", "claim", "deny" tell more).
_REPORTING: Final = frozenset({"say", "tell", "add", "state", "note", "report", "explain", "write", "comment",
                               "speak", "remark", "reply", "respond", "insist"})
COPIED_SHARE: Final = 0.6  # share of the shorter sentence's content words the other repeats: one saying quoted


def _reporting(v: EventView) -> bool:
    return _open(v) and v.lemma in _REPORTING


def _copied(a: EventView, b: EventView) -> bool:
    """The two sentences say the same thing in mostly the same words (a syndicated copy, a dateline aside, or
    one quote): at least ``COPIED_SHARE`` of the shorter one's content words are in the other."""
    wa = _content(_without_trigger(a), a.lemma, b.lemma)
    wb = _content(_without_trigger(b), b.lemma, a.lemma)
    if not wa or not wb:
        return False
    return len(wa & wb) >= COPIED_SHARE * min(len(wa), len(wb))


def _saying(v: EventView) -> bool:
    """An open reporting verb or noun ("said", "told", "claim"): not a lexicon statement record."""
    return _open(v) and v.lemma in _SPEECH


def _is_speech(v: EventView) -> bool:
    return v.type == "statement" or v.lemma in _SPEECH


_CODE: Final = {"none": 0, "same-document": 1, "plausible": 1, "identified": 2, "conflict": 3}


def _fmt(d: tuple[dt.date, dt.date]) -> str:
    return d[0].isoformat() if d[0] == d[1] else f"{d[0].isoformat()}..{d[1].isoformat()}"
