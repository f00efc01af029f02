"""Event arguments: who took part in an event, in which role, and where it happened, read off the parse.

Participants come from the trigger's subject, objects and "by" agent, from "with / between / including /
featuring / attended by" phrases, from a noun trigger's possessor and modifiers ("Hamas's attack", "the
Egyptian-brokered talks") and from the clause a noun trigger is an argument of ("held talks", "the conference
was addressed by"). Each participant gets the role its slot has for the event type (``events.lexicon.ROLES``):
the subject of "arrested" is the agency, its object the arrested. A noun phrase gives every entity it names,
conjunct by conjunct; a pronoun subject ("He was arrested") stands for the person last named as a subject.

The place is the first place named by an "in / at / near / outside" phrase on the trigger, its object or its
subject; for an attack or a visit, the object itself ("attacked the town of Rutshuru", "visited Havana").
``EventArgs.attached`` records whether the place (or date) hangs on the trigger itself rather than being
borrowed, which lexicon rows marked "placed" or "dated" require.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Token

from dossier.extract.events import lexicon as lx
from dossier.extract.events.chunk import MAX_WALK, EventChunk
from dossier.extract.events.lexicon import Entry
from dossier.extract.events.triggers import Mention, is_participial
from dossier.extract.time import timex
from dossier.model import EntityType
from dossier.model.vocab import EventType as E
from dossier.model.vocab import ParticipantRole
from dossier.model.vocab import ParticipantRole as R

__all__ = ["ArgumentReader", "EventArgs", "slot_role"]


@dataclass(slots=True)
class EventArgs:
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


def slot_role(etype: str, slot: str) -> ParticipantRole | None:
    """The role a participant in ``slot`` (agent, patient, with, target) plays in an event of type ``etype``."""
    return lx.ROLES.get(etype, {}).get(slot)


class ArgumentReader:
    """Participants and place of a mention, from the parse of one chunk."""

    def __init__(self, chunk: EventChunk, entries: dict[int, Entry]) -> None:
        self.chunk = chunk
        self.ctx = chunk.ctx
        self.doc = chunk.doc
        self.entries = entries
        # (first token, entity, named as a subject) of each named person, in text order
        self.persons: list[tuple[int, str, bool]] = []
        for ent in self.ctx.ents:
            pid = self.ctx.entity_of_ent.get(ent.start)
            if pid is not None and self.ctx.entity_type.get(pid) == EntityType.PERSON:
                dep, head_dep = ent.root.dep_, ent.root.head.dep_
                subject = dep in ("nsubj", "nsubjpass") or (dep in ("appos", "compound")
                                                             and head_dep in ("nsubj", "nsubjpass"))
                self.persons.append((ent.start, pid, subject))

    # ----------------------------------------------------------------------------------- noun phrases

    def _np(self, head: Token) -> list[str]:
        """Entities a noun phrase names, conjunct by conjunct: a conjunct's own name, its appositions and its
        "including" list; when it names none ("officials from Bangladesh", "Philippine troops"), the names
        that modify it. A person's organisation ("HSW spokesman X") comes with the person."""
        chunk = self.chunk
        units = [head]
        for tok in units:  # grows: conjuncts of conjuncts
            if len(units) > 12:
                break
            units.extend(c for c in chunk.kids(tok) if c.dep_ == "conj")
        unit_heads = {u.i for u in units}
        out: list[str] = []
        seen: set[int] = set()
        for unit in units:
            core: list[str] = []
            mods: list[str] = []
            self._np_walk(unit, unit, core, mods, True, 0, seen, unit_heads)
            if core and any(chunk.etype(e) == EntityType.PERSON for e in core):
                core.extend(m for m in mods if chunk.etype(m) == EntityType.ORGANIZATION and m not in core)
            out.extend(e for e in (core or mods) if e not in out)
        return out

    def _np_walk(self, root: Token, tok: Token, core: list[str], mods: list[str], in_core: bool, depth: int,
                 seen: set[int], unit_heads: set[int]) -> None:
        chunk = self.chunk
        if depth > MAX_WALK or tok.i in seen or not chunk.same_segment(root, tok):
            return
        seen.add(tok.i)
        eid = chunk.eid(tok)
        if eid is None and in_core and tok.lower_ in lx.PERSONAL_PRONOUNS and tok.dep_ != "poss":
            eid = self._antecedent_person(tok)
        target = core if in_core else mods
        if eid is not None and eid not in target:
            target.append(eid)
        for c in chunk.kids(tok):
            dep = c.dep_
            if dep == "conj" and c.i in unit_heads:
                continue
            if dep in ("conj", "appos"):
                self._np_walk(root, c, core, mods, in_core, depth + 1, seen, unit_heads)
            elif dep == "prep" and c.lower_ in ("including", "like", "as"):
                for p in chunk.kids(c):
                    if p.dep_ == "pobj":
                        self._np_walk(root, p, core, mods, in_core, depth + 1, seen, unit_heads)
            elif dep in ("compound", "poss", "amod", "nmod"):
                if eid is not None and chunk.eid(c) == eid:
                    continue
                self._np_walk(root, c, core, mods, False, depth + 1, seen, unit_heads)
            elif dep == "prep" and c.lower_ in ("of", "from") and eid is None:
                for p in chunk.kids(c):
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

    def place_of(self, tok: Token, depth: int = 0) -> Token | None:
        """The token naming the place a locative noun phrase is about: its own name, else one in a modifier
        ("Dakar's airport", "the town of X", "a camp near X")."""
        chunk = self.chunk
        eid = chunk.eid(tok)
        if eid is not None:
            return tok if chunk.etype(eid) == EntityType.PLACE else None
        if depth >= 3:
            return None
        for c in chunk.kids(tok):
            if c.dep_ == "prep" and (c.lower_ in lx.LOC_PREPS or c.lower_ == "of"):
                for p in chunk.kids(c):
                    if p.dep_ == "pobj":
                        found = self.place_of(p, depth + 1)
                        if found is not None:
                            return found
        for c in chunk.kids(tok):
            if c.dep_ in ("appos", "compound", "poss", "nmod"):
                found = self.place_of(c, depth + 1)
                if found is not None:
                    return found
        return None

    def _offer_place(self, args: EventArgs, tok: Token | None, pos: int) -> bool:
        """Take ``tok``'s place for the event when no earlier phrase gave one. True when it names a place."""
        eid = self.chunk.eid(tok) if tok is not None else None
        if eid is None:
            return False
        if pos < args.place_pos:
            args.place, args.place_tok, args.place_pos = eid, tok, pos
        return True

    # ----------------------------------------------------------------------------------- arguments

    def _add_np(self, args: EventArgs, np: Token, role: str | None) -> None:
        """Add the entities of a noun phrase in a slot the event type has a role for."""
        if role is None:
            return
        for eid in self._np(np):
            args.add(eid, role)

    def arguments(self, mention: Mention) -> tuple[EventArgs, list[Token]]:
        """The mention's participants and place, and the tokens its date may attach to (its triggers first,
        then the verbs that govern or describe them)."""
        args = EventArgs()
        heads: list[Token] = []
        etype = mention.entry.type
        for tok in mention.tokens:
            if tok.pos_ == "VERB":
                if is_participial(self.chunk, tok):
                    self._participial_args(tok, etype, args)
                    heads.append(tok)
                else:
                    role = lx.GOVERNOR_ROLE.get(tok.lemma_.lower())  # "addressed a rally": a speaker
                    if role is None and mention.entry.open and tok.lemma_.lower() in lx.SPEAKING_VERBS:
                        role = R.SPEAKER  # "OFAC said": who speaks (corroboration tells speakers apart)
                    heads.extend(self._clause_args(tok, etype, args, agent_role=role))
            else:
                heads.extend(self._noun_args(tok, etype, args))
        args.participants.pop(args.place or "", None)
        return args, heads

    def _clause_args(self, verb: Token, etype: str, args: EventArgs, agent_role: str | None = None,
                     skip: Token | None = None) -> list[Token]:
        """Arguments of a verb that is, or governs, the trigger. Returns the tokens dates may attach to."""
        chunk = self.chunk
        subj, passive = chunk.subject(verb)
        if subj is not None and subj is not skip and subj.i not in self.entries:
            self._add_np(args, subj, slot_role(etype, "patient") if passive else agent_role
                         or slot_role(etype, "agent"))
            for c in chunk.kids(subj) if skip is None else ():  # "soldiers in Sévaré arrested ..."
                if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                    for p in chunk.kids(c):
                        if p.dep_ == "pobj":
                            self._offer_place(args, self.place_of(p), (1 << 20) + p.i)
        for c in chunk.kids(verb):
            if c is skip or not chunk.same_segment(verb, c):
                continue
            dep = c.dep_
            if dep in ("dobj", "nsubjpass", "attr", "dative") and c is not subj:
                # "visited Havana", "attacked the town of Rutshuru": the object is where it happened
                if etype in lx.TYPES_WITH_TARGET_PLACE | {"visit"} and self._offer_place(args, self.place_of(c), c.i):
                    args.attached = True
                    continue
                if c.i not in self.entries or self.entries[c.i].type != etype:
                    role = R.SPEAKER if verb.lemma_.lower() in ("hear", "feature") else slot_role(etype, "patient")
                    self._add_np(args, c, role)
                self._locate(c, args)
            elif dep == "agent":
                for p in chunk.kids(c):
                    if p.dep_ == "pobj":
                        self._add_np(args, p, agent_role or lx.GOVERNOR_ROLE.get(verb.lemma_.lower())
                                     or slot_role(etype, "agent"))
            elif dep == "prep":
                self._prep_args(c, etype, args)
        return [verb]

    def _prep_args(self, prep: Token, etype: str, args: EventArgs) -> None:
        word = prep.lower_
        objs = [p for p in self.chunk.kids(prep) if p.dep_ == "pobj"]
        for p in objs:
            if word in lx.WITH_PREPS:
                self._add_np(args, p, slot_role(etype, "with"))
            elif word in ("on", "against") and etype in lx.TYPES_WITH_TARGET_PLACE | {"sanction", "protest"}:
                place = self.place_of(p) if etype in lx.TYPES_WITH_TARGET_PLACE else None
                if self._offer_place(args, place, p.i):
                    args.attached = True
                else:
                    self._add_np(args, p, slot_role(etype, "target"))
            elif word == "to" and etype == E.TRANSACTION:
                self._add_np(args, p, R.RECIPIENT)
            elif word == "before" and etype == E.TRIAL:
                self._add_np(args, p, R.COURT)
                self._locate(p, args)
            elif word in lx.LOC_PREPS or (word == "to" and etype in lx.TYPES_WITH_GOAL_PLACE):
                if self._offer_place(args, self.place_of(p), p.i):
                    args.attached = True

    def _locate(self, np: Token, args: EventArgs, depth: int = 0) -> None:
        """A place in a locative phrase on an object ("raided a compound in Porac", "met representatives
        of the charity in Beirut")."""
        for c in self.chunk.kids(np):
            if c.dep_ != "prep":
                continue
            for p in self.chunk.kids(c):
                if p.dep_ != "pobj":
                    continue
                if c.lower_ in lx.LOC_PREPS and self._offer_place(args, self.place_of(p), p.i):
                    args.attached = True
                elif c.lower_ == "of" and depth < 2:
                    self._locate(p, args, depth + 1)

    def _noun_args(self, noun: Token, etype: str, args: EventArgs) -> list[Token]:
        chunk = self.chunk
        heads = [noun]
        for c in chunk.kids(noun):
            if not chunk.same_segment(noun, c):
                continue
            dep = c.dep_
            if dep in ("poss", "compound", "nmod", "amod"):
                eid = chunk.eid(c)
                if eid is None:
                    continue
                if chunk.etype(eid) == EntityType.PLACE and etype in lx.TYPES_WITH_MODIFIER_PLACE:
                    self._offer_place(args, c, c.i)
                else:
                    for e in self._np(c):
                        args.add(e, slot_role(etype, "agent"))
                args.owned = True
            elif dep == "prep":
                word = c.lower_
                if word in ("by", "from"):
                    for p in chunk.kids(c):
                        if p.dep_ == "pobj":
                            before = len(args.participants)
                            self._add_np(args, p, slot_role(etype, "agent"))
                            args.owned = args.owned or len(args.participants) > before
                elif word == "of":
                    for p in chunk.kids(c):
                        if p.dep_ == "pobj":
                            place = self.place_of(p) if etype in lx.TYPES_WITH_MODIFIER_PLACE else None
                            if place is not None and place.i == p.i:
                                self._offer_place(args, place, p.i)
                            else:
                                self._add_np(args, p, slot_role(etype, "patient"))
                else:
                    self._prep_args(c, etype, args)
            elif dep in ("acl", "relcl") and c.lemma_.lower() in lx.DESCRIBING_VERBS:
                lemma = c.lemma_.lower()
                role = lx.GOVERNOR_ROLE.get(lemma)
                before = len(args.participants)
                self._clause_args(c, etype, args, agent_role=role, skip=noun)
                if lemma in ("involve", "feature", "include"):
                    for o in chunk.kids(c):
                        if o.dep_ == "dobj":
                            self._add_np(args, o, R.SPEAKER if lemma == "feature" else slot_role(etype, "with"))
                args.owned = args.owned or len(args.participants) > before
                heads.append(c)
        gov = noun.head
        if etype == E.STATEMENT and noun.dep_ == "pobj" and noun.head.lower_ in ("in", "through", "via") \
                and gov.head.pos_ == "VERB" and chunk.same_segment(noun, gov.head):
            # "X rejected the claim in a statement on Monday": X speaks, then
            subj, passive = chunk.subject(gov.head)
            if subj is not None and not passive:
                self._add_np(args, subj, R.SPEAKER)
                args.owned = True
            heads.append(gov.head)
        # the verb this noun is an argument of: "held talks", "the conference was addressed by"; through a
        # measure of it: "held two days of talks", "began a round of negotiations"
        arg = noun
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in lx.SPANS_OF:
            arg = noun.head.head
        gov = arg.head
        if arg.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and gov.pos_ in ("VERB", "AUX") \
                and gov.i not in self.entries and chunk.same_segment(noun, gov):
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
                if gov.dep_ == "conj" and chunk.same_segment(gov, gov.head):
                    heads.append(gov.head)  # "visited Havana on 10 June and held talks with ..."
            elif lemma not in lx.REPORTING_VERBS and lemma != "be":
                heads.append(gov)  # only its date: "another rally was broken up the same day"
        return heads

    def _participial_args(self, verb: Token, etype: str, args: EventArgs) -> None:
        """"those detained", "the designated firms", "a man arrested in X": the modified noun is the patient."""
        noun = verb.head
        self._add_np(args, noun, slot_role(etype, "patient"))
        if noun.dep_ == "pobj" and noun.head.lower_ == "among":  # "Among those detained was X"
            clause = noun.head.head
            for c in self.chunk.kids(clause):
                if c.dep_ in ("nsubj", "attr", "nsubjpass") and c is not noun.head:
                    self._add_np(args, c, slot_role(etype, "patient"))
        self._clause_args(verb, etype, args, skip=noun)

    def anaphor_args(self, noun: Token, etype: str, args: EventArgs) -> None:
        """"In attendance were X and Y", "Participation included X": the clause's other arguments."""
        clause = noun.head.head if noun.dep_ == "pobj" else noun.head
        for c in self.chunk.kids(clause):
            if c.dep_ in ("nsubj", "attr", "dobj", "nsubjpass") and c is not noun and c is not noun.head:
                if not any(t.i == noun.i for t in c.subtree):
                    self._add_np(args, c, slot_role(etype, "with"))
        for c in self.chunk.kids(noun):
            if c.dep_ == "prep" and c.lower_ in ("of", "by"):
                for p in self.chunk.kids(c):
                    if p.dep_ == "pobj":
                        self._add_np(args, p, slot_role(etype, "with"))
