"""Shared test data and assertions for ingest tests (fixtures live in conftest.py)."""

from __future__ import annotations

from dossier.model.records import Document, Rejection

# A plain-text report shaped like the seed: headline first, a summary block, a dateline without a year, and
# full dates in the body from which the year is inferred.
SEED_SHAPED = """Is the Valley Becoming a Safe Haven for Militants?

Synopsis
Key Takeaways
- The region could become a safe haven.
- Recent meetings indicate growing ties.
Islamabad, Sep 17 (NationPress) A recent report highlights that the region poses a significant threat of \
evolving into a sanctuary for armed groups.
The infiltration is further underscored by a meeting on August 5, 2025, between a retired general and a \
senior spokesperson.
The report emphasizes that on February 5, 2025, numerous events were conducted in the region.
"""


def doc(result: Document | Rejection) -> Document:
    """The document, or a test failure that shows the rejection reason."""
    assert isinstance(result, Document), f"rejected: {result}"
    return result


def rejected(result: Document | Rejection) -> str:
    """The rejection reason, or a test failure that shows the document."""
    assert isinstance(result, Rejection), f"not rejected: {result!r:.300}"
    return result.reason
