"""Who says so, and how firmly: attribution and modality of a clause (see docs/extraction.md)."""

from __future__ import annotations

from dossier.extract.context import Attribution, ClaimCandidate, DocContext
from dossier.model import Modality

REPORTER = Attribution(source="reporter", source_entity=None, modality=Modality.ASSERTED, cue=None)


def attribute(ctx: DocContext, token_index: int) -> Attribution:
    """The attribution of the clause that contains ``token_index``."""
    return REPORTER


def find_claims(ctx: DocContext) -> list[ClaimCandidate]:
    return []
