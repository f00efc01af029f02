"""Metadata of plain-text and Markdown reports: a headline, and what the dateline says.

Reports saved as text keep their structure only in the first lines: a headline, perhaps a summary or byline,
then the first paragraph opening with a dateline. We read those lines and leave the text itself untouched, so
the title is a copy of a line of the document and offsets stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dossier.ingest.clean import one_line
from dossier.ingest.dateline import find_dateline, parse_dateline, parse_standalone_date, resolve_published

_ATX_HEADING = re.compile(r" {0,3}#{1,6}[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_BULLET = re.compile(r"\s*(?:[-*+•>]\s|[0-9]+[.)]\s)")

MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30


@dataclass(frozen=True, slots=True)
class TextMetadata:
    title: str | None = None
    published: str | None = None
    published_inferred: bool = False
    publisher: str | None = None
    dateline_place: str | None = None
    warnings: tuple[str, ...] = ()


def _looks_like_headline(line: str) -> bool:
    """Short, no sentence-final period, not a bullet, byline or dateline: the shape of a headline."""
    s = line.strip()
    if not s or len(s) > MAX_TITLE_CHARS or len(s.split()) > MAX_TITLE_WORDS:
        return False
    if s[-1] in ".,;:" or not any(ch.isalpha() for ch in s):
        return False
    if _BULLET.match(s) or s.lower().startswith("by ") or s.count("|") >= 2:
        return False
    if " " not in s and any(ch.isdigit() for ch in s):
        return False  # a reference number ("2011-10-S-009", "PR/2024/117") heads press releases, not a title
    if parse_standalone_date(s) is not None:
        return False
    dl = parse_dateline(s)
    return dl is None or not dl.strong


def detect_title(lines: Sequence[str]) -> tuple[str | None, int | None]:
    """The headline and its line index: a Markdown heading or a headline-shaped first line, then more text."""
    nonempty = [i for i, line in enumerate(lines[:50]) if line.strip()]
    if len(nonempty) < 2:
        return None, None  # a lone line is the text, not a title over it
    first = nonempty[0]
    line = lines[first]
    heading = _ATX_HEADING.fullmatch(line)
    if heading is not None:
        title = one_line(heading.group("title"))
        return (title or None), first
    nxt = lines[first + 1] if first + 1 < len(lines) else ""
    if _SETEXT_UNDERLINE.fullmatch(nxt) and _looks_like_headline(line):
        return one_line(line), first
    if _looks_like_headline(line):
        return one_line(line), first
    return None, None


def text_metadata(text: str) -> TextMetadata:
    """Title, date, place and publisher of a cleaned plain-text or Markdown report."""
    lines = text.split("\n")
    title, title_line = detect_title(lines)
    dateline = find_dateline(lines, skip=title_line)
    published = resolve_published(dateline, lines, text)
    return TextMetadata(
        title=title,
        published=published.date,
        published_inferred=published.inferred,
        publisher=one_line(dateline.publisher) if dateline and dateline.publisher else None,
        dateline_place=one_line(dateline.place) if dateline and dateline.place else None,
        warnings=published.warnings,
    )
