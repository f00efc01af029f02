"""Role titles as an open class: "Chelsea boss Frank Lampard", "Rage Against the Machine bassist Tim Commerford".

The role lexicon (``relation_roles.tsv``) lists the roles news about conflict and finance names; sport, music,
broadcasting and business name many more, and no list will hold them all. A common noun is read as a role
title when the parse puts it where titles stand, between an organisation and a person's name ("<org> <noun>
<person>"), and the noun is of the class of role words, which is recognised two ways:

* morphology: agent nouns ("-er", "-or", "-ist", "-ian", "-man", ...): bassist, midfielder, playmaker;
* ``data/relation_roles_induced.txt``: role nouns induced from annotated text by ``make roles``
  (``bench/induce_roles.py``: nouns that stand between an organisation and a person the gold says is its member,
  employee, leader or founder, in the development half of Re-DocRED), which adds the words morphology misses
  ("boss", "coach", "captain", "star").

A second slot is the noun of an apposition or a copula with an organisation after of/for/at/with ("X was a
Norwegian politician for the Labour Party", "X, the guitarist of Amaranthe") or just before it ("X is an Irish
Labour Party politician", "X, a BBC presenter"), or possessing it ("X, the BBC's political editor"). The relation
is a membership (the lexicon's rows still decide for the words it knows: "founder" is leadership).
Words that are not roles although they stand there ("the Labour Party candidate", "a Chelsea fan") are kept
out by a short stop list.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from dossier.extract.relations.lexicon import DESCRIBED_ORG_NOUNS, ORG_NOUNS, PREMOD_DEPS, RoleSense, TitleMatch
from dossier.model import EntityType

AGENT_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "person", "ant", "ent", "eer", "ee")
# Nouns in the title slot that name no role toward the organisation (fans, victims, rivals, things; "the main
# character of the epic Mahabharata" is in a work, not a member of it).
NOT_ROLES = frozenset(
    "fan fans supporter supporters customer customers user users rival rivals opponent opponents victim victims "
    "critic critics number order paper water letter center centre corner quarter winter summer river border "
    "government parent patient client student resident citizen neighbor neighbour visitor viewer reader "
    "listener passenger tenant owner-occupier tower computer character characters chapter chapters "
    # held by the organisation, or dealing with it from outside (session 18): "Hamas's prisoner X", "a Tesla
    # shareholder"
    "prisoner prisoners detainee detainees refugee refugees escapee investor investors shareholder shareholders "
    "buyer buyers seller sellers bidder bidders lender lenders borrower borrowers".split()
)


@cache
def induced_roles() -> frozenset[str]:
    """The induced role nouns shipped with the package (one lemma per line; ``#`` starts a comment)."""
    text = resources.files("dossier.data").joinpath("relation_roles_induced.txt").read_text(encoding="utf-8")
    return frozenset(line.split("\t")[0].strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def is_role_noun(tok: Token) -> bool:
    """Whether a common noun is of the role class (agent morphology or the induced list)."""
    lemma = tok.lemma_.lower()
    if lemma in NOT_ROLES or not lemma.isalpha() or len(lemma) < 3:
        return False
    return lemma in induced_roles() or lemma.endswith(AGENT_SUFFIXES)


def open_titles(doc: Doc, entity_type_at: Callable[[int], EntityType | None],
                known: dict[int, TitleMatch]) -> dict[int, TitleMatch]:
    """Role titles the lexicon lacks, in the "<organisation> <noun> <person>" slot, keyed by token index."""
    out: dict[int, TitleMatch] = {}
    for tok in doc:
        if tok.i in known or tok.pos_ != "NOUN" or tok.ent_type_ or not tok.text.islower():
            continue
        if (_role_of_organisation(tok, entity_type_at) or _organisation_premodified(tok, entity_type_at)
                or _organisation_possessed(tok, entity_type_at)) and is_role_noun(tok):
            out[tok.i] = _title(tok)
            continue
        nxt = tok.i + 1
        if nxt >= len(doc) or entity_type_at(nxt) != EntityType.PERSON:
            continue
        if not (tok.dep_ in PREMOD_DEPS and entity_type_at(tok.head.i) == EntityType.PERSON) \
                and not any(c.dep_ == "appos" and c.i > tok.i and entity_type_at(c.i) == EntityType.PERSON
                            for c in tok.children):
            # "composed by Rage Against the Machine bassist Tim Commerford": the parser may make the name an
            # apposition of the title rather than the title a premodifier of the name
            continue
        before = tok.i - 1
        has_org = before >= 0 and entity_type_at(before) == EntityType.ORGANIZATION or any(
            c.dep_ in PREMOD_DEPS | {"poss"} and entity_type_at(c.i) == EntityType.ORGANIZATION
            for c in tok.children) or any(  # "Arsenal's manager Mikel Arteta": the possessive on the name
            c.dep_ == "poss" and c.i < tok.i and _organisation_possessor(c, entity_type_at)
            for c in tok.head.children)
        if not has_org or not is_role_noun(tok):
            continue
        out[tok.i] = _title(tok)
    return out


def _title(tok: Token) -> TitleMatch:
    lemma = tok.lemma_.lower()
    sense = RoleSense("title", (lemma,), lemma, frozenset({EntityType.PERSON}),
                      ((EntityType.ORGANIZATION, "membership"),))
    return TitleMatch(tok.i, tok.i + 1, tok.i, sense)


def _organisation_premodified(tok: Token, entity_type_at: Callable[[int], EntityType | None]) -> bool:
    """ "Joan Burton is an Irish Labour Party politician", "X, a BBC presenter": a noun in apposition to a name
    or after "is/was" whose premodifier just before it is an organisation's name."""
    if tok.dep_ not in {"attr", "appos"}:
        return False
    if any(c.dep_ == "poss" and entity_type_at(c.i) == EntityType.ORGANIZATION for c in tok.children):
        return True  # "Laura Kuenssberg, the BBC's political editor"
    if tok.i == 0 or entity_type_at(tok.i - 1) != EntityType.ORGANIZATION:
        return False
    return any(c.dep_ in PREMOD_DEPS and entity_type_at(c.i) == EntityType.ORGANIZATION for c in tok.children)


def _organisation_possessor(tok: Token, entity_type_at: Callable[[int], EntityType | None]) -> bool:
    """An organisation's name, or "the band's", "the club's": a definite organisation noun that the relation
    rules resolve to the organisation named before (or to none)."""
    if entity_type_at(tok.i) == EntityType.ORGANIZATION:
        return True
    return tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lemma_.lower() in ORG_NOUNS | DESCRIBED_ORG_NOUNS \
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _organisation_possessed(tok: Token, entity_type_at: Callable[[int], EntityType | None]) -> bool:
    """ "Bad Religion's guitarist Brett Gurewitz", "Chelsea's striker, Diego Costa,": a noun whose possessor is an
    organisation's name and whose apposition is a person's name (the parse makes the noun the head)."""
    poss = [c for c in tok.children if c.dep_ == "poss" and c.i < tok.i]
    if not poss or not _organisation_possessor(poss[0], entity_type_at):
        return False
    return any(c.dep_ == "appos" and c.i > tok.i and entity_type_at(c.i) == EntityType.PERSON
               for c in tok.children)


def _role_of_organisation(tok: Token, entity_type_at: Callable[[int], EntityType | None]) -> bool:
    """ "a politician for the Labour Party", "the guitarist of Amaranthe", "a professor at Harvard": a noun in
    apposition to a name or after "is/was", with an organisation after of/for/at/with, or a kind of body named in
    apposition after "in" ("a guitarist in the band Wilco")."""
    if tok.dep_ not in {"attr", "appos"}:
        return False
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "for", "at", "with"}:
            for p in prep.children:
                if p.dep_ == "pobj" and (entity_type_at(p.i) == EntityType.ORGANIZATION
                                         or _named_kind(p, entity_type_at)):
                    return True
        if prep.dep_ == "prep" and prep.lower_ == "in":  # "a guitarist in the band Wilco" (not "a lawyer in Kabul")
            if any(p.dep_ == "pobj" and _named_kind(p, entity_type_at) for p in prep.children):
                return True
    return False


def _named_kind(p: Token, entity_type_at: Callable[[int], EntityType | None]) -> bool:
    """ "the guitarist of the metal band Amaranthe": a common noun for the kind of body, with the body's name in
    apposition right after it."""
    return p.pos_ == "NOUN" and not entity_type_at(p.i) and any(
        c.dep_ == "appos" and c.i == p.i + 1 and entity_type_at(c.i) == EntityType.ORGANIZATION for c in p.children)
