"""The server's writer process: an uploaded report is extracted, committed, resolved and refreshed there, never in
the server process.

The server answers readers from a per-generation index in one Python process; a spaCy parse, an entity
resolution and an analysis refresh in that process would hold its interpreter (the GIL) for seconds and stall
every read. So the server hands the parsed ``Document`` to one long-lived pebble worker, which runs the same steps
as ``dossier ingest`` (``dossier.pipeline``: extract, commit in one transaction, resolve, refresh incrementally)
under the extraction worker's memory cap (``RLIMIT_AS``, docs/limits.md) and a time limit, and returns what
became of it. The worker keeps spaCy loaded between uploads (it loads it when the server starts), and is
replaced after a crash; a report that crashes it or runs out of time or memory is rejected in one line. SQLite's
WAL lets the readers go on reading the last committed state meanwhile; each write transaction is short (one
document; then the resolution's and the refresh's own, which touch only what the document changes).
"""

from __future__ import annotations

import atexit
import multiprocessing
import resource
import signal
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from pebble import ProcessExpired, ProcessPool

from dossier import pipeline
from dossier.exc import InputRejected
from dossier.extract.pool import MEMORY as EXTRACT_MEMORY
from dossier.ingest.limits import Limits
from dossier.ingest.pool import ParsePool
from dossier.ingest.sources import InputRef
from dossier.model import Document, Rejection
from dossier.store.sqlite import SQLiteStore

MEMORY = EXTRACT_MEMORY + 1024**3  # spaCy's worker cap, plus the refresh's working set on a large store
TIMEOUT = 600.0  # seconds one upload may take in the worker (extraction, resolution and refresh)
TASKS = 200  # uploads before the worker is replaced (spaCy's string store only grows)
_WARM_UP = "Paris, Jan 2 (Wire) Dr. Ana Ruiz met officials in Lahore, police said."


@dataclass(frozen=True, slots=True)
class Applied:
    """What became of one uploaded document: its status and version, or the reason it was rejected; and how
    much of the analysis the refresh recomputed (``refresh``: ``RefreshStats`` fields by name)."""

    status: str  # added | new-version | exists | rejected
    version: int
    reason: str | None = None
    refresh: tuple[tuple[str, int], ...] = ()
    seconds: tuple[tuple[str, float], ...] = ()  # wall time of each step in the worker


def _init(memory: int) -> None:
    """Cap the address space, then load the pipeline and the analysis once, before the first upload waits."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    try:
        from dossier.analyze.refresh import keep_computed  # loaded now (datasketch, scipy), not at the first upload
        from dossier.extract.pipeline import extract

        keep_computed()  # this process refreshes one store after every upload: each record is decoded once

        extract(Document(Document.make_id(_WARM_UP), _WARM_UP, "warm-up"))
    except Exception:  # noqa: BLE001 - the first upload reports it
        pass


def _ready() -> None:
    """The warm-up task (pebble starts its worker on the first task)."""


def _prepare(db: str) -> None:
    """Read the store's event records and blocks once, before the first upload (``event_groups.keep_records``)."""
    from dossier.analyze import event_groups
    from dossier.store.analysis import reading

    store = SQLiteStore(db, readonly=True)
    try:
        event_groups.prepare(reading(store))
    finally:
        store.close()


def apply(db: str, document: Document) -> Applied:
    """The worker's task: ``document`` through extract → commit → resolve → refresh (incremental) on ``db``."""
    from dataclasses import asdict

    from dossier.analyze.refresh import refresh

    seconds: list[tuple[str, float]] = []
    t = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal t
        now = time.perf_counter()
        seconds.append((step, round(now - t, 3)))
        t = now

    store = SQLiteStore(db)
    try:
        if store.has_document(document.id):
            return Applied("exists", 0)
        [result] = list(pipeline.extract_batch([document]))  # in this process: the worker's
        lap("extract")
        done = result if isinstance(result, Rejection) else pipeline.commit(store, result)
        lap("commit")
        if isinstance(done, Rejection):
            store.add_rejection(done)  # recorded, as `dossier ingest` records it
            return Applied("rejected", 0, done.reason)
        pipeline.resolve(store, analysis=False)
        lap("resolve")
        stats = refresh(store)
        lap("refresh")
        return Applied(done.status, done.version, None, tuple(asdict(stats).items()), tuple(seconds))
    finally:
        store.close()


class Writer:
    """One writer worker for the server's lifetime (started by :meth:`start`, or by the first upload)."""

    def __init__(self, memory: int = MEMORY, timeout: float = TIMEOUT) -> None:
        self.memory = memory
        self.timeout = timeout
        self._pool: ProcessPool | None = None
        self._warm: Future[None] | None = None
        self._lock = threading.Lock()

    def start(self) -> ProcessPool:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPool(max_workers=1, max_tasks=TASKS, initializer=_init,
                                         initargs=(self.memory,), context=multiprocessing.get_context("spawn"))
                self._warm = self._pool.schedule(_ready)  # done once the initializer has loaded the pipeline
            return self._pool

    def prepare(self, db: str) -> None:
        """Have the worker read ``db``'s event records now (``_prepare``); ready once it has."""
        pool = self.start()
        with self._lock:
            self._warm = pool.schedule(_prepare, args=(db,))

    def ready(self) -> bool:
        """Whether the worker is up with its pipeline loaded (an upload now would not wait for spaCy)."""
        return self._warm is not None and self._warm.done()

    def apply(self, db: str, document: Document) -> Applied:
        """Run :func:`apply` in the worker; a crash, the memory cap or the time limit rejects the report."""
        future = self.start().schedule(apply, args=(db, document), timeout=self.timeout)
        try:
            return future.result()
        except FutureTimeout:
            raise InputRejected(f"processing the report timed out after {self.timeout:g} s") from None
        except MemoryError:
            raise InputRejected("processing the report needs more memory than the writer's limit "
                                "(see docs/limits.md)") from None
        except (ProcessExpired, BrokenProcessPool) as error:
            self.close()  # a fresh worker for the next upload
            raise InputRejected(f"processing the report crashed the writer ({error})") from None

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()  # type: ignore[no-untyped-call]
            pool.join()


_shared: Writer | None = None
_parsers: dict[Limits, tuple[ParsePool, threading.Lock]] = {}
_shared_lock = threading.Lock()


def parse(limits: Limits, ref: InputRef) -> list[tuple[InputRef, Document | Rejection]]:
    """``ref`` parsed in the process's long-lived parse worker for ``limits`` (the one ``dossier ingest`` uses:
    killable, time and memory limits), started once instead of once per upload."""
    with _shared_lock:
        if limits not in _parsers:
            pool = ParsePool(limits, workers=1)
            _parsers[limits] = (pool, threading.Lock())
        pool, lock = _parsers[limits]
    with lock:
        return list(pool.parse_all([ref]))


def shared() -> Writer:
    """The process's writer, shared by every app in it (tests start many), stopped at exit."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Writer()
        return _shared


def close_all() -> None:
    """Stop the process's writer and parse workers (at exit; or when a test is done with them, so that no
    worker outlives the app that used it)."""
    global _shared
    with _shared_lock:
        shared_writer, _shared = _shared, None
        parsers = list(_parsers.values())
        _parsers.clear()
    if shared_writer is not None:
        shared_writer.close()
    for pool, _ in parsers:
        pool.close()


atexit.register(close_all)
