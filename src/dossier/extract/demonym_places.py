"""The country (or region) a demonym names: "Canadian" → Canada, "British" → the United Kingdom.

A demonym stays a *group* mention (docs/entities.md: a set of people, never a legal entity). Where it is used as
an adjective in front of a noun ("the Canadian province of Alberta", "a Norwegian football club"), the sentence
still states something about the country itself, so a relation may take the country as its argument
(``country_arguments``). The table ``data/demonyms.tsv`` holds the adjectives no suffix rule derives; the rest are
read off the gazetteer ("Iraqi" → Iraq, "Tunisian" → Tunisia). Historic polities the gazetteer lacks ("Soviet" →
the Soviet Union, "Ottoman" → the Ottoman Empire) come from ``data/polities.tsv``, for this use only.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from spacy.tokens import Span

from dossier.model import EntityType, LocalEntity, stable_id
from dossier.model.names import name_key
from dossier.model.reference import Place, demonym_place, lookup_place

# the parse roles of an adjective or a noun used as one, in front of the noun it qualifies
_PREMODIFIER = frozenset({"amod", "compound", "nmod", "npadvmod"})


@cache
def _table() -> dict[str, str]:
    text = resources.files("dossier.data").joinpath("demonyms.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {name_key(d): c.strip() for d, c in rows}


@cache
def _polities() -> tuple[dict[str, Place], dict[str, Place]]:
    """(demonym key → polity, name or other name key → polity) from ``data/polities.tsv``: the states of the
    past GeoNames does not list, with an id of their own ("polity:soviet-union") so two reports agree."""
    text = resources.files("dossier.data").joinpath("polities.tsv").read_text(encoding="utf-8")
    by_demonym: dict[str, Place] = {}
    by_name: dict[str, Place] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, others, demonyms, lat, lon = (line.split("\t") + [""] * 5)[:5]
        place = Place(f"polity:{name_key(name).replace(' ', '-')}", "country", name, "",
                      float(lat) if lat else None, float(lon) if lon else None, 0)
        for n in [name, *(others.split("|") if others else [])]:
            by_name[name_key(n)] = place
        for d in demonyms.split("|") if demonyms else ():
            by_demonym[name_key(d)] = place
    return by_demonym, by_name


def polity_named(name: str) -> Place | None:
    """The historic polity a report's place name names ("USSR" → the Soviet Union), else None: the entity an
    adjective for that polity stands for where the report names it."""
    return _polities()[1].get(name_key(name))


@cache
def country_of(text: str) -> Place | None:
    """The country or region the demonym ``text`` names, or None ("Catholic", "Democrat": not a place)."""
    polity = _polities()[0].get(name_key(text))
    if polity is not None:
        return polity
    named = _table().get(name_key(text))
    if named is not None:
        return lookup_place(named, allow_common_words=True)
    return demonym_place(text)


def adjectival(span: Span) -> bool:
    """The demonym qualifies a following noun ("the *French* army", "a *Canadian* radio station"), rather than
    naming people ("the French", "Canadians")."""
    root = span.root
    return root.tag_ in {"JJ", "NNP"} and root.dep_ in _PREMODIFIER and root.head.i > root.i


DERIVED_BY = "demonym"  # the ``named_by`` attribute of a country entity read off an adjective


def derived_country(doc_id: str, place: Place, spans: list[tuple[int, int]]) -> LocalEntity:
    """The country an adjectival demonym names, as a place entity of a report that never names it ("a politician
    in the *Canadian* province of Alberta" → Canada). It has no mention of its own: the demonym's span stays the
    group mention it is (issue 11: no demonym is ever a legal entity; one mention per span), and the entity points
    at it instead: ``demonym_spans`` holds the character offsets ("start-end", space-separated) of those group
    mentions in the report, each an adjective in the sentence of a relation that uses the entity, and
    ``named_by=demonym`` says how it was named."""
    attrs = {"named_by": DERIVED_BY, "demonym_spans": " ".join(f"{a}-{b}" for a, b in sorted(set(spans))),
             "geonameid": place.geonameid, "country": place.country, "gazetteer_name": place.name}
    if place.lat is not None and place.lon is not None:
        attrs |= {"lat": f"{place.lat:.4f}", "lon": f"{place.lon:.4f}"}
    return LocalEntity(stable_id("ent", doc_id, DERIVED_BY, place.geonameid), doc_id, EntityType.PLACE, place.name,
                       (), tuple(sorted(attrs.items())))


def demonym_spans(attributes: dict[str, str]) -> list[tuple[int, int]]:
    """The offsets of the demonyms a derived country was read off (``derived_country``), else none."""
    return [(int(a), int(b)) for a, _, b in (s.partition("-") for s in attributes.get("demonym_spans", "").split())]
