"""Closed vocabularies, each declared once: every stage, the store, the exports and the CLI take their words from
here (``EntityType`` and ``Modality`` live beside the records in ``records``).

A ``StrEnum`` member *is* its string, so values read back from the store or a file compare equal to members and
are written out unchanged; ``Mapping``s give the words that go with them (labels, default roles).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from dossier.model.records import Modality


class Predicate(StrEnum):
    """The relations between two entities that the extractor reads (docs/relations.md)."""

    FAMILY = "family"
    MEMBERSHIP = "membership"
    LEADERSHIP = "leadership"
    REPRESENTATION = "representation"
    OCCUPANCY = "occupancy"
    PART_OF = "part_of"
    LOCATED_IN = "located_in"
    ASSOCIATE = "associate"


# The role word a relation carries when its report names none (FtM's ``role``/``relationship`` property).
DEFAULT_ROLE: Final[Mapping[str, str]] = {
    Predicate.LEADERSHIP: "leader", Predicate.PART_OF: "part of", Predicate.LOCATED_IN: "located in",
    Predicate.MEMBERSHIP: "member", Predicate.ASSOCIATE: "associate", Predicate.REPRESENTATION: "representative",
    Predicate.FAMILY: "relative",
}


class EventType(StrEnum):
    """What an event is (docs/events.md): the ``type`` column of ``data/event_triggers.tsv``; ``other`` is the
    open class (any eventive verb or noun the lexicon does not type), kept with its trigger lemma."""

    MEETING = "meeting"
    STATEMENT = "statement"
    ATTACK = "attack"
    ARREST = "arrest"
    OPERATION = "operation"
    INFILTRATION = "infiltration"
    PROTEST = "protest"
    AGREEMENT = "agreement"
    SANCTION = "sanction"
    TRIAL = "trial"
    VISIT = "visit"
    ELECTION = "election"
    TRANSACTION = "transaction"
    OTHER = "other"


class ParticipantRole(StrEnum):
    """The role the extractor gives an event participant (``extract.events.lexicon.ROLES`` by event type and
    argument slot, ``GOVERNOR_ROLE`` by governing verb). Records brought in by ``dossier import`` may carry other
    words, so a stored role is a plain string that is one of these when dossier read it."""

    ATTENDEE = "attendee"
    SPEAKER = "speaker"
    ORGANISER = "organiser"
    MEDIATOR = "mediator"
    PERPETRATOR = "perpetrator"
    TARGET = "target"
    AGENCY = "agency"
    ARRESTED = "arrested"
    PARTY = "party"
    COURT = "court"
    DEFENDANT = "defendant"
    VISITOR = "visitor"
    HOST = "host"
    CANDIDATE = "candidate"
    ELECTED = "elected"
    BUYER = "buyer"
    RECIPIENT = "recipient"
    PARTICIPANT = "participant"


class FactKind(StrEnum):
    """What an analyst's correction or a support row is about, beside entities and documents."""

    RELATION = "relation"
    EVENT = "event"
    CLAIM = "claim"


class Verdict(StrEnum):
    """An analyst's judgement on a screening hit (docs/screening.md)."""

    CONFIRMED = "confirmed"
    REJECTED = "rejected"


# How modalities count towards a grade (analyze/grading.py, docs/corroboration.md): stated outright, weakly
# (alleged or speculated), or denied; and the order in which one fact's modalities are summarised.
STATED: Final = frozenset({Modality.ASSERTED, Modality.REPORTED})
WEAK: Final = frozenset({Modality.ALLEGED, Modality.SPECULATIVE})
MODALITY_ORDER: Final = (Modality.ASSERTED, Modality.REPORTED, Modality.ALLEGED, Modality.SPECULATIVE,
                         Modality.DENIED)

# The Admiralty grade's two axes: information credibility 1-6 and source reliability A-F.
CREDIBILITY_NAMES: Final[Mapping[int, str]] = {
    1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable", 6: "cannot be judged",
}
RELIABILITY_NAMES: Final[Mapping[str, str]] = {
    "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable", "D": "not usually reliable",
    "E": "unreliable", "F": "reliability cannot be judged",
}
RELIABILITY: Final = tuple(RELIABILITY_NAMES)

# FtM exports write a fact's grade as a ``summary`` value with this prefix; the FtM importer reads it back.
CORROBORATION_PREFIX: Final = "corroboration: "
