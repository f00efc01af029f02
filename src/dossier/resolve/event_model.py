"""The pair model's shape: logistic weights over ``event_coref.FEATURES``, the clustering threshold and the
constraints that apply. Its own module because the fitted values (``event_weights``, generated) and the scorer
(``event_coref``) both need it, and neither should import the other to get it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PairModel:
    """Weights of the logistic pair scorer, the clustering threshold, and which constraints apply."""

    name: str
    bias: float
    weights: Mapping[str, float]
    threshold: float
    date_conflict_apart: bool = True
    place_conflict_apart: bool = True  # same single day, different places
    embeddings: bool = True  # whether the weights expect the embedding features
    story_threshold: float = 0.4  # relative context similarity at which documents form one story
    story_neighbours: int = 5
    story_floor: float = 0.1
