"""PDF page maps (docs/sources.md, "PDF"): a PDF's text is one string, its page map the (page number, start
offset) of each page. Declared in ``model`` because ingest writes page maps and the store, the digest and every
evidence view read them."""

from __future__ import annotations

import bisect


def page_of(pages: tuple[tuple[int, int], ...] | list[tuple[int, int]], offset: int) -> int | None:
    """The page number holding character ``offset`` of the text, ``None`` without a page map."""
    if not pages:
        return None
    starts = [start for _, start in pages]
    i = bisect.bisect_right(starts, offset) - 1
    return pages[max(i, 0)][0]
