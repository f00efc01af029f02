"""``events.counts.count`` on hand-built parses: the least number of people the words allow."""

from __future__ import annotations

from dossier.extract.events.counts import CountCandidate, count
from tests.extract.unit.parses import parse

MORE_THAN = """
    Police    police   NOUN  NNS nsubj    1
    detained  detain   VERB  VBD ROOT     1
    more      more     ADJ   JJR amod     4
    than      than     ADP   IN  quantmod 4
    12        12       NUM   CD  nummod   5
    suspects  suspect  NOUN  NNS dobj     1
    .         .        PUNCT .   punct    1
"""

ALONG_WITH = """
    Police      police     NOUN NNS nsubj 1
    detained    detain     VERB VBD ROOT  1
    the         the        DET  DT  det   3
    smuggler    smuggler   NOUN NN  dobj  1
    along       along      ADP  IN  prep  1
    with        with       ADP  IN  prep  4
    two         two        NUM  CD  pobj  5
    of          of         ADP  IN  prep  6
    his         his        PRON PRP$ poss 9
    associates  associate  NOUN NNS pobj  7
    .           .          PUNCT .  punct 1
"""

CUSTODY = """
    Three     three     NUM   CD  nummod    1
    men       man       NOUN  NNS nsubjpass 3
    were      be        AUX   VBD auxpass   3
    taken     take      VERB  VBN ROOT      3
    into      into      ADP   IN  prep      3
    custody   custody   NOUN  NN  pobj      4
    .         .         PUNCT .   punct     3
"""

DEATHS = """
    The       the       DET   DT  det      1
    clash     clash     NOUN  NN  nsubj    2
    caused    cause     VERB  VBD ROOT     2
    seven     seven     NUM   CD  nummod   4
    deaths    death     NOUN  NNS dobj     2
    .         .         PUNCT .   punct    2
"""


def _count(table: str, word: str) -> CountCandidate:
    doc = parse(table, ())
    got = count(next(t for t in doc if t.text == word))
    assert got is not None
    return got


def test_more_than_a_number_is_one_above_it() -> None:
    got = _count(MORE_THAN, "detained")
    assert (got.kind, got.value, got.qualifier) == ("arrested", 13, "at least")
    assert not got.more  # "more than" is a floor, not "more people"


def test_along_with_counts_the_new_people_and_keeps_the_known_one() -> None:
    got = _count(ALONG_WITH, "detained")
    assert (got.value, got.known, got.definite) == (2, 1, False)


def test_taken_into_custody_counts_the_people_taken() -> None:
    got = _count(CUSTODY, "custody")
    assert (got.kind, got.value) == ("arrested", 3)


def test_a_death_noun_counts_its_own_number() -> None:
    got = _count(DEATHS, "deaths")
    assert (got.kind, got.value) == ("killed", 7)
