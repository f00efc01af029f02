"""The Parquet shards of a batch: one row per extracted (or rejected) document.

Columns: ``id`` (the document's content id), ``source`` (what a person sees), ``status`` (``ok`` or
``rejected``), ``reason`` (why rejected, else empty) and ``record`` (the :class:`~dossier.model.Extraction` as
JSON, :mod:`dossier.batch.codec`; empty when rejected). A shard is written whole by one Ray task, so a shard
that can be read holds finished documents only: ``--resume`` skips the documents found in the shards and
extracts the rest. A shard left unreadable by a crash is named and ignored (its documents are extracted again).

A batch reads its inputs a chunk at a time (``dossier batch --chunk``) so that the driver never holds the whole
archive; each chunk's shards go to a subfolder ``chunk-NNNNNN`` of the batch folder. Shards at the top of the
folder (batches written before chunks) are read as well.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

COLUMNS = ("id", "source", "status", "reason", "record")


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    source: str
    status: str
    reason: str
    record: str


CHUNK_PREFIX = "chunk-"


def chunk_folder(folder: str, number: int) -> str:
    """Where the shards of the ``number``-th chunk (from 1) of a batch go."""
    return os.path.join(folder, f"{CHUNK_PREFIX}{number:06d}")


def _parquet_in(folder: str) -> list[str]:
    return sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".parquet"))


def shard_files(folder: str) -> list[str]:
    """Every shard of a batch folder: its chunks' and any at the top (never the crossdoc work folder's)."""
    if not os.path.isdir(folder):
        return []
    files = _parquet_in(folder)
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.startswith(CHUNK_PREFIX) and os.path.isdir(path):
            files.extend(_parquet_in(path))
    return files


def read_rows(folder: str, warn: Callable[[str], None], columns: tuple[str, ...] = COLUMNS,
              files: list[str] | None = None) -> Iterator[Row]:
    """Every row of every readable shard of ``folder`` (or of ``files``, shards of it); a document retried
    after a failure appears once per shard that holds it: the caller keeps the first."""
    import pyarrow.parquet as pq

    for path in shard_files(folder) if files is None else files:
        try:
            table = pq.read_table(path, columns=list(columns))
        except Exception as error:  # noqa: BLE001 - a torn shard: its documents are simply not done
            warn(f"{os.path.basename(path)}: unreadable shard ignored ({type(error).__name__})")
            continue
        for row in table.to_pylist():
            yield Row(**{c: row.get(c) or "" for c in COLUMNS})


def done_ids(folder: str, warn: Callable[[str], None]) -> dict[str, str]:
    """The documents a previous run of this batch finished (extracted or rejected), each with the first shard
    that holds it (the one whose row the load reads)."""
    import pyarrow.parquet as pq

    done: dict[str, str] = {}
    for path in shard_files(folder):
        try:
            ids = pq.read_table(path, columns=["id"]).column("id").to_pylist()
        except Exception as error:  # noqa: BLE001 - a torn shard: its documents are simply not done
            warn(f"{os.path.basename(path)}: unreadable shard ignored ({type(error).__name__})")
            continue
        for ident in ids:
            done.setdefault(ident, path)
    return done
