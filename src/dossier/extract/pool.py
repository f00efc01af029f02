"""Run spaCy in a worker process, so the rest of an ingest runs alongside it on another core.

An ingest is the spaCy parse (most of the time), dossier's components and records over the parse, and the
cross-document work over the store (SQLite writes, entity resolution, the analysis refresh). Done in one process
they add up. Here the worker only parses and ships each parse (``Doc.to_dict``, see ``extract.parsed``);
the ingest process finishes the extraction (:func:`~dossier.extract.pipeline.finish`, equal to in-process
extraction: tested), writes, and resolves whenever it would otherwise wait (the ``idle`` callback of
:meth:`ExtractPool.extract_all`). Incremental resolution gives the same links as one run at the end
(docs/resolution.md), so interleaving it changes no result. The ingest process is the critical path (it alone
finishes, writes and resolves every document), so ``dossier ingest`` runs its parse workers niced below it
(:data:`INGEST_NICENESS`).

The worker is a pebble process: a batch that crashes it (a segfault, the OOM killer) or overruns its time limit
is retried one document at a time in a fresh worker, and only the document that fails alone is rejected.
``workers=0`` extracts in the calling process (no isolation; used by ``--extract-workers 0`` and the library).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import resource
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, wait
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import TypeVar

from pebble import ProcessExpired, ProcessPool

from dossier.exc import RunError, UsageError
from dossier.extract.parsed import Parsed
from dossier.model import Document, Extraction, Rejection

BATCH = 32  # documents per task: one full nlp.pipe batch (16 cost ~4 % more parse CPU), small enough to retry
IN_FLIGHT_PER_WORKER = 12  # batches queued per worker (~15 s of parsing, ~15 MB of parses): covers the ingest
# process's longest resolution increments, so the worker never waits for it
DRAINING_BATCHES = 2  # batches left to parse (~3 s) when ``idle`` is told to finish what it can
FIRST_BATCH = 8  # documents in each worker's first task: the ingest process waits for the first parse back
LAST_BATCH = 8  # documents per task among the last full batch and what follows it: the workers end together
# (with full batches, one worker parsed the last 32 reports alone while the other had nothing left)
TASKS_PER_WORKER = 500  # batches before a worker is replaced (spaCy's string store only grows)
TIMEOUT_BASE = 120.0  # seconds per batch, plus TIMEOUT_PER_CHAR for each character in it
TIMEOUT_PER_CHAR = 1 / 1000  # ~20x slower than the small English pipeline runs on one core
_POLL = 0.5
MEMORY = 2 * 1024**3  # RLIMIT_AS of a spaCy worker (--worker-memory); it maps ~330 MiB at rest, ~1 GiB at most
# while parsing a batch of BATCH_CHARS characters (docs/limits.md)
MEMORY_REASON = "extraction needs more memory than the worker's limit (see docs/limits.md)"
# How much lower an ingest's parse workers run than the ingest process (``nice``). The ingest process finishes,
# writes and resolves every document alone: with as many parse workers as cores, the kernel shares the cores
# evenly among the three processes, so it got two thirds of a core while the workers ran, fell behind, and
# finished the last documents alone on one core once they were done (docs/scale.md, session 15). Ranked below
# it, the workers have the other core and whatever it leaves; nothing else changes. Any step below breaks the
# tie for the kernel's load balancer (with equal weights, a worker pulled onto the ingest process's core while
# it waited stayed there); a small one costs the workers little against other programs on a busy machine.
INGEST_NICENESS = 2

T = TypeVar("T")
Result = Extraction | Rejection
Parse = Parsed | Rejection
Task = Future[Sequence[Parse | Result]]  # a batch's parses (records=False) or records (records=True)


class PipelineUnavailable(Exception):
    """The worker could not load the spaCy pipeline: a failure of the run, not of a document."""


_WARM_UP = "Paris, Jan 2 (Wire) Dr. Ana Ruiz met officials in Lahore, police said."


def _init_worker(memory: int | None = None, niceness: int = 0, records: bool = False) -> None:
    """Cap the address space, lower the priority by ``niceness``, then load the model (and run it once), before
    any task's time limit runs. ``records``: the worker extracts whole records (:func:`extract_batch`), so it
    loads dossier's components and reference tables too, then ``gc.freeze()``s them (see
    :func:`prepare_finishing`).

    The cap turns a document that would need more memory into a ``MemoryError`` (that document is rejected, in
    one line) instead of the machine's OOM killer or swap; see docs/limits.md for the figures behind it.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # see ingest/pool.py: stop at once when pebble stops us
    if niceness > 0:
        os.nice(niceness)
    if memory is not None:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    warm_up = Document(Document.make_id(_WARM_UP), _WARM_UP, "warm-up")
    try:
        if records:
            from dossier.extract.pipeline import extract_many, prepare_tables

            prepare_tables()
            list(extract_many([warm_up]))
            gc.freeze()
        else:
            from dossier.extract.parser import parse_chunks

            parse_chunks([warm_up])
    except Exception:  # noqa: BLE001 - the first task reports it as PipelineUnavailable
        pass


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, which containers and ``taskset`` narrow)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _ready() -> None:
    """The warm-up task."""


def _failure(document: Document, error: Exception) -> Rejection:
    if isinstance(error, MemoryError):
        return Rejection(document.source, MEMORY_REASON)
    message = " ".join(str(error).split())[:200]
    return Rejection(document.source, f"extraction failed: {type(error).__name__}: {message}")


def _isolating(batch: list[Document], run: Callable[[list[Document]], list[T]]) -> list[T | Rejection]:
    """``run(batch)``; if that raises, each document alone, so that only a bad document is rejected."""
    try:
        return list(run(batch))
    except Exception:  # noqa: BLE001 - isolate the failing document below
        pass
    results: list[T | Rejection] = []
    for one in batch:
        try:
            results.extend(run([one]))
        except Exception as error:  # noqa: BLE001
            results.append(_failure(one, error))
    return results


def _unavailable(error: Exception) -> PipelineUnavailable:
    return PipelineUnavailable(f"cannot load the spaCy pipeline: {type(error).__name__}: {error}")


def parse_batch(batch: list[Document]) -> list[Parse]:
    """The worker's task: parse ``batch`` (one ``nlp.pipe``), in order; a bad document becomes a Rejection."""
    from dossier.extract.parser import cached_parser, parse_chunks

    try:
        cached_parser()
    except Exception as error:
        raise _unavailable(error) from None
    return _isolating(batch, parse_chunks)


def extract_batch(batch: list[Document]) -> list[Result]:
    """Extract ``batch`` in this process, in order; a bad document becomes a Rejection."""
    from dossier.extract.pipeline import extract_many, load_pipeline

    try:
        load_pipeline()
    except Exception as error:
        raise _unavailable(error) from None
    return _isolating(batch, lambda documents: list(extract_many(documents)))


def finish_parse(document: Document, parse: Parse) -> Result:
    """The ingest process's half: the records of one parsed document (a failure rejects that document)."""
    if isinstance(parse, Rejection):
        return parse
    from dossier.extract.pipeline import finish

    try:
        return finish(document, parse)
    except Exception as error:  # noqa: BLE001
        return _failure(document, error)


def prepare_finishing() -> None:
    """Load what :func:`finish_parse` needs in the process that finishes the parses, then ``gc.freeze()``.

    What is loaded by then (modules, the gazetteer's 200,000 names, the vocabulary: ~350,000 objects) stays for
    the process, and Python's cycle collector walked all of it at each of its full collections, which the
    records, the resolution and the refresh set off hundreds of times per ingest (~0.5 CPU-s per 300 reports, a
    fifth of the resolution's CPU). Frozen objects are still freed when no longer referenced; only a reference
    cycle among them would stay, and the static tables hold none.
    """
    from dossier.extract.pipeline import prepare_finisher

    prepare_finisher()
    gc.freeze()


def batch_timeout(batch: list[Document], fixed: float | None = None) -> float:
    """The seconds ``batch`` may take to parse: ``fixed`` if given, else in proportion to its length."""
    if fixed is not None:
        return fixed
    return TIMEOUT_BASE + TIMEOUT_PER_CHAR * sum(len(d.text) for d in batch)


def _batches(documents: Iterable[Document], size: int, lead: Sequence[int] = (),
             last: int | None = None) -> Iterator[list[Document]]:
    """``documents`` in batches of ``size``; the first ones of the sizes in ``lead``. With ``last``, each full
    batch is held back until the next one is full, and the documents left at the end (the last full batch and
    the rest, fewer than ``2 * size``) go in batches of ``last``."""
    sizes = iter(lead)
    limit = next(sizes, size)
    batch: list[Document] = []
    held: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= limit:
            if last is None or limit < size:
                yield batch
            else:
                if held:
                    yield held
                held = batch
            batch = []
            limit = next(sizes, size)
    rest = held + batch
    step = last or size
    for start in range(0, len(rest), step):
        yield rest[start:start + step]


class ExtractPool:
    """Extraction in ``workers`` pebble processes (0: in this process); use as a context manager."""

    def __init__(self, workers: int = 1, memory: int = MEMORY, timeout: float | None = None,
                 niceness: int = 0, records: bool = False) -> None:
        """``timeout``: the seconds any one batch may take to parse (default: :func:`batch_timeout`'s).
        ``niceness``: how much lower the workers' CPU priority is than this process's (``dossier ingest``:
        :data:`INGEST_NICENESS`). ``records``: the workers build the records too (:func:`extract_batch`, the
        same records: tested) and this process only writes and resolves; else they ship parses and this
        process finishes them (:func:`finish_parse`)."""
        if workers < 0:
            raise UsageError(f"--extract-workers must be 0 or more, got {workers}")
        self.workers = workers
        self.memory = memory
        self.timeout = timeout
        self.niceness = niceness
        self.records = records
        self._pool: ProcessPool | None = None
        self._prepared = False

    def __enter__(self) -> ExtractPool:
        if self.workers:
            self._start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _start(self) -> ProcessPool:
        if self._pool is None:
            self._pool = ProcessPool(max_workers=self.workers, max_tasks=TASKS_PER_WORKER,
                                     initializer=_init_worker, initargs=(self.memory, self.niceness, self.records),
                                     context=multiprocessing.get_context("spawn"))
            # pebble starts its workers on the first task: start them now, so the model loads while the
            # ingest process opens the store and the first documents are parsed
            self._pool.schedule(_ready)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.stop()  # type: ignore[no-untyped-call]
            pool.join()

    def _schedule(self, batch: list[Document]) -> Task:
        task: Callable[[list[Document]], Sequence[Parse | Result]] = extract_batch if self.records else parse_batch
        try:
            return self._start().schedule(task, args=(batch,), timeout=batch_timeout(batch, self.timeout))
        except Exception as error:  # the pool is not running: not the documents' fault
            raise RunError(f"extraction worker failed: {error or type(error).__name__}") from error

    def _wait(self, future: Task, idle: Callable[[bool], None] | None, draining: bool) -> None:
        if idle is not None and not future.done():
            idle(draining)
        while not wait([future], timeout=_POLL).done:
            pass

    def _prepare(self) -> None:
        """Where the workers build the records (``records``), only ``gc.freeze()`` what this process has loaded
        (its resolution runs set off the collector's full walks too). Else, load our half (vocabulary,
        components, reference tables) once the first parse is back, not while the
        worker loads spaCy: on two cores, loading both at once (with the parse pool starting) slows the worker.
        Where the workers run below this process (``niceness``), it is loaded while they start: this process is
        the critical path, and an ingest whose first seconds it spent waiting ended them later."""
        if not self._prepared and self.records:
            gc.freeze()
            self._prepared = True
        if not self._prepared:
            try:
                prepare_finishing()
            except Exception as error:
                raise RunError(str(_unavailable(error))) from None
            self._prepared = True

    def _parses(self, batch: list[Document], future: Task,
                idle: Callable[[bool], None] | None, draining: bool = False) -> Sequence[Parse | Result]:
        self._wait(future, idle, draining)
        try:
            return future.result()
        except PipelineUnavailable as error:
            raise RunError(f"extraction worker: {error}") from None
        except BrokenProcessPool as error:
            raise RunError(f"extraction worker failed: {error or type(error).__name__}") from error
        except (ProcessExpired, TimeoutError) as error:
            if len(batch) > 1:  # find the document to blame: each one alone, in a fresh worker
                singles = [(doc, self._schedule([doc])) for doc in batch]
                return [parse for doc, f in singles for parse in self._parses([doc], f, None)]
            return [Rejection(batch[0].source, _crash_reason(error, batch, self.timeout))]

    def extract_all(self, documents: Iterable[Document],
                    idle: Callable[[bool], None] | None = None) -> Iterator[Result]:
        """Extract ``documents``; one result per document, in input order.

        ``idle(draining)`` is called (in this process) whenever the next parse is not ready yet: the place for
        work that can overlap the parsing. ``draining`` is true once every document has been handed to the
        workers and only the last few batches are being parsed: whatever is left to do had better be done
        before the last parse is back.
        Only a worker that cannot run at all raises (:class:`RunError`).
        """
        if not self.workers:
            try:
                for batch in _batches(documents, BATCH):
                    yield from extract_batch(batch)
            except PipelineUnavailable as error:
                raise RunError(str(error)) from None
            return
        window = self.workers * IN_FLIGHT_PER_WORKER
        pending: deque[tuple[list[Document], Task]] = deque()

        def ready(draining: bool) -> Iterator[Result]:
            batch, future = pending.popleft()
            if self.niceness > 0:  # workers below us: load our half while they load spaCy (see _prepare)
                self._prepare()
            parses = self._parses(batch, future, idle, draining)
            self._prepare()
            for document, parse in zip(batch, parses, strict=True):
                yield parse if isinstance(parse, Extraction) else finish_parse(document, parse)

        # each worker's first task is small: this process has nothing to do until a parse is back
        lead = [min(FIRST_BATCH, BATCH)] * self.workers
        last = min(LAST_BATCH, BATCH) if self.workers > 1 else None
        try:
            for batch in _batches(documents, BATCH, lead, last):
                pending.append((batch, self._schedule(batch)))
                if len(pending) >= window:
                    yield from ready(False)
            while pending:  # the input is exhausted: the last few batches leave time for the rest of the work
                yield from ready(sum(len(b) for b, _ in pending) <= DRAINING_BATCHES * BATCH)
        finally:
            for _, future in pending:
                future.cancel()


def _crash_reason(error: BaseException, batch: list[Document], fixed: float | None = None) -> str:
    if isinstance(error, TimeoutError):
        return f"extraction timed out after {batch_timeout(batch, fixed):g} s"
    code = getattr(error, "exitcode", None)
    if code == -9:
        return "extraction crashed: killed (SIGKILL; out of memory?)"
    if code is not None and code < 0:
        return f"extraction crashed: killed by signal {-code}"
    return f"extraction crashed: exit code {code}"
