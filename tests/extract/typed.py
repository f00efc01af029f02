"""The entity types the whole pipeline gives the names of one text, for the typing tests (model needed)."""

from __future__ import annotations

from dossier.extract.pipeline import extract
from dossier.model import Document, EntityType


def typed_names(text: str) -> dict[str, EntityType]:
    """Each entity's name → its type, after every typing component has run."""
    x = extract(Document(id=Document.make_id(text), text=text, source="test"))
    return {e.name: e.type for e in x.entities}
