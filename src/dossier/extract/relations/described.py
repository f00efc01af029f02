"""Where an organisation or place is, read off the words that describe it (located_in).

News and encyclopaedic prose place a name by the adjective or the name in front of the noun that says what it
is: "Roketsan is a major Turkish weapons manufacturer", "Al-Shabaab, a Somali militant group", "the Pakistani
militant group Lashkar-e-Taiba", "a Tokyo company", "in the Afghan capital, Kabul", "Sweden's capital Stockholm".
A demonym stands for its country only where the report names the country (``extract.demonym_places``: the
relation view of the chunk maps the adjective to the country's entity), so nothing is invented.

``described-as``  the subject of a copula or an apposition described by an organisation or place noun with a
                  place among that noun's premodifiers ("X is a Japanese company", "X, a Norwegian club");
``premodifier-place``
                  a name directly after such a noun phrase ("the Pakistani militant group Lashkar-e-Taiba", "the
                  Afghan capital, Kabul", "Sweden's capital Stockholm"), read on the tokens, because the small
                  parser often hangs the name elsewhere; each name listed after a plural organisation noun ("the
                  Danish engineering firms COWI and Ramboll"), or one set after a comma in apposition ("the South
                  African political party, the African National Congress");
``adjective-on-name``
                  a country's adjective on an organisation's own name ("the conservative Swedish Riksdag").

Not read: a place followed by a hyphen ("a US-listed company", "an Iranian-backed militia": the place says
something else; "X-based" is ``based``), a noun that names people ("a Turkish businessman"), and a premodifier
place of a person.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from dossier.extract.demonym_places import country_of
from dossier.extract.relations import lexicon as lx
from dossier.extract.relations.candidates import Candidates
from dossier.extract.relations.references import ORG, PLACE, Mention, ReferenceResolver
from dossier.model.names import name_key
from dossier.model.reference import Place

# Nouns that say what kind of organisation a name is ("manufacturer", "club"), beyond the lexicon's ORG_NOUNS.
ORG_KIND_NOUNS = frozenset(
    "band team club newspaper magazine station studio airline label publisher broadcaster orchestra choir "
    "brewery restaurant store shop mall factory plant mine festival manufacturer maker producer developer "
    "retailer carrier operator lender insurer miner refiner startup start-up conglomerate channel network "
    "daily weekly tabloid university school college academy institute hospital museum charity ngo "
    "think-tank tank outlet broadcaster "
    # what a business is to the trade or to another firm: "the Swedish furniture giant IKEA", "X, the Canadian
    # parent of Air Canada", "the British subsidiary of Y"
    "giant parent subsidiary affiliate".split()
)
# Kinds of site a country's adjective describes as its own ("an American national park", "Danish islands").
SITE_NOUNS = frozenset(
    "park island islands airport port harbour harbor bridge stadium arena reserve base farm monument palace castle "
    "cathedral church lake river mountain peninsula coast".split()
)
# Place nouns after which a name is that place: "the Afghan capital, Kabul", "the Iraqi city Mosul".
CAPITAL_NOUNS = lx.GEO_NOUNS | frozenset({"capital"})
_MAX_PREMODIFIERS = 6  # tokens scanned back from the noun for its premodifiers
# What a thing a country describes is said to be from or in: "a club from Bergen", "a park located in Washington".
_SITED_PREPS = frozenset({"from", "in", "at", "near", "on"})
_SITED_VERBS = frozenset({"locate", "base", "situate", "headquarter", "found", "establish"})
_STOP_BEFORE = frozenset({",", ";", ":", "(", ")", "and", "or", "of", "in", "the", "a", "an", "'s"})


class DescribedFinder:
    """located_in from the premodifiers of the noun that describes a name, in one chunk."""

    def __init__(self, res: ReferenceResolver, found: Candidates, larger: Callable[[str, str], bool],
                 known: Callable[[str], Place | None]) -> None:
        self.res = res
        self.found = found
        self.doc = res.doc
        self.larger = larger  # LocatedFinder.larger: the gazetteer's test of containment
        self.known = known  # LocatedFinder.known: the gazetteer's entry bearing the place's own name

    def premodifier_places(self, noun: Token, subject: str) -> list[Mention]:
        """The places among the premodifiers of ``noun`` (and of its compound/nmod modifiers, one level down:
        "a Japanese video game company"), not followed by a hyphen, and not the subject itself."""
        out: list[Mention] = []
        mods = [c for c in noun.children if c.dep_ in lx.PREMOD_DEPS and c.i < noun.i]
        mods += [g for c in list(mods) if c.dep_ in {"compound", "nmod"} and self.res.ent(c.i) is None
                 for g in c.children if g.dep_ in lx.PREMOD_DEPS and g.i < c.i]
        for c in mods:
            m = self.res.ent(c.i)
            if m is None or m.type != PLACE or m.entity == subject:
                continue
            if m.end < len(self.doc) and self.doc[m.end].text in {"-", "–"}:
                continue  # "a US-listed company", "an Iranian-backed militia"
            if m not in out:
                out.append(m)
        return out

    def described_as(self, subject: str, noun: Token) -> None:
        """ "X is a Japanese video game company", "X, a Somali militant group", "Zabiele is a Polish village",
        "Bamako, the Malian capital" (a capital lies in the place its adjective names)."""
        lemma = noun.lemma_.lower()
        if noun.pos_ != "NOUN" or lemma not in lx.ORG_NOUNS | ORG_KIND_NOUNS | CAPITAL_NOUNS | SITE_NOUNS:
            return
        if self.res.negated(noun):
            return
        for p in self.premodifier_places(noun, subject):
            if self.larger(subject, p.entity):
                self.found.emit(subject, "located_in", p.entity, None, p.start, "described-as")

    def name_after_noun(self, m: Mention) -> None:
        """ "the Pakistani militant group Lashkar-e-Taiba", "the Afghan capital, Kabul", "Sweden's capital
        Stockholm": the name follows its describing noun at once (a comma between only for a place)."""
        i = m.start - 1
        if i >= 0 and self.doc[i].text == "," and m.type == PLACE:
            i -= 1
        elif (noun_at := self.org_in_apposition(m)) is not None:
            i = noun_at
        if i < 0 or self.res.ent(i) is not None:
            return
        noun = self.doc[i]
        lemma = noun.lemma_.lower()
        if noun.pos_ != "NOUN":
            return
        named = [m.entity]
        if noun.tag_ in {"NNS", "NNPS"}:
            if m.type != ORG:
                return  # "Syrian cities Aleppo, Homs": a plural place noun heads a list (place chains' business)
            # "the Danish engineering firms COWI and Ramboll": a plural organisation noun describes each name
            # listed right after it (not "Pakistani outfits such as TND and JuB": "such as" stands between)
            named += [e for e in self.res.conjuncts(self.res.root(m)) if self.res.etype(e) == ORG]
        if m.type == PLACE:
            if lemma not in CAPITAL_NOUNS:
                return
        elif m.type != ORG or lemma not in lx.ORG_NOUNS | ORG_KIND_NOUNS:
            return
        for p in self._before(noun):
            for e in named:
                if p.entity != e and self.larger(e, p.entity):
                    self.found.emit(e, "located_in", p.entity, None, noun.i, "premodifier-place")

    def org_in_apposition(self, m: Mention) -> int | None:
        """The describing noun an organisation's name is set after, with a comma, in apposition ("the South African
        political party, the African National Congress"), alone (not a list: "the Syrian army, Hezbollah and
        Iran"); else None."""
        r = self.res.root(m)
        comma = m.start - 2 if m.start >= 2 and self.doc[m.start - 1].lower_ == "the" else m.start - 1
        if m.type != ORG or comma < 1 or self.doc[comma].text != "," or r.dep_ != "appos" or r.head.i != comma - 1:
            return None
        if any(c.dep_ in {"conj", "cc"} for c in [*r.children, *r.head.children]):
            return None
        if m.end < len(self.doc) and self.doc[m.end].lower_ in {"and", "or", ","}:
            return None
        return comma - 1

    def is_adjective(self, p: Mention) -> bool:
        """Whether the place mention is a country's adjective standing for it ("Swedish" for Sweden), not a name
        of the place itself."""
        text = self.doc[p.start:p.end].text
        return country_of(text) is not None and name_key(text) != name_key(self.res.ctx.entity_name.get(p.entity, ""))

    def adjective_on_name(self, m: Mention) -> None:
        """An organisation's name qualified by a country's adjective outside the name: "the conservative Swedish
        Riksdag", "the Lebanese Hezbollah" → located_in the country (an organisation is located where it is
        based: docs/relations.md). Not when the name itself qualifies a noun after it ("the German Siemens
        engineer": the adjective is the engineer's), nor before a hyphen ("the Saudi-led coalition"); the adjective
        must stand right before the name, with at most other adjectives between ("the conservative Swedish
        Riksdag", not "German reprisals by the Wehrmacht")."""
        if m.type != ORG:
            return
        r = self.res.root(m)
        if r.dep_ in lx.PREMOD_DEPS and r.head.i > r.i:
            return
        for c in r.children:
            if c.dep_ not in lx.PREMOD_DEPS or c.i >= m.start:
                continue
            p = self.res.ent(c.i)
            if p is None or p.type != PLACE or p.entity == m.entity:
                continue
            if p.end < len(self.doc) and self.doc[p.end].text in {"-", "–"}:
                continue
            if any(t.pos_ != "ADJ" for t in self.doc[p.end:m.start]):
                continue
            if not self.is_adjective(p):
                continue  # a name split in two ("who was in Circle Jerks"), or a city's own name before a body
            if self.larger(m.entity, p.entity):
                self.found.emit(m.entity, "located_in", p.entity, None, p.start, "adjective-on-name")

    def places_of_country_noun(self, noun: Token) -> None:
        """ "a Norwegian football club from Bergen, Hordaland", "an American national park located in the State
        of Washington", "the Danish islands of Zealand and Funen": the places the thing a country describes is
        from, in or at lie in that country, when the gazetteer puts them there (so "an American company in
        Beijing" says nothing of Beijing). The country is usually a demonym (``extract.demonym_places``)."""
        lemma = noun.lemma_.lower()
        if noun.pos_ != "NOUN" or lemma not in lx.ORG_NOUNS | ORG_KIND_NOUNS | lx.GEO_NOUNS | SITE_NOUNS:
            return  # "Pakistani officials in Islamabad": people are where they are, not what they are from
        if self.res.negated(noun):
            return
        countries = [(c, k) for c in self.premodifier_places(noun, "")
                     if (k := self.known(c.entity)) is not None and k.kind == "country"]
        if not countries:
            return
        heads = [noun, *(c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in _SITED_VERBS)]
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or not (prep.lower_ in _SITED_PREPS or prep.lower_ == "of" and head is noun
                                               and lemma in lx.GEO_NOUNS | SITE_NOUNS):
                    continue  # "of" names the place itself after a place noun: "the Danish islands of Zealand"
                for p in self._listed_places(prep):
                    k = self.known(p.entity)
                    for c, kc in countries:
                        if k is not None and k.kind != "country" and k.country == kc.country:
                            self.found.emit(p.entity, "located_in", c.entity, None, p.start, "country-noun")

    def _listed_places(self, prep: Token) -> list[Mention]:
        """The places a preposition governs, with those listed or set beside them ("from Fyllingsdalen, Bergen,
        Hordaland")."""
        out: list[Mention] = []
        todo = [t for t in prep.children if t.dep_ == "pobj"]
        while todo:
            t = todo.pop(0)
            m = self.res.ent(t.i)
            if m is not None and m.type == PLACE and m not in out:
                out.append(m)
            if m is None and t.pos_ != "PROPN":
                continue
            # a listed name the pipeline did not take for a place still carries the list on ("from Fyllingsdalen,
            # Bergen": a district the gazetteer does not know); only the places the gazetteer puts in the
            # country are read off it
            todo += [c for c in t.children if c.dep_ in {"conj", "appos"}]
        return out

    def _before(self, noun: Token) -> list[Mention]:
        """The places in the words just before ``noun`` within its phrase: premodifiers ("the Afghan capital")
        or a possessor ("Sweden's capital"), up to a determiner, a comma or a preposition."""
        out: list[Mention] = []
        j = noun.i - 1
        sent_start = noun.sent.start
        for _ in range(_MAX_PREMODIFIERS):
            if j < sent_start:
                break
            t = self.doc[j]
            m = self.res.ent(j)
            if m is not None:
                if m.type != PLACE or (m.end < len(self.doc) and self.doc[m.end].text in {"-", "–"}):
                    break
                if m not in out:
                    out.append(m)
                j = m.start - 1
                continue
            if t.lower_ == "'s" and j > sent_start and self.res.ent(j - 1) is not None:
                j -= 1
                continue
            if t.lower_ in _STOP_BEFORE or t.pos_ not in {"ADJ", "NOUN", "PROPN"}:
                break
            j -= 1
        return out
