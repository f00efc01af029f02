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
``place-chain``, ``described-in``, ``place-in``, ``contains``, ``named-after``, ``closure``, ``closure-across``,
``described-as``, ``home-to``
                    located_in (``relations.located``): "in Huangpi, Wuhan, Hubei, China", "Zabiele is a village in
                    the district of Gmina Wielbark", "the county contains X", "Indiana State Teachers College"
``part-of``, ``owned-by``, ``parent``, ``named-within``, ``ticket``, ``own-body``, ``include``
                    part_of and its neighbours (``relations.parts``): "X is part of Y", "Y acquired X", "Barry
                    University School of Podiatric Medicine" (Barry University), "elected on the Democratic ticket",
                    "with her band, the Miami Sound Machine", "its subsidiaries include X"
``member-noun``     membership without a title (``relations.member_nouns``): "X, a Democrat", "fellow Democrat X"
``kin-list``        "her children A and B", "the twin brothers A and B": A and B are siblings
``parents``         "the son of A and B", "born to A and B": A and B are a child's parents
``kin-closure``     "X, the son of P … X's brother Y": Y is a child of P too (two statements, both the evidence)
``fronted``         "Born in Rome, the daughter of actors A and B, she …": the phrase describes "she"
``had-children``    "He had two sons, A and B", "Y, with whom he had four children, A, B …": A and B are their children
``model``           a pair of one sentence that no rule related, classified by ``relations.learned`` (a linear
                    model trained on Re-DocRED half a)

Subjects and objects are always entities of the chunk. A possessive pronoun or a definite noun ("its
director", "the group's financier", "his nephew") is resolved to a preceding entity of the right type within
a few sentences; a definite role ("the brother of the group's commander") to the holder found for that role.
Type constraints come from the lexicon (family: person → person; membership: person → organisation; ...).
The rules are linear in the number of tokens: every step is a bounded walk over the parse; the learned step
scores the pairs of names of each sentence (``relations.learned``).

The pieces are collaborators with one job each, sharing one chunk's state through two objects: a
``ReferenceResolver`` (``relations.references``: the chunk's mentions and the resolution of names, pronouns and
noun phrases to them) and ``Candidates`` (``relations.candidates``: the candidates recorded so far). The
constructions are read by ``TitleFinder`` (``relations.titles``), ``VerbFinder`` (``relations.verbs``),
``PlaceFinder`` (``relations.places``), ``PartFinder`` (``relations.parts``) and ``LocatedFinder``
(``relations.located``); role titles the lexicon lacks come from ``relations.open_roles``. This module runs
them over a chunk in a fixed order (the first construction to state a relation keeps it).
"""

from __future__ import annotations

from dossier.extract.context import DocContext, RelationCandidate
from dossier.extract.relations import lexicon as lx
from dossier.extract.relations.candidates import Candidates
from dossier.extract.relations.learned import learned_candidates
from dossier.extract.relations.lexicon import link_sense, verb_sense
from dossier.extract.relations.located import LocatedFinder
from dossier.extract.relations.member_nouns import MemberFinder
from dossier.extract.relations.parts import PartFinder
from dossier.extract.relations.places import PlaceFinder
from dossier.extract.relations.references import PERSON, ReferenceResolver
from dossier.extract.relations.titles import TitleFinder
from dossier.extract.relations.verbs import VerbFinder

SIBLING_ROLES = frozenset({"son", "daughter", "child", "brother", "sister", "sibling"})
FULL_SIBLING_ROLES = frozenset({"brother", "sister", "sibling", "twin"})  # not half-, step- or -in-law
CHILD_ROLES = frozenset({"son", "daughter", "child"})  # subject → its parent
PARENT_ROLES = frozenset({"father", "mother", "parent"})  # subject → its child


def find_relations(ctx: DocContext) -> list[RelationCandidate]:
    """Relations stated in one parsed chunk, as candidates in token order (see the module docstring)."""
    if not ctx.entity_of_ent:
        return []
    res = ReferenceResolver(ctx)
    found = Candidates(res)
    titles, verbs, places = TitleFinder(res, found), VerbFinder(res, found), PlaceFinder(res, found)
    for i in sorted(res.titles):
        titles.do_title(res.titles[i])
    for i in sorted(res.titles):
        titles.do_list(res.titles[i])
    for tok in res.doc:
        if tok.lemma_.lower() == "marry" or tok.lower_ == "married":
            if verbs.do_married_to(tok):
                continue
        if tok.lower_ == "born":
            verbs.do_born_to(tok)
        if tok.lower_ == "under":
            verbs.do_under(tok)
        elif tok.lemma_.lower() == "admit" and tok.pos_ == "VERB":
            verbs.do_admitted(tok)
        elif tok.lemma_.lower() in lx.TEACHER_NOUNS:
            verbs.do_teachers(tok)
        if (sense := verb_sense(tok, res.lex)) is not None:
            verbs.do_verb(tok, sense)
        elif tok.lemma_.lower() in lx.MONEY_VERBS and tok.pos_ == "VERB":
            verbs.do_money(tok)
        elif (link := link_sense(tok, res.lex)) is not None:
            verbs.do_link(tok, link)
        elif tok.lemma_.lower() in lx.SEAT_BODIES and tok.pos_ == "NOUN":
            verbs.do_board(tok)
        elif tok.lower_ in lx.SEAT_VERBS:
            places.do_based(tok)
    for m in res.mentions:
        if m.type == PERSON:
            places.do_person_of(m)
        else:
            places.do_org_places(m)
    MemberFinder(res, found).run()
    PartFinder(res, found).run()
    located = LocatedFinder(res, found)
    located.run()
    siblings(found)
    kin_closure(found)
    learned_candidates(res, found)
    located.close_again()
    return found.in_order()


def siblings(found: Candidates) -> None:
    """ "her sisters A, B and C", "the sons of X, A and B": the members of one kin list are siblings."""
    groups: dict[tuple[str, int], list[str]] = {}
    for c in list(found.out.values()):
        if c.predicate == "family" and c.role in SIBLING_ROLES and not c.negated:
            groups.setdefault((c.object, c.anchor), []).append(c.subject)
    for (_, anchor), members in sorted(groups.items()):
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if not _alternatives(found.res, a, b, anchor):
                    found.emit(a, "family", b, "sibling", anchor, "kin-list")


def _alternatives(res: ReferenceResolver, a: str, b: str, anchor: int) -> bool:
    """ "Kusha or Kusa and his twin brother Lava were the children of Rama": two names joined by "or" in the
    sentence are one person's two names (or either of two), not two siblings."""
    sent = res.doc[anchor].sent
    ends = {m.end: m.entity for m in res.mentions if sent.start <= m.start < sent.end and m.entity in {a, b}}
    for m in res.mentions:
        if m.entity not in {a, b} or not sent.start <= m.start < sent.end:
            continue
        k = m.start - 1
        if k > sent.start and res.doc[k].lower_ == "or":
            before = ends.get(k - 1) if res.doc[k - 1].text == "," else ends.get(k)
            if before is not None and before != m.entity:
                return True
    return False


def kin_closure(found: Candidates) -> None:
    """ "Li Jiancheng was the oldest son of Li Yuan … murdered by his younger brother, Li Shimin": a (full)
    sibling of a child is a child of the same parent. Both statements are the evidence (``also``); half-,
    step- and in-law siblings are not followed, nor a parent statement whose title a possessive pronoun holds
    ("her daughter, Charlene": when "her" goes to the wrong person, her brother would get that stranger for a
    parent too; seen on ECB+)."""
    parents: dict[str, dict[str, int]] = {}  # child → parent → anchor
    pairs: list[tuple[str, str, int]] = []
    doc = found.res.doc
    for c in list(found.out.values()):
        if c.predicate != "family" or c.negated or c.also:
            continue
        if c.role in CHILD_ROLES | PARENT_ROLES and any(
                t.dep_ == "poss" and t.pos_ == "PRON" for t in doc[c.anchor].children):
            continue  # "her daughter, Charlene": a possessive's referent is a guess; a second child would inherit it
        if c.role in CHILD_ROLES:
            parents.setdefault(c.subject, {}).setdefault(c.object, c.anchor)
        elif c.role in PARENT_ROLES:
            parents.setdefault(c.object, {}).setdefault(c.subject, c.anchor)
        elif c.role in FULL_SIBLING_ROLES:
            pairs.append((c.subject, c.object, c.anchor))
    for a, b, anchor in sorted(pairs):
        for x, y in ((a, b), (b, a)):
            for parent, where in sorted(parents.get(x, {}).items()):
                if parent != y and parent not in parents.get(y, {}):
                    found.emit(y, "family", parent, "child", anchor, "kin-closure", also=(where,))
