"""The Parquet shards of a batch: one row per extracted (or rejected) document.

Columns: ``id`` (the document's content id), ``source`` (what a person sees), ``status`` (``ok`` or
``rejected``), ``reason`` (why rejected, else empty) and ``record`` (the :class:`~dossier.model.Extraction` as
JSON, :mod:`dossier.batch.codec`; empty when rejected). A shard is written whole by one Ray task, so a shard
that can be read holds finished documents only: ``--resume`` skips the documents found in the shards and
extracts the rest. A shard left unreadable by a crash is named and ignored (its documents are extracted again).
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


def shard_files(folder: str) -> list[str]:
    if not os.path.isdir(folder):
        return []
    return sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".parquet"))


def read_rows(folder: str, warn: Callable[[str], None], columns: tuple[str, ...] = COLUMNS) -> Iterator[Row]:
    """Every row of every readable shard (a document retried after a failure appears once per shard that holds
    it: the caller keeps the first)."""
    import pyarrow.parquet as pq

    for path in shard_files(folder):
        try:
            table = pq.read_table(path, columns=list(columns))
        except Exception as error:  # noqa: BLE001 - a torn shard: its documents are simply not done
            warn(f"{os.path.basename(path)}: unreadable shard ignored ({type(error).__name__})")
            continue
        for row in table.to_pylist():
            yield Row(**{c: row.get(c) or "" for c in COLUMNS})


def done_ids(folder: str, warn: Callable[[str], None]) -> set[str]:
    """The documents a previous run of this batch finished (extracted or rejected)."""
    return {row.id for row in read_rows(folder, warn, ("id",))}
