"""RSS and Atom feeds: the entries' links and metadata, from bytes dossier read or fetched itself.

feedparser is handed bytes, never a path or URL, so it cannot open anything on its own; each entry's link is
then fetched through the same SSRF guard as any URL. What an entry says (title, author, date) fills in what the
page itself leaves out.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from dossier.exc import InputRejected
from dossier.ingest.clean import one_line


@dataclass(frozen=True, slots=True)
class FeedEntry:
    link: str
    title: str | None
    author: str | None
    published: str | None  # ISO date
    feed_title: str | None


def _date(value: object) -> str | None:
    if isinstance(value, time.struct_time):
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    return None


def parse_feed(data: bytes, where: str) -> list[FeedEntry]:
    """Entries with a link, in feed order; :class:`InputRejected` when the bytes are not a feed."""
    import feedparser

    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    version = getattr(parsed, "version", "") or ""
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({type(problem).__name__})" if problem is not None else ""
        raise InputRejected(f"not an RSS or Atom feed{detail}")
    feed_title = parsed.feed.get("title")
    entries: list[FeedEntry] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        title = entry.get("title")
        author = entry.get("author")
        entries.append(FeedEntry(
            link=str(link).strip(), title=one_line(str(title)) if title else None,
            author=one_line(str(author)) if author else None,
            published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            feed_title=one_line(str(feed_title)) if feed_title else None,
        ))
    return entries
