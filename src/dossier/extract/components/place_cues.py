"""What the sentence around a name says of a place, for names ending in a word that is also a surname ("Vigra
Church", "Gatineau Rivers"): ``entity_types._geo_label`` reads such a two-word name as a place only where the
report places it, and these are two more ways a report does."""

from __future__ import annotations

from spacy.tokens import Span

# verbs whose passive subject is where something lies: "Vigra Church is located south of Roald", "the chapel is
# situated on the hill" (nobody's surname: "Charlotte Church is located" is no sentence of the news)
_LIE_VERBS = frozenset({"locate", "situate"})


def located_subject(span: Span) -> bool:
    """The name is the subject of "is located" / "is situated"."""
    root = span.root
    return root.dep_ in {"nsubjpass", "nsubj"} and root.head.lemma_ in _LIE_VERBS


# plural feature and division words two names share: "the Désert and Gatineau Rivers", "the Pwani and Lindi Regions"
_SHARED_PLURALS = frozenset("Rivers Islands Lakes Mountains Valleys Regions Provinces Counties Districts".split())


def shares_plural_tail(span: Span) -> bool:
    """The name is the second of two that share its plural last word, after "the": "the Désert and Gatineau
    Rivers" (not "Tom and Joan Rivers", a couple: no article before them)."""
    doc = span.doc
    if len(span) < 2 or span[-1].text not in _SHARED_PLURALS or span.start < 3 or doc[span.start - 1].lower_ != "and":
        return False
    first = next((e for e in doc.ents if e.end == span.start - 1), None)
    if first is not None:
        return first.start >= 1 and doc[first.start - 1].lower_ == "the"
    # the first name untagged: one capitalised word after "the"
    return doc[span.start - 2].text[:1].isupper() and doc[span.start - 3].lower_ == "the"
