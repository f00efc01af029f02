"""Membership stated by naming the body instead of a role (see docs/relations.md, "Bodies named as members").

An organisation's name used as a count noun for a person relates the two without a role title (a person's own
band or party named after it, "with her band, the Miami Sound Machine", is ``own-body`` in ``relations.parts``):

* ``member-noun``: an organisation's name used as a count noun for a person ("Joe Manchin, a Democrat, said",
  "X is a Republican", "fellow Democrat Sidney Yates", "was elected to the Senate as a Republican"). The name
  stands where a person noun would (an apposition, a copula's attribute, the object of "as", or before a
  person's name after "fellow") and carries "a"/"an" or "fellow": "the Democrat" or "Democrat leaders" say
  nothing of membership, and a plain "the BBC" as an apposition is no person.
"""

from __future__ import annotations

from spacy.tokens import Token

from dossier.extract.relations import lexicon as lx
from dossier.extract.relations.candidates import Candidates
from dossier.extract.relations.open_roles import is_role_noun
from dossier.extract.relations.references import ORG, PERSON, PLACE, Mention, ReferenceResolver

# Words that may stand between "a" and the name: "a lifelong Democrat", "a former Conservative".
MEMBER_FILLERS = frozenset("fellow former lifelong staunch registered conservative moderate liberal".split())


class MemberFinder:
    """The construction above, over one chunk."""

    def __init__(self, res: ReferenceResolver, found: Candidates) -> None:
        self.res = res
        self.found = found
        self.doc = res.doc

    def run(self) -> None:
        for m in self.res.mentions:
            if m.type == ORG:
                self.member_noun(m)
            elif m.type == PERSON:
                self.possessed_name(m)

    def possessed_name(self, m: Mention) -> None:
        """ "Chelsea's Frank Lampard", "Apple's Tim Cook", "the Yankees' Aaron Judge": an organisation's possessive
        right before a person's name, with no title between, names one of its people (the parse must make the
        organisation the name's possessor). Not a country's ("Britain's Boris Johnson": a place, no body), nor a
        person's ("Trump's Michael Cohen"), nor the names coordinated after ("Apple's Tim Cook and Donald Trump")."""
        k = m.start - 1
        if k < 1 or self.doc[k].tag_ != "POS":
            return
        om = self.res.ent(k - 1)
        if om is None or om.type != ORG or om.end != k:
            return
        r = self.res.root(om)
        if r.dep_ != "poss" or not m.start <= r.head.i < m.end:
            return
        pr = self.res.root(m)
        if pr.dep_ in {"oprd", "attr", "acomp", "xcomp"}:
            return  # "was named People magazine's Sexiest Man Alive": a title given, read as a name
        if any(c.dep_ == "det" and c.i < om.start for c in pr.children):
            return  # "the WrestleMania Women's Battle Royal": an article on the possessed noun makes it a thing
            # (in "the Toronto Raptors' Sam Mitchell" the article is the team's)
        self.found.emit(m.entity, "membership", om.entity, "member", r.i, "possessive-name", self.res.negated(r))

    def member_noun(self, m: Mention) -> None:
        """ "Joe Manchin, a Democrat", "X is a Republican", "fellow Democrat Sidney Yates"."""
        r = self.res.root(m)
        if r.tag_ != "NNP" or r.i != m.end - 1 or not self.counted(m):
            return
        if any(c.dep_ == "prep" and c.lower_ in {"for", "of", "to"} for c in r.children):
            return  # "a Teachta Dála for Dublin West": a post named like a body ("a Democrat from Ohio" stays)
        holders: list[str] = []
        if r.dep_ == "appos":
            holders = self.res.np_entities(r.head, conj=False)
        elif r.dep_ == "attr" and r.head.lemma_ in lx.COPULAS:
            holders = self.res.clause_subject(r.head, set())
        elif r.dep_ == "pobj" and r.head.lower_ == "as" and r.head.head.pos_ in {"VERB", "AUX"}:
            holders = self.res.complement_holder(r.head.head, set())
        elif r.dep_ in lx.PREMOD_DEPS and self.fellow(m):
            hm = self.res.ent(r.head.i)  # the name it premodifies, right after it ("Sidney Yates" or "Yates")
            holders = [hm.entity] if hm is not None and m.end <= hm.start <= m.end + 1 else []
        if self.doc[m.start - 1].lower_ == "fellow":
            holders += [e for e in self.fellow_of(r) if e not in holders]
        for holder in holders:
            if holder != m.entity and self.res.etype(holder) == PERSON:
                self.found.emit(holder, "membership", m.entity, "member", r.i, "member-noun", self.res.negated(r))

    def fellow_of(self, r: Token) -> list[str]:
        """ "Senator John Smith attacked fellow Republican Mitt Romney", "Finnegan's district was merged with
        that of fellow Democrat Sidney Yates": "fellow" says that the person the clause is about belongs to the
        body too — the subject of the verb the phrase hangs on, or a person possessing a subject that names no
        person ("Finnegan's district"; not "Trump's lawyer", who is the fellow)."""
        t = r
        for _ in range(6):
            if t.pos_ in {"VERB", "AUX"} or t.head is t:
                break
            t = t.head
        if t.pos_ not in {"VERB", "AUX"}:
            return []
        for c in t.children:
            if c.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            cm = self.res.ent(c.i)
            if cm is not None:
                return [cm.entity] if cm.type == PERSON and self.res.root(cm).i == c.i else []
            if c.pos_ == "PRON":
                ref = self.res.refer(c, set())
                return [ref] if ref is not None else []
            if c.pos_ == "NOUN" and c.i not in self.res.titles and not is_role_noun(c):
                return [pm.entity for p in c.children if p.dep_ == "poss" and (pm := self.res.ent(p.i)) is not None
                        and pm.type == PERSON and self.res.root(pm).i == p.i]
        return []

    def counted(self, m: Mention) -> bool:
        """The name is counted like a person noun: "a (lifelong) Democrat", "fellow Democrat"."""
        k = m.start - 1
        r = self.res.root(m)
        while k >= 0 and self.doc[k].lower_ in MEMBER_FILLERS and self.doc[k].lower_ != "fellow":
            k -= 1
        if k >= 1 and self.doc[k].tag_ == "NNP" and self.doc[k].dep_ == "compound" and self.doc[k].head.i == r.i \
                and (cm := self.res.ent(k)) is not None and cm.type not in {PERSON, ORG, PLACE}:
            k -= 1  # "as a Christian Democrat": the entity layer may leave the party's first word apart, as a group
            # (not "as an Assistant Coach": a capitalised title the entity layer took for a body)
        elif k >= 1 and (pm := self.res.ent(k)) is not None and pm.type == PLACE and pm.end == k + 1:
            k = pm.start - 1  # "Ted Cruz, a Texas Republican": a member from a place
        if k >= 0 and self.doc[k].lower_ == "fellow":
            return True
        return k >= 0 and self.doc[k].lower_ in {"a", "an"} and self.doc[k].dep_ == "det"

    def fellow(self, m: Mention) -> bool:
        return m.start > 0 and self.doc[m.start - 1].lower_ == "fellow"
