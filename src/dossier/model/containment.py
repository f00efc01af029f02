"""What GeoNames knows of which place lies in which: a town in its county, state and country, a county in its
state, a state in its country.

Reports often name two places in one sentence without saying how they relate ("Plentywood, the seat of
Sheridan County", "a river in Saskatchewan, Canada"); the relation classifier reads this as one feature of a pair
(docs/relations.md). The table (``data/place_containment.tsv.gz``: the 144,000 GeoNames places of 1,000+
inhabitants with their first- and second-level divisions and country, CC BY 4.0) is world knowledge about
*names*: two names that the table puts one inside the other usually do so in the report too, but a namesake
("Paris" in Texas) exists, so it is evidence for the classifier to weigh, never a relation on its own.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from dossier.model.names import name_key
from dossier.model.reference import country_abbreviation, lookup_place

__all__ = ["known_inside", "known_place"]

# The unit word a report may add to or leave off a division's name: "Tver Oblast" / "Tver", "Province of
# Rieti" / "Rieti", "Rogaland county", "Giske Municipality". A US county keeps its word in GeoNames ("Brazoria
# County"), so both forms are tried.
_UNIT = (r"oblast|province|county|municipality|district|region|state|prefecture|governorate|voivodeship|"
         r"department|parish|canton|krai|okrug|borough")
_UNIT_AFTER = re.compile(rf"\s+(?:{_UNIT})$")
_UNIT_BEFORE = re.compile(rf"^(?:the\s+)?(?:{_UNIT})\s+of\s+(?:the\s+)?")
_MIN_BARE = 4  # "Ain" of "Ain department" is a name; "Ng" would be noise


@lru_cache(maxsize=1 << 16)
def _variants(key: str) -> tuple[str, ...]:
    """The name's key, and the key without its unit word, when it has one and something is left."""
    bare = _UNIT_BEFORE.sub("", _UNIT_AFTER.sub("", key))
    return (key, bare) if len(bare) >= _MIN_BARE and bare != key else (key,)


@dataclass(frozen=True, slots=True)
class _Table:
    places: dict[str, list[tuple[str, str, str]]]  # place key → (country, admin1 key, admin2 key) of each namesake
    admin2: dict[str, set[tuple[str, str]]]  # second-level division key → (country, admin1 key)
    admin1: dict[str, set[str]]  # first-level division key → countries


@cache
def _table() -> _Table:
    """The shipped table, read once: keys were made by ``name_key`` when it was built, so nothing is keyed here."""
    raw = resources.files("dossier.data").joinpath("place_containment.tsv.gz").read_bytes()
    places: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    admin2: dict[str, set[tuple[str, str]]] = defaultdict(set)
    admin1: dict[str, set[str]] = defaultdict(set)
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        country, a1, a2, names = line.split("\t")
        chain = (country, a1, a2)
        for place in names.split("|"):
            places[place].append(chain)
        if a2:
            admin2[a2].add((country, a1))
        if a1:
            admin1[a1].add(country)
    return _Table(dict(places), dict(admin2), dict(admin1))


def _outers(key: str) -> Iterator[str]:
    """Every division key and country code the places, districts and provinces named ``key`` lie in."""
    table = _table()
    for variant in _variants(key):
        for country, a1, a2 in table.places.get(variant, ()):
            yield from (country, a1, a2)
        for country, a1 in table.admin2.get(variant, ()):
            yield from (country, a1)
        yield from table.admin1.get(variant, ())


def _country_code(name: str, key: str) -> str | None:
    code = country_abbreviation(name)
    if code is not None:
        return code
    place = lookup_place(name, allow_common_words=True)
    return place.country if place is not None and place.kind == "country" and name_key(place.name) == key else None


@lru_cache(maxsize=1 << 16)  # a report names the same pairs again and again
def known_inside(inner: str, outer: str) -> bool:
    """Whether GeoNames has a place named ``inner`` that lies in a division or country named ``outer``
    ("Plentywood" in "Sheridan County", "Montana" and "United States"; "Tver Oblast" in "Russia")."""
    key_in, key_out = name_key(inner), name_key(outer)
    if not key_in or not key_out or key_in == key_out:
        return False
    outers = set(_variants(key_out))
    code = _country_code(outer, key_out)
    if code is not None:
        outers.add(code)
    inners = set(_variants(key_in))
    for found in set(_outers(key_in)):
        if not found or found in inners:
            continue
        if found in outers:  # "Tver" in "Tver Oblast"
            return True
        named = set(_variants(found))  # "Rogaland" in GeoNames, "Rogaland county" in the report
        if not named.isdisjoint(outers) and named.isdisjoint(inners):
            return True
    return False


def known_place(name: str) -> bool:
    """Whether GeoNames has a place, district or province of this name (a cheap test before ``known_inside``)."""
    table = _table()
    return any(v in table.places or v in table.admin2 or v in table.admin1 for v in _variants(name_key(name)))
