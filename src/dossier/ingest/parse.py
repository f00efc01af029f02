"""One input to one :class:`Document`: read, sniff, decode, extract, clean, describe.

This is the function the parse worker runs. It is pure in the sense that matters for ids: the same bytes under
the same kind of name always give the same ``Document``. Every way an input can be unusable ends in
:class:`InputRejected` with a one-line reason; the pool turns that into a ``Rejection`` and the batch goes on.
"""

from __future__ import annotations

import os
import stat

from dossier.exc import InputRejected
from dossier.ingest.clean import clean_text, one_line
from dossier.ingest.decode import declared_encoding, decode
from dossier.ingest.html import extract_html
from dossier.ingest.limits import Limits, over_limit_reason, too_large_reason, too_long_reason
from dossier.ingest.plaintext import text_metadata
from dossier.ingest.sidecar import apply_sidecar, read_sidecar
from dossier.ingest.sniff import sniff
from dossier.ingest.sources import STDIN, InputRef, file_kind, media_type_for, os_reason
from dossier.model.records import Document, Rejection

MIN_TEXT_CHARS = 20  # fewer non-space characters than this is not a report
_READ_CHUNK = 1024 * 1024
_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p ")


def read_input(ref: InputRef, limits: Limits) -> bytes:
    """The bytes of ``ref``, at most ``limits.max_bytes``; never blocks on a FIFO swapped in after stat()."""
    if ref.data is not None:
        if len(ref.data) > limits.max_bytes:
            raise InputRejected(too_large_reason(len(ref.data), limits))
        return ref.data
    if ref.path is None:
        raise InputRejected("nothing to read (no path and no data)")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(ref.path, flags)
    except OSError as err:
        raise InputRejected(os_reason(err, ref.path)) from err
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputRejected(f"not a regular file ({file_kind(st.st_mode)})")
        if st.st_size > limits.max_bytes:
            raise InputRejected(too_large_reason(st.st_size, limits))
        chunks: list[bytes] = []
        remaining = limits.max_bytes + 1  # one byte more tells us that a growing file passed the limit
        while remaining > 0:
            chunk = os.read(fd, min(_READ_CHUNK, remaining))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as err:
        raise InputRejected(f"cannot read file: {os_reason(err, ref.path)}") from err
    finally:
        os.close(fd)
    if remaining <= 0:
        raise InputRejected(over_limit_reason(limits))
    return b"".join(chunks)


def _looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip().lower()
    return head.startswith("<") and any(marker in head for marker in _HTML_MARKERS)


def _has_text(text: str) -> bool:
    """At least ``MIN_TEXT_CHARS`` non-space characters (stops counting as soon as there are enough)."""
    seen = 0
    for ch in text:
        if not ch.isspace():
            seen += 1
            if seen >= MIN_TEXT_CHARS:
                return True
    return False


def parse_input(ref: InputRef, limits: Limits) -> Document:
    """Read and parse one input; raise :class:`InputRejected` with a one-line reason when it is unusable."""
    document = parse_bytes(read_input(ref, limits), ref.source, ref.path, limits)
    sidecar = read_sidecar(ref.path) if ref.path is not None else None
    return apply_sidecar(document, sidecar) if sidecar is not None else document


def parse_many(ref: InputRef, limits: Limits) -> tuple[Document | Rejection, ...]:
    """What the parse worker runs: one input gives one document, except a web archive, which gives one result
    per HTML page it holds (a page that fails is a rejection of its own; the others go on)."""
    data = read_input(ref, limits)
    from dossier.ingest.warc import is_warc, parse_warc

    if is_warc(data):
        return parse_warc(data, ref.source, limits,
                          lambda body, uri: parse_bytes(body, uri, None, limits, media_type="text/html"))
    media_type = ref.media_type if ref.media_type in ("text/html", "text/plain", "text/markdown") else None
    return (parse_bytes(data, ref.source, ref.path, limits, media_type=media_type),)


def parse_pdf(data: bytes, source: str, limits: Limits) -> Document:
    """A PDF report: its pages' text, the page map, and the metadata the file declares."""
    from dossier.ingest.pdf import extract_pdf

    content = extract_pdf(data)
    if not _has_text(content.text):
        raise InputRejected("no text in PDF (scanned images need OCR first)")
    if len(content.text) > limits.max_chars:
        raise InputRejected(too_long_reason(len(content.text), limits))
    warnings = [f"removed {content.removed:,} control or invalid characters"] if content.removed else []
    meta = text_metadata(content.text)
    published, inferred = meta.published, meta.published_inferred
    if content.date is not None and (published is None or inferred):
        published, inferred = content.date, False
    if published is None:
        warnings.extend(meta.warnings)
    return Document(
        id=Document.make_id(content.text), text=content.text, source=source or STDIN,
        title=content.title or meta.title or None, published=published, published_inferred=inferred,
        publisher=meta.publisher or None, dateline_place=meta.dateline_place,
        media_type="application/pdf", warnings=tuple(warnings), pages=content.pages, author=content.author,
    )


def parse_bytes(data: bytes, source: str, path: str | None, limits: Limits,
                media_type: str | None = None) -> Document:
    """Parse ``data``; ``media_type``, else ``path`` (its name), decides HTML or text; stdin (no path) is told
    by its content. A PDF is told by its content whatever its name."""
    if not data.strip():
        raise InputRejected("empty document (no text)")
    if data.startswith(b"%PDF-"):
        return parse_pdf(data, source, limits)
    sniff(data)
    if media_type is None:
        media_type = media_type_for(path) if path is not None else None
    declared = declared_encoding(data) if media_type in (None, "text/html") else None
    decoded = decode(data, declared)
    warnings = list(decoded.warnings)
    if media_type is None:  # stdin: no name to go by
        media_type = "text/html" if _looks_like_html(decoded.text) else "text/plain"

    html_title = html_date = sitename = None
    if media_type == "text/html":
        content = extract_html(decoded.text)
        raw_text = content.text
        html_title, html_date, sitename = content.title, content.date, content.sitename
    else:
        raw_text = decoded.text
    del decoded  # the raw text can be large; keep one copy alive at a time

    text, bad = clean_text(raw_text)
    del raw_text
    if bad:
        warnings.append(f"removed {bad:,} control or invalid characters")
    if not _has_text(text):
        if media_type == "text/html":
            raise InputRejected("no article text found in HTML page")
        raise InputRejected("empty document (no text)")
    if len(text) > limits.max_chars:
        raise InputRejected(too_long_reason(len(text), limits))

    meta = text_metadata(text)
    published, inferred = meta.published, meta.published_inferred
    if html_date is not None and (published is None or inferred):
        # A dateline with its year beats the page's metadata; the page's metadata beats an inferred year.
        published, inferred = html_date, False
    if published is None:
        warnings.extend(meta.warnings)  # why the date is missing; moot once the page's metadata gave one
    title = one_line(html_title) if html_title else meta.title
    publisher = one_line(sitename) if sitename else meta.publisher
    return Document(
        id=Document.make_id(text),
        text=text,
        source=source if source else STDIN,
        title=title or None,
        published=published,
        published_inferred=inferred,
        publisher=publisher or None,
        dateline_place=meta.dateline_place,
        media_type=media_type,
        warnings=tuple(warnings),
    )
