"""Relations stated by a role title ("spokesman", "brother", "ambassador to Qatar"): who holds the title,
and toward which body (see ``relations`` for the constructions: premodifier, apposition, possessive, copula,
as-complement, list).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from dossier.extract.relations import lexicon as lx
from dossier.extract.relations.candidates import Candidates
from dossier.extract.relations.lexicon import TitleMatch
from dossier.extract.relations.references import ORG, PERSON, PLACE, Mention, ReferenceResolver, one_of

# Words that may stand between "and" and a second title: "the manager and then president of Y".
COORD_FILLERS = frozenset({"then", "later", "also", "now", "eventually", "subsequently", "the", "a", "an"})


class TitleFinder:
    """The title constructions: holders, bodies, qualified roles, lists and offices."""

    def __init__(self, res: ReferenceResolver, found: Candidates) -> None:
        self.res = res
        self.found = found
        self.doc = res.doc

    def destination(self, m: TitleMatch, exclude: set[str]) -> Mention | None:
        """The place after "to"/"in" in "ambassador to Qatar", kept in the role of an occupancy."""
        for c in self.doc[m.head].children:
            if c.dep_ == "prep" and c.lower_ == "to":
                for p in c.children:
                    pm = self.res.ent(p.i)
                    if p.dep_ == "pobj" and pm is not None and pm.type == PLACE and pm.entity not in exclude:
                        return pm
        return None

    def lists_bodies(self, h: Token) -> bool:
        """Whether the names coordinated with a title include an organisation or a place.

        "spokespersons Khalid Qaddoumi and Naji Zaheer" lists the holders; "with members of the rescue team,
        Alpine Guides, The Helicopter Line and Twizel police" coordinates bodies with the title's own object,
        and a name the entity layer mistyped as a person in that list is no member of the first body.
        """
        stack = [c for c in h.children if c.dep_ == "conj"]
        while stack:
            c = stack.pop()
            cm = self.res.ent(c.i)
            if cm is not None and cm.type in {ORG, PLACE}:
                return True
            stack.extend(x for x in c.children if x.dep_ == "conj")
        return False

    def names_bodies(self, tok: Token) -> bool:
        """Whether an apposed name's phrase goes on to name an organisation or a place (a list of bodies)."""
        return any((tm := self.res.ent(t.i)) is not None and tm.type in {ORG, PLACE} for t in tok.subtree)

    def title_holders(self, m: TitleMatch) -> tuple[list[str], str]:
        """Who holds the title, and through which construction (the first construction that yields a holder
        of a type the title allows)."""
        for holders, pattern in self.holder_candidates(m):
            # a "person" named by a title alone ("Deputy Leader" read as a name) holds no title: it is one
            holders = [e for e in holders if self.res.etype(e) in m.sense.subject and not self.found.bare_title(e)]
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
            tm = self.res.ent(t.i)
            if tm is not None:
                if tm.start == m.start and tm.type == PERSON and m.end < tm.end:
                    yield [tm.entity], "premodifier"  # "King Constantine I": the name took its title in
                    break
                if tm.start <= m.start:  # the title is inside the name's span: not a premodifier
                    break
                yield [tm.entity, *(self.res.conjuncts(self.res.root(tm)) if plural else [])], "premodifier"
                break
        # "its commander, Saw Johnny", "Ruritania's envoy to Iran, Lt Gen (Retd) Karl Brenner"
        for c in h.children:
            if c.dep_ == "appos" or (c.dep_ == "conj" and c.lower_.rstrip(".") in self.res.rank_words):
                found = self.res.np_entities(c, conj=plural)
                yield (self.appos_list(found) if plural else found), "apposition"
        # the parser often hangs that apposition on the title's own object: "a spokesman for the HPF, X"
        for c in h.children:
            if c.dep_ == "prep" and c.i > h.i and c.lower_ not in lx.LIST_PREPS:
                for p in c.children:
                    pm = self.res.ent(p.i)
                    if p.dep_ != "pobj" or pm is None or pm.type == PERSON:
                        continue
                    for a in p.children:
                        am = self.res.ent(a.i)
                        if a.dep_ == "appos" and am is not None and am.type == PERSON and not self.names_bodies(a):
                            yield [am.entity], "apposition"
        yield self.clause_holders(h)
        if h.dep_ == "conj" and self.res.ent(h.head.i) is None:
            # "X, the deputy speaker of parliament and a senior member of the Labour Party"
            yield self.clause_holders(h.head)
        # "spokespersons Khalid Qaddoumi and Naji Zaheer": the names hang off the title as conjuncts
        listed = [e for c in h.children if c.dep_ == "conj" and (cm := self.res.ent(c.i)) is not None
                  for e in [cm.entity, *self.res.conjuncts(self.res.root(cm))]]
        yield ([] if self.lists_bodies(h) else listed), "list"
        yield self.res.adjacent_name(h), "apposition"
        if self.res.is_kin(h):
            yield self.colon_list(h), "apposition"
            yield self.fronted_holder(h), "fronted"
            yield self.birth_holders(h), "apposition"

    def colon_list(self, h: Token) -> list[str]:
        """ "the five Rockefeller brothers: John D. Rockefeller III, Nelson, Winthrop and David": a plural kin
        title followed by a colon and a list of names (the parser hangs the list elsewhere)."""
        if h.tag_ not in {"NNS", "NNPS"} or h.i + 2 >= len(self.doc) or self.doc[h.i + 1].text != ":":
            return []
        first = self.res.ent(h.i + 2)
        if first is None or first.type != PERSON:
            return []
        return self.appos_list([first.entity, *self.res.conjuncts(self.res.root(first))])

    def fronted_holder(self, h: Token) -> list[str]:
        """ "The daughter of Mondher Ben Ammar, she was born in Tunis", "Born in Rome, the daughter of actors
        Raf Vallone and Elena Varzi, she made her debut": a kin phrase set before a subject pronoun, with only a
        comma between, describes the pronoun's referent (the parser hangs the phrase anywhere before it)."""
        right = max(t.i for t in h.subtree)
        if right + 2 >= len(self.doc) or self.doc[right + 1].text != "," or h.dep_ in {"pobj", "dobj", "attr"}:
            return []
        pron = self.doc[right + 2]
        if pron.lower_ not in {"he", "she"} or pron.dep_ not in {"nsubj", "nsubjpass"}:
            return []
        t = h
        for _ in range(4):  # through the commas the parser hangs the phrase on, to the pronoun's verb
            if t.head.i == pron.head.i or t.head.pos_ != "PUNCT" or t.head is t:
                break
            t = t.head
        if t.head.i != pron.head.i:
            return []
        ref = self.res.refer(pron, set())
        return [ref] if ref is not None else []

    def birth_holders(self, h: Token) -> list[str]:
        """ "He was born in Cumberland County, Nova Scotia, the son of William Carter": the parser hangs the kin
        apposition on the birthplace, but a place has no parents: the son is whoever was born."""
        if h.dep_ != "appos" or (hm := self.res.ent(h.head.i)) is None or hm.type != PLACE:
            return []
        t = h.head
        for _ in range(6):
            if t.dep_ not in {"pobj", "prep", "conj", "appos", "compound"} or t.head is t:
                break
            t = t.head
        if t.lemma_.lower() not in {"bear", "born"}:
            return []
        return [e for e in self.res.clause_subject(t, set()) if self.res.etype(e) == PERSON]

    def appos_list(self, found: list[str]) -> list[str]:
        """ "her former partners Tom Bell, Ann Carr and Joe Dunn": the parser chains the names of a list after a
        plural title as appositions of each other; every name of the chain (and its conjuncts) is a holder."""
        out = list(found)
        todo = [m for m in self.res.mentions if m.entity in found]
        for _ in range(8):
            if not todo:
                break
            m = todo.pop(0)
            for c in self.res.root(m).children:
                cm = self.res.ent(c.i)
                if c.dep_ == "appos" and cm is not None and cm.type == m.type and cm.entity not in out:
                    out += [cm.entity, *(e for e in self.res.conjuncts(self.res.root(cm)) if e not in out)]
                    todo.append(cm)
        return out

    def clause_holders(self, h: Token) -> tuple[list[str], str]:
        """Holders of a title ``h`` given by the clause around it: apposition to a name, copula, "as" (also
        through "one of": "X, one of the founders of Y")."""
        h = one_of(h)
        if h.dep_ == "appos" and any(c.dep_ == "det" and c.lower_ in {"both", "all"} for c in h.children):
            return self.distributed_holders(h), "apposition"
        if h.dep_ == "appos" and h.tag_ == "NN" and self.res.ent(h.head.i) is not None:
            # "marriages to Zizi Lambrino and Princess Helen of Greece, daughter of King Constantine I": the
            # parser hangs a singular apposition after a coordination on its first member; it is the last one's
            last = h.head
            for _ in range(8):
                nxt = [c for c in last.children if c.dep_ == "conj" and c.i < h.i]
                if not nxt:
                    break
                last = nxt[-1]
            if last.i != h.head.i:
                return ([m.entity] if (m := self.res.ent(last.i)) is not None else []), "apposition"
        if h.dep_ == "appos":
            found = self.res.np_entities(h.head, conj=False)
            if found:
                return found, "apposition"
            if h.head.dep_ == "attr" and h.head.head.lemma_ in lx.COPULAS:
                # "Johnson was an American sociologist, the first black president of Fisk University"
                return self.res.clause_subject(h.head.head, set()), "copula"
        if h.dep_ in {"attr", "acomp"} and h.head.lemma_ in lx.COPULAS:
            return self.res.clause_subject(h.head, set()), "copula"
        if h.dep_ == "nsubj" and h.head.lemma_ == "be":  # "The current president of RBF is Stephen Heintz"
            plural = h.tag_ in {"NNS", "NNPS"}  # "His parents are Andreas and Harula Aliagas"
            found = [e for c in h.head.children if c.dep_ == "attr" for e in self.res.np_entities(c, conj=plural)]
            if found:
                return found, "copula"
        if h.dep_ == "pobj" and h.head.lower_ == "as" and h.head.head.pos_ in {"VERB", "AUX"}:
            # "replacing it with an elected Philippine Senate as the Legislature's upper house", "formed a
            # government with X as prime minister": the "with" object before the "as" holds the role
            found = [e for c in h.head.head.children if c.dep_ == "prep" and c.lower_ == "with" and c.i < h.head.i
                     for p in c.children if p.dep_ == "pobj" for e in self.res.np_entities(p)]
            if found:
                return found, "as-complement"
            return self.res.complement_holder(h.head.head, set()), "as-complement"
        if h.dep_ in {"oprd", "xcomp", "dobj"} and h.head.pos_ == "VERB" and h.head.lemma_.lower() in lx.DESCRIBE:
            if h.dep_ != "dobj" or any(c.dep_ == "nsubjpass" for c in h.head.children):
                return self.res.complement_holder(h.head, set()), "as-complement"
        return [], ""

    def distributed_holders(self, h: Token) -> list[str]:
        """ "a pupil of the artists Cosme San Martín and Juan Mochi, both directors of the museum": the names
        coordinated just before "both"/"all" hold the title, whatever the parser hung it on (here the pupil)."""
        k = h.left_edge.i - 1
        while k >= 0 and self.doc[k].is_punct:
            k -= 1
        m = self.res.ent(k) if k >= 0 else None
        if m is None:
            return []
        first = self.res.root(m)
        while first.dep_ == "conj" and self.res.ent(first.head.i) is not None:
            first = first.head
        fm = self.res.ent(first.i)
        names = [fm.entity, *self.res.conjuncts(first)] if fm is not None else []
        return names if len(names) > 1 or self.res.root(m).dep_ == "conj" else []

    def role_qualifier(self, h: Token, body: str | None) -> str | None:
        """ "head of delegation", "minister of internal security", "emir for southern Turkey": an "of" phrase
        that is not the body, or a "for" phrase naming a region (the post covers part of the body)."""
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "for":
                for p in c.children:
                    pm = self.res.ent(p.i)
                    if p.dep_ == "pobj" and pm is not None and pm.type == PLACE and pm.entity != body:
                        return "for " + self.doc[pm.start:pm.end].text
            if c.dep_ != "prep" or c.lower_ != "of":
                continue
            for p in c.children:
                if p.dep_ != "pobj" or p.i in self.res.titles:
                    continue
                words = [t for t in p.subtree if t.dep_ not in {"det", "punct"}]
                if not words or len(words) > 4 or any(self.res.ent(t.i) for t in words):
                    continue
                if self.res.refer(p, set()) is not None or (body is not None and self.res.body(p, set()) == body):
                    continue
                return "of " + " ".join(t.lower_ for t in sorted(words, key=lambda t: t.i))
        return None

    def do_title(self, m: TitleMatch) -> None:
        h = self.doc[m.head]
        sense = m.sense
        if any(c.dep_ == "amod" and c.lower_ in {"best", "greatest", "worst"} for c in h.children):
            return  # "Eurosport named him the best coach at UEFA Euro 2008": a judgment, not a post
        holders, pattern = self.title_holders(m)
        self.listed_after_principal(m)
        if sense.role in lx.CHILD_TITLES:
            self.parents(h)
        if sense.role == "parent" and h.tag_ in {"NNS", "NNPS"}:
            self.found.parents(holders, h)  # "His parents are Andreas and Harula Aliagas"
        if not holders:
            self.office_seat(m)
            self.unheld_listed_title(m)
            return
        obj = self.res.title_object(m, set(holders))
        role = sense.role
        if obj is None:
            obj = self.inherited_object(h, set(holders))
            if obj is not None:
                pattern = "list"
        if obj is None:
            obj = self.coordinated_object(m, set(holders))
        if obj is None:
            dest = self.destination(m, set(holders))
            if dest is not None and sense.predicate_for(PLACE) == "occupancy":
                obj = (dest.entity, "destination")
                role = f"{role} to {self.res.ctx.entity_name.get(dest.entity, self.doc[dest.start:dest.end].text)}"
        if obj is not None and sense.predicate_for(self.res.etype(obj[0])) is None:
            # "the Labour candidate for Bristol": the "for" place is no body of a candidate, the premodifier is
            other = self.res.title_object(m, set(holders) | {obj[0]})
            if other is not None and sense.predicate_for(self.res.etype(other[0])) is not None:
                obj = other
            elif pattern == "premodifier" or self.res.is_kin(h):
                obj = None  # "Mueller and Juventus midfielder Rabiot": a name the title cannot relate to; "the
                # Rockefeller brothers: A, B and C": a family name, not a parent (the brothers are siblings)
        if obj is not None and self.res.is_kin(h) and h.tag_ == "NNS" and self._family_name(obj[0], holders):
            obj = None  # "the five Rockefeller brothers: John D. Rockefeller III, …": their family name, a person's
        if obj is None and pattern == "premodifier" and m.start > 0:
            # "Juventus midfielder Adrien Rabiot": the parser may hang the organisation elsewhere, but a name
            # just before a title that stands before its holder's name is the title's body
            om = self.res.ent(m.start - 1)
            if om is not None and om.type == ORG and om.entity not in holders:
                obj = (om.entity, "premodifier")
        if obj is None and pattern == "premodifier":
            obj = self.name_of(holders[0])
            if obj is not None and (sense.predicate_for(self.res.etype(obj[0])) or "").rstrip("?") not in {
                    "occupancy", "leadership"}:
                obj = None  # "Senator X of the Liberal Party" is the party's member (``of-organisation``)
        if obj is None and (after := self.res.ent(m.end)) is not None and after.entity in holders \
                and self.body_title(m):
            obj = self.listed_title_body(m)
            if obj is not None:
                pattern = "shared-premodifier"
            else:
                obj = self.appointing_body(m, holders)
                if obj is not None:
                    pattern = "appointed"
        if obj is None:
            self.kin_group(m, holders)
            if sense.role in lx.CHILD_TITLES:
                for parent in self.had_children(h, holders):
                    for holder in holders:
                        self.found.emit_role(sense, role, holder, parent, h, "had-children")
            return
        entity, how = obj
        if how == "possessive" and pattern in {"premodifier", "list"}:
            pattern = "possessive"
        otype = self.res.etype(entity)
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
            predicate = predicate[:-1] if self.res.public_body(entity) else "membership"
        if otype == PLACE and sense.role in lx.BARE_PLACE_TITLES and not self.bare_country_title(m, entity, how):
            return  # "Syrian rebel leader X": a leader from the country, not its leader
        if predicate == "representation" and otype == ORG and how in {"premodifier", "at"}:
            predicate = "membership"  # "a CAD lawyer", "a lawyer at Harwell & Pike": the organisation employs them
        if predicate == "associate" and otype == ORG and how == "at" and self.res.etype(holders[0]) == PERSON:
            predicate = "membership"  # "Bohigian was a partner at Jefferson Partners": a partner in the firm
        dest = self.destination(m, set(holders) | {entity})
        if dest is not None and predicate == "occupancy" and how != "destination":
            role = f"{role} to {self.res.ctx.entity_name.get(dest.entity, self.doc[dest.start:dest.end].text)}"
        for holder in holders:
            self.found.emit_role(sense, role, holder, entity, h, pattern, predicate)
        if how != "premodifier":
            self.premodifier_body(m, role, holders, entity)
        if sense.role in lx.CHILD_TITLES and predicate == "family":
            for parent in self.other_parents(h, entity):
                for holder in holders:
                    if holder != parent:
                        self.found.emit_role(sense, role, holder, parent, h, pattern, predicate)
        if how == "prep" and otype == ORG:
            # "a former member of the Belgian Federal Parliament and the political party Vlaams Belang"
            bodies = [e for b in self.res.mentions if b.entity == entity
                      and h.i < b.start and self.res.root(b).dep_ == "pobj"
                      for e in self.res.conjuncts(self.res.root(b)) if self.res.etype(e) == ORG]
            # the parser often coordinates the second body with the title itself: "member of the European
            # Parliament and the Labour Party" (a conjunct that is a name, not another title)
            bodies += [cm.entity for c in h.children if c.dep_ == "conj" and c.i > h.i and c.i not in self.res.titles
                       and (cm := self.res.ent(c.i)) is not None and cm.type == ORG
                       and self.res.root(cm).i == c.i]
            for body in dict.fromkeys(bodies):
                for holder in holders:
                    if body != holder:
                        self.found.emit_role(sense, role, holder, body, h, pattern, predicate)
        if sense.predicate_for(ORG) == "part_of":
            for place in self.premodifier_places(m):
                for holder in holders:
                    if self.res.etype(holder) == ORG:
                        self.found.emit(holder, "located_in", place, None, h.i, "premodifier-place")

    def premodifier_body(self, m: TitleMatch, role: str | None, holders: list[str], found: str) -> None:
        """ "Lindsey Graham, a Republican senator from South Carolina": a title whose body came from its "of/from/
        for" phrase (or a possessor) keeps the organisation premodifying it as a second body (the party)."""
        h = self.doc[m.head]
        if not h.text.islower():
            return  # "the U.S. Representative for Maryland", "the State Attorney for …": one capitalised title
        for c in h.children:
            cm = self.res.ent(c.i)
            if c.i >= m.start or c.dep_ not in lx.PREMOD_DEPS or cm is None or cm.type != ORG \
                    or cm.entity == found or cm.entity in holders or self.res.root(cm).i != c.i:
                continue
            predicate = (m.sense.predicate_for(ORG) or "").rstrip("?")
            if m.sense.predicate_for(ORG) == "occupancy?" and not self.res.public_body(cm.entity):
                predicate = "membership"
            if predicate in {"", "family", "part_of", "associate"}:
                continue
            if predicate == "representation":
                predicate = "membership"  # "a CAD lawyer": the organisation employs them
            for holder in holders:
                self.found.emit_role(m.sense, role, holder, cm.entity, h, "premodifier", predicate)

    def bare_country_title(self, m: TitleMatch, place: str, how: str) -> bool:
        """The place before the title (its adjective, its name or its possessive) is the title's only qualifier:
        "Soviet leader", "Iran's supreme leader", not "Syrian rebel leader" or "the Afghan opposition leader"."""
        if how not in {"premodifier", "possessive"}:
            return False
        before = [b for b in self.res.mentions if b.entity == place and b.end <= m.start]
        if not before:
            return False
        end = max(b.end for b in before)
        return all(self.doc[i].lower_ in lx.BARE_TITLE_FILLERS for i in range(end, m.start))

    def name_of(self, holder: str) -> tuple[str, str] | None:
        """ "King Constantine I of Greece", "President Ali Bongo of Gabon": a title before a name whose own "of"
        phrase (right after the name) names the country or organisation the title heads or holds office in."""
        for hm in self.res.mentions:
            if hm.entity != holder or hm.end >= len(self.doc) or self.doc[hm.end].lower_ != "of":
                continue
            if self.doc[hm.end].head.i not in range(hm.start, hm.end):
                continue
            for p in self.doc[hm.end].children:
                pm = self.res.ent(p.i)
                if p.dep_ == "pobj" and pm is not None and pm.type in {ORG, PLACE} and pm.entity != holder:
                    return pm.entity, "prep"
        return None

    def parents(self, h: Token) -> None:
        """ "the son of William Carter and Elizabeth Reed": the two people a child is "of" are its parents."""
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        self.found.parents(self.res.np_entities(p), h)

    def had_children(self, h: Token, holders: list[str]) -> list[str]:
        """ "He had two sons, Daniel and Piers", "Beatrice Dugand, with whom he had four children, A, B …": the
        subject of "have" whose object is the child title (and the person it was had "with") is the parent."""
        v = h.head
        if h.dep_ != "dobj" or v.lemma_.lower() != "have":
            return []
        out = self.res.clause_subject(v, set(holders))
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    if p.lower_ in {"whom", "who"} and v.dep_ == "relcl":  # "X, with whom he had …"
                        out += self.res.np_entities(v.head, conj=False) or self.res.described(v.head)
                    else:
                        out += self.res.np_entities(p)
        return [e for e in dict.fromkeys(out) if e not in holders and self.res.etype(e) == PERSON]

    def other_parents(self, h: Token, parent: str) -> list[str]:
        """ "the son of William Carter and Elizabeth Reed", "the son of Johan Angell and his wife Marie": the
        other people a child is "of" (a conjunct of the first, or the first one's spouse coordinated with the
        child's title), who are its parents too."""
        out: list[str] = []
        spans = [h, *(t for m in self.res.mentions if m.entity == parent and m.start > h.i
                      for t in self.doc[m.start:m.end])][:12]  # the parser may hang the wife on the name
        for c in (c for t in spans for c in t.children):
            if c.dep_ == "prep" and c.lower_ == "of" and c.head.i == h.i:
                out += [e for p in c.children if p.dep_ == "pobj" for e in self.res.np_entities(p)]
            title = self.res.titles.get(c.i)
            if c.dep_ == "conj" and title is not None and title.sense.role in lx.SPOUSE_TITLES \
                    and any(p.dep_ == "poss" and p.lower_ in lx.PERSON_PRONOUNS for p in c.children):
                out += [e for a in c.children if a.dep_ == "appos" for e in self.res.np_entities(a, conj=False)]
        return [e for e in dict.fromkeys(out) if e != parent and self.res.etype(e) == PERSON]

    def _family_name(self, entity: str, holders: list[str]) -> bool:
        """A one-word name that is a word of a holder's own name after the first: the family the kin title names
        ("the Rockefeller brothers"), not a relative of theirs."""
        name = self.res.ctx.entity_name.get(entity, "")
        return len(name.split()) == 1 and any(
            name in self.res.ctx.entity_name.get(x, "").split()[1:] for x in holders if x != entity)

    def kin_group(self, m: TitleMatch, holders: list[str]) -> None:
        """ "the twin brothers Jonathan Scott and Drew Scott", "their sons A and B": a plural sibling title over
        several names whose parent the text leaves unnamed still makes the names siblings of each other."""
        if m.sense.role not in lx.SIBLING_TITLES or self.doc[m.head].tag_ not in {"NNS", "NNPS"}:
            return
        people = [e for e in holders if self.res.etype(e) == PERSON]
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                self.found.emit(a, "family", b, "sibling", m.head, "kin-list", self.res.negated(self.doc[m.head]))

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
                pm = self.res.ent(p.i)
                if p.dep_ != "pobj" or pm is None or pm.end >= len(self.doc) or self.doc[pm.end].text != ",":
                    continue
                names = [e for e in self.res.conjuncts(self.res.root(pm)) if self.res.etype(e) == PERSON]
                for holder in names:
                    self.found.emit_role(m.sense, m.sense.role, holder, pm.entity, h, "list")

    def coordinated_object(self, m: TitleMatch, exclude: set[str]) -> tuple[str, str] | None:
        """ "the founder and chairman of Acme", "the manager and then president of Platense": a title with no
        body of its own, coordinated with a title that has one, shares it (read on the tokens: the parser hangs
        the "of" phrase on either title, or the second title on the verb)."""
        doc = self.doc
        by_start = {t.start: t for t in self.res.titles.values()}
        by_end = {t.end: t for t in self.res.titles.values()}
        k = m.end
        if k < len(doc) and doc[k].lower_ == "and":
            k += 1
            while k < len(doc) and doc[k].lower_ in COORD_FILLERS:
                k += 1
            other = by_start.get(k)
            if other is not None and other.head != m.head:
                return self.shared_body(other, exclude)
        k = m.start - 1
        while k >= 0 and doc[k].lower_ in COORD_FILLERS:
            k -= 1
        if k > 0 and doc[k].lower_ == "and" and (other := by_end.get(k)) is not None and other.head != m.head:
            return self.shared_body(other, exclude)
        return None

    def body_title(self, m: TitleMatch) -> bool:
        """A title that names a post in an organisation and no office of state: "chief executive", "deputy
        leader", "spokesman", not "president" or "prime minister" (which a country holds as well), nor "lawyer"
        (of a client), nor a capitalised one ("President Donald Trump" is nobody's post in a company named
        before)."""
        if m.sense.predicate_for(PLACE) is not None or m.sense.predicate_for(PERSON) is not None:
            return False
        if (m.sense.predicate_for(ORG) or "").rstrip("?") not in {"membership", "leadership", "occupancy"}:
            return False
        return all(t.text.islower() for t in self.doc[m.start:m.end])

    def listed_title_body(self, m: TitleMatch) -> tuple[str, str] | None:
        """ "Eskom chairperson Ben Ngubane and chief executive Brian Molefe", "Apple CEO Tim Cook, finance chief
        Luca Maestri and ...": a title with no body of its own, right after "and" or a comma that follows a
        person's name whose own title before it took an organisation as its premodifier or possessor, shares
        that organisation (read on the tokens: the parser hangs such a list anywhere). Only a title of a post in
        a body (``body_title``): "Chelsea manager X and referee Y" relates no referee, nor "Apple CEO X and
        President Y"."""
        doc = self.doc
        k = m.start - 1
        while k >= 0 and doc[k].text.islower() and doc[k].dep_ in lx.PREMOD_DEPS and doc[k].head.i == m.head:
            k -= 1  # "chief financial officer": the lexicon matched "officer"
        if k < 1 or doc[k].lower_ not in {"and", ","}:
            return None
        if doc[k].lower_ == "and" and doc[k - 1].text == ",":
            k -= 1
        prev = self.res.ent(k - 1)
        if prev is None or prev.type != PERSON or prev.end != k:
            return None
        other = next((t for t in self.res.titles.values() if t.end == prev.start), None)
        if other is None:
            return None
        for c in self.found.out.values():
            if c.subject == prev.entity and c.anchor == other.head and not c.negated \
                    and c.pattern in {"premodifier", "possessive", "shared-premodifier", "appointed"} \
                    and c.predicate in {"membership", "leadership", "occupancy"} and self.res.etype(c.object) == ORG:
                return c.object, "premodifier"
        return None

    def unheld_listed_title(self, m: TitleMatch) -> None:
        """ "Eskom chairperson Ben Ngubane and chief executive Brian Molefe": the parser may coordinate the second
        title with the first name, so that no construction finds the name after it its holder; a person's name
        right after such a title holds it when ``listed_title_body`` finds the body."""
        after = self.res.ent(m.end)
        if after is None or after.type != PERSON or self.found.bare_title(after.entity) or not self.body_title(m):
            return
        obj = self.listed_title_body(m)
        if obj is not None:
            self.found.emit_role(m.sense, m.sense.role, after.entity, obj[0], self.doc[m.head], "shared-premodifier",
                                 (m.sense.predicate_for(ORG) or "").rstrip("?").replace("occupancy", "membership"))

    def appointing_body(self, m: TitleMatch, holders: list[str]) -> tuple[str, str] | None:
        """ "ANC chose deputy leader Kgalema Motlanthe", "the club sacked manager X": a title with no body of its
        own before the name that is the object of a verb of appointing, hiring or dismissing (``APPOINT_VERBS``)
        whose subject is an organisation names that organisation's post. Not any verb ("the army killed
        commander X" says nothing of whose commander), and only a post in a body (``body_title``)."""
        name = self.res.ent(m.end)
        if name is None:
            return None
        t = self.res.root(name)
        if t.dep_ != "dobj" or t.head.pos_ != "VERB" or t.head.lemma_.lower() not in lx.APPOINT_VERBS:
            return None
        for c in t.head.children:
            if c.dep_ == "nsubj":
                body = self.res.body(c, set(holders))
                if body is not None and self.res.etype(body) == ORG:
                    return body, "premodifier"
        return None

    def shared_body(self, other: TitleMatch, exclude: set[str]) -> tuple[str, str] | None:
        """The body of a coordinated title when an "of/for/at" phrase names it; a premodifier or a possessor
        is not shared ("a Canadian lawyer and judge" holds no post of Canada)."""
        got = self.res.title_object(other, exclude)
        return got if got is not None and got[1] in {"prep", "at"} else None

    def inherited_object(self, h: Token, exclude: set[str]) -> tuple[str, str] | None:
        """ "leaders from Hamas, including spokespersons A and B": a listed title takes its list's body."""
        if h.dep_ == "pobj" and h.head.lower_ in lx.LIST_PREPS:
            outer = h.head.head
            if outer.i in self.res.titles:
                return self.res.title_object(self.res.titles[outer.i], exclude)
        return None

    def premodifier_places(self, m: TitleMatch) -> list[str]:
        out = []
        for c in self.doc[m.head].children:
            cm = self.res.ent(c.i)
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
        obj = self.res.title_object(m, set(places))
        if obj is not None and self.res.etype(obj[0]) == ORG:
            for place in places:
                self.found.emit(obj[0], "located_in", place, None, h.i, "office")

    def do_list(self, m: TitleMatch) -> None:
        """ "leaders from Hamas, including spokespersons A and B, as well as C and D": C and D are members."""
        h = self.doc[m.head]
        if h.tag_ not in {"NNS", "NNPS"}:
            return
        obj = self.res.title_object(m, set())
        if obj is None or self.res.etype(obj[0]) != ORG:
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
                    im = self.res.ent(item.i)
                    if im is None or im.entity in seen or im.type != PERSON or self.res.has_title(im):
                        continue
                    seen.add(im.entity)
                    if any(k for k in self.found.out if k[0] == im.entity and k[2] == obj[0]):
                        continue
                    self.found.emit(im.entity, "membership", obj[0], "member", h.i, "list", self.res.negated(h))
