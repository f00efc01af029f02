"""PDF page numbers where evidence is shown (docs/sources.md, "PDF").

A PDF's text is stored as one string; ``document_origins.pages`` keeps where each page starts. Every place that
shows an evidence span (``dossier facts``, ``dossier show``, the web app's supports) names the page with the
offsets, ``report.pdf p. 3 [1204:1290]``, so a reader can find the sentence in the original file.
"""

from __future__ import annotations

import json

from dossier.model.pages import page_of
from dossier.store.sqlite import SQLiteStore

PageMaps = dict[str, list[tuple[int, int]]]


def page_maps(store: SQLiteStore) -> PageMaps:
    """document id → [(page, start offset)] for every document that has a page map (PDFs)."""
    if not store.has_table("document_origins"):
        return {}
    return {r["document"]: [(int(p), int(s)) for p, s in json.loads(r["pages"])]
            for r in store.query("SELECT document, pages FROM document_origins WHERE pages != '[]'")}


def authors(store: SQLiteStore) -> dict[str, str]:
    """document id → the author its PDF or feed entry names (``document_authors``; empty on older stores)."""
    if not store.has_table("document_authors"):
        return {}
    return {r["document"]: r["author"] for r in store.query("SELECT document, author FROM document_authors")}


def page(maps: PageMaps, document: str, start: int) -> int | None:
    return page_of(maps.get(document, []), start)


def span_label(source: str, document: str, start: int, end: int, maps: PageMaps) -> str:
    """``source p. N [start:end]`` (no page part for a document without pages)."""
    number = page(maps, document, start)
    return f"{source}{f' p. {number}' if number is not None else ''} [{start}:{end}]"
