"""Attribution and claims on realistic sentences written for these tests (not taken from any report).

Each test states who says what and how firmly; the sentences vary the construction (reporting verb, parenthetical
"…, officials said", "according to", raising passives, hedges, denials, relative clauses, pronouns) rather than
the wording of any one report.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from dossier.extract.attribution import analysis as attribution
from dossier.extract.attribution.cues import lexicon, parse
from dossier.extract.context import Attribution, DocContext
from dossier.extract.pipeline import extract, load_pipeline
from dossier.model import Claim, Modality
from tests.conftest import REPO, make_document

ASSERTED, REPORTED, ALLEGED, DENIED, SPECULATIVE = (
    Modality.ASSERTED, Modality.REPORTED, Modality.ALLEGED, Modality.DENIED, Modality.SPECULATIVE)


@pytest.fixture(scope="module")
def pipeline() -> Language:
    return load_pipeline()


def claims_of(text: str) -> list[Claim]:
    x = extract(make_document(text))
    for c in x.claims:  # the offset contract and the evidence contract hold for every claim
        assert text[c.proposition.start:c.proposition.end] == c.proposition.text
        assert text[c.evidence.start:c.evidence.end] == c.evidence.text
        assert c.cue is not None and c.cue.split()[0] in c.evidence.text
        assert c.proposition.start >= c.evidence.start and c.proposition.end <= c.evidence.end
    return list(x.claims)


def only_claim(text: str) -> Claim:
    claims = claims_of(text)
    assert len(claims) == 1, [(c.source, c.modality, c.cue) for c in claims]
    return claims[0]


def attribution_at(pipeline: Language, text: str, word: str) -> Attribution:
    """``attribute`` for the first token that is ``word`` (a DocContext without entity links)."""
    doc = pipeline(text)
    ctx = DocContext(make_document(text), doc, 0, {}, {}, {})
    index = next(t.i for t in doc if t.text == word)
    return attribution.attribute(ctx, index)


# ------------------------------------------------------------------------------------------------- reported
def test_said_with_that_clause_is_reported_by_the_subject() -> None:
    c = only_claim("Police said the two suspects had fled across the border.")
    assert (c.source, c.modality, c.cue) == ("Police", REPORTED, "said")
    assert c.proposition.text == "the two suspects had fled across the border"


def test_parenthetical_reporting_clause_attributes_the_clause_before_it() -> None:
    c = only_claim("The convoy was ambushed near the river crossing, a regional official said.")
    assert (c.source, c.modality) == ("a regional official", REPORTED)
    assert c.proposition.text == "The convoy was ambushed near the river crossing"


def test_sentence_final_according_to_attributes_the_whole_sentence() -> None:
    c = only_claim("The militia recruited more than 200 teenagers last year, according to a United Nations report.")
    assert (c.source, c.modality, c.cue) == ("a United Nations report", REPORTED, "according to")
    assert "according" not in c.proposition.text
    assert c.proposition.text.startswith("The militia recruited")


def test_sentence_initial_according_to() -> None:
    c = only_claim("According to the interior ministry, the network moved cash through three front companies.")
    assert (c.source, c.modality) == ("the interior ministry", REPORTED)
    assert c.proposition.text == "the network moved cash through three front companies"


def test_reports_indicate_is_reported() -> None:
    c = only_claim("Reports indicate that the smugglers switched to a northern route in the spring.")
    assert (c.source, c.modality, c.cue) == ("Reports", REPORTED, "indicate")


def test_source_keeps_its_qualifiers_but_not_asides() -> None:
    claims = claims_of("Officials on both sides, who met in Geneva, said the talks would resume in May.")
    assert [(c.source, c.modality) for c in claims] == [("Officials on both sides", REPORTED)]


def test_named_source_links_its_entity(pipeline: Language) -> None:
    text = "Interior Minister Karim Haddad said the border crossing would reopen on Friday."
    x = extract(make_document(text))
    (c,) = x.claims
    assert c.source == "Interior Minister Karim Haddad"
    entity = next(e for e in x.entities if e.id == c.source_entity)
    assert entity.name == "Karim Haddad"


def test_relative_clause_reporting_verb_names_its_own_subject() -> None:
    c = only_claim("The court froze the assets of a trader whom prosecutors described as the cartel's accountant.")
    assert (c.source, c.modality, c.cue) == ("prosecutors", REPORTED, "described")
    assert "the cartel's accountant" in c.proposition.text


# -------------------------------------------------------------------------------------------------- alleged
def test_accused_of_is_alleged() -> None:
    c = only_claim("Opposition lawmakers accused the governor of diverting relief funds to a family business.")
    assert (c.source, c.modality, c.cue) == ("Opposition lawmakers", ALLEGED, "accused")
    assert c.proposition.text.startswith("the governor of diverting")


def test_maintained_that_is_alleged() -> None:
    c = only_claim("The ministry has long maintained that the camp is used to train recruits.")
    assert (c.source, c.modality, c.cue) == ("The ministry", ALLEGED, "maintained")


def test_prosecutors_allege() -> None:
    c = only_claim("Prosecutors allege that the broker laundered the money through a shipping firm.")
    assert (c.source, c.modality) == ("Prosecutors", ALLEGED)


def test_the_alleged_x_is_the_reporters_hedge_on_one_noun_phrase(pipeline: Language) -> None:
    text = "A court in Graz remanded the alleged ringleader of the smuggling network, police said."
    said, alleged = sorted(claims_of(text), key=lambda c: c.cue or "")[::-1]
    assert (said.source, said.modality) == ("police", REPORTED)
    assert (alleged.source, alleged.modality, alleged.cue) == ("reporter", ALLEGED, "alleged")
    assert attribution_at(pipeline, text, "ringleader").modality == ALLEGED


def test_allegedly_is_alleged_in_the_reporters_voice() -> None:
    c = only_claim("Three customs officers allegedly accepted bribes from the contractor.")
    assert (c.source, c.modality, c.cue) == ("reporter", ALLEGED, "allegedly")


# --------------------------------------------------------------------------------------------------- denied
def test_denied_that_is_denied() -> None:
    c = only_claim("The company denied that it had paid the rebels.")
    assert (c.source, c.modality, c.cue) == ("The company", DENIED, "denied")
    assert c.proposition.text == "it had paid the rebels"


def test_rejecting_allegations_is_a_denial() -> None:
    c = only_claim("The army rejected the allegations as politically motivated.")
    assert (c.source, c.modality) == ("The army", DENIED)


def test_dismissed_as_baseless() -> None:
    c = only_claim("A spokesman for the party dismissed the report as baseless.")
    assert (c.source, c.modality, c.cue) == ("A spokesman for the party", DENIED, "dismissed")


def test_rejecting_a_bill_is_no_denial() -> None:
    assert claims_of("Parliament rejected the budget bill on Tuesday.") == []


def test_denial_with_a_participle_gives_two_claims_from_one_source() -> None:
    claims = claims_of("The ministry denied the accusation, saying the shipments contained only medical supplies.")
    assert sorted((c.source, c.modality, c.cue) for c in claims) == [
        ("The ministry", DENIED, "denied"), ("The ministry", REPORTED, "saying")]


# ---------------------------------------------------------------------------------------------- speculative
def test_modal_on_the_main_verb_is_speculative_in_the_reporters_voice() -> None:
    c = only_claim("The dispute could delay the election by several months.")
    assert (c.source, c.modality, c.cue) == ("reporter", SPECULATIVE, "could")


def test_is_likely_to() -> None:
    c = only_claim("The ruling is likely to be appealed.")
    assert (c.source, c.modality, c.cue) == ("reporter", SPECULATIVE, "is likely to")


def test_is_expected_to() -> None:
    c = only_claim("The minister is expected to visit the border region next week.")
    assert (c.source, c.modality, c.cue) == ("reporter", SPECULATIVE, "is expected to")


def test_appears_to() -> None:
    c = only_claim("The blast appears to have been caused by a gas leak.")
    assert (c.modality, c.cue) == (SPECULATIVE, "appears to")


def test_hedge_inside_reported_speech_is_speculative_and_keeps_the_speaker() -> None:
    c = only_claim("Analysts said the sanctions could push inflation higher.")
    assert (c.source, c.modality, c.cue) == ("Analysts", SPECULATIVE, "could")


def test_hedged_conjunct_inside_reported_speech_is_a_second_claim() -> None:
    claims = claims_of("The spokesman said the agency was reviewing the data and may publish revised figures.")
    assert sorted((c.source, c.modality, c.cue) for c in claims) == [
        ("The spokesman", REPORTED, "said"), ("The spokesman", SPECULATIVE, "may")]


def test_past_inability_is_no_hedge() -> None:
    assert claims_of("The company could not be reached for comment.") == []


# ------------------------------------------------------------------------------------------- raising verbs
def test_is_reported_to_has_unnamed_sources() -> None:
    c = only_claim("The commander is reported to have fled to a neighbouring country.")
    assert (c.source, c.modality, c.cue) == (attribution.UNNAMED, REPORTED, "reported")
    assert c.proposition.text.startswith("The commander")


def test_is_said_to() -> None:
    c = only_claim("The cell is said to number about forty fighters.")
    assert (c.source, c.modality) == (attribution.UNNAMED, REPORTED)


def test_is_believed_to_is_speculative() -> None:
    c = only_claim("The group is believed to hold several hostages.")
    assert (c.source, c.modality) == (attribution.UNNAMED, SPECULATIVE)


def test_passive_with_agent_names_the_agent() -> None:
    c = only_claim("The businessman was described by investigators as the network's main financier.")
    assert (c.source, c.modality) == ("investigators", REPORTED)


# ------------------------------------------------------------------------------------- sources in context
def test_pronoun_source_is_resolved_to_the_named_person() -> None:
    claims = claims_of("Maria Okafor, a lawyer for the family, spoke outside the court on Monday. "
                       "She said the evidence had been planted.")
    assert [(c.source, c.modality) for c in claims] == [("Maria Okafor", REPORTED)]
    assert claims[0].source_entity is not None


def test_the_report_names_the_earlier_fuller_mention() -> None:
    claims = claims_of("A recent report by the monitoring group documented 40 raids in the province. "
                       "The report said most of the raids took place at night.")
    said = [c for c in claims if c.cue == "said"]
    assert [c.source for c in said] == ["A recent report by the monitoring group"]


# ---------------------------------------------------------------------------------------- no claim at all
@pytest.mark.parametrize("text", [
    "The delegation arrived in the capital on Monday and met the foreign minister.",
    "No group has claimed responsibility for the bombing.",
    "The spokesman did not say when the talks would resume.",
])
def test_plain_assertions_yield_no_claim(text: str) -> None:
    assert claims_of(text) == []


# ------------------------------------------------------------------------------ attribute() for relations
def test_relation_inside_an_accusation_is_not_asserted(pipeline: Language) -> None:
    text = "Officials have accused the governor of appointing his nephew as head of the port authority."
    att = attribution_at(pipeline, text, "head")
    assert (att.source, att.modality, att.cue) == ("Officials", ALLEGED, "accused")


def test_fact_inside_a_denial_is_denied(pipeline: Language) -> None:
    att = attribution_at(pipeline, "The ministry denied that its envoy met the rebel commander.", "met")
    assert (att.source, att.modality) == ("The ministry", DENIED)


def test_hedged_fact_inside_reported_speech(pipeline: Language) -> None:
    att = attribution_at(pipeline, "Diplomats said the envoy may meet the rebel leader in Doha.", "meet")
    assert (att.source, att.modality, att.cue) == ("Diplomats", SPECULATIVE, "may")


def test_source_words_are_not_attributed_to_themselves(pipeline: Language) -> None:
    att = attribution_at(pipeline, "The group's spokesman said the ceasefire would hold.", "spokesman")
    assert att == attribution.REPORTER


def test_reporters_apposition_inside_an_accusation_stays_asserted(pipeline: Language) -> None:
    text = "Police accused the driver of smuggling weapons for the Northern Front, a banned militia."
    assert attribution_at(pipeline, text, "smuggling").modality == ALLEGED
    assert attribution_at(pipeline, text, "militia") == attribution.REPORTER


def test_plain_sentence_is_asserted_by_the_reporter(pipeline: Language) -> None:
    att = attribution_at(pipeline, "The governor appointed his nephew as head of the port authority.", "head")
    assert att == attribution.REPORTER


# --------------------------------------------------------------------------------------------- the lexicon
def test_packaged_lexicon_covers_every_modality() -> None:
    lex = lexicon()
    found = {c.modality for c in lex.verbs.values()} | set(lex.modals.values()) | set(lex.adverbs.values())
    assert {REPORTED, ALLEGED, DENIED, SPECULATIVE} <= found
    assert ASSERTED not in found
    assert lex.verbs["say"].passive == "unnamed" and lex.verbs["expect"].passive == "hedge"


def test_docs_list_every_cue() -> None:
    doc = (REPO / "docs" / "claims.md").read_text(encoding="utf-8")
    lex = lexicon()
    words = [*lex.verbs, *lex.nouns, *lex.modals, *lex.adjectives, *lex.adverbs, *lex.raising, *lex.attributive,
             *lex.source_nouns]
    missing = [w for w in words if w not in doc]
    assert not missing, f"docs/claims.md does not mention {missing}"


def test_lexicon_errors_name_the_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse("say\tverb\treported\tclause\nwhisper\tverb\tmurmured\tclause\n")
