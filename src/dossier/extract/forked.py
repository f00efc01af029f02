"""Records workers forked from one process that has loaded spaCy and the tables once (a preloaded forkserver).

A records worker (``ExtractPool(records=True)``, ``dossier ingest --workers 2`` and up) spent ~2.8 CPU-s
starting: importing spaCy and dossier's pipeline, loading the model, the gazetteer and the aliases, a warm-up
extraction; ~17 % of its CPU on 400 reports, paid again by each worker, and at the start of the run, when the
ingest process and the file readers start too (docs/scale.md, session 17). Here a forkserver of its own loads all
that once (:mod:`dossier.extract._records_preload`) and forks each worker from it: the workers start with the
pipeline in place (copy-on-write) and their initializer finds it cached. It is a second ``ForkServer``, not
multiprocessing's singleton: the file readers (``ingest/pool.py``) fork from that one, preloaded with the HTML
parsers only, and must not carry spaCy's half-gigabyte under their own memory cap.

The forked workers run the same initializer as spawned ones (memory cap, priority, the pipeline, whose load is
now a cache hit); a pipeline the server could not load is loaded again by the worker, which reports the failure
as before. A worker recycled after ``TASKS_PER_WORKER`` batches is forked again, at no load cost.
"""

from __future__ import annotations

import io
import os
import sys
from multiprocessing import context, forkserver, popen_forkserver, reduction, spawn, util
from typing import Any

PRELOAD = "dossier.extract._records_preload"



class _Server(forkserver.ForkServer):
    """A forkserver that imports from this process's ``sys.path``: Python 3.11's server is handed it and ignores
    it, so it would import from ``$PYTHONPATH`` alone (another checkout's dossier, where a script put its own
    source first on the path). Its workers reset their path to ours, but only after the fork."""

    def ensure_running(self) -> None:
        saved = os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        try:
            super().ensure_running()
        finally:
            if saved is None:
                del os.environ["PYTHONPATH"]
            else:
                os.environ["PYTHONPATH"] = saved


_SERVER = _Server()
_SERVER.set_forkserver_preload([PRELOAD])


class _Popen(popen_forkserver.Popen):
    """``popen_forkserver.Popen`` that asks :data:`_SERVER` (not multiprocessing's own forkserver) for the fork."""

    def _launch(self, process_obj: Any) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)
        buf = io.BytesIO()
        context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            context.set_spawning_popen(None)
        self.sentinel, w = _SERVER.connect_to_new_process(self._fds)  # type: ignore[attr-defined]
        _parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds,  # type: ignore[attr-defined]
                                       (_parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Process(context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj: Any) -> _Popen:  # noqa: N802 - multiprocessing's name
        return _Popen(process_obj)


class PreloadedContext(context.ForkServerContext):
    """The multiprocessing context whose processes fork from :data:`_SERVER`."""

    Process = _Process


def records_context() -> PreloadedContext:
    """The context for records workers (starts nothing: the server starts with the first worker)."""
    return PreloadedContext()


def stop() -> None:
    """Stop the preloaded server (it holds a loaded pipeline); the next records pool starts a fresh one."""
    _SERVER._stop()  # type: ignore[attr-defined]
