"""GeoNames' containment of places (``model.containment``): what lies in what, by name, with the unit words and
country abbreviations reports use; the shipped table is keyed as lookups key names, and rebuilds identically."""

from __future__ import annotations

import gzip
from importlib import resources

import pytest

from dossier.model.containment import known_inside
from dossier.model.names import name_key


@pytest.mark.parametrize(("inner", "outer"), [
    ("Plentywood", "Sheridan County"),  # a town in its county
    ("Plentywood", "Montana"),  # … its state
    ("Plentywood", "United States"),  # … and its country
    ("Brazoria County", "Texas"),  # a county in its state
    ("Saskatchewan", "Canada"),  # a province in its country
    ("Tver Oblast", "Russia"),  # the unit word is the report's: GeoNames' first-level name differs
    ("Rogaland county", "Norway"),
    ("Province of Rieti", "Italy"),
    ("Texas", "U.S."),  # a country abbreviation
    ("Calgary", "Alberta"),
    ("Punjab", "India"),  # a name two countries share lies in each
    ("Punjab", "Pakistan"),
])
def test_known_containment(inner: str, outer: str) -> None:
    assert known_inside(inner, outer)


@pytest.mark.parametrize(("inner", "outer"), [
    ("Dallas", "California"),  # the wrong state
    ("Canada", "Saskatchewan"),  # the larger in the smaller
    ("Montana", "Plentywood"),
    ("Mexico City", "Missouri"),  # a unit word that is part of the name is not dropped ("city" is no unit)
    ("Lake Varnell", "Ontario"),  # a name GeoNames does not list
    ("Texas", "Texas"),
    ("", "Texas"),
])
def test_unknown_or_impossible_containment(inner: str, outer: str) -> None:
    assert not known_inside(inner, outer)


def test_the_table_is_keyed_as_lookups_key_names() -> None:
    raw = resources.files("dossier.data").joinpath("place_containment.tsv.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    assert len(lines) > 10_000
    for line in lines[::97]:
        country, admin1, admin2, places = line.split("\t")
        assert len(country) == 2 and country.isupper()
        for key in (admin1, admin2, *places.split("|")):
            assert key == name_key(key)  # a key made by another name_key would silently never match
