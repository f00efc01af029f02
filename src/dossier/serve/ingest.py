"""Ingest one report sent from the browser, through the same steps as ``dossier ingest -`` (``dossier.pipeline``).

Parse in a killable worker (time and memory limits, as for files); then extract, write one transaction, resolve
the new local entities and refresh the analysis (incrementally) in the writer worker (``writer.py``), so the
server process only waits. The parse worker matters here: an uploaded HTML page is hostile until proven
otherwise.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass

from dossier.exc import InputRejected
from dossier.ingest.limits import Limits
from dossier.ingest.sources import DOCUMENT_EXTENSIONS, WARC_EXTENSIONS, InputRef, extension
from dossier.model import Rejection
from dossier.serve import writer
from dossier.store.documents import document_entities
from dossier.store.sqlite import SQLiteStore

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(slots=True)
class Ingested:
    document: str
    status: str  # added | new-version | exists
    version: int
    source: str
    entities: tuple[str, ...]  # canonical entities of the document's local entities
    refresh: dict[str, int]  # what the analysis refresh recomputed (``RefreshStats``; empty: nothing to do)
    seconds: dict[str, float]  # wall time of each step: parse (here), then the writer worker's
    index: str = ""  # how the server's index followed: "patched", or "built" (and why)


def source_name(data: bytes, name: str | None) -> tuple[str, str | None]:
    """The stored source name and the path that decides HTML or text: an uploaded file keeps its base name under
    ``upload/`` (re-uploading it makes a new version); a paste is named by its content, so pastes never replace
    one another."""
    if name:
        base = _UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip("._")[:120] or "report.txt"
        if extension(base) not in DOCUMENT_EXTENSIONS or extension(base) in WARC_EXTENSIONS:
            raise InputRejected(f"unsupported file type ({extension(base) or 'no extension'}): "
                                "upload .txt, .md, .html or .pdf")
        return f"upload/{base}", base
    return f"paste/{hashlib.sha256(data).hexdigest()[:16]}", None


def ingest_report(db: str, data: bytes, name: str | None, limits: Limits) -> Ingested:
    """Parse in the parse worker, then extract, commit, resolve and refresh in the writer worker (``writer``):
    nothing but the bookkeeping runs in the server process, so readers are never held up by an upload."""
    source, path = source_name(data, name)
    started = time.perf_counter()
    results = writer.parse(limits, InputRef(source=source, path=path, data=data))
    parsed_in = round(time.perf_counter() - started, 3)
    if len(results) != 1 or getattr(results[0][1], "archive", None):  # a web archive, pasted or renamed
        raise InputRejected("a web archive holds pages, not one report: ingest it with `dossier ingest`")
    [(_, parsed)] = results
    if isinstance(parsed, Rejection):
        store = SQLiteStore(db)
        try:
            store.add_rejection(parsed)
        finally:
            store.close()
        raise InputRejected(parsed.reason)
    applied = writer.shared().apply(db, parsed)
    if applied.reason is not None:
        raise InputRejected(applied.reason)
    reader = SQLiteStore(db, readonly=True)
    try:
        entities = document_entities(reader, parsed.id)
    finally:
        reader.close()
    return Ingested(parsed.id, applied.status, applied.version, source, entities, dict(applied.refresh),
                    {"parse": parsed_in, **dict(applied.seconds)})
