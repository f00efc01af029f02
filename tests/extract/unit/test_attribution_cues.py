"""``attribution.analysis`` on hand-built parses: which cue makes a clause reported, hedged, alleged or denied."""

from __future__ import annotations

from dossier.extract.attribution.analysis import REPORTER, attribute, find_claims
from dossier.model import Modality
from tests.extract.unit.parses import context, parse

POLICE_SAID = """
    Police  Police  NOUN  NNS nsubj 1
    said    say     VERB  VBD ROOT  1
    the     the     DET   DT  det   3
    suspect suspect NOUN  NN  nsubj 4
    fled    flee    VERB  VBD ccomp 1
    to      to      ADP   IN  prep  4
    Quetta  Quetta  PROPN NNP pobj  5
    .       .       PUNCT .   punct 1
"""


def test_a_reporting_verb_attributes_its_complement_to_its_subject() -> None:
    ctx = context(parse(POLICE_SAID, (("GPE", 6, 7),)))
    fled = attribute(ctx, 4)
    assert (fled.source, fled.modality, fled.cue, fled.cue_token) == ("Police", Modality.REPORTED, "said", 1)
    assert attribute(ctx, 1) == REPORTER  # the saying itself is the reporter's statement
    [claim] = find_claims(ctx)
    assert claim.proposition == (2, 7) and claim.attribution == fled  # "the suspect fled to Quetta"


def test_a_modal_hedges_the_reporters_own_clause() -> None:
    ctx = context(parse("""
        The       the      DET   DT  det   1
        militants militant NOUN  NNS nsubj 4
        may       may      AUX   MD  aux   4
        have      have     AUX   VB  aux   4
        fled      flee     VERB  VBN ROOT  4
        .         .        PUNCT .   punct 4
    """))
    got = attribute(ctx, 4)
    assert (got.source, got.modality, got.cue) == ("reporter", Modality.SPECULATIVE, "may")


def test_an_allegation_adverb_makes_the_clause_alleged() -> None:
    ctx = context(parse("""
        The       the       DET   DT  det    1
        group     group     NOUN  NN  nsubj  3
        allegedly allegedly ADV   RB  advmod 3
        financed  finance   VERB  VBD ROOT   3
        Hamas     Hamas     PROPN NNP dobj   3
        .         .         PUNCT .   punct  3
    """, (("ORG", 4, 5),)))
    assert attribute(ctx, 3).modality == Modality.ALLEGED


def test_a_denial_inside_reported_speech_keeps_the_inner_speaker() -> None:
    ctx = context(parse("""
        Reports  report   NOUN  NNS nsubj 1
        indicate indicate VERB  VBP ROOT  1
        that     that     SCONJ IN  mark  4
        Hamas    Hamas    PROPN NNP nsubj 4
        denied   deny     VERB  VBD ccomp 1
        the      the      DET   DT  det   6
        claim    claim    NOUN  NN  dobj  4
        .        .        PUNCT .   punct 1
    """, (("ORG", 3, 4),)))
    claim = attribute(ctx, 6)
    assert (claim.source, claim.source_entity, claim.modality) == ("Hamas", "e0", Modality.DENIED)
    denial = attribute(ctx, 4)
    assert (denial.source, denial.modality, denial.cue) == ("Reports", Modality.REPORTED, "indicate")


def test_a_plain_statement_is_the_reporters_and_makes_no_claim() -> None:
    ctx = context(parse("""
        Troops   troop    NOUN  NNS nsubj  1
        arrested arrest   VERB  VBD ROOT   1
        two      two      NUM   CD  nummod 3
        suspects suspect  NOUN  NNS dobj   1
        in       in       ADP   IN  prep   1
        Kandahar Kandahar PROPN NNP pobj   4
        .        .        PUNCT .   punct  1
    """, (("CARDINAL", 2, 3), ("GPE", 5, 6))))
    assert attribute(ctx, 1) == REPORTER
    assert find_claims(ctx) == []
