"""A place's administrative parents (district → province → country) and its precision, as ACLED and GDELT
record them, so that an event placed in a district is found by its province.

Two sources, the report first:

* **the text**: reports name a place with its parents, "in Andar district, Ghazni province", "PAKTIKA
  PROVINCE, Afghanistan", "Springfield, Illinois". A place name followed by a division word ("district",
  "province", "state", …) has that precision; a place followed by a comma and another place is inside it.
* **the gazetteer**: a city's first- and second-level divisions from GeoNames (``data/admin_parents.tsv.gz``,
  built by ``scripts/build_reference_data.py``), and the names of every first-level division of every country,
  so "in Helmand" is known for a province without the word.

The attributes set on place mentions: ``precision`` (country | admin1 | district | city | region), ``admin1``
(the province or state: the place's own name when it is one), ``admin2`` (a district from the gazetteer) and
``country`` (ISO code, when known). Nothing here creates an entity; it only annotates names the report uses.
"""

from __future__ import annotations

import difflib
import gzip
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from dossier.extract.local_entities import RawMention
from dossier.model import EntityType
from dossier.model.names import name_key, name_key_uncached
from dossier.model.reference import (
    Place,
    cities_by_name,
    country_abbreviation,
    division_abbreviation,
    is_common_word,
    lookup_place,
)

__all__ = ["annotate_places", "admin_data"]

# Division words after a name, and the precision they give. "region" is too loose to say admin1.
_KIND_WORDS: dict[str, str] = {
    "province": "admin1", "provinces": "admin1", "state": "admin1", "governorate": "admin1",
    "oblast": "admin1", "prefecture": "admin1",
    "district": "district", "districts": "district", "county": "district", "municipality": "district",
    "sub-district": "district", "subdistrict": "district", "tehsil": "district",
    "village": "city", "town": "city", "city": "city",
    "region": "region",
}  # fmt: skip
_KIND_AFTER = re.compile(r"[ \t]+(" + "|".join(sorted(_KIND_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_KIND_INSIDE = re.compile(r"(?:^|\s)(" + "|".join(sorted(_KIND_WORDS, key=len, reverse=True)) + r")$", re.IGNORECASE)
_COMMA = re.compile(r"\s*,\s*(?:in\s+)?|\s+of\s+(?:the\s+)?")
# A division named by its word where the model saw no place: ", Paktiya province", ", in Ghazni Province".
_NAMED_DIVISION = re.compile(
    r"(?:\s*,\s*(?:in\s+)?|\s+of\s+(?:the\s+)?)(?P<name>[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){0,2})[ \t]+(?P<kind>"
    + "|".join(k for k, v in _KIND_WORDS.items() if v in ("admin1", "district")) + r")\b",
    re.IGNORECASE,
)
_SPELLING_CUTOFF = 0.8  # difflib ratio: "kunar"/"konar" 0.8, "logar"/"lowgar" 0.91; "ghor"/"ghowr" too short
# A town abroad smaller than this, in a report that names other countries, is a namesake, not the place meant.
_FOREIGN_TOWN = 100_000
_GAZETTEER_PRECISION = {"country": "country", "city": "city", "region": "region"}
# "Southern Afghanistan", "north-west Pakistan", "Eastern, Southern Afghanistan": a part of a country names it.
_COMPASS = re.compile(
    r"(?:(?:north|south|east|west|central|(?:north|south)-?(?:east|west))(?:ern)?,?\s+(?:and\s+)?)+",
    re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?(?!\w)")  # "Pakistan's", "Texas'"
_SMALL_NAME_MIN = 4  # a small place's name shorter than this ("Las", "Bati") says too little to place anything


@dataclass(frozen=True, slots=True)
class AdminData:
    admin1_name: dict[tuple[str, str], str]  # (country, admin1 code) → name
    admin1_by_key: dict[str, tuple[str, str]]  # name_key → (country, admin1 code), unique names only
    city: dict[str, tuple[str, str, str]]  # geonameid → (country, admin1 code, admin2 name)
    # name_key → (country, admin1 code, geonameid) of the small places (500+ people: district seats, villages) the
    # gazetteer leaves out, for the countries the data lists them for
    small: dict[str, tuple[tuple[str, str, str], ...]] = field(default_factory=dict)


@cache
def admin_data() -> AdminData:
    raw = resources.files("dossier.data").joinpath("admin_parents.tsv.gz").read_bytes()
    names: dict[tuple[str, str], str] = {}
    seen: dict[str, list[tuple[str, str]]] = {}
    city: dict[str, tuple[str, str, str]] = {}
    small: dict[str, set[tuple[str, str, str]]] = {}
    for line in gzip.decompress(raw).decode("utf-8").split("\n"):
        parts = line.split("\t")
        if parts[0] == "admin1" and len(parts) == 4:
            names[(parts[1], parts[2])] = parts[3]
            seen.setdefault(name_key_uncached(parts[3]), []).append((parts[1], parts[2]))
        elif parts[0] == "city" and len(parts) == 5:
            city[parts[1]] = (parts[2], parts[3], parts[4])
        elif parts[0] == "place" and len(parts) == 5:
            for name in parts[4].split("|"):
                if len(name) >= _SMALL_NAME_MIN:
                    small.setdefault(name_key_uncached(name), set()).add((parts[2], parts[3], parts[1]))
    by_key = {k: v[0] for k, v in seen.items() if len(v) == 1}
    return AdminData(names, by_key, city, {k: tuple(sorted(v)) for k, v in small.items()})


def _in_countries(base: str, countries: set[str]) -> tuple[str, str, int] | None:
    """The most populous city named ``base`` in one of ``countries``: (geonameid, country, population)."""
    found = [c for c in cities_by_name().get(name_key(base), []) if c[1] in countries]
    if not found:
        return None
    pop, cc, gid = max(found)
    return gid, cc, pop


def _own_precision(text: str, m: RawMention) -> tuple[str | None, str]:
    """The precision a division word gives ("Andar district", "KHOST PROVINCE"), and the name without it."""
    inside = _KIND_INSIDE.search(m.text)
    if inside is not None and inside.start() > 0:
        return _KIND_WORDS[inside.group(1).lower()], m.text[: inside.start()].strip()
    after = _KIND_AFTER.match(text, m.end)
    if after is not None:
        return _KIND_WORDS[after.group(1).lower()], m.text
    return None, m.text


def _end_with_kind(text: str, m: RawMention) -> int:
    after = _KIND_AFTER.match(text, m.end)
    return after.end() if after is not None else m.end


def _from_gazetteer(m: RawMention, base: str, countries: set[str], division: bool = False,
                    after_article: bool = False) -> dict[str, str]:
    """Precision and parents the gazetteer knows for a name; of several places of that name, one in a country
    the report names ("Qalat" in a report from Afghanistan is Qalat, Zabul, not a larger namesake). A bare name
    is read as a first-level division only where the report says so ("Gulf province") or names its country
    ("the Gulf" in a report about Iran is not Gulf Province of Papua New Guinea), or names no country at all
    and nothing else bears the name (``_alone_a_division``). An abbreviation ("Mich.", "U.S.") and a country
    are what they name, whatever towns share the letters or the capital's name."""
    if (abbreviated := division_abbreviation(base)) is not None:  # "Troy, Mich.": the state, not a namesake town
        return {"precision": "admin1", "admin1": abbreviated[1], "country": abbreviated[0]}
    if (code := country_abbreviation(base)) is not None:  # "U.S.", "UK"
        return {"precision": "country", "country": code}
    data = admin_data()
    out: dict[str, str] = {}
    place = lookup_place(base, allow_common_words=True)
    if place is not None and place.kind == "country":  # "Djibouti", "Kuwait": the country, not its capital's province
        return {"precision": "country", "country": place.country}
    gid = place.geonameid if place is not None else None
    kind = place.kind if place is not None else None
    if place is not None and kind == "city" and countries and place.country not in countries:
        local = _in_countries(base, countries)
        # a world city keeps its name against a village of a named country: "Delhi" in a report that names
        # the U.S. is not Delhi, California (a tenth of the size or more: "Victoria" in a report from Canada)
        if local is not None and (place.population < _FOREIGN_TOWN or local[2] * 10 >= place.population):
            gid = local[0]
            out["geonameid"] = gid
        elif place.population < _FOREIGN_TOWN:
            gid = kind = None  # "Maya village" in a report from Afghanistan is not a small town of the Philippines
    if gid is not None and gid in data.city:
        cc, code, adm2 = data.city[gid]
        out["precision"] = "city"
        out["country"] = cc
        if (name := data.admin1_name.get((cc, code))) is not None:
            out["admin1"] = name
        if adm2:
            out["admin2"] = adm2
    elif kind in _GAZETTEER_PRECISION:
        out["precision"] = _GAZETTEER_PRECISION[kind]
    hit = data.admin1_by_key.get(name_key(base))
    if hit is None and (place is None or kind == "region"):
        hit = _admin1_spelling(base, countries | ({place.country} if place is not None and place.country else set()))
    plausible = division or hit is not None and (hit[0] in countries or (place is not None and place.country == hit[0])
                                                 or not countries and _alone_a_division(base, place, after_article))
    if hit is not None and plausible and (place is None or place.country in ("", hit[0])) and "admin1" not in out:
        out["precision"] = "admin1"
        out["admin1"] = data.admin1_name[hit]
        out["country"] = hit[0]
    elif "admin1" not in out and gid is None and kind not in ("country", "region"):
        out.update(_small_place(base, countries))
    return out


def _alone_a_division(base: str, place: Place | None, after_article: bool) -> bool:
    """In a report that names no country ("Michigan State Police said …"), a name is read as the one
    first-level division that bears it when nothing else does: no town, country or region of that name, not a
    capitalised word ("Unity"), not a common noun with its article ("the Gulf", "the Delta", "the Lakes")."""
    return place is None and not after_article and not is_common_word(base) and len(name_key(base)) >= 5 \
        and base[:1].isupper()


def _small_place(base: str, countries: set[str]) -> dict[str, str]:
    """The province of a district seat or village too small for the gazetteer ("Mohammad Agha", Logar), in a
    country the report names, when all places of that name there lie in one province."""
    found = [hit for hit in admin_data().small.get(name_key(base), ()) if hit[0] in countries]
    if len({hit[:2] for hit in found}) != 1:
        return {}
    cc, code, gid = found[0]
    name = admin_data().admin1_name.get((cc, code))
    return {"precision": "city", "admin1": name, "country": cc, "geonameid": gid} if name else {}


@cache
def _admin1_keys(country: str) -> dict[str, tuple[str, str]]:
    data = admin_data()
    return {name_key_uncached(n): key for key, n in data.admin1_name.items() if key[0] == country}


def _admin1_spelling(base: str, countries: set[str]) -> tuple[str, str] | None:
    """The first-level division of a country the report names whose name is another transliteration of
    ``base`` ("Logar" / "Lowgar", "Kunar" / "Konar", "Paktiya" / "Paktia"): one close match only."""
    key = name_key(base)
    if len(key) < 4:
        return None
    found = []
    for cc in sorted(countries):
        keys = _admin1_keys(cc)
        found += [keys[k] for k in difflib.get_close_matches(key, list(keys), n=2, cutoff=_SPELLING_CUTOFF)]
    return found[0] if len(found) == 1 else None


_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:and|or|&)\s+|\s*,\s*", re.IGNORECASE)


def _in_a_list(text: str, places: Sequence[RawMention], j: int) -> bool:
    """Whether the places from ``j`` on continue a list: joined by commas up to an "and" / "or"."""
    while j + 1 < len(places):
        gap = text[_end_with_kind(text, places[j]) : places[j + 1].start]
        if not _LIST_GAP.fullmatch(gap):
            return False
        if "," not in gap or re.search(r"\b(?:and|or)\b|&", gap, re.IGNORECASE):
            return True
        j += 1
    # the last place the model tagged may be followed by more names it did not: "Helmand and Zabul provinces"
    return re.match(r"\s*(?:,\s*)?(?:and|or|&)\s+[A-Z]", text[_end_with_kind(text, places[j]) :]) is not None


def annotate_places(text: str, mentions: Sequence[RawMention]) -> None:
    """Set ``precision``, ``admin1``, ``admin2`` and ``country`` on the place mentions (in place)."""
    places = sorted((m for m in mentions if m.type == EntityType.PLACE), key=lambda m: m.start)
    countries = set()
    for m in places:  # the countries the report names, also as a part of one ("southern Afghanistan")
        hit = lookup_place(m.text, allow_common_words=True)
        if hit is None and (part := _COMPASS.match(m.text)) is not None:
            hit = lookup_place(m.text[part.end():], allow_common_words=True)
        if hit is not None and hit.kind == "country":
            countries.add(hit.country)
        elif (code := country_abbreviation(m.text)) is not None:  # "U.S."
            countries.add(code)
        elif (division := division_abbreviation(m.text)) is not None:  # "Troy, Mich." names the US too
            countries.add(division[0])
    facts: list[dict[str, str]] = []
    for m in places:
        precision, base = _own_precision(text, m)
        found = _from_gazetteer(m, base, countries, division=precision is not None,
                                after_article=text[max(0, m.start - 4) : m.start].lower() == "the ")
        if precision is not None:  # the report's own word beats the gazetteer's guess
            if precision != found.get("precision"):
                # "Qalat district" is not the town of Qalat, but lies in the same province as its namesake town
                keep = ("country", "admin1", "geonameid") if precision in ("district", "city") else ("country",)
                found = {k: v for k, v in found.items() if k in keep}
            found["precision"] = precision
        if found.get("precision") == "admin1" and division_abbreviation(base) is None:
            found["admin1"] = base  # the report's own spelling ("Lowgar"); an abbreviation keeps the full name
        facts.append(found)
    # "Andar district, Ghazni province, Afghanistan": each place lies in the next one after its comma
    rank = {"country": 0, "region": 1, "admin1": 2, "district": 3, "city": 4}
    for i in range(len(places) - 1, -1, -1):
        m = places[i]
        end = _end_with_kind(text, m)
        nxt = places[i + 1] if i + 1 < len(places) else None
        if nxt is None or not _COMMA.fullmatch(text[end : nxt.start]):
            named = _NAMED_DIVISION.match(text, end)
            if named is None or not named.group("name")[0].isupper() or (nxt is not None and nxt.start < named.end()):
                continue
            kind = _KIND_WORDS[named.group("kind").lower()]
            parent = {"precision": kind, "admin1" if kind == "admin1" else "admin2": named.group("name")}
            if rank[kind] < rank.get(facts[i].get("precision", ""), 5):
                for key, value in parent.items():
                    if key != "precision":
                        facts[i][key] = value  # the report's own words beat a namesake in the gazetteer
            continue
        if _in_a_list(text, places, i + 1):
            continue  # "Kabul, Kandahar and Helmand": a list, not a chain
        if _POSSESSIVE.match(text, _end_with_kind(text, nxt)):
            continue  # "in Kabul, Pakistan's ambassador said": the place owns what follows; it contains nothing
        child, parent = facts[i], facts[i + 1]
        if parent.get("precision") == "city" and "admin1" in parent and "admin1" not in child \
                and child.get("precision") in ("district", "city"):
            child["admin1"] = parent["admin1"]  # "Zharay district, Kandahar": in the city's province either way
            continue
        if "precision" not in parent or rank[parent["precision"]] >= rank.get(child.get("precision", ""), 5):
            continue  # "Kabul, Kandahar and Helmand": a list, not a chain
        if parent.get("country") and child.get("country") not in (None, parent["country"]):
            # "Signal Hill, California": the gazetteer's Signal Hill (in Calgary) is a namesake, not this place
            for key in ("admin2", "geonameid", "country"):
                child.pop(key, None)
        for key in ("admin1", "admin2", "country"):
            if key in parent and (key not in child or key == "admin1"):
                child[key] = parent[key]  # the report's own words beat a namesake in the gazetteer
        if parent.get("precision") == "district" and "admin2" not in child:
            child["admin2"] = _own_precision(text, nxt)[1]
    _province_from_context(places, facts)
    for m, found in zip(places, facts, strict=True):
        if "geonameid" not in found and found.get("country") \
                and m.attributes.get("country") not in (None, "", found["country"]):
            # the text puts it in another country than the gazetteer's entry of that name ("Signal Hill,
            # California" is not Signal Hill in Calgary): keep none of the namesake's identity or coordinates
            for key in ("geonameid", "gazetteer_name", "lat", "lon"):
                m.attributes.pop(key, None)
            m.attributes["country"] = found["country"]
        if "geonameid" in found:  # the report's namesake: its coordinates and country, not the other one's
            m.attributes.pop("lat", None)
            m.attributes.pop("lon", None)
            if m.attributes.get("geonameid") != found["geonameid"]:
                m.attributes.pop("gazetteer_name", None)
            m.attributes["geonameid"] = found["geonameid"]
            m.attributes["country"] = found.get("country", m.attributes.get("country", ""))
        for key, value in found.items():
            m.attributes.setdefault(key, value)


def _province_from_context(places: Sequence[RawMention], facts: list[dict[str, str]]) -> None:
    """A district or village the gazetteer and the text's "X district, Y province" leave without a province
    lies in the one province its sentence names ("Operating in Paktika province, a force captured … in Orgun
    district"), else the one province the whole report names; with two or more, it stays unknown. Only a place
    named as a district or village (its division word, the gazetteer): a bare name nothing knows may be a
    continent, a street or a mistyped name ("Europe", "117th Street", "Super Bowl"), and a province or a place
    the gazetteer puts in a country is never moved."""
    provinces = [(m.sentence, f["admin1"]) for m, f in zip(places, facts, strict=True)
                 if f.get("precision") == "admin1" and f.get("admin1")]
    report = {name_key(p) for _, p in provinces}
    for m, found in zip(places, facts, strict=True):
        if found.get("precision") not in ("district", "city") or "admin1" in found:
            continue
        if found.get("country") or m.attributes.get("country") or m.attributes.get("geonameid"):
            continue  # the gazetteer (or the polity table: "West Germany") placed it; no guess over that
        if name_key(m.text) in admin_data().admin1_by_key:
            continue  # "Alabama" where the report never names the US: a province itself, in no other one
        same = {name_key(p): p for s, p in provinces if s == m.sentence}
        if len(same) == 1:
            found["admin1"] = next(iter(same.values()))
        elif not same and len(report) == 1:
            found["admin1"] = provinces[0][1]
