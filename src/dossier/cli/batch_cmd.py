"""``dossier batch PATH…``: the ingest of a large collection on Ray Data (docs/scale.md)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator

import click

from dossier.batch.inputs import read_documents
from dossier.batch.load import Loader, reject
from dossier.batch.shards import chunk_folder, done_ids, shard_files
from dossier.cli.common import Context, check_date, handle_errors
from dossier.cli.terminal import safe
from dossier.exc import UsageError
from dossier.extract.pool import available_cpus
from dossier.ingest.limits import Limits
from dossier.model import Document, Rejection
from dossier.pipeline import Tally, with_defaults
from dossier.store import SQLiteStore

_DEFAULTS = Limits()
CHUNK = 20_000  # documents the driver holds at a time: ~1 GB of text and records at news lengths


def _say(line: str) -> None:
    click.echo(safe(line), err=True)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--address", metavar="ray://HOST:PORT",
              help="A running Ray cluster (ray start --head; see docs/scale.md). Default: Ray on this machine.")
@click.option("--cpus", type=click.IntRange(1, 4096),
              help="Extraction actors (one CPU each). Default: the CPUs available here, or the cluster's.")
@click.option("--shards", metavar="FOLDER",
              help="Where the Parquet shards of extraction records go. Default: DB.batch beside the store.")
@click.option("--resume", is_flag=True,
              help="Continue a batch whose shards exist: extract only the documents they do not hold.")
@click.option("--publisher", metavar="NAME", help="As for dossier ingest: the outlet of reports naming none.")
@click.option("--date", "report_date", metavar="YYYY-MM-DD", callback=check_date,
              help="As for dossier ingest: the date of reports whose metadata gives none or guesses its year.")
@click.option("--worker-memory", default=_DEFAULTS.worker_memory, show_default=True, type=click.IntRange(256 << 20),
              help="Address-space limit of each parse process, in bytes.")
@click.option("--extract-timeout", type=click.FloatRange(0.1), metavar="SECONDS",
              help="Seconds a batch of 32 documents may take to parse before its process is killed and its "
                   "documents are retried alone. Default: 120, plus 1 ms per character.")
@click.option("--chunk", default=CHUNK, show_default=True, type=click.IntRange(1), metavar="N",
              help="Documents read, extracted and loaded at a time, so that the driver's memory is bounded by "
                   "the chunk, not the archive.")
@click.option("-v", "--verbose", is_flag=True, help="Also print the seconds each step took (extract, load, resolve).")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
@click.pass_obj
@handle_errors
def batch(obj: Context, paths: tuple[str, ...], address: str | None, cpus: int | None, shards: str | None,
          resume: bool, publisher: str | None, report_date: str | None, worker_memory: int,
          extract_timeout: float | None, chunk: int, verbose: bool, quiet: bool) -> None:
    """Ingest reports on Ray: folders and files as dossier ingest reads them, JSONL or Parquet tables of reports
    (id, text, url, title, published, publisher), or a glob of them.

    Each document is extracted by an actor pool (spaCy loaded once per actor), its records written to Parquet
    shards; then they are loaded, in input order, into the store, a chunk of documents at a time, and resolved
    once at the end. The store then answers every command, the web app and every export as after dossier ingest.
    A bad input is reported in one line and skipped; the exit code is 1 if any was skipped.
    """
    from dossier.batch.ray_job import extract_to_shards, require_ray, start

    require_ray()  # before reading anything: without the extra, one line and nothing done
    folder = shards or f"{obj.db}.batch"
    if shard_files(folder) and not resume:
        raise UsageError(f"{folder} holds the shards of an earlier batch: --resume to continue it, or remove them")
    limits = Limits(worker_memory=worker_memory)
    tally = Tally()
    timings: dict[str, float] = {}
    done = done_ids(folder, _say) if resume else {}
    local_cpus = None if address else (cpus or available_cpus())
    earlier = 0
    with obj.store() as store:
        loader = Loader(store, folder, tally, _say, timings, address=address, cpus=local_cpus)
        rejected: set[str] = set()  # ids rejected at load, never in the store: a later copy is "already present"
        number = 0
        inputs = read_documents(paths, limits)
        for documents in _chunks(inputs, chunk, store, tally, rejected, publisher, report_date):
            number += 1
            todo = [d for d in documents if d.id not in done]
            earlier += len(documents) - len(todo)
            files = sorted({done[d.id] for d in documents if d.id in done})
            if todo:
                ray = start(address, local_cpus)
                actors = cpus or max(1, int(ray.cluster_resources().get("CPU", 1)))
                where = chunk_folder(folder, number)
                before = set(shard_files(folder))
                os.makedirs(where, exist_ok=True)
                started = time.perf_counter()
                extract_to_shards(todo, where, actors, memory=worker_memory, timeout=extract_timeout)
                timings["extract"] = timings.get("extract", 0.0) + time.perf_counter() - started
                files += [f for f in shard_files(folder) if f not in before]
            before_rejected = tally.rejected
            loader.add(documents, files)
            if tally.rejected > before_rejected:
                rejected.update(d.id for d in documents if not store.has_document(d.id))
        loader.finish()
    if not quiet:
        click.echo(f"dossier: {tally.added} ingested, {tally.versions} new versions, {tally.existing} already "
                   f"present, {tally.rejected} rejected ({earlier} from earlier shards)", err=True)
        if verbose:
            click.echo("dossier: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()), err=True)
    if tally.rejected:
        sys.exit(1)


def _chunks(items: Iterator[Document | Rejection], size: int, store: SQLiteStore, tally: Tally,
            rejected: set[str], publisher: str | None, published: str | None) -> Iterator[list[Document]]:
    """The new documents of ``items`` in input order, ``size`` at a time; inputs rejected on reading are recorded
    as they come, and a document the store (or an earlier chunk) already holds counts as already present."""
    documents: list[Document] = []
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, Document):
            reject(store, item, tally, _say)
            continue
        if item.id in seen or item.id in rejected or store.has_document(item.id):
            tally.existing += 1
            continue
        seen.add(item.id)
        documents.append(with_defaults(item, publisher=publisher, published=published))
        if len(documents) >= size:
            yield documents
            documents, seen = [], set()
    if documents:
        yield documents
