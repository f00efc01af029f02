"""Neo4j: golden files, the header rules of ``neo4j-admin database import``, and every relationship endpoint
present in the node files of its ID space."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

from dossier.export import neo4j
from dossier.export.select import ExportFilters, Selection
from dossier.store import SQLiteStore
from tests.export import golden

# neo4j-admin import header fields: name:type, :ID/:START_ID/:END_ID with an optional (IdSpace), :LABEL, :TYPE;
# property types and their arrays (operations manual, "CSV header format").
PROPERTY_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
                  "localtime", "time", "localdatetime", "datetime", "duration"}
FIELD = re.compile(r"^(?P<name>[^:]*):(?P<type>ID|START_ID|END_ID)(\((?P<space>[A-Za-z0-9_]+)\))?$"
                   r"|^(?P<name2>[^:]*):(?P<type2>[a-z]+)(?P<array>\[\])?$|^:(?P<special>LABEL|TYPE)$|^(?P<plain>[^:]+)$")


def _check_header(header: list[str], is_node: bool) -> dict[str, str]:
    """The ID-space columns of a header, after checking every field against the import rules."""
    spaces: dict[str, str] = {}
    names = set()
    for field in header:
        m = FIELD.match(field)
        assert m, f"not a neo4j-admin header field: {field!r}"
        if m["type"]:
            spaces[m["type"]] = m["space"] or ""
        elif m["type2"]:
            assert m["type2"] in PROPERTY_TYPES, field
        name = m["name"] or m["name2"] or m["plain"]
        if name:
            assert name not in names, f"duplicate property {name}"
            names.add(name)
    if is_node:
        assert list(spaces) == ["ID"] and ":LABEL" in header
    else:
        assert set(spaces) == {"START_ID", "END_ID"} and ":TYPE" in header
    return spaces


@pytest.fixture(scope="module")
def exported(export_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dossier.store import open_store

    out = tmp_path_factory.mktemp("neo4j")
    with open_store(export_db, readonly=True) as store:
        neo4j.write(Selection(store), out)
    return out


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def _validate(directory: Path) -> dict[str, int]:
    ids: dict[str, set[str]] = defaultdict(set)
    counts = {}
    for name in neo4j.NODE_FILES:
        header, rows = _read(directory / f"{name}.csv")
        space = _check_header(header, True)["ID"]
        col, label = 0, header.index(":LABEL")
        assert ":ID(" in header[col]
        for row in rows:
            assert len(row) == len(header)
            assert row[col] and row[col] not in ids[space], f"missing or duplicate id in {name}"
            ids[space].add(row[col])
            assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", part) for part in row[label].split(";"))
        counts[name] = len(rows)
    for name, _, _ in neo4j.FILES:
        if name in neo4j.NODE_FILES:
            continue
        header, rows = _read(directory / f"{name}.csv")
        spaces = _check_header(header, False)
        s_col, e_col = (header.index(f":{k}_ID({spaces[k + '_ID']})") for k in ("START", "END"))
        t_col = header.index(":TYPE")
        for row in rows:
            assert row[s_col] in ids[spaces["START_ID"]], f"{name}: no {spaces['START_ID']} node {row[s_col]}"
            assert row[e_col] in ids[spaces["END_ID"]], f"{name}: no {spaces['END_ID']} node {row[e_col]}"
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*", row[t_col])
        counts[name] = len(rows)
    return counts


def test_golden_files(exported: Path) -> None:
    golden.check(exported, "corpus.neo4j")


def test_headers_and_endpoints_follow_the_import_rules(store: SQLiteStore, exported: Path) -> None:
    counts = _validate(exported)
    sel = Selection(store)
    assert counts["entities"] == len(list(sel.entities()))
    assert counts["relations"] == len(list(sel.relations()))
    assert counts["mentions"] == store.counts()["mentions"]
    script = (exported / "import.sh").read_text(encoding="utf-8")
    for name, _, _ in neo4j.FILES:
        assert f"={name}.csv" in script
    assert "--array-delimiter=U+001F" in script and "--multiline-fields=true" in script


def test_arrays_split_on_the_declared_delimiter(exported: Path) -> None:
    header, rows = _read(exported / "entities.csv")
    aliases = header.index("aliases:string[]")
    split = [row[aliases].split(neo4j.ARRAY_DELIMITER) for row in rows if neo4j.ARRAY_DELIMITER in row[aliases]]
    assert split and all(all(part.strip() for part in parts) for parts in split)


def test_a_filtered_export_stays_closed(store: SQLiteStore, tmp_path: Path) -> None:
    neo4j.write(Selection(store, ExportFilters(around=("Harakat al-Sumud al-Watani",), hops=1,
                                               entity_types=frozenset({"person", "organization"}))), tmp_path)
    counts = _validate(tmp_path)
    assert 0 < counts["entities"] < len(list(Selection(store).entities()))
