"""Page numbers of a PDF report's evidence: the page map (page number, offset where it starts in the text) is
written at ingest (``ingest/pdf.py``) and read by the store, the digest and the web app to cite pages."""

from __future__ import annotations

import bisect


def page_of(pages: tuple[tuple[int, int], ...] | list[tuple[int, int]], offset: int) -> int | None:
    """The page number holding character ``offset`` of the text, ``None`` without a page map."""
    if not pages:
        return None
    starts = [start for _, start in pages]
    i = bisect.bisect_right(starts, offset) - 1
    return pages[max(i, 0)][0]
