"""Read a watchlist into entries: an id the list gives, a FollowTheMoney schema, a name and aliases.

Formats (told by the path, see :func:`detect_format`): FollowTheMoney entity files as OpenSanctions exports
them (JSON lines, or one JSON array), the OFAC SDN list as its legacy CSVs (``sdn.csv`` with ``alt.csv``
beside it, or their folder), the UN Security Council consolidated list (XML), and a plain CSV with a ``name``
column and optionally ``aliases`` (separated by ``;``), ``id`` and ``schema``/``type``. Every problem is a
:class:`~dossier.exc.UsageError` naming the file (and line), never a traceback.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass

from dossier.exc import UsageError, require
from dossier.model.watch import WatchEntry

FORMATS = ("ftm", "ofac", "un", "csv")
_SCREENED_SCHEMATA = ("Person", "Organization", "Company", "LegalEntity", "PublicBody", "Vessel", "Airplane")


@dataclass(frozen=True, slots=True)
class WatchList:
    format: str
    sha256: str
    version: str | None
    entries: tuple[WatchEntry, ...]


def detect_format(path: str) -> str:
    """``ofac`` for an SDN folder or ``sdn.csv``; ``un`` for XML; ``ftm`` for JSON; ``csv`` otherwise."""
    if os.path.isdir(path):
        if os.path.exists(os.path.join(path, "sdn.csv")):
            return "ofac"
        raise UsageError(f"{path}: a folder, but no sdn.csv in it (only OFAC SDN folders are read)")
    low = path.lower()
    if os.path.basename(low) == "sdn.csv":
        return "ofac"
    if low.endswith(".xml"):
        return "un"
    if low.endswith((".json", ".jsonl", ".ftm", ".ijson")):
        return "ftm"
    if low.endswith(".csv"):
        return "csv"
    raise UsageError(f"{path}: cannot tell the list format from the name; use --format ({', '.join(FORMATS)})")


def read_list(path: str, fmt: str | None = None) -> WatchList:
    fmt = fmt or detect_format(path)
    readers = {"ftm": _read_ftm, "ofac": _read_ofac, "un": _read_un, "csv": _read_csv}
    if fmt not in readers:
        raise UsageError(f"unknown list format {fmt!r}: use one of {', '.join(FORMATS)}")
    digest = hashlib.sha256()
    entries, version = readers[fmt](path, digest)
    if not entries:
        raise UsageError(f"{path}: no people or organisations found in this {fmt} list")
    return WatchList(fmt, digest.hexdigest(), version, tuple(entries))


def _read_bytes(path: str, digest: hashlib._Hash) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as err:
        raise UsageError(f"{path}: cannot read ({err.strerror or type(err).__name__})") from err
    digest.update(data)
    return data


def _text(path: str, data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UsageError(f"{path}: not UTF-8 or Windows-1252 text")


def _clean(value: str | None) -> str:
    value = " ".join((value or "").split())
    return "" if value == "-0-" else value


# -- FollowTheMoney -------------------------------------------------------------------------------------------
def _ftm_objects(path: str, text: str) -> Iterator[tuple[int, object]]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as err:
            raise UsageError(f"{path}: invalid JSON ({err.msg} at line {err.lineno})") from err
        yield from enumerate(items, start=1)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as err:
                raise UsageError(f"{path}:{number}: invalid JSON ({err.msg})") from err


def _read_ftm(path: str, digest: hashlib._Hash) -> tuple[list[WatchEntry], str | None]:
    require("ftm", "a FollowTheMoney watchlist")
    from followthemoney import model

    text = _text(path, _read_bytes(path, digest))
    entries: list[WatchEntry] = []
    for number, obj in _ftm_objects(path, text):
        if not isinstance(obj, dict):
            raise UsageError(f"{path}:{number}: not a FollowTheMoney entity (expected an object)")
        schema = model.get(str(obj.get("schema", "")))
        if schema is None:
            raise UsageError(f"{path}:{number}: unknown FollowTheMoney schema {obj.get('schema')!r}")
        screened = next((s for s in _SCREENED_SCHEMATA if schema.is_a(s)), None)
        if screened is None:
            continue  # addresses, sanctions, ownership links: not names to screen
        props = obj.get("properties") or {}
        names = [_clean(n) for n in props.get("name", []) if _clean(n)]
        if not names or not obj.get("id"):
            continue
        aliases = [_clean(a) for key in ("alias", "previousName", "weakAlias") for a in props.get(key, [])]
        detail = {k: "; ".join(str(v) for v in props.get(k, [])) for k in ("topics", "country", "program")
                  if props.get(k)}
        entries.append(WatchEntry(str(obj["id"]), schema.name, names[0],
                                  tuple(dict.fromkeys(a for a in names[1:] + aliases if a)), detail))
    return entries, None


# -- OFAC SDN ---------------------------------------------------------------------------------------------------
_OFAC_SCHEMA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "": "Organization"}


def _read_ofac(path: str, digest: hashlib._Hash) -> tuple[list[WatchEntry], str | None]:
    folder = path if os.path.isdir(path) else os.path.dirname(path) or "."
    sdn = os.path.join(folder, "sdn.csv")
    alt_path = os.path.join(folder, "alt.csv")
    aliases: dict[str, list[str]] = {}
    rows = list(csv.reader(io.StringIO(_text(sdn, _read_bytes(sdn, digest)))))
    if os.path.exists(alt_path):
        for number, row in enumerate(csv.reader(io.StringIO(_text(alt_path, _read_bytes(alt_path, digest)))), 1):
            if len(row) < 4:
                if any(c.strip() for c in row):
                    raise UsageError(f"{alt_path}:{number}: expected ent_num, alt_num, alt_type, alt_name")
                continue
            if _clean(row[3]):
                aliases.setdefault(row[0].strip(), []).append(_clean(row[3]))
    entries: list[WatchEntry] = []
    for number, row in enumerate(rows, start=1):
        if not any(c.strip() for c in row):
            continue
        if len(row) < 4 or not row[0].strip().isdigit():
            if row and row[0].strip() == "\x1a":  # the DOS end-of-file mark some OFAC files end with
                continue
            raise UsageError(f"{sdn}:{number}: expected ent_num, name, type, programs, …")
        ent, name, kind, programs = row[0].strip(), _clean(row[1]), _clean(row[2]).lower(), _clean(row[3])
        schema = _OFAC_SCHEMA.get(kind, "LegalEntity")
        detail = {"programs": programs} if programs else {}
        entries.append(WatchEntry(ent, schema, name, tuple(dict.fromkeys(aliases.get(ent, []))), detail))
    return entries, None


# -- UN consolidated list ------------------------------------------------------------------------------------
def _read_un(path: str, digest: hashlib._Hash) -> tuple[list[WatchEntry], str | None]:
    from lxml import etree

    data = _read_bytes(path, digest)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise UsageError(f"{path}: invalid XML ({err})") from err
    if root.tag != "CONSOLIDATED_LIST":
        raise UsageError(f"{path}: not the UN consolidated list (root element {root.tag!r})")
    entries: list[WatchEntry] = []
    for kind, alias_tag, schema in (("INDIVIDUAL", "INDIVIDUAL_ALIAS", "Person"), ("ENTITY", "ENTITY_ALIAS",
                                                                                   "Organization")):
        for node in root.iter(kind):
            parts = [_clean(node.findtext(tag)) for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME",
                                                             "FOURTH_NAME")]
            name = " ".join(p for p in parts if p)
            ref = _clean(node.findtext("REFERENCE_NUMBER")) or _clean(node.findtext("DATAID"))
            if not name or not ref:
                continue
            names = [_clean(a.findtext("ALIAS_NAME")) for a in node.iter(alias_tag)]
            original = _clean(node.findtext("NAME_ORIGINAL_SCRIPT"))
            detail = {"programs": _clean(node.findtext("UN_LIST_TYPE"))} if node.findtext("UN_LIST_TYPE") else {}
            entries.append(WatchEntry(ref, schema, name, tuple(dict.fromkeys(n for n in [original, *names] if n)),
                                      detail))
    return entries, root.get("dateGenerated")


# -- plain CSV ----------------------------------------------------------------------------------------------------
def _read_csv(path: str, digest: hashlib._Hash) -> tuple[list[WatchEntry], str | None]:
    reader = csv.DictReader(io.StringIO(_text(path, _read_bytes(path, digest))))
    fields = {f.strip().lower(): f for f in reader.fieldnames or []}
    if "name" not in fields:
        raise UsageError(f"{path}: a plain CSV list needs a header row with a 'name' column")
    entries: list[WatchEntry] = []
    for number, row in enumerate(reader, start=2):
        name = _clean(row.get(fields["name"]))
        if not name:
            continue
        aliases = _clean(row.get(fields["aliases"])) if "aliases" in fields else ""
        kind = _clean(row.get(fields.get("schema") or fields.get("type") or "", "")).capitalize()
        schema = {"Person": "Person", "Individual": "Person", "Organization": "Organization",
                  "Organisation": "Organization", "Company": "Company", "Vessel": "Vessel"}.get(kind, "LegalEntity")
        entry_id = _clean(row.get(fields["id"])) if "id" in fields else ""
        entries.append(WatchEntry(entry_id or str(number), schema, name,
                                  tuple(a.strip() for a in aliases.split(";") if a.strip())))
    return entries, None
