"""The gazetteer's two tables, built in one pass (``model.reference``): the most prominent place per name, and
every city per name (``extract.place_parents`` picks the namesake in a report's country from it)."""

from __future__ import annotations

from dossier.extract.place_parents import _in_countries
from dossier.model.names import name_key
from dossier.model.reference import cities_by_name, gazetteer, lookup_place


def test_every_prominent_city_is_among_the_cities_of_its_name() -> None:
    places, cities = gazetteer(), cities_by_name()
    prominent = [(key, p) for key, p in places.items() if p.kind == "city"]
    assert len(prominent) > 10_000
    for key, p in prominent:
        entries = cities[key]
        assert (p.population, p.country, p.geonameid) in entries
        # the table proper keeps the most populous city of a name, unless a country or region holds the name
        assert p.population == max(e[0] for e in entries)


def test_a_namesake_in_the_reports_country_is_found() -> None:
    paris = lookup_place("Paris")
    assert paris is not None and paris.country == "FR"
    namesakes = cities_by_name()[name_key("Paris")]
    assert {c for _, c, _ in namesakes} > {"FR", "US"}
    local = _in_countries("Paris", {"US"})
    assert local is not None and local[1] == "US"
    assert local[0] == max(e for e in namesakes if e[1] == "US")[2]
