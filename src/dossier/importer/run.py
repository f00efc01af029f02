"""Import a file into the store: read it, re-read each new report, overlay the file's facts, store, resolve.

Each report is written in its own transaction through ``SQLiteStore.add_extraction`` (the ingest path), so the
store is never half-written and resolution and analysis apply to imported reports as to ingested ones. A report
already in the store (same text, hence same content-derived id) is left as it is: importing a file twice
changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dossier.exc import InputRejected
from dossier.importer import ftm as ftm_reader
from dossier.importer import json as json_reader
from dossier.importer.facts import ImportedDocument, ReadResult
from dossier.importer.overlay import overlay
from dossier.model import Document, Extraction
from dossier.store.sqlite import SQLiteStore

READERS: dict[str, Callable[[str, str], ReadResult]] = {"json": json_reader.read, "ftm": ftm_reader.read}


@dataclass(slots=True)
class ImportStats:
    added: int = 0
    versions: int = 0
    existing: int = 0
    problems: list[str] = field(default_factory=list)


def read_file(path: str, fmt: str) -> ReadResult:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) else "not UTF-8 text"
        return ReadResult(problems=[f"{path}: cannot read ({reason})"])
    return READERS[fmt](path, text)


def _extract(documents: list[Document], stats: ImportStats) -> Iterator[Extraction | None]:
    """Re-read the reports in batches; if a batch fails, one by one, so only the bad report is skipped."""
    from dossier.extract.pipeline import extract, extract_many

    try:
        yield from list(extract_many(documents))
        return
    except Exception:  # noqa: BLE001 - isolate the failing report below
        pass
    for doc in documents:
        try:
            yield extract(doc)
        except Exception as e:  # noqa: BLE001
            stats.problems.append(f"{doc.source}: extraction failed: {type(e).__name__}: {e}")
            yield None


def import_documents(store: SQLiteStore, items: list[ImportedDocument], stats: ImportStats) -> None:
    new = [it for it in dict((it.document.id, it) for it in items).values() if not store.has_document(it.document.id)]
    stats.existing += len(items) - len(new)
    for item, x in zip(new, _extract([it.document for it in new], stats), strict=True):
        if x is None:
            continue
        merged, problems = overlay(item, x)
        stats.problems.extend(problems)
        try:
            result = store.add_extraction(merged)
        except InputRejected as e:
            stats.problems.append(f"{item.where}: {e.reason}")
            continue
        if result.status == "exists":
            stats.existing += 1
        elif result.status == "new-version":
            stats.versions += 1
        else:
            stats.added += 1
    if stats.added or stats.versions:
        store.resolve_pending()


def import_file(store: SQLiteStore, path: str, fmt: str) -> ImportStats:
    stats = ImportStats()
    result = read_file(path, fmt)
    stats.problems.extend(result.problems)
    import_documents(store, result.documents, stats)
    return stats
