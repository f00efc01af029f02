"""Batch mode: the per-document work on Ray Data, its records as Parquet shards, then the cross-document work.

``dossier batch`` (cli/batch_cmd.py) reads reports (folders, files, JSONL or Parquet of reports), extracts them
in an actor pool (:mod:`dossier.batch.ray_job`: spaCy loaded once per actor), writes one Parquet row per
document (:mod:`dossier.batch.shards`), and loads the rows, in input order, into the SQLite store, where the
usual resolution runs (:mod:`dossier.batch.load`). Ray is imported only by ``ray_job``: without the ``ray``
extra the rest of dossier works, and ``dossier batch`` says ``pip install 'dossier[ray]'``. See docs/scale.md.

Past one process, :mod:`dossier.batch.crossdoc` resolves entities across documents as a Ray map-reduce over
shards written by :mod:`dossier.batch.crossdoc_shards`, with the same answers as ``resolve.engine``.
"""
