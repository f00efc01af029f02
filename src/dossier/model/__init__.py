"""Records shared by every stage (see ``records``)."""

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
