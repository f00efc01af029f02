"""What the sentence and the world say of a place, for ``dossier_entity_types``: for names ending in a word that is
also a surname ("Vigra Church", "Gatineau Rivers") ``entity_types._geo_label`` reads such a two-word name as a place
only where the report places it, and two more ways a report does are here; GeoNames' first-level divisions
("Madhya Pradesh"); and GeoNames' containment of the name with another name of the report ("Plentywood …
Sheridan County")."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Span

from dossier.extract.place_parents import admin_data
from dossier.model.containment import known_inside, known_place
from dossier.model.names import name_key
from dossier.model.reference import country_abbreviation, given_names, is_common_word, lookup_place, org_heads

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


# How GeoNames nests a name with another name of the report, strongest first (``geo_nesting``).
NESTING = ("adjacent", "sentence", "document", "country")


def geo_nesting(span: Span, ents: Sequence[Span] | None = None) -> str | None:
    """How GeoNames' containment (``model.containment``) ties the name to another name of the report, that the
    small model does not call a person: "adjacent" where the two stand side by side after a comma ("Guarenas,
    Miranda", "Plentywood, Sheridan County"), "sentence" where one lies in the other's county, state or province
    in one sentence ("past Plentywood … into Sheridan County"; "between Pitkin and Lake counties" … "Aspen"),
    "document" where they are sentences apart, "country" where the only tie is a country the name lies in (every
    town's namesake does: "Wallace" in the United States); None where GeoNames knows no such place. A person
    named like a town rarely stands beside that town's own county, so the closer ties are the surer. ``ents``: the
    document's names when the caller has them (``doc.ents`` builds every span anew at each read)."""
    if not known_place(span.text):
        return None
    doc = span.doc
    key = span.text
    best = len(NESTING)
    for other in doc.ents if ents is None else ents:
        if other.label_ == "PERSON" or other.text == key or (other.start < span.end and span.start < other.end):
            continue
        tie = _tie(key, other.text)
        if tie is None or other.root.dep_ in {"compound", "amod", "poss"}:
            continue  # a premodifier is no place of the sentence: "Kimball told Nebraska voters"
        if tie == "country":
            level = 3
        elif (other.start == span.end + 1 and doc[span.end].text == ",") or (
                span.start == other.end + 1 and doc[other.end].text == ","):
            level = 0
        else:
            level = 1 if other.sent.start == span.sent.start else 2
        best = min(best, level)
        if best == 0:
            break
    return NESTING[best] if best < len(NESTING) else None


@lru_cache(maxsize=1 << 16)
def _tie(name: str, other: str) -> str | None:
    """"country" where GeoNames has ``name`` only in the country ``other``, "in" where in its division, "has" where
    ``name`` is a division ``other`` lies in; None where neither (a report names the same pairs again and again)."""
    if known_inside(name, other):
        return "country" if _is_country(other) else "in"
    return "has" if known_inside(other, name) else None


def _is_country(name: str) -> bool:
    place = lookup_place(name, allow_common_words=True)
    return place is not None and place.kind == "country" or country_abbreviation(name) is not None


# First-level division names that are also English words or compass names ("Capital", "Rivers", "Est")
_GENERIC_DIVISIONS = frozenset(name_key(w) for w in (
    "Bar Capital Central East West North South Northeast Northwest Southeast Southwest Est Ouest Sud Nord Gulf "
    "Pool Mono Unity Nacional Maritime Centrale Rivers Cascades Collines Lacs Cuvette Falcon Valle Littoral "
    "Litoral Midlands Atlantique Atlantico Islands Lakes Plateau Plateaux Coast Highlands Lowlands Mountains "
    "Savanes Savanne Western Eastern Northern Southern Upper Lower Interior Frontier Border Volta").split())


def admin_division(span: Span, located: bool) -> bool:
    """A first-level division of a country (GeoNames admin-1: "Madhya Pradesh", "Hordaland", "Tasmania", "Ohio")
    that the city gazetteer lacks, where the name is no generic word or acronym, opens with no given name, and the
    sentence places something there."""
    words = [t.text for t in span if not t.is_punct]
    if not words or not all(w[:1].isupper() for w in words) or words[0] in given_names():
        return False
    key = name_key(span.text)
    if len(key) < 4 or key in _GENERIC_DIVISIONS or key not in admin_data().admin1_by_key or span.text.isupper():
        return False  # "SABA" is an acronym, not the island
    # only where the sentence places something there or the name follows a place and a comma ("born in Durg,
    # Madhya Pradesh"): many divisions bear a person's name ("O'Higgins", "Saint Joseph")
    doc = span.doc
    return located or (span.start >= 2 and doc[span.start - 1].text == ","
                       and doc[span.start - 2].ent_type_ in {"GPE", "LOC"})


def geo_nested_place(span: Span, placed: bool, ents: Sequence[Span] | None = None) -> bool:
    """Whether a name the model calls a person or an organisation is a place by GeoNames' containment
    (``geo_nesting``): always where it stands beside its county, state or province ("Guarenas, Miranda"); in one
    sentence with it ("past Plentywood … into Sheridan County") where the name opens with no given name, ends in no
    organisation word and does not act (``_acts``); further apart, only in a country the report names, or one word
    the model calls a person ("the governor met Kimball in Lincoln, Nebraska"), only where the report also places
    something there (``placed``: "in Rosharon")."""
    nesting = geo_nesting(span, ents)
    if nesting is None or nesting == "adjacent":
        return nesting is not None
    if is_common_word(span.text):
        return False  # "Jackson", "Union", "Commerce": only beside the division ("Jackson, Mississippi")
    lone_person = len(span) == 1 and span.label_ == "PERSON"
    return span[0].text not in given_names() and span[-1].text not in org_heads() and not _acts(span) \
        and ((nesting == "sentence" and not lone_person) or placed)


# verbs a place is the subject of as often as anyone ("Plentywood has a population of", "the town lies on")
_PLACE_VERBS = frozenset("be have lie sit stand border flow run serve host include".split())
# prepositions of an agent or a partner: "a memoir by Kimball", "talks with Kimball", "a case against Kimball"
_AGENT_PREPOSITIONS = frozenset("by with for against about".split())


def _acts(span: Span) -> bool:
    """The name is the subject of a verb other than "be", "have" or one of lying ("Kimball told Nebraska voters"),
    or the object (or in the list of objects) of an agent's or a partner's preposition ("a memoir by Kimball")."""
    root = span.root
    if root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.lemma_ not in _PLACE_VERBS:
        return True
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in _AGENT_PREPOSITIONS
