"""Import a file into the store: read it, hold each report to ingest's rules, re-read it, overlay the facts, store.

An imported report meets the same rules as an ingested one (docs/limits.md): the file has a size limit, the
text is cleaned (NUL, C0 and C1 controls, lone surrogates, NFC), a report needs ``MIN_TEXT_CHARS`` visible
characters and at most ``--max-chars``, and the re-reading runs in the extraction worker with its time and
memory limits. A problem anywhere in a record (its text, metadata or any of its facts) rejects that record
whole: it is never stored without facts the file gave for it, so it never supersedes a good version.

Each report is extracted, written in its own transaction and resolved through ``dossier.pipeline`` (the ingest
path), so the store is never half-written and resolution and analysis apply to imported reports as to ingested
ones. A report
already in the store (same text, hence same content-derived id) is left as it is: importing a file twice
changes nothing.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dossier import pipeline
from dossier.exc import require
from dossier.extract.pool import ExtractPool
from dossier.importer import json as json_reader
from dossier.importer.facts import ImportedDocument, ReadResult
from dossier.importer.overlay import overlay
from dossier.ingest.clean import clean_text, one_line
from dossier.ingest.limits import Limits, too_large_reason, too_long_reason
from dossier.ingest.parse import MIN_TEXT_CHARS
from dossier.model import Document, Extraction, Rejection
from dossier.store.sqlite import SQLiteStore


def _read_ftm(path: str, text: str) -> ReadResult:
    require("ftm", "the FollowTheMoney import")
    from dossier.importer import ftm as ftm_reader

    return ftm_reader.read(path, text)


READERS: dict[str, Callable[[str, str], ReadResult]] = {"json": json_reader.read, "ftm": _read_ftm}
MAX_FILE_BYTES = 256 * 1024**2  # an export of many reports with their texts (cli/import_cmd.py repeats it)
IMPORT_LIMITS = Limits(max_bytes=MAX_FILE_BYTES)
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?(?![\d-])")


@dataclass(slots=True)
class ImportStats:
    added: int = 0
    versions: int = 0
    existing: int = 0
    rejected: int = 0  # reports not imported
    problems: list[str] = field(default_factory=list)


def read_file(path: str, fmt: str, limits: Limits = IMPORT_LIMITS) -> ReadResult:
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limits.max_bytes:
                return ReadResult(problems=[f"{path}: {too_large_reason(size, limits)}"])
            data = f.read(limits.max_bytes + 1)
    except OSError as e:
        return ReadResult(problems=[f"{path}: cannot read ({e.strerror or type(e).__name__})"])
    if len(data) > limits.max_bytes:  # grew while we read it, or not a regular file
        return ReadResult(problems=[f"{path}: {too_large_reason(len(data), limits)}"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ReadResult(problems=[f"{path}: cannot read (not UTF-8 text)"])
    return READERS[fmt](path, text)


def _visible_chars(text: str) -> int:
    return sum(1 for ch in text[: MIN_TEXT_CHARS * 50] if not ch.isspace())


def prepare(item: ImportedDocument, limits: Limits) -> ImportedDocument | str:
    """``item`` with its text and metadata cleaned as ingest cleans them, or why the report cannot be stored."""
    doc = item.document
    if len(doc.text) > limits.max_chars * 2:  # cleaning never halves a real report; do not spend time on it
        return too_long_reason(len(doc.text), limits)
    text, bad = clean_text(doc.text)
    if _visible_chars(text) < MIN_TEXT_CHARS:
        return "empty document (no text)"
    if len(text) > limits.max_chars:
        return too_long_reason(len(text), limits)
    published = doc.published
    if published is not None:
        date = _DATE.match(published)  # FtM dates may carry a time: 2025-03-03T10:00:00
        if date is None:
            return f"published: {published[:40]!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
        published = date.group(0)
    source = one_line(doc.source)
    if not source:
        return "source: empty"
    warnings = (*doc.warnings, f"removed {bad:,} control or invalid characters") if bad else doc.warnings
    cleaned = Document(
        id=Document.make_id(text), text=text, source=source, title=_meta(doc.title), published=published,
        published_inferred=doc.published_inferred, publisher=_meta(doc.publisher),
        dateline_place=_meta(doc.dateline_place), media_type=one_line(doc.media_type) or "text/plain",
        warnings=warnings)
    return dataclasses.replace(item, document=cleaned)


def _meta(value: str | None) -> str | None:
    return (one_line(value) or None) if value is not None else None


def _merge(item: ImportedDocument, x: Extraction) -> tuple[Extraction | None, list[str]]:
    try:
        merged, problems = overlay(item, x)
    except Exception as e:  # noqa: BLE001 - a record the overlay cannot handle is that record's problem
        return None, [f"{item.where}: cannot place the file's facts in the report ({type(e).__name__})"]
    return (None, problems) if problems else (merged, [])


def import_documents(store: SQLiteStore, items: list[ImportedDocument], stats: ImportStats,
                     limits: Limits = IMPORT_LIMITS, extract_workers: int = 0) -> None:
    ready: dict[str, ImportedDocument] = {}
    rejected = 0
    for item in items:
        prepared = prepare(item, limits) if not item.problems else None
        if not isinstance(prepared, ImportedDocument):
            stats.problems.extend(item.problems or [f"{item.where}: {prepared}"])
            rejected += 1
            continue
        ready.setdefault(prepared.document.id, prepared)
    stats.rejected += rejected
    stats.existing += len(items) - rejected - len(ready)  # the same report twice in the file
    new = [it for it in ready.values() if not store.has_document(it.document.id)]
    stats.existing += len(ready) - len(new)
    if new:
        with ExtractPool(extract_workers, memory=limits.worker_memory) as pool:
            results = pipeline.extract_batch((it.document for it in new), pool)
            for item, x in zip(new, results, strict=True):
                _store(store, item, x, stats)
    if stats.added or stats.versions:
        pipeline.resolve(store)


def _store(store: SQLiteStore, item: ImportedDocument, x: Extraction | Rejection, stats: ImportStats) -> None:
    if isinstance(x, Rejection):
        stats.problems.append(f"{item.where}: {x.reason}")
        stats.rejected += 1
        return
    merged, problems = _merge(item, x)
    if merged is None:
        stats.problems.extend(problems)
        stats.rejected += 1
        return
    result = pipeline.commit(store, merged)
    if isinstance(result, Rejection):
        stats.problems.append(f"{item.where}: {result.reason}")
        stats.rejected += 1
        return
    if result.status == "exists":
        stats.existing += 1
    elif result.status == "new-version":
        stats.versions += 1
    else:
        stats.added += 1


def import_file(store: SQLiteStore, path: str, fmt: str, limits: Limits = IMPORT_LIMITS,
                extract_workers: int = 0) -> ImportStats:
    stats = ImportStats()
    result = read_file(path, fmt, limits)
    stats.problems.extend(result.problems)
    import_documents(store, result.documents, stats, limits, extract_workers)
    return stats
