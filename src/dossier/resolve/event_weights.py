"""Fitted pair models for event coreference — written by ``python bench/ecbplus.py --fit``; do not edit.

Logistic weights over ``event_coref.FEATURES`` and average-linkage thresholds, fitted on the ECB+ training
topics (see docs/event-coreference.md). ``EVENTS`` / ``EVENTS_PLAIN``: event mentions with / without the
embedding features. ``ARGUMENTS`` / ``ARGUMENTS_PLAIN``: entity mentions (participants, places, times).
"""

from __future__ import annotations

from dossier.resolve.event_model import PairModel

EVENTS = PairModel(
    name="events",
    bias=-7.5002,
    weights={
        "lemma": -0.3763,
        "type": 0.4575,
        "date": 1.279,
        "same_day": -1.1367,
        "place": 0.0555,
        "participants": 1.0417,
        "context": 1.2236,
        "same_document": -1.2783,
        "sentence": -1.9872,
        "trigger": 6.7631,
        "lemma_context": 2.6459,
        "trigger_context": -0.5375,
        "same_story": 2.8165,
        "lemma_story": 0.1077,
        "trigger_story": 1.184,
    },
    threshold=0.34,
    date_conflict_apart=True,
    place_conflict_apart=True,
    embeddings=True,
    story_threshold=0.4,
    story_neighbours=5,
    story_floor=0.1,
)
EVENTS_PLAIN = PairModel(
    name="events_plain",
    bias=-6.3985,
    weights={
        "lemma": 2.7188,
        "type": 1.7211,
        "date": 1.2442,
        "same_day": -0.6402,
        "place": -0.0399,
        "participants": 1.5323,
        "context": 0.7254,
        "same_document": -1.119,
        "lemma_context": 2.5427,
        "same_story": 2.9832,
        "lemma_story": 0.6886,
    },
    threshold=0.56,
    date_conflict_apart=True,
    place_conflict_apart=True,
    embeddings=False,
    story_threshold=0.4,
    story_neighbours=5,
    story_floor=0.1,
)
ARGUMENTS = PairModel(
    name="arguments",
    bias=-10.4206,
    weights={
        "lemma": 0.7535,
        "type": 4.4726,
        "date": 0.0,
        "same_day": 0.0,
        "place": 0.0,
        "participants": 0.9144,
        "context": 1.2821,
        "same_document": -1.0688,
        "sentence": -1.6969,
        "trigger": 6.439,
        "lemma_context": 0.7011,
        "trigger_context": -0.1889,
        "same_story": 3.9637,
        "lemma_story": 1.0494,
        "trigger_story": -2.5923,
    },
    threshold=0.38,
    date_conflict_apart=True,
    place_conflict_apart=True,
    embeddings=True,
    story_threshold=0.4,
    story_neighbours=5,
    story_floor=0.1,
)
ARGUMENTS_PLAIN = PairModel(
    name="arguments_plain",
    bias=-9.3197,
    weights={
        "lemma": 3.465,
        "type": 4.6234,
        "date": 0.0,
        "same_day": 0.0,
        "place": 0.0,
        "participants": 0.9814,
        "context": 1.0379,
        "same_document": -1.1289,
        "lemma_context": 0.1786,
        "same_story": 2.9032,
        "lemma_story": -0.2495,
    },
    threshold=0.43,
    date_conflict_apart=True,
    place_conflict_apart=True,
    embeddings=False,
    story_threshold=0.4,
    story_neighbours=5,
    story_floor=0.1,
)
