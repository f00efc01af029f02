"""``dossier_acronyms``: "Jaish-e-Mohammed (JeM)" defines JeM; every later "JeM" is that organisation.

A definition is an acronym in parentheses right after a name whose word initials spell it (a simplified
Schwartz–Hearst match: the acronym's first letter starts the expansion, the rest are found in order, preferably at
word starts, hyphen-separated parts counting as words). The acronym then takes the expansion's type everywhere in
the document — the small model otherwise tags "JeM" as a person — and ``doc._.dossier_acronyms`` records the link
so that the mentions join one entity.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from dossier.extract.components.extensions import register
from dossier.extract.components.spans import is_capitalised, set_ents
from dossier.model.names import is_acronym
from dossier.model.reference import lookup_place

_FUNCTION_WORDS = {"of", "and", "for", "the", "in", "on", "e", "i", "ul", "al", "el", "de", "la", "du", "des", "&"}
_WORD_SPLIT = re.compile(r"[\s\-]+")


def initials_match(acronym: str, expansion: str) -> bool:
    """Do the words of ``expansion`` spell ``acronym``? ('JeM', 'Jaish-e-Mohammed') → True."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    words = [w for w in _WORD_SPLIT.split(expansion) if w]
    if not letters or not words or words[0][0].lower() != letters[0]:
        return False
    # each letter must start a word, or continue inside the word that the previous letter started
    wi, li = 0, 0
    pos_in_word = 0
    while li < len(letters) and wi < len(words):
        word = words[wi].lower()
        if pos_in_word == 0:
            if word[0] == letters[li]:
                li += 1
                pos_in_word = 1
                continue
            if word in _FUNCTION_WORDS:
                wi += 1
                continue
            return False
        nxt = words[wi + 1].lower() if wi + 1 < len(words) else ""
        if nxt and nxt[0] == letters[li]:
            wi += 1
            pos_in_word = 0
            continue
        k = word.find(letters[li], pos_in_word)
        if k > 0 and li == len(letters) - 1 and wi == len(words) - 1:
            li += 1
            continue
        wi += 1
        pos_in_word = 0
    if li < len(letters):
        return False
    # every remaining content word must be covered: no unexplained capitalised words after the last letter
    rest = [w for w in words[wi + 1:] if w.lower() not in _FUNCTION_WORDS]
    return not rest


def _candidate_expansion(doc: Doc, end: int, ent_end_at: dict[int, Span]) -> Span | None:
    """The name that ends right before '(' at token ``end``: an entity and the capitalised or hyphen-joined
    words before it ("Pakistan-occupied Kashmir", where the model marks only "Kashmir")."""
    ent = ent_end_at.get(end)
    start = ent.start if ent is not None else end
    while start > 0:
        tok = doc[start - 1]
        hyphen_joined = tok.text == "-" and tok.whitespace_ == "" and start >= 2 and doc[start - 2].whitespace_ == ""
        joined_word = tok.is_alpha and (
            (tok.whitespace_ == "" and start < end and doc[start].text == "-")
            or (start - 2 >= 0 and doc[start - 2].text == "-" and doc[start - 2].whitespace_ == "")
        )
        if (is_capitalised(tok.text) and tok.is_alpha) or hyphen_joined or joined_word or (
            tok.lower_ in _FUNCTION_WORDS and start < end
        ):
            start -= 1
        else:
            break
    while start < end and (doc[start].lower_ in _FUNCTION_WORDS or doc[start].text == "-"):
        start += 1
    if start >= end:
        return None
    return Span(doc, start, end, label=ent.label_ if ent is not None else "ORG")


def _shortest_matching(span: Span, acronym: str) -> Span | None:
    """Drop leading words until the rest spells the acronym ('the Jammu Kashmir United Movement' → ...)."""
    for s in range(span.start, span.end):
        if not is_capitalised(span.doc[s].text):
            continue
        sub = Span(span.doc, s, span.end, label=span.label_)
        if initials_match(acronym, sub.text):
            return sub
    return None


@Language.factory("dossier_acronyms", requires=["doc.ents"], assigns=["doc.ents", "doc._.dossier_acronyms"])
def make_acronyms(nlp: Language, name: str) -> AcronymLinker:
    register()
    return AcronymLinker()


class AcronymLinker:
    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        defined: dict[str, tuple[Span, str]] = {}
        for i in range(1, len(doc) - 2):
            if doc[i].text != "(" or doc[i + 2].text != ")" or not is_acronym(doc[i + 1].text):
                continue
            acronym = doc[i + 1].text
            if acronym in defined:
                continue
            ent_end_at = {e.end: e for e in ents}
            cand = _candidate_expansion(doc, i, ent_end_at)
            if cand is None:
                continue
            expansion = _shortest_matching(cand, acronym)
            if expansion is None:
                continue
            # places with acronyms are the well-known ones the gazetteer has; everything else abbreviated is
            # an organisation (people are rarely given acronyms), whatever the model guessed
            if lookup_place(expansion.text) is not None:
                label = "GPE"
            elif expansion.label_ == "NORP":
                label = "NORP"
            else:
                label = "ORG"
            defined[acronym] = (Span(doc, expansion.start, expansion.end, label=label), label)
        if not defined:
            doc._.dossier_acronyms = {}
            return doc
        spans = list(ents)
        for expansion, _label in defined.values():
            spans = [e for e in spans if not (e.start < expansion.end and e.end > expansion.start)]
            spans.append(expansion)
        for tok in doc:
            hit = defined.get(tok.text)
            if hit is None:
                continue
            label = hit[1]
            rebuilt: list[Span] = []
            for e in spans:
                if not (e.start <= tok.i < e.end) or (len(e) > 1 and e.label_ == label):
                    rebuilt.append(e)  # unrelated, or a longer name of the same kind ("JeM Welfare Trust")
                    continue
                if e.start < tok.i:  # "JeM Masood Azhar" tagged as one person → split around the acronym
                    rebuilt.append(Span(doc, e.start, tok.i, label=e.label_))
                if tok.i + 1 < e.end:
                    rebuilt.append(Span(doc, tok.i + 1, e.end, label=e.label_))
            if not any(e.start <= tok.i < e.end for e in rebuilt):
                rebuilt.append(Span(doc, tok.i, tok.i + 1, label=label))
            spans = rebuilt
        set_ents(doc, spans)
        doc._.dossier_acronyms = {a: (sp.start_char, sp.end_char) for a, (sp, _) in defined.items()}
        return doc
