"""Load a batch's shards into the SQLite store, in input order, as ``dossier ingest`` would have written them.

The load is the pipeline's commit step (dossier/pipeline.py) over records read from the shards instead of
extracted here: each document in its own transaction (:func:`~dossier.pipeline.commit`), in the order the inputs
were read (a chunk at a time, :class:`Loader`), so that versions, rejections and every id come out as an ingest
of the same inputs gives them. Then the cross-document work, once over everything written: into a fresh store,
entity resolution on Ray over crossdoc shards of the same records (``crossdoc_load``), else ``resolve.engine`` in
the store (incremental resolution and one run at the end give the same links, docs/resolution.md); then the
analysis refresh.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from dossier import pipeline
from dossier.batch.codec import decode
from dossier.batch.crossdoc_load import ShardSink, resolve_into
from dossier.batch.shards import Row, read_rows
from dossier.exc import RunError
from dossier.model import Document, Extraction, Rejection
from dossier.store import SQLiteStore


def reject(store: SQLiteStore, rejection: Rejection, tally: pipeline.Tally, say: Callable[[str], None]) -> None:
    tally.rejected += 1
    say(f"dossier: skipped {rejection.message()}")
    store.add_rejection(rejection)


def _results(documents: Sequence[Document], rows: dict[str, Row]) -> Iterator[pipeline.Result]:
    for document in documents:
        row = rows[document.id]
        if row.status != "ok":
            yield Rejection(document.source, row.reason)
            continue
        extraction = decode(row.record)
        if extraction.document != document:  # the shard holds this text read with other metadata
            raise RunError(f"{document.source}: its record in the shards was made from different metadata "
                           "(title, date or publisher changed?): remove the shards and run the batch again")
        yield extraction


class Loader:
    """Writes a batch's records into ``store`` chunk by chunk (:meth:`add`, in input order), then resolves and
    refreshes once (:meth:`finish`).

    Into a store that held nothing to resolve when the batch began, the records written also become crossdoc
    shards (``FOLDER/crossdoc``), resolved across documents on Ray (``address``, or ``cpus`` of this machine when
    Ray is not running yet) and loaded into the store whole (``crossdoc_load``); any other store is resolved by
    ``resolve.engine`` incrementally, as after ``dossier ingest``."""

    def __init__(self, store: SQLiteStore, folder: str, tally: pipeline.Tally, say: Callable[[str], None],
                 timings: dict[str, float] | None = None, *, address: str | None = None,
                 cpus: int | None = None) -> None:
        from dossier.store.resolution import reading

        self.store, self.folder, self.tally, self.say = store, folder, tally, say
        self.timings = {} if timings is None else timings
        self.address, self.cpus = address, cpus
        self.work = Path(folder) / "crossdoc"
        self.sink = ShardSink(self.work / "shards") if reading(store).holds_nothing_to_resolve() else None
        self.changed = tally.changed

    def add(self, documents: Sequence[Document], files: list[str] | None = None) -> None:
        """Write the shards' records of ``documents`` (in that order), read from ``files`` (default: every shard
        of the folder). A document with no row stops the load before any of them is written."""
        wanted = {d.id for d in documents}
        rows: dict[str, Row] = {}
        for row in read_rows(self.folder, self.say, files=files):
            if row.id in wanted:
                rows.setdefault(row.id, row)  # a retried task may have left a second copy: the first wins
        missing = [d.source for d in documents if d.id not in rows]
        if missing:
            raise RunError(f"{len(missing)} document(s) have no record in the shards (first: {missing[0]}); "
                           "run the batch again with --resume")
        started = time.perf_counter()
        for result in _results(documents, rows):
            written = result if isinstance(result, Rejection) else pipeline.commit(self.store, result)
            if isinstance(written, Rejection):
                reject(self.store, written, self.tally, self.say)
                continue
            assert isinstance(result, Extraction)
            self.tally.count(pipeline.Outcome(result.document.source, result.document, written))
            if self.sink is not None and written.status != "exists":
                self.sink.add(result)  # exactly the records the store now holds
        self.timings["load"] = self.timings.get("load", 0.0) + time.perf_counter() - started

    def finish(self) -> None:
        """Resolve across documents and refresh the analysis, once, if the batch wrote anything."""
        if self.tally.changed <= self.changed:
            return
        started = time.perf_counter()
        if self.sink is not None:
            from dossier.analyze.refresh import refresh

            self.sink.flush()
            resolve_into(self.store, self.sink.shards, self.work, address=self.address, cpus=self.cpus)
            refresh(self.store)
        else:
            pipeline.resolve(self.store)
        self.timings["resolve"] = time.perf_counter() - started

