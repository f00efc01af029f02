"""The per-document work as a Ray Data pipeline: documents -> actor pool (spaCy once per actor) -> Parquet.

Each actor owns an :class:`~dossier.extract.pool.ExtractPool` with one pebble parse process, exactly as
``dossier ingest`` does: a document that crashes or hangs its parse process is retried alone in a fresh one and
rejected with the reason, and the actor (and the batch) goes on. A Ray worker killed outright (kill -9, a lost
node) is restarted by Ray, which re-runs the task it held (``max_restarts``/``max_task_retries``); the shard is
written only by a finished task, so no document is lost or written twice.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from typing import Any

from dossier.exc import MissingExtra, RunError, UsageError, require
from dossier.extract.pool import MEMORY
from dossier.model import Document

BATCH_SIZE = 32  # documents per map_batches call: two ExtractPool batches, so parsing overlaps the records


def require_ray() -> Any:
    """The ray module, or one clear line saying how to get it."""
    require("ray", "dossier batch")
    try:
        import ray
        import ray.data  # noqa: F401 - the Data library is a separate part of the ray[data] extra
    except ImportError:
        raise MissingExtra("dossier batch", "ray") from None
    return ray


class ExtractActor:
    """One Ray actor: loads the pipeline once, extracts each batch of documents it is given."""

    memory = MEMORY  # the parse process's address-space limit (a subclass sets --worker-memory)
    timeout: float | None = None  # seconds a parse batch may take (None: in proportion to its length)

    def __init__(self) -> None:
        from dossier.extract.pool import ExtractPool

        self.pool = ExtractPool(1, memory=self.memory, timeout=self.timeout).__enter__()
        self.pid = os.getpid()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        from dossier.batch.codec import build, encode
        from dossier.model import Extraction

        documents = [build(Document, json.loads(document)) for document in batch["document"]]
        out: dict[str, list[str]] = {"id": [], "source": [], "status": [], "reason": [], "record": []}
        for document, result in zip(documents, self.pool.extract_all(documents), strict=True):
            out["id"].append(document.id)
            out["source"].append(document.source)
            if isinstance(result, Extraction):
                out["status"].append("ok")
                out["reason"].append("")
                out["record"].append(encode(result))
            else:
                out["status"].append("rejected")
                out["reason"].append(result.reason)
                out["record"].append("")
        return out

    def __del__(self) -> None:
        self.pool.close()


def start(address: str | None, cpus: int | None) -> Any:
    """Connect to the cluster at ``address``, or start Ray on this machine with ``cpus`` CPUs."""
    ray = require_ray()
    for name in ("ray", "ray.data"):  # Ray's own progress lines: dossier prints its own summary
        logging.getLogger(name).setLevel(logging.ERROR)
    if not ray.is_initialized():
        if address:
            ray.init(address=address, logging_level="WARNING", log_to_driver=False)
        else:
            start_local(ray, cpus)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    return ray


def start_local(ray: Any, cpus: int | None, tries: int = 3) -> None:
    """``ray.init`` on this machine. Ray gives its raylet a fixed 30 s to register, which a machine busy with
    other work can overrun: then Ray is shut down and started again."""
    for attempt in range(1, tries + 1):
        try:
            ray.init(num_cpus=cpus, logging_level="WARNING", log_to_driver=False, include_dashboard=False)
            return
        except Exception as error:  # noqa: BLE001 - Ray raises a bare Exception for this
            ray.shutdown()
            if "timed out during startup" not in str(error) or attempt == tries:
                raise RunError(f"cannot start Ray on this machine: {error}") from None


def extract_to_shards(documents: Sequence[Document], folder: str, actors: int, memory: int = MEMORY,
                      timeout: float | None = None) -> None:
    """Extract ``documents`` on the running Ray (:func:`start`) into Parquet shards under ``folder``."""
    ray = require_ray()
    from dossier.batch.codec import plain

    if actors < 1:
        raise UsageError(f"--cpus must be 1 or more, got {actors}")
    if not documents:
        return
    items = [{"document": json.dumps(plain(document), ensure_ascii=False)} for document in documents]
    size = max(1, min(BATCH_SIZE, -(-len(items) // actors)))  # a small batch still reaches every actor
    dataset = ray.data.from_items(items, override_num_blocks=-(-len(items) // size))
    # Ray Data restarts a dead actor and retries its task without limit (max_restarts / max_task_retries -1,
    # its default for actor pools): a killed worker costs the time of its task, nothing else.
    actor = type("ExtractActor", (ExtractActor,), {"memory": memory, "timeout": timeout})
    extracted = dataset.map_batches(actor, batch_size=size, batch_format="numpy",
                                    compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1)
    extracted.write_parquet(folder, min_rows_per_file=size)
