"""What the sentence around a name says of a person: a person noun or verb that names them ("the poet X",
"married X"), life dates in brackets, a list after a plural kin noun ("his children A and B"), a party in brackets
("X (D-Texas)"), "fellow <party> X"; and where a list of names starts. ``entity_types`` weighs these cues."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from dossier.model.names import name_key
from dossier.model.reference import given_names, lookup_place, org_heads


def list_start(span: Span) -> int:
    """Where the list of names ``span`` ends starts ("Selçuk, Torbalı and Ödemiş"), read off the surface (the
    parser often misreads lists of names): back over "," / "and" / "or" and the names before them."""
    doc = span.doc
    start = span.start
    if start < 2 or doc[start - 1].lower_ not in {",", "and", "or"}:
        return start  # most names stand in no list: no need to index the document's names
    ends = {e.end: e.start for e in doc.ents}
    while start >= 2 and doc[start - 1].lower_ in {",", "and", "or"}:
        k = start - 1
        if doc[k].lower_ in {"and", "or"} and k >= 1 and doc[k - 1].text == ",":
            k -= 1  # the serial comma: "A, B, and C"
        if k not in ends:
            break
        start = ends[k]
    return start


# Nouns for what only a person is ("is a French composer", "singer-songwriter Christina Aguilera"): the small
# model calls many European names organisations, and the given-name list (from OFAC) does not know them.
PERSON_NOUNS = frozenset(
    "politician statesman composer singer songwriter singer-songwriter actor actress writer author novelist poet "
    "playwright screenwriter painter sculptor illustrator artist photographer journalist footballer cricketer "
    "musician guitarist bassist drummer pianist violinist cellist rapper comedian dancer lawyer businessman "
    "businesswoman diplomat economist scientist physicist chemist mathematician historian philosopher sociologist "
    "theologian engineer architect soldier priest bishop monk nun activist entrepreneur athlete boxer wrestler "
    "cyclist swimmer sprinter golfer jockey teacher professor physician surgeon nurse explorer missionary "
    "man woman boy girl son daughter wife husband widow widower brother sister mother father uncle aunt nephew niece "
    "cousin grandson granddaughter grandfather grandmother king queen prince princess emperor empress duke duchess "
    "sultan tsar czar pharaoh caliph executive spokesman spokeswoman spokesperson chairman chairwoman chairperson "
    "boss".split()
)
# Verbs whose object or subject can only be a person: "he married Ella Mabel Morris", "Frédéric Talgorn (born 2
# July 1961)", "Brewster was born in Windham".
_PERSON_VERBS_OBJECT = frozenset("marry".split())


def said_to_be_person(span: Span) -> bool:
    """What the sentence says of a name makes it a person: a person noun right before it ("composer Frédéric
    Talgorn"), "(born …" right after it, or the object of "married"; for a name the model calls an organisation
    (not a place: "Cumberland County, Nova Scotia, the son of …" is a misparse away from a person) also the
    subject of "is a <person noun>", "was born", a person noun in apposition ("Kunti, the first wife of …"), or
    the agent of a verb only a person does ("voiced by Louis Prima"), or a person noun and "of" right after it
    ("Thranduil king of Mirkwood"); for any label the object of a kin noun's "of" ("the son of Ferdinand").
    Only a name the model did not call a person is asked, and never one the gazetteer knows."""
    doc = span.doc
    place = lookup_place(span.text)
    if place is not None and not (place.kind == "city" and place.population < 100_000 and kin_list(span)) \
            or span[-1].text in org_heads() or len(span) > 5:
        return False  # a town's name stays a place unless it is listed as someone's kin ("parents are Andreas and …")
    root = span.root
    head = root.head
    if root.dep_ == "dobj" and head.lemma_ in _PERSON_VERBS_OBJECT:
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and (prev.tag_ == "NN" or prev.text.islower()) and prev.lower_ in PERSON_NOUNS \
            and span[0].text[:1].isupper():
        return True
    if life_dates(span) or kin_list(span) or named_so(span) \
            or (_kin_of(span) and not (span.label_ == "ORG" and len(span) == 1)):
        return True  # not "a son of Hezbollah": a one-word organisation the model knows is a figure of speech
    if span.label_ != "ORG":
        return False  # "Cumberland County, Nova Scotia, the son of …": a misparse away from a person
    if _noun_of_after(span):
        return True
    if root.dep_ in {"nsubj", "nsubjpass"} and head.lemma_ == "be" and any(
            c.dep_ == "attr" and c.lemma_.lower() in PERSON_NOUNS for c in head.children):
        return True
    if root.dep_ == "pobj" and head.lower_ == "by" and head.dep_ == "agent" and head.head.lemma_ in _PERSON_AGENT_VERBS:
        return True  # "voiced by Louis Prima", "a drama authored by Vishakhadatta"
    if root.dep_ == "nsubjpass" and head.lemma_ == "bear":
        return True  # "Brewster was born in Windham"
    if root.dep_ == "appos" and head.tag_ == "NN" and head.lower_ in PERSON_NOUNS:
        return True  # "his sister, Samantha Mumba"
    return any(c.dep_ == "appos" and c.tag_ == "NN" and c.lower_ in PERSON_NOUNS for c in root.children)


# Verbs whose agent ("by X") only a person is: a role is voiced or played, a drama authored or penned, a song
# composed or sung, a film directed or narrated (not "produced", "founded", "published": companies do those)
_PERSON_AGENT_VERBS = frozenset("voice play author pen compose sing direct narrate illustrate paint sculpt "
                                "choreograph portray".split())


# Kin nouns whose "of" names a person: "the eldest son of Ferdinand I", "the daughter of Philippe-Louis du Han"
_KIN_OF = frozenset("son daughter wife husband widow widower brother sister mother father uncle aunt nephew niece "
                    "cousin grandson granddaughter grandfather grandmother child children sons daughters".split())


def _kin_of(span: Span) -> bool:
    """The name (or the list it starts) is the object of "of" after a kin noun: "son of Ferdinand I"."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in _KIN_OF \
        and doc[span.start - 2].tag_ in {"NN", "NNS"}


# Nouns for a person that name them by "named", "called" or "by the name of": "a French lady by the name of
# Beatrice Dugand", "a man named Hans Ritter" (not "a company called …", "a village named …")
_NAMED_NOUNS = PERSON_NOUNS | frozenset("lady gentleman person baby child student officer".split())


def named_so(span: Span) -> bool:
    """"a lady by the name of Beatrice Dugand", "a man named Hans Ritter", "a boy called Ali": a person noun
    (adjectives and a noun's compound aside) right before "named", "called" or "by the name of" the name."""
    doc = span.doc
    k = span.start - 1
    if k >= 4 and [t.lower_ for t in doc[k - 3:k + 1]] == ["by", "the", "name", "of"]:
        k -= 4
    elif k >= 1 and doc[k].lower_ in {"named", "called"}:
        k -= 1
    else:
        return False
    if k >= 0 and doc[k].text == ",":
        k -= 1
    return k >= 0 and doc[k].tag_ == "NN" and doc[k].lower_ in _NAMED_NOUNS


def _noun_of_after(span: Span) -> bool:
    """"Thranduil king of northern Mirkwood", "Anna Berg, the sister of …": a person noun (after a comma and a
    determiner or adjectives at most) and "of" right after the name."""
    doc = span.doc
    k = span.end
    if k < len(doc) and doc[k].text == ",":
        k += 1
    while k < len(doc) and k - span.end < 4 and doc[k].tag_ in {"DT", "JJ", "JJS", "PRP$"}:
        k += 1
    return k + 1 < len(doc) and doc[k].tag_ == "NN" and doc[k].lower_ in PERSON_NOUNS and doc[k + 1].lower_ == "of"


def life_dates(span: Span) -> bool:
    """"Frédéric Talgorn (born 2 July 1961)", "Nikos Aliagas (/ Níkos Aliágas; born …)", "Kerstin Thorborg (May
    19, 1896 - April 12, 1970)": brackets right after a name that say "born" or hold two dates with a dash
    between them (a life's span) are said of a person."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != "(":
        return False
    inner = []
    for t in doc[span.end + 1: span.end + 40]:
        if t.text == ")":
            break
        inner.append(t)
    else:
        return False
    if any(t.lower_ in {"born", "née", "nee"} for t in inner):
        return True
    dash = next((k for k, t in enumerate(inner) if t.text in {"–", "—", "-"} and t.i > span.end + 2), None)
    # a day and month on one side at least: a company's span is years alone ("Pan Am (1927–1991)")
    return dash is not None and any(t.text in _MONTHS for t in inner) \
        and any(t.like_num for t in inner[:dash]) and any(t.like_num for t in inner[dash + 1:])


_MONTHS = frozenset("January February March April May June July August September October November December "
                    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())


# Plural kin nouns whose list names people: "His children included Srutakarma, Iravan and Abhimanyu", "the five
# Rockefeller brothers: John D. Rockefeller III, Nelson, Laurance, Winthrop and David", "the children of Rama and
# Sita", "His parents are Andreas and Harula"
_KIN_PLURALS = frozenset("children sons daughters brothers sisters parents siblings wives husbands twins "
                         "grandchildren grandsons granddaughters".split())


def kin_list(span: Span) -> bool:
    """The name stands in a list of names (or alone) right after a plural kin noun and at most a verb, "of", a
    colon or a comma ("children included X, Y and Z"; "brothers: X, Y"; "children of X and Y"; "parents are X
    and Y"; "four children, X, Y and Z"; "her sisters Anna, Maria and Elena")."""
    doc = span.doc
    start = list_start(span)
    k = start - 1
    while k >= 0 and start - k <= 2 and (doc[k].pos_ in {"VERB", "AUX"} or doc[k].text in {":", "of", ","}):
        k -= 1
    # right after the noun too ("her sisters Anna, Maria and Elena"), when the noun is a plural the parse tags so
    return k >= 0 and (k < start - 1 or doc[k].tag_ == "NNS") and doc[k].lower_ in _KIN_PLURALS


def party_in_brackets(span: Span) -> bool:
    """"Terje Halleland (Progress Party)", "Janne Johnsen (Conservative Party)": a name followed by a party in
    brackets is its member, a person (the model calls such Nordic names organisations or places)."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != "(" or len(span) > 4 or span[-1].text in org_heads():
        return False
    inner = []
    for t in doc[span.end + 1: span.end + 7]:
        if t.text == ")":
            break
        inner.append(t)
    else:
        return False
    return len(inner) >= 2 and inner[-1].text == "Party" and all(t.text[:1].isupper() for t in inner)


def fellow(span: Span) -> bool:
    """"fellow Democrat Sidney Yates", "fellow Republican John Smith": after "fellow" and a party or role word, a
    name is a person."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 2].lower_ == "fellow" and doc[span.start - 1].text[:1].isupper() \
        and len(span) <= 4



def list_members(span: Span) -> list[Span]:
    """The other names of the list ``span`` stands in, read off the surface ("A, B, C and D"; "A and B")."""
    doc = span.doc
    by_start = {e.start: e for e in doc.ents}
    by_end = {e.end: e for e in doc.ents}
    out: list[Span] = []
    start = span.start
    while start >= 2 and doc[start - 1].lower_ in {",", "and"}:
        k = start - 1
        if doc[k].lower_ == "and" and k >= 1 and doc[k - 1].text == ",":
            k -= 1
        e = by_end.get(k)
        if e is None:
            break
        out.append(e)
        start = e.start
    end = span.end
    while end + 1 < len(doc) and doc[end].lower_ in {",", "and"}:
        k = end + 1
        if doc[end].text == "," and doc[k].lower_ == "and":
            k += 1
        e = by_start.get(k)
        if e is None:
            break
        out.append(e)
        end = e.end
    return out


def in_list_of_people(span: Span) -> bool:
    """"The film stars Rip Torn, Phil Brown and Dominique Delpierre", "presenters are Kirsty Wark and Emily
    Maitlis": a name of two to four capitalised words the model calls an organisation or a place, in a list whose
    other names it calls people only, at least one of them named in full, is a person too; where the list has
    two names only, both must be named in full. Never a name with an organisation word or an all-capital word
    ("MV Neptuna", "Beverly Hills Cop III"), nor one opening with a place the gazetteer knows that is no given
    name ("Gloria Estefan and Miami Sound Machine")."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 4 or not all(t.text[:1].isupper() for t in words) \
            or any(t.text in org_heads() or (t.text.isupper() and len(t.text) > 1) for t in span) \
            or lookup_place(span.text) is not None:
        return False  # "MV Neptuna", "Beverly Hills Cop III"
    if lookup_place(words[0].text) is not None and words[0].text not in given_names():
        return False  # "Gloria Estefan and Miami Sound Machine"
    mates = list_members(span)
    if not mates or any(m.label_ != "PERSON" for m in mates) or not any(len(m) >= 2 for m in mates):
        return False
    return len(mates) >= 2 or all(len(m) >= 2 for m in mates)


def acting_people(doc: Doc) -> set[str]:
    """Name keys of the names the model calls people that a person noun names ("comedian Chevy Chase"), that are
    listed as someone's kin ("her sisters Anna, Maria and Elena"), or, one word, that own something or act in
    the report ("Bart's every move", "Mary had no children"; not "X is the home of")."""
    return {name_key(e.text) for e in doc.ents if e.label_ == "PERSON" and ((len(e) == 1 and (
        (e.end < len(doc) and doc[e.end].tag_ == "POS")
        or e.root.dep_ in {"nsubj", "nsubjpass"} and e.root.head.lemma_ != "be"))
        or kin_list(e)
        or (e.start > 0 and doc[e.start - 1].is_lower and doc[e.start - 1].lower_ in PERSON_NOUNS))}


def first_name_owners(doc: Doc) -> dict[str, set[str]]:
    """First word → the people the report names in full with it ("Hugh" → {"Hugh Jackman"}).

    A lone first name the small model took for a place ("It did not escape us that Hugh looks terrific") is that
    person; only two-word person names count, so "Ryanair CEO" or "Lockheed Martin", which the model may call
    people, lend nothing to a name the model called an organisation (``entity_types`` asks only of place and
    person labels)."""
    out: dict[str, set[str]] = {}
    for e in doc.ents:
        if e.label_ == "PERSON" and len(e) == 2 and all(t.is_alpha and t.text[:1].isupper() for t in e) \
                and len(e[0]) > 2 and e[-1].text not in org_heads():
            out.setdefault(name_key(e[0].text), set()).add(e.text)
    return out
