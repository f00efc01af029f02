"""Shipped reference data: the place gazetteer, the organisation alias table and the title list.

Loaded lazily, once per process, from ``dossier/data`` (see its README for sources and licences). Lookups are by
``name_key`` so spelling of case, accents and punctuation does not matter. The tables only *type* and *annotate*
names found in a report; they never create an entity the report does not name.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dossier.model.collector import collector_paused
from dossier.model.names import name_key, name_keys_uncached, skeleton_key

# Capitalised English words that are also the names of towns; never typed as places from the gazetteer alone.
_COMMON_WORDS = frozenset(
    name_key(w)
    for w in (
        "Police Of March May June Reading Mobile Bath Nice Split Most Sale Deal Bar Wells Sandy Hope Union Unity "
        "Victoria Independence Liberty Progress Reform Justice Mission Marina Florence Concord Commerce Eagle "
        "Young Best Said Khan Ali Bin Hamad Amir Imam Sheikh Mufti Leader Deputy General President Minister "
        "Central Western Eastern Northern Southern Regional National Federal Global Council Court Party Army "
        "Day Kingston Lincoln Douglas Jackson Clinton Austin Chester Francisco Salvador Trinidad Sucre Bolivar "
        "Bismarck Lafayette Gandhi Nehru Jinnah Aziz Azam Usman Umar Bilal Tariq Faisal Kashmiri Islam Rahman "
        "God Allah Heaven Paradise Eden Zion Republic"
    ).split()
)


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: str
    kind: str  # country | city | region
    name: str
    country: str
    lat: float | None
    lon: float | None
    population: int


@dataclass(frozen=True, slots=True)
class OrgAlias:
    ofac_id: str
    canonical: str
    programs: str


def _data_text(name: str) -> str:
    return resources.files("dossier.data").joinpath(name).read_text(encoding="utf-8")


@cache
def gazetteer() -> dict[str, Place]:
    """name_key → the most prominent place with that name (country > region > most populous city)."""
    return _gazetteer_tables()[0]


@cache
def cities_by_name() -> dict[str, list[tuple[int, str, str]]]:
    """name_key → (population, country, geonameid) of every gazetteer city with that name or alternate: the
    gazetteer proper keeps only the most prominent, which may be in another country than a report's."""
    return _gazetteer_tables()[1]


@cache
def _gazetteer_tables() -> tuple[dict[str, Place], dict[str, list[tuple[int, str, str]]]]:
    """Both tables from one pass over the gazetteer file: its 200,000 names are keyed once per process, not
    once per table (a fixed cost of every ingest), and with the cycle collector paused (below)."""
    with collector_paused():
        return _read_gazetteer()


def _read_gazetteer() -> tuple[dict[str, Place], dict[str, list[tuple[int, str, str]]]]:
    """The tables, as :func:`_gazetteer_tables` keeps them. Reading them makes ~300,000 objects that live on,
    and no reference cycle: Python's cycle collector, left on, would walk everything made so far again and
    again while they pile up (~0.3 of the ~1 CPU-s the tables cost at every ingest's start)."""
    rank = {"country": 2, "region": 1, "city": 0}
    best: dict[str, Place] = {}
    cities: dict[str, list[tuple[int, str, str]]] = {}

    def add(key: str, place: Place) -> None:
        if not key:
            return
        cur = best.get(key)
        if cur is None or (rank[place.kind], place.population) > (rank[cur.kind], cur.population):
            best[key] = place

    raw = resources.files("dossier.data").joinpath("gazetteer.tsv.gz").read_bytes()
    rows = [line.split("\t") for line in gzip.decompress(raw).decode("utf-8").splitlines()[1:]]
    spellings = [[name, *alts.split("|")] if alts else [name] for _, _, name, alts, *_ in rows]
    all_keys = iter(name_keys_uncached([n for names in spellings for n in names]))
    for (gid, kind, name, _, country, lat, lon, pop), names in zip(rows, spellings, strict=True):
        place = Place(gid, kind, name, country, float(lat) if lat else None, float(lon) if lon else None,
                      int(pop or 0))
        keys = [next(all_keys) for _ in names]
        for key in keys:
            add(key, place)
        if kind == "city":
            entry = (place.population, country, gid)
            for key in dict(zip(names, keys, strict=True)).values():  # once per distinct spelling on the line
                cities.setdefault(key, []).append(entry)
    for line in _data_text("regions.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, alts, kind, country, lat, lon = (line.split("\t") + [""] * 6)[:6]
        place = Place(f"region:{name_key(name).replace(' ', '-')}", "region", name, country,
                      float(lat) if lat else None, float(lon) if lon else None, 10**7)
        add(name_key(name), place)
        for alt in alts.split("|") if alts else ():
            add(name_key(alt), place)
    return best, cities


def is_common_word(name: str) -> bool:
    """A capitalised English word or a person's name that is also a town's ("Union", "Victoria", "Jackson"): a
    table of places alone never makes it a place."""
    return name_key(name) in _COMMON_WORDS


# Country abbreviations the gazetteer does not list as names (keys without dots: "U.S." → "u s"): "US", "UK" are
# countries wherever a report writes them, which the gazetteer's names cannot say.
_COUNTRY_ABBREVIATIONS = {
    "us": "US", "u s": "US", "usa": "US", "u s a": "US", "uk": "GB", "u k": "GB", "uae": "AE", "u a e": "AE",
    "drc": "CD", "prc": "CN", "roc": "TW",
}  # fmt: skip


def country_abbreviation(name: str) -> str | None:
    """The ISO code of the country an abbreviation names ("U.S." → "US", "UK" → "GB"), if it is one."""
    return _COUNTRY_ABBREVIATIONS.get(name_key(name))


@cache
def _division_abbreviations() -> dict[str, tuple[str, str]]:
    rows = (line.split("\t") for line in _data_text("division_abbreviations.tsv").splitlines()
            if line.strip() and not line.startswith("#"))
    return {abbr: (country, name) for abbr, country, name in rows}


def division_abbreviation(name: str) -> tuple[str, str] | None:
    """(country, division name) of a dotted state or province abbreviation ("Mich." → US, Michigan; "N. Y." →
    US, New York): ``data/division_abbreviations.tsv``. Only the dotted form: "MD" and "PA" say other things."""
    return _division_abbreviations().get(name.strip().replace(" ", ""))


def lookup_place(name: str, *, allow_common_words: bool = False) -> Place | None:
    """The gazetteer's place for a name (a near spelling too). A state's abbreviation is none of its namesakes:
    "Ala." is not Aalen, whose other names include "Ala"."""
    if name.endswith(".") and division_abbreviation(name) is not None:
        return None
    key = name_key(name)
    if not allow_common_words and key in _COMMON_WORDS:
        return None
    return gazetteer().get(key)


def exact_place(name: str) -> Place | None:
    """The gazetteer's entry only when it bears the name itself: the lookup also answers a near spelling or a
    namesake ("Florida" with Floridablanca, "Peking" with Pöcking)."""
    hit = lookup_place(name, allow_common_words=True)
    return hit if hit is not None and name_key(hit.name) == name_key(name) else None


@cache
def org_aliases() -> tuple[dict[str, OrgAlias], dict[str, OrgAlias]]:
    """(name_key → alias, skeleton_key → alias) for every organisation name and a.k.a. in the table."""
    exact: dict[str, OrgAlias] = {}
    loose: dict[str, OrgAlias] = {}
    reader = csv.DictReader(_data_text("org_aliases.tsv").splitlines(), delimiter="\t")
    for row in reader:
        alias = OrgAlias(row["ofac_id"], row["canonical"], row["programs"])
        key = name_key(row["alias"])
        if len(key) < 3:
            continue
        exact.setdefault(key, alias)
        sk = skeleton_key(row["alias"])
        if len(sk.replace(" ", "")) >= 6:  # a short skeleton matches too much
            loose.setdefault(sk, alias)
    return exact, loose


def lookup_org(name: str) -> OrgAlias | None:
    if len(name) < 3 or name_key(name) in _COMMON_WORDS:
        return None
    exact, loose = org_aliases()
    hit = exact.get(name_key(name))
    if hit is None and (" " in name_key(name) or "-" in name):
        hit = loose.get(skeleton_key(name))
    return hit


@cache
def titles() -> tuple[tuple[str, ...], ...]:
    """Title phrases as token tuples, longest first (so 'Lt Gen' wins over 'Lt')."""
    out = []
    for line in _data_text("titles.txt").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words = line.split()
            out.append(tuple(words))
            if any(w.endswith(".") and len(w) > 1 for w in words):
                # the tokenizer may split "Brig." into "Brig" + "."
                split: list[str] = []
                for w in words:
                    split.extend([w[:-1], "."] if w.endswith(".") and len(w) > 1 else [w])
                out.append(tuple(split))
    return tuple(sorted(set(out), key=lambda t: (-len(t), t)))


@cache
def org_heads() -> frozenset[str]:
    """Words that make a name an organisation when they open or close it (see data/org_heads.txt)."""
    return frozenset(
        line.strip() for line in _data_text("org_heads.txt").splitlines()
        if line.strip() and not line.startswith("#")
    )


@cache
def given_names() -> frozenset[str]:
    """Given names seen on the OFAC list of individuals (see data/README.md): a weak person signal."""
    return frozenset(
        line.strip() for line in _data_text("given_names.txt").splitlines()
        if line.strip() and not line.startswith("#")
    )


_DEMONYM_SUFFIXES = ("ian", "ean", "ese", "ish", "an", "i")


def demonym_of(text: str) -> bool:
    """'Kashmiri', 'Pakistani', 'Palestinian', 'Iraqi': a single word made from a country or region name."""
    return demonym_place(text) is not None


def demonym_place(text: str) -> Place | None:
    """The country or region a single word is made from by a demonym suffix ("Iraqi" → Iraq), else None."""
    if " " in text or not text[:1].isupper():
        return None
    low = text.lower()
    for suffix in _DEMONYM_SUFFIXES:
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = text[: -len(suffix)]
            for candidate in (stem, stem + "e", stem + "a", stem + "ia", stem + "y"):
                place = lookup_place(candidate)
                if place is not None and place.kind in {"country", "region"}:
                    return place
    return None
