"""Web archives (WARC, WARC.gz) to documents: each HTML page an archive captured becomes one document.

A crawl keeps pages as ``response`` records (the HTTP response as fetched) or ``resource`` records. We read
them with warcio from bytes already read under ``--max-bytes``; a compressed archive is inflated record by
record, and at most ``max_decompressed`` bytes in all, so a small archive cannot expand without bound. Pages
keep their target URI (the document's source and URL) and their capture date; records that are not HTML
pages (images, scripts, redirects, request records) are skipped and counted.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from dossier.exc import InputRejected
from dossier.ingest.limits import Limits, format_bytes
from dossier.model.records import Document, Rejection

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class WarcPage:
    uri: str
    captured: str | None
    body: bytes


def is_warc(data: bytes) -> bool:
    """A WARC file, plain or gzip-compressed per record (the ``.warc.gz`` convention)."""
    if data.startswith(b"WARC/"):
        return True
    if data.startswith(b"\x1f\x8b"):
        import zlib

        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], 16)
        except zlib.error:
            return False
        return head.startswith(b"WARC/")
    return False


def _media_type(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


def iter_pages(data: bytes, limits: Limits) -> tuple[list[WarcPage], int]:
    """The HTML pages of an archive and the number of other records skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages: list[WarcPage] = []
    skipped = 0
    inflated = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            kind = record.rec_type
            uri = record.rec_headers.get_header("WARC-Target-URI")
            if kind == "response" and record.http_headers is not None:
                status = record.http_headers.get_statuscode()
                media = _media_type(record.http_headers.get_header("Content-Type"))
                ok = status == "200" and media in HTML_TYPES
            elif kind == "resource":
                ok = _media_type(record.rec_headers.get_header("Content-Type")) in HTML_TYPES
            else:
                ok = False
            if not ok or not uri:
                skipped += 1 if kind in ("response", "resource") else 0
                continue
            body = record.content_stream().read(limits.max_bytes + 1)
            inflated += len(body)
            if inflated > limits.max_decompressed:
                raise InputRejected(f"web archive expands to more than {format_bytes(limits.max_decompressed)} "
                                    "of pages (max_decompressed)")
            date = record.rec_headers.get_header("WARC-Date")
            pages.append(WarcPage(uri.strip("<>"), date or None, body))
    except InputRejected:
        raise
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as err:
        raise InputRejected(f"unreadable web archive ({type(err).__name__}: {' '.join(str(err).split())[:120]})") \
            from err
    return pages, skipped


def parse_warc(data: bytes, archive: str, limits: Limits,
               parse_page: Callable[[bytes, str], Document]) -> tuple[Document | Rejection, ...]:
    """One result per HTML page; ``parse_page(body, uri)`` is the ordinary HTML path (same limits, same errors)."""
    pages, skipped = iter_pages(data, limits)
    if not pages:
        noun = "record" if skipped == 1 else "records"
        raise InputRejected(f"no HTML pages in web archive ({skipped} other {noun})")
    out: list[Document | Rejection] = []
    for page in pages:
        where = f"{archive}: {page.uri}"
        if len(page.body) > limits.max_bytes:
            out.append(Rejection(where, f"page exceeds --max-bytes ({format_bytes(limits.max_bytes)})"))
            continue
        try:
            doc = parse_page(page.body, page.uri)
        except InputRejected as err:
            out.append(Rejection(where, err.reason))
            continue
        import dataclasses

        out.append(dataclasses.replace(doc, url=page.uri, captured=page.captured, archive=archive))
    return tuple(out)
