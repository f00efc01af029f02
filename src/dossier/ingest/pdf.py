"""PDF reports (NGO, UN and government reports) to text with a page map, via pypdf.

Each page is extracted and cleaned on its own, then the pages are joined with one blank line, so the offset
where every page starts in the document text is known exactly: evidence spans map back to page numbers
(:func:`dossier.model.pages.page_of`). Runs in the parse worker, under its time and memory limits, like HTML parsing.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from dossier.exc import InputRejected
from dossier.ingest.clean import clean_text, one_line

PAGE_SEPARATOR = "\n\n"
_PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?")


@dataclass(frozen=True, slots=True)
class PdfContent:
    text: str
    pages: tuple[tuple[int, int], ...]  # (page number from 1, offset where its text starts), pages with text only
    title: str | None
    author: str | None
    date: str | None  # ISO date from the document's creation date
    removed: int  # control or invalid characters dropped while cleaning


def _pdf_date(value: object) -> str | None:
    m = _PDF_DATE.match(str(value or ""))
    if not m or not m.group(2) or not m.group(3):
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if not ("01" <= month <= "12" and "01" <= day <= "31"):
        return None
    return f"{year}-{month}-{day}"


def extract_pdf(data: bytes) -> PdfContent:
    """Text, page map and metadata of a PDF; :class:`InputRejected` when it cannot be read or has no text."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about sloppy files are not ours to print
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise InputRejected("encrypted PDF (needs a password)")
            except (NotImplementedError, PdfReadError) as err:
                raise InputRejected("encrypted PDF (cannot be decrypted)") from err
        parts: list[str] = []
        pages: list[tuple[int, int]] = []
        offset = 0
        removed = 0
        for number, page in enumerate(reader.pages, start=1):
            text, bad = clean_text(page.extract_text() or "")
            removed += bad
            if not text.strip():
                continue
            if parts:
                offset += len(PAGE_SEPARATOR)
            pages.append((number, offset))
            parts.append(text)
            offset += len(text)
        meta = reader.metadata
        title = one_line(str(meta.title)) if meta is not None and meta.title else None
        author = one_line(str(meta.author)) if meta is not None and meta.author else None
        date = _pdf_date(meta.get("/CreationDate")) if meta is not None else None
    except InputRejected:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as err:
        raise InputRejected(f"unreadable PDF ({type(err).__name__})") from err
    return PdfContent(PAGE_SEPARATOR.join(parts), tuple(pages), title or None, author or None, date, removed)
