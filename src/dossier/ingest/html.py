"""Main text and metadata of an HTML page, via trafilatura, without letting it touch bytes or the network.

trafilatura is given a decoded ``str`` (given ``bytes`` it would decompress them with no regard for our
limits, RELIABILITY finding 1) and no URL, so nothing is fetched: ``<base href>``, ``<meta refresh>``, images
and links stay inert text in a tree. Its output is plain text, never markup. This runs inside the parse
worker, under a wall-clock timeout and a memory cap, because libxml2 is quadratic on some inputs (finding 2).
"""

from __future__ import annotations

import datetime as dt
import html.parser
import logging
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from dossier.exc import InputRejected

MAX_DEPTH = 255  # libxml2 drops content nested deeper than this (its limit without XML_PARSE_HUGE)
# Tags that only group or style content; removed (with their attributes) when nesting is too deep to parse.
_LAYOUT_TAG = re.compile(r"</?(?:div|span|section|font|center|main|aside)\b[^>]*>", re.IGNORECASE)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr basefont frame keygen".split())


# htmldate settings. A fixed max_date keeps parsing pure (trafilatura's default is "today", so the same page
# could gain a date next year); no extensive search, so dates come from the page's markup (meta tags, <time>)
# and never from a year mentioned in the body, which our dateline rules read with more care.
_DATE_PARAMS: dict[str, object] = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}


@dataclass(frozen=True, slots=True)
class HtmlContent:
    text: str
    title: str | None
    date: str | None  # ISO YYYY-MM-DD
    sitename: str | None


@cache
def _quiet_library_loggers() -> None:
    """trafilatura and htmldate log each discarded page as an error; our rejection reason says it better."""
    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


class _DepthProbe(html.parser.HTMLParser):
    """Finds whether nesting passes ``MAX_DEPTH``; only used to explain an empty extraction."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.deepest = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
            if self.deepest > MAX_DEPTH:
                raise _TooDeep

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)


class _TooDeep(Exception):
    pass


def _too_deep(markup: str) -> bool:
    probe = _DepthProbe()
    try:
        probe.feed(markup)
        probe.close()
    except _TooDeep:
        return True
    return False


def _iso_date(value: str | None) -> str | None:
    """trafilatura's date if it is a real ``YYYY-MM-DD`` date, else ``None``."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _run_trafilatura(markup: str) -> Any:
    """trafilatura with metadata; without it when the metadata step fails on the page.

    Found by fuzzing: ``<svg onload=x><html>`` makes htmldate (the date step) fail an lxml assertion. The
    article text does not depend on it, so the page is read again without metadata rather than rejected.
    """
    try:
        return _trafilatura(markup, with_metadata=True)
    except (AssertionError, ValueError, TypeError, AttributeError, IndexError):
        try:
            return _trafilatura(markup, with_metadata=False)
        except (AssertionError, ValueError, TypeError, AttributeError, IndexError) as e:
            raise InputRejected(f"HTML page could not be parsed ({type(e).__name__})") from None


def _trafilatura(markup: str, *, with_metadata: bool) -> Any:
    import trafilatura  # deferred: a 0.2 s import that plain-text parsing does not need

    return trafilatura.bare_extraction(
        markup,
        url=None,
        with_metadata=with_metadata,
        include_comments=False,  # reader comments are not the report
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
        date_extraction_params=_DATE_PARAMS,
    )


def _text_of(doc: Any) -> str | None:
    text = getattr(doc, "text", None) if doc is not None else None
    return text if isinstance(text, str) and text.strip() else None


def extract_html(markup: str) -> HtmlContent:
    """Article text, title, date and site name of a decoded HTML page; :class:`InputRejected` if no text."""
    _quiet_library_loggers()
    doc = _run_trafilatura(markup)
    text = _text_of(doc)
    if text is None and _too_deep(markup):
        # libxml2 silently drops what is nested deeper than 255 elements. Layout wrappers carry no meaning for
        # the text, so unwrap them and try once more: a page buried in 10,000 <div>s still yields its article.
        doc = _run_trafilatura(_LAYOUT_TAG.sub("\n", markup))
        text = _text_of(doc)
        if text is None:
            raise InputRejected("no article text found in HTML page (nesting too deep?)")
    if text is None:
        raise InputRejected("no article text found in HTML page")
    return HtmlContent(
        text=text,
        title=getattr(doc, "title", None) or None,
        date=_iso_date(getattr(doc, "date", None)),
        sitename=getattr(doc, "sitename", None) or None,
    )
