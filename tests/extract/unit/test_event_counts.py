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

# what the model gives for "... apprehended several suspected Islamic Movement of Uzbekistan insurgents":
# "several" hangs on the name inside the phrase
SEVERAL_ON_A_NAME = """
    Officers    officer     NOUN  NNS nsubj    1
    apprehended apprehend   VERB  VBD ROOT     1
    several     several     ADJ   JJ  amod     5
    suspected   suspect     VERB  VBN amod     5
    Red         Red         PROPN NNP compound 5
    Brigade     Brigade     PROPN NNP nmod     6
    guerrillas  guerrilla   NOUN  NNS dobj     1
    .           .           PUNCT .   punct    1
"""

# a second object is a misparse: "killing one gunman ..., Sar-e Pul province"
TWO_OBJECTS = """
    Troops    troop     NOUN  NNS nsubj    1
    killed    kill      VERB  VBD ROOT     1
    one       one       NUM   CD  nummod   3
    gunman    gunman    NOUN  NN  dobj     1
    ,         ,         PUNCT ,   punct    1
    Helmand   Helmand   PROPN NNP compound 6
    province  province  NOUN  NN  dobj     1
    .         .         PUNCT .   punct    1
"""

# "A firefight ensued, and the gunman was killed": the parser makes both nouns passive subjects
TWO_PASSIVE_SUBJECTS = """
    A         a         DET   DT  det       1
    firefight firefight NOUN  NN  nsubjpass 8
    ensued    ensue     VERB  VBN acl       1
    ,         ,         PUNCT ,   punct     1
    and       and       CCONJ CC  cc        1
    the       the       DET   DT  det       6
    gunman    gunman    NOUN  NN  nsubjpass 8
    was       be        AUX   VBD auxpass   8
    killed    kill      VERB  VBN ROOT      8
    .         .         PUNCT .   punct     8
"""

SINCE = """
    Troops    troop     NOUN  NNS nsubj    2
    have      have      AUX   VBP aux      2
    killed    kill      VERB  VBN ROOT     2
    30        30        NUM   CD  nummod   4
    militants militant  NOUN  NNS dobj     2
    since     since     ADP   IN  prep     2
    January   January   PROPN NNP pobj     5
    .         .         PUNCT .   punct    2
"""

SURRENDERED_WEAPONS = """
    The       the       DET   DT  det      1
    rebels    rebel     NOUN  NNS nsubj    2
    surrendered surrender VERB VBD ROOT    2
    their     their     PRON  PRP$ poss    4
    weapons   weapon    NOUN  NNS dobj     2
    .         .         PUNCT .   punct    2
"""

# "the man, a trafficker, and three additional couriers": the apposition names the known man again
APPOSITION_OF_A_KNOWN_MAN = """
    Officers    officer     NOUN  NNS nsubj  1
    detained    detain      VERB  VBD ROOT   1
    the         the         DET   DT  det    3
    man         man         NOUN  NN  dobj   1
    ,           ,           PUNCT ,   punct  3
    a           a           DET   DT  det    6
    trafficker  trafficker  NOUN  NN  appos  3
    ,           ,           PUNCT ,   punct  3
    and         and         CCONJ CC  cc     3
    three       three       NUM   CD  nummod 11
    additional  additional  ADJ   JJ  amod   11
    couriers    courier     NOUN  NNS conj   3
    .           .           PUNCT .   punct  1
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


def test_several_counts_wherever_the_parse_hangs_it() -> None:
    got = _count(SEVERAL_ON_A_NAME, "apprehended")
    assert (got.value, got.numberless) == (3, True)


def test_a_verb_has_one_object() -> None:
    got = _count(TWO_OBJECTS, "killed")
    assert (got.value, got.qualifier) == (1, None)


def test_the_nearest_passive_subject_is_the_victim() -> None:
    got = _count(TWO_PASSIVE_SUBJECTS, "killed")
    assert (got.value, got.definite) == (1, True)


def test_a_running_total_since_a_date_is_no_count() -> None:
    assert count(next(t for t in parse(SINCE, ()) if t.text == "killed")) is None


def test_surrendering_things_takes_no_one() -> None:
    assert count(next(t for t in parse(SURRENDERED_WEAPONS, ()) if t.text == "surrendered")) is None


def test_an_apposition_of_a_known_man_adds_no_one() -> None:
    got = _count(APPOSITION_OF_A_KNOWN_MAN, "detained")
    assert (got.value, got.known, got.additional) == (3, 1, True)
