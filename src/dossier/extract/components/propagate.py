"""``dossier_name_propagation``: a name recognised once is recognised everywhere in the document.

The small model often tags a full name once and misses its later bare uses ("Baig's lawyer said…", "Baig
denied…"). Any later capitalised occurrence of a recognised name — or of a person's surname, when only one person
in the document carries it — that the model left untagged becomes a mention with the same type.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from dossier.extract.components.entity_types import NAME_LABELS
from dossier.extract.components.extensions import register
from dossier.extract.components.spans import is_capitalised, set_ents
from dossier.model.reference import lookup_place

_MAX_TOKENS = 6
# Capitalised words after which a name is part of the name of a thing dossier keeps no entity for: an agreement,
# a law, an award ("the Cranford Protocol or Cranford Agreement … the residents of Cranford": the place is named
# once, by the model; the agreement's name does not mention it again).
_THING_TAILS = frozenset("Agreement Agreements Accord Accords Protocol Treaty Convention Conventions Pact Declaration "
                         "Act Award Awards Prize Medal Trophy".split())


def _candidates(doc: Doc) -> dict[tuple[str, ...], str]:
    names: dict[tuple[str, ...], str] = {}
    surnames: dict[str, set[str]] = {}
    for e in doc.ents:
        if e.label_ not in NAME_LABELS or len(e) > _MAX_TOKENS or not is_capitalised(e.text):
            continue
        names.setdefault(tuple(t.text for t in e), e.label_)
        if e.label_ == "PERSON" and len(e) >= 2 and e[-1].is_alpha and len(e[-1].text) >= 3:
            surnames.setdefault(e[-1].text, set()).add(e.text)
    for surname, owners in surnames.items():
        if len(owners) == 1 and (surname,) not in names and lookup_place(surname) is None:
            names[(surname,)] = "PERSON"
    return names


@Language.factory("dossier_name_propagation", requires=["doc.ents"], assigns=["doc.ents"])
def make_propagation(nlp: Language, name: str) -> NamePropagation:
    register()
    return NamePropagation()


class NamePropagation:
    def __call__(self, doc: Doc) -> Doc:
        names = _candidates(doc)
        if not names:
            return doc
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for key in sorted(names, key=len, reverse=True):
            by_first.setdefault(key[0], []).append(key)
        covered = {t for e in doc.ents for t in range(e.start, e.end)}
        added: list[Span] = []
        i = 0
        while i < len(doc):
            options = by_first.get(doc[i].text) if i not in covered else None
            matched = 0
            for key in options or ():
                n = len(key)
                if i + n <= len(doc) and all(doc[i + k].text == key[k] for k in range(n)) \
                        and not any(i + k in covered for k in range(n)) \
                        and not (i + n < len(doc) and doc[i + n - 1].whitespace_ == "" and doc[i + n].text == "-") \
                        and not (i + n < len(doc) and doc[i + n].text in _THING_TAILS):
                    added.append(Span(doc, i, i + n, label=names[key]))
                    matched = n
                    break
            i += matched or 1
        if added:
            set_ents(doc, [*doc.ents, *added])
        return doc
