"""CSV and Parquet: golden CSV files, the same rows read back by pyarrow from both formats, evidence columns that
point at the right characters, and cells a spreadsheet would run as formulas neutralised."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from dossier.export import tables
from dossier.export.select import ExportFilters, Selection
from dossier.store import SQLiteStore
from tests.export import golden


@pytest.fixture(scope="module")
def exported(export_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from dossier.store import open_store

    out = tmp_path_factory.mktemp("tables")
    with open_store(export_db, readonly=True) as store:
        tables.write_csv(Selection(store), out / "csv")
        tables.write_parquet(Selection(store), out / "parquet")
    return out / "csv", out / "parquet"


def _unprefix(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(tables.FORMULA_START) else value


def test_csv_matches_the_golden_files(exported: tuple[Path, Path]) -> None:
    golden.check(exported[0], "corpus.csv")


def test_parquet_holds_the_same_rows_as_csv_with_types(exported: tuple[Path, Path]) -> None:
    csv_dir, pq_dir = exported
    for table in tables.TABLES:
        frame = pq.read_table(pq_dir / f"{table.name}.parquet")
        assert frame.column_names == [name for name, _ in table.columns]
        types = {name: str(frame.schema.field(name).type) for name, _ in table.columns}
        assert {kind: types[name] for name, kind in table.columns if kind == "int"} == \
            {kind: "int64" for name, kind in table.columns if kind == "int"}
        with open(csv_dir / f"{table.name}.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == frame.num_rows
        for got, want in zip(frame.to_pylist(), rows, strict=True):
            for name, kind in table.columns:
                value = got[name]
                text = "" if value is None else ("true" if value else "false") if kind == "bool" else str(value)
                assert text == _unprefix(want[name]), (table.name, name)
        # pyarrow's own CSV reader agrees on the shape
        assert pacsv.read_csv(csv_dir / f"{table.name}.csv").num_rows == frame.num_rows


def test_every_fact_carries_evidence_that_points_into_its_document(store: SQLiteStore,
                                                                   exported: tuple[Path, Path]) -> None:
    for name in ("relations", "events", "claims"):
        frame = pq.read_table(exported[1] / f"{name}.parquet").to_pylist()
        assert frame
        for row in frame:
            text = store.document_text(row["evidence_document"])
            assert text is not None and text[row["evidence_start"]:row["evidence_end"]] == row["evidence_text"]
    supports = pq.read_table(exported[1] / "supports.parquet").to_pylist()
    ids = {r["id"] for n in ("relations", "events", "claims") for r in pq.read_table(exported[1] / f"{n}.parquet")
           .to_pylist()}
    assert {s["fact"] for s in supports} == ids


def test_formula_cells_are_prefixed(exported: tuple[Path, Path]) -> None:
    prefixed = 0
    for path in exported[0].glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    assert not cell.startswith(tables.FORMULA_START), (path.name, cell)
                    prefixed += cell.startswith("'") and cell[1:].startswith(tables.FORMULA_START)
    assert prefixed, "the example corpus has bullet lines ('- ...') that a spreadsheet would evaluate"
    for bad in ("=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx", "\nx"):
        assert tables.safe_cell(bad) == "'" + bad
    assert tables.safe_cell("Lahore") == "Lahore" and tables.safe_cell("a=b") == "a=b"


def test_filtered_tables_only_hold_the_selection(store: SQLiteStore, tmp_path: Path) -> None:
    sel = Selection(store, ExportFilters(modalities=frozenset({"denied"})))
    tables.write_parquet(sel, tmp_path)
    assert {r["modality"] for r in pq.read_table(tmp_path / "claims.parquet").to_pylist()} == {"denied"}
    entities = {r["id"] for r in pq.read_table(tmp_path / "entities.parquet").to_pylist()}
    for r in pq.read_table(tmp_path / "relations.parquet").to_pylist():
        assert r["modality"] == "denied" and {r["subject"], r["object"]} <= entities
