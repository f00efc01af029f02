"""The per-chunk tables that spare the extractors re-reading the parse (``token_words``, ``DocContext``'s caches)
give what spaCy's own accessors give, on a parse with line breaks, several sentences and trailing spaces."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from dossier.extract.token_words import token_words
from tests.extract.unit.parses import context

# "Police said Kabul was calm .\n\nThe minister Ali Khan arrived in Herat . " (two sentences, a blank line)
ROWS = [  # word, lemma, POS, dep, head, trailing space
    ("Police", "police", "NOUN", "nsubj", 1, True), ("said", "say", "VERB", "ROOT", 1, True),
    ("Kabul", "Kabul", "PROPN", "nsubj", 3, True), ("was", "be", "AUX", "ccomp", 1, True),
    ("calm", "calm", "ADJ", "acomp", 3, True), (".", ".", "PUNCT", "punct", 1, False),
    ("\n\n", "\n\n", "SPACE", "dep", 5, False), ("The", "the", "DET", "det", 8, True),
    ("minister", "minister", "NOUN", "compound", 10, True), ("Ali", "Ali", "PROPN", "compound", 10, True),
    ("Khan", "Khan", "PROPN", "nsubj", 11, True), ("arrived", "arrive", "VERB", "ROOT", 11, True),
    ("in", "in", "ADP", "prep", 11, True), ("Herat", "Herat", "PROPN", "pobj", 12, True),
    (".", ".", "PUNCT", "punct", 11, True),
]
VOCAB = English().vocab  # lexical attributes (``lower_``) need its getters
ENTS = ["O", "O", "B-GPE", "O", "O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "B-GPE", "O"]


def _doc() -> Doc:
    return Doc(VOCAB, words=[r[0] for r in ROWS], spaces=[r[5] for r in ROWS], lemmas=[r[1] for r in ROWS],
               pos=[r[2] for r in ROWS], deps=[r[3] for r in ROWS], heads=[r[4] for r in ROWS], ents=ENTS,
               sent_starts=[i in (0, 7) for i in range(len(ROWS))])


def test_token_words_are_spacy_words_and_kept_on_the_doc() -> None:
    doc = _doc()
    table = token_words(doc)
    assert table.lower == [t.lower_ for t in doc]
    assert table.lemma == [t.lemma_.lower() for t in doc]
    assert table.pos == [t.pos_ for t in doc]
    assert "\n\n" in table.lower  # a line break stays in the word: events' segments read it there
    assert token_words(doc) is table


def test_doc_context_reads_text_entities_and_sentences_as_spacy_does() -> None:
    doc = _doc()
    ctx = context(doc)
    assert ctx.text == doc.text
    assert ctx.ents == doc.ents and ctx.ents is ctx.ents
    for tok in doc:
        sent = tok.sent
        assert ctx.sentence(tok.i) == sent
        start, end = ctx.sentence_chars(tok.i)
        assert (start, end) == (sent.start_char, sent.start_char + len(sent.text.rstrip()))
    assert ctx.text[slice(*ctx.sentence_chars(0))] == "Police said Kabul was calm ."
    assert ctx.text[slice(*ctx.sentence_chars(12))] == "The minister Ali Khan arrived in Herat ."
