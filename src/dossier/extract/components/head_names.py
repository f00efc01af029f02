"""``dossier_head_names``: names the small model misses, found by the word that heads them.

A run of capitalised proper nouns that the model left untagged is a name when its last word says what it names:
an administrative division ("Møre og Romsdal County"), a natural feature ("Azat River", "Crescent Range",
"Willow Bunch Lake"), a building or site ("Connolly Station", "Creve Coeur Park") or an organisation ("Progress
Party"); or when it opens with a division and "of" ("Province of Potosí", "Town of Maniwaki"); or, one word or
more, when a noun for a band, club or team names it right before ("the power metal band Lord"). The type follows
from that word; ``dossier_entity_types`` then votes on it like on any other name. A line set in title case (a
headline) is skipped: there every word is capitalised and the run says nothing.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from dossier.extract.components.entity_types import (
    _ADMIN_TAILS,
    _BUILDING_TAILS,
    _FACILITY_HEADS,
    _GROUP_NOUNS,
    _NATURE_TAILS,
    _SURNAME_TAILS,
)
from dossier.extract.components.extensions import register
from dossier.extract.components.spans import is_capitalised, set_ents
from dossier.model.reference import given_names

_PROPER = frozenset({"NNP", "NNPS"})
_CONNECTORS = frozenset({"of", "de", "del", "da", "di", "du", "og", "la", "le", "y", "and"})
# organisation words that end a name and are not also words a headline or a sentence start capitalises alone
_ORG_TAILS = frozenset("Party Movement Front Alliance Association Federation Foundation Institute University "
                       "College Corporation Company Society Orchestra Academy".split())
_SITE_TAILS = frozenset({"Park", "Station", "Square", "Cemetery", "Stadium", "Arena", "Airport", "Bridge"})
_OF_HEADS = frozenset({"Province", "Town", "City", "County", "Municipality", "District", "Region", "Canton",
                       "Prefecture", "Governorate", "Borough", "Township", "Village"})
_HEADLINE = 0.7  # share of capitalised words above which a sentence is a title-case line


def _label(words: list[str]) -> str | None:
    last = words[-1]
    if len(words) >= 3 and words[0] in _OF_HEADS and words[1] == "of":
        return "GPE"
    if words[0] in given_names() or (last in _SURNAME_TAILS and len(words) < 3):
        return None
    if last in _ADMIN_TAILS:
        return "GPE"
    if last in _NATURE_TAILS:
        return "LOC"
    if last in _BUILDING_TAILS or last in _FACILITY_HEADS or last in _SITE_TAILS:
        return "FAC"
    if last in _ORG_TAILS:
        return "ORG"
    return None


def _headline(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha]
    return len(words) >= 3 and sum(is_capitalised(t.text) for t in words) / len(words) > _HEADLINE


def _runs(sent: Span) -> list[tuple[int, int]]:
    """Maximal runs of untagged capitalised proper nouns (with connectors between two of them)."""
    doc = sent.doc
    out: list[tuple[int, int]] = []
    i = sent.start
    while i < sent.end:
        t = doc[i]
        if not (t.tag_ in _PROPER and is_capitalised(t.text) and t.is_alpha and not t.ent_type_):
            i += 1
            continue
        j = i + 1
        while j < sent.end:
            u = doc[j]
            if u.tag_ in _PROPER and is_capitalised(u.text) and u.is_alpha and not u.ent_type_:
                j += 1
            elif u.lower_ in _CONNECTORS and not u.ent_type_ and j + 1 < sent.end and \
                    doc[j + 1].tag_ in _PROPER and is_capitalised(doc[j + 1].text) and not doc[j + 1].ent_type_:
                j += 2
            else:
                break
        touches = (i > 0 and bool(doc[i - 1].ent_type_)) or (j < len(doc) and bool(doc[j].ent_type_))
        if (j - i >= 2 or _after_group_noun(doc, i)) and not touches:
            out.append((i, j))
        i = j
    return out


def _after_group_noun(doc: Doc, i: int) -> bool:
    """"the power metal band Lord", "the Austrian club Schwadorf": a lower-case noun for a body of people that the
    run, one word or more, names."""
    return i > 0 and doc[i - 1].lower_ in _GROUP_NOUNS and doc[i - 1].tag_ == "NN" and doc[i - 1].is_lower


@Language.factory("dossier_head_names", requires=["doc.ents", "token.tag"], assigns=["doc.ents"])
def make_head_names(nlp: Language, name: str) -> HeadNames:
    register()
    return HeadNames()


class HeadNames:
    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for sent in doc.sents:
            if _headline(sent):
                continue
            for i, j in _runs(sent):
                label = "ORG" if _after_group_noun(doc, i) else _label([t.text for t in doc[i:j]])
                if label is not None:
                    found.append(Span(doc, i, j, label=label))
        if found:
            set_ents(doc, [*doc.ents, *found])
        return doc
