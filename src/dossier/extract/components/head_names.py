"""``dossier_head_names``: names the small model misses, found by the word that heads them.

A run of capitalised proper nouns that the model left untagged is a name when its last word says what it names:
an administrative division ("Møre og Romsdal County"), a natural feature ("Azat River", "Crescent Range",
"Willow Bunch Lake"), a building or site ("Connolly Station", "Creve Coeur Park") or an organisation ("Progress
Party"); or when it opens with a division and "of" ("Province of Potosí", "Town of Maniwaki"); or, one word or
more, when a noun for a band, club or team names it right before ("the power metal band Lord"). The type follows
from that word; ``dossier_entity_types`` then votes on it like on any other name. A line set in title case (a
headline) is skipped: there every word is capitalised and the run says nothing.

A run with no telling last word (one word or more, also one the model gave a label dossier drops: a work, a
product, a language) is a name where the sentence says what it is (``_context_label``): a member of a list of
names the model found, a place after a placing preposition, a team one plays for, a place or a person the
sentence defines, a name in apposition to a person noun. Each guard there keeps a false reading out (titles of
works, titles of people, words that continue a longer name, names the report already names).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Sequence
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dossier.extract.components.entity_types import (
    _ADMIN_TAILS,
    _BUILDING_TAILS,
    _CORPORATE_ROLES,
    _FACILITY_HEADS,
    _GROUP_NOUNS,
    _NATURE_TAILS,
    _PARTY_WORDS,
    _SURNAME_TAILS,
    NAME_LABELS,
    _after_geo_noun,
    _after_org_noun,
    _defined_as_place,
    _geo_label,
    _member_or_player,
    _place_of,
)
from dossier.extract.components.extensions import register
from dossier.extract.components.person_cues import PERSON_NOUNS, said_to_be_person
from dossier.extract.components.spans import is_capitalised, set_ents
from dossier.extract.relations.lexicon import ROLE_PREFIXES, lexicon
from dossier.model.reference import demonym_of, given_names, lookup_place, titles

_PROPER = frozenset({"NNP", "NNPS"})
_CONNECTORS = frozenset({"of", "de", "del", "da", "di", "du", "og", "la", "le", "y", "and"})
# organisation words that end a name and are not also words a headline or a sentence start capitalises alone
_ORG_TAILS = frozenset("Party Movement Front Alliance Association Federation Foundation Institute University "
                       "College Corporation Company Society Orchestra Academy School".split())
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
        _widen_compounds(doc)
        _join_of_names(doc)
        found: list[Span] = []
        for sent in doc.sents:
            if _headline(sent):
                continue
            for i, j in _runs(sent):
                label = "ORG" if _after_group_noun(doc, i) else _label([t.text for t in doc[i:j]])
                if label is not None:
                    found.append(Span(doc, i, j, label=label))
            taken = {k for s in found for k in range(s.start, s.end)}
            for i, j, inside in _free_runs(sent):
                if not taken.isdisjoint(range(i, j)):
                    continue
                # inside a longer title only the place its words or the noun after it name ("the Guajalote
                # Mountain in the Sierra Norte de Puebla", one work of art to the model)
                label = _geo_run_label(doc[i:j]) if inside else _context_label(doc[i:j], found)
                if label is not None:
                    found.append(Span(doc, i, j, label=label))
        if found:
            covered = {k for s in found for k in range(s.start, s.end)}
            # a title or product label the run overrides ("born in Tunis" tagged as a language) gives way
            kept = [e for e in doc.ents if e.label_ not in _NON_NAME or covered.isdisjoint(range(e.start, e.end))]
            set_ents(doc, [*kept, *found])
        return doc


def _bare(t: Token) -> bool:
    """A capitalised proper noun the model left out of every name, that is no title, role, party word or
    acronym."""
    return t.tag_ in _PROPER and t.is_alpha and is_capitalised(t.text) and not t.ent_type_ and not t.is_upper \
        and t.text not in _CORPORATE_ROLES and t.text not in _PARTY_WORDS and not _titled((t.text,)) \
        and t.lower_ not in PERSON_NOUNS and t.lower_ not in _role_words()


@cache
def _role_words() -> frozenset[str]:
    """One-word role titles of the relation lexicon ("member", "representative", "attorney") and the words that
    open one ("assistant", "deputy")."""
    return ROLE_PREFIXES | {s.words[0] for senses in lexicon().titles.values() for s in senses if len(s.words) == 1}


_NUMBER_WORDS = frozenset("One Two Three Four Five Six Seven Eight Nine Ten".split())
# last words of names of events: a name the model cut before one is an event's, no organisation's
_EVENT_TAILS = frozenset("War Wars Revolution Uprising Campaign Games Olympics Championship Championships "
                         "Playoffs Finals Tournament Agreement Accords Summit".split())


def _widened(span: Span) -> Span | None:
    """``span`` grown over the bare proper nouns of the same compound noun, else None: to the right up to the
    proper noun the name modifies ("Warsaw Metro", "Italian Pelagie Islands"), to the left over the proper nouns
    that modify the name ("Lower Manhattan"; a person: "Wassily Kandinsky"). A person grows only to the left (a
    person's name modifying a proper noun is a title or a thing: "Obama Administration"), not after a
    capitalised word or a title's "of" ("Secretary of State Clinton"), and a full name only by a known given
    name. A run with a title, a role or a party word in it never joins ("US President Joe Biden", "Apple CEO Tim
    Cook", "Democrat Sidney Yates"), nor one right before a person ("NBA Star Chris Webber"), nor a name that
    ends in an award or an event ("Emmy Award", "French Revolutionary Wars"); a demonym grows only into a name
    whose last word or the gazetteer types it ("Italian Pelagie Islands", "Hindu Kush"; not "Japanese
    Politics")."""
    doc = span.doc
    start, end = span.start, span.end
    root = span.root
    if span.label_ != "PERSON" and root.dep_ == "compound" and root.head.i >= end \
            and all(_bare(doc[k]) and span.start <= doc[k].head.i <= root.head.i for k in range(end, root.head.i)) \
            and _bare(root.head) and not root.head.is_sent_start and not doc[end - 1].text.endswith(".") \
            and not (root.head.i + 1 < len(doc) and doc[root.head.i + 1].ent_type_ == "PERSON"):
        end = root.head.i + 1  # not before a person: "NBA Star Chris Webber" has a role there
    while start > span.sent.start and _bare(doc[start - 1]) and doc[start - 1].dep_ == "compound" \
            and start <= doc[start - 1].head.i < end:
        start -= 1
    if span.label_ == "ORG" and end == span.end and end < len(doc) and doc[end].text in _NUMBER_WORDS \
            and root.dep_ == "compound" and root.head.i == end and doc[end].dep_ != "nummod" \
            and not doc[end].is_sent_start:
        end += 1  # "BBC One": the name modifies a number word, a channel numbered in words ("Reuters Two men" no)
    if (start, end) == (span.start, span.end):
        return None
    words = [t.text for t in doc[start:end]]
    label = _label(words)
    if _titled(tuple(words)) or words[-1] in _THING_TAILS or words[-1] in _EVENT_TAILS:
        return None
    if span.label_ == "NORP" and end > span.end and label is None:
        if not _place_named(doc[start:end].text):
            return None  # "Japanese Politics", "European Champion": a demonym modifies a word, names nothing
        label = "LOC"  # "Hindu Kush"
    if span.label_ == "PERSON":
        before = doc[start - 1] if start > 0 else None
        of_title = before is not None and before.lower_ == "of" and start > 1 and is_capitalised(doc[start - 2].text)
        if end > span.end or of_title or (before is not None and is_capitalised(before.text)):
            return None
        # a full name grows only by a given name the lists know; a lone surname by any bare proper noun ("Marcel"
        # of "Marcel Roche"): before a full name a bare word is most often a title the lists lack ("Undersheriff
        # James Gage", "Star Chris Webber")
        if len(span) > 1 and any(t.text not in given_names() for t in doc[start:span.start]):
            return None
        return Span(doc, start, end, label="PERSON")
    if span.label_ == "NORP":
        return Span(doc, start, end, label=label or "ORG")
    if label is None and end > span.end and span.label_ in {"GPE", "LOC", "FAC"}:
        if doc[end - 1].tag_ == "NNPS":
            return None  # "Cannon Lake CPUs": a place names a kind of thing
        # a place grown over a word the gazetteer knows as a place stays one ("London Heathrow"); over another
        # word it names a body there ("Beijing Wanfeng Aote", "New York City Subway")
        label = span.label_ if _place_named(doc[span.end:end].text) else "ORG"
    # otherwise the name keeps its kind unless its last word says another: "Lower Manhattan" is a place,
    # "Boeing Commercial Airplanes" a company, "Cove Lake State Park" a site
    return Span(doc, start, end, label=label or span.label_)


def _place_named(text: str) -> bool:
    """The gazetteer knows a place by exactly this name (its fuzzy match finds "Paris 09 Opéra" for "Opera")."""
    place = lookup_place(text)
    return place is not None and place.name == text


def _widen_compounds(doc: Doc) -> None:
    """Names the model cut inside a compound of proper nouns are made whole (issue 12: "Warsaw Metro" tagged
    "Warsaw", "Marcel Roche" tagged "Roche"): one entity with the full span, typed by its last word. A title-case
    line (a headline) is left alone."""
    grown, changed = [], False
    for e in doc.ents:
        if e.label_ in NAME_LABELS and not _headline(e.sent) and (w := _widened(e)) is not None:
            grown.append(w)
            changed = True
        else:
            grown.append(e)
    if changed:
        set_ents(doc, grown)


# the last words of a name that goes on with "of" and a name: a body or a division of one, never a title
_OF_NAME_HEADS = frozenset("City Town County Province Region District Municipality Prefecture Governorate Borough "
                           "House Church Library Division Cathedral Basilica Diocese Archdiocese Duchy Principality "
                           "Kingdom Republic Emirate Sultanate Court Museum Ministry Department Bank College "
                           "Academy Institute University".split())
_OF_RIGHT = frozenset({"ORG", "GPE", "LOC", "FAC", "PERSON"})


def _of_left(doc: Doc, of: int) -> tuple[int, str] | None:
    """Where the name before "of" (token ``of``) starts and its label, when it ends in a head word: a name the
    model found (no person, no group), or bare proper nouns ("Library")."""
    prev = doc[of - 1]
    if of == 0 or prev.text not in _OF_NAME_HEADS:
        return None
    if prev.ent_type_:
        ent = next(e for e in doc.ents if e.start <= of - 1 < e.end)
        return (ent.start, ent.label_) if ent.end == of and ent.label_ in {"ORG", "GPE", "LOC", "FAC"} else None
    start = of - 1
    while start > prev.sent.start and _bare(doc[start - 1]):
        start -= 1
    return (start, "") if _bare(prev) and not doc[start].is_sent_start else None


def _of_right(doc: Doc, k: int) -> int | None:
    """Where the name right after "of" (and "the") at token ``k`` ends: a name the model found, or bare proper
    nouns; None if it goes on ("the Bank of England's", "of Bari Province")."""
    if k >= len(doc):
        return None
    if doc[k].ent_type_:
        ent = next(e for e in doc.ents if e.start <= k < e.end)
        if ent.start != k or ent.label_ not in _OF_RIGHT:
            return None
        end = ent.end
    else:
        end = k
        while end < len(doc) and end < doc[k].sent.end and _bare(doc[end]):
            end += 1
        if end == k:
            return None
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and (nxt.tag_ == "POS" or (is_capitalised(nxt.text) and nxt.is_alpha)):
        return None
    return end


def _country(text: str) -> bool:
    place = lookup_place(text)
    return place is not None and place.kind == "country"


def _join_of_names(doc: Doc) -> None:
    """A name that ends in a head word and goes on with "of" and a name is one name (issue 12: the model tags
    "Metropolitan City" and leaves "Bari", tags "Congress" and leaves "Library"): "the Metropolitan City of
    Bari", "the Library of Congress", "the Redeemed Christian Church of God", "the Royal House of France". The head
    word is a body or a division, never a title ("the President of France" is the titles component's), the name
    before "of" is no person ("Obama of the United States") and the one after ends there: a list goes on as two
    names ("the Bank of England and the Fed"). A body before a place stays apart from it ("the Supreme Court of
    Florida": the court is in Florida); a division joins it ("the City of Edmonton")."""
    joined: list[Span] = []
    for tok in doc:
        if tok.lower_ != "of" or tok.ent_type_ or _headline(tok.sent) or (left := _of_left(doc, tok.i)) is None:
            continue
        k = tok.i + 2 if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "the" and not doc[tok.i + 1].ent_type_ \
            else tok.i + 1
        end = _of_right(doc, k)
        start, label = left
        if end is None or _titled(tuple(t.text for t in doc[start:end])):
            continue
        head = doc[tok.i - 1].text
        if head in _OF_HEADS and start < tok.i - 1 and _country(doc[k:end].text):
            continue  # "Kotayk Province of Armenia": a named division, then the country it is in
        if head not in _OF_HEADS and doc[k].ent_type_ in {"GPE", "LOC"}:
            continue  # "the Supreme Court of Florida": a body, then the place it serves (a located_in fact)
        joined.append(Span(doc, start, end, label="GPE" if head in _OF_HEADS else label or "ORG"))
    if joined:
        covered = {k for s in joined for k in range(s.start, s.end)}
        set_ents(doc, [*(e for e in doc.ents if covered.isdisjoint(range(e.start, e.end))), *joined])


# Names by what the sentence around them says (issue 12: "names the small model never finds"). The model's labels
# dossier drops: a run carrying one may still be a name the context reads ("born in Tunis" as a LANGUAGE, "based
# at Vichy" as a WORK_OF_ART, "Orlando Magic" half a PRODUCT); EVENT stays (name_repair's "Operation X").
_NON_NAME = frozenset({"WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"})
# prepositions whose object, where the gazetteer knows it, is the place something is in or comes from; "to" only
# after a verb of moving ("moved to Pau", not "re-elected to the Dáil", "homage paid to God")
_PLACING = frozenset("in at near from outside via through towards toward into".split())
_MOVING = frozenset("move go come return travel fly sail flee emigrate relocate transfer deport send drive".split())
_TIME_WORDS = frozenset([*calendar.month_name[1:], *calendar.day_name])
# the parse roles of a run that only modifies the next word ("Revolution newspaper", "BARB ratings", "the Ute
# people"): no name of its own
_PREMODIFIER = frozenset({"compound", "amod", "nmod", "poss"})
# nouns for works, whose names the model mistakes for people ("the television series Lost, Alias and Fringe")
_WORK_NOUNS = frozenset("series film movie album song single novel book game show title work play opera poem "
                        "painting record track episode programme program magazine newspaper platform".split())
# last words of names of things that are no entity of dossier's: awards, laws, trophies
_THING_TAILS = frozenset("Award Awards Prize Medal Trophy Cup Act Ordinance Treaty".split())


def _word(t: Token) -> bool:
    return t.tag_ in _PROPER and is_capitalised(t.text) and t.text.isalnum() \
        and (not t.ent_type_ or t.ent_type_ in _NON_NAME)


def _free_runs(sent: Span) -> list[tuple[int, int, bool]]:
    """Maximal runs of capitalised proper nouns that carry no name label (connectors between two of them), none
    next to a name the model found; each with whether it lies inside a longer title the model found."""
    doc = sent.doc
    out: list[tuple[int, int, bool]] = []
    i = sent.start
    while i < sent.end:
        if not _word(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < sent.end:
            if _word(doc[j]):
                j += 1
            elif doc[j].lower_ in _CONNECTORS and doc[j].lower_ != "and" and doc[j].ent_type_ in _NON_NAME | {""} \
                    and j + 1 < sent.end and _word(doc[j + 1]):
                j += 2
            else:
                break
        named = (i > 0 and doc[i - 1].ent_type_ in NAME_LABELS) or (j < len(doc) and doc[j].ent_type_ in NAME_LABELS)
        # a run inside a longer title the model found ("Know" of "Does Your Mother Know") is no name of its own
        inside = any(e.label_ in _NON_NAME and any(not (i <= t.i < j) and not (t.is_punct or t.tag_ == "DT")
                                                    for t in e) for e in doc.ents[:] if e.start < j and i < e.end)
        if not named:
            out.append((i, j, inside))
        i = j
    return out


# lower-case division nouns a place's name modifies: "Miranda state", "the Sierra Norte de Puebla mountain
# region", "Pitkin and Lake counties"
_DIVISION_NOUNS = frozenset("state province county district region municipality oblast governorate prefecture "
                            "canton parish township borough".split())
_QUOTES = frozenset({'"', "“", "”", "``", "''", "'"})


def _geo_run_label(span: Span) -> str | None:
    """GPE / LOC / FAC for a run the structure of its words or the noun after it calls a place, whatever title or
    product label the model gave it ("cut through the Mogollon Rim", "the Guajalote Mountain in the Sierra Norte de
    Puebla mountain region": both tagged as one work of art; "Miranda state" as a product; "Pitkin and Lake
    counties"). Never a quoted title ("the single " Moon River "")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "the" and span.start > 1:
        before = doc[span.start - 2]
    if (before is not None and before.text in _QUOTES) or (span.end < len(doc) and doc[span.end].text in _QUOTES):
        return None
    if (geo := _geo_label(span)) is not None:
        return geo
    return "GPE" if _before_division_noun(span) else None


def _before_division_noun(span: Span) -> bool:
    """The run names the division the lower-case noun after it says: "Miranda state" (the gazetteer must know a
    "state": "the Islamic state"), "the Tigray region", "the Sierra Norte de Puebla mountain region" (over one
    feature noun), and in a list before the plural, "Pitkin and Lake counties". Not a run that only modifies
    something else ("the Oaxaca state government" still names Oaxaca)."""
    doc = span.doc
    k = span.end
    # another name of the list before it: "Pitkin and Lake counties"
    listed = span.start >= 2 and doc[span.start - 1].lower_ == "and" and doc[span.start - 2].tag_ in _PROPER
    while k + 1 < len(doc) and doc[k].lower_ in {",", "and"} and doc[k + 1].tag_ in _PROPER \
            and is_capitalised(doc[k + 1].text):
        listed = True  # "Pitkin and Lake counties": another name of the list
        k += 2
        while k < len(doc) and doc[k].tag_ in _PROPER and is_capitalised(doc[k].text):
            k += 1
    if k < len(doc) and doc[k].tag_ == "NN" and doc[k].lower_ in {"mountain", "river", "island", "coastal"}:
        k += 1  # "the Sierra Norte de Puebla mountain region"
    if k >= len(doc):
        return False
    noun = doc[k]
    if noun.tag_ == "NNS" and listed:
        return noun.lemma_.lower() in _DIVISION_NOUNS
    if noun.tag_ != "NN" or noun.lower_ not in _DIVISION_NOUNS or listed:
        return False
    if noun.lower_ == "state" and lookup_place(span.text) is None:
        return False
    return span.root.head.i in range(span.end, k + 1) or span.root.head.i == k


@cache
def _title_phrases() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(w.lower() for w in t) for t in titles())


def _titled(words: tuple[str, ...]) -> bool:
    """A title ("the Pope") or a run with a title word in it ("Minister of State", "Senior Vice President"): the
    titles component reads titled names."""
    return tuple(w.lower() for w in words) in _title_phrases() or any((w.lower(),) in _title_phrases()
                                                                       for w in words)


def _context_label(span: Span, found: Sequence[Span] = ()) -> str | None:
    """The type the sentence gives an untagged run of proper nouns, else None: a member of a list of names (the
    list's type: "Manaus, Santarém, Macapá, Belém"; "McKim, Mead and White"), the object of a placing preposition
    the gazetteer knows ("she was born in Tunis", "the school moved to Pau"), a team or band one plays for or is a
    member of ("plays for SK Schwadorf"), a place or a person the sentence defines ("Calueque is a town",
    "Hélé Béji (born 1948)"), or a name in apposition to a person noun ("the Greek historian Polybius"). Never a
    month or a weekday, a party word or a demonym ("Democrats", "Dane"), a lone plural ("the Allies"), a word of
    one or two letters, a run with a title in it ("the Pope", "Senior Vice President"), or a run that only
    modifies the next word ("Revolution newspaper")."""
    words = tuple(t.text for t in span)
    root = span.root
    if set(words) <= _TIME_WORDS or (len(span) == 1 and (words[0] in _PARTY_WORDS or span[0].tag_ == "NNPS"
                                                         or len(words[0]) < 3)) \
            or demonym_of(span.text) or _titled(words):
        return None
    doc = span.doc
    if _role_before_person(span):
        return "ORG"  # "Eskom chairperson Ben Ngubane": whose chairperson
    if span[0].ent_type_ in _NON_NAME and (geo := _geo_run_label(span)) is not None:
        return geo  # "cut through the Mogollon Rim", "Miranda state": a place the model took for a title
    if root.dep_ in _PREMODIFIER and root.head.i >= span.end:
        return None
    if span.start > 0 and doc[span.start - 1].tag_ == "POS":
        return None  # "James Joyce's Ulysses": what a person has or made
    after = doc[span.end: span.end + 2]
    if words[-1] in _THING_TAILS or (len(after) and after[0].like_num) or \
            (len(after) == 2 and after[0].text == "(" and after[1].like_num):
        return None  # "an Academy Award", "PlayStation 2", "Fortress (1992)": awards and works
    if any(e.text == span.text for e in doc.ents if e.label_ in NAME_LABELS):
        return None  # named elsewhere in the report: propagation gives it that name's type
    if (label := _list_label(span, found)) is not None:
        return label
    if _continues(span):
        return None  # "the parish Shrine of the Holy Cross", "posted in Hit and Run Accidents": part of a name
    prep = root.head if root.dep_ == "pobj" else None
    if prep is not None and (prep.lower_ in _PLACING or (prep.lower_ == "to" and prep.head.lemma_ in _MOVING)) \
            and prep.i == span.start - 1 and lookup_place(span.text) is not None:
        return "GPE"  # right after the preposition: "in the Dáil" is no town
    if _member_or_player(span) or _after_org_noun(span):
        return "ORG"
    if _defined_as_place(span) or _place_of(span) or _after_geo_noun(span):
        return "GPE"  # "Calueque is a town …", "the district areas of Selçuk", "the municipality Vestvågøy"
    if said_to_be_person(Span(doc, span.start, span.end, label="ORG")):
        return "PERSON"  # "Hélé Béji (born 1948) is a Tunisian writer", "he married Ella Morris"
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.is_lower and prev.tag_ in {"NN", "NNS"} and prev.lemma_ in PERSON_NOUNS \
            and root.dep_ == "appos" and root.head.i == prev.i and lookup_place(span.text) is None:
        return "PERSON"
    return None


def _role_before_person(span: Span) -> bool:
    """A corporate role follows the run and a person's name the role (or "chief executive") names follows it:
    "Eskom chairperson Ben Ngubane", "Glencore CEO Ivan Glasenberg"; the gazetteer must not know the run ("US
    President Joe Biden" is not asked here: "President" is no corporate role)."""
    doc = span.doc
    k = span.end
    if k < len(doc) and doc[k].lower_ == "chief" and k + 1 < len(doc) and doc[k + 1].lower_ == "executive":
        k += 1
    if k >= len(doc) or doc[k].text not in _CORPORATE_ROLES or lookup_place(span.text) is not None:
        return False
    return k + 1 < len(doc) and doc[k + 1].ent_type_ == "PERSON" and doc[k + 1].ent_iob_ == "B"


def _continues(span: Span) -> bool:
    """The run goes on as a longer name: "of", "and" or "&" and a capitalised word right after it."""
    doc = span.doc
    nxt = doc[span.end: span.end + 3]
    if len(nxt) < 2 or nxt[0].lower_ not in {"of", "and", "&"}:
        return False
    word = nxt[2] if nxt[1].lower_ == "the" and len(nxt) == 3 else nxt[1]
    return is_capitalised(word.text) and word.is_alpha


def _list_label(span: Span, found: Sequence[Span] = ()) -> str | None:
    """The label most named members of the list ``span`` is a conjunct in carry ("Hull, Scarborough, Sheffield
    and York"), where a name the model found (or this component, earlier in the list) is its neighbour in the
    parse; never a list of nationalities."""
    doc = span.doc
    root = span.root
    inside = range(span.start, span.end)
    if any(t.is_lower for t in span):
        return None  # "Elves of Ossiriand": a list names its members plainly
    sep = doc[span.start - 2] if span.start >= 2 and doc[span.start - 1].lower_ == "the" else \
        doc[span.start - 1] if span.start >= 1 else None
    if sep is None or sep.lower_ not in {",", "and", "or", "&", "nor"}:
        return None  # a list member follows a comma or a conjunction ("Yahoo! News" is none)
    ents = [*(e for e in doc.ents if e.label_ in NAME_LABELS), *found]
    linked = (root.dep_ == "conj" and any(e.start <= root.head.i < e.end for e in ents)) or any(
        e.root.dep_ == "conj" and e.root.head.i in inside for e in ents)
    link = root
    if not linked and root.dep_ == "appos" and doc[span.start - 1].text == "," and root.head.dep_ == "conj" \
            and (span.end == len(doc) or doc[span.end].is_punct) \
            and any(e.start <= root.head.i < e.end for e in ents):
        link = root.head  # "Manaus, Santarém, Macapá, Belém.": the parser hangs the last on the one before
    elif not linked:
        return None
    top = link
    while top.dep_ == "conj" and top.head.i < top.i:
        top = top.head
    before = doc[top.left_edge.i - 1] if top.left_edge.i > 0 else None
    anchor = top.head.head if top.dep_ == "pobj" and top.head.lower_ in {"as", "like", "including"} else top.head
    if anchor.lemma_ in _WORK_NOUNS or (before is not None and before.lemma_ in _WORK_NOUNS):
        return None  # "the television series Lost, Alias and Fringe", "titles such as …"
    members = {top.i, root.i, *(t.i for t in top.subtree if t.dep_ == "conj")}
    # a member the model calls an organisation and the gazetteer knows counts as the place the typer will make
    # it ("Manaus, Santarém, Macapá": the model tags the first two ORG)
    labels = Counter("GPE" if e.label_ == "ORG" and lookup_place(e.text) is not None else e.label_
                     for e in ents if e.root.i in members and e.root.i not in inside)
    titled = sum(1 for e in doc.ents if e.label_ in _NON_NAME | {"EVENT"} and e.root.i in members)
    if 2 * sum(labels.values()) < len(members) or titled >= sum(labels.values()):
        return None  # most of the list is no name the model knows: titles of works ("Lost, Alias and Fringe")
    label, _ = max(labels.items(), key=lambda kv: (kv[1], kv[0] != "NORP"))
    # a list of organisations is too often one of products or works the model half-tags ("for the GameCube,
    # Microsoft Windows, Xbox and PlayStation Portable": 5 of 9 right on Re-DocRED half a); lists of people and
    # places hold (5 of 7, 6 of 7)
    return None if label in {"NORP", "ORG"} else label
