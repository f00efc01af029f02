"""Relations between entities, read off the dependency parse (see docs/relations.md).

``find_relations`` walks the parse of one chunk and returns :class:`RelationCandidate` records. Everything is
driven by the role lexicon (``relation_lexicon``): a *title* ("spokesman", "brother", "ambassador") names the
role its holder plays toward an object; a *verb* ("heads", "co-founded") relates its subject to its object; a
*link* noun ("in alliance with") relates a clause's subject to a prepositional object. For each of them the
extractor finds the holder and the object through a handful of constructions, each with a short name stored as
the candidate's ``pattern``:

``premodifier``    "JeM commander Zubair Gondal", "Sahel Harvest chairman Musa Bello"
``apposition``     "Talha Saif, brother of Masood Azhar", "its commander, Hamadoun Ag Issouf"
``possessive``     "Hamas's Tehran representative X", "Danladi Bello's nephew, Ibrahim Sule"
``copula``         "X is a senior member of Y", "X is Aliaga's cousin"
``as-complement``  "X serves as the movement's special envoy", "X was elected president of Y"
``list``           "leaders from Hamas, including spokespersons A and B, as well as C and D"
``verb``           "X, who heads Y", "Y was founded in 2006 by X", "X joined Y"
``link``           "Y governs in alliance with Z", "X denied any link to Z"
``of-organisation`` "Senator X of the Y Party"
``board-seat``     "X sits on the board of Y"
``based`` / ``in-place`` / ``place-comma`` / ``possessive-place``  located_in: "a Lahore-based group",
                   "an armed faction based in Basra", "Porac, Pampanga", "Mali's Mopti region"

Subjects and objects are always entities of the chunk; a possessive pronoun or a definite noun ("its
director", "the group's chief financier", "his nephew") is resolved to the nearest preceding entity of the
right type within a few sentences. Type constraints come from the lexicon (family: person → person; membership:
person → organisation; ...). Everything is linear in the number of tokens: each token is visited a bounded
number of times and no model is called.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dossier.extract.context import DocContext, RelationCandidate
from dossier.extract.reference import titles as honorifics
from dossier.extract.relation_lexicon import RoleSense, TitleMatch, find_titles, lexicon, link_sense, verb_sense
from dossier.model import EntityType

PERSON, ORG, PLACE = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE

_REL_PRONOUNS = frozenset({"who", "whom", "which", "that"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
# Definite nouns that refer back to an organisation already named ("the group's", "the faction").
_ORG_NOUNS = frozenset(
    "group movement organisation organization outfit faction party trust company firm network fund charity "
    "militia league club bank agency ministry foundation alliance coalition council committee union "
    "association federation institute exporter processor exchange conglomerate".split()
)
_BODY_PREPS = frozenset({"of", "for", "at", "from", "within"})
_LIST_PREPS = frozenset({"including", "like", "among"})
_DENY = frozenset({"deny", "reject", "dismiss", "refute"})
_DESCRIBE = frozenset(
    "describe identify name call list designate appoint elect choose consider regard see know brand label "
    "tap nominate install confirm recognise recognize portray introduce profile make".split()
)
_CLAUSE_BOUNDARY = frozenset({"relcl", "acl", "advcl", "appos", "ROOT", "parataxis"})
_GEO_NOUNS = frozenset(
    "region province district state city town village county department governorate division area valley "
    "municipality prefecture oblast territory neighbourhood neighborhood suburb township".split()
)
_SEAT_NOUNS = frozenset({"office", "offices", "headquarters", "base", "bases", "branch", "bureau", "presence"})
_PREMOD_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_WINDOW = 3  # sentences searched back for the antecedent of "its", "his", "the group"


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    entity: str
    type: EntityType


class _Finder:
    """One pass over a chunk; ``run`` returns the candidates in token order."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.doc: Doc = ctx.doc
        self.lex = lexicon()
        self.titles = find_titles(self.doc, self.lex)
        self.mentions: list[_Mention] = []
        self.at: dict[int, _Mention] = {}
        for ent in self.doc.ents:
            eid = ctx.entity_of_ent.get(ent.start)
            if eid is None or eid not in ctx.entity_type:
                continue
            m = _Mention(ent.start, ent.end, eid, ctx.entity_type[eid])
            self.mentions.append(m)
            for i in range(ent.start, ent.end):
                self.at[i] = m
        self.starts = [m.start for m in self.mentions]
        self.sent_starts = sorted({s.start for s in self.doc.sents})
        self.out: dict[tuple[str, str, str, str], RelationCandidate] = {}
        self.holder_of: dict[tuple[str | None, str], str] = {}  # (role, object) → holder, for "the JNS commander"
        rank_words = {words[0] for words in honorifics()}
        self.rank_words = frozenset(w.lower() for w in rank_words) | frozenset({"retd", "(", ")", "."})

    # ---------------------------------------------------------------- entities and references
    def ent(self, i: int) -> _Mention | None:
        return self.at.get(i)

    def etype(self, eid: str) -> EntityType:
        return self.ctx.entity_type[eid]

    def root(self, m: _Mention) -> Token:
        return self.doc[m.start:m.end].root

    def _sentence_floor(self, i: int, back: int) -> int:
        k = bisect_left(self.sent_starts, i + 1) - 1
        return self.sent_starts[max(0, k - back)] if self.sent_starts else 0

    def antecedent(self, before: int, types: frozenset[EntityType], exclude: set[str],
                   prefer: str | None = None) -> str | None:
        """The nearest entity of ``types`` mentioned before token ``before`` (within a few sentences)."""
        floor = self._sentence_floor(before, _WINDOW)
        k = bisect_left(self.starts, before) - 1
        nearest: str | None = None
        while k >= 0 and self.mentions[k].start >= floor:
            m = self.mentions[k]
            k -= 1
            if m.type not in types or m.entity in exclude or m.end > before:
                continue
            if prefer is None:
                return m.entity
            if nearest is None:
                nearest = m.entity
            if prefer in self.ctx.entity_name.get(m.entity, "").lower():
                return m.entity
        return nearest

    def refer(self, tok: Token, exclude: set[str]) -> str | None:
        """Resolve a pronoun or definite noun that refers back to an entity ("its", "his", "the faction")."""
        low = tok.lower_
        if low == "its":
            return self.antecedent(tok.i, frozenset({ORG}), exclude)
        if low in _PERSON_PRONOUNS and tok.pos_ == "PRON":
            return self.antecedent(tok.i, frozenset({PERSON}), exclude)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in _ORG_NOUNS and tok.tag_ == "NN":
            dets = [c for c in tok.children if c.dep_ in {"det", "poss"}]
            if dets and all(d.lower_ in {"the", "this", "that", "her", "his", "its"} for d in dets):
                return self.antecedent(tok.i, frozenset({ORG}), exclude, prefer=tok.lemma_.lower())
        return None

    def conjuncts(self, tok: Token) -> list[str]:
        """Entities coordinated with ``tok`` ("A and B"), stopping at "as well as" and at items with a title."""
        out: list[str] = []
        prev_end = tok.i + 1
        stack = [c for c in tok.children if c.dep_ == "conj"]
        while stack:
            c = stack.pop(0)
            between = [t.lower_ for t in self.doc[prev_end:c.i]]
            if "well" in between or ("along" in between and "with" in between):
                break
            m = self.ent(c.i)
            if m is not None:
                prev_end = m.end
                if not self.has_title(m) and m.entity not in out:
                    out.append(m.entity)
            stack.extend(x for x in c.children if x.dep_ == "conj")
        return out

    def has_title(self, m: _Mention) -> bool:
        """True when a role title premodifies this mention ("JuB commander Zubair Gondal")."""
        r = self.root(m)
        for c in r.children:
            if c.i < m.start and c.dep_ in _PREMOD_DEPS and (c.i in self.titles or any(
                    g.i in self.titles for g in c.subtree if g.i < m.start)):
                return True
        return False

    def np_entities(self, tok: Token, depth: int = 0, exclude: set[str] | None = None) -> list[str]:
        """The entities a noun phrase headed by ``tok`` names: itself, its conjuncts or its apposition."""
        exclude = exclude or set()
        m = self.ent(tok.i)
        if m is not None:
            return [m.entity, *self.conjuncts(self.root(m))]
        if depth > 3:
            return []
        if tok.lower_ in _REL_PRONOUNS and tok.head.dep_ == "relcl":
            return self.np_entities(tok.head.head, depth + 1, exclude)
        for c in tok.children:
            if c.dep_ == "appos":
                found = self.np_entities(c, depth + 1, exclude)
                if found:
                    return found
        if tok.i in self.titles and any(c.lower_ in {"the", "its", "his", "her"} or c.dep_ == "poss"
                                         for c in tok.children):
            obj = self.title_object(self.titles[tok.i], set())
            if obj is not None:
                held = self.holder_of.get((self.titles[tok.i].sense.role, obj[0]))
                if held is not None:
                    return [held]
        if tok.pos_ == "PRON" and tok.lower_ in {"he", "she", "him"}:
            ref = self.refer(tok, exclude)
            return [ref] if ref else []
        ref = self.refer(tok, exclude) if tok.pos_ == "NOUN" else None
        return [ref] if ref else []

    def body(self, tok: Token, exclude: set[str], depth: int = 0) -> str | None:
        """The entity a role's object phrase denotes ("the faction", "Liwa al-Thabitin's political bureau")."""
        m = self.ent(tok.i)
        if m is not None:
            return m.entity if m.entity not in exclude else None
        if depth > 2:
            return None
        if tok.i in self.titles or any(c.dep_ == "appos" for c in tok.children):
            found = [e for e in self.np_entities(tok, depth + 1, exclude) if e not in exclude]
            if found:
                return found[0]
        if tok.lower_ in _PERSON_PRONOUNS | {"its"}:
            return self.refer(tok, exclude)
        for c in tok.children:
            if c.dep_ == "poss":
                pm = self.ent(c.i)
                if pm is not None and pm.entity not in exclude:
                    return pm.entity
                ref = self.refer(c, exclude)
                if ref is not None:
                    return ref
        for c in tok.children:
            if c.dep_ in _PREMOD_DEPS and c.i < tok.i:
                cm = self.ent(c.i)
                if cm is not None and cm.type in {ORG, PERSON} and cm.entity not in exclude:
                    return cm.entity
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return self.body(p, exclude, depth + 1)
        return self.refer(tok, exclude)

    # ---------------------------------------------------------------- clauses
    def clause_subject(self, verb: Token, exclude: set[str], depth: int = 0) -> list[str]:
        """The entities that are the subject of ``verb`` (through relative pronouns and shared conjuncts)."""
        for c in verb.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                return self.np_entities(c, 0, exclude)
        if depth < 2 and verb.dep_ in {"conj", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
            return self.clause_subject(verb.head, exclude, depth + 1)
        if verb.dep_ in {"relcl", "acl"} and verb.tag_ == "VBG":
            return self.np_entities(verb.head, 0, exclude)
        return []

    def complement_holder(self, verb: Token, exclude: set[str]) -> list[str]:
        """Who holds a role given as a complement of ``verb``: "X serves as", "named X as", "X was elected"."""
        if verb.lemma_.lower() in _DESCRIBE:
            for c in verb.children:
                if c.dep_ == "dobj":
                    found = self.np_entities(c, 0, exclude)
                    if found:
                        return found
            passive = any(c.dep_ == "nsubjpass" for c in verb.children)
            if not passive and verb.dep_ == "relcl":
                return self.np_entities(verb.head, 0, exclude)
        return self.clause_subject(verb, exclude)

    def negated(self, anchor: Token) -> bool:
        """Whether the clause of ``anchor`` is negated ("is not a member") or denied ("denied being ...")."""
        if any(c.dep_ == "det" and c.lower_ == "no" for c in anchor.children):
            return True
        t = anchor
        own_clause = True
        for _ in range(8):
            if t.pos_ in {"VERB", "AUX"}:
                if own_clause and any(c.dep_ == "neg" for c in t.children):
                    return True
                if t.lemma_.lower() in _DENY and t is not anchor:
                    return True
                if t.dep_ in _CLAUSE_BOUNDARY:
                    return False
                if t.dep_ not in {"ccomp", "xcomp", "pcomp", "conj"}:
                    own_clause = True
                else:
                    own_clause = False
            elif t.dep_ in _CLAUSE_BOUNDARY - {"ROOT"} and t is not anchor:
                return False
            if t.head is t:
                break
            t = t.head
        return False

    # ---------------------------------------------------------------- output
    def emit(self, subject: str, predicate: str, obj: str, role: str | None, anchor: int, pattern: str,
             negated: bool = False) -> None:
        if subject == obj:
            return
        key = (subject, predicate, obj, role or "")
        if key in self.out:
            return
        self.out[key] = RelationCandidate(subject, predicate, obj, role, anchor,
                                          self.doc[anchor].sent.start, pattern, negated)

    def emit_role(self, sense: RoleSense, role: str | None, holder: str, obj: str, anchor: Token,
                  pattern: str) -> bool:
        if self.etype(holder) not in sense.subject:
            return False
        predicate = sense.predicate_for(self.etype(obj))
        if predicate is None:
            return False
        if predicate == "family" and self.etype(holder) != PERSON:
            return False
        self.emit(holder, predicate, obj, role, anchor.i, pattern, self.negated(anchor))
        self.holder_of.setdefault((sense.role, obj), holder)
        return True

    # ---------------------------------------------------------------- titles
    def title_object(self, m: TitleMatch, exclude: set[str]) -> tuple[str, str] | None:
        """(entity, how) for the body a title belongs to: possessor, "of/for/at" object or premodifier."""
        doc = self.doc
        h = doc[m.head]
        span = [doc[i] for i in range(m.start, m.end)]
        for t in span:
            for c in t.children:
                if c.dep_ == "poss":
                    pm = self.ent(c.i)
                    if pm is not None and pm.entity not in exclude:
                        return pm.entity, "possessive"
                    ref = self.refer(c, exclude)
                    if ref is not None:
                        return ref, "possessive"
                    # "Liwa al-Thabitin's political bureau chief": the possessor of a premodifying noun
                    got = self.body(c, exclude, 1)
                    if got is not None:
                        return got, "possessive"
        for t in span:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in _BODY_PREPS and c.i > t.i:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            got = self.body(p, exclude)
                            if got is not None:
                                return got, "prep"
        premods: list[_Mention] = []
        stack = [c for t in span for c in t.children if c.i < m.start and c.dep_ in _PREMOD_DEPS | {"poss"}]
        while stack:
            c = stack.pop()
            cm = self.ent(c.i)
            if cm is not None:
                if cm.entity not in exclude:
                    premods.append(cm)
                continue
            if c.i in self.titles:
                continue
            stack.extend(x for x in c.children if x.i < c.i and x.dep_ in _PREMOD_DEPS | {"poss"})
        for want in (ORG, PERSON, PLACE):
            for pm in premods:
                if pm.type == want:
                    return pm.entity, "premodifier"
        if h.dep_ in {"appos", "conj"} and h.head.i in self.titles and h.head.i != h.i:
            return None
        return None

    def destination(self, m: TitleMatch, exclude: set[str]) -> _Mention | None:
        """The place after "to"/"in" in "ambassador to Qatar", kept in the role of an occupancy."""
        for c in self.doc[m.head].children:
            if c.dep_ == "prep" and c.lower_ == "to":
                for p in c.children:
                    pm = self.ent(p.i)
                    if p.dep_ == "pobj" and pm is not None and pm.type == PLACE and pm.entity not in exclude:
                        return pm
        return None

    def title_holders(self, m: TitleMatch) -> tuple[list[str], str]:
        doc = self.doc
        h = doc[m.head]
        # "JeM commander Zubair Gondal": climb the premodifier chain to the name it modifies
        t = h
        for _ in range(6):
            if t.dep_ not in _PREMOD_DEPS or t.head.i <= t.i:
                break
            t = t.head
            tm = self.ent(t.i)
            if tm is not None:
                if tm.start <= m.start:  # the title is inside the name's span: not a premodifier
                    break
                return [tm.entity, *self.conjuncts(self.root(tm))], "premodifier"
        if h.dep_ == "appos":
            found = self.np_entities(h.head)
            if found:
                return found, "apposition"
        for c in h.children:
            if c.dep_ == "appos" or (c.dep_ == "conj" and c.lower_.rstrip(".") in self.rank_words):
                found = self.np_entities(c)
                if found:
                    return found, "apposition"
        if h.dep_ in {"attr", "acomp"} and h.head.lemma_ == "be":
            return self.clause_subject(h.head, set()), "copula"
        if h.dep_ == "pobj" and h.head.lower_ == "as" and h.head.head.pos_ in {"VERB", "AUX"}:
            return self.complement_holder(h.head.head, set()), "as-complement"
        if h.dep_ in {"oprd", "xcomp", "dobj"} and h.head.pos_ == "VERB" and h.head.lemma_.lower() in _DESCRIBE:
            if h.dep_ != "dobj" or any(c.dep_ == "nsubjpass" for c in h.head.children):
                return self.complement_holder(h.head, set()), "as-complement"
        # "spokespersons Khalid Qaddoumi and Naji Zaheer": the names hang off the title as conjuncts
        listed = [e for c in h.children if c.dep_ == "conj" and (cm := self.ent(c.i)) is not None
                  for e in [cm.entity, *self.conjuncts(self.root(cm))]]
        if listed:
            return listed, "list"
        found = self.adjacent_name(h)
        if found:
            return found, "apposition"
        return [], ""

    def adjacent_name(self, h: Token) -> list[str]:
        """ "Pakistan's envoy to Iran, Lt Gen (Retd) Sarfraz Ahmed Chattha" when the parse lost the apposition:
        the title's phrase is followed by a comma, optional ranks, then a person name attached nearby."""
        right = h.i
        for c in h.children:
            if c.dep_ == "prep" and c.i > h.i:
                right = max(right, max(t.i for t in c.subtree))
        j = right + 1
        if j >= len(self.doc) or self.doc[j].text != ",":
            return []
        j += 1
        limit = min(len(self.doc), j + 8)
        while j < limit:
            m = self.ent(j)
            if m is not None:
                if m.type == PERSON and self.root(m).dep_ in {"appos", "conj", "npadvmod"}:
                    return [m.entity]
                return []
            if self.doc[j].lower_.rstrip(".") not in self.rank_words:
                return []
            j += 1
        return []

    def do_title(self, m: TitleMatch) -> None:
        h = self.doc[m.head]
        sense = m.sense
        holders, pattern = self.title_holders(m)
        if not holders:
            self.office_seat(m)
            return
        obj = self.title_object(m, set(holders))
        role = sense.role
        if obj is None:
            obj = self.inherited_object(h, set(holders))
            if obj is not None:
                pattern = "list"
        if obj is None:
            dest = self.destination(m, set(holders))
            if dest is not None and sense.predicate_for(PLACE) == "occupancy":
                obj = (dest.entity, "destination")
                role = f"{role} to {self.ctx.entity_name.get(dest.entity, self.doc[dest.start:dest.end].text)}"
        if obj is None:
            return
        entity, how = obj
        if how == "possessive" and pattern in {"premodifier", "list"}:
            pattern = "possessive"
        dest = self.destination(m, set(holders) | {entity})
        if dest is not None and sense.predicate_for(self.etype(entity)) == "occupancy" and how != "destination":
            role = f"{role} to {self.ctx.entity_name.get(dest.entity, self.doc[dest.start:dest.end].text)}"
        for holder in holders:
            self.emit_role(sense, role, holder, entity, h, pattern)
        if sense.predicate_for(ORG) == "part_of":
            for place in self.premodifier_places(m):
                for holder in holders:
                    if self.etype(holder) == ORG:
                        self.emit(holder, "located_in", place, None, h.i, "premodifier-place")

    def inherited_object(self, h: Token, exclude: set[str]) -> tuple[str, str] | None:
        """ "leaders from Hamas, including spokespersons A and B": a listed title takes its list's body."""
        if h.dep_ == "pobj" and h.head.lower_ in _LIST_PREPS:
            outer = h.head.head
            if outer.i in self.titles:
                return self.title_object(self.titles[outer.i], exclude)
        return None

    def premodifier_places(self, m: TitleMatch) -> list[str]:
        out = []
        for c in self.doc[m.head].children:
            cm = self.ent(c.i)
            if c.i < m.start and c.dep_ in _PREMOD_DEPS and cm is not None and cm.type == PLACE:
                out.append(cm.entity)
        return out

    def office_seat(self, m: TitleMatch) -> None:
        """ "the movement's Beirut offices": an organisation's office in a place."""
        h = self.doc[m.head]
        if h.lower_ not in _SEAT_NOUNS and h.lemma_.lower() not in _SEAT_NOUNS:
            return
        places = self.premodifier_places(m)
        if not places:
            return
        obj = self.title_object(m, set(places))
        if obj is not None and self.etype(obj[0]) == ORG:
            for place in places:
                self.emit(obj[0], "located_in", place, None, h.i, "office")

    def do_list(self, m: TitleMatch) -> None:
        """ "leaders from Hamas, including spokespersons A and B, as well as C and D": C and D are members."""
        h = self.doc[m.head]
        if h.tag_ not in {"NNS", "NNPS"}:
            return
        obj = self.title_object(m, set())
        if obj is None or self.etype(obj[0]) != ORG:
            return
        for prep in h.children:
            if prep.dep_ != "prep" or prep.lower_ not in _LIST_PREPS:
                continue
            for p in prep.children:
                if p.dep_ != "pobj":
                    continue
                items = [p, *[c for c in p.subtree if c.dep_ == "conj" and c.head.i >= p.i]]
                seen: set[str] = set()
                for item in items:
                    im = self.ent(item.i)
                    if im is None or im.entity in seen or im.type != PERSON or self.has_title(im):
                        continue
                    seen.add(im.entity)
                    if any(k for k in self.out if k[0] == im.entity and k[2] == obj[0]):
                        continue
                    self.emit(im.entity, "membership", obj[0], "member", h.i, "list", self.negated(h))

    # ---------------------------------------------------------------- verbs and links
    def do_verb(self, v: Token, sense: RoleSense) -> None:
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in v.children) or (
            v.dep_ == "acl" and v.tag_ == "VBN")
        objects: list[str] = []
        subjects: list[str] = []
        if passive:
            for c in v.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            subjects = self.np_entities(p)
            for c in v.children:
                if c.dep_ == "nsubjpass":
                    objects = self.np_entities(c)
            if not objects and v.dep_ == "acl":
                objects = self.np_entities(v.head)
        else:
            subjects = self.clause_subject(v, set())
            for c in v.children:
                if c.dep_ == "dobj":
                    objects = self.verb_objects(c, set(subjects))
            if not objects:
                for c in v.children:
                    if c.dep_ == "prep" and c.lower_ in {"to", "with"}:
                        for p in c.children:
                            if p.dep_ == "pobj":
                                objects = self.verb_objects(p, set(subjects))
        for s in subjects:
            for o in objects:
                self.emit_role(sense, sense.role, s, o, v, "verb")

    def verb_objects(self, tok: Token, exclude: set[str]) -> list[str]:
        m = self.ent(tok.i)
        if m is not None:
            return [m.entity, *self.conjuncts(self.root(m))]
        for c in tok.children:
            if c.dep_ == "appos" and (cm := self.ent(c.i)) is not None:
                return [cm.entity]
        ref = self.refer(tok, exclude) if tok.pos_ == "NOUN" else None
        return [ref] if ref else []

    def do_link(self, n: Token, sense: RoleSense) -> None:
        objects: list[str] = []
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ in {"with", "to"}:
                for p in c.children:
                    if p.dep_ == "pobj":
                        objects.extend(self.np_entities(p))
        if not objects:
            return
        verb = n.head
        if n.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
        elif n.dep_ != "dobj":
            return
        if verb.pos_ not in {"VERB", "AUX"}:
            return
        for s in self.clause_subject(verb, set(objects)):
            for o in objects:
                if self.etype(s) in sense.subject and (p := sense.predicate_for(self.etype(o))) is not None:
                    self.emit(s, p, o, sense.role, n.i, "link", self.negated(n))

    def do_board(self, tok: Token) -> None:
        """ "X sits on the board of Y", "X has taken a seat on the Y board"."""
        if tok.dep_ != "pobj" or tok.head.lower_ != "on":
            return
        verb = tok.head.head
        if verb.dep_ == "dobj" and verb.lemma_ == "seat":
            verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"}:
            return
        subjects = self.clause_subject(verb, set())
        obj = self.body(tok, set(subjects))
        if obj is None or self.etype(obj) != ORG:
            return
        for s in subjects:
            if self.etype(s) == PERSON:
                self.emit(s, "membership", obj, "board member", tok.i, "board-seat", self.negated(tok))

    # ---------------------------------------------------------------- organisations and places
    def do_person_of(self, m: _Mention) -> None:
        """ "Senator Shazia Khokhar of the Awami Tahaffuz Party" → membership."""
        r = self.root(m)
        for c in r.children:
            if c.dep_ == "prep" and c.lower_ in {"of", "from"}:
                for p in c.children:
                    pm = self.ent(p.i)
                    if p.dep_ == "pobj" and pm is not None and pm.type == ORG:
                        if not any(k[0] == m.entity and k[2] == pm.entity for k in self.out):
                            self.emit(m.entity, "membership", pm.entity, "member", c.i, "of-organisation",
                                      self.negated(c))

    def do_based(self, tok: Token) -> None:
        """ "a Lahore-based group", "an armed faction based in Basra", "the Geneva-based Fund"."""
        places: list[str] = []
        for c in tok.children:
            cm = self.ent(c.i)
            if c.dep_ in {"npadvmod", "compound", "nmod"} and cm is not None and cm.type == PLACE:
                places.append(cm.entity)
            if c.dep_ == "prep" and c.lower_ == "in":
                for p in c.children:
                    if p.dep_ == "pobj":
                        places.extend(e for e in self.np_entities(p) if self.etype(e) == PLACE)
        if not places and tok.i >= 2 and self.doc[tok.i - 1].text == "-":
            pm = self.ent(tok.i - 2)
            if pm is not None and pm.type == PLACE:
                places.append(pm.entity)
        if not places:
            return
        n = tok.head
        for org in self.described_orgs(n):
            for place in places:
                self.emit(org, "located_in", place, None, tok.i, "based")

    def described_orgs(self, n: Token) -> list[str]:
        """The organisation a descriptive noun phrase is about: itself, its apposition or its anchor."""
        m = self.ent(n.i)
        if m is not None:
            return [m.entity] if m.type == ORG else []
        if n.dep_ == "appos":
            hm = self.ent(n.head.i)
            if hm is not None and hm.type == ORG:
                return [hm.entity]
        for c in n.children:
            cm = self.ent(c.i)
            if c.dep_ == "appos" and cm is not None and cm.type == ORG:
                return [cm.entity]
        return []

    def do_org_places(self, m: _Mention) -> None:
        """located_in / part_of around an organisation or place name."""
        r = self.root(m)
        for c in r.children:
            cm = self.ent(c.i)
            # "Ghana's Securities and Exchange Commission", "Lahore's Johar Town", "the U.S. Treasury's OFAC"
            if c.dep_ == "poss" and cm is not None and cm.entity != m.entity:
                if cm.type == PLACE and m.type in {ORG, PLACE}:
                    self.emit(m.entity, "located_in", cm.entity, None, r.i, "possessive-place")
                elif cm.type == ORG and m.type == ORG:
                    self.emit(m.entity, "part_of", cm.entity, None, r.i, "possessive")
            # "Porac, Pampanga"
            if (c.dep_ == "appos" and cm is not None and cm.type == PLACE and m.type == PLACE
                    and c.i > r.i and cm.start == m.end + 1 and self.doc[m.end].text == ","
                    and not any(x.dep_ == "conj" for x in c.children)):
                self.emit(m.entity, "located_in", cm.entity, None, r.i, "place-comma")
            if m.type == ORG and c.dep_ == "appos" and cm is None:
                self.in_place(m, c, "in-place")
        if m.type == ORG:
            self.in_place(m, r, "in-place")
            if r.dep_ == "compound" and r.head.i > r.i and self.ent(r.head.i) is None:
                # "the Al-Rafidain Star exchange in Basra", "the Bilbao club Deportivo Urdaneta HC"
                self.in_place(m, r.head, "in-place")
            for c in r.children:
                if c.dep_ == "compound" and c.i < m.start and self.ent(c.i) is None:
                    for g in c.children:
                        gm = self.ent(g.i)
                        if g.dep_ in _PREMOD_DEPS and gm is not None and gm.type == PLACE:
                            self.emit(m.entity, "located_in", gm.entity, None, r.i, "premodifier-place")
        if m.type == PLACE and r.dep_ == "compound" and r.head.lemma_.lower() in _GEO_NOUNS:
            # "Mali's Mopti region"
            for c in r.head.children:
                cm = self.ent(c.i)
                if c.dep_ == "poss" and cm is not None and cm.type == PLACE and cm.entity != m.entity:
                    self.emit(m.entity, "located_in", cm.entity, None, r.i, "possessive-place")

    def in_place(self, m: _Mention, n: Token, pattern: str) -> None:
        """ "Ashanti Gold Cocoa Ltd, a processor in Kumasi", "an armed movement with offices in Tehran"."""
        for c in n.children:
            if c.dep_ != "prep":
                continue
            if c.lower_ == "in":
                for p in c.children:
                    pm = self.ent(p.i)
                    if p.dep_ == "pobj" and pm is not None and pm.type == PLACE:
                        for e in [pm.entity, *self.conjuncts(self.root(pm))]:
                            if self.etype(e) == PLACE:
                                self.emit(m.entity, "located_in", e, None, c.i, pattern)
            elif c.lower_ == "with" and n.i != self.root(m).i:
                for p in c.children:
                    if p.dep_ == "pobj" and (p.lower_ in _SEAT_NOUNS):
                        self.in_place(m, p, "office")

    # ---------------------------------------------------------------- driver
    def run(self) -> list[RelationCandidate]:
        for i in sorted(self.titles):
            self.do_title(self.titles[i])
        for i in sorted(self.titles):
            self.do_list(self.titles[i])
        for tok in self.doc:
            if (sense := verb_sense(tok, self.lex)) is not None:
                self.do_verb(tok, sense)
            elif (link := link_sense(tok, self.lex)) is not None:
                self.do_link(tok, link)
            elif tok.lemma_.lower() == "board" and tok.pos_ == "NOUN":
                self.do_board(tok)
            elif tok.lower_ in {"based", "headquartered"}:
                self.do_based(tok)
        for m in self.mentions:
            if m.type == PERSON:
                self.do_person_of(m)
            else:
                self.do_org_places(m)
        return sorted(self.out.values(), key=lambda c: (c.anchor, c.predicate, c.subject, c.object))


def find_relations(ctx: DocContext) -> list[RelationCandidate]:
    """Relations stated in one parsed chunk, as candidates in token order (see the module docstring)."""
    if not ctx.entity_of_ent:
        return []
    return _Finder(ctx).run()
