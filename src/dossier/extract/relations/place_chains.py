"""Chains of places and their closure, one sentence at a time (the ``place-chain``, ``alias``, ``part-named`` and
``closure`` constructions of ``relations.located``; its ``LocatedFinder`` reads them through this mixin).

"in Huangpi, Wuhan, Hubei, China": each place of a chain joined by commas lies in the next, not a list ("Lahore,
Karachi and Quetta"); "Kristiania (now Oslo), Norway": a place's other name in brackets is no link; "X, also
known as Y": Y lies wherever the sentence puts X; "Western Pennsylvania": a direction and a state the sentence
names; and what lies in a place lies in what that place lies in when one sentence states both steps.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from dossier.extract.place_parents import admin_data
from dossier.extract.relations import lexicon as lx
from dossier.extract.relations.candidates import Candidates
from dossier.extract.relations.place_words import (
    DIRECTION_WORDS,
    REALM_NOUNS,
    UNIT_NOUNS,
)
from dossier.extract.relations.references import ORG, PLACE, Mention, ReferenceResolver
from dossier.model.names import name_key
from dossier.model.reference import Place

_MAX_CLOSURE = 4  # steps of containment followed within a sentence
# What a chain's first name of another type may follow: "from Fyllingsdalen, Bergen", "to Lincoln, Nebraska".
ANCHOR_PREPS = frozenset({"in", "from", "at", "near", "of", "to"})
ALIAS_VERBS = frozenset({"know", "call", "refer"})  # "X, also known as Y", "X, formerly called Y"
# What opens a bracket that gives a place its other name: "Kristiania (now Oslo)", "Oslo (formerly Christiania)".
RENAME_WORDS = frozenset({"now", "today", "formerly", "later", "present-day", "modern-day", "now called",
                          "formerly called", "later renamed", "today 's", "present - day", "modern - day"})


@cache
def admin1_countries() -> dict[str, frozenset[str]]:
    """name key → the countries with a first-level division (state, province) of that name: the gazetteer
    proper keeps one place per name and answers "Indiana" with a town, "New Brunswick" with the one in New
    Jersey, "Maryland" with nothing."""
    out: dict[str, set[str]] = defaultdict(set)
    for (country, _), name in admin_data().admin1_name.items():
        out[name_key(name)].add(country)
    return {k: frozenset(v) for k, v in out.items()}


class ChainReading:
    """The chain and closure readers of ``LocatedFinder`` (which supplies the resolver, the candidates and its
    place tests)."""

    res: ReferenceResolver
    found: Candidates
    doc: Doc

    if TYPE_CHECKING:
        def is_place(self, m: Mention) -> bool: ...

        def known(self, entity: str) -> Place | None: ...

        def larger(self, inner: str, outer: str, outer_region: bool = False) -> bool: ...

    def aliases(self) -> None:
        """ "Independence Pass, originally known as Hunter Pass, is a mountain pass in Colorado", "the Rio Grande
        de Mindanao, also known as the Mindanao River, …": a name the text gives as another name of a place or
        organisation lies wherever the sentence puts it (kept apart when the entity layer made two entities of
        them; whatever the other name's type, "known as" says what it names)."""
        for m in self.res.mentions:
            r = self.res.root(m)
            known = r.head.head
            if not (r.dep_ == "pobj" and r.head.lower_ == "as" and known.lemma_.lower() in ALIAS_VERBS
                    and known.dep_ in {"acl", "advcl", "relcl"} and known.tag_ == "VBN"):
                continue
            named = self.res.ent(known.head.i)
            if named is None or named.entity == m.entity or self.res.negated(known):
                continue
            start = r.sent.start
            for c in list(self.found.out.values()):
                if c.predicate == "located_in" and not c.negated and c.subject == named.entity and \
                        c.sentence_start == start and c.object != m.entity:
                    self.found.emit(m.entity, "located_in", c.object, None, r.i, "alias")

    def part_named(self, sent: Span) -> None:
        """ "in Western Pennsylvania … McKees Rocks, Pennsylvania", "Eastern Ukraine": a name that is a direction word
        and the name of a state or country the sentence also names is a part of it; not a place of its own
        that the gazetteer knows under the whole name ("West Virginia", "South Africa", "North Korea")."""
        ms = [m for m in self._starting_in(sent) if m.end <= sent.end]
        by_name = {name_key(self.res.ctx.entity_name.get(m.entity, "")): m.entity for m in ms if m.type == PLACE}
        for m in ms:
            words = self.res.ctx.entity_name.get(m.entity, "").split()
            if len(words) < 2 or words[0].lower() not in DIRECTION_WORDS - {"the", "far"} or \
                    not words[0][0].isupper() or m.type not in {PLACE, ORG}:
                continue
            rest = name_key(" ".join(words[1:]))
            whole = by_name.get(rest)
            outer = self.known(whole) if whole is not None else None
            if whole is None or whole == m.entity or self.known(m.entity) is not None or \
                    name_key(" ".join(words)) in admin1_countries():
                continue
            if not (outer is not None and outer.kind != "city" or rest in admin1_countries()):
                continue  # a state or a country: not "West Palm Beach" by "Palm Beach"
            self.found.emit(m.entity, "located_in", whole, None, m.start, "part-named")

    def _starting_in(self, sent: Span) -> list[Mention]:
        """The mentions that start in ``sent``, in order (by bisection: a filter over every mention of the chunk
        per sentence made a long report quadratic)."""
        starts = self.res.starts
        return self.res.mentions[bisect.bisect_left(starts, sent.start):bisect.bisect_left(starts, sent.end)]

    # -------------------------------------------------------------- "Huangpi, Wuhan, Hubei, China"
    def chains(self, sent: Span) -> None:
        places = [m for m in self._starting_in(sent) if m.end <= sent.end and self.is_place(m)
                  and not self._adjective(m)]
        chain: list[Mention] = []
        renamed: dict[int, Mention] = {}  # position in the chain → its other name in brackets
        for m in places:
            if chain and self._renamed(chain[-1], m) and len(chain) - 1 not in renamed:
                renamed[len(chain) - 1] = m  # "Kristiania (now Oslo), Norway": Oslo is no link of the chain
                continue
            last = renamed.get(len(chain) - 1)
            if chain and self._joined(chain[-1], m, last.end + 1 if last is not None else None):
                chain.append(m)
                continue
            self._emit_chain(chain, renamed)
            chain, renamed = [m], {}
        self._emit_chain(chain, renamed)

    def _renamed(self, a: Mention, b: Mention) -> bool:
        """ "Kristiania (now Oslo)", "Oslo (formerly Christiania)", "Bombay (present-day Mumbai)": the same place
        under its other name, in brackets right after it (the chain goes on after the bracket)."""
        if a.end + 2 >= len(self.doc) or b.end >= len(self.doc):
            return False
        opening = self.doc[a.end:b.start]
        return len(opening) in {2, 3} and opening[0].text == "(" and \
            " ".join(t.lower_ for t in opening[1:]) in RENAME_WORDS and self.doc[b.end].text == ")"

    def _adjective(self, m: Mention) -> bool:
        """A demonym qualifying the noun after it ("in the Gulf of Aden, Indian warship INS Mysore"): no item of a
        chain of places, whatever it stands for."""
        root = self.res.root(m)
        return root.tag_ == "JJ" and root.dep_ == "amod" and root.head.i > root.i

    def _joined(self, a: Mention, b: Mention, after: int | None = None) -> bool:
        """ "A, B", "A, northern B", "A, in the B", "A, within B", "A (B)": only a comma or bracket, "in" or
        "within" and direction words between them (a bracket only when the gazetteer knows B as the larger place:
        "Germany (East Prussia)"); ``after``: where the words after A begin when A's other name followed it in
        brackets."""
        between = self.doc[after if after is not None else a.end:b.start]
        if not between or between[0].text not in {",", "("} or len(between) > 5:
            return False
        rb = self.res.root(b)
        if rb.dep_ == "poss" and not (rb.head.dep_ == "appos" and a.start <= rb.head.head.i < a.end):
            # "in the Gulf of Aden, Yemen's news agency reported": B owns what follows, which is no apposition
            # of A (as in "Kandahar, Afghanistan's second city")
            return False
        if not all(t.text in {",", "("} or t.lower_ in DIRECTION_WORDS or
                   (t.lower_ in {"in", "within"} and t.i == a.end + 1) for t in between) and \
                not self._in_unit_of(between):
            return False
        return between[0].text == "," or self.known_larger(a.entity, b.entity)

    @staticmethod
    def _in_unit_of(between: Span) -> bool:
        """ "Lunéville, in the duchy of Lorraine", "Gao, in the region of Gao": ", in the <unit> of"."""
        words = [t.lower_ for t in between]
        return len(words) == 5 and words[:3] == [",", "in", "the"] and words[4] == "of" and \
            words[3] in UNIT_NOUNS | lx.GEO_NOUNS | REALM_NOUNS

    def known_larger(self, inner: str, outer: str) -> bool:
        return self.known(inner) is not None and self.known(outer) is not None and self.larger(inner, outer)

    def _listed(self, chain: list[Mention]) -> bool:
        """Whether the chain is part of an enumeration: "Buchach, Lutsk, Lviv and Ternopil"."""
        i = chain[-1].end
        depth = 0
        for _ in range(24):
            if i >= len(self.doc):
                return False
            t = self.doc[i]
            depth += (t.text == "(") - (t.text == ")")
            if depth > 0 or t.text == ")":  # "Halych (hence Halychyna), Khotyn, Lutsk and Lviv"
                i += 1
                continue
            if t.lower_ == "as" and i + 1 < len(self.doc) and self.doc[i + 1].lower_ == "well":
                return True
            if t.lower_ in {"and", "or", "&"}:  # "…, Uzhhorod and others", not "…, Canada and named after"
                nxt = self.doc[i + 1] if i + 1 < len(self.doc) else None
                return nxt is not None and nxt.pos_ not in {"VERB", "AUX", "ADV", "PRON", "ADP", "SCONJ"}
            if not (t.text == "," or t.pos_ == "PROPN" or self.res.ent(i) is not None):
                return False
            i += 1
        return True

    def _listed_pair(self, chain: list[Mention]) -> bool:
        """ "offices in Los Angeles, California and Detroit, Michigan": a listed item may itself be a town and
        its region, when the gazetteer knows both, the outer as of a higher rank and in the same country."""
        if len(chain) != 2:
            return False
        a, b = self.known(chain[0].entity), self.known(chain[1].entity)
        rank = {"city": 0, "region": 1, "country": 2}
        return a is not None and b is not None and rank[b.kind] > rank[a.kind] and \
            (b.country == a.country or not (a.country and b.country))

    def _emit_chain(self, chain: list[Mention], renamed: dict[int, Mention] | None = None) -> None:
        if len(chain) < 2 or len(chain) > 5 or (self._listed(chain) and not self._listed_pair(chain)):
            return
        if chain[0].start > 1 and self.doc[chain[0].start - 1].text == "," and \
                self.res.ent(chain[0].start - 2) is not None and len(chain) > 2:
            return  # "..., Khotyn, Lutsk, Lviv": the chain began earlier with something that is no place
        for inner, outer in zip(chain, chain[1:], strict=False):
            if self._starts_clause(inner, outer):
                continue
            if inner.entity != outer.entity and self.larger(inner.entity, outer.entity):
                self.found.emit(inner.entity, "located_in", outer.entity, None, inner.start, "place-chain")
        for i, other in (renamed or {}).items():  # the other name lies where the place lies
            if i + 1 < len(chain) and other.entity not in {chain[i].entity, chain[i + 1].entity} and \
                    self.larger(other.entity, chain[i + 1].entity):
                self.found.emit(other.entity, "located_in", chain[i + 1].entity, None, other.start, "place-chain")

    def _starts_clause(self, inner: Mention, outer: Mention) -> bool:
        """ "Like all lakes in Sylvania, Clark Lake has …", "in Los Angeles, New Jersey native Leroy Smith …": the
        comma ends an opening phrase and the next name begins the clause, as its subject or as a word qualifying
        a noun after it, so it says nothing of where the place before the comma lies."""
        a, b = self.res.root(inner), self.res.root(outer)
        if b.head.i == a.i or a.head.i == b.i:  # "Gao, Mali": the parser hung one name on the other
            return False
        if a.dep_ != "pobj":  # the opening phrase ends in a preposition's object ("the Ocala, Florida group")
            return False
        if b.dep_ in {"nsubj", "nsubjpass"} and b.head.pos_ in {"VERB", "AUX"}:
            return True
        h = b.head
        return b.dep_ in {"compound", "nmod", "amod"} and h.i >= outer.end and h.pos_ == "NOUN" and \
            self.res.ent(h.i) is None and h.lemma_.lower() not in lx.GEO_NOUNS and \
            not (inner.start > 0 and self.doc[inner.start - 1].lower_ in {"the", "a", "an"})  # "the Ocala, FL band"


    def close_again(self) -> None:
        """Containment followed once more after the learned second source added its ties (the rules' closure
        runs before it): a tie the model found joins a chain the rules stated ("X is in Y" + "Y, Z")."""
        self.closure()
        self.closure_across()

    def closure(self) -> None:
        by_sentence: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        anchors: dict[tuple[int, str], int] = {}
        for c in list(self.found.out.values()):
            if c.predicate == "located_in" and not c.negated:
                by_sentence[c.sentence_start][c.subject].add(c.object)
                anchors.setdefault((c.sentence_start, c.subject), c.anchor)
        for start, edges in by_sentence.items():
            self._two_containers(edges, anchors, start)
            for subject in sorted(edges):
                seen = set(edges[subject])
                frontier = sorted(seen)
                for _ in range(_MAX_CLOSURE):
                    nxt = sorted({o for f in frontier for o in edges.get(f, ())} - seen - {subject})
                    if not nxt:
                        break
                    for o in nxt:
                        if self.larger(subject, o):
                            self.found.emit(subject, "located_in", o, None, anchors[(start, subject)], "closure")
                    seen.update(nxt)
                    frontier = nxt

    def _two_containers(self, edges: dict[str, set[str]], anchors: dict[tuple[int, str], int], start: int) -> None:
        """ "the city of Angleton, Texas (United States) in Brazoria County": a place that one sentence puts in two
        places the gazetteer ranks apart, in one country (a county and a state), puts the smaller in the larger
        (a place lies in one tree; not an organisation, which may sit in Dallas and have offices in California)."""
        rank = {"city": 0.0, "county": 0.5, "region": 1.0, "country": 2.0}
        for subject in sorted(edges):
            if not all(m.type == PLACE for m in self.res.mentions if m.entity == subject):
                continue
            outer: list[tuple[float, str, str]] = []  # (rank, country, entity)
            for o in sorted(edges[subject]):
                k = self.known(o)
                if k is not None:
                    outer.append((rank[k.kind], k.country, o))
                elif self.res.ctx.entity_name.get(o, "").split()[-1:] in (["County"], ["District"], ["Parish"]):
                    outer.append((rank["county"], "", o))  # the gazetteer has no counties: "Brazoria County"
            for ra, ca, a in outer:
                for rb, cb, b in outer:
                    if ra < rb and (ca == cb or not ca) and b not in edges.get(a, ()):
                        self.found.emit(a, "located_in", b, None, anchors[(start, subject)], "closure")
                        edges[a].add(b)
                        anchors.setdefault((start, a), anchors[(start, subject)])

    def closure_across(self) -> None:
        """ "Lake Hiawatha is in Minneapolis. … Minneapolis, Minnesota": one step of containment joined across
        two sentences of the report; both sentences are the evidence."""
        edges: dict[str, list[tuple[str, int, int]]] = defaultdict(list)  # subject → (object, anchor, sentence)
        for cand in list(self.found.out.values()):
            if cand.predicate == "located_in" and not cand.negated and not cand.also:
                edges[cand.subject].append((cand.object, cand.anchor, cand.sentence_start))
        for a in sorted(edges):
            for b, anchor, s1 in sorted(edges[a]):
                for c, anchor2, s2 in sorted(edges.get(b, ())):
                    if s2 != s1 and c != a and self.larger(a, c):
                        self.found.emit(a, "located_in", c, None, anchor, "closure-across", also=(anchor2,))
