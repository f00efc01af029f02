"""Where organisations and places are (located_in: "the Quetta-based X", "Gao, Mali", "an armed movement
with offices in Tehran"), what they are part of (part_of: "the Treasury's Office of Sanctions"), and
"Senator X of the Liberal Party" (membership).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from dossier.extract.relations import lexicon as lx
from dossier.extract.relations.candidates import Candidates
from dossier.extract.relations.open_roles import is_role_noun
from dossier.extract.relations.place_chains import admin1_countries
from dossier.extract.relations.references import ORG, PERSON, PLACE, Mention, ReferenceResolver
from dossier.model.names import name_key
from dossier.model.reference import lookup_place

# A vessel is flagged, not located, in the country its adjective names.
VESSEL_NOUNS = frozenset("ship vessel liner tanker freighter warship frigate destroyer yacht ferry".split())
# A regnal number ending a person's name: "Gustav III", "Constantine I".
REGNAL = re.compile(r"[IVX]{1,5}")
# Posts of the press that the role lexicon does not hold (they state no relation by themselves).
POST_WORDS = frozenset("correspondent editor reporter columnist anchor presenter spokesman spokeswoman".split())
# What a name before a noun may qualify without being it: "the European Parliament election in Sweden".
EVENT_NOUNS = frozenset("election elections vote referendum poll polls campaign race summit".split())


class PlaceFinder:
    """The constructions around an organisation or place name, and "X of <organisation>"."""

    def __init__(self, res: ReferenceResolver, found: Candidates) -> None:
        self.res = res
        self.found = found
        self.doc = res.doc

    def do_person_of(self, m: Mention) -> None:
        """ "Senator Ana Lucía Torres of the Liberal Party" → membership."""
        r = self.res.root(m)
        # "Anahí and Dulce María of the pop group RBD": the names coordinated before the one "of" hangs on
        people = [m.entity]
        if r.dep_ == "conj" and (hm := self.res.ent(r.head.i)) is not None and hm.type == PERSON:
            people.append(hm.entity)
        for c in r.children:
            if c.dep_ == "prep" and c.lower_ in {"of", "from"}:
                opener = c.left_edge.i - 1
                if opener > m.end and self.doc[opener].text in {"(", ","}:
                    # "Jocelyn Brown and Leroy Burgess (formerly of Black Ivory)": set off by a bracket or a
                    # comma, the phrase is about the name right before it only (the parse hangs it on the first)
                    near = self.res.ent(opener - 1)
                    if near is None or near.type != PERSON or near.end != opener:
                        continue
                    people = [near.entity]
                role = "former member" if any(a.dep_ == "advmod" and a.lower_ in {"formerly", "previously"}
                                              for a in c.children) else "member"
                for p in c.children:
                    pm = self.res.ent(p.i)
                    if p.dep_ == "pobj" and pm is None and p.lemma_.lower() in lx.ORG_NOUNS | {"band", "team"}:
                        pm = next((self.res.ent(g.i) for g in p.children if g.dep_ in {"appos", "compound"}
                                   and g.i > p.i and self.res.ent(g.i) is not None), None)  # "the group RBD"
                    if p.dep_ == "pobj" and pm is not None and pm.type == ORG:
                        for person in people:
                            if not any(k[0] == person and k[2] == pm.entity for k in self.found.out):
                                self.found.emit(person, "membership", pm.entity, role, c.i, "of-organisation",
                                          self.res.negated(c))
                    if (p.dep_ == "pobj" and pm is not None and pm.type == PLACE and c.i == m.end
                            and REGNAL.fullmatch(self.doc[m.end - 1].text) and m.end - m.start >= 2
                            and not any(k[0] == m.entity and k[2] == pm.entity for k in self.found.out)):
                        # "Gustav III of Sweden", "Constantine I of Greece": a regnal number and the realm after
                        # it name the monarch of that country
                        self.found.emit(m.entity, "occupancy", pm.entity, "monarch", c.i, "regnal")

    def do_based(self, tok: Token) -> None:
        """ "a Lahore-based group", "an armed faction based in Kirkuk", "the Geneva-based Fund"."""
        places: list[str] = []
        for c in tok.children:
            cm = self.res.ent(c.i)
            if c.dep_ in {"npadvmod", "compound", "nmod"} and cm is not None and cm.type == PLACE:
                places.append(cm.entity)
            if c.dep_ == "prep" and c.lower_ == "in":
                for p in c.children:
                    if p.dep_ == "pobj":
                        places.extend(e for e in self.res.np_entities(p) if self.res.etype(e) == PLACE)
        if not places and tok.i >= 2 and self.doc[tok.i - 1].text == "-":
            pm = self.res.ent(tok.i - 2)
            if pm is not None and pm.type == PLACE:
                places.append(pm.entity)
        if not places:
            return
        n = tok.head
        for org in self.described_orgs(n):
            for place in places:
                self.found.emit(org, "located_in", place, None, tok.i, "based")

    def described_orgs(self, n: Token) -> list[str]:
        """The organisation a descriptive noun phrase is about: itself, its apposition or its anchor."""
        m = self.res.ent(n.i)
        if m is not None:
            return [m.entity] if m.type == ORG else []
        if n.dep_ == "appos":
            hm = self.res.ent(n.head.i)
            if hm is not None and hm.type == ORG:
                return [hm.entity]
        for c in n.children:
            cm = self.res.ent(c.i)
            if c.dep_ == "appos" and cm is not None and cm.type == ORG:
                return [cm.entity]
        nxt = self.res.ent(n.i + 1) if n.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.start == n.i + 1 and nxt.type == ORG and n.pos_ == "NOUN":
            return [nxt.entity]  # "the Doha-based broadcaster Al Jazeera": the name right after its noun
        return []

    def do_org_places(self, m: Mention) -> None:
        """located_in / part_of around an organisation or place name."""
        r = self.res.root(m)
        for c in r.children:
            cm = self.res.ent(c.i)
            # "Ghana's Ministry of Finance", "Lahore's Gulberg district", "the Treasury's Office of Sanctions"
            if c.dep_ == "poss" and cm is None:  # "the Treasury Department's X" (Department outside the name)
                for g in c.children:
                    if g.dep_ in lx.PREMOD_DEPS and self.res.ent(g.i) is not None:
                        cm = self.res.ent(g.i)
            if c.dep_ == "poss" and cm is not None and cm.entity != m.entity:
                if cm.type == PLACE and m.type in {ORG, PLACE}:
                    self.found.emit(m.entity, "located_in", cm.entity, None, r.i, "possessive-place")
                elif cm.type == ORG and m.type == ORG and not self.names_a_post(m):
                    self.found.emit(m.entity, "part_of", cm.entity, None, r.i, "possessive")
            # "Gao, Mali", "Kandahar, Afghanistan's second city"
            if m.type == PLACE and c.dep_ in {"appos", "conj"} and c.i > r.i:
                if cm is not None and cm.type == PLACE and self.place_pair(m, cm, c):
                    self.found.emit(m.entity, "located_in", cm.entity, None, r.i, "place-comma")
                elif cm is None and c.dep_ == "appos" and c.lemma_.lower() in lx.GEO_NOUNS | {"capital"} \
                        and self.doc[m.end].text == ",":
                    for g in c.children:
                        gm = self.res.ent(g.i)
                        if g.dep_ == "poss" and gm is not None and gm.type == PLACE and gm.entity != m.entity:
                            self.found.emit(m.entity, "located_in", gm.entity, None, r.i, "place-comma")
            if m.type == ORG and c.dep_ == "appos" and cm is None:
                self.in_place(m, c, "in-place")
        if m.type == ORG:
            last = self.res.ctx.entity_name.get(m.entity, "").lower().split()[-1:]
            if r.dep_ in {"nsubj", "nsubjpass", "dobj", "appos", "ROOT"} or set(last) & lx.SEAT_NAMES:
                # "The US Embassy in Nairobi said" (not "met leaders of the ANC in Durban": where they met)
                self.in_place(m, r, "in-place")
            if r.dep_ == "compound" and r.head.i > r.i and self.res.ent(r.head.i) is None \
                    and r.head.i not in self.res.titles and self.names_its_noun(m, r.head):
                # "the Al-Noor exchange in Mosul", "the Madrid club Real Atlético"
                self.in_place(m, r.head, "in-place")
            for c in r.children:
                if c.dep_ == "compound" and c.i < m.start and self.res.ent(c.i) is None \
                        and c.lemma_.lower() not in VESSEL_NOUNS:  # "the German cruise liner MS Columbus"
                    for g in c.children:
                        gm = self.res.ent(g.i)
                        if g.dep_ in lx.PREMOD_DEPS and gm is not None and gm.type == PLACE:
                            self.found.emit(m.entity, "located_in", gm.entity, None, r.i, "premodifier-place")
        if m.type == PLACE and r.dep_ == "compound" and r.head.lemma_.lower() in lx.GEO_NOUNS:
            # "Mali's Gao region"
            for c in r.head.children:
                cm = self.res.ent(c.i)
                if c.dep_ == "poss" and cm is not None and cm.type == PLACE and cm.entity != m.entity:
                    self.found.emit(m.entity, "located_in", cm.entity, None, r.i, "possessive-place")

    def names_a_post(self, m: Mention) -> bool:
        """ "CNN's Faith and Values Correspondent": a name ending in a role title is a post, not a unit."""
        words = self.res.ctx.entity_name.get(m.entity, "").lower().split()
        if not words:
            return False
        return words[-1] in POST_WORDS or any(s.words == (words[-1],) and PERSON in s.subject
                                              for s in lx.lexicon().titles.get(words[-1], ()))

    def names_its_noun(self, m: Mention, head: Token) -> bool:
        """Whether "<name> <noun>" names the noun's referent as the organisation ("the Al-Noor exchange"), not
        something else the name only qualifies: "the National Public Radio member station" (a member of it), "the
        European Parliament election" (an event), "a Rustbelt town" (a place), "the Siemens engineer" (a person)."""
        if head.i != m.end:  # another word between: "the NPR member station", "the 1995 EP election campaign"
            return False
        # nor a person the name employs: "the German Siemens engineer in Berlin" (where the engineer is)
        return head.lemma_.lower() not in lx.GEO_NOUNS | EVENT_NOUNS and not is_role_noun(head)

    def place_pair(self, m: Mention, cm: Mention, c: Token) -> bool:
        """ "Gao, Mali" (a place and the larger place it lies in), not a list "Lahore, Karachi and Quetta"."""
        if cm.start != m.end + 1 or self.doc[m.end].text != ",":
            return False
        if any(x.dep_ in {"conj", "cc"} for x in c.children):
            return False
        if c.dep_ == "conj" and sum(1 for x in self.res.root(m).children if x.dep_ in {"conj", "cc"}) > 1:
            return False
        if self.res.root(m).dep_ == "conj" and self.doc[self.res.root(m).head.i + 1].text == ",":
            return False  # "Manaus, Santarém, Macapá, Belém": a member of a list of three or more is in none
        if cm.end < len(self.doc) and self.doc[cm.end].lower_ in {"and", "or"}:
            return False
        inner = lookup_place(self.res.ctx.entity_name.get(m.entity, ""), allow_common_words=True)
        outer = lookup_place(self.res.ctx.entity_name.get(cm.entity, ""), allow_common_words=True)
        if inner is None or outer is None:
            return True
        if inner.kind == "city" and outer.country != inner.country and inner.country in admin1_countries().get(
                name_key(self.res.ctx.entity_name.get(cm.entity, "")), ()):
            return True  # "Fredericton, New Brunswick": the province, not the namesake town in New Jersey
        if inner.country and outer.country and inner.country != outer.country:
            return False
        rank = {"city": 0, "region": 1, "country": 2}
        return (rank[outer.kind], outer.population) > (rank[inner.kind], inner.population)

    def in_place(self, m: Mention, n: Token, pattern: str) -> None:
        """ "Volta Cocoa Ltd, a processor in Tema", "an armed movement with offices in Tehran"."""
        for c in n.children:
            if c.dep_ != "prep":
                continue
            if c.lower_ == "in":
                for p in c.children:
                    pm = self.res.ent(p.i)
                    if p.dep_ == "pobj" and pm is not None and pm.type == PLACE:
                        for e in [pm.entity, *self.res.conjuncts(self.res.root(pm))]:
                            if self.res.etype(e) == PLACE:
                                self.found.emit(m.entity, "located_in", e, None, c.i, pattern)
            elif c.lower_ == "with" and n.i != self.res.root(m).i:
                for p in c.children:
                    if p.dep_ == "pobj" and (p.lower_ in lx.SEAT_NOUNS):
                        self.in_place(m, p, "office")
