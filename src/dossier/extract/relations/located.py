"""Where a place or organisation lies, as encyclopaedic and news prose states it (located_in).

Three constructions, each bounded by one sentence, used by ``relations`` through composition (the finder hands
over its ``ReferenceResolver``):

``place-chain``   "in Huangpi, Wuhan, Hubei, China", "Angleton, Texas (United States)": each place of a chain of
                  places joined by commas lies in the next (not a list: "Lahore, Karachi and Quetta" is one);
``described-in``  "Zabiele is a village in the district of Gmina Wielbark", "X, a town of the Metropolitan City
                  of Bari", "Angleton High School is a school located in Angleton", "a church in Hamadan";
``closure``       what lies in a place lies in what that place lies in, when one sentence states both steps
                  (and once more after the learned second source has added its ties: ``close_again``); the chains,
                  their closure, ``alias`` and ``part-named`` are read by ``relations.place_chains``;
``office``        "Hezbollah's headquarters in Beirut", "its offices in Istanbul", "moved its headquarters to X";
``home-to``       "Minneapolis is home to the University of Minnesota";
``described-as``, ``premodifier-place``
                  "X is a Japanese company", "the Afghan capital, Kabul" (``relations.described``).

A *place* here is an entity typed as a place, an organisation whose name ends in an administrative word
("Warmian-Masurian Voivodeship", "Szczytno County") or opens with one and "of" ("the Comarca of Anoia"), or a
name of another type the text calls a unit of land ("the Lazio region", "the municipality of Assesse"); the
subject of ``described-in`` may also be an organisation ("a school in Ojai"). When the gazetteer knows both places
of a pair, the outer one must be the larger and in the same country (a first-level division of the inner town's
own country counts even where the gazetteer's entry for the name is a namesake abroad).
"""

from __future__ import annotations

from spacy.tokens import Token

from dossier.extract.relations import lexicon as lx
from dossier.extract.relations.candidates import Candidates
from dossier.extract.relations.described import DescribedFinder
from dossier.extract.relations.place_chains import (
    ANCHOR_PREPS,
    ChainReading,
    admin1_countries,
)
from dossier.extract.relations.place_words import (
    ADMIN_NAME_WORDS,
    BODY_WORDS,
    CONTAIN_VERBS,
    DIRECTION_WORDS,
    FEATURE_NOUNS,
    FROM_NOUNS,
    IN_PREPS,
    LEGISLATOR_TITLES,
    LOCATE_VERBS,
    MOVE_VERBS,
    NEXT_HEADS,
    ORG_KIND_NOUNS,
    PART_NOUNS,
    PLACE_NOUNS,
    REGION_UNITS,
    ROAD_WORDS,
    SEAT_WORDS,
    SITE_NAMES,
    TOWN_UNITS,
    TRADE_NOUNS,
    UNIT_NOUNS,
    UNSITED_NAME_WORDS,
)
from dossier.extract.relations.references import ORG, PERSON, PLACE, Mention, ReferenceResolver
from dossier.model.names import name_key
from dossier.model.reference import Place, exact_place


class LocatedFinder(ChainReading):
    """located_in in one chunk: chains of places, descriptions "in" a place, and their closure per sentence."""

    def __init__(self, res: ReferenceResolver, found: Candidates) -> None:
        self.res = res
        self.found = found
        self.doc = res.doc
        self.described = DescribedFinder(res, found, self.larger, self.known)
        self.nears: list[tuple[str, str, Token]] = []  # (subject, the place it is near, "near"): see near

    # -------------------------------------------------------------- what counts as a place
    def is_place(self, m: Mention) -> bool:
        tokens = self.doc[m.start:m.end]
        if any(t.like_num for t in tokens) and not (len(tokens) >= 2 and tokens[-2].lower_ in ROAD_WORDS):
            return False  # "October 3, 1981" typed as a place; not "State Route 52"
        if m.type == PLACE:
            return True
        words = self.res.ctx.entity_name.get(m.entity, "").lower().split()
        if m.type == ORG and words and (words[-1] in ADMIN_NAME_WORDS or (
                len(words) > 2 and words[0] in UNIT_NOUNS and words[1] == "of")):
            return True  # "Szczytno County", "the Comarca of Anoia", "the Province of Rieti"
        return self.named_as_place(m) or self.anchored_in_place(m)

    def anchored_in_place(self, m: Mention) -> bool:
        """ "a club from Fyllingsdalen, Bergen, Hordaland", "moved to Lincoln, Nebraska": a name of another type that is
        the object of a preposition of place and is followed at once by a comma and a state or place the
        gazetteer knows, ending the phrase (the place anchors the chain; a person or a company is seldom "from X,
        Y"). Read as a place inside located_in only; its entity keeps its type."""
        if m.type not in {PERSON, ORG} or m.end + 1 >= len(self.doc):
            return False
        r = self.res.root(m)
        if r.tag_ != "NNP" or r.dep_ != "pobj" or r.head.lower_ not in ANCHOR_PREPS or self.doc[m.end].text != ",":
            return False  # not "the leader of Hezbollah in Syria": where an organisation acts
        if name_key(self.doc[m.start:m.end].text) != name_key(self.res.ctx.entity_name.get(m.entity, "")):
            return False  # "Washington" standing for "Washington University" here
        if m.type == PERSON and (r.head.lower_ == "of" or m.end - m.start > 1):
            return False  # "a visit of Obama in Cairo", "to Mark Jones, Ohio": a person is somewhere
        nxt = self.res.ent(m.end + 1)
        if nxt is None or nxt.start != m.end + 1 or nxt.type != PLACE or not (
                self.known(nxt.entity) is not None or
                name_key(self.res.ctx.entity_name.get(nxt.entity, "")) in admin1_countries()):
            return False
        return nxt.end >= len(self.doc) or self.doc[nxt.end].is_punct  # not "from Hamas, Lebanon's …", "Texas governor"

    def named_as_place(self, m: Mention) -> bool:
        """A name of another type that the text itself calls a unit of land: "the Lazio region", "the municipality
        of Assesse", "the civil parishes of Holme Abbey and Holme St. Cuthbert" (a village or region the entity
        layer typed as a person or an organisation; the unit noun is the better evidence). Not a demonym ("the
        Japanese island of Shikoku": the adjective names the larger place, ``_unit_names_inner``)."""
        if m.type not in {PERSON, ORG} or self.res.root(m).tag_ not in {"NNP", "NNPS"}:
            return False
        if m.end < len(self.doc):
            nxt = self.doc[m.end]
            if nxt.pos_ == "NOUN" and nxt.text.islower() and nxt.lemma_ in UNIT_NOUNS:
                return True
        first = self._first_listed(self.res.root(m))
        unit = first.head.head
        return first.dep_ == "pobj" and first.head.lower_ == "of" and unit.pos_ == "NOUN" and \
            unit.text.islower() and unit.lemma_ in UNIT_NOUNS and \
            any(c.dep_ == "det" and c.lower_ == "the" for c in unit.children)

    def place_at(self, tok: Token) -> Mention | None:
        m = self.res.ent(tok.i)
        return m if m is not None and self.is_place(m) else None

    def known(self, entity: str) -> Place | None:
        """The gazetteer's entry for a place, only when it bears the place's own name (the lookup also answers
        "Florida" with Floridablanca and "New York" with a village in Ukraine)."""
        return exact_place(self.res.ctx.entity_name.get(entity, ""))

    def larger(self, inner: str, outer: str, outer_region: bool = False) -> bool:
        """Whether the gazetteer allows ``outer`` to contain ``inner`` (True when it knows either not).

        ``outer_region``: the text names the outer place as a region-level unit ("the U.S. state of Oregon"),
        so a town the gazetteer found under that name (Oregon, Ohio) is not the place meant."""
        a, b = self.known(inner), self.known(outer)
        if outer_region and b is not None and b.kind == "city":
            b = None
        words = self.res.ctx.entity_name.get(inner, "").lower().split()[-1:]
        if set(words) & ADMIN_NAME_WORDS and b is not None and b.kind == "city":
            return False  # "Madhesh Province in Janakpur": a province does not lie in a city
        if a is not None and a.kind == "country" and (b is None or b.kind != "country"):
            return False  # "Mainland China (10 in Xiamen)": a country lies in no city or region
        if a is None and b is not None and b.kind == "city" and b.country in \
                admin1_countries().get(name_key(self.res.ctx.entity_name.get(inner, "")), ()):
            return False  # "Troy, Michigan, a suburb of Detroit": a state or province of its country lies in no town
        if a is not None and a.kind == "city" and (b is None or b.country != a.country) and a.country in \
                admin1_countries().get(name_key(self.res.ctx.entity_name.get(outer, "")), ()):
            return True  # "Fredericton, New Brunswick": a province of the town's own country, not a namesake town
        if a is None or b is None:
            return True
        rank = {"city": 0, "region": 1, "country": 2}
        if rank[b.kind] == rank[a.kind]:  # "Brooklyn, New York" but not "Lutsk, Lviv"
            return b.population >= 5 * max(a.population, 1)
        return rank[b.kind] > rank[a.kind]

    def run(self) -> None:
        for sent in self.doc.sents:
            self.chains(sent)
            self.part_named(sent)
            for m in self._starting_in(sent):
                self.described_in(m)
                if m.type in {ORG, PLACE}:
                    self.described.name_after_noun(m)
                    self.described.adjective_on_name(m)
                if self.is_place(m):
                    self.place_in(m)
                    self.constituency(m)
                    self.where_in(m)
                elif m.type == ORG:
                    self.named_after(m)
                    self.org_at_place(m)
                    self.site_next(m)
                    self.body_of_place(m)
            for tok in sent:
                if tok.dep_ in {"nsubj", "nsubjpass"} and self.res.ent(tok.i) is None:
                    self.referred_subject(tok)
                elif tok.lemma_.lower() in CONTAIN_VERBS and tok.pos_ == "VERB":
                    self.contains(tok)
                if tok.pos_ == "NOUN":
                    self.described.places_of_country_noun(tok)
                if tok.lower_ in SEAT_WORDS and tok.pos_ == "NOUN":
                    self.seat_in(tok)
                elif tok.lower_ == "home" and tok.dep_ in {"attr", "appos"}:
                    self.home_to(tok)
        for subject, place, prep in self.nears:
            self.near(subject, place, prep)
        self.closure()
        self.aliases()
        self.closure_across()

    # -------------------------------------------------------------- "X is a village in Y"
    def descriptions(self, r: Token, copula: bool = False) -> list[Token]:
        """The common nouns and participles that describe the phrase headed by ``r``: "X is a village",
        "X, a town", "X, located", "X lies"; with ``copula`` (a place's) the verb "be" itself: "X is in Y"."""
        out: list[Token] = []
        if r.dep_ in {"nsubj", "nsubjpass"} and r.head.lemma_ == "be":
            out += [c for c in r.head.children if c.dep_ == "attr" and self.res.ent(c.i) is None]
            if copula and r.dep_ == "nsubj":
                out.append(r.head)
            # "X is a town and comune in Y": the coordinated noun (which the parser may hang on the verb)
            out += [c for n in [r.head, *out] for c in n.children
                    if c.dep_ == "conj" and c.pos_ == "NOUN" and self.res.ent(c.i) is None]
        out += [c for c in r.children if c.dep_ in {"appos", "acl"} and self.res.ent(c.i) is None]
        if r.dep_ in {"nsubjpass", "nsubj"} and r.head.lemma_.lower() in LOCATE_VERBS:
            out.append(r.head)
        for n in list(out):  # "a school located in", "a village situated in"
            out += [c for c in n.children if c.dep_ == "acl" and c.lemma_.lower() in LOCATE_VERBS]
            if n.lower_ == "one":  # "one of the most industrial regions in Japan"
                out += [p for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in c.children if p.dep_ == "pobj" and self.res.ent(p.i) is None]
        return out

    def described_in(self, m: Mention) -> None:
        """ "Zabiele is a village in ...": an organisation or place, or a name the entity layer typed otherwise
        when a geographic noun describes it (then the description is the better evidence of its type). "The
        village of Roald was the administrative centre of Roald Municipality": the subject is the unit noun that
        names the place after "of"."""
        r = self.res.root(m)
        unit = r.head.head
        if r.dep_ == "pobj" and r.head.lower_ == "of" and unit.dep_ in {"nsubj", "nsubjpass"} and \
                unit.lemma_.lower() in UNIT_NOUNS and unit.pos_ == "NOUN" and self.is_place(m) and \
                name_key(self.doc[m.start:m.end].text) == name_key(self.res.ctx.entity_name.get(m.entity, "")):
            r = unit  # (the name itself, not another name the resolver merged it with)
        self.describe(m.entity, r, any_type=m.type not in {ORG, PLACE}, copula=self.is_place(m),
                      place=m.type == PLACE)

    def describe(self, subject: str, r: Token, any_type: bool = False, copula: bool = False,
                 place: bool = False) -> None:
        described = self.descriptions(r, copula)
        feature = any(n.lemma_.lower() in FEATURE_NOUNS for n in described)  # "X is a river … in A and B"
        for n in described:
            lemma = n.lemma_.lower()
            if place and lemma in (lx.ORG_NOUNS | ORG_KIND_NOUNS | FROM_NOUNS) - PLACE_NOUNS and \
                    self.known(subject) is not None:
                # "Philadelphia was one of the surprise teams in the East": a town the gazetteer knows stands for
                # its team (a name it does not know, typed a place but described as a club, is the club's own)
                continue
            is_verb = lemma in LOCATE_VERBS or lemma == "be"
            kinds = lx.GEO_NOUNS | ADMIN_NAME_WORDS | FEATURE_NOUNS
            if any_type and lemma not in kinds and not (is_verb and n.head.lemma_.lower() in kinds):
                continue  # "a lake located in": the participle of a noun that says what the name is
            if not is_verb:  # "X is a Japanese company", "X, a Polish village"
                self.described.described_as(subject, n)
                if lemma in PLACE_NOUNS | lx.ORG_NOUNS | TRADE_NOUNS and not self.res.negated(n):
                    self._possessor_place(subject, n)
            if not is_verb and lemma not in PLACE_NOUNS | lx.ORG_NOUNS | ORG_KIND_NOUNS | FEATURE_NOUNS:
                continue  # "a high mountain pass in the Rocky Mountains", "a narrow isthmus in Shetland" too
            if self.res.negated(n):
                continue
            for prep in n.children:
                if prep.dep_ != "prep":
                    continue
                word = prep.lower_
                if lemma == "be" and word not in {"in", "within"}:
                    continue  # "X is near Y" says no containment
                if word in IN_PREPS or (word == "of" and not is_verb and lemma in PLACE_NOUNS) or (
                        word == "from" and lemma in FROM_NOUNS) or self.on_island(prep) or (
                        word == "at" and lemma in LOCATE_VERBS):  # "a concert hall located at 301 X Avenue"
                    for p in self._places_under(prep):
                        if word == "near":
                            self.nears.append((subject, p.entity, prep))
                        elif p.entity != subject and self.larger(subject, p.entity, self.region_named(p)):
                            self.found.emit(subject, "located_in", p.entity, None, prep.i, "described-in")
                            if feature:
                                self._spans_too(subject, prep)
                            break
            if not is_verb and lemma in PLACE_NOUNS | FEATURE_NOUNS:
                self._described_deeper(subject, n)

    def _spans_too(self, subject: str, prep: Token) -> None:
        """ "a tributary of the Missouri River in the Canadian province of Saskatchewan and the U.S. state of
        Montana", "a lake in Minnesota and Ontario": a natural feature lies in each of coordinated places (a
        river, a lake or a range crosses borders; a town or an organisation does not, and is not read so)."""
        for p in prep.children:
            if p.dep_ != "pobj":
                continue
            for c in p.conjuncts:
                cm = self.place_at(c)
                if cm is None and c.lemma_.lower() in PLACE_NOUNS:  # "and the U.S. state of Montana"
                    cm = next((qm for q in c.children if q.dep_ == "prep" and q.lower_ == "of" for o in q.children
                               if o.dep_ == "pobj" and (qm := self.place_at(o)) is not None), None)
                if cm is not None and cm.entity != subject and self.larger(subject, cm.entity, self.region_named(cm)):
                    self.found.emit(subject, "located_in", cm.entity, None, prep.i, "described-in")

    def _described_deeper(self, subject: str, n: Token) -> None:
        """ "Bound Brook is a tributary of the Raritan River in Middlesex County", "a suburb of Lahore in Punjab", "a
        town on the Kunene River in the Kunene Province": the place or feature noun that describes the subject
        names another place, and that one is "in" a place: the subject lies there too (only "in"/"within" below
        the first preposition, and only through the objects of prepositions: not "owned by a man in Dubai")."""
        frontier = [p for prep in n.children if prep.dep_ == "prep" and prep.lower_ in {"of", "on", "at", "near"}
                    for p in prep.children if p.dep_ == "pobj"]
        for _ in range(3):
            deeper: list[Token] = []
            for t in frontier:
                for prep in t.children:
                    if prep.dep_ != "prep" or prep.lower_ not in {"in", "within"}:
                        continue
                    for p in self._places_under(prep):
                        if p.entity != subject and self.larger(subject, p.entity, self.region_named(p)):
                            self.found.emit(subject, "located_in", p.entity, None, prep.i, "described-in")
                    deeper += [q for q in prep.children if q.dep_ == "pobj"]
            frontier = deeper

    def near(self, subject: str, place: str, prep: Token) -> None:
        """ "Meramec State Park, located near Sullivan, Missouri": "near" a town is outside it, but in the region
        the sentence puts that town in (what the rules read of it there, "Sullivan, Missouri", once the sentence
        is read)."""
        for c in list(self.found.out.values()):
            if c.predicate == "located_in" and c.subject == place and c.object != subject and not c.negated \
                    and c.sentence_start == prep.sent.start and self.larger(subject, c.object):
                self.found.emit(subject, "located_in", c.object, None, prep.i, "described-in")

    def _possessor_place(self, subject: str, n: Token) -> None:
        """ "Morogoro Region is one of Tanzania's 31 administrative regions", "Heathrow is London's busiest
        airport", "Roketsan is Turkey's largest weapons manufacturer": a place, site or organisation noun that
        describes the subject, with a place as its possessor (only such a noun: "Pakistan's prime minister",
        "Russia's ally" say nothing of where their subject lies)."""
        for c in n.children:
            cm = self.place_at(c)
            if c.dep_ == "poss" and cm is not None and cm.entity != subject and self.larger(subject, cm.entity):
                self.found.emit(subject, "located_in", cm.entity, None, c.i, "described-in")

    def referred_subject(self, tok: Token) -> None:
        """ "It is located in Y", "The village lies in Y": the subject refers to the place or organisation
        that was the subject of a sentence just before (the topic an encyclopaedic or news text continues)."""
        low = tok.lower_
        if not (low == "it" or (tok.pos_ == "NOUN" and tok.lemma_.lower() in PLACE_NOUNS | lx.ORG_NOUNS
                                and any(c.lower_ == "the" for c in tok.children))):
            return
        ref = self.topic_before(tok)
        if ref is not None:
            self.describe(ref, tok, copula=self._placeish(ref))

    def topic_before(self, tok: Token) -> str | None:
        """The last organisation or place that was a clause subject in the three sentences before ``tok``."""
        floor = self.res._sentence_floor(tok.i, 3)
        sent_start = tok.sent.start
        for m in reversed(self.res.mentions):
            if m.start >= sent_start or m.start < floor:
                continue
            if (m.type in {ORG, PLACE}) and self.res.root(m).dep_ in {"nsubj", "nsubjpass"}:
                return m.entity
        return None

    def seat_in(self, seat: Token) -> None:
        """ "Hezbollah's headquarters in Beirut", "its offices in Istanbul and Dubai", "the group's base in
        Idlib", "moved its headquarters to Houston": the seat's owner (a named organisation, "its", or a
        definite "the group's") lies there."""
        owner = None
        for c in seat.children:
            if c.dep_ != "poss":
                continue
            m = self.res.ent(c.i)
            owner = m.entity if m is not None else self.res.refer(c, set()) if c.lower_ == "its" or \
                c.pos_ == "NOUN" else None
        if owner is None or self.res.etype(owner) != ORG or self.res.negated(seat):
            return
        preps = [c for c in seat.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}]
        if seat.dep_ == "dobj" and seat.head.lemma_.lower() in MOVE_VERBS and not self.res.negated(seat.head):
            preps += [c for c in [*seat.children, *seat.head.children] if c.dep_ == "prep" and c.lower_ == "to"]
        for prep in preps:
            for p in self._places_under(prep):
                for e in [p.entity, *self.res.conjuncts(self.res.root(p))]:
                    if e != owner and self._placeish(e) and self.larger(owner, e):
                        self.found.emit(owner, "located_in", e, None, prep.i, "office")

    def home_to(self, home: Token) -> None:
        """ "Minneapolis is home to the University of Minnesota", "Connecticut, home to the Coast Guard
        Academy", "Annapolis is the home of the Naval Academy": what a place is home to lies in it (organisations
        and places; not people)."""
        if home.dep_ == "attr":
            wholes = [e for e in self.res.clause_subject(home.head, set()) if self._placeish(e)]
        else:
            hm = self.place_at(home.head)
            wholes = [hm.entity] if hm is not None else []
        if not wholes or self.res.negated(home):
            return
        plain_the = any(c.dep_ == "det" and c.lower_ == "the" for c in home.children) and \
            not any(c.dep_ in lx.PREMOD_DEPS for c in home.children)
        for prep in home.children:
            if prep.dep_ != "prep" or not (prep.lower_ == "to" or prep.lower_ == "of" and plain_the):
                continue  # "the home of Y" too, but not "the spiritual home of the Taliban"
            for p in prep.children:
                if p.dep_ != "pobj":
                    continue
                for part in self.res.np_entities(p):
                    if self.res.etype(part) not in {ORG, PLACE}:
                        continue
                    for whole in wholes:
                        if part != whole and self.larger(part, whole):
                            self.found.emit(part, "located_in", whole, None, home.i, "home-to")

    def contains(self, v: Token) -> None:
        """ "The county contains Houston", "the district includes the towns of A, B and C": the object lies in
        the subject (containment is read the right way round)."""
        if self.res.negated(v) or any(c.dep_ in {"nsubjpass", "auxpass"} for c in v.children):
            return
        wholes = [e for e in self.res.clause_subject(v, set()) if self._placeish(e)]
        if not wholes:
            return
        parts: list[str] = []
        for c in v.children:
            if c.dep_ != "dobj":
                continue
            cm = self.place_at(c)
            if cm is not None:
                parts += [cm.entity, *self.res.conjuncts(self.res.root(cm))]
            elif c.lemma_.lower() in PLACE_NOUNS:
                for prep in c.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for p in prep.children:
                            pm = self.place_at(p)
                            if p.dep_ == "pobj" and pm is not None:
                                parts += [pm.entity, *self.res.conjuncts(self.res.root(pm))]
        for whole in wholes:
            for part in parts:
                if self._placeish(part) and part != whole and self.larger(part, whole):
                    self.found.emit(part, "located_in", whole, None, v.i, "contains")

    def _placeish(self, entity: str) -> bool:
        if self.res.etype(entity) == PLACE:
            return True
        words = self.res.ctx.entity_name.get(entity, "").lower().split()
        return self.res.etype(entity) == ORG and bool(words) and words[-1] in ADMIN_NAME_WORDS

    def org_at_place(self, m: Mention) -> None:
        """ "studied at the University of Otago in Dunedin", "recorded at Studio 92 in Canada": an organisation
        named as where someone studies, works or records, with "in" a place."""
        r = self.res.root(m)
        if r.dep_ != "pobj" or r.head.lower_ not in {"at", "from"}:
            return
        if r.head.lower_ == "from" and not set(self.res.ctx.entity_name.get(m.entity, "").lower().split()) & \
                SITE_NAMES:
            return  # "graduated from the University of Otago in Dunedin", not "a delegation from Hamas in Gaza"
        for prep in r.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "near"}:
                for p in self._places_under(prep):
                    if prep.lower_ == "near":
                        self.nears.append((m.entity, p.entity, prep))
                    elif p.entity != m.entity:
                        self.found.emit(m.entity, "located_in", p.entity, None, prep.i, "described-in")

    def site_next(self, m: Mention) -> None:
        """ "the Chilean National Museum of Fine Arts in Santiago", "Haines High School, Alaska": an institution
        that has a site (a word of its name says so; or any organisation named as a venue "at") followed at once
        by "in" or a comma and a place, whatever the parser hung the phrase on (not "…, Alaska and Texas", a
        list)."""
        words = self.res.ctx.entity_name.get(m.entity, "").lower().split()
        r = self.res.root(m)
        venue = r.dep_ == "pobj" and r.head.lower_ == "at"  # "performed at Riddarhuset in Stockholm"
        if not (set(words) & SITE_NAMES or venue) or m.end + 1 >= len(self.doc):
            return
        sep = self.doc[m.end]
        if sep.lower_ not in {"in", ",", "at"} or sep.sent.start != self.doc[m.start].sent.start:
            return
        if sep.lower_ in {",", "at"} and not set(words) & SITE_NAMES:
            return  # "the United States Naval Academy at Annapolis", not "Hamas at Rafah"
        at = m.end + 1
        if sep.text == "," and self.doc[at].lower_ == "in" and at + 1 < len(self.doc):
            at += 1  # "L.A. City College, in Los Angeles"
        p = self.place_at(self.doc[at])
        if p is None or p.start != at or p.entity == m.entity:
            return
        if p.end < len(self.doc) and self.doc[p.end].lower_ in {"and", "or"}:
            return
        if sep.lower_ in {",", "at"} and (
                p.end >= len(self.doc) or self.doc[p.end].text not in {",", ".", ";", "(", ")"}):
            return  # "the University of Otago, Dunedin campus": only a place that ends its phrase
        self.found.emit(m.entity, "located_in", p.entity, None, sep.i, "site-in")

    def body_of_place(self, m: Mention) -> None:
        """ "the Supreme Court of Florida", "the Parliament of Georgia": a public body whose name the entity layer
        ended before "of" and a place that ends the phrase (not an embassy, consulate or mission, which are named
        after the state they represent: "the Embassy of France in Kabul")."""
        words = self.res.ctx.entity_name.get(m.entity, "").lower().split()
        if not words or words[-1] not in BODY_WORDS or m.end + 2 >= len(self.doc) or \
                self.doc[m.end].lower_ != "of":
            return
        at = m.end + 1 + (self.doc[m.end + 1].lower_ == "the")
        p = self.place_at(self.doc[at]) if at < len(self.doc) else None
        if p is None or p.start != at or p.entity == m.entity or (
                p.end < len(self.doc) and (self.doc[p.end].tag_ == "POS" or self.doc[p.end].lower_ in {"and", "or"})):
            return
        self.found.emit(m.entity, "located_in", p.entity, None, m.end, "body-of")

    def named_after(self, m: Mention) -> None:
        """ "Indiana State Teachers College", "University of Illinois at Springfield", "Loyola University
        Chicago": an organisation named after a place the text names lies there (not an embassy or a
        consulate, which carry the name of the country they represent)."""
        name = self.res.ctx.entity_name.get(m.entity, "")
        words = name.split()
        if not words or {w.lower() for w in words} & lx.SEAT_NAMES - {"university", "school", "college",
                                                                      "hospital", "court", "airport", "prison"}:
            return
        if {w.lower() for w in words} & UNSITED_NAME_WORDS:
            return  # "the Australia–Chile Free Trade Agreement", "Gordon Advisors": no seat in the place named
        for other in sorted({x.entity for x in self.res.mentions if x.type == PLACE and x.entity != m.entity}):
            place = self.res.ctx.entity_name.get(other, "").split()
            k = len(place)
            if not k or k >= len(words) or (self.known(other) is None and
                                             name_key(" ".join(place)) not in admin1_countries()):
                continue  # only a place the gazetteer knows by that name: not "Eastman", "Breakout"
            at = [i for i in range(len(words) - k + 1) if words[i:i + k] == place]
            if at and not all(i >= 2 and [w.lower() for w in words[i - 2:i]] == ["house", "of"] for i in at):
                # not a dynasty ("the House of Orléans", "the House of Windsor"), which takes a place's name
                self.found.emit(m.entity, "located_in", other, None, m.start, "named-after")

    def place_in(self, m: Mention) -> None:
        """ "Buttenhausen in Münsingen", "Kunene Province of southern Angola", "the U.S. state of Arizona"."""
        r = self.res.root(m)
        self.in_next(m, r)
        admin = self.res.ctx.entity_name.get(m.entity, "").lower().split()[-1:]
        for prep in r.children:
            if prep.dep_ == "prep" and (prep.lower_ in {"in", "within"} or self.on_island(prep) or (
                    prep.lower_ == "of" and (set(admin) & ADMIN_NAME_WORDS or self._of_region(prep)))):
                for p in self._places_under(prep):
                    if p.entity != m.entity and self.larger(m.entity, p.entity, self.region_named(p)):
                        self.found.emit(m.entity, "located_in", p.entity, None, prep.i, "place-in")
                        self._listed_in(m, prep, p)
        first = self._first_listed(r)  # "the U.S. states of Iowa, Missouri and Illinois": each is a state
        if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.lemma_.lower() in ADMIN_NAME_WORDS \
                and (first is r or first.head.head.tag_ in {"NNS", "NNPS"}):
            unit = first.head.head  # "the U.S. state of Arizona", but "the Outaouais region of Quebec"
            for c in unit.children:
                cm = self.place_at(c)
                if c.dep_ in lx.PREMOD_DEPS and cm is not None and cm.entity != m.entity:
                    if self._unit_names_inner(unit, cm):
                        if self.larger(cm.entity, m.entity):
                            self.found.emit(cm.entity, "located_in", m.entity, None, unit.i, "place-in")
                    elif self.larger(m.entity, cm.entity):
                        self.found.emit(m.entity, "located_in", cm.entity, None, unit.i, "place-in")
            self.unit_in(m, unit)

    def where_in(self, m: Mention) -> None:
        """ "endemic to Hawaii, where it is known only from a park on the island of Maui", "fled to Turkey, where he
        was arrested in Istanbul", "Seattle, where Microsoft is based": a relative clause on a place opened by
        "where" puts what it names "in", "on", "at" or "within" a place, and its subject when the clause says
        only that the subject is, lies or is based there, in that place (a place; an organisation only for the
        latter: not "born in Texas, where his father worked for Exxon")."""
        for v in self.res.root(m).children:
            if v.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ == "where" for c in v.children) or \
                    self.res.negated(v):
                continue
            inner: list[Mention] = []
            for prep in v.children:
                if prep.dep_ == "prep" and (prep.lower_ in {"in", "at", "within"} or self.on_island(prep)):
                    inner += self._places_under(prep)
            if v.lemma_.lower() in LOCATE_VERBS | {"be", "stand"}:
                for c in v.children:
                    cm = self.res.ent(c.i)
                    if c.dep_ in {"nsubj", "nsubjpass"} and cm is not None and cm.type in {ORG, PLACE}:
                        inner.append(cm)
            for q in inner:
                if q.entity != m.entity and self.larger(q.entity, m.entity):
                    self.found.emit(q.entity, "located_in", m.entity, None, v.i, "where-in")

    def constituency(self, m: Mention) -> None:
        """ "a U.S. Representative from Illinois", "an Indian lawmaker from Kerala": the constituency a member of a
        country's legislature is "from" lies in that country (not a country itself: "a French journalist from
        Algeria" says where a person comes from)."""
        r = self.res.root(m)
        title = r.head.head
        if r.dep_ != "pobj" or r.head.lower_ != "from" or title.lemma_.lower() not in LEGISLATOR_TITLES:
            return
        inner = self.known(m.entity)
        if inner is not None and inner.kind == "country":
            return
        for c in title.children:
            cm = self.place_at(c)
            if c.dep_ in lx.PREMOD_DEPS and c.i < title.i and cm is not None and cm.entity != m.entity:
                outer = self.known(cm.entity)
                if (outer is None or outer.kind == "country") and self.larger(m.entity, cm.entity):
                    self.found.emit(m.entity, "located_in", cm.entity, None, title.i, "place-in")

    def on_island(self, prep: Token) -> bool:
        """ "a town on Mbanika Island", "on the island of Maui": "on" an island is in it (not "on the river")."""
        if prep.lower_ != "on":
            return False
        for p in prep.children:
            if p.dep_ != "pobj":
                continue
            m = self.res.ent(p.i)
            name = self.res.ctx.entity_name.get(m.entity, "") if m is not None else ""
            if name.lower().split()[-1:] in (["island"], ["islands"], ["isle"]) or (
                    m is None and p.lemma_.lower() == "island"):
                return True
        return False

    @staticmethod
    def _first_listed(r: Token) -> Token:
        """The first member of the coordination ``r`` belongs to ("Missouri" in "of Iowa, Missouri and
        Illinois" → "Iowa"), or ``r`` itself."""
        for _ in range(8):
            if r.dep_ != "conj":
                break
            r = r.head
        return r

    @staticmethod
    def _of_region(prep: Token) -> bool:
        """ "the Rocky Mountains of central Colorado": "of" a place that a direction word narrows says where."""
        return any(p.dep_ == "pobj" and any(c.lower_ in DIRECTION_WORDS - {"the"} and c.dep_ in lx.PREMOD_DEPS
                                            for c in p.children) for p in prep.children)

    def in_next(self, m: Mention, r: Token) -> None:
        """ "born in Buttenhausen in Münsingen", "south of Gingoog City in Misamis Oriental", "flights to Palermo
        in Sicily": A, the object of a preposition of place, then "in B" with nothing between, where the parser
        hung the second phrase elsewhere; B must be the larger place where the gazetteer knows both."""
        first = self._first_listed(r)
        if not (first.dep_ == "dobj" or first.dep_ == "pobj" and first.head.lower_ in NEXT_HEADS) or \
                m.end + 1 >= len(self.doc):
            return
        prep = self.doc[m.end]
        if not (prep.lower_ == "in" or self.on_island(prep)) or prep.sent.start != r.sent.start or \
                prep.head.i == r.i:
            return
        for p in self._places_under(prep):
            if p.entity != m.entity and self.larger(m.entity, p.entity, self.region_named(p)):
                self.found.emit(m.entity, "located_in", p.entity, None, prep.i, "place-in")
                self._listed_in(m, prep, p)

    def _listed_in(self, m: Mention, prep: Token, p: Mention) -> None:
        """ "Kandahar and Herat in Afghanistan", "both Greensfelder County Park and Creve Coeur Park in St. Louis
        County": the "in" phrase right after the last of coordinated places holds for each of them, when every
        member is a place (not "talks between Israel and Hamas in Cairo") and, where the gazetteer knows both,
        in the same country as the place they lie in."""
        r = self.res.root(m)
        if r.dep_ != "conj" or prep.i != m.end:
            return
        found = [self.place_at(c) for c in r.conjuncts]
        members = [x for x in found if x is not None and self.res.root(x).i < r.i]
        if len(members) != len(found):
            return
        outer = self.known(p.entity)
        pair = len(members) == 1 and [t.lower_ for t in self.doc[members[0].end:m.start]] == ["and"]
        if (outer is None or outer.kind == "city") and not pair:
            return  # "CFBR-FM in Edmonton, Alberta, and CKRX-FM in Fort Nelson": a list, not a chain
        rank = {"city": 0, "region": 1, "country": 2}
        for x in members:
            inner = self.known(x.entity)
            if x.entity in {m.entity, p.entity} or not self.larger(x.entity, p.entity, self.region_named(p)):
                continue
            if inner is not None and outer is not None and (
                    inner.country != outer.country or rank[inner.kind] >= rank[outer.kind]):
                continue
            self.found.emit(x.entity, "located_in", p.entity, None, prep.i, "place-in")

    def _unit_names_inner(self, unit: Token, pre: Mention) -> bool:
        """Whether "the P <unit> of Q" names P as the unit that lies in Q ("the Outaouais region of Quebec",
        "the Gao region of Mali") rather than Q as a unit of P ("the U.S. state of Arizona", "the California
        town of Ojai"): a region-like unit named by a place that is not a country, or one the gazetteer knows
        as the smaller."""
        if unit.lemma_.lower() in TOWN_UNITS or self.res.root(pre).tag_ == "JJ":
            return False  # "the Sicilian province of Agrigento": a demonym names the larger place
        known = self.known(pre.entity)
        return known is None or known.kind != "country"

    def unit_in(self, m: Mention, unit: Token) -> None:
        """ "in the city of Klamath Falls in the U.S. state of Oregon", "the town of Maniwaki in Quebec": what
        the unit noun is said to lie in, the place that names it lies in."""
        if unit.dep_ != "pobj" or unit.head.lower_ not in IN_PREPS | {"of"}:
            return
        for prep in unit.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "within"}:
                for p in self._places_under(prep):
                    if p.entity != m.entity and self.larger(m.entity, p.entity, self.region_named(p)):
                        self.found.emit(m.entity, "located_in", p.entity, None, prep.i, "place-in")

    def region_named(self, p: Mention) -> bool:
        """Whether the text names ``p`` as a region-level unit: "the state of Oregon", "the Outaouais region"."""
        r = self.res.root(p)
        if r.dep_ == "pobj" and r.head.lower_ == "of" and r.head.head.lemma_.lower() in REGION_UNITS:
            return True
        return r.dep_ == "compound" and r.head.lemma_.lower() in REGION_UNITS

    def _places_under(self, prep: Token) -> list[Mention]:
        """The place a preposition names: its object, or the object of "the district of" / "the city of"."""
        for p in prep.children:
            if p.dep_ != "pobj":
                continue
            pm = self.place_at(p)
            if pm is not None:
                return [pm]
            if p.lemma_.lower() in PLACE_NOUNS and p.tag_ == "NN":  # "in Sweden's capital Stockholm"
                for c in p.children:
                    cm = self.place_at(c)
                    if c.dep_ == "appos" and c.i > p.i and cm is not None:
                        return [cm]
            if p.lemma_.lower() in ADMIN_NAME_WORDS:  # "in the Outaouais region of Quebec": in Outaouais
                outer = [qm for q in p.children if q.dep_ == "prep" and q.lower_ == "of" for o in q.children
                         if o.dep_ == "pobj" and (qm := self.place_at(o)) is not None]
                for c in p.children:
                    cm = self.place_at(c)
                    if c.dep_ in lx.PREMOD_DEPS and cm is not None and outer and self._unit_names_inner(p, cm) \
                            and cm.entity != outer[0].entity and self.larger(cm.entity, outer[0].entity):
                        return [cm]  # not "the California county of Ventura": the gazetteer ranks them
            if p.lemma_.lower() in PLACE_NOUNS | PART_NOUNS:  # "the district of X", "the northern part of X"
                for c in p.children:
                    if c.dep_ == "prep" and c.lower_ == "of":
                        for q in c.children:
                            qm = self.place_at(q)
                            if q.dep_ == "pobj" and qm is not None:
                                return [qm]
                for c in p.children:  # "the California town of Ojai": the premodifier is the larger place
                    cm = self.place_at(c)
                    if c.dep_ in lx.PREMOD_DEPS and cm is not None:
                        return [cm]
        return []

    # -------------------------------------------------------------- closure per sentence
