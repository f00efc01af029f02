"""Load a batch's shards into the SQLite store, in input order, as ``dossier ingest`` would have written them.

Each document is written in its own transaction (:meth:`SQLiteStore.add_extraction`), in the order the inputs
were read, so that versions, rejections and every id come out as an ingest of the same inputs gives them; then
the cross-document work runs once over everything written (entity resolution, then the analysis refresh:
incremental resolution and one run at the end give the same links, docs/resolution.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dossier.batch.codec import decode
from dossier.batch.shards import Row, read_rows
from dossier.exc import InputRejected, RunError
from dossier.model import Document, Rejection
from dossier.store import SQLiteStore


@dataclass
class Tally:
    added: int = 0
    versions: int = 0
    existing: int = 0
    rejected: int = 0


def reject(store: SQLiteStore, rejection: Rejection, tally: Tally, say: Callable[[str], None]) -> None:
    tally.rejected += 1
    say(f"dossier: skipped {rejection.message()}")
    store.add_rejection(rejection)


def load(store: SQLiteStore, documents: Sequence[Document], folder: str, tally: Tally,
         say: Callable[[str], None]) -> None:
    """Write the shards' records of ``documents`` (in that order) into ``store``; a document with no row in the
    shards stops the load before anything is written (a batch never loads half its documents)."""
    rows: dict[str, Row] = {}
    for row in read_rows(folder, say):
        rows.setdefault(row.id, row)  # a retried task may have left a second copy: the first wins
    missing = [d.source for d in documents if d.id not in rows]
    if missing:
        raise RunError(f"{len(missing)} document(s) have no record in the shards (first: {missing[0]}); "
                       "run the batch again with --resume")
    for document in documents:
        row = rows[document.id]
        if row.status != "ok":
            reject(store, Rejection(document.source, row.reason), tally, say)
            continue
        extraction = decode(row.record)
        if extraction.document != document:  # the shard holds this text read with other metadata
            raise RunError(f"{document.source}: its record in the shards was made from different metadata "
                           "(title, date or publisher changed?): remove the shards and run the batch again")
        try:
            result = store.add_extraction(extraction)
        except InputRejected as error:
            reject(store, Rejection(document.source, error.reason), tally, say)
            continue
        if result.status == "exists":
            tally.existing += 1
        elif result.status == "new-version":
            tally.versions += 1
        else:
            tally.added += 1


def resolve(store: SQLiteStore) -> None:
    """The cross-document work over everything loaded."""
    store.resolve_pending()
