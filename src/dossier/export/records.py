"""The per-report records behind a ``Selection``: what the JSON export writes beside the aggregated facts.

The JSON export keeps what each report said (relations, events, claims as extracted, documents with their
origins, entities with every mention) and names canonical entities through the entity links. It reads them
here, through the selection it was given, so a filtered export keeps exactly the records behind the selected
facts (docs/formats/README.md) and no export module reads the store another way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dossier.model import Claim, Relation
from dossier.model.views import DocumentOrigin, EntityRow, EventRecord, MentionView, StoredDocument
from dossier.store import documents, mentions, records
from dossier.store.pages import authors

if TYPE_CHECKING:
    from dossier.export.select import Selection


class Records:
    """The per-report read path of one selection (``Selection.records``)."""

    def __init__(self, selection: Selection) -> None:
        self.selection = selection
        self.store = selection.store
        self._links: dict[str, str] | None = None

    def links(self) -> dict[str, str]:
        """local entity id → canonical entity id (read once)."""
        if self._links is None:
            self._links = records.entity_links(self.store)
        return self._links

    def canonical(self, local: str) -> str:
        """The canonical id of a local entity, or the local id itself while it is unresolved."""
        return self.links().get(local, local)

    def documents(self, *, with_text: bool = False) -> Iterator[StoredDocument]:
        """The current reports as stored (no corrections applied), by id."""
        return documents.documents(self.store, with_text=with_text)

    def origins(self) -> dict[str, DocumentOrigin]:
        return documents.origins(self.store)

    def authors(self) -> dict[str, str]:
        return authors(self.store)

    def entities(self) -> Iterator[EntityRow]:
        """Canonical entities as resolved (no corrections applied), by id."""
        return self.store.iter_entities()

    def mentions(self, entity: EntityRow) -> list[MentionView]:
        """Every mention of ``entity``, by (document, start)."""
        return sorted(mentions.mentions_of(self.store, entity.local_ids), key=lambda m: (m.document, m.start))

    def relations(self) -> Iterator[Relation]:
        return records.relations(self.store)

    def events(self) -> Iterator[EventRecord]:
        return records.events(self.store)

    def claims(self) -> Iterator[Claim]:
        return records.claims(self.store)

    def event_clusters(self) -> dict[str, str]:
        """event record id → the id of the real-world event it belongs to (the event fact other formats write).

        Read from ``event_clusters``; a store whose analysis tables lag behind its events (read-only, written by
        an older version) has them computed in memory, as ``dossier facts`` does."""
        return self.selection.analysis().event_clusters()

    def kept(self) -> dict[str, set[str]]:
        """What a filtered export keeps: the per-report records behind the selected facts, their documents, and
        the selected entities plus every entity those records name (so no id dangles)."""
        sel = self.selection
        kept_records = sel.record_ids()
        entities = {e.id for e in sel.entities()}
        docs = {d.id for d in sel.documents()}
        for record, named in records.named_locals(self.store):
            if record in kept_records:
                entities.update(self.canonical(x) for x in named)
        return {"documents": docs, "entities": entities, "records": kept_records}
