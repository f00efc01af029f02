"""The one place where dossier's custom ``Doc`` attributes are registered."""

from __future__ import annotations

from spacy.tokens import Doc


def register() -> None:
    """Idempotent: safe to call from every component factory."""
    if not Doc.has_extension("dossier_titles"):
        # start token index of a person name → the title/rank that precedes it ("Dr.", "Lt Gen (Retd)")
        Doc.set_extension("dossier_titles", default=None)
    if not Doc.has_extension("dossier_acronyms"):
        # acronym text → (start char, end char) of its expansion ("JeM" → span of "Jaish-e-Mohammed")
        Doc.set_extension("dossier_acronyms", default=None)
    if not Doc.has_extension("dossier_type_evidence"):
        # entity start char → why its type was set ("gazetteer", "org-alias", "acronym", "title", "consistency")
        Doc.set_extension("dossier_type_evidence", default=None)
