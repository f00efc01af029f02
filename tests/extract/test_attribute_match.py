"""The attribute ruler's look-up matches (``extract.attribute_match``) must be exactly spaCy's Matcher's: the
same rules at the same tokens in the same order, so the parse's POS, morphology and lemmas do not change."""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from dossier.extract.attribute_match import AttributeMatch
from dossier.extract.parser import cached_parser, load_parser
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.model  # loads the spaCy model: tests/conftest.py

# the model's exception rules: two-token patterns, regular expressions, a rule with two patterns, sets of
# dependency labels, whitespace tokens
TRICKY = [
    "I ain't gonna wait, y'all. Let's go: c'mon, there's nothin' left and it gets worse.",
    "He said that if they had not come, we'd have gotten it.  \n\n Is it?  There are two.",
    "The minister, who was gotta leave, told reporters in Kabul that nothing had changed.",
]


def _unannotated(nlp: spacy.language.Language, texts: list[str]) -> list[Doc]:
    """The docs as the attribute ruler receives them (tagged and parsed, no POS yet)."""
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        return list(nlp.pipe(texts))


def test_the_parser_matches_by_look_up_and_finds_what_the_matcher_finds() -> None:
    nlp = cached_parser()
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, AttributeMatch)
    assert not len(ruler.match.rest)  # every rule of the model is read by the look-up
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))] + TRICKY
    docs = _unannotated(nlp, texts)
    matches = 0
    for doc in docs:
        expected = AttributeRuler.match(ruler, doc)
        assert ruler.match(doc) == expected
        matches += len(expected)
    assert matches > sum(len(d) for d in docs)  # most tokens match a tag rule, some an exception too


def test_the_parse_is_the_same_with_spacys_matcher() -> None:
    fast = cached_parser()
    plain = load_parser()
    del plain.get_pipe("attribute_ruler").match  # back to the attribute ruler as spaCy ships it
    assert not isinstance(plain.get_pipe("attribute_ruler").match, AttributeMatch)
    for ours, theirs in zip(fast.pipe(TRICKY), plain.pipe(TRICKY), strict=True):
        assert [(t.pos_, str(t.morph), t.tag_, t.lemma_, t.dep_) for t in ours] == \
            [(t.pos_, str(t.morph), t.tag_, t.lemma_, t.dep_) for t in theirs]
    ain_t = next(t for t in fast(TRICKY[0]) if t.lower_ == "ai")
    assert ain_t.lemma_ == "be"  # a two-token exception rule applied ("ai" + "n't")


def test_rules_it_cannot_read_go_to_a_matcher_and_the_order_is_spacys() -> None:
    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "new"}, {"IS_TITLE": True, "OP": "+"}]], {"TAG": "NNP"})  # an operator: the Matcher
    ruler.add([[{"LOWER": "york"}], [{"ORTH": "York"}]], {"NORM": "york"})  # two patterns, one span: once
    ruler.add([[{"LOWER": {"REGEX": "^c?ity$"}}]], {"NORM": "city"})
    ruler.add([[{"IS_PUNCT": True}]], {"TAG": "."})
    ruler.add([[{"LOWER": {"NOT_IN": ["the", ""]}}, {"LOWER": "city"}]], {"TAG": "JJ"}, index=0)
    match = AttributeMatch(ruler)
    assert len(match.rest) == 1
    found = 0
    for text in ["New York City is big.", "the city of New York", "City hall, York, york and ity.", ""]:
        doc = nlp(text)
        assert match(doc) == AttributeRuler.match(ruler, doc)
        found += len(match(doc))
    assert found >= 10
