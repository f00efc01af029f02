"""Parse documents in killable worker processes, streaming, in input order.

Some inputs cannot be made safe by checking them first: one HTML element with 100,000 attributes keeps libxml2
busy for minutes (RELIABILITY finding 2), and a parser can exhaust memory or crash. So each document is parsed
in a pebble worker with a wall-clock timeout and an address-space cap; a worker that overruns is killed and
replaced, and its document becomes a :class:`Rejection`. Nothing a document does raises out of
:meth:`ParsePool.parse_all`.

Workers are started with ``forkserver`` (a clean, single-threaded parent with the parser modules preloaded)
rather than by forking the caller, which may hold threads and locks (spaCy, SQLite, pebble's own threads).
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError, Future, wait
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from pebble import ProcessExpired, ProcessPool

from dossier.exc import InputRejected, RunError, UsageError
from dossier.ingest.limits import Limits, format_bytes, timeout_reason
from dossier.ingest.parse import parse_many
from dossier.ingest.sources import InputRef
from dossier.model.records import Document, Rejection

log = logging.getLogger(__name__)

MEMORY_REASON = "document too large to parse within the memory limit"
IN_FLIGHT_PER_WORKER = 64  # more than an extraction batch (32), so parsing runs ahead while spaCy works;
# bounded so 100,000 inputs never pile up in memory
TASKS_PER_WORKER = 1000  # recycle workers now and then so fragmentation or a leak cannot accumulate
STARTUP_GRACE = 60.0  # seconds the oldest pending task may wait to start before the pool is declared broken
_POLL = 0.5
_PRELOAD = ["dossier.ingest.parse", "dossier.ingest.html", "trafilatura"]

Result = Document | Rejection
Results = tuple[Result, ...]  # one input gives one result, a web archive one per page


def _init_worker(memory: int) -> None:
    """pebble initializer: cap the worker's address space, disable core dumps, make SIGTERM immediate.

    pebble installs a Python-level SIGTERM handler in its workers; Python runs it only between bytecodes, so a
    worker stuck inside libxml2 ignores it and pebble waits 3 s more before SIGKILL. The default action ends
    the process at once. On a timeout pebble stops the worker while holding the channel lock, so a worker
    killed mid-task cannot take a half-used lock with it.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def _rejection(ref: InputRef, error: BaseException, limits: Limits) -> Rejection:
    """The one-line reason for a failed parse, whatever failed."""
    if isinstance(error, InputRejected):
        return Rejection(ref.source, error.reason)
    if isinstance(error, TimeoutError):  # pebble's task timeout (concurrent.futures.TimeoutError)
        return Rejection(ref.source, timeout_reason(limits))
    if isinstance(error, MemoryError):
        return Rejection(ref.source, MEMORY_REASON)
    if isinstance(error, ProcessExpired):
        code = error.exitcode
        if code == -9:
            detail = "killed (SIGKILL; out of memory?)"
        elif code is not None and code < 0:
            detail = f"killed by signal {-code}"
        else:
            detail = f"exit code {code}"
        return Rejection(ref.source, f"parser crashed: {detail}")
    if isinstance(error, RecursionError):
        return Rejection(ref.source, "document too deeply nested to parse")
    log.debug("unexpected error parsing %s", ref.source, exc_info=error)
    message = " ".join(str(error).split())[:200]  # reasons are one line
    return Rejection(ref.source, f"internal error while parsing: {type(error).__name__}: {message}")


def parse_one(ref: InputRef, limits: Limits) -> Result:
    """Parse ``ref`` in this process; every failure becomes a :class:`Rejection` (a web archive: its first
    result; use :func:`parse_inline` for all of them)."""
    return parse_several(ref, limits)[0]


def parse_several(ref: InputRef, limits: Limits) -> Results:
    """Every result of ``ref``, parsed in this process; every failure becomes a :class:`Rejection`."""
    try:
        return parse_many(ref, limits)
    except Exception as error:  # MemoryError and RecursionError are Exceptions too
        return (_rejection(ref, error, limits),)


def _passed_through(rejection: Rejection) -> InputRef:
    """The ref paired with a rejection that :func:`iter_inputs` already made (nothing left to read)."""
    return InputRef(source=rejection.source)


def parse_inline(refs: Iterable[InputRef | Rejection], limits: Limits) -> Iterator[tuple[InputRef, Result]]:
    """:meth:`ParsePool.parse_all` without a pool: no timeout and no memory cap (tests, trusted input)."""
    for ref in refs:
        if isinstance(ref, Rejection):
            yield _passed_through(ref), ref
        else:
            for result in parse_several(ref, limits):
                yield ref, result


class _PoolFailure(Exception):
    """The pool could not take a task at all."""


class ParsePool:
    """A pebble process pool for parsing; use as a context manager.

    ``parse_all`` yields ``(ref, Document | Rejection)`` in input order, with at most
    ``workers * IN_FLIGHT_PER_WORKER`` documents scheduled at once.
    """

    def __init__(self, limits: Limits, workers: int = 1) -> None:
        if workers < 1:
            raise UsageError(f"--workers must be at least 1, got {workers}")
        self.limits = limits
        self.workers = workers
        self._pool: ProcessPool | None = None

    def __enter__(self) -> ParsePool:
        self._start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _start(self) -> ProcessPool:
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_PRELOAD)  # no effect once the forkserver runs; harmless then
            self._pool = ProcessPool(
                max_workers=self.workers,
                max_tasks=TASKS_PER_WORKER,
                initializer=_init_worker,
                initargs=(self.limits.worker_memory,),
                context=context,
            )
        return self._pool

    def close(self) -> None:
        """Stop the workers (killing any still running) and wait for them."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.stop()  # type: ignore[no-untyped-call]
            pool.join()

    def _schedule(self, ref: InputRef) -> Future[Results]:
        try:
            return self._start().schedule(parse_many, args=(ref, self.limits), timeout=self.limits.parse_timeout)
        except Exception as error:  # the pool is not running (pebble marks it broken): not the document's fault
            failed: Future[Results] = Future()
            failed.set_exception(_PoolFailure(str(error) or type(error).__name__))
            return failed

    def _stop_run(self, why: str) -> RunError:
        self.close()
        return RunError(
            f"parse workers failed: {why} (check --worker-memory, now {format_bytes(self.limits.worker_memory)})"
        )

    def _collect(self, ref: InputRef, future: Future[Results]) -> Results:
        idle = 0.0
        while not wait([future], timeout=_POLL).done:
            # Nothing runs ahead of the oldest pending task, so it starts within a worker's start-up time.
            # If it has not, workers are stuck before taking work: stop the run rather than wait forever.
            idle = 0.0 if future.running() else idle + _POLL
            if idle >= STARTUP_GRACE:
                raise self._stop_run(f"no worker took work within {STARTUP_GRACE:g} s")
        try:
            return future.result()
        except CancelledError:
            return (Rejection(ref.source, "parsing cancelled"),)
        except (BrokenProcessPool, _PoolFailure) as error:
            # pebble reports a worker that died while running nothing (so no document is to blame) as a
            # broken pool; every pending task fails with it. That is a failure of the run, not of an input.
            raise self._stop_run(str(error) or type(error).__name__) from error
        except Exception as error:
            return (_rejection(ref, error, self.limits),)

    def parse_all(self, refs: Iterable[InputRef | Rejection]) -> Iterator[tuple[InputRef, Result]]:
        """Parse ``refs`` in the workers; one result per input, in input order.

        No input makes this raise; only a pool that cannot run at all does (:class:`RunError`: workers that
        die before taking any work, e.g. under a memory cap too small to start the parser).

        ``refs`` may be :func:`iter_inputs` itself: its rejections pass through in their place, paired with an
        ``InputRef`` that has only a ``source``, so one loop reports everything in order.
        """
        window = self.workers * IN_FLIGHT_PER_WORKER
        pending: deque[tuple[InputRef, Future[Results]]] = deque()
        try:
            for item in refs:
                if isinstance(item, Rejection):
                    ref = _passed_through(item)
                    future: Future[Results] = Future()
                    future.set_result((item,))
                else:
                    ref = item
                    future = self._schedule(ref)
                pending.append((ref, future))
                if len(pending) >= window:
                    head, oldest = pending.popleft()
                    for result in self._collect(head, oldest):
                        yield head, result
            while pending:
                head, oldest = pending.popleft()
                for result in self._collect(head, oldest):
                    yield head, result
        finally:
            # The consumer stopped early (or failed): do not leave work running for nobody.
            for _, future in pending:
                future.cancel()
