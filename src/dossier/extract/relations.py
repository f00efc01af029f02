"""Relations between entities, read off the dependency parse (see docs/relations.md).

``find_relations`` walks the parse of one chunk and returns :class:`RelationCandidate` records. Everything is
driven by the role lexicon (``relation_lexicon`` and ``data/relation_roles.tsv``): a *title* ("spokesman",
"brother", "ambassador") names the role its holder plays toward an object; a *verb* ("heads", "co-founded")
relates its subject to its object; a *link* noun ("in alliance with") relates a clause's subject to the object
of its preposition. The holder and the object are found through a handful of constructions, each named in the
candidate's ``pattern``:

``premodifier``     "Al-Shabaab spokesman Ali Dhere", "Hamas commanders A, B and C"
``apposition``      "X, brother of Y", "its commander, Saw Johnny", "Kenya's high commissioner to Uganda, X"
``possessive``      "Nawaz Sharif's daughter, Maryam Nawaz"
``copula``          "X is a senior member of Y", "X is not a member of Y"
``as-complement``   "X serves as the special representative of Y", "X was named chairman of Y"
``list``            "leaders from Y, including spokespersons A and B, as well as C and D"
``verb``            "X, who heads Y", "Y was founded in 2011 by X", "X joined Y", "X moved money to Y"
``link``            "Y governs in alliance with Z", "X denied any link to Z", "links between A and B"
``of-organisation`` "Senator X of the Liberal Party"
``board-seat``      "X sits on the board of Y"
``based``, ``in-place``, ``office``, ``place-comma``, ``possessive-place``, ``premodifier-place``
                    located_in: "the Quetta-based X", "X, a lobby group based in Maputo", "Gao, Mali",
                    "Nigeria's Borno State", "Hezbollah's Beirut office"

Subjects and objects are always entities of the chunk. A possessive pronoun or a definite noun ("its
director", "the group's financier", "his nephew") is resolved to a preceding entity of the right type within
a few sentences; a definite role ("the brother of the group's commander") to the holder found for that role.
Type constraints come from the lexicon (family: person → person; membership: person → organisation; ...).
The work is linear in the number of tokens: every step is a bounded walk over the parse, and no model is called.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dossier.extract import relation_lexicon as lx
from dossier.extract.context import DocContext, RelationCandidate
from dossier.extract.reference import lookup_place
from dossier.extract.reference import titles as honorifics
from dossier.extract.relation_lexicon import RoleSense, TitleMatch, find_titles, lexicon, link_sense, verb_sense
from dossier.model import EntityType

PERSON, ORG, PLACE = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE

_MAX_NESTING = 12  # resolution steps in flight at once (the parse is a tree, but a bad one may loop)
_DEFINITE_WINDOW = 10  # "the company" may refer to an organisation named paragraphs before
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
        self.descriptions: list[tuple[int, str, str]] = self._descriptions()  # in token order
        self.description_starts = [d[0] for d in self.descriptions]
        orgs = {m.entity for m in self.mentions if m.type == ORG}
        self.public_orgs = {e for e in orgs if self.public_body(e)}
        self.companies = {e for e in orgs if self.is_company(e)}
        self.other_orgs = orgs - self.companies
        self.resolving: set[tuple[str, int]] = set()  # (step, token) on the resolution stack: breaks cycles

    def _descriptions(self) -> list[tuple[int, str, str]]:
        """(token, noun, entity) for each organisation described by a common noun: "Kataib Hezbollah, an armed
        faction", "the Al-Noor exchange", "the Madrid club Real Atlético". Lets "the faction" find it."""
        out: list[tuple[int, str, str]] = []
        for m in self.mentions:
            if m.type != ORG:
                continue
            r = self.root(m)
            nouns = [c for c in r.children if c.dep_ == "appos" and c.pos_ == "NOUN" and self.ent(c.i) is None]
            nouns += [c for c in r.children if c.dep_ == "compound" and c.i < m.start and c.pos_ == "NOUN"
                      and self.ent(c.i) is None]
            if r.dep_ in {"compound", "appos"} and r.head.pos_ == "NOUN" and self.ent(r.head.i) is None:
                nouns.append(r.head)
            for n in nouns:
                out.append((m.start, n.lemma_.lower(), m.entity))
            for word in self.ctx.entity_name.get(m.entity, "").lower().split():
                out.append((m.start, word, m.entity))
        return out

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
                   back: int = _WINDOW) -> str | None:
        """The nearest entity of ``types`` mentioned before token ``before`` (within ``back`` sentences)."""
        floor = self._sentence_floor(before, back)
        k = bisect_left(self.starts, before) - 1
        while k >= 0 and self.mentions[k].start >= floor:
            m = self.mentions[k]
            k -= 1
            if m.type in types and m.entity not in exclude and m.end <= before:
                return m.entity
        return None

    def person_antecedent(self, tok: Token, exclude: set[str]) -> str | None:
        """ "he", "his", "her": a person named earlier in the same sentence, else the last person who was the
        subject of a sentence before (a pronoun usually continues the topic), else the nearest person."""
        sent_start = tok.sent.start
        k = bisect_left(self.starts, tok.i) - 1
        floor = self._sentence_floor(tok.i, _WINDOW)
        nearest: str | None = None
        while k >= 0 and self.mentions[k].start >= floor:
            m = self.mentions[k]
            k -= 1
            if m.type != PERSON or m.entity in exclude or m.end > tok.i:
                continue
            if m.start >= sent_start:
                return m.entity
            nearest = nearest or m.entity
            if self.root(m).dep_ in {"nsubj", "nsubjpass"}:
                return m.entity
        return nearest

    def definite_org(self, tok: Token, exclude: set[str]) -> str | None:
        """ "the faction", "the trust's", "the group's": an organisation named or described so before."""
        noun = tok.lemma_.lower()
        exclude = exclude | set(self.own_clause_subjects(tok))
        for k in range(bisect_left(self.description_starts, tok.i) - 1, -1, -1):
            _, word, entity = self.descriptions[k]
            if word == noun and entity not in exclude:
                return entity
        if noun not in lx.GENERIC_ORG_NOUNS:
            return None
        skip = self.public_orgs | (self.other_orgs if noun in {"company", "firm"} else self.companies)
        return self.antecedent(tok.i, frozenset({ORG}), exclude | skip, back=_DEFINITE_WINDOW)

    def is_company(self, entity: str) -> bool:
        words = set(self.ctx.entity_name.get(entity, "").lower().replace(".", "").split())
        return bool(words & lx.COMPANY_WORDS)

    def own_clause_subjects(self, tok: Token) -> list[str]:
        """Entities that are the subject of the clause containing ``tok`` ("whom the Treasury described as")."""
        t = tok
        for _ in range(8):
            if t.pos_ in {"VERB", "AUX"}:
                return [m.entity for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}
                        and (m := self.ent(c.i)) is not None]
            if t.head is t:
                break
            t = t.head
        return []

    def refer(self, tok: Token, exclude: set[str]) -> str | None:
        """Resolve a pronoun or definite noun that refers back to an entity ("its", "his", "the faction")."""
        low = tok.lower_
        if low == "its":
            return self.antecedent(tok.i, frozenset({ORG}), exclude)
        if low in lx.PERSON_PRONOUNS and tok.pos_ == "PRON":
            return self.person_antecedent(tok, exclude)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.ORG_NOUNS and tok.tag_ == "NN":
            dets = [c for c in tok.children if c.dep_ in {"det", "poss"}]
            if dets and all(d.lower_ in {"the", "this", "that", "her", "his", "its"} for d in dets):
                return self.definite_org(tok, exclude)
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
        """True when a role title premodifies this mention ("ELN commander Pablo Beltrán")."""
        r = self.root(m)
        for c in r.children:
            if c.i < m.start and c.dep_ in lx.PREMOD_DEPS and (c.i in self.titles or any(
                    g.i in self.titles for g in c.subtree if g.i < m.start)):
                return True
        return False

    def np_entities(self, tok: Token, depth: int = 0, exclude: set[str] | None = None,
                    conj: bool = True) -> list[str]:
        """The entities a noun phrase headed by ``tok`` names: itself (and its conjuncts), its apposition, the
        antecedent of a relative pronoun, the referent of a pronoun or definite noun."""
        key = ("np", tok.i)
        if key in self.resolving or len(self.resolving) > _MAX_NESTING:
            return []
        self.resolving.add(key)
        try:
            return self._np_entities(tok, depth, exclude or set(), conj)
        finally:
            self.resolving.discard(key)

    def _np_entities(self, tok: Token, depth: int, exclude: set[str], conj: bool) -> list[str]:
        m = self.ent(tok.i)
        if m is not None:
            return [m.entity, *self.conjuncts(self.root(m))] if conj else [m.entity]
        if depth > 3:
            return []
        if tok.lower_ in lx.REL_PRONOUNS and tok.head.dep_ in {"relcl", "acl"}:
            antecedent = tok.head.head
            found = self.np_entities(antecedent, depth + 1, exclude, conj=False)
            if not found and antecedent.dep_ == "appos":  # "Ana Ruiz, a Chilean diplomat who ..."
                found = self.np_entities(antecedent.head, depth + 1, exclude, conj=False)
            return found
        for c in tok.children:
            if c.dep_ == "appos":
                found = self.np_entities(c, depth + 1, exclude, conj)
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
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.ORG_NOUNS:
            # "the banned Jamaat-ul-Burhan (JuB) militant group"
            for c in tok.children:
                cm = self.ent(c.i)
                if c.dep_ in lx.PREMOD_DEPS and c.i < tok.i and cm is not None and cm.type == ORG:
                    return [cm.entity]
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.METONYMS:
            for c in tok.children:
                if c.dep_ == "poss" and (pm := self.ent(c.i)) is not None:
                    return [pm.entity]
        ref = self.refer(tok, exclude) if tok.pos_ == "NOUN" else None
        return [ref] if ref else []

    def described(self, noun: Token, exclude: set[str] | None = None) -> list[str]:
        """The entities a descriptive noun is about: "a surgeon who ..." in "Leila Nasser, a surgeon who ..."."""
        found = self.np_entities(noun, 0, exclude, conj=False)
        if not found and noun.dep_ == "appos":
            found = self.np_entities(noun.head, 0, exclude, conj=False)
        return found

    def body(self, tok: Token, exclude: set[str], depth: int = 0) -> str | None:
        """The entity a role's object phrase denotes ("the faction", "Hezbollah's political council")."""
        key = ("body", tok.i)
        if key in self.resolving or len(self.resolving) > _MAX_NESTING:
            return None
        self.resolving.add(key)
        try:
            return self._body(tok, exclude, depth)
        finally:
            self.resolving.discard(key)

    def _body(self, tok: Token, exclude: set[str], depth: int) -> str | None:
        m = self.ent(tok.i)
        if m is not None:
            return m.entity if m.entity not in exclude else None
        if depth > 2:
            return None
        if tok.i in self.titles or any(c.dep_ == "appos" for c in tok.children):
            found = [e for e in self.np_entities(tok, depth + 1, exclude) if e not in exclude]
            if not found and tok.i in self.titles:  # "a member of the KNU's political wing, the KNDO"
                found = [e for e in self.adjacent_name(tok) if e not in exclude]
            if found:
                return found[0]
        if tok.lower_ in lx.PERSON_PRONOUNS | {"its"}:
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
            if c.dep_ in lx.PREMOD_DEPS and c.i < tok.i:
                cm = self.ent(c.i)
                if cm is not None and cm.entity not in exclude:
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
        if verb.dep_ in {"relcl", "acl"} and (verb.tag_ == "VBG" or any(c.dep_ == "dobj" for c in verb.children)):
            return self.described(verb.head, exclude)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.lemma_.lower() in lx.ACCUSE:
            accuse = verb.head.head
            for c in accuse.children:
                if c.dep_ in {"dobj", "nsubjpass"}:
                    return self.np_entities(c, 0, exclude)
            if accuse.dep_ in {"acl", "relcl"}:
                return self.described(accuse.head, exclude)
        return []

    def complement_holder(self, verb: Token, exclude: set[str]) -> list[str]:
        """Who holds a role given as a complement of ``verb``: "X serves as", "named X as", "X was elected"."""
        if verb.lemma_.lower() in lx.DESCRIBE:
            for c in verb.children:
                if c.dep_ == "dobj":
                    found = self.np_entities(c, 0, exclude)
                    if found:
                        return found
            passive = any(c.dep_ == "nsubjpass" for c in verb.children)
            if (not passive and verb.dep_ == "relcl") or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
                # "a Lahore businessman it describes as ...", "a Syrian national described as ..."
                found = self.np_entities(verb.head, 0, exclude, conj=False)
                if not found and verb.head.dep_ == "appos":
                    found = self.np_entities(verb.head.head, 0, exclude, conj=False)
                return found
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
                if t.lemma_.lower() in lx.DENY and t is not anchor:
                    return True
                if t.dep_ in lx.CLAUSE_BOUNDARY:
                    return False
                if t.dep_ not in {"ccomp", "xcomp", "pcomp", "conj"}:
                    own_clause = True
                else:
                    own_clause = False
            elif t.dep_ in lx.CLAUSE_BOUNDARY - {"ROOT"} and t is not anchor:
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
                  pattern: str, predicate: str | None = None) -> bool:
        if self.etype(holder) not in sense.subject or sense.predicate_for(self.etype(obj)) is None:
            return False
        predicate = predicate or (sense.predicate_for(self.etype(obj)) or "").rstrip("?")
        if not predicate:
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
        span = [doc[i] for i in range(m.start, m.end)]
        for t in span:
            for c in t.children:
                if c.dep_ == "poss":
                    pm = self.ent(c.i)
                    if pm is not None and pm.entity not in exclude:
                        return pm.entity, "possessive"
                    if c.lower_ == "whose":  # "Acme Mining Inc., a company whose president, X"
                        rel = next((a for a in [t, *t.ancestors] if a.dep_ == "relcl"), None)
                        found = [e for e in self.described(rel.head, exclude)] if rel is not None else []
                        if found and found[0] not in exclude:
                            return found[0], "possessive"
                        continue
                    ref = self.refer(c, exclude)
                    if ref is not None:
                        return ref, "possessive"
                    # "Hezbollah's executive council chief": the possessor of a premodifying noun
                    got = self.body(c, exclude, 1)
                    if got is not None:
                        return got, "possessive"
        for t in span:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in lx.BODY_PREPS and c.i > t.i:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            got = self.body(p, exclude)
                            if got is not None:
                                return got, "at" if c.lower_ == "at" else "prep"
        premods: list[_Mention] = []
        stack = [c for t in span for c in t.children if c.i < m.start and c.dep_ in lx.PREMOD_DEPS | {"poss"}]
        while stack:
            c = stack.pop()
            cm = self.ent(c.i)
            if cm is not None:
                if cm.entity not in exclude:
                    premods.append(cm)
                continue
            if c.i in self.titles:
                continue
            stack.extend(x for x in c.children if x.i < c.i and x.dep_ in lx.PREMOD_DEPS | {"poss"})
        for want in (ORG, PERSON, PLACE):
            for pm in premods:
                if pm.type == want:
                    return pm.entity, "premodifier"
        # "BNP chief Tarique Rahman" when the parser attached the name elsewhere
        before = self.ent(m.start - 1) if m.start > 0 else None
        if before is not None and before.end == m.start and before.type == ORG and before.entity not in exclude:
            return before.entity, "premodifier"
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
        """Who holds the title, and through which construction (the first construction that yields a holder
        of a type the title allows)."""
        for holders, pattern in self.holder_candidates(m):
            holders = [e for e in holders if self.etype(e) in m.sense.subject]
            if holders:
                return holders, pattern
        return [], ""

    def holder_candidates(self, m: TitleMatch) -> Iterator[tuple[list[str], str]]:
        doc = self.doc
        h = doc[m.head]
        plural = h.tag_ in {"NNS", "NNPS"}
        # "Al-Shabaab spokesman Ali Dhere": climb the premodifier chain to the name it modifies
        t = h
        for _ in range(6):
            if t.dep_ not in lx.PREMOD_DEPS or t.head.i <= t.i:
                break
            t = t.head
            tm = self.ent(t.i)
            if tm is not None:
                if tm.start <= m.start:  # the title is inside the name's span: not a premodifier
                    break
                yield [tm.entity, *(self.conjuncts(self.root(tm)) if plural else [])], "premodifier"
                break
        # "its commander, Saw Johnny", "Ruritania's envoy to Iran, Lt Gen (Retd) Karl Brenner"
        for c in h.children:
            if c.dep_ == "appos" or (c.dep_ == "conj" and c.lower_.rstrip(".") in self.rank_words):
                yield self.np_entities(c, conj=plural), "apposition"
        # the parser often hangs that apposition on the title's own object: "a spokesman for the HPF, X"
        for c in h.children:
            if c.dep_ == "prep" and c.i > h.i and c.lower_ not in lx.LIST_PREPS:
                for p in c.children:
                    pm = self.ent(p.i)
                    if p.dep_ != "pobj" or pm is None or pm.type == PERSON:
                        continue
                    for a in p.children:
                        am = self.ent(a.i)
                        if a.dep_ == "appos" and am is not None and am.type == PERSON:
                            yield [am.entity], "apposition"
        yield self.clause_holders(h)
        if h.dep_ == "conj" and self.ent(h.head.i) is None:
            # "X, the deputy speaker of parliament and a senior member of the Labour Party"
            yield self.clause_holders(h.head)
        # "spokespersons Khalid Qaddoumi and Naji Zaheer": the names hang off the title as conjuncts
        listed = [e for c in h.children if c.dep_ == "conj" and (cm := self.ent(c.i)) is not None
                  for e in [cm.entity, *self.conjuncts(self.root(cm))]]
        yield listed, "list"
        yield self.adjacent_name(h), "apposition"

    def clause_holders(self, h: Token) -> tuple[list[str], str]:
        """Holders of a title ``h`` given by the clause around it: apposition to a name, copula, "as"."""
        if h.dep_ == "appos":
            found = self.np_entities(h.head, conj=False)
            if found:
                return found, "apposition"
        if h.dep_ in {"attr", "acomp"} and h.head.lemma_ == "be":
            return self.clause_subject(h.head, set()), "copula"
        if h.dep_ == "pobj" and h.head.lower_ == "as" and h.head.head.pos_ in {"VERB", "AUX"}:
            return self.complement_holder(h.head.head, set()), "as-complement"
        if h.dep_ in {"oprd", "xcomp", "dobj"} and h.head.pos_ == "VERB" and h.head.lemma_.lower() in lx.DESCRIBE:
            if h.dep_ != "dobj" or any(c.dep_ == "nsubjpass" for c in h.head.children):
                return self.complement_holder(h.head, set()), "as-complement"
        return [], ""

    def adjacent_name(self, h: Token) -> list[str]:
        """ "The front's Nairobi representative, Said Omar" when the parse lost the apposition: the title's
        phrase is followed by a comma, optional ranks and then a person's name."""
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
                if self.root(m).dep_ not in {"pobj", "dobj", "nsubj", "nsubjpass"}:
                    return [m.entity]
                return []
            if self.doc[j].lower_.rstrip(".") not in self.rank_words and self.doc[j].lower_ != "the":
                return []
            j += 1
        return []

    def role_qualifier(self, h: Token, body: str | None) -> str | None:
        """ "head of delegation", "minister of internal security", "emir for southern Turkey": an "of" phrase
        that is not the body, or a "for" phrase naming a region (the post covers part of the body)."""
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "for":
                for p in c.children:
                    pm = self.ent(p.i)
                    if p.dep_ == "pobj" and pm is not None and pm.type == PLACE and pm.entity != body:
                        return "for " + self.doc[pm.start:pm.end].text
            if c.dep_ != "prep" or c.lower_ != "of":
                continue
            for p in c.children:
                if p.dep_ != "pobj" or p.i in self.titles:
                    continue
                words = [t for t in p.subtree if t.dep_ not in {"det", "punct"}]
                if not words or len(words) > 4 or any(self.ent(t.i) for t in words):
                    continue
                if self.refer(p, set()) is not None or (body is not None and self.body(p, set()) == body):
                    continue
                return "of " + " ".join(t.lower_ for t in sorted(words, key=lambda t: t.i))
        return None

    def public_body(self, entity: str) -> bool:
        words = set(self.ctx.entity_name.get(entity, "").lower().split())
        return bool(words & lx.PUBLIC_BODY_WORDS)

    def do_title(self, m: TitleMatch) -> None:
        h = self.doc[m.head]
        sense = m.sense
        holders, pattern = self.title_holders(m)
        self.listed_after_principal(m)
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
        otype = self.etype(entity)
        predicate = sense.predicate_for(otype)
        prefix = self.doc[m.start - 1].lower_ if m.start > 0 else ""
        if prefix in lx.ROLE_PREFIXES and role is not None and not role.startswith(prefix):
            role = f"{prefix} {role}"  # "acting chairman", "deputy commander"
        qualifier = self.role_qualifier(h, entity)
        if qualifier is not None and role is not None:
            role = f"{role} {qualifier}"
            if predicate == "leadership":  # "head of delegation for the ICRC" leads a part, not the whole
                predicate = "membership"
        if predicate is not None and predicate.endswith("?"):  # "the group's foreign affairs secretary"
            predicate = predicate[:-1] if self.public_body(entity) else "membership"
        if predicate == "representation" and otype == ORG and how in {"premodifier", "at"}:
            predicate = "membership"  # "a CAD lawyer", "a lawyer at Harwell & Pike": the organisation employs them
        dest = self.destination(m, set(holders) | {entity})
        if dest is not None and predicate == "occupancy" and how != "destination":
            role = f"{role} to {self.ctx.entity_name.get(dest.entity, self.doc[dest.start:dest.end].text)}"
        for holder in holders:
            self.emit_role(sense, role, holder, entity, h, pattern, predicate)
        if sense.predicate_for(ORG) == "part_of":
            for place in self.premodifier_places(m):
                for holder in holders:
                    if self.etype(holder) == ORG:
                        self.emit(holder, "located_in", place, None, h.i, "premodifier-place")

    def listed_after_principal(self, m: TitleMatch) -> None:
        """ "Lawyers for Petrov, Anna Ilyina and Oleg Sokolov, said": the parser coordinates the
        names with the principal; a plural title with no holder of its own takes the names after the comma."""
        h = self.doc[m.head]
        if h.tag_ not in {"NNS", "NNPS"}:
            return
        for c in h.children:
            if c.dep_ != "prep" or c.lower_ not in {"for", "of"}:
                continue
            for p in c.children:
                pm = self.ent(p.i)
                if p.dep_ != "pobj" or pm is None or pm.end >= len(self.doc) or self.doc[pm.end].text != ",":
                    continue
                names = [e for e in self.conjuncts(self.root(pm)) if self.etype(e) == PERSON]
                for holder in names:
                    self.emit_role(m.sense, m.sense.role, holder, pm.entity, h, "list")

    def inherited_object(self, h: Token, exclude: set[str]) -> tuple[str, str] | None:
        """ "leaders from Hamas, including spokespersons A and B": a listed title takes its list's body."""
        if h.dep_ == "pobj" and h.head.lower_ in lx.LIST_PREPS:
            outer = h.head.head
            if outer.i in self.titles:
                return self.title_object(self.titles[outer.i], exclude)
        return None

    def premodifier_places(self, m: TitleMatch) -> list[str]:
        out = []
        for c in self.doc[m.head].children:
            cm = self.ent(c.i)
            if c.i < m.start and c.dep_ in lx.PREMOD_DEPS and cm is not None and cm.type == PLACE:
                out.append(cm.entity)
        return out

    def office_seat(self, m: TitleMatch) -> None:
        """ "the movement's Beirut offices": an organisation's office in a place."""
        h = self.doc[m.head]
        if h.lower_ not in lx.SEAT_NOUNS and h.lemma_.lower() not in lx.SEAT_NOUNS:
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
            if prep.dep_ != "prep" or prep.lower_ not in lx.LIST_PREPS:
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
            v.dep_ == "acl" and v.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in v.children))
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
                if not objects and (b := self.body(v.head, set(subjects))) is not None:
                    objects = [b]  # "an ELN unit commanded by Pablo Beltrán"
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
        if sense.role in lx.JOINT_ROLES and subjects and not passive:
            # "X co-founded the organisation with her brother-in-law, Y": Y is a co-founder too
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ == "with":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            subjects = subjects + [e for e in self.np_entities(p) if e not in subjects]
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
        if self.link_between(n, sense):
            return
        objects: list[str] = []
        preps = {"with", "to", "of"} if n.lemma_.lower() in {"support", "backing"} else {"with", "to"}
        # "denied any link to M23": the parser often hangs the preposition on the verb
        owners = [n, n.head] if n.dep_ == "dobj" else [n]
        for c in (c for o in owners for c in o.children if c.i > n.i):
            if c.dep_ == "prep" and c.lower_ in preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        objects.extend(self.np_entities(p))
        if not objects:
            return
        verb = n
        for _ in range(5):  # "governs in alliance with", "is running as an independent with the support of"
            if verb.dep_ not in {"pobj", "dobj", "prep"} or verb.head is verb:
                break
            verb = verb.head
            if verb.pos_ in {"VERB", "AUX"}:
                break
        if verb.pos_ not in {"VERB", "AUX"}:
            return
        for s in self.clause_subject(verb, set(objects)):
            for o in objects:
                predicate = sense.predicate_for(self.etype(o))
                if self.etype(s) in sense.subject and predicate is not None:
                    self.emit(s, predicate, o, sense.role, n.i, "link", self.negated(n))

    def link_between(self, n: Token, sense: RoleSense) -> bool:
        """ "links between A and B", "ties between outfits such as A and B and the C": each listed name is
        linked to the last one."""
        for c in n.children:
            if c.dep_ != "prep" or c.lower_ != "between":
                continue
            items: list[str] = []
            for t in c.subtree:
                m = self.ent(t.i)
                if m is None or t.i != self.root(m).i or t.dep_ not in {"pobj", "conj"} or m.entity in items:
                    continue
                path = list(t.ancestors)
                if not any(a.dep_ in {"appos", "relcl", "acl"} for a in path[:path.index(c)]):
                    items.append(m.entity)  # not inside a description ("an armed movement with offices in X")
            for a in items[:-1]:
                predicate = sense.predicate_for(self.etype(items[-1]))
                if predicate is not None and self.etype(a) in sense.subject:
                    self.emit(a, predicate, items[-1], sense.role, n.i, "link", self.negated(n))
            return len(items) > 1
        return False

    def do_money(self, v: Token) -> None:
        """ "X routed funds to Y", "accused of moving money for Y": X is Y's financier (associate)."""
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in lx.MONEY_NOUNS for c in v.children):
            return
        objects: list[str] = []
        heads = [v, *[a for c in v.children if c.dep_ == "dobj" for a in c.children if a.dep_ == "acl"]]
        for head in heads:  # "routed funds collected from traders to X"
            for c in head.children:
                if c.dep_ in {"prep", "dative"} and c.lower_ in {"to", "for"}:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            objects.extend(self.np_entities(p))
        if not objects:
            return
        for s in self.clause_subject(v, set(objects)):
            for o in objects:
                if self.etype(o) in {PERSON, ORG}:
                    self.emit(s, "associate", o, "financier", v.i, "verb", self.negated(v))

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
        """ "Senator Ana Lucía Torres of the Liberal Party" → membership."""
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
        """ "a Lahore-based group", "an armed faction based in Kirkuk", "the Geneva-based Fund"."""
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
            # "Ghana's Ministry of Finance", "Lahore's Gulberg district", "the Treasury's Office of Sanctions"
            if c.dep_ == "poss" and cm is None:  # "the Treasury Department's X" (Department outside the name)
                for g in c.children:
                    if g.dep_ in lx.PREMOD_DEPS and self.ent(g.i) is not None:
                        cm = self.ent(g.i)
            if c.dep_ == "poss" and cm is not None and cm.entity != m.entity:
                if cm.type == PLACE and m.type in {ORG, PLACE}:
                    self.emit(m.entity, "located_in", cm.entity, None, r.i, "possessive-place")
                elif cm.type == ORG and m.type == ORG:
                    self.emit(m.entity, "part_of", cm.entity, None, r.i, "possessive")
            # "Gao, Mali", "Kandahar, Afghanistan's second city"
            if m.type == PLACE and c.dep_ in {"appos", "conj"} and c.i > r.i:
                if cm is not None and cm.type == PLACE and self.place_pair(m, cm, c):
                    self.emit(m.entity, "located_in", cm.entity, None, r.i, "place-comma")
                elif cm is None and c.dep_ == "appos" and c.lemma_.lower() in lx.GEO_NOUNS | {"capital"} \
                        and self.doc[m.end].text == ",":
                    for g in c.children:
                        gm = self.ent(g.i)
                        if g.dep_ == "poss" and gm is not None and gm.type == PLACE and gm.entity != m.entity:
                            self.emit(m.entity, "located_in", gm.entity, None, r.i, "place-comma")
            if m.type == ORG and c.dep_ == "appos" and cm is None:
                self.in_place(m, c, "in-place")
        if m.type == ORG:
            last = self.ctx.entity_name.get(m.entity, "").lower().split()[-1:]
            if r.dep_ in {"nsubj", "nsubjpass", "dobj", "appos", "ROOT"} or set(last) & lx.SEAT_NAMES:
                # "The US Embassy in Nairobi said" (not "met leaders of the ANC in Durban": where they met)
                self.in_place(m, r, "in-place")
            if r.dep_ == "compound" and r.head.i > r.i and self.ent(r.head.i) is None \
                    and r.head.i not in self.titles:
                # "the Al-Noor exchange in Mosul", "the Madrid club Real Atlético"
                self.in_place(m, r.head, "in-place")
            for c in r.children:
                if c.dep_ == "compound" and c.i < m.start and self.ent(c.i) is None:
                    for g in c.children:
                        gm = self.ent(g.i)
                        if g.dep_ in lx.PREMOD_DEPS and gm is not None and gm.type == PLACE:
                            self.emit(m.entity, "located_in", gm.entity, None, r.i, "premodifier-place")
        if m.type == PLACE and r.dep_ == "compound" and r.head.lemma_.lower() in lx.GEO_NOUNS:
            # "Mali's Gao region"
            for c in r.head.children:
                cm = self.ent(c.i)
                if c.dep_ == "poss" and cm is not None and cm.type == PLACE and cm.entity != m.entity:
                    self.emit(m.entity, "located_in", cm.entity, None, r.i, "possessive-place")

    def place_pair(self, m: _Mention, cm: _Mention, c: Token) -> bool:
        """ "Gao, Mali" (a place and the larger place it lies in), not a list "Lahore, Karachi and Quetta"."""
        if cm.start != m.end + 1 or self.doc[m.end].text != ",":
            return False
        if any(x.dep_ in {"conj", "cc"} for x in c.children):
            return False
        if c.dep_ == "conj" and sum(1 for x in self.root(m).children if x.dep_ in {"conj", "cc"}) > 1:
            return False
        if cm.end < len(self.doc) and self.doc[cm.end].lower_ in {"and", "or"}:
            return False
        inner = lookup_place(self.ctx.entity_name.get(m.entity, ""), allow_common_words=True)
        outer = lookup_place(self.ctx.entity_name.get(cm.entity, ""), allow_common_words=True)
        if inner is None or outer is None:
            return True
        if inner.country and outer.country and inner.country != outer.country:
            return False
        rank = {"city": 0, "region": 1, "country": 2}
        return (rank[outer.kind], outer.population) > (rank[inner.kind], inner.population)

    def in_place(self, m: _Mention, n: Token, pattern: str) -> None:
        """ "Volta Cocoa Ltd, a processor in Tema", "an armed movement with offices in Tehran"."""
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
                    if p.dep_ == "pobj" and (p.lower_ in lx.SEAT_NOUNS):
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
            elif tok.lemma_.lower() in lx.MONEY_VERBS and tok.pos_ == "VERB":
                self.do_money(tok)
            elif (link := link_sense(tok, self.lex)) is not None:
                self.do_link(tok, link)
            elif tok.lemma_.lower() == "board" and tok.pos_ == "NOUN":
                self.do_board(tok)
            elif tok.lower_ in lx.SEAT_VERBS:
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
