"""What a name's own last word or the sentence around it says of a sports club or a team, for names the small model
calls places or people ("Manchester United" a person, "West Ham United" a place, "Kansas City Kings" a place in
"played for the 76ers, San Antonio Spurs, Kansas City Kings"): an affiliation ("Frank Lampard signed for
Chelsea") needs the club to be an organisation. ``entity_types`` asks :func:`club_cue` of a name the model did
not call an organisation; a name the gazetteer knows ("Kansas City", "played for Brazil") is never asked here."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from dossier.extract.components.person_cues import list_start
from dossier.model.reference import lookup_place

# Last words that only a club's name ends in (English football and other sports: "Leeds United", "Blackburn
# Rovers", "Bolton Wanderers", "Wigan Athletic", "Queens Park Rangers"); no town or person is named so. Not
# "City" ("Kansas City", "Mexico City"), "Albion" or "Hotspur" (a place, a person: "Harry Hotspur").
_CLUB_TAILS = frozenset("United Rovers Wanderers Athletic Rangers".split())
# Lower-case last words of a team's full name: "India national under-19 cricket team".
_TEAM_TAILS = frozenset("team squad".split())
# Verbs whose "for" takes a team: "played for", "signed for", "scored for".
_PLAY_VERBS = frozenset("play sign score".split())
# Player positions and band roles only a club or a band has before a player's name: "Manchester City midfielder
# Kevin De Bruyne", "Arsenal's striker" (not "manager", "captain", "singer": a firm, a country or a person has one).
_POSITIONS = frozenset("striker midfielder defender goalkeeper winger fullback full-back centre-back center-back "
                       "quarterback linebacker receiver cornerback tailback halfback pitcher shortstop outfielder "
                       "infielder".split())
# Words between a club's name and a player's position: "San Diego Chargers wide receiver Vincent Jackson".
_POSITION_MODIFIERS = frozenset("wide star veteran former new rookie young teenage reserve backup".split())
_SPORT_ROLES = _POSITIONS | frozenset("bassist guitarist drummer keyboardist frontman".split())


def club_cue(span: Span) -> str | None:
    """Why a name is a club, a team or a band, else None: its last word ("club-name"), a sport's "for" it is the
    object of, alone or in a list ("plays-for"), a list of bodies it stands in ("listed-bodies"), a record its
    possessive has, asked of a name the model did not call a person ("band-record": "Adele's new album" is hers),
    or a player's position or a band role after it ("club-role")."""
    if lookup_place(span.text) is not None:
        return None  # "Kansas City", "played for Brazil", "Liverpool" the city
    if len(span) >= 2 and (span[-1].text in _CLUB_TAILS or span[-1].text in _TEAM_TAILS) \
            and span[0].text[:1].isupper():
        return "club-name"
    if _plays_for(span):
        return "plays-for"
    if _listed_as_bodies(span):
        return "listed-bodies"
    if span.label_ != "PERSON" and _owns_record(span):
        return "band-record"
    return "club-role" if _role_after(span) else None


# Plural nouns for bodies of players or musicians that a list of their names follows or defines: "thrash metal
# bands, such as Hermética, Horcas and Lethal", "his former clubs were MŠK Rimavská Sobota and ŠK Slovan
# Bratislava" (not "groups": "ethnic groups such as the Otomi").
_BODY_PLURALS = frozenset("bands clubs teams sides orchestras ensembles choirs".split())


def _listed_as_bodies(span: Span) -> bool:
    """The name is in a list after "<bodies>, such as / like / including" or after "<bodies> were / are"."""
    doc = span.doc
    k = list_start(span)
    if k >= 2 and doc[k - 2].lower_ == "such" and doc[k - 1].lower_ == "as":
        k -= 2
    elif k >= 1 and doc[k - 1].lower_ in {"like", "including", "were", "are"}:
        k -= 1
    else:
        return False
    k -= k >= 1 and doc[k - 1].text == ","
    return k >= 1 and doc[k - 1].text in _BODY_PLURALS and doc[k - 1].tag_ == "NNS"


# What a band has that a place has not: "Bad Religion's last album", "the group's lineup".
_RECORD_NOUNS = frozenset("album albums single singles EP lineup line-up frontman bassist drummer guitarist".split())


def _owns_record(span: Span) -> bool:
    """The name's possessive has an album, a single or a lineup ("Bad Religion's third album"), a word or two on."""
    doc = span.doc
    k = span.end
    if k >= len(doc) or doc[k].tag_ != "POS":
        return False
    return any(t.text in _RECORD_NOUNS and t.tag_ in {"NN", "NNS"} for t in doc[k + 1:k + 4])


def _plays_for(span: Span) -> bool:
    """The name is, alone or in a list read off the surface (the parser often misreads lists of names: "played
    for the 76ers, San Antonio Spurs, Kansas City Kings"), the object of a sport's "for"."""
    doc = span.doc
    k = list_start(span) - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 1 and doc[k].lower_ == "for" and doc[k].head.lemma_ in _PLAY_VERBS and doc[k].head.pos_ == "VERB"


def _role_after(span: Span) -> bool:
    """A player's position or a band role right after the name, or a position after the possessive of a name the
    model did not call a person, before a person's name or none ("Manchester City midfielder Kevin De Bruyne",
    "the Leicester Tigers' striker"; not "Bruce Springsteen's drummer Max Weinberg": a singer has a band)."""
    doc = span.doc
    k = span.end
    roles = _SPORT_ROLES
    if k < len(doc) and doc[k].tag_ == "POS":
        if span.label_ == "PERSON":
            return False
        k, roles = k + 1, _POSITIONS
    if k + 1 < len(doc) and doc[k].text in _POSITION_MODIFIERS:
        k, roles = k + 1, _POSITIONS
    if k >= len(doc) or doc[k].lower_ not in roles or doc[k].tag_ != "NN":
        return False
    return k + 1 >= len(doc) or not doc[k + 1].text[:1].isupper() or doc[k + 1].ent_type_ == "PERSON"


# Words of a national or regional team's name after the place that fields it: "Chhattisgarh cricket team", "India
# national under-19 cricket team", "the England women's national football team".
_SPORTS = frozenset("cricket football soccer rugby hockey basketball baseball volleyball handball netball polo "
                    "softball lacrosse futsal".split())
_TEAM_WORDS = frozenset("team squad".split())


def _team_end(doc: Doc, k: int) -> int | None:
    """Where a team's name that continues at token ``k`` ends (after "team"), else None: [women's / men's]
    [national] [under-19] <sport> team, or national team."""
    if k + 1 < len(doc) and doc[k].lower_ in {"women", "men"} and doc[k + 1].tag_ == "POS":
        k += 2
    national = k < len(doc) and doc[k].lower_ == "national"
    k += national
    if k < len(doc) and re.fullmatch(r"(?i)u(nder)?-?\d\ds?", doc[k].text):
        k += 1
    sport = k < len(doc) and doc[k].lower_ in _SPORTS
    k += sport
    if k < len(doc) and doc[k].lower_ in _TEAM_WORDS and doc[k].tag_ == "NN" and (sport or national):
        return k + 1
    return None


# Abbreviations that open a club's name, left out of it by the model where the rest is a town ("MŠK Rimavská
# Sobota", "FC Rimavská Sobota", "SC Freiburg"): Football / Sport Club in several languages.
_CLUB_MARKERS = frozenset("FC AFC SK ŠK MŠK FK NK IFK SC CF AC AS SV VfB VfL BK".split())


def team_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """A place (or a name the model took for a person or a body) followed by a sport and "team" is, with those
    words, the team's name, an organisation ("plays for Chhattisgarh cricket team"); so is a town's name after a
    club's abbreviation ("MŠK Rimavská Sobota"). A demonym stays a group ("the Indian cricket team" is a
    description, not a name)."""
    out: list[Span] = []
    taken = {t for e in ents for t in range(e.start, e.end)}
    for e in sorted(ents, key=lambda s: s.start):
        if out and out[-1].label_ == "ORG" and e.start < out[-1].end:
            continue  # a date the model found inside the team's name ("under-19")
        if e.label_ not in {"GPE", "LOC", "PERSON", "ORG", "FAC"}:
            out.append(e)
            continue
        start = e.start - 1 if e.start >= 1 and doc[e.start - 1].text in _CLUB_MARKERS \
            and e.start - 1 not in taken else e.start
        end = _team_end(doc, e.end)
        out.append(Span(doc, start, end or e.end, label="ORG") if end is not None or start < e.start else e)
    return out
