"""``events.finder.find_events`` on hand-built parses: triggers, their arguments, counts and coreference."""

from __future__ import annotations

import datetime as dt

from dossier.extract.context import EventCandidate
from dossier.extract.events.finder import find_events
from tests.extract.unit.parses import context, parse, times

PUBLISHED = dt.date(2024, 3, 6)  # a Wednesday
ATTACK = """
    Gunmen   gunman  NOUN  NNS nsubj    1
    attacked attack  VERB  VBD ROOT     1
    a        a       DET   DT  det      4
    police   police  NOUN  NN  compound 4
    station  station NOUN  NN  dobj     1
    in       in      ADP   IN  prep     1
    Kabul    Kabul   PROPN NNP pobj     5
    on       on      ADP   IN  prep     1
    Monday   Monday  PROPN NNP pobj     7
    .        .       PUNCT .   punct    1
"""
ATTACK_ENTS = (("GPE", 6, 7), ("DATE", 8, 9))


def _events(table: str, ents: tuple[tuple[str, int, int], ...]) -> list[EventCandidate]:
    ctx = context(parse(table, ents), PUBLISHED)
    return find_events(ctx, times(ctx))


def test_a_verb_trigger_takes_its_place_and_its_date_from_the_parse() -> None:
    [event] = _events(ATTACK, ATTACK_ENTS)
    assert (event.type, event.trigger, event.lemma, event.pattern) == ("attack", (1, 2), "attack", "verb:attack")
    assert event.place == "e0"  # Kabul, from "in Kabul" on the trigger
    assert (event.date, event.date_granularity, event.date_inferred) == ("2024-03-04", "day", True)
    assert event.category.startswith("18")  # CAMEO 18x: assault
    assert event.label == "attack in Kabul"


def test_an_arrest_counts_the_people_in_its_object() -> None:
    [event] = _events("""
        Troops   troop    NOUN  NNS nsubj  1
        arrested arrest   VERB  VBD ROOT   1
        two      two      NUM   CD  nummod 3
        suspects suspect  NOUN  NNS dobj   1
        in       in       ADP   IN  prep   1
        Kandahar Kandahar PROPN NNP pobj   4
        .        .        PUNCT .   punct  1
    """, (("CARDINAL", 2, 3), ("GPE", 5, 6)))
    assert event.type == "arrest" and event.date is None
    [count] = event.counts
    assert (count.kind, count.value, count.tokens) == ("arrested", 2, (2, 4))


def test_a_negated_trigger_is_no_event() -> None:
    assert _events("""
        Troops troop  NOUN  NNS nsubj 3
        did    do     AUX   VBD aux   3
        not    not    PART  RB  neg   3
        arrest arrest VERB  VB  ROOT  3
        anyone anyone PRON  NN  dobj  3
        .      .      PUNCT .   punct 3
    """, ()) == []


def test_a_definite_mention_joins_the_event_told_just_before() -> None:
    table = ATTACK + """
        The      the     DET   DT  det    11
        attack   attack  NOUN  NN  nsubj  12
        killed   kill    VERB  VBD ROOT   12
        three    three   NUM   CD  nummod 14
        officers officer NOUN  NNS dobj   12
        .        .       PUNCT .   punct  12
    """
    events = _events(table, (*ATTACK_ENTS, ("CARDINAL", 13, 14)))
    attacks = [e for e in events if e.type == "attack"]
    assert len(attacks) == 1  # "the attack" is the attack on the police station, not a second one
    assert (11, 12) in attacks[0].mentions and attacks[0].sentences == (0, 10)
