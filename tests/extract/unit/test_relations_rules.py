"""``relations.finder.find_relations`` on hand-built parses: one construction per test, read off the tree."""

from __future__ import annotations

from dossier.extract.context import RelationCandidate
from dossier.extract.relations.finder import find_relations
from tests.extract.unit.parses import context, parse


def _found(table: str, ents: tuple[tuple[str, int, int], ...]) -> tuple[dict[str, str], list[RelationCandidate]]:
    ctx = context(parse(table, ents))
    return ctx.entity_name, find_relations(ctx)


def _triples(names: dict[str, str], found: list[RelationCandidate]) -> set[tuple[str, str, str, str | None, str]]:
    return {(names[c.subject], c.predicate, names[c.object], c.role, c.pattern) for c in found}


def test_a_title_before_a_name_relates_the_name_to_the_organisation_before_the_title() -> None:
    names, found = _found("""
        Al        Al        PROPN NNP  compound 3
        -         -         PUNCT HYPH compound 3
        Shabaab   Shabaab   PROPN NNP  compound 3
        spokesman spokesman NOUN  NN   compound 5
        Ali       Ali       PROPN NNP  compound 5
        Dhere     Dhere     PROPN NNP  nsubj    6
        said      say       VERB  VBD  ROOT     6
        the       the       DET   DT   det      8
        group     group     NOUN  NN   nsubj    10
        would     would     AUX   MD   aux      10
        fight     fight     VERB  VB   ccomp    6
        .         .         PUNCT .    punct    6
    """, (("ORG", 0, 3), ("PERSON", 4, 6)))
    assert _triples(names, found) == {("Ali Dhere", "membership", "Al-Shabaab", "spokesperson", "premodifier")}
    assert found[0].anchor == 3 and found[0].sentence_start == 0 and not found[0].negated


def test_a_negated_copula_is_kept_and_marked_negated() -> None:
    names, found = _found("""
        Maryam  Maryam  PROPN NNP compound 1
        Nawaz   Nawaz   PROPN NNP nsubj    2
        is      be      AUX   VBZ ROOT     2
        not     not     PART  RB  neg      2
        a       a       DET   DT  det      5
        member  member  NOUN  NN  attr     2
        of      of      ADP   IN  prep     5
        the     the     DET   DT  det      9
        Awami   Awami   PROPN NNP compound 9
        League  League  PROPN NNP pobj     6
        .       .       PUNCT .   punct    2
    """, (("PERSON", 0, 2), ("ORG", 7, 10)))
    assert _triples(names, found) == {("Maryam Nawaz", "membership", "the Awami League", "member", "copula")}
    assert found[0].negated


def test_the_same_copula_without_not_is_not_negated() -> None:
    names, found = _found("""
        Ahmed     Ahmed     PROPN NNP compound 1
        Musa      Musa      PROPN NNP nsubj    2
        is        be        AUX   VBZ ROOT     2
        a         a         DET   DT  det      5
        senior    senior    ADJ   JJ  amod     5
        member    member    NOUN  NN  attr     2
        of        of        ADP   IN  prep     5
        Hezbollah Hezbollah PROPN NNP pobj     6
        .         .         PUNCT .   punct    2
    """, (("PERSON", 0, 2), ("ORG", 7, 8)))
    assert [(names[c.subject], c.predicate, names[c.object], c.negated) for c in found] == [
        ("Ahmed Musa", "membership", "Hezbollah", False)]


def test_a_passive_verb_takes_its_subject_from_the_by_phrase() -> None:
    names, found = _found("""
        Hamas   Hamas  PROPN NNP nsubjpass 2
        was     be     AUX   VBD auxpass   2
        founded found  VERB  VBN ROOT      2
        in      in     ADP   IN  prep      2
        1987    1987   NUM   CD  pobj      3
        by      by     ADP   IN  agent     2
        Ahmed   Ahmed  PROPN NNP compound  7
        Yassin  Yassin PROPN NNP pobj      5
        .       .      PUNCT .   punct     2
    """, (("ORG", 0, 1), ("DATE", 4, 5), ("PERSON", 6, 8)))
    assert {(names[c.subject], names[c.object], c.pattern) for c in found} == {("Ahmed Yassin", "Hamas", "verb")}
    assert found[0].role is not None and "found" in found[0].role


def test_a_place_after_a_comma_contains_the_place_before_it() -> None:
    names, found = _found("""
        The      the    DET   DT  det   1
        attack   attack NOUN  NN  nsubj 2
        happened happen VERB  VBD ROOT  2
        in       in     ADP   IN  prep  2
        Gao      Gao    PROPN NNP pobj  3
        ,        ,      PUNCT ,   punct 4
        Mali     Mali   PROPN NNP appos 4
        .        .      PUNCT .   punct 2
    """, (("GPE", 4, 5), ("GPE", 6, 7)))
    assert ("Gao", "located_in", "Mali", None, "place-comma") in _triples(names, found)
    assert not any(names[c.subject] == "Mali" for c in found)  # never the other way round


def test_people_listed_after_one_kin_title_are_siblings() -> None:
    names, found = _found("""
        Nadia   Nadia   PROPN NNP  compound 1
        Khan    Khan    PROPN NNP  nsubj    2
        said    say     VERB  VBD  ROOT     2
        her     her     PRON  PRP$ poss     4
        sons    son     NOUN  NNS  nsubj    9
        Omar    Omar    PROPN NNP  compound 6
        Khan    Khan    PROPN NNP  appos    4
        and     and     CCONJ CC   cc       6
        Bilal   Bilal   PROPN NNP  conj     6
        joined  join    VERB  VBD  ccomp    2
        the     the     DET   DT   det      11
        Taliban Taliban PROPN NNP  dobj     9
        .       .       PUNCT .    punct    2
    """, (("PERSON", 0, 2), ("PERSON", 5, 7), ("PERSON", 8, 9), ("ORG", 11, 12)))
    triples = _triples(names, found)
    assert ("Omar Khan", "family", "Nadia Khan", "son", "apposition") in triples
    assert ("Bilal", "family", "Nadia Khan", "son", "apposition") in triples
    assert ("Omar Khan", "family", "Bilal", "sibling", "kin-list") in triples


def test_no_entities_no_relations() -> None:
    assert _found("""
        It    it    PRON  PRP nsubj 1
        rains rain  VERB  VBZ ROOT  1
        .     .     PUNCT .   punct 1
    """, ())[1] == []
