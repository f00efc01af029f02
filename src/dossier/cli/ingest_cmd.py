"""``dossier ingest PATH…``: files, folders (recursively) or ``-`` for stdin, into the store."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterable, Iterator

import click
from tqdm import tqdm

from dossier import pipeline
from dossier.cli.common import Context, check_date, handle_errors
from dossier.cli.terminal import safe
from dossier.exc import UsageError
from dossier.extract.pool import INGEST_NICENESS, ExtractPool, available_cpus
from dossier.ingest.fetch import FetchPolicy, is_url
from dossier.ingest.limits import Limits
from dossier.ingest.pool import ParsePool
from dossier.ingest.remote import RemoteInputs, Unchanged
from dossier.ingest.sources import InputRef, iter_inputs
from dossier.model import Document, Rejection
from dossier.store import SQLiteStore
from dossier.store.fetch_cache import StoreFetchCache

_DEFAULTS = Limits()
# While extraction runs in its worker, the ingest process resolves what it has committed once at least this
# many documents, and at least half as many as it has resolved, are waiting: each resolution costs more as
# the store grows, so spacing them out geometrically keeps their total within a constant factor of one run.
RESOLVE_EVERY = 32
# From this many parse workers, they build the records as well as the parse (``ExtractPool(records=True)``). With
# one, the worker would carry ~1.5x bare spaCy's CPU per report against this process's ~0.4x: the split with the
# records here (~1.05x against ~0.9x) balances the two cores better.
RECORDS_IN_WORKERS_FROM = 2


def default_extract_workers() -> int:
    """``$DOSSIER_WORKERS`` where set (a shared machine, or a test suite of tiny corpora where a second spaCy
    load costs more than it saves); else a spaCy parse worker per CPU, the records, writes and resolution in
    this process alongside them (docs/scale.md: on two cores, two workers beat one, the ingest process needing
    less than a core); on one CPU, splitting only adds work, so everything runs in this process."""
    configured = os.environ.get("DOSSIER_WORKERS", "").strip()
    if configured:
        try:
            workers = int(configured)
        except ValueError:
            raise UsageError(f"DOSSIER_WORKERS={configured!r} is not a number of workers") from None
        if not 0 <= workers <= 64:
            raise UsageError(f"DOSSIER_WORKERS={configured!r} is not between 0 and 64")
        return workers
    cpus = available_cpus()
    return cpus if cpus >= 2 else 0


@dataclasses.dataclass(slots=True)
class _Tally(pipeline.Tally):
    unresolved: int = 0  # committed since the last resolution
    resolved: int = 0


def _say(bar: tqdm, line: str) -> None:
    bar.write(safe(line), file=sys.stderr)


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--feed", "feeds", multiple=True, metavar="URL|FILE",
              help="An RSS or Atom feed whose entries' links are fetched and ingested (repeatable).")
@click.option("--allow-private", is_flag=True,
              help="Let URLs reach private, loopback and link-local addresses (never cloud metadata).")
@click.option("--fetch-timeout", default=20.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds to connect and between reads of a URL (a whole fetch gets 3x this).")
@click.option("--read-workers", "workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes reading the input files (HTML, PDF, WARC; each killable on the time and memory "
                   "limits).")
@click.option("--workers", "--extract-workers", "extract_workers", type=click.IntRange(0, 64),
              help="spaCy parse processes, with records, writes and resolution alongside them in this one; 0: "
                   "all in this process. Default: $DOSSIER_WORKERS, else one per available CPU where there are "
                   "two or more, else 0.")
@click.option("--max-bytes", default=_DEFAULTS.max_bytes, show_default=True, type=click.IntRange(1),
              help="Largest input file accepted, in bytes.")
@click.option("--max-chars", default=_DEFAULTS.max_chars, show_default=True, type=click.IntRange(1),
              help="Longest text accepted after extraction, in characters.")
@click.option("--parse-timeout", default=_DEFAULTS.parse_timeout, show_default=True, type=click.FloatRange(0.1),
              help="Seconds a document may take to parse before its worker is killed.")
@click.option("--worker-memory", default=_DEFAULTS.worker_memory, show_default=True, type=click.IntRange(256 << 20),
              help="Address-space limit of each parse and extraction worker, in bytes.")
@click.option("--sync", type=click.Choice(["normal", "full"]), default="normal", show_default=True,
              help="normal: commits survive a crash of dossier, and re-ingesting restores any lost to a power cut; "
                   "full: an fsync per document, so commits also survive power loss.")
@click.option("--publisher", metavar="NAME",
              help="The outlet of reports whose own metadata names none (a folder of one outlet's reports), so "
                   "they count as one source when facts are cross-checked.")
@click.option("--date", "report_date", metavar="YYYY-MM-DD", callback=check_date,
              help="The date of reports whose own metadata gives none or only guesses its year (a folder of one "
                   "day's reports); relative dates in them (\"yesterday\") are resolved against it.")
@click.option("-v", "--verbose", is_flag=True, help="Print a line per document once it is committed.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.pass_obj
@handle_errors
def ingest(obj: Context, paths: tuple[str, ...], feeds: tuple[str, ...], allow_private: bool, fetch_timeout: float,
           workers: int, extract_workers: int | None, max_bytes: int,
           max_chars: int, parse_timeout: float, worker_memory: int, sync: str, publisher: str | None,
           report_date: str | None, verbose: bool, quiet: bool) -> None:
    """Ingest reports (.txt, .md, .html, .pdf, .warc, .warc.gz) from files, folders, - (stdin), http(s) URLs
    and feeds (--feed).

    Each document is parsed in a killable worker, extracted in another, and written in one transaction; the
    documents written are resolved against the store while the next ones are extracted. A bad input is reported
    in one line and skipped; the rest of the batch goes on; the exit code is 1 if any was skipped.
    """
    if not paths and not feeds:
        raise UsageError("nothing to ingest: name files, folders, -, URLs or --feed")
    if paths.count("-") > 1:
        raise UsageError("'-' (stdin) can be given only once")
    if "-" in paths and sys.stdin.isatty():
        raise UsageError("'-' reads a report from stdin, but stdin is a terminal: pipe or redirect a file into it")
    limits = Limits(max_bytes=max_bytes, max_chars=max_chars, parse_timeout=parse_timeout,
                    worker_memory=worker_memory)
    tally = _Tally()
    if extract_workers is None:
        extract_workers = default_extract_workers()
    # The extraction worker starts first: loading spaCy is the longest step before the first result.
    # With two or more workers, they build the records too (docs/scale.md, session 16): this process keeps only
    # the writes and resolution, so it no longer bounds the ingest and the workers share both cores' CPU.
    with ExtractPool(extract_workers, memory=limits.worker_memory, niceness=INGEST_NICENESS,
                     records=extract_workers >= RECORDS_IN_WORKERS_FROM) as extractor, \
            obj.store(sync=sync.upper()) as store:
        bar = tqdm(desc="ingesting", unit="doc", file=sys.stderr, disable=quiet or not sys.stderr.isatty(),
                   dynamic_ncols=True)
        try:
            policy = FetchPolicy(allow_private=allow_private, max_bytes=max_bytes, timeout=fetch_timeout,
                                 deadline=3 * fetch_timeout)
            urls = [p for p in paths if is_url(p)]
            remote = RemoteInputs(StoreFetchCache(store), urls, feeds, policy, limits) if urls or feeds else None
            files = [p for p in paths if not is_url(p)]
            _run(store, extractor, files, limits, workers, tally, bar, verbose, publisher, remote, report_date)
        finally:
            bar.close()
        pipeline.resolve(store)  # what the increments left, and the analysis refresh, once
    if not quiet:
        click.echo(
            f"dossier: {tally.added} ingested, {tally.versions} new versions, {tally.existing} already present, "
            f"{tally.rejected} rejected",
            err=True,
        )
    if tally.rejected:
        sys.exit(1)


def _reject(store: SQLiteStore, rejection: Rejection, tally: _Tally, bar: tqdm) -> None:
    tally.rejected += 1
    _say(bar, f"dossier: skipped {rejection.message()}")
    store.add_rejection(rejection)


def _run(store: SQLiteStore, extractor: ExtractPool, paths: Iterable[str], limits: Limits, workers: int,
         tally: _Tally, bar: tqdm, verbose: bool, publisher: str | None = None,
         remote: RemoteInputs | None = None, report_date: str | None = None) -> None:
    walk = iter_inputs(list(paths), limits)

    def refs() -> Iterator[InputRef]:
        for item in walk:
            if isinstance(item, Rejection):
                _reject(store, item, tally, bar)
            else:
                yield item
        for fetched in remote if remote is not None else ():
            if isinstance(fetched, Rejection):
                _reject(store, fetched, tally, bar)
            elif isinstance(fetched, Unchanged):
                tally.existing += 1
                if verbose:
                    _say(bar, f"dossier: unchanged {fetched.source} ({fetched.why})")
            else:
                yield fetched

    def new_documents(pool: ParsePool) -> Iterator[Document]:
        for _ref, result in pool.parse_all(refs()):
            if isinstance(result, Rejection):
                _reject(store, result, tally, bar)
                continue
            if remote is not None:
                result = remote.complete(result)
            if store.has_document(result.id):
                if remote is not None:
                    remote.remember(result.archive or result.source, result.id)
                tally.existing += 1
                bar.update(1)
                if verbose:
                    _say(bar, f"dossier: unchanged {result.source} ({result.id})")
            else:
                yield pipeline.with_defaults(result, publisher=publisher, published=report_date)

    def resolve_while_waiting(draining: bool) -> None:
        # Called when the next parse is not ready: the cross-document work overlaps spaCy. Once every document
        # is with the worker, resolve whatever is committed, so that little is left for after the last parse.
        if tally.unresolved >= (1 if draining else max(RESOLVE_EVERY, tally.resolved // 2)):
            # entity links only: the analysis tables are refreshed once, at the end (each refresh reads every
            # event in the store, so refreshing per increment would cost more than it saves at the end)
            pipeline.resolve(store, analysis=False)
            tally.resolved += tally.unresolved
            tally.unresolved = 0

    tally.resolved = store.document_count()
    with ParsePool(limits, workers=workers) as pool:
        idle = resolve_while_waiting if extractor.workers else None
        results = pipeline.extract_batch(new_documents(pool), extractor, idle)
        _store_all(results, store, tally, bar, verbose, remote)
    skipped = walk.skipped_message()
    if skipped:
        _say(bar, f"dossier: {skipped}")


def _store_all(results: Iterable[pipeline.Result], store: SQLiteStore, tally: _Tally, bar: tqdm,
               verbose: bool, remote: RemoteInputs | None = None) -> None:
    """Write each document in its own transaction; print the acknowledgement only after COMMIT."""
    for outcome in pipeline.commit_each(store, results):
        result, document = outcome.result, outcome.document
        if isinstance(result, Rejection):
            _reject(store, result, tally, bar)
            continue
        assert document is not None  # committed, so extracted
        if remote is not None:
            remote.remember(document.archive or document.source, result.document)
        bar.update(1)
        tally.count(outcome)
        if result.status != "exists":
            tally.unresolved += 1
        if verbose:
            _say(bar, f"dossier: committed {document.source} ({result.document}, version {result.version})")
