"""The sources behind the facts: one row per current document, its origin, and corroboration counting.

``Sources`` loads what every fact needs to know about the documents that support it (title, publisher, date,
syndication group, analyst rating) once, and ``corroborate`` turns a fact's supports into the documents count,
the independent-source count and the Admiralty-style grade (``grading``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypedDict

from dossier.analyze import grading, origins
from dossier.model.analysis import DocumentRow
from dossier.model.facts import Support
from dossier.store.fact_records import fact_records
from dossier.store.sqlite import SQLiteStore


class About(TypedDict):
    """The document fields of a support (``model.facts.Support``), as keyword arguments."""

    document: str
    source: str | None
    title: str | None
    published: str | None
    publisher: str | None
    origin: str


class Corroboration(TypedDict):
    """A fact's corroboration (``model.facts.Graded``), as keyword arguments."""

    modality: str
    documents: int
    independent_sources: int
    grade: str
    confidence: int | None
    grade_reason: str
    first_seen: str | None
    last_seen: str | None


class Sources:
    """Current documents with their origin (syndication group, publisher) and any analyst rating."""

    def __init__(self, store: SQLiteStore) -> None:
        records = fact_records(store)
        self.docs: dict[str, DocumentRow] = {d.id: d for d in records.documents()}
        sigs = records.signatures()
        for d in self.docs:  # a store filled before the signatures were written: compute them here
            if d not in sigs:
                sigs[d] = origins.signature(store.document_text(d) or "")
        groups = origins.syndication_groups(sigs)
        self.origins = origins.build_origins(((d, v.publisher) for d, v in self.docs.items()), groups)
        self.ratings = records.ratings()

    def origin_rows(self) -> dict[str, dict[str, Any]]:
        members = origins.members_of(self.origins)
        return {d: {"origin": o.group, "publisher": o.publisher,
                    "syndicated_with": [x for x in members[o.group] if x != d]}
                for d, o in self.origins.items()}

    def about(self, document: str) -> About:
        """A support's document fields: the document's metadata and its syndication group."""
        d = self.docs.get(document)
        o = self.origins.get(document)
        return About(document=document, source=d.source if d else None, title=d.title if d else None,
                     published=d.published if d else None, publisher=d.publisher if d else None,
                     origin=o.group if o else document)

    def label(self, documents: Sequence[str]) -> str:
        """A readable name for one independent source: its publisher, else its first document's source."""
        for d in documents:
            row = self.docs.get(d)
            if row and row.publisher:
                return row.publisher
        first = self.docs.get(documents[0])
        return (first.source if first else None) or documents[0]

    def corroborate(self, supports: Iterable[Support], *, attributed: bool = False) -> Corroboration:
        """documents, independent_sources, grade, confidence, grade_reason and modality for one fact.

        ``attributed``: the fact is "source X says P" (a claim). What the reports corroborate is that X said it,
        whatever X's stance, so every report counts as stating it; P itself is not graded."""
        supports = list(supports)
        by_doc: dict[str, set[str]] = {}
        for s in supports:
            by_doc.setdefault(s.document, set()).add("reported" if attributed else s.modality)
        groups = origins.independent_groups(list(by_doc), self.origins)
        graded = []
        for g in groups:
            mods = frozenset(m for d in g for m in by_doc[d])
            keys = {self.origins[d].publisher_key for d in g if d in self.origins}
            rating = min((self.ratings[k] for k in keys if k in self.ratings), default=None)
            graded.append((self.label(g), mods, rating))
        fact_grade = grading.grade(graded)
        dates = sorted(s.published for s in supports if s.published)
        return Corroboration(
            modality=grading.summary_modality([s.modality for s in supports]),
            documents=len(by_doc), independent_sources=len(groups),
            grade=fact_grade.code, confidence=fact_grade.confidence, grade_reason=fact_grade.reason,
            first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
        )
