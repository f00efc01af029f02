"""Records shared by every stage (see ``records``), and the value helpers every stage reads them with.

``names`` (name keys), ``dates`` (ISO date values as day bounds) and ``reference`` (the shipped gazetteer,
organisation aliases and titles) live here rather than in ``extract`` so that resolve, analyze, store, export
and serve never import the extraction pipeline.
"""

from dossier.model.records import (
    Claim,
    Document,
    EntityType,
    Event,
    EventCount,
    Extraction,
    LocalEntity,
    Mention,
    Modality,
    Participant,
    Rejection,
    Relation,
    Sentence,
    Span,
    TimeExpression,
    stable_id,
)

__all__ = [
    "Claim", "Document", "EntityType", "Event", "EventCount", "Extraction", "LocalEntity", "Mention", "Modality",
    "Participant", "Rejection", "Relation", "Sentence", "Span", "TimeExpression", "stable_id",
]
