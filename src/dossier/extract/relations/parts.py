"""What is part of what: "X is part of Y", "X, owned by Y", "Y acquired X", "Y, parent of X" (part_of,
located_in or membership by the types of the two entities). Used by ``relations`` through composition.

``part-of``     "Northern Ireland is part of the United Kingdom" → located_in; "the Red Corn Band … Joss performs
                as part of" → membership; "the committee is part of the ANC" → part_of;
``owned-by``    "the flagship titles owned by Johnston Press", "Square Enix has owned Taito Corporation", "Y
                acquired X", "Y's purchase of X", "the Microsoft-owned LinkedIn": between two organisations,
                part_of(X, Y) with role subsidiary;
``parent``      "America West Holdings Corporation, parent of America West Airlines" → part_of(airline, holding);
``named-within`` "Barry University School of Podiatric Medicine" beside "Barry University": a body of it;
                "Microsoft India", "BBC Alba": a country arm, an acronym's channel;
``own-body``    "with her band, the Miami Sound Machine", "Erdogan's party, the AKP" → membership;
``include``     "Tata Motors' subsidiaries include Jaguar Land Rover", "whose members included X";
``possessive``  "Tata Motors' Jaguar Land Rover unit" → part_of(…, unit);
``ticket``      "elected on the Democratic ticket", "sought the Labour nomination" → membership (candidate);
``verb``        "X played for the Oakland Raiders", "X works for the BBC", "X teaches at Harvard", "Goldman Sachs
                hired X", "X left Bad Religion" → membership.
``part-of`` also covers an organisation that is a member of another ("The Pittsburgh Catholic is a member of the
Catholic Press Association") and one named "of" another ("the National Executive Committee of the ANC").
"""

from __future__ import annotations

from spacy.tokens import Token

from dossier.extract.relations import lexicon as lx
from dossier.extract.relations.candidates import Candidates
from dossier.extract.relations.lexicon import Lexicon
from dossier.extract.relations.references import ORG, PERSON, PLACE, Mention, ReferenceResolver, one_of
from dossier.model.reference import lookup_place

OWN_VERBS = frozenset({"own", "acquire", "buy", "purchase"})
# The same told by a noun: "Bell Atlantic's purchase of GTE", "the acquisition of Eidos by Square Enix".
OWN_NOUNS = frozenset({"purchase", "acquisition", "takeover", "buyout"})
# Modifiers that make such a noun a plan or an attempt, not a purchase made: "its proposed takeover of Y".
UNMADE = frozenset("proposed planned potential possible failed attempted rumoured rumored mooted aborted abandoned "
                   "blocked hostile intended pending".split())
# A verb and preposition that make a person a member or employee of an organisation: "played for the Oakland
# Raiders", "works for the BBC", "teaches at Harvard", "signed with Atlantic Records".
MEMBER_VERBS: dict[tuple[str, str], str] = {
    ("play", "for"): "player", ("play", "with"): "player", ("sign", "for"): "player", ("sign", "with"): "member",
    ("sign", "to"): "member",
    ("work", "for"): "employee", ("work", "at"): "employee", ("teach", "at"): "teacher",
    ("perform", "with"): "member", ("sing", "for"): "singer", ("sing", "with"): "singer",
    ("write", "for"): "writer", ("report", "for"): "reporter", ("coach", "at"): "coach",
    # a transfer between clubs: "was transferred to Beşiktaş JK", "was loaned to Fulham" ("moved to" is too often
    # a league, a city or a newspaper's staff to tell)
    ("transfer", "to"): "player", ("loan", "to"): "player",
    # a trade between teams: "Kyrie Irving was traded to the Dallas Mavericks"
    ("trade", "to"): "player",
    # "scored 20 goals for Everton", "appeared in 70 games for the Spurs"
    ("score", "for"): "player", ("appear", "for"): "player",
    # "spent five seasons with the Boston Celtics" (only with a span of time as the object: SPELL_NOUNS)
    ("spend", "with"): "member",
}
DATIVE_TEAM_VERBS = frozenset({"play", "sign", "score", "appear"})
# Verbs whose "for" names an employer only without an object: "writes for The Guardian", not "wrote several songs
# for Atlantic Records" (made for it) nor "sang a song for the BBC".
FOR_WITHOUT_OBJECT = frozenset({"write", "sing", "perform", "report"})
# What "spend" must have as its object to state a spell with an organisation ("spent time with Hamas" does not).
SPELL_NOUNS = frozenset({"season", "year", "month", "campaign", "stint", "spell", "decade"})
# Nouns whose preposition belongs to the verb: "signed a three-year contract with Everton" is "signed with Everton".
CONTRACT_NOUNS = frozenset({"contract", "deal"})
PARENT_NOUNS = frozenset({"parent", "owner"})
# An organisation that hires, employs, recruits or signs a person: "Goldman Sachs hired Anna Ruiz", "Ruiz was
# recruited by the BBC", "Chelsea signed Kai Havertz", "X was drafted by the Philadelphia 76ers" (the person is the
# object, unlike MEMBER_VERBS).
EMPLOY_VERBS: dict[str, str] = {"hire": "employee", "employ": "employee", "recruit": "member", "sign": "member",
                                "draft": "player",
                                # "Frank Lampard was sacked by Chelsea": who is sacked was employed (not "fire":
                                # "was fired on by police"; not "release": a hostage is released)
                                "sack": "former member"}
# A verb with one of these nouns as its object, and the preposition that then names the body the subject plays
# or works for: "made his debut for Everton", "made 300 appearances for Leeds", "scored 20 goals for Everton",
# "began his career at the BBC",
# "started her career with Everton" (the phrase may hang on the verb or on the noun; not "made a bid for Chelsea").
CAREER_NOUNS: dict[str, tuple[frozenset[str], frozenset[str], str]] = {
    "debut": (frozenset({"make"}), frozenset({"for"}), "player"),
    "appearance": (frozenset({"make"}), frozenset({"for"}), "player"),
    "goal": (frozenset({"score"}), frozenset({"for"}), "player"),
    "career": (frozenset({"begin", "start", "end", "finish", "spend", "launch"}), frozenset({"at", "with"}),
               "member"),
}
# Verbs that list a body's members: "Wilco consists of Jeff Tweedy, John Stirratt and Glenn Kotche", "the
# committee comprises A and B", "the band was composed of / made up of A and B" (lemma → its preposition, "" for
# a direct object).
CONSIST_VERBS: dict[str, str] = {"consist": "of", "comprise": "", "compose": "of", "make": "of"}
LINEUP_NOUNS = frozenset({"lineup", "line-up", "roster", "squad"})
# Verbs of moving between bodies: "joined Real Madrid from Borussia Dortmund", "was transferred to Fulham from
# Chelsea" — the body the person came "from" is a former one when the verb names another body they went to.
MOVE_VERBS = frozenset({"join", "sign", "transfer", "move", "loan", "trade"})
# Verbs of a draft: a team that selects or picks a player in a draft takes them on.
PICK_VERBS = frozenset({"select", "pick", "choose"})
# "drummer Jay Ziskrout left Bad Religion": who leaves or quits an organisation was one of its members.
LEAVE_VERBS = frozenset({"leave", "quit"})
# A party's ticket or nomination: "elected on the Democratic ticket", "sought the Labour nomination" — who runs on
# it or seeks it is the party's candidate.
TICKET_NOUNS = frozenset({"ticket", "nomination"})
PARTY_WORDS = frozenset({"party", "alliance", "front", "league", "congress", "union", "coalition"})
# Nouns that make a name the name of a body inside the organisation whose name it extends: "Barry University School
# of Podiatric Medicine" (Barry University), "the ANC National Executive Committee" (the ANC), "Johns Hopkins Carey
# Business School" (Johns Hopkins University). Not "foundation", "fund", "press" or "bank": the Ford Foundation is
# no part of the Ford Motor Company.
SUB_UNIT_WORDS = frozenset(
    "school faculty department division branch wing unit bureau directorate committee council institute "
    "centre center chapter section command".split()
)
# Institutions whose name is their stem plus this word, beside bodies named by the same stem: "Johns Hopkins
# University" and "Johns Hopkins Carey Business School".
INSTITUTION_HEADS = frozenset({"university", "college"})
# Words after an acronym that make the name the parent itself ("BMW Group") or an event or prize it runs ("FIFA
# World Cup", "NBA Finals", "BAFTA Awards"), not one of its arms.
NOT_ARM_WORDS = frozenset("group cup finals final championship championships games awards award prize tournament "
                          "draft season summit conference open series trophy league euro olympics".split())
# Words of the name of a body that organisations join as members ("Star Alliance", "the Arab League", "the
# European Union"): only such a body makes "X joined Y" a membership of two organisations ("Apple joined Microsoft
# as a $3 trillion company" is none).
MEMBER_BODY_WORDS = frozenset("alliance league union association federation coalition bloc confederation "
                              "consortium council organisation organization community network".split())
# World regions that name a company's regional arm after its parent's name ("Square Enix Europe"), beside the
# countries the gazetteer knows ("Microsoft India", "General Motors New Zealand Limited").
WORLD_REGIONS = frozenset({"europe", "asia", "africa", "americas", "north america", "latin america",
                           "south america", "middle east", "asia pacific", "asia-pacific", "emea", "oceania"})
# Bodies a person belongs to when they are "theirs": "her band, the Miami Sound Machine", "Erdogan's party, the
# AKP", "his club Inter Miami". Not "his company" or "her firm" (owner, founder or employee: no telling which).
OWN_BODY_NOUNS = frozenset({"band", "party", "team", "club", "squad", "regiment", "unit", "movement", "faction",
                            "orchestra", "choir", "ensemble", "union"})


def unit_words(lex: Lexicon) -> frozenset[str]:
    """Words that end the name of an organisation's body: the lexicon's part_of titles (wing, branch, division,
    department…) and the nouns of organisations (committee, council, league…); a few hundred words, read once
    per chunk."""
    parts = {sense.words[-1] for senses in lex.titles.values() for sense in senses
             if sense.predicate_for(ORG) == "part_of"}
    return frozenset(parts | lx.ORG_NOUNS | lx.PUBLIC_BODY_WORDS | {"school", "faculty", "college", "board",
                                                                    "conference", "section", "institute"})


def part_nouns(lex: Lexicon) -> frozenset[str]:
    """One-word nouns of a part of an organisation (the lexicon's part_of titles: subsidiary, unit, brand,
    division…), and members and holdings: what "Y's <noun>s include X" names parts of Y with."""
    parts = {sense.words[0] for senses in lex.titles.values() for sense in senses
             if sense.predicate_for(ORG) == "part_of" and len(sense.words) == 1}
    return frozenset(parts | {"member", "holding"})


class PartFinder:
    """part_of and its neighbours in one chunk."""

    def __init__(self, res: ReferenceResolver, found: Candidates) -> None:
        self.res = res
        self.found = found
        self.doc = res.doc
        self.unit_words = unit_words(res.lex)
        self.part_nouns = part_nouns(res.lex)

    def run(self) -> None:
        named: set[str] = set()
        for m in self.res.mentions:
            if m.type == ORG:
                self.org_of_org(m)
                if m.entity not in named:
                    named.add(m.entity)
                    self.named_within(m)
            elif m.type == PERSON:
                self.bracketed_org(m)
        for tok in self.doc:
            low = tok.lemma_.lower()
            if low == "part" and tok.pos_ == "NOUN":
                self.part_of(tok)
            elif low in OWN_VERBS and tok.pos_ == "VERB":
                self.owned(tok)
            elif low in OWN_NOUNS and tok.pos_ == "NOUN":
                self.owned_noun(tok)
            elif low in PARENT_NOUNS and tok.pos_ == "NOUN":
                self.parent(tok)
            elif low == "member" and tok.pos_ == "NOUN":
                self.member_body(tok)
            elif low in TICKET_NOUNS and tok.pos_ == "NOUN":
                self.ticket(tok)
            elif low in OWN_BODY_NOUNS and tok.pos_ == "NOUN":
                self.own_body(tok)
            elif low == "include" and tok.pos_ == "VERB":
                self.parts_include(tok)
            elif low in CONSIST_VERBS and tok.pos_ == "VERB":
                self.consists_of(tok)
            elif low == "join" and tok.pos_ == "VERB":
                self.joined_body(tok)
            if low in self.part_nouns and low != "member" and tok.pos_ == "NOUN":
                self.possessed_part(tok)
            elif low in LEAVE_VERBS and tok.pos_ == "VERB":
                self.left(tok)
            if tok.pos_ == "VERB" and any((low, c.lower_) in MEMBER_VERBS for c in self._verb_preps(tok)):
                self.member_verb(tok)
            if tok.pos_ == "VERB" and low in MOVE_VERBS:
                self.came_from(tok)
            if tok.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in CAREER_NOUNS for c in tok.children):
                self.career(tok)
            if tok.pos_ == "VERB" and low in EMPLOY_VERBS:
                self.employed(tok, EMPLOY_VERBS[low])
            elif tok.pos_ == "VERB" and low in PICK_VERBS and any(t.lemma_.lower() == "draft" for t in tok.sent):
                self.employed(tok, "player")  # "selected by the Philadelphia 76ers in the 1982 NBA draft"

    def _of_objects(self, n: Token) -> list[str]:
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return self.res.np_entities(p)
        return []

    def _holders(self, n: Token) -> list[str]:
        """Who is the part: the subject of "is/became part of", the name "part of" is in apposition to, or the
        subject of the clause "as part of" modifies; through "one of the (founding) members of" to the holder of
        "one"."""
        if one_of(n) is not n:
            return self._holders(one_of(n))
        if n.dep_ in {"attr", "oprd", "acomp"} or (n.dep_ == "dobj" and n.head.lemma_.lower() in {"become",
                                                                                                 "remain", "form"}):
            return self.res.clause_subject(n.head, set())
        if n.dep_ == "appos":
            return self.res.np_entities(n.head, conj=False)
        if n.dep_ == "pobj" and n.head.lower_ == "as" and n.head.head.pos_ in {"VERB", "AUX"}:
            return self.res.clause_subject(n.head.head, set())
        return []

    def part_of(self, n: Token) -> None:
        wholes = self._of_objects(n)
        if not wholes or self.res.negated(n):
            return
        for part in self._holders(n):
            for whole in wholes:
                pt, wt = self.res.etype(part), self.res.etype(whole)
                if pt == PLACE and wt == PLACE:
                    self.found.emit(part, "located_in", whole, None, n.i, "part-of")
                elif pt == ORG and wt == ORG:
                    self.found.emit(part, "part_of", whole, None, n.i, "part-of")
                elif pt == PERSON and wt == ORG:
                    self.found.emit(part, "membership", whole, "member", n.i, "part-of")

    def owned(self, v: Token) -> None:
        """ "Y owns/acquired X" and "X, owned by Y": an organisation owned by another is part of it."""
        if self.res.negated(v):
            return
        owners: list[str] = []
        owned: list[str] = []
        if v.dep_ == "amod" and v.tag_ == "VBN":  # "the Microsoft-owned LinkedIn", "Tata Motors-owned JLR"
            owners = self._hyphen_owner(v)
            owned = (self.res.np_entities(v.head) or self.res.described(v.head)) if owners else []
        elif v.dep_ == "acl" and v.tag_ == "VBN":  # "the titles owned by Johnston Press"
            owned = self.res.described(v.head) or self.res.np_entities(v.head)
            noun = one_of(v.head)
            if not owned and noun.dep_ == "attr" and noun.head.lemma_ == "be":
                # "CBBC is a strand owned by the BBC", "it is one of the flagship titles owned by Johnston Press"
                owned = self.res.clause_subject(noun.head, set())
            for c in v.children:
                if c.dep_ == "agent":
                    owners = [e for p in c.children if p.dep_ == "pobj" for e in self.res.np_entities(p)]
        else:
            passive = any(c.dep_ == "nsubjpass" for c in v.children)
            for c in v.children:
                if c.dep_ == "dobj" and not passive:
                    owned = self.res.np_entities(c)
                elif c.dep_ == "agent" and passive:
                    owners = [e for p in c.children if p.dep_ == "pobj" for e in self.res.np_entities(p)]
            subjects = self.res.clause_subject(v, set())
            if passive:
                owned = subjects
            else:
                owners = subjects or self._it_owner(v, set(owned))
        for owner in owners:
            for thing in owned:
                if self.res.etype(owner) == ORG and self.res.etype(thing) == ORG:
                    self.found.emit(thing, "part_of", owner, "subsidiary", v.i, "owned-by")

    def _it_owner(self, v: Token, owned: set[str]) -> list[str]:
        """ "Bohigian joined Idealab after it acquired the firm he founded, VenCatalyst": "it" as the buyer is the
        nearest organisation named before it in the sentence (none there, none taken)."""
        it = next((c for c in v.children if c.dep_ == "nsubj" and c.lower_ == "it"), None)
        if it is None:
            return []
        ref = self.res.antecedent(it.i, frozenset({ORG}), owned, back=0)
        return [ref] if ref is not None else []

    def _hyphen_owner(self, v: Token) -> list[str]:
        """The organisation joined by a hyphen to "owned" ("Microsoft-owned"): a name that ends right before the
        hyphen (spaced in tokenised text: "Microsoft - owned"). "state-owned", "family-owned" and "wholly-owned"
        name none; "X - owned by Y -" is a dash, not a hyphen."""
        if v.i < 2 or self.doc[v.i - 1].text != "-" or any(c.dep_ == "agent" for c in v.children):
            return []
        m = self.res.ent(v.i - 2)
        return [m.entity] if m is not None and m.end == v.i - 1 else []

    def owned_noun(self, n: Token) -> None:
        """ "Bell Atlantic's purchase of GTE", "the acquisition of Eidos by Square Enix": a purchase made (not a
        proposed, failed or pending one) makes the bought organisation part of the buyer."""
        if self.res.negated(n) or any(c.lower_ in UNMADE for c in n.children if c.i < n.i):
            return
        owned = self._of_objects(n)
        owners: list[str] = []
        for c in n.children:
            if c.dep_ == "poss":
                got = self.res.ent(c.i)
                ref = got.entity if got is not None else self.res.refer(c, set(owned))
                owners = [ref] if ref is not None else []
            elif c.dep_ == "prep" and c.lower_ == "by" and c.i > n.i:
                owners = [e for p in c.children if p.dep_ == "pobj" for e in self.res.np_entities(p)]
        for owner in owners:
            for thing in owned:
                if owner != thing and self.res.etype(owner) == ORG and self.res.etype(thing) == ORG:
                    self.found.emit(thing, "part_of", owner, "subsidiary", n.i, "owned-by")

    def parent(self, n: Token) -> None:
        """ "Y, parent (company) of X", "Y is the owner of X", "its owner, Y": X is part of Y (organisations
        only)."""
        head = n.head if n.dep_ == "compound" else n
        children = self._of_objects(head)
        holders = self._holders(head)
        if not children:
            poss = next((c for c in head.children if c.dep_ == "poss"), None)
            if poss is None:
                return
            got = self.res.ent(poss.i)
            child = got.entity if got is not None else self.res.refer(poss, set())
            children = [child] if child is not None else []
            holders = [e for c in head.children if c.dep_ == "appos" for e in self.res.np_entities(c, conj=False)]
        for holder in holders:
            for child in children:
                if self.res.etype(holder) == ORG and self.res.etype(child) == ORG:
                    self.found.emit(child, "part_of", holder, "subsidiary", n.i, "parent")

    @staticmethod
    def _verb_preps(v: Token) -> list[Token]:
        """The verb's prepositions, and those of its "as" complement ("worked as a consultant for Deloitte")."""
        # "has also played for Aston Villa": the parser may label a team's "for" a dative (only for the verbs of
        # playing: "wrote several songs for Atlantic Records" is a benefactive, no employment)
        out = [c for c in v.children if c.dep_ == "prep" or (
            c.dep_ == "dative" and c.lower_ in {"for", "to"} and v.lemma_.lower() in DATIVE_TEAM_VERBS)]
        out += [x for c in v.children if c.dep_ == "dobj" and c.lemma_.lower() in CONTRACT_NOUNS
                for x in c.children if x.dep_ == "prep"]
        for c in list(out):
            if c.lower_ == "as":
                out += [x for p in c.children if p.dep_ == "pobj" for x in p.children if x.dep_ == "prep"]
        return out

    def member_verb(self, v: Token) -> None:
        """ "George Blanda last played for the Oakland Raiders", "she works for the BBC": membership."""
        if self.res.negated(v):
            return
        if v.lemma_.lower() == "spend" and not any(c.dep_ == "dobj" and c.lemma_.lower() in SPELL_NOUNS
                                                   for c in v.children):
            return
        people = self.res.clause_subject(v, set())
        if not people and v.dep_ == "acl" and v.tag_ == "VBN":  # "an American wrestler signed to WWE"
            people = self.res.described(v.head)
            if not people and v.head.dep_ == "attr" and v.head.head.lemma_ == "be":
                people = self.res.clause_subject(v.head.head, set())
        people = [e for e in people if self.res.etype(e) == PERSON]
        for prep in self._verb_preps(v):
            role = MEMBER_VERBS.get((v.lemma_.lower(), prep.lower_)) if prep.dep_ in {"prep", "dative"} else None
            if role is None:
                continue
            if v.lemma_.lower() in FOR_WITHOUT_OBJECT and any(c.dep_ == "dobj" for c in v.children):
                continue
            orgs = [e for p in prep.children if p.dep_ == "pobj" for e in self.res.np_entities(p)
                    if self.res.etype(e) == ORG]
            for person in people:
                for org in orgs:
                    self.found.emit(person, "membership", org, role, v.i, "verb")

    def came_from(self, v: Token) -> None:
        """ "Bellingham joined Real Madrid from Borussia Dortmund", "Irving was traded to the Mavericks from the
        Nets": the organisation a person moved "from" is a former one, when the verb also names the organisation
        they moved to (its object or its to/for/with phrase). Not "joined the protest from London" (a place) nor
        "moved from Chelsea" alone (a district as often as a club)."""
        if self.res.negated(v):
            return
        preps = self._verb_preps(v)
        sources = [e for c in preps if c.lower_ == "from" for p in c.children if p.dep_ == "pobj"
                   for e in self.res.np_entities(p) if self.res.etype(e) == ORG]
        if not sources:
            return
        targets = [e for c in v.children if c.dep_ == "dobj" for e in self.res.np_entities(c)
                   if self.res.etype(e) == ORG]
        targets += [e for c in preps if c.lower_ in {"to", "for", "with"} for p in c.children if p.dep_ == "pobj"
                    for e in self.res.np_entities(p) if self.res.etype(e) == ORG]
        if not [t for t in targets if t not in sources]:
            return
        people = [e for e in self.res.clause_subject(v, set(sources) | set(targets)) if self.res.etype(e) == PERSON]
        for person in people:
            for org in sources:
                if org not in targets:
                    self.found.emit(person, "membership", org, "former member", v.i, "verb")

    def career(self, v: Token) -> None:
        """ "John Smith made his debut for Everton", "began his career at the BBC": the body a career is begun or
        spent at, or a debut or appearances are made for (``CAREER_NOUNS``), is the subject's."""
        if self.res.negated(v):
            return
        low = v.lemma_.lower()
        people = [e for e in self.res.clause_subject(v, set()) if self.res.etype(e) == PERSON]
        for obj in v.children:
            spec = CAREER_NOUNS.get(obj.lemma_.lower()) if obj.dep_ == "dobj" else None
            if spec is None or low not in spec[0]:
                continue
            preps = [c for c in [*v.children, *obj.children] if c.dep_ in {"prep", "dative"} and c.lower_ in spec[1]]
            orgs = [e for c in preps for p in c.children if p.dep_ == "pobj" for e in self.res.np_entities(p)
                    if self.res.etype(e) == ORG]
            for person in people:
                for org in orgs:
                    self.found.emit(person, "membership", org, spec[2], v.i, "verb")

    def consists_of(self, v: Token) -> None:
        """ "Wilco consists of Jeff Tweedy, John Stirratt and Glenn Kotche", "The band was made up of A and B": the
        people an organisation is said to consist of are its members (organisations listed are its parts). The
        whole is the subject of "consist of" and "comprise", the passive subject of "composed of" and "made up
        of" (not "made of"); only a named organisation or one "the band" refers back to."""
        low = v.lemma_.lower()
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in v.children)
        if self.res.negated(v) or (low in {"compose", "make"}) != passive:
            return
        if low == "make" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in v.children):
            return
        prep = CONSIST_VERBS[low]
        heads = [c for c in v.children if c.dep_ == "dobj"] if not prep else [
            p for c in v.children if c.dep_ == "prep" and c.lower_ == prep for p in c.children if p.dep_ == "pobj"]
        whole = None
        for c in v.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                if c.lemma_.lower() in LINEUP_NOUNS:  # "Wilco's lineup consisted of …": the possessor's members
                    c = next((p for p in c.children if p.dep_ == "poss"), c)
                m = self.res.ent(c.i)
                whole = m.entity if m is not None and self.res.root(m).i == c.i else self.res.refer(c, set())
        if whole is None or self.res.etype(whole) != ORG:
            return
        for h in heads:
            for e in self.res.np_entities(h):
                if e == whole:
                    continue
                if self.res.etype(e) == PERSON:
                    self.found.emit(e, "membership", whole, "member", v.i, "consist")
                elif self.res.etype(e) == ORG:
                    self.found.emit(e, "part_of", whole, "member", v.i, "consist")

    def member_body(self, n: Token) -> None:
        """ "The Pittsburgh Catholic is a member of the Catholic Press Association": an organisation that is a
        member of another is part of it (a person's membership is the title's: ``relations.titles``)."""
        wholes = [e for e in self._of_objects(n) if self.res.etype(e) == ORG]
        if not wholes or self.res.negated(n):
            return
        for part in self._holders(n):
            for whole in wholes:
                if self.res.etype(part) == ORG:
                    self.found.emit(part, "part_of", whole, "member", n.i, "part-of")

    def ticket(self, n: Token) -> None:
        """ "He was elected on the Democratic ticket with Governor Martin O'Malley", "Finnegan sought the Democratic
        nomination", "ran for the Republican nomination": the party that premodifies a ticket or a nomination has
        the candidates who run on it, seek it or win it (the verb's subject, and who runs "with" them)."""
        parties = [m.entity for c in n.children if c.dep_ in lx.PREMOD_DEPS and c.i < n.i
                   and (m := self.res.ent(c.i)) is not None and m.type == ORG and self._party(m)
                   and all(t.text.islower() for t in self.doc[m.end:n.i])]  # "the Democratic presidential
        # nomination", not "a Primetime Emmy nomination" (the award's name stands between)
        if not parties or self.res.negated(n):
            return
        verb = n.head.head if n.dep_ == "pobj" and n.head.lower_ in {"on", "for"} else n.head if n.dep_ == "dobj" \
            else None
        if verb is None or verb.pos_ not in {"VERB", "AUX"} or self.res.negated(verb):
            return
        people = self.res.clause_subject(verb, set(parties))
        people += [e for c in n.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children
                   if p.dep_ == "pobj" for e in self.res.np_entities(p)]
        for person in dict.fromkeys(people):
            if self.res.etype(person) == PERSON:
                for party in parties:
                    self.found.emit(person, "membership", party, "candidate", n.i, "ticket")

    def _party(self, m: Mention) -> bool:
        """A party's name as a premodifier: an adjective ("Democratic", "Labour") or a name with a party word;
        not an award ("a Primetime Emmy nomination") or a show."""
        return self.doc[m.end - 1].tag_ == "JJ" or bool(
            {t.lower_ for t in self.doc[m.start:m.end]} & PARTY_WORDS)

    def own_body(self, n: Token) -> None:
        """ "Gloria Estefan recorded it with her band, the Miami Sound Machine", "Erdogan's party, the AKP": a
        person's band, party or team, named right after it, is one they belong to. Read off the words, not the
        parse, which often hangs such an apposition on the verb; "his former band" makes a former member."""
        poss = [c for c in n.children if c.dep_ == "poss" and c.i < n.i]
        if len(poss) != 1 or n.tag_ != "NN" or self.res.negated(n):
            return
        j = n.i + 1
        if j < len(self.doc) and self.doc[j].text == ",":
            j += 1
        if j < len(self.doc) and self.doc[j].lower_ == "the":
            j += 1
        body = self.res.ent(j)
        if body is None or body.type != ORG or body.start != j:
            return
        if body.end < len(self.doc) and self.doc[body.end].lower_ in {"'s", "’s"}:
            return  # "her band, the Machine's drummer": the name is a possessor, not the band
        got = self.res.ent(poss[0].i)
        person = got.entity if got is not None else self.res.refer(poss[0], {body.entity})
        if person is None or self.res.etype(person) != PERSON:
            return
        former = any(c.dep_ == "amod" and c.lower_ in {"former", "old", "previous", "ex"} for c in n.children)
        self.found.emit(person, "membership", body.entity, "former member" if former else "member", n.i,
                        "own-body")

    def possessed_part(self, n: Token) -> None:
        """ "Tata Motors' Jaguar Land Rover unit", "Amazon's AWS division", "its Waymo subsidiary": a name right
        before a part noun that an organisation (or "its") possesses names that part of it."""
        poss = next((c for c in n.children if c.dep_ == "poss" and c.i < n.i), None)
        part = self.res.ent(n.i - 1)
        if poss is None or part is None or part.end != n.i or part.type != ORG or part.start <= poss.i \
                or self.res.root(part).head.i != n.i or self.res.negated(n):
            return
        got = self.res.ent(poss.i)
        owner = got.entity if got is not None else self.res.refer(poss, {part.entity})
        if owner is None or owner == part.entity or self.res.etype(owner) != ORG:
            return
        self.found.emit(part.entity, "part_of", owner, n.lemma_.lower(), n.i, "possessive")

    def joined_body(self, v: Token) -> None:
        """ "Lufthansa joined the Star Alliance in 1997": an organisation that joins a body of members (its name
        says so: alliance, league, union…) is part of it, role member (a person's joining is the lexicon's verb).
        Not "joined the EU in condemning the attack" or "joined X as …" (acting alongside, being alike)."""
        if self.res.negated(v) or any(c.dep_ in {"prep", "advcl"} and c.lower_ in {"in", "as"} and any(
                g.dep_ == "pcomp" or g.tag_ == "VBG" for g in c.children) or c.lower_ == "as" for c in v.children):
            return
        bodies = [e for c in v.children if c.dep_ == "dobj" for e in self.res.np_entities(c)
                  if self.res.etype(e) == ORG and set(self.res.ctx.entity_name.get(e, "").lower().split())
                  & MEMBER_BODY_WORDS]
        if not bodies:
            return
        for member in self.res.clause_subject(v, set(bodies)):
            if self.res.etype(member) == ORG:
                for body in bodies:
                    if body != member:
                        self.found.emit(member, "part_of", body, "member", v.i, "part-of")

    def parts_include(self, v: Token) -> None:
        """ "Tata Motors' subsidiaries include Jaguar Land Rover and Tata Daewoo", "its members include Lufthansa",
        "the band's members included John Lennon": the named parts of the possessor (or of the "of" phrase),
        part_of for organisations and membership for people; not "its rivals include" (no part noun)."""
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.tag_ != "NNS" or self.res.negated(v):
            return
        noun = subj.lemma_.lower()
        if noun not in self.part_nouns:
            return
        parts = [e for c in v.children if c.dep_ == "dobj" for e in self.res.np_entities(c)]
        owners = self._of_objects(subj)
        poss = next((c for c in subj.children if c.dep_ == "poss"), None)
        if not owners and poss is not None and poss.lower_ == "whose" and v.dep_ == "relcl":
            owners = self.res.np_entities(v.head, conj=False)  # "Star Alliance, whose members include …"
        elif not owners and poss is not None:
            got = self.res.ent(poss.i)
            ref = got.entity if got is not None else self.res.refer(poss, set(parts))
            owners = [ref] if ref is not None else []
        for owner in owners:
            if self.res.etype(owner) != ORG:
                continue
            for part in parts:
                if part == owner:
                    continue
                if self.res.etype(part) == ORG:
                    role = "member" if noun == "member" else "subsidiary" if noun in {"subsidiary", "holding"} \
                        else noun
                    self.found.emit(part, "part_of", owner, role, v.i, "include")
                elif self.res.etype(part) == PERSON and noun == "member":
                    self.found.emit(part, "membership", owner, "member", v.i, "include")

    def left(self, v: Token) -> None:
        """ "drummer Jay Ziskrout left Bad Religion", "she quit the BBC in 2010": a (former) membership."""
        if self.res.negated(v) or any(c.dep_ == "nsubjpass" for c in v.children):
            return
        orgs = [e for c in v.children if c.dep_ == "dobj" and not any(x.dep_ == "poss" for x in c.children)
                for e in self.res.np_entities(c) if self.res.etype(e) == ORG]  # not "left his post"
        if not orgs:
            return
        for person in self.res.clause_subject(v, set(orgs)):
            if self.res.etype(person) == PERSON:
                for org in orgs:
                    self.found.emit(person, "membership", org, "former member", v.i, "verb")

    def org_of_org(self, m: Mention) -> None:
        """ "the National Executive Committee of the African National Congress", "the Faculty of Law of the
        University of Oslo": an organisation named as "of" another is one of its bodies."""
        of = m.end
        if of >= len(self.doc) or self.doc[of].lower_ != "of" or self.doc[of].head.i != self.res.root(m).i:
            return
        if self.doc[m.end - 1].lower_ not in self.unit_words:
            return  # "Uma Bharti of the Bharatiya Janata Party": a name typed as an organisation names no body
        for p in self.doc[of].children:
            pm = self.res.ent(p.i)
            if p.dep_ == "pobj" and pm is not None and pm.type == ORG and pm.start <= of + 2 \
                    and pm.entity != m.entity:
                self.found.emit(m.entity, "part_of", pm.entity, None, of, "part-of")

    def named_within(self, m: Mention) -> None:
        """ "Barry University School of Podiatric Medicine" beside "Barry University", "Johns Hopkins Carey Business
        School" beside "Johns Hopkins University": an organisation named by another's name (or the stem of a
        university's name) and a body noun is one of its bodies. Stems that are places ("New York Law School",
        "New York University") relate nothing."""
        words = self.res.ctx.entity_name.get(m.entity, "").split()
        lows = [w.lower() for w in words]
        for other in sorted({x.entity for x in self.res.mentions if x.type == ORG and x.entity != m.entity}):
            owords = self.res.ctx.entity_name.get(other, "").split()
            k = len(owords)
            if not k or k >= len(words):
                continue
            if words[:k] == owords and self._country_arm(words[k:]):
                self.found.emit(m.entity, "part_of", other, "subsidiary", m.start, "named-within")
                continue
            if words[:k] == owords and self._acronym_arm(owords, lows[k:]):
                self.found.emit(m.entity, "part_of", other, None, m.start, "named-within")
                continue
            if words[:k] == owords:
                rest = lows[k + (lows[k] == "'s"):]
            elif k >= 3 and owords[-1].lower() in INSTITUTION_HEADS and words[:k - 1] == owords[:-1] \
                    and lows[k - 1] not in INSTITUTION_HEADS and lookup_place(" ".join(owords[:-1])) is None:
                rest = lows[k - 1:]
            else:
                continue
            if set(rest) - SUB_UNIT_WORDS - {"of", "and", "the", "for", "on", "'s"} and set(rest) & SUB_UNIT_WORDS \
                    and not set(rest) & INSTITUTION_HEADS and self._organisation_name(owords):
                # a body noun alone is the same body's fuller name ("U.S. Treasury Department", "U.S. Treasury")
                self.found.emit(m.entity, "part_of", other, None, m.start, "named-within")

    @staticmethod
    def _acronym_arm(owords: list[str], rest: list[str]) -> bool:
        """ "BBC Alba", "BBC HD" beside "the BBC", "ANC Youth League" beside "the ANC": a name that extends an
        acronym names one of its channels, arms or bodies — not "HSBC Holdings" or "BMW Group" (the parent
        itself), nor "FIFA World Cup" or "UEFA Euro 2008" (an event it runs), nor "U.S. Army" (a country's
        initials), nor "WDIV-TV" (the same station's call sign)."""
        acronym = owords[0] if len(owords) == 1 else ""
        if len(acronym) < 2 or not acronym.isalpha() or not acronym.isupper() or lookup_place(acronym) is not None:
            return False
        return bool(rest) and "'s" not in rest and rest[0] not in {"-", "–"} and not any(w.isdigit() for w in rest) \
            and not set(rest) & (lx.COMPANY_WORDS | NOT_ARM_WORDS)

    @staticmethod
    def _country_arm(rest: list[str]) -> bool:
        """Whether the words after a company's name name a country or world region, with or without a company
        word: "Microsoft India", "Square Enix Europe", "General Motors New Zealand Limited" are its arms there
        (not "Deutsche Bank" beside "Deutsche", nor "Ford Foundation": no place)."""
        while rest and rest[-1].lower().strip(".,") in lx.COMPANY_WORDS:
            rest = rest[:-1]
        if not rest or len(rest) > 3 or not all(w[:1].isupper() for w in rest):
            return False
        name = " ".join(rest)
        if name.lower() in WORLD_REGIONS:
            return True
        place = lookup_place(name)
        return place is not None and place.kind == "country"

    @staticmethod
    def _organisation_name(words: list[str]) -> bool:
        """A name that says it names an organisation: an acronym ("USC", "ANC") or a name with an organisation's
        noun ("Barry University"); not a person's or a place's name typed as an organisation ("Fryderyk Chopin"
        beside the Fryderyk Chopin Institute)."""
        if len(words) == 1 and sum(c.isupper() for c in words[0]) >= 2 and not any(c.islower() for c in words[0]):
            return True
        lows = {w.lower().strip(".,") for w in words}
        return bool(lows & (INSTITUTION_HEADS | lx.ORG_NOUNS | lx.PUBLIC_BODY_WORDS | lx.COMPANY_WORDS))

    def bracketed_org(self, m: Mention) -> None:
        """ "the county mayor is Janne Johnsen (Conservative Party)": an organisation alone in brackets right
        after a person's name is the party or body the person belongs to."""
        j = m.end
        if j + 2 >= len(self.doc) or self.doc[j].text != "(":
            return
        om = self.res.ent(j + 1)
        if om is None or om.type != ORG or om.start != j + 1 or om.end >= len(self.doc) \
                or self.doc[om.end].text != ")" or om.entity == m.entity:
            return
        short = self.doc[om.start:om.end].text
        if om.end - om.start == 1 and short[:1].isupper() and sum(c.isupper() for c in short) >= 2:
            before = [*self.doc[max(0, m.start - 8):m.start], self.doc[m.start]]
            if any(t.text[:1] == short[0] for t in before if t.text[:1].isupper()):
                return  # "Wasser für Alle (WfA)", "Escuela Latinoamericana de Medicina (ELAM)": an acronym of
                # the name before it, whatever type that name was given
        self.found.emit(m.entity, "membership", om.entity, "member", j + 1, "bracket")

    def employed(self, v: Token, role: str) -> None:
        """ "Goldman Sachs hired Anna Ruiz", "Ruiz was hired by Goldman Sachs": the person works for the
        organisation."""
        if self.res.negated(v):
            return
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in v.children) or (
            v.dep_ == "acl" and v.tag_ == "VBN")
        if passive:
            orgs = [e for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                    for e in self.res.np_entities(p)]
            people = self.res.clause_subject(v, set(orgs)) if v.dep_ != "acl" else self.res.described(v.head)
        else:
            orgs = self.res.clause_subject(v, set())
            people = [e for c in v.children if c.dep_ == "dobj" for e in self.res.np_entities(c)]
        for person in people:
            for org in orgs:
                if self.res.etype(person) == PERSON and self.res.etype(org) == ORG:
                    self.found.emit(person, "membership", org, role, v.i, "verb")
