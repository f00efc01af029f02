"""Cross-document facts for the web app: ``dossier.analyze.Analysis`` over one store generation.

Kept behind this small seam so the index (``index.py``) depends on the four lists it needs, not on how the
analysis computes corroboration, grades and discrepancies (docs/corroboration.md).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from dossier.analyze import Analysis
from dossier.model.facts import ClaimFact, Discrepancy, EventFact, Evidence, RelationFact
from dossier.store.pages import PageMaps, page, page_maps
from dossier.store.sqlite import SQLiteStore

__all__ = ["FactSource"]

F = TypeVar("F", RelationFact, EventFact, ClaimFact)


def _paged(fact: F, maps: PageMaps) -> F:
    """The fact with ``page`` on every evidence span whose document has a page map (a PDF)."""
    def span(e: Evidence) -> Evidence:
        number = page(maps, e.document, e.start)
        return e if number is None else replace(e, page=number)

    if not any(e.document in maps for s in fact.supports for e in s.evidence):
        return fact
    supports = tuple(replace(s, evidence=tuple(span(e) for e in s.evidence)) for s in fact.supports)
    return replace(fact, supports=supports)


class FactSource:
    """Relations, events, claims (with supports, independent sources, grades) and discrepancies."""

    def __init__(self, store: SQLiteStore) -> None:
        self.analysis = Analysis(store)
        self.pages = page_maps(store)  # PDF evidence spans carry their page (docs/web.md)

    def relations(self) -> list[RelationFact]:
        return [_paged(f, self.pages) for f in self.analysis.relations()]

    def events(self) -> list[EventFact]:
        return [_paged(f, self.pages) for f in self.analysis.events()]

    def claims(self) -> list[ClaimFact]:
        return [_paged(f, self.pages) for f in self.analysis.claims()]

    def discrepancies(self) -> list[Discrepancy]:
        return list(self.analysis.discrepancies())
