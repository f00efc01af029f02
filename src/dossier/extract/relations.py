"""Relations between entities from the dependency parse (see docs/extraction.md). Filled in by issue 3."""

from __future__ import annotations

from dossier.extract.context import DocContext, RelationCandidate


def find_relations(ctx: DocContext) -> list[RelationCandidate]:
    return []
