"""What ``dossier batch`` reads: files and folders as ``dossier ingest`` reads them, or tables of reports.

A table is a JSONL or Parquet file of reports, one per row: ``text`` (required), and ``id``, ``url``, ``title``,
``published`` (YYYY-MM-DD), ``publisher`` when known. The text goes through the same cleaning and metadata
reading as a plain-text file (ingest/parse.py); a field the row gives wins over what the text suggests. A row's
source (what a person sees) is its ``url``, else ``FILE#id``, else ``FILE#line``. Anything else (folders,
.txt, .html, .pdf, .warc) is read by the ingest reader pool, so a folder gives exactly the documents
``dossier ingest`` would. A glob (``reports/*.jsonl``) is expanded here, for shells that did not.
"""

from __future__ import annotations

import dataclasses
import datetime
import glob
import json
import os
from collections.abc import Iterator, Sequence
from typing import Any

from dossier.exc import InputRejected, UsageError
from dossier.ingest.limits import Limits
from dossier.ingest.parse import parse_bytes
from dossier.ingest.pool import ParsePool
from dossier.ingest.sources import iter_inputs
from dossier.model import Document, Rejection

TABLES = (".jsonl", ".parquet")
FIELDS = ("id", "text", "url", "title", "published", "publisher")
ROWS_AT_A_TIME = 1_024  # rows of a Parquet table decoded at once


def expand(paths: Sequence[str]) -> list[str]:
    """Each path as given, or the sorted matches of a glob pattern; a pattern matching nothing is an error."""
    out: list[str] = []
    for path in paths:
        if glob.has_magic(path) and not os.path.exists(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                raise UsageError(f"{path}: no file matches this pattern")
            out.extend(matches)
        else:
            out.append(path)
    return out


def _is_table(path: str) -> bool:
    return os.path.isfile(path) and path.lower().endswith(TABLES)


def _rows(path: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(row number from 1, the row as a dict, or why it is not one)."""
    if path.lower().endswith(".parquet"):
        import pyarrow.parquet as pq

        table = pq.ParquetFile(path)
        columns = [c for c in FIELDS if c in table.schema_arrow.names]
        if "text" not in columns:
            raise UsageError(f"{path}: no 'text' column (a table of reports needs one; see docs/scale.md)")
        number = 0
        for batch in table.iter_batches(batch_size=ROWS_AT_A_TIME, columns=columns):  # never the whole file
            for row in batch.to_pylist():
                number += 1
                yield number, row
        return
    with open(path, encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield number, f"not a JSON object ({error.msg})"
                continue
            yield number, row if isinstance(row, dict) else "not a JSON object"


def _date(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()[:10]
    try:
        return datetime.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise InputRejected(f"'published' is not a date (YYYY-MM-DD): {str(value)[:40]!r}") from None


def _optional(row: dict[str, Any], name: str) -> str | None:
    value = row.get(name)
    return None if value is None or str(value).strip() == "" else " ".join(str(value).split())


def row_document(row: dict[str, Any], where: str, limits: Limits) -> Document:
    """One table row as a Document (raises :class:`InputRejected` naming the field at fault)."""
    text = row.get("text")
    if not isinstance(text, str):
        raise InputRejected("no 'text' field" if text is None else "'text' is not a string")
    source = _optional(row, "url") or where
    document = parse_bytes(text.encode("utf-8", "surrogatepass"), source, None, limits, media_type="text/plain")
    published = _date(row.get("published"))
    return dataclasses.replace(
        document,
        title=_optional(row, "title") or document.title,
        publisher=_optional(row, "publisher") or document.publisher,
        url=_optional(row, "url"),
        published=published or document.published,
        published_inferred=False if published else document.published_inferred,
    )


def _table(path: str, limits: Limits) -> Iterator[Document | Rejection]:
    name = os.path.basename(path)
    for number, row in _rows(path):
        ident = _optional(row, "id") if isinstance(row, dict) else None
        where = f"{name}#{ident}" if ident else f"{name}#{number}"
        if isinstance(row, str):
            yield Rejection(where, row)
            continue
        try:
            yield row_document(row, where, limits)
        except InputRejected as error:
            yield Rejection(_optional(row, "url") or where, error.reason)


def read_documents(paths: Sequence[str], limits: Limits, workers: int = 1) -> Iterator[Document | Rejection]:
    """The documents of ``paths`` in order (tables row by row; other paths as ``dossier ingest`` reads them)."""
    files: list[str] = []

    def flush() -> Iterator[Document | Rejection]:
        if files:
            with ParsePool(limits, workers=workers) as pool:
                for _ref, result in pool.parse_all(iter_inputs(list(files), limits)):
                    yield result
            files.clear()

    for path in expand(paths):
        if _is_table(path):
            yield from flush()
            yield from _table(path, limits)
        else:
            files.append(path)
    yield from flush()
