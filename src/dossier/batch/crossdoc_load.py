"""``dossier batch``'s cross-document step: the records loaded into a fresh store are also written as crossdoc
shards, resolved across documents on Ray (``crossdoc.resolve_shards``), and the result written into the store by
its resolution writer in one transaction, as the resolver's first run writes it (docs/scale.md).

Only a store that held nothing to resolve before the batch takes this path: there the shards hold every local
entity the store will hold, and a first run is all the resolver would do. A store with earlier documents or
judgements is resolved by ``resolve.engine`` incrementally, as after ``dossier ingest``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from dossier.batch.crossdoc import CrossdocStats, resolve_shards_stats
from dossier.batch.crossdoc_shards import write_shard
from dossier.model import Extraction
from dossier.resolve.engine import SIGNATURE
from dossier.store import SQLiteStore
from dossier.store.resolution import writing

DOCS_PER_SHARD = 5_000  # a shard task profiles its documents in one process: ~2 s and ~100 MB each


class ShardSink:
    """Collects the extractions written to the store and writes them out as crossdoc shards of
    ``per_shard`` documents, so the driver never holds more than one shard's records."""

    def __init__(self, folder: Path, per_shard: int = DOCS_PER_SHARD) -> None:
        if folder.exists():
            shutil.rmtree(folder)  # a resumed batch loads everything again: its shards are rewritten whole
        self.folder = folder
        self.per_shard = per_shard
        self.pending: list[Extraction] = []
        self.shards: list[Path] = []

    def add(self, extraction: Extraction) -> None:
        self.pending.append(extraction)
        if len(self.pending) >= self.per_shard:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.shards.append(write_shard(self.pending, self.folder / f"shard-{len(self.shards):05d}"))
            self.pending = []


def _rows(folder: Path, columns: Sequence[str], order: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    """The rows of one output dataset of ``resolve_shards``, sorted as the resolver writes them."""
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    parts = sorted(folder.glob("part-*.parquet"))
    if not parts:
        return
    # a task with no rows of a table writes its columns as type null: the parts' schemas are unified, not the
    # first part's taken for all
    schema = pa.unify_schemas([pq.read_schema(p) for p in parts], promote_options="permissive")
    table = ds.dataset([str(p) for p in parts], schema=schema, format="parquet").to_table(columns=list(columns))
    table = table.sort_by([(c, "ascending") for c in order])
    for batch in table.to_batches(max_chunksize=50_000):
        yield from zip(*(batch.column(c).to_pylist() for c in columns), strict=True)


def resolve_into(store: SQLiteStore, shards: Sequence[Path], work: Path, *, address: str | None = None,
                 cpus: int | None = None) -> CrossdocStats:
    """Resolve ``shards`` on Ray into ``work`` and write the whole resolution into ``store`` (one transaction).
    The caller has checked that the store held nothing to resolve before these shards' records were written."""
    out = work / "resolved"
    stats = resolve_shards_stats(shards, out, address=address, num_cpus=cpus)
    with writing(store) as w:
        w.load_resolution(
            SIGNATURE,
            _rows(out / "resolution_profiles", ("local_entity", "document", "exact_id", "weak", "profile"),
                  ("local_entity",)),
            _rows(out / "resolution_blocks", ("key", "local_entity"), ("key", "local_entity")),
            _rows(out / "resolution_keys", ("key", "size"), ("key",)),
            _rows(out / "resolution_pairs", ("a", "b", "score", "accepted", "weak_a", "weak_b", "features"),
                  ("a", "b")),
            _rows(out / "entity_links", ("local_entity", "entity", "method", "score"), ("local_entity",)),
            _rows(out / "pair_notes", ("applied", "a", "b"), ("a", "b")),
        )
    return stats
