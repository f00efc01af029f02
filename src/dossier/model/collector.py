"""Python's cycle collector paused for a stretch of work that makes many objects and no reference cycle.

Loading the gazetteer, a resolution run and a cross-document task each allocate hundreds of thousands of small
containers that live on or die by reference counting; every full collection walks all of them again as they
pile up, which cost up to a fifth of their CPU. One context manager serves all three, so that pausing and
restoring the collector is written once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off inside the block, back as it was after (a caller that had paused it keeps it so)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
