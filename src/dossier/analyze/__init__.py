"""Across reports: corroboration, independent sources, event coreference and discrepancies (docs/corroboration.md)."""

from dossier.analyze.analysis import Analysis
from dossier.analyze.refresh import RefreshStats, refresh

__all__ = ["Analysis", "RefreshStats", "refresh"]
