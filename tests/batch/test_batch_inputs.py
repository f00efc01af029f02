"""What ``dossier batch`` reads (no Ray needed): tables of reports, globs, bad rows, and the missing extra."""

from __future__ import annotations

import builtins
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dossier.batch.codec import build, decode, encode, plain
from dossier.batch.inputs import read_documents
from dossier.cli.main import cli
from dossier.extract.pipeline import extract_many
from dossier.ingest.limits import Limits
from dossier.model import Document, Rejection
from tests.conftest import EXAMPLES

TEXT = "KABUL, Afghanistan (Jan. 25, 2013) - Afghan and coalition forces detained two suspected insurgents."


def _write_jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_a_table_row_becomes_a_document_with_the_row_metadata_winning(tmp_path: Path) -> None:
    table = _write_jsonl(tmp_path / "day.jsonl", [
        {"id": "a1", "text": TEXT, "title": "Forces detain two", "publisher": "ISAF", "published": "2013-01-26"},
        {"id": "a2", "text": TEXT + " One more.", "url": "https://example.org/a2"},
    ])
    first, second = read_documents([str(table)], Limits())
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.source, first.title, first.publisher, first.published, first.published_inferred) == \
        ("day.jsonl#a1", "Forces detain two", "ISAF", "2013-01-26", False)
    assert first.id == Document.make_id(first.text)
    # without a date field, the dateline gives it, as for a .txt file
    assert (second.source, second.url, second.published) == ("https://example.org/a2", "https://example.org/a2",
                                                             "2013-01-25")


def test_bad_rows_are_rejected_alone_naming_the_row_and_field(tmp_path: Path) -> None:
    table = _write_jsonl(tmp_path / "day.jsonl", [
        "{not json", {"id": "x", "title": "no text"}, {"id": "y", "text": TEXT, "published": "last week"},
        {"text": TEXT},
    ])
    got = list(read_documents([str(table)], Limits()))
    assert [type(g).__name__ for g in got] == ["Rejection", "Rejection", "Rejection", "Document"]
    reasons = [g.message() for g in got if isinstance(g, Rejection)]
    assert reasons[0].startswith("day.jsonl#1: not a JSON object")
    assert reasons[1] == "day.jsonl#x: no 'text' field"
    assert reasons[2] == "day.jsonl#y: 'published' is not a date (YYYY-MM-DD): 'last week'"
    assert got[3].source == "day.jsonl#4"  # type: ignore[union-attr]


def test_parquet_tables_and_globs_read_like_jsonl(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": "p1", "text": TEXT, "title": "T"}, {"id": "p2", "text": TEXT + " Again.", "title": None}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "b.parquet")
    _write_jsonl(tmp_path / "a.jsonl", rows)
    got = list(read_documents([str(tmp_path / "*.*")], Limits()))
    assert [d.source for d in got] == ["a.jsonl#p1", "a.jsonl#p2", "b.parquet#p1", "b.parquet#p2"]
    assert got[0] == dataclasses.replace(got[2], source="a.jsonl#p1")  # type: ignore[type-var]
    assert build(Document, plain(got[0])) == got[0]


def test_a_parquet_table_is_read_a_few_rows_at_a_time_with_rows_numbered_across_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dossier.batch import inputs

    monkeypatch.setattr(inputs, "ROWS_AT_A_TIME", 2)
    rows = [{"text": f"{TEXT} Report {n}."} for n in range(5)] + [{"text": None}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "day.parquet", row_group_size=3)
    got = list(read_documents([str(tmp_path / "day.parquet")], Limits()))
    assert [d.source for d in got] == [f"day.parquet#{n}" for n in range(1, 7)]
    assert isinstance(got[-1], Rejection) and got[-1].reason == "no 'text' field"
    assert all(f"Report {n}." in d.text for n, d in enumerate(got[:5]))  # type: ignore[union-attr]


@pytest.mark.model
def test_records_survive_the_shard_encoding() -> None:
    paths = sorted(p for p in EXAMPLES.iterdir() if p.suffix == ".txt")[:3]
    documents = [Document(Document.make_id(p.read_text(encoding="utf-8")), p.read_text(encoding="utf-8"), p.name)
                 for p in paths]
    for extraction in extract_many(documents):
        assert decode(encode(extraction)) == extraction


def test_without_ray_batch_says_which_extra_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_ray(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "ray" or name.startswith("ray."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "batch", str(EXAMPLES)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].endswith("pip install 'dossier[ray]'")
    assert not (tmp_path / "s.db.batch").exists()
