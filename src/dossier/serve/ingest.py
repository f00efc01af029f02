"""Ingest one report sent from the browser, through the same steps as ``dossier ingest -`` (``dossier.pipeline``).

Parse in a killable worker (time and memory limits, as for files), extract, write one transaction, resolve the new
local entities and refresh the analysis once. The parse worker matters here: an uploaded HTML page is hostile
until proven otherwise.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from dossier import pipeline
from dossier.exc import InputRejected
from dossier.ingest.limits import Limits
from dossier.ingest.pool import ParsePool
from dossier.ingest.sources import DOCUMENT_EXTENSIONS, WARC_EXTENSIONS, InputRef, extension
from dossier.model import Rejection
from dossier.store.documents import document_entities
from dossier.store.sqlite import SQLiteStore

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Ingested:
    document: str
    status: str  # added | new-version | exists
    version: int
    source: str
    entities: tuple[str, ...]  # canonical entities of the document's local entities


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


def ingest_report(store: SQLiteStore, data: bytes, name: str | None, limits: Limits) -> Ingested:
    source, path = source_name(data, name)
    with ParsePool(limits, workers=1) as pool:
        results = list(pool.parse_all([InputRef(source=source, path=path, data=data)]))
    if len(results) != 1 or getattr(results[0][1], "archive", None):  # a web archive, pasted or renamed
        raise InputRejected("a web archive holds pages, not one report: ingest it with `dossier ingest`")
    [(_, parsed)] = results
    if isinstance(parsed, Rejection):
        store.add_rejection(parsed)
        raise InputRejected(parsed.reason)
    if store.has_document(parsed.id):
        status, version = "exists", 0
    else:
        outcomes: list[pipeline.Outcome] = []
        # extracted in this process (spaCy stays loaded between uploads); resolved and refreshed once
        pipeline.commit_batch(store, pipeline.extract_batch([parsed]), on_outcome=outcomes.append)
        [outcome] = outcomes
        if isinstance(outcome.result, Rejection):  # recorded, as `dossier ingest` records it
            store.add_rejection(outcome.result)
            raise InputRejected(outcome.result.reason)
        status, version = outcome.result.status, outcome.result.version
    return Ingested(parsed.id, status, version, source, document_entities(store, parsed.id))
