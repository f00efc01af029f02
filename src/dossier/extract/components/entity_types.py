"""``dossier_entity_types``: one type per name, corrected by reference data.

Order of evidence, strongest first: the organisation alias table (a designated group is an organisation), the
gazetteer (a town is a place, never a person — the small model tags "Mirpur" as a date and "Rawalakot" as an
organisation), then the model's own labels voted across the document, so that the same name gets one type
throughout unless its context clearly disagrees (a title in front of it makes it a person).
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dossier.extract.components.extensions import register
from dossier.extract.components.junk import relabel
from dossier.extract.components.org_cues import club_cue
from dossier.extract.components.person_cues import (
    acting_people,
    fellow,
    first_name_owners,
    in_list_of_people,
    list_members,
    list_start,
    party_in_brackets,
    said_to_be_person,
)
from dossier.extract.components.place_cues import (
    admin_division,
    geo_nested_place,
    located_subject,
    shares_plural_tail,
)
from dossier.extract.components.retyper import retype
from dossier.extract.components.spans import set_ents
from dossier.extract.demonym_places import country_of
from dossier.model.names import name_key
from dossier.model.reference import demonym_of, given_names, lookup_org, lookup_place, org_heads

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_STRONG = 3


_PARTICLES = ("al-", "el-", "Al-", "El-", "ul-", "bin ", "ibn ")


def _bare(text: str) -> str:
    """'el-Haddad' → 'Haddad': the part of a surname that stays the same across outlets."""
    for p in _PARTICLES:
        if text.startswith(p):
            return text[len(p):]
    return text


def _surname_key(text: str) -> str:
    return name_key(_bare(text))


def _is_bare_surname(span: Span) -> bool:
    """One word, or a particle and one word ('Tiwana', 'el-Haddad')."""
    words = [t for t in span if t.is_alpha]
    return len(words) == 1 or (len(words) == 2 and words[0].lower_ in {"al", "el", "ul", "bin", "ibn"})


def _looks_like_personal_name(span: Span) -> bool:
    """2–4 capitalised words starting with a known given name, with no organisation word and no known place
    or organisation name: 'Qasim Raza Siddiqui' tagged as an organisation by the small model."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 4 or not all(t.text[:1].isupper() and t.is_alpha for t in words):
        return False
    if words[0].text not in given_names() or any(t.text in org_heads() for t in words):
        return False
    return lookup_org(span.text) is None and lookup_place(span.text) is None


# Roles that only an organisation has in front of them: "Ryanair CEO Michael O'Leary", "Boeing spokeswoman".
# A place can stand there too ("US President"), so they only overrule the model's *person* label.
_CORPORATE_ROLES = frozenset(
    "CEO CFO COO chief executive spokesman spokeswoman spokesperson chairman chairwoman chairperson founder co-founder "
    "boss shareholders board executives employees".split()
)
# Roles that only a band or a club has in front of them: "Fall Out Boy bassist Pete Wentz", "Arsenal striker",
# "former La Oreja de Van Gogh member". Like corporate roles they overrule a *person* label; where the gazetteer
# does not know the name they overrule a place label too ("Leicester Tigers manager").
_BODY_ROLES = frozenset("bassist guitarist drummer vocalist frontman keyboardist member members striker midfielder "
                        "defender goalkeeper chairperson".split())
# The last word of a facility that is a place, not an organisation or a person ("Chiang Mai International Airport").
_FACILITY_HEADS = frozenset("Airport Airbase Harbour Harbor Seaport Station Bridge Dam Stadium Square".split())
_WEAK_LONE_PERSON = 0.4
_PLACE_WORDS = frozenset("province district county city state region village valley town".split())
# "Jaji district", "the Lazio region", "the Pahuatlán municipality": a place
_DIVISION_WORDS = frozenset({"province", "provinces", "district", "districts", "region", "regions", "municipality",
                             "county", "counties", "neighbourhood", "neighborhood", "suburb", "village", "hamlet",
                             "township", "commune", "parish"})


# Words that end (or open) the name of an administrative division, a natural feature or a building, and so make
# a name the small model took for a person or an organisation a place: "Tver Oblast", "Gmina Wielbark", "Upper
# Klamath Lake", "Pilot Range", "Mount Shinn". Surnames that are such words ("Charlotte Church", "Edward Abbey",
# "Stuart Hall") are kept apart in ``_geo_label``.
_ADMIN_TAILS = frozenset("Oblast Voivodeship Municipality Province County District Governorate Prefecture Krai "
                         "Raion Canton Parish Township Borough Area Regions Provinces Counties Districts".split())
_NATURE_TAILS = frozenset("Lake Lakes River Range Ranges Mountains Mountain Valley Canyon Wilderness Glacier Peninsula "
                          "Island Islands Creek Falls Pass Gorge Desert Plateau Strait Reservoir Archipelago "
                          "Sea Ocean Gulf Lagoon Massif Volcano Empire Rivers Waterfall Waterfalls Badlands "
                          "Valleys Brook Swamp Marsh Fjord Bayou Site Rim".split())
_BUILDING_TAILS = frozenset("Abbey Cathedral Church Chapel Hall Castle Palace Temple Monastery Mosque Basilica "
                            "Tower Lighthouse Mall".split())
# tails that are also common surnames ("Charlotte Church", "Stuart Hall", "Veronica Lake"): a place only in a
# name of three words or more ("Upper Klamath Lake") or where the report places something there ("in Clark
# Lake"); the given-name list is too small to tell a two-word person from a two-word place
_SURNAME_TAILS = frozenset("Lake Hall Church Chapel Tower Temple Castle Palace Abbey Valley Island Falls Pass "
                           "Mountain Sea Rivers Brook Marsh".split())
_GEO_HEADS = {"Gmina": "GPE", "Mount": "LOC", "Lake": "LOC", "Cape": "LOC", "Isle": "LOC", "Fort": "GPE"}


# Words that open a division's or a polity's name before "of": "Province of Ontario", "Duchy of Prussia",
# "Kingdom of Saxony" (as ``head_names`` reads untagged runs).
_DIVISION_OF = frozenset("Province Town City County Municipality District Region Canton Prefecture Governorate "
                         "Borough Township Village Duchy Grand Kingdom Principality Margraviate Electorate Emirate "
                         "Sultanate Khanate Viceroyalty Voivodeship Oblast".split())
# Words before a number that name a road: "U.S. Route 20", "State Highway 82", "Interstate 95", "the A970 road"
_ROAD_WORDS = frozenset("Route Highway Interstate Motorway Expressway Freeway Road".split())


# Words that end a street's name: nobody's surname (not "Lane": Nathan Lane)
_STREET_TAILS = frozenset("Street Avenue Boulevard Drive Parkway Expressway Freeway Motorway".split())
# Plural division and feature words that end the second of two names they both take: "the Pwani and Lindi
# Regions", "the Désert and Gatineau Rivers"
_PLURAL_TAILS = {"Regions": "GPE", "Provinces": "GPE", "Counties": "GPE", "Districts": "GPE", "Rivers": "LOC",
                 "Islands": "LOC", "Lakes": "LOC", "Mountains": "LOC", "Valleys": "LOC"}


def _plural_tail_mate(span: Span) -> str | None:
    """GPE / LOC for the first of two names that share a plural division or feature word ("the Pwani and Lindi
    Regions": Pwani is a region too)."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "and" or span[-1].text in org_heads():
        return None
    mate = next((e for e in doc.ents if e.start == span.end + 1), None)
    if mate is not None and mate[-1].text in _SURNAME_TAILS and doc[max(span.start - 1, 0)].lower_ != "the":
        return None  # "Tom and Joan Rivers" are a couple; "the Désert and Gatineau Rivers" two rivers
    return _PLURAL_TAILS.get(mate[-1].text) if mate is not None and len(mate) >= 2 else None


def _geo_label(span: Span) -> str | None:
    """GPE / LOC / FAC when a name of two or more capitalised words ends in a division, feature or building word
    (or opens with "Mount", "Lake", "Gmina", or has one before its last word), and does not open with a known
    given name; GPE for a division and "of" ("Duchy of Prussia"); LOC for a road's number ("U.S. Route 20")."""
    words = [t.text for t in span if not t.is_punct]
    if len(words) >= 3 and words[0] in _DIVISION_OF and (words[1] == "of" or words[1:3] == ["Duchy", "of"]) \
            and words[-1][:1].isupper() and words[-1] not in org_heads():
        return "GPE"
    if len(words) >= 2 and words[-1].isdigit() and words[-2] in _ROAD_WORDS:
        return "LOC"
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    if len(words) >= 2 and words[-1] in _STREET_TAILS:
        # "Anthony Henday Drive", "American Boulevard": a street, though named after a person; "Wall Street",
        # "Madison Avenue" may stand for an industry, so the model's organisation label keeps them (FAC)
        return "FAC" if words[-1] in {"Street", "Avenue"} else "LOC"
    placed = _located(span) or (span.start > 0 and span.doc[span.start - 1].lower_ == "the") \
        or located_subject(span) or shares_plural_tail(span)
    if words[0] in given_names() or (words[-1] in _SURNAME_TAILS and len(words) < 3 and not placed):
        return None
    if words[-1] == "Park" and (len(words) >= 3 or placed):
        return "LOC"  # "Meramec State Park", "the Botum Park" (not "Grace Park")
    if words[-1] in _ADMIN_TAILS:
        return "GPE"
    if words[-1] in _NATURE_TAILS:
        return "LOC"
    if words[-1] in _BUILDING_TAILS:
        return "FAC"
    # "Aoraki Mount Cook": a feature word may also open the name's last part, after a native name
    return _GEO_HEADS.get(words[0]) or next((_GEO_HEADS[w] for w in words[1:-1] if w in _GEO_HEADS), None)


# Nouns that say a name is a place when the report defines it by them: "Zabiele is a village in …", "Mirpur, a
# town near …", "Leonessa is a town and comune in …".
_GEO_NOUNS = frozenset("village town city comune commune municipality hamlet suburb neighbourhood neighborhood "
                       "settlement locality parish county district province region river lake mountain island "
                       "peninsula capital township borough".split())


# Natural features, sites and structures that a name is defined as ("Kriegers Flak is a reef", "Mavis Grind is a
# narrow isthmus", "Symphony Hall is a concert hall", "State Highway 82, a mountain road"): a place (only in
# the copula and the apposition; as a noun before a name they may open an organisation's: "the park authority").
_SITE_NOUNS = frozenset("isthmus reef pass strait bay cape headland hill forest canyon gorge waterfall beach "
                        "park square piazza plaza street avenue road highway motorway boulevard bridge tunnel dam "
                        "monument memorial mausoleum castle palace cathedral basilica mosque stadium arena airport "
                        "hall site glacier volcano lagoon marsh swamp creek stream tributary waterway".split())


def _defined_as_place(span: Span) -> bool:
    """The name is the subject of "is a village/town/reef/…", or stands in apposition with such a noun."""
    return _defined_by(span, _GEO_NOUNS | _SITE_NOUNS)


def _defined_by(span: Span, nouns: frozenset[str]) -> bool:
    """The name is the subject of "is a <noun>" or stands in apposition with one ("X, a <noun> …")."""
    root = span.root
    common = {"NN", "NNS"}
    if root.dep_ == "nsubj" and root.head.lemma_ == "be" and any(
            c.dep_ == "attr" and c.tag_ in common and c.lemma_.lower() in nouns for c in root.head.children):
        return True
    doc = span.doc
    if root.dep_ == "appos" and root.head.tag_ in common and root.head.lemma_.lower() in nouns:
        # "Cumbria's county town, Carlisle", "her band, the Miami Sound Machine": the noun right before the comma
        gap = doc[root.head.i + 1: span.start]
        return bool(gap) and gap[0].text == "," and all(t.tag_ == "DT" for t in gap[1:])
    # "Kriegers Flak, a reef in the Baltic": the apposition right after the name's comma
    return span.end + 1 < len(doc) and doc[span.end].text == "," and any(
        c.dep_ == "appos" and c.tag_ in common and c.lemma_.lower() in nouns and c.left_edge.i == span.end + 1
        for c in root.children)


# Nouns that say a name is a body of people or a business when the report defines it by them: "Rage Against the
# Machine is an American rap metal band", "the Beijing Ducks are a professional basketball team", "Square, a
# video game developer" (not "developer": a person too; nor "group": "an ethnic group"). The small model calls
# many such names people or places.
_BODY_NOUNS = frozenset("band club team company firm corporation label school university college academy "
                        "orchestra choir ensemble newspaper magazine broadcaster airline carrier manufacturer "
                        "retailer publisher bank insurer charity foundation association society federation league "
                        "party organisation organization agency institute conglomerate subsidiary franchise "
                        "regiment brigade battalion militia cartel studio network channel".split())


def _defined_as_body(span: Span) -> bool:
    """The name is defined as a band, club, team, company or school ("X is a rock band", "X, a football club"),
    and the gazetteer does not know it ("Brazil is a team to beat" stays the country)."""
    return lookup_place(span.text) is None and _defined_by(span, _BODY_NOUNS)



# Words whose "of" names a place: "the town of Bad Schandau", "the municipality of Sebnitz", "north of Rügen",
# "two miles west of the settlement of Brae". Nothing but a place follows them, whatever the model's label.
_COMPASS = frozenset("north south east west northeast northwest southeast southwest".split())


def _after_geo_noun(span: Span) -> bool:
    """"the island Vigra", "the village Zabiele", "the bridge Rafael Mendoza Avilés": a settlement, feature or
    structure noun right before the name it names (as the group nouns of ``_after_group_noun``)."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    return prev is not None and prev.tag_ == "NN" and (prev.lower_ in _GEO_NOUNS or prev.lower_ in _STRUCTURES) \
        and (prev.head.i in range(span.start, span.end) or span.root.head.i == prev.i) \
        and span[-1].text not in org_heads()


_STRUCTURES = frozenset("bridge volcano dam reef glacier".split())


def _place_of(span: Span) -> bool:
    """The name (or the list it stands in) is the object of "of" after a settlement, division or compass word
    ("the town of X", "north of X", "the parishes of X and Y"), and no organisation word ends it ("the city of
    London Corporation")."""
    doc = span.doc
    if span[-1].text in org_heads():
        return False
    start = list_start(span)  # "the civil parishes of Holme Abbey and Holme St. Cuthbert": the list's first name
    if start < 2 or doc[start - 1].lower_ != "of":
        return False
    prev = doc[start - 2]
    return prev.lower_ in _COMPASS or (prev.tag_ in {"NN", "NNS"} and prev.lemma_.lower() in _GEO_NOUNS)


def _before_plural_place_noun(span: Span) -> bool:
    """The name, or the list it stands in, modifies a plural settlement, division or feature noun: "the Coconino,
    Kaibab and Prescott national forests", "the Désert and Gatineau rivers" (each name is one of them; a plural
    that no place is, "the Smith and Jones families", "the Labour and Green parties", says nothing, nor a lone
    name, which only modifies the plural: "other NFL cities")."""
    doc = span.doc
    if span[-1].text in org_heads():
        return False
    mates = list_members(span)
    if not mates:
        return False  # a lone name before a plural modifies it: "other NFL cities"
    end = max([span.end, *(m.end for m in mates)])
    k = end
    while k < len(doc) and k - end < 2 and doc[k].tag_ == "JJ":
        k += 1
    return k < len(doc) and doc[k].tag_ == "NNS" and doc[k].lemma_.lower() in _GEO_NOUNS | _SITE_NOUNS


def _followed_by_role(span: Span) -> bool:
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and (nxt.text in _CORPORATE_ROLES or nxt.text in _BODY_ROLES)


def _followed_by_body_role(span: Span) -> bool:
    """A band or club role right after a name the gazetteer does not know ("Leicester Tigers manager")."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.text in _BODY_ROLES and nxt.tag_ == "NN" and lookup_place(span.text) is None


def _role_tail(span: Span) -> int:
    """How many trailing tokens of ``span`` are a corporate role ("Ryanair CEO" → 1)."""
    n = 0
    while n < len(span) - 1 and span[len(span) - 1 - n].text in _CORPORATE_ROLES:
        n += 1
    return n


def _flight_cut(span: Span) -> int:
    """Tokens of the airline in "Adam Air Flight 574" / "Garuda Indonesia Flight" (0: no flight number here):
    the flight is an event, the airline the organisation."""
    for i, t in enumerate(span):
        if i >= 1 and t.text == "Flight" and all(u.like_num for u in span[i + 1:]):
            return i
    return 0


def _plural_name(span: Span) -> bool:
    """"the Beatles", "the Rolling Stones": a plural name after "the" is a band, a team or a family, not a person."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    last = span[-1].text
    return before is not None and before.lower_ == "the" and last.endswith("s") and not last.endswith("ss") \
        and len(last) > 3


# Lower-case nouns for a kind of organisation, right before a name: "electronics retailer Best Buy", "airframer
# Boeing". Like a corporate role, they only overrule the model's *person* label.
_ORG_NOUNS = frozenset(
    "retailer retailers airline airlines carrier manufacturer maker makers company firm giant bank airframer "
    "automaker carmaker chipmaker insurer conglomerate subsidiary supplier broadcaster publisher".split()
)
# Words before a name that place something there ("in Rawalakot", "near Angers"; also "Quetta-based"): a town's
# name the model took for an organisation is a place only where the report uses it so.
_LOCATIVES = frozenset("in at near outside around across inside into within throughout towards toward".split())
# a town this small that the model calls an organisation and the report never places anything in is more likely
# a company or an agency named after it ("Xinhua", "Kodak"); a city this size or larger is the city ("Lahore")
_SMALL_TOWN = 100_000
# nouns whose "of" places the next name ("the mayor of Tijuana", "the outskirts of Kotli")
_OF_PLACE = frozenset("mayor governor residents people citizens city town village outskirts streets centre center "
                      "north south east west suburbs capital province district region".split())


def _located(span: Span) -> bool:
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].lower_ in _LOCATIVES:
        return True
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ == "based":
        return True  # "the Quetta-based front"
    if i >= 1 and doc[i].lower_ == "of" and (doc[i - 1].lower_ in _OF_PLACE or doc[i - 1].text == ","
                                              or doc[i - 1].ent_type_ == "PERSON"):
        return True  # "the mayor of Tijuana", "Subryan, 23, of Schenectady", "Vishal Rao of Schenectady"
    return span.end + 1 < len(doc) and doc[span.end].text == "," \
        and doc[span.end + 1].ent_type_ in {"GPE", "LOC"}  # "Schenectady, N.Y.", "Rawalakot, PoK"


def _after_org_noun(span: Span) -> bool:
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    return prev is not None and prev.text in _ORG_NOUNS and prev.tag_ in {"NN", "NNS"} \
        and span[0].text not in given_names()


def _the_country_body(span: Span) -> bool:
    """"the conservative Swedish Riksdag", "the Dutch Tweede": one word after "the" and a country's adjective is
    the country's body, not a person (a person is not "the Swedish X"; "the Swedish Greta Thunberg" has two)."""
    if len(span) != 1 or span.start < 2 or span[0].text in given_names():
        return False
    doc = span.doc
    prev = doc[span.start - 1]
    return country_of(prev.text) is not None and any(t.lower_ == "the" and t.head.i == span.start
                                          for t in doc[max(0, span.start - 4):span.start - 1])


def _org_cue(span: Span) -> str | None:
    """Why a name the model calls a person is an organisation, each cue read once: a corporate role around it, a
    country's adjective after "the", a plural name; None when nothing says so."""
    if _followed_by_role(span) or _after_org_noun(span):
        return "corporate-role"
    if _the_country_body(span):
        return "country-body"
    return "plural-name" if _plural_name(span) else None


# Nouns for a body of people that a name right after them names: "the metal band Amaranthe", "the skiing club SK
# Ull", "Premier League side Leicester City" (the model often calls such names people or places).
_GROUP_NOUNS = frozenset("band club team side ensemble orchestra choir duo trio quartet group".split())


# Abbreviations that open a sports club's name ("FC Porto", "SK Brann", "IFK Göteborg"; also in org_heads.txt)
_CLUB_MARKERS = frozenset("FC AFC SK ŠK FK NK IFK".split())


def _after_group_noun(span: Span) -> bool:
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    if lookup_place(span.text) is not None:
        return False
    if prev is not None and prev.text in _CLUB_MARKERS:
        return True  # "ŠK Slovan Bratislava", where the model left "ŠK" out of the name
    root = span.root
    if root.dep_ == "appos" and root.head.lower_ in _GROUP_NOUNS and root.head.tag_ == "NN":
        return True  # "her band, the Miami Sound Machine"
    return prev is not None and prev.lower_ in _GROUP_NOUNS and prev.tag_ == "NN" and (
        prev.head.i in range(span.start, span.end) or root.head.i == prev.i)


def _pobj_of(span: Span) -> Token | None:
    """The preposition a name (or the list it ends: "the 76ers, San Antonio Spurs and Orlando Magic") is the
    object of, else None."""
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    return root.head if root.dep_ == "pobj" else None


# Verbs whose "for" takes a team or an employer, never a place or a person: "played for Kansas City Kings",
# "signed for Gaziantepspor".
_PLAY_VERBS = frozenset("play sign".split())


def _member_or_player(span: Span) -> bool:
    """A body of people by what the sentence says of it: "a member of Nightrage", "played for San Antonio Spurs"
    (the model calls band and club names people or places); the gazetteer must not know the name ("played for
    Brazil" stays the country)."""
    prep = _pobj_of(span)
    if prep is None or lookup_place(span.text) is not None:
        return False
    return (prep.lower_ == "for" and prep.head.lemma_ in _PLAY_VERBS) or (
        prep.lower_ == "of" and prep.head.lemma_ == "member" and prep.head.tag_ == "NN")


# Political parties that English names by an adjective or a plural ("a Conservative MP", "fellow Democrat Sidney
# Yates", "the Democratic nomination", "a Christian Democrat"): the small model tags them like a nationality, but
# the word names the party, which a membership needs as its organisation.
_PARTY_WORDS = frozenset("Conservative Conservatives Tory Tories Labour Liberal Liberals Democrat Democrats Democratic "
                         "Republican Republicans Socialist Socialists Unionist Unionists".split())


def _party_word(span: Span) -> bool:
    words = [t.text for t in span if not t.is_punct]
    return bool(words) and words[-1] in _PARTY_WORDS and all(w[:1].isupper() for w in words)


_PLACING = frozenset("in at near from past towards toward via through outside".split())


def _placed_before_place(span: Span) -> bool:
    """"a club from Fyllingsdalen, Bergen, Hordaland", "born in Stamna, Aetolia": a name after a placing
    preposition and followed by a comma and a name the gazetteer knows as a place (itself not a premodifier:
    "from Hillary Clinton, New York senator") is a place in a chain of places; so is a name in a list a placing
    preposition governs where another member is a place the gazetteer knows ("through Ödemiş and Bayındır")."""
    doc = span.doc
    if span[0].text in given_names() or span[-1].text in org_heads():
        return False
    prep = _pobj_of(span)
    if prep is not None and prep.lower_ in _PLACING and _list_has_known_place(span):
        return True  # "through Ödemiş and Bayındır", "in Selçuk, Torbalı and Ödemiş"
    if span.start == 0 or not (doc[span.start - 1].lower_ in _PLACING or _to_after_moving(doc[span.start - 1])) \
            or span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    nxt = next((e for e in doc.ents if e.start == span.end + 1), None)
    if nxt is None or lookup_place(nxt.text) is None or nxt.label_ not in {"GPE", "LOC"}:
        return False
    after = doc[nxt.end] if nxt.end < len(doc) else None
    return after is None or after.is_punct or after.lower_ in {"and", "in", "on"}


# Verbs of moving whose "to" names where one goes ("migrates to Machu Picchu, Peru"; not "said to Smith, a lawyer";
# not "go": "the gold went to Helga Brandt, Germany")
_MOVING = frozenset("move come return travel fly sail flee emigrate migrate relocate retreat walk drive".split())


def _to_after_moving(prep: Token) -> bool:
    return prep.lower_ == "to" and prep.dep_ == "prep" and prep.head.pos_ == "VERB" and prep.head.lemma_ in _MOVING


def _list_has_known_place(span: Span) -> bool:
    """Another name of the list ``span`` stands in is a place the gazetteer knows."""
    top = span.root
    while top.dep_ == "conj" and top.head.i < top.i:
        top = top.head
    members = {top.i, *(t.i for t in top.subtree if t.dep_ == "conj")}
    return any(e.label_ != "NORP" and e.root.i in members and not (span.start <= e.root.i < span.end)
               and lookup_place(e.text) is not None for e in span.doc.ents)


def _opens_org_name(span: Span, org_names: set[tuple[str, ...]]) -> bool:
    """"AirTran" where the report also writes "AirTran Airways": a one-word name that opens an organisation's
    longer name is that organisation when the rest of that name is organisation words only ("Airways", "Aircraft";
    not "Ohio" of "Ohio State University") and the gazetteer does not know it ("London" of "London Stock
    Exchange")."""
    heads = org_heads()
    return len(span) == 1 and lookup_place(span.text) is None \
        and any(len(o) > 1 and o[0] == span[0].text and all(w in heads for w in o[1:]) for o in org_names)


def _short_org_name(span: Span, org_names: set[tuple[str, ...]]) -> bool:
    """"Qamar Crest" where the report names "Qamar Crest General Trading FZE": a name of two words or more that the
    model calls a person, and that opens a longer organisation name of the same report, is that organisation's
    short name (a person's full name does not open a company's, unless the company bears it: then the short
    form names the company as often as the man), and the gazetteer does not know it ("Bayou La Batre" of "Bayou
    La Batre Rural Health Clinic")."""
    words = tuple(t.text for t in span)
    return len(words) >= 2 and lookup_place(span.text) is None \
        and any(len(o) > len(words) and o[:len(words)] == words for o in org_names)


def _union_of_states(span: Span) -> bool:
    """A whole name the gazetteer knows as a country or a union of states is a place, though it ends in an
    organisation word or is defined as an acronym: "European Union" (EU), "Soviet Union"."""
    place = lookup_place(span.text)
    return place is not None and place.kind in {"country", "region"} and not span.text.islower()


def _country_or_region(text: str) -> bool:
    """"Indonesia" in "Garuda Indonesia" is not that person's surname."""
    place = lookup_place(text)
    return place is not None and place.kind in {"country", "region"}


# Words that introduce another name of what was just named: "Independence Pass, originally known as Hunter Pass",
# "Goght (formerly Goghot)", "the Financial District, also known as FiDi"
_RENAMING = frozenset("known called named renamed".split())
_RENAMING_ADVERBS = frozenset("also originally formerly locally commonly simply later previously once often "
                              "sometimes informally officially".split())


def _renamed(kept: list[Span]) -> dict[str, str]:
    """Name key → the key of the name it renames, where it follows "(also) known as" / "formerly" in a comma or
    bracket clause right after that name: an alias names the same thing, so it takes that thing's type."""
    if not kept:
        return {}
    doc = kept[0].doc
    ends = {e.end: e for e in kept if e.label_ in NAME_LABELS}
    out: dict[str, str] = {}
    for e in kept:
        if e.label_ not in NAME_LABELS:
            continue
        k = e.start - 1
        if k >= 1 and doc[k].lower_ == "as" and doc[k - 1].lower_ in _RENAMING:
            k -= 2
        elif not (k >= 0 and doc[k].lower_ == "formerly"):
            continue
        while k >= 0 and doc[k].lower_ in _RENAMING_ADVERBS:
            k -= 1
        while k >= 0 and doc[k].text in {",", "(", ";"}:
            k -= 1
        before = ends.get(k + 1)
        if before is not None and k + 1 < e.start and doc[k + 1].text in {",", "("}:
            out[name_key(e.text)] = name_key(before.text)
    return out


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


@Language.factory(
    "dossier_entity_types",
    requires=["doc.ents", "doc._.dossier_titles", "doc._.dossier_acronyms"],
    assigns=["doc.ents", "doc._.dossier_type_evidence"],
)
def make_entity_types(nlp: Language, name: str) -> EntityTyper:
    register()
    return EntityTyper()


class EntityTyper:
    def __call__(self, doc: Doc) -> Doc:
        titled = set((doc._.dossier_titles or {}).keys())
        acronym_starts = {s for s, _ in (doc._.dossier_acronyms or {}).values()}
        acronyms = set((doc._.dossier_acronyms or {}).keys())
        surname_owners: dict[str, set[str]] = defaultdict(set)
        groups = {t.text for e in doc.ents if e.label_ == "NORP" for t in e}  # "Catholic" is nobody's surname
        for e in doc.ents:
            if len(e) >= 2 and (e.label_ == "PERSON" or e.start in titled
                                or (e.label_ in {"ORG", "FAC", "GPE"} and _looks_like_personal_name(e))) \
                    and not any(t.text in org_heads() for t in e) \
                    and not (e.start > 0 and doc[e.start - 1].text in _CLUB_MARKERS):  # "FK Fyllingsdalen": a club
                surname_owners[_surname_key(e[-1].text)].add(e.text)  # the people named in full
                if len(e) >= 3 and not any(t.lower_ in {"of", "de", "von", "van", "du", "la", "le"} for t in e):
                    for t in e[1:-1]:  # "Gregorio Pacheco Leyes", "Leandro Mbomio Nsue": the father's surname too
                        if t.is_alpha and t.text[:1].isupper() and len(t) > 2 and t.text not in groups:
                            surname_owners[_surname_key(t.text)].add(e.text)
        person_words = {name_key(t.text) for e in doc.ents  # not "Douglas Aircraft", though the model says person
                        if e.label_ == "PERSON" and len(e) >= 2 and not _role_tail(e) and e[-1].text not in org_heads()
                        for t in e}
        votes: dict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
        why: dict[str, str] = {}
        kept: list[Span] = []
        model_labels: dict[int, str] = {}
        org_names = {tuple(t.text for t in e) for e in doc.ents
                     if e.label_ == "ORG" or (len(e) >= 2 and e[-1].text in org_heads())}
        located = {name_key(e.text) for e in doc.ents if _located(e)}
        # placed without a possessive: "into Riva's office" places the office, not Riva
        placed_in = {name_key(e.text) for e in doc.ents
                     if _located(e) and not (e.end < len(doc) and doc[e.end].tag_ == "POS")}
        acting = acting_people(doc)  # a small town of the same name that nothing is placed in is not them
        first_names = first_name_owners(doc)  # "Hugh" after "Hugh Jackman": him, not a place of that name
        place_bases = {name_key(" ".join(t.text for t in e[:-1])) for e in doc.ents
                       if e.label_ in {"GPE", "LOC", "FAC"} and len(e) >= 2 and e[-1].lower_ in _PLACE_WORDS}
        model_ents = doc.ents  # read once: each read of doc.ents builds every span anew
        for e in model_ents:
            label = e.label_
            if label in NAME_LABELS and (junk := relabel(e)) is not None:
                if not junk:
                    continue  # "Immediate Release", "PDF", "AK-47s": no entity at all
                label = junk
                if junk not in NAME_LABELS:
                    kept.append(Span(doc, e.start, e.end, label=junk))  # "Apr. 17" is a date
                    continue
            airline = label == "ORG" and _flight_cut(e) > 0
            if airline:
                e = Span(doc, e.start, e.start + _flight_cut(e), label="ORG")  # "Adam Air Flight 574" → the airline
            if label in {"PERSON", "ORG"} and (tail := _role_tail(e)):
                e = Span(doc, e.start, e.end - tail, label="ORG")  # "Ryanair CEO": the role is not the name
                label = "ORG"
            if label == "DATE" and not _has_digit(e.text) and lookup_place(e.text):
                label = "GPE"  # "Mirpur" tagged as a date
            if label not in NAME_LABELS:
                kept.append(e)
                continue
            if e.text.islower():
                continue  # "summer", "militants": the small model's noise, never a name
            key = name_key(e.text)
            if e.start in titled:
                votes[key]["PERSON"] += _STRONG
                why.setdefault(key, "title")
            elif e.label_ == "NORP" and label == "NORP" and _party_word(e):
                votes[key]["ORG"] += _STRONG  # "a Conservative MP": the party
                why.setdefault(key, "party-word")
            elif label == "NORP" and e.label_ != "NORP":
                votes[key]["NORP"] += _STRONG  # a religion or an ideology ("Jihadi") is a group
                why.setdefault(key, "religion")
            elif (label != "GPE" and key in place_bases) or (
                    e.end < len(doc) and doc[e.end].lower_ in _DIVISION_WORDS and label != "NORP"):
                votes[key]["GPE"] += _STRONG  # "Logar" where the report says "Logar province" (or "Jaji district")
                why.setdefault(key, "place-word")
            elif label != "NORP" and _union_of_states(e) and (
                    (len(e) >= 2 and e[-1].text in org_heads()) or e.text in acronyms
                    or e.start_char in acronym_starts):
                votes[key]["GPE"] += _STRONG  # "European Union" (EU) is a union of states, not a company
                why.setdefault(key, "gazetteer")
            elif airline:
                votes[key]["ORG"] += _STRONG
                why.setdefault(key, "flight")
            elif len(e) >= 2 and e[-1].text in _FACILITY_HEADS:
                votes[key]["FAC"] += _STRONG
                why.setdefault(key, "facility-head-word")
            elif label in {"PERSON", "ORG"} and e.start not in titled and (
                    _defined_as_place(e) or _place_of(e) or _after_geo_noun(e) or _before_plural_place_noun(e)):
                votes[key]["GPE"] += _STRONG  # "Zabiele is a village in …"
                why.setdefault(key, "defined-as-place")
            elif label in {"PERSON", "ORG"} and e.start not in titled and (geo := _plural_tail_mate(e)) is not None:
                votes[key][geo] += _STRONG  # "the Pwani and Lindi Regions"
                why.setdefault(key, "place-head-word")
            elif label in {"PERSON", "ORG"} and e.start not in titled and (geo := _geo_label(e)) is not None \
                    and not (label == "ORG" and geo == "FAC"):
                votes[key][geo] += _STRONG  # "Tver Oblast", "Pilot Range", "Mount Shinn" are places
                why.setdefault(key, "place-head-word")
            elif label == "PERSON" and (cue := _org_cue(e)) is not None:
                votes[key]["ORG"] += _STRONG
                why.setdefault(key, cue)
            elif label in {"PERSON", "GPE", "LOC", "FAC"} and e.start not in titled and _defined_as_body(e):
                votes[key]["ORG"] += _STRONG  # "Rage Against the Machine is an American rap metal band"
                why.setdefault(key, "defined-as-body")
            elif e.start not in titled and label != "NORP" and ((cue := club_cue(e)) or label != "ORG" and (
                    _after_group_noun(e) or _member_or_player(e) or _followed_by_body_role(e))):
                votes[key]["ORG"] += _STRONG
                why.setdefault(key, cue or "group-noun")
            elif len(e) >= 2 and (e[0].text in org_heads() or e[-1].text in org_heads()) \
                    and e.start not in titled:
                votes[key]["ORG"] += _STRONG
                why.setdefault(key, "org-head-word")
            elif e.text in acronyms or e.start_char in acronym_starts:
                votes[key][label] += _STRONG
                why.setdefault(key, "acronym")
            elif (surname_owners.get(_surname_key(_bare(e.text))) or (label != "ORG" and key in first_names)) \
                    and _is_bare_surname(e) and lookup_org(e.text) is None and not _country_or_region(e.text) \
                    and not (key in placed_in and lookup_place(e.text) is not None):  # "born in Bratislava"
                # the surname of the one person named in full ("Baig's lawyer"), even where the model says
                # person and a village of the gazetteer shares the name ("Judge Cheema directed…")
                votes[key]["PERSON"] += _STRONG
                why.setdefault(key, "surname")
            elif label == "PERSON" and e.start not in titled and key not in located and _short_org_name(e, org_names):
                votes[key]["ORG"] += _STRONG
                why.setdefault(key, "org-name-start")
            elif label in {"PERSON", "GPE", "LOC"} and key not in person_words and key not in located \
                    and _opens_org_name(e, org_names):
                votes[key]["ORG"] += _STRONG
                why.setdefault(key, "org-name-start")
            elif label in {"PERSON", "ORG", "NORP"} and demonym_of(e.text):
                votes[key]["NORP"] += _STRONG
                why.setdefault(key, "demonym")
            elif lookup_org(e.text) is not None:
                votes[key]["ORG"] += _STRONG
                why.setdefault(key, "org-alias")
            elif label in {"ORG", "FAC", "GPE", "LOC"} and e.start not in titled and (
                    party_in_brackets(e) or fellow(e)) and lookup_place(e.text) is None:
                votes[key]["PERSON"] += _STRONG
                why.setdefault(key, "party-member")
            elif label in {"PERSON", "ORG"} and e.start not in titled and key not in person_words \
                    and _placed_before_place(e):
                votes[key]["GPE"] += _STRONG
                why.setdefault(key, "place-chain")
            elif label in {"PERSON", "ORG"} and e.start not in titled and key not in person_words \
                    and geo_nested_place(e, key in placed_in, model_ents):
                votes[key]["GPE"] += _STRONG  # "past Plentywood … into Sheridan County", "Rosharon, Brazoria County"
                why.setdefault(key, "geo-nested")
            elif label in {"ORG", "FAC", "GPE"} and e.start not in titled and in_list_of_people(e):
                votes[key]["PERSON"] += _STRONG  # "The film stars Rip Torn, Phil Brown and Dominique Delpierre"
                why.setdefault(key, "person-list")
            elif label in {"ORG", "FAC", "GPE"} and said_to_be_person(e):
                votes[key]["PERSON"] += _STRONG
                why.setdefault(key, "person-context")
            elif label in {"ORG", "FAC", "GPE"} and _looks_like_personal_name(e):
                votes[key]["PERSON"] += 2
                why.setdefault(key, "given-name")
            elif label in {"PERSON", "ORG", "FAC", "NORP"} and (place := lookup_place(e.text)) is not None \
                    and not (label == "NORP" and place.kind == "city") \
                    and not (label == "ORG" and e.text.isupper() and len(e.text) <= 4 and place.kind == "city") \
                    and not (label == "ORG" and place.kind == "city" and place.population < _SMALL_TOWN
                             and key not in located) \
                    and not (label == "PERSON" and key in acting and place.kind == "city"
                             and place.population < _SMALL_TOWN and key not in located):  # GAO, Xinhua; "Bart's"
                votes[key]["GPE"] += _STRONG
                why.setdefault(key, "gazetteer")
            elif label in {"PERSON", "ORG"} and e.start not in titled and admin_division(e, _located(e)):
                votes[key]["GPE"] += _STRONG  # "Madhya Pradesh", "Hordaland": a state or province
                why.setdefault(key, "gazetteer")
            elif label == "PERSON" and len(e) == 1 and key not in person_words:
                votes[key][label] += _WEAK_LONE_PERSON  # a lone word no full name in the report contains
            else:
                votes[key][label] += 1
            kept.append(Span(doc, e.start, e.end, label=label))
            model_labels[e.start] = e.label_
        learned = self._learned(doc, kept, votes, why, model_labels, titled)

        def decided(key: str) -> str:
            return learned.get(key) or max(votes[key], key=votes[key].__getitem__)  # ties: the first label voted

        renamed = {k: a for k, a in _renamed(kept).items()
                   if k in votes and a in votes and k not in why and k not in learned and decided(a) != "NORP"}
        final: list[Span] = []
        evidence: dict[int, str] = {}
        for e in kept:
            key = name_key(e.text)
            if e.label_ in NAME_LABELS and key in votes:
                label = decided(key)
                if key in learned:
                    why[key] = "learned"
                elif key in renamed:
                    label = decided(renamed[key])  # "Independence Pass, originally known as Hunter Pass"
                    why[key] = "also-known-as"
                if e.start in titled:
                    label = "PERSON"  # context clearly says person
                if label != e.label_:
                    evidence[e.start_char] = why.get(key, "consistency")
                elif key in why:
                    evidence[e.start_char] = why[key]
                e = Span(doc, e.start, e.end, label=label)
            final.append(e)
        set_ents(doc, final)
        doc._.dossier_type_evidence = evidence
        return doc

    @staticmethod
    def _learned(doc: Doc, kept: list[Span], votes: dict[str, defaultdict[str, float]], why: dict[str, str],
                 model_labels: dict[int, str], titled: set[int]) -> dict[str, str]:
        """Name key → the type the learned re-typer gives it, where it is confident and disagrees with the vote
        (``retyper``); never for a titled name."""
        names: dict[str, tuple[list[Span], list[str], str, str]] = {}
        skip: set[str] = set()
        for e in kept:
            if e.label_ not in NAME_LABELS or e.start not in model_labels:
                continue
            key = name_key(e.text)
            if key not in votes:
                continue
            if e.start in titled:
                skip.add(key)
            entry = names.get(key)
            if entry is None:
                entry = names[key] = ([], [], max(votes[key], key=votes[key].__getitem__), why.get(key, ""))
            entry[0].append(e)
            entry[1].append(model_labels[e.start])
        return {k: label for k, (label, _) in retype(doc, {k: v for k, v in names.items() if k not in skip}).items()}
