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

from dossier.extract.relations import lexicon as lx
from dossier.extract.relations.candidates import Candidates
from dossier.extract.relations.references import ORG, PERSON, Mention, ReferenceResolver

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
        for holder in holders:
            if holder != m.entity and self.res.etype(holder) == PERSON:
                self.found.emit(holder, "membership", m.entity, "member", r.i, "member-noun", self.res.negated(r))

    def counted(self, m: Mention) -> bool:
        """The name is counted like a person noun: "a (lifelong) Democrat", "fellow Democrat"."""
        k = m.start - 1
        while k >= 0 and self.doc[k].lower_ in MEMBER_FILLERS and self.doc[k].lower_ != "fellow":
            k -= 1
        if k >= 0 and self.doc[k].lower_ == "fellow":
            return True
        return k >= 0 and self.doc[k].lower_ in {"a", "an"} and self.doc[k].dep_ == "det"

    def fellow(self, m: Mention) -> bool:
        return m.start > 0 and self.doc[m.start - 1].lower_ == "fellow"
