"""Hedges: the words on a clause that weaken it without naming a source (see ``attribution``).

A modal ("could", "may"), a hedge adjective ("is likely to", "is due to"), a raising verb ("appears to"),
a passive expectation ("is expected to"), an adverb ("probably", "reportedly") or an attributive
adjective ("the alleged ringleader"), each found on the head of the clause or noun it weakens.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from dossier.extract.attribution.cues import Lexicon
from dossier.extract.attribution.syntax import agent_of, is_passive, says_nothing, xcomp
from dossier.extract.token_words import token_words
from dossier.model import Modality


@dataclass(frozen=True, slots=True)
class Hedge:
    """A modal, hedge adjective, raising verb or adverb on a clause head."""

    head: int
    cue_token: int
    cue: str
    modality: Modality
    own_voice: bool = False  # the reporter's word even inside reported speech ("the alleged ringleader")


def find_hedges(sent: Span, lex: Lexicon) -> dict[int, Hedge]:
    """The hedges of one sentence, by the head token of the clause each one weakens."""
    out: dict[int, Hedge] = {}
    table = token_words(sent.doc)
    for i in range(sent.start, sent.end):
        lower, lemma = table.lower[i], table.lemma[i]
        if lower not in lex.modals and lower not in lex.attributive and lemma not in lex.adjectives \
                and lemma not in lex.raising and lemma not in lex.adverbs and lemma not in lex.verbs:
            continue  # every kind of hedge below starts from a word of the lexicon
        t = sent.doc[i]
        hedge: Hedge | None = None
        if t.dep_ == "aux" and t.tag_ == "MD" and lower in lex.modals:
            if lower == "could" and any(c.dep_ == "neg" for c in t.head.children):
                continue  # "could not be verified": past inability, not a hedge
            hedge = Hedge(t.head.i, t.i, t.text, lex.modals[lower])
        elif lemma in lex.adjectives and t.pos_ == "ADJ" and t.dep_ in ("acomp", "oprd") \
                and t.head.lemma_ == "be":
            to_clause = xcomp(t) or xcomp(t.head)
            if lemma in ("due", "poised") and to_clause is None:
                continue  # "due to the rain" is a cause, not a schedule
            words = f"{t.head.text} {t.text}" + (" to" if to_clause is not None else "")
            hedge = Hedge(t.head.i, t.i, words, lex.adjectives[lemma])
        elif lemma in lex.raising and t.pos_ in ("VERB", "AUX") and xcomp(t) is not None:
            hedge = Hedge(t.i, t.i, f"{t.text} to", lex.raising[lemma])
        elif lower in lex.attributive and t.dep_ == "amod" and t.head.pos_ in ("NOUN", "PROPN"):
            hedge = Hedge(t.head.i, t.i, t.text, lex.attributive[lower], own_voice=True)
        elif lemma in lex.adverbs and t.dep_ == "advmod" and t.pos_ == "ADV" \
                and t.head.pos_ in ("VERB", "AUX", "ADJ"):
            hedge = Hedge(t.head.i, t.i, t.text, lex.adverbs[lemma])
        elif (verb := lex.verbs.get(lemma)) is not None and verb.passive == "hedge" and is_passive(t) \
                and xcomp(t) is not None and agent_of(t) is None:
            aux = [c.text for c in t.children if c.dep_ == "auxpass"]
            hedge = Hedge(t.i, t.i, " ".join([*aux, t.text, "to"]), Modality.SPECULATIVE)
        if hedge is not None and hedge.head not in out and not any(
                c.dep_ in ("nsubj", "nsubjpass") and says_nothing(c) for c in sent.doc[hedge.head].children):
            out[hedge.head] = hedge  # not "none of the firms could be reached"
    return out
