"""Load a batch's shards into the SQLite store, in input order, as ``dossier ingest`` would have written them.

The load is the pipeline's commit and resolve steps (dossier/pipeline.py) over records read from the shards
instead of extracted here: each document in its own transaction (:func:`~dossier.pipeline.commit_each`), in
the order the inputs were read, so that versions, rejections and every id come out as an ingest of the same
inputs gives them; then the cross-document work once over everything written
(:func:`~dossier.pipeline.resolve`: entity resolution, then the analysis refresh; incremental resolution and
one run at the end give the same links, docs/resolution.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence

from dossier import pipeline
from dossier.batch.codec import decode
from dossier.batch.shards import Row, read_rows
from dossier.exc import RunError
from dossier.model import Document, Rejection
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


def load(store: SQLiteStore, documents: Sequence[Document], folder: str, tally: pipeline.Tally,
         say: Callable[[str], None], timings: dict[str, float] | None = None) -> None:
    """Write the shards' records of ``documents`` (in that order) into ``store``, then resolve and refresh.
    A document with no row in the shards stops the load before anything is written."""
    rows: dict[str, Row] = {}
    for row in read_rows(folder, say):
        rows.setdefault(row.id, row)  # a retried task may have left a second copy: the first wins
    missing = [d.source for d in documents if d.id not in rows]
    if missing:
        raise RunError(f"{len(missing)} document(s) have no record in the shards (first: {missing[0]}); "
                       "run the batch again with --resume")
    timings = {} if timings is None else timings
    changed, started = tally.changed, time.perf_counter()
    for outcome in pipeline.commit_each(store, _results(documents, rows)):
        if isinstance(outcome.result, Rejection):
            reject(store, outcome.result, tally, say)
        else:
            tally.count(outcome)
    timings["load"] = time.perf_counter() - started
    if tally.changed > changed:
        started = time.perf_counter()
        pipeline.resolve(store)
        timings["resolve"] = time.perf_counter() - started
