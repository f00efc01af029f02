"""Relations stated by a verb ("heads", "co-founded", "joined"), a link noun ("in alliance with", "links
between A and B"), money moved to someone ("routed funds to Y") or a seat on a board.
"""

from __future__ import annotations

from spacy.tokens import Token

from dossier.extract.relations import lexicon as lx
from dossier.extract.relations.candidates import Candidates
from dossier.extract.relations.lexicon import RoleSense
from dossier.extract.relations.references import ORG, PERSON, ReferenceResolver


class VerbFinder:
    """The verb, link, money and board-seat constructions."""

    def __init__(self, res: ReferenceResolver, found: Candidates) -> None:
        self.res = res
        self.found = found
        self.doc = res.doc

    def do_verb(self, v: Token, sense: RoleSense) -> None:
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in v.children) or (
            v.dep_ == "acl" and v.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in v.children))
        objects: list[str] = []
        subjects: list[str] = []
        if v.lemma_.lower() == "join" and any(c.dep_ == "dobj" and c.lemma_.lower() in {"hand", "force"}
                                               for c in v.children):
            return  # "joined forces/hands with X": working together, not joining X
        if passive and sense.role == "director":
            return  # "Big Easy Express, directed by Emmett Malloy": what is "directed by" someone is a work
        if passive:
            for c in v.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            subjects = self.res.np_entities(p)
            for c in v.children:
                if c.dep_ == "nsubjpass":
                    objects = self.res.np_entities(c)
            if not objects and v.dep_ == "acl":
                objects = self.res.np_entities(v.head)
                if not objects and (b := self.res.body(v.head, set(subjects))) is not None:
                    objects = [b]  # "an ELN unit commanded by Pablo Beltrán"
                if not objects and v.head.dep_ == "attr" and v.head.head.lemma_ == "be":
                    # "The Swingles are a vocal group formed in 1962 by Ward Swingle"
                    objects = self.res.clause_subject(v.head.head, set(subjects))
        else:
            subjects = self.res.clause_subject(v, set())
            for c in v.children:
                if c.dep_ == "dobj":
                    objects = self.verb_objects(c, set(subjects))
                    if not objects and sense.predicate_for(PERSON) == "family":
                        objects = self.spouse_object(c, set(subjects))
            if not objects and sense.predicate_for(PERSON) == "family":
                # "married French politician Éric Besson": the parser may take the name for an adverbial noun
                objects = [m.entity for c in v.children if c.dep_ == "npadvmod" and c.i > v.i
                           and (m := self.res.ent(c.i)) is not None and m.type == PERSON
                           and m.entity not in subjects][:1]
            if not objects and v.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in v.children):
                # "the venture capital firm he founded, VenCatalyst": the noun the clause describes is the object
                # (when it or its apposition is a name, not a guess from nearby)
                objects = [e for e in self.verb_objects(v.head, set(subjects))
                           if self.res.ent(v.head.i) is not None
                           or any(c.dep_ == "appos" and self.res.ent(c.i) is not None for c in v.head.children)]
            if not objects and sense.role == "member":
                # "joined the faculty of the University of Hamburg", "joined Hamas's armed wing"
                for c in v.children:
                    if c.dep_ == "dobj" and c.pos_ == "NOUN" and (b := self.res.body(c, set(subjects))) is not None:
                        objects = [b]
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
                            subjects = subjects + [e for e in self.res.np_entities(p) if e not in subjects]
        for s in subjects:
            for o in objects:
                self.found.emit_role(sense, sense.role, s, o, v, "verb")

    def do_married_to(self, tok: Token) -> bool:
        """ "X is/was married to Y", "X, married to Y": spouses (the verb reading sees a passive without agent)."""
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        if prep is None:
            return False
        spouses = [e for p in prep.children if p.dep_ == "pobj" for e in self.res.np_entities(p)]
        if tok.dep_ in {"acomp", "attr"} and tok.head.pos_ in {"VERB", "AUX"}:
            people = self.res.clause_subject(tok.head, set(spouses))
        elif tok.dep_ in {"acl", "amod"}:
            people = self.res.described(tok.head, set(spouses))
        else:
            people = self.res.clause_subject(tok, set(spouses))
        for a in people:
            for b in spouses:
                if self.res.etype(a) == PERSON and self.res.etype(b) == PERSON:
                    self.found.emit(a, "family", b, "spouse", tok.i, "verb", self.res.negated(tok))
        return True

    def do_born_to(self, tok: Token) -> None:
        """ "Brewster was born in Windham to Joseph Brewster and Sarah Brewster": the child of both."""
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        if prep is None:
            return
        pobjs = [p for p in prep.children if p.dep_ == "pobj"]
        # "to Peter Mumba, a Zambian aircraft engineer and Barbara": the parser coordinates the second parent
        # with the first one's description
        pobjs += [c for p in pobjs for a in p.children if a.dep_ == "appos" for c in a.children if c.dep_ == "conj"]
        parents = [e for p in pobjs for e in self.res.np_entities(p) if self.res.etype(e) == PERSON]
        if not parents:
            return
        self.found.parents(parents, tok)
        children = (self.res.described(tok.head) if tok.dep_ in {"acl", "amod"}
                    else self.res.clause_subject(tok, set(parents)))
        for child in children:
            if self.res.etype(child) == PERSON:
                for parent in parents:
                    self.found.emit(child, "family", parent, "child", tok.i, "verb", self.res.negated(tok))

    def spouse_object(self, tok: Token, exclude: set[str]) -> list[str]:
        """ "before marrying him", "married the architect Jacques-François Blondel": the object of a family verb
        may be a personal pronoun, or a name right after a common noun that the parser split from it."""
        if tok.pos_ == "PRON" and tok.lower_ in {"him", "her"}:
            ref = self.res.refer(tok, exclude)
            return [ref] if ref is not None and self.res.etype(ref) == PERSON else []
        nxt = self.res.ent(tok.i + 1) if tok.pos_ == "NOUN" and tok.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.start == tok.i + 1 and nxt.type == PERSON and nxt.entity not in exclude:
            return [nxt.entity]
        return []

    def verb_objects(self, tok: Token, exclude: set[str]) -> list[str]:
        m = self.res.ent(tok.i)
        if m is not None:
            return [m.entity, *self.res.conjuncts(self.res.root(m))]
        for c in tok.children:
            if c.dep_ == "appos" and (cm := self.res.ent(c.i)) is not None:
                return [cm.entity]
        ref = self.res.refer(tok, exclude) if tok.pos_ == "NOUN" else None
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
                        objects.extend(self.res.np_entities(p))
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
        for s in self.res.clause_subject(verb, set(objects)):
            for o in objects:
                predicate = sense.predicate_for(self.res.etype(o))
                if self.res.etype(s) in sense.subject and predicate is not None:
                    self.found.emit(s, predicate, o, sense.role, n.i, "link", self.res.negated(n))

    def link_between(self, n: Token, sense: RoleSense) -> bool:
        """ "links between A and B", "ties between outfits such as A and B and the C": each listed name is
        linked to the last one."""
        for c in n.children:
            if c.dep_ != "prep" or c.lower_ != "between":
                continue
            items: list[str] = []
            for t in c.subtree:
                m = self.res.ent(t.i)
                if m is None or t.i != self.res.root(m).i or t.dep_ not in {"pobj", "conj"} or m.entity in items:
                    continue
                path = list(t.ancestors)
                if not any(a.dep_ in {"appos", "relcl", "acl"} for a in path[:path.index(c)]):
                    items.append(m.entity)  # not inside a description ("an armed movement with offices in X")
            for a in items[:-1]:
                predicate = sense.predicate_for(self.res.etype(items[-1]))
                if predicate is not None and self.res.etype(a) in sense.subject:
                    self.found.emit(a, predicate, items[-1], sense.role, n.i, "link", self.res.negated(n))
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
                            objects.extend(self.res.np_entities(p))
        if not objects:
            return
        for s in self.res.clause_subject(v, set(objects)):
            for o in objects:
                if self.res.etype(o) in {PERSON, ORG}:
                    self.found.emit(s, "associate", o, "financier", v.i, "verb", self.res.negated(v))

    def do_board(self, tok: Token) -> None:
        """ "X sits on the board of Y", "X has taken a seat on the Y board", "X served on the core management team
        of Y", "X sits on the party's central committee"."""
        if tok.dep_ != "pobj" or tok.head.lower_ != "on":
            return
        verb = tok.head.head
        if verb.dep_ == "dobj" and verb.lemma_ == "seat":
            verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"}:
            return
        noun = tok.lemma_.lower()
        if noun != "board" and not any(c.dep_ in {"poss", "compound"} or (c.dep_ == "prep" and c.lower_ == "of")
                                       for c in tok.children):
            return  # "served on the panel": a seat only where the body is named, not guessed from nearby
        subjects = self.res.clause_subject(verb, set())
        obj = self.res.body(tok, set(subjects))
        if obj is None or self.res.etype(obj) != ORG:
            return
        for s in subjects:
            if self.res.etype(s) == PERSON:
                self.found.emit(s, "membership", obj, lx.SEAT_BODIES[noun], tok.i, "board-seat",
                                self.res.negated(tok))

    def do_under(self, u: Token) -> None:
        """ "received his degree in 1959 under Andrey Kolmogorov at Moscow State University", "earned his doctorate
        from the University of Cologne under the supervision of Karl Dörge": whoever a degree was taken under
        taught at the school it was taken at (membership, role teacher). Only in a clause of study or about a
        degree, and only a school by a word of its name: "served under George W. Bush at Commerce" is no such
        tie, nor "played under coach X at Y" (no degree)."""
        v = u.head
        if u.dep_ != "prep" or v.pos_ != "VERB" or v.lemma_.lower() not in lx.STUDY_VERBS:
            return
        objs = [c for c in v.children if c.dep_ == "dobj"]
        if v.lemma_.lower() not in {"study", "train"} and not any(
                o.lower_ in lx.DEGREE_NOUNS or o.lemma_.lower() in lx.DEGREE_NOUNS for o in objs):
            return
        named: list[Token] = []
        for p in u.children:
            if p.dep_ == "pobj" and p.lemma_.lower() in lx.SUPERVISION_NOUNS:
                named += [q for c in p.children if c.dep_ == "prep" and c.lower_ == "of"
                          for q in c.children if q.dep_ == "pobj"]
            elif p.dep_ == "pobj":
                named.append(p)
        teachers = [e for p in named for e in self.people(p)]
        student = set(self.res.clause_subject(v, set()))
        teachers = [e for e in teachers if e not in student]
        school = self.school([v, *objs, *named])
        if school is None:
            return
        for t in teachers:
            self.found.emit(t, "membership", school, "teacher", u.i, "teacher", self.res.negated(v))

    def do_teachers(self, n: Token) -> None:
        """ "He studied music at the Paris Conservatoire, where his teachers included A and B", "His teachers at
        the Juilliard School were A and B": the teachers named taught at that school."""
        v = n.head
        if n.dep_ != "nsubj" or v.lemma_.lower() not in {"include", "be"} or n.tag_ != "NNS":
            return
        school = self.school([n])
        if school is None and v.dep_ == "relcl" and any(c.lower_ == "where" for c in v.children):
            school = self.school_name(v.head)
        if school is None:
            return
        for t in (e for c in v.children if c.dep_ in {"dobj", "attr"} for e in self.people(c)):
            self.found.emit(t, "membership", school, "teacher", n.i, "teacher", self.res.negated(v))

    def people(self, tok: Token) -> list[str]:
        """The people a name token and its conjuncts name."""
        m = self.res.ent(tok.i)
        if m is None or self.res.root(m).i != tok.i:
            return []
        return [e for e in [m.entity, *self.res.conjuncts(tok)] if self.res.etype(e) == PERSON]

    def school(self, heads: list[Token]) -> str | None:
        """The school named "at"/"from" on one of ``heads``."""
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in {"at", "from"}:
                    for p in c.children:
                        if p.dep_ == "pobj" and (s := self.school_name(p)) is not None:
                            return s
        return None

    def school_name(self, tok: Token) -> str | None:
        """The organisation ``tok`` names when a word of its name marks a place of learning."""
        m = self.res.ent(tok.i)
        if m is None or m.type != ORG or not any(t.lower_ in lx.SCHOOL_WORDS for t in self.doc[m.start:m.end]):
            return None
        return m.entity

    def do_admitted(self, v: Token) -> None:
        """ "Angell was admitted to the skiing club SK Ull", "she was admitted into the Royal Society": a member of
        a club, society, party or the like (by a word of its name or the noun before it); "admitted to Aga Khan
        University Hospital" is a patient, "admitted to the academy" a student."""
        if v.lemma_.lower() != "admit" or not any(c.dep_ == "nsubjpass" for c in v.children):
            return
        for c in v.children:
            if c.dep_ != "prep" or c.lower_ not in {"to", "into"}:
                continue
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                m = self.res.ent(p.i)
                if m is None and p.lemma_.lower() in lx.MEMBER_BODY_WORDS:
                    m = next((self.res.ent(a.i) for a in p.children if a.dep_ in {"appos", "compound"} and a.i > p.i
                              and self.res.ent(a.i) is not None), None)  # "the skiing club SK Ull"
                elif m is not None and not any(t.lower_ in lx.MEMBER_BODY_WORDS for t in self.doc[m.start:m.end]):
                    m = None
                if m is None or m.type != ORG:
                    continue
                for s in self.res.clause_subject(v, {m.entity}):
                    if self.res.etype(s) == PERSON:
                        self.found.emit(s, "membership", m.entity, "member", v.i, "verb", self.res.negated(v))
