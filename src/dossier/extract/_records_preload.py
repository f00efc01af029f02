"""Imported by the records workers' forkserver only (``extract/forked.py``): load once what each worker needs.

Nothing here may raise: multiprocessing's forkserver survives only an ``ImportError`` from a preload, and a
pipeline that cannot load is the worker's to report (its initializer loads it again and the first task says
why, as for a spawned worker).
"""

from __future__ import annotations

import gc


def _preload() -> None:
    from dossier.extract.pool import _WARM_UP
    from dossier.model import Document

    try:
        from dossier.extract.pipeline import extract_many, prepare_tables

        prepare_tables()
        list(extract_many([Document(Document.make_id(_WARM_UP), _WARM_UP, "warm-up")]))
    except Exception:  # noqa: BLE001 - see the module's docstring
        return
    gc.collect()
    gc.freeze()  # the forked workers share these pages; their collector never walks them


try:
    _preload()
except Exception:  # noqa: BLE001 - see the module's docstring
    pass
