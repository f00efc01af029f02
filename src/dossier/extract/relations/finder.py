"""Relations between entities, read off the dependency parse (see docs/relations.md).

``find_relations`` walks the parse of one chunk and returns :class:`RelationCandidate` records. Everything is
driven by the role lexicon (``relations.lexicon`` and ``data/relation_roles.tsv``): a *title* ("spokesman",
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
``place-chain``, ``described-in``, ``place-in``, ``contains``, ``named-after``, ``closure``, ``closure-across``
                    located_in (``relations.located``): "in Huangpi, Wuhan, Hubei, China", "Zabiele is a village in
                    the district of Gmina Wielbark", "the county contains X", "Indiana State Teachers College"
``part-of``, ``owned-by``, ``parent``
                    part_of and its neighbours (``relations.parts``): "X is part of Y", "Y acquired X"
``kin-list``        "her children A and B": A and B are siblings

Subjects and objects are always entities of the chunk. A possessive pronoun or a definite noun ("its
director", "the group's financier", "his nephew") is resolved to a preceding entity of the right type within
a few sentences; a definite role ("the brother of the group's commander") to the holder found for that role.
Type constraints come from the lexicon (family: person → person; membership: person → organisation; ...).
The work is linear in the number of tokens: every step is a bounded walk over the parse, and no model is called.

The constructions live in ``relations.titles``, ``relations.verbs`` and ``relations.places`` (mixins sharing the
resolver's state) and in ``relations.located`` and ``relations.parts`` (components given the resolver: the way
the others are meant to go); the resolution of names, pronouns and noun phrases that they share, and the
recording of candidates, in ``relations.references``; role titles the lexicon lacks in ``relations.open_roles``.
This module runs them over a chunk in a fixed order.
"""

from __future__ import annotations

from dossier.extract.context import DocContext, RelationCandidate
from dossier.extract.relations import lexicon as lx
from dossier.extract.relations.lexicon import link_sense, verb_sense
from dossier.extract.relations.located import LocatedFinder
from dossier.extract.relations.parts import PartFinder
from dossier.extract.relations.places import PlaceFinder
from dossier.extract.relations.references import PERSON
from dossier.extract.relations.titles import TitleFinder
from dossier.extract.relations.verbs import VerbFinder


class _Finder(TitleFinder, VerbFinder, PlaceFinder):
    """One pass over a chunk; ``run`` returns the candidates in token order."""

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
        PartFinder(self).run()
        LocatedFinder(self).run()
        self.siblings()
        return sorted(self.out.values(), key=lambda c: (c.anchor, c.predicate, c.subject, c.object))


    def siblings(self) -> None:
        """ "her sisters A, B and C", "the sons of X, A and B": the members of one kin list are siblings."""
        groups: dict[tuple[str, int], list[str]] = {}
        for c in list(self.out.values()):
            if c.predicate == "family" and c.role in SIBLING_ROLES and not c.negated:
                groups.setdefault((c.object, c.anchor), []).append(c.subject)
        for (_, anchor), members in sorted(groups.items()):
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    self.emit(a, "family", b, "sibling", anchor, "kin-list")


SIBLING_ROLES = frozenset({"son", "daughter", "child", "brother", "sister", "sibling"})


def find_relations(ctx: DocContext) -> list[RelationCandidate]:
    """Relations stated in one parsed chunk, as candidates in token order (see the module docstring)."""
    if not ctx.entity_of_ent:
        return []
    return _Finder(ctx).run()
