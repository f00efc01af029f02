"""Cross-document facts for the web app: ``dossier.analyze.Analysis`` over one store generation.

Kept behind this small seam so the index (``index.py``) depends on the four lists it needs, not on how the
analysis computes corroboration, grades and discrepancies (docs/corroboration.md).
"""

from __future__ import annotations

from dossier.analyze import Analysis
from dossier.model.views import Fact
from dossier.store.pages import add_pages, page_maps
from dossier.store.sqlite import SQLiteStore

__all__ = ["FactSource"]


class FactSource:
    """Relations, events, claims (with supports, independent sources, grades) and discrepancies."""

    def __init__(self, store: SQLiteStore) -> None:
        self.analysis = Analysis(store)
        self.pages = page_maps(store)  # PDF evidence spans carry their page (docs/web.md)

    def _paged(self, facts: list[Fact]) -> list[Fact]:
        add_pages(facts, self.pages)
        return facts

    def relations(self) -> list[Fact]:
        return self._paged(list(self.analysis.relations()))

    def events(self) -> list[Fact]:
        return self._paged(list(self.analysis.events()))

    def claims(self) -> list[Fact]:
        return self._paged(list(self.analysis.claims()))

    def discrepancies(self) -> list[Fact]:
        return list(self.analysis.discrepancies())
