"""Extraction records → the Parquet shard the cross-document step reads (``crossdoc.resolve_shards``).

A shard is a folder of three tables with the columns and encodings of the store's tables (``local_entities``:
aliases and attributes as JSON text, ``mentions``, ``relations``), so a shard and a store give the resolver the
same rows. ``dossier batch`` writes one per Parquet shard of extraction records; every document must be in
exactly one shard (a document's profiles are built from all of its own rows).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dossier.batch.crossdoc_parts import COLUMNS
from dossier.model import Extraction


def shard_tables(extractions: Iterable[Extraction]) -> dict[str, dict[str, list[Any]]]:
    """The three tables of a shard, column-wise, as the store writes the same records."""
    tables: dict[str, dict[str, list[Any]]] = {name: {c: [] for c in cols} for name, cols in COLUMNS.items()}
    le, me, re_ = tables["local_entities"], tables["mentions"], tables["relations"]
    for x in extractions:
        for e in x.entities:
            for c, v in zip(COLUMNS["local_entities"], (e.id, e.document, str(e.type), e.name,
                                                        json.dumps(list(e.aliases)), json.dumps(dict(e.attributes))),
                            strict=True):
                le[c].append(v)
        for m in x.mentions:
            me["document"].append(m.document)
            me["entity"].append(m.entity)
            me["sentence"].append(m.sentence)
        for r in x.relations:
            row: tuple[Any, ...] = (r.id, r.document, r.subject, r.predicate, r.object, r.role)
            for c, v in zip(COLUMNS["relations"], row, strict=True):
                re_[c].append(v)
    return tables


def write_shard(extractions: Iterable[Extraction], folder: str | Path) -> Path:
    """Write a shard folder (each table written whole, then renamed); returns the folder."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, cols in shard_tables(extractions).items():
        tmp = out / f".{name}.{os.getpid()}.tmp"
        pq.write_table(pa.table(cols, schema=_schema(name)), tmp)
        tmp.replace(out / f"{name}.parquet")
    return out


def _schema(name: str) -> Any:
    import pyarrow as pa

    types = {"sentence": pa.int64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS[name]])
