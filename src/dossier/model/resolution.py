"""Read models of the resolution stage: what the store hands the resolver and ``dossier why`` (store/resolution.py).

Frozen and typed, so the resolver never sees a database row; the bulk readers (pairs, block members) hand out
plain tuples instead, as documented where they are read, to keep a million-pair first run light.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple


@dataclass(frozen=True, slots=True)
class LocalRow:
    """The columns of ``local_entities`` the resolver reads."""

    id: str
    document: str
    type: str
    name: str
    aliases: tuple[str, ...]
    attributes: dict[str, str]


@dataclass(frozen=True, slots=True)
class RelationRow:
    subject: str
    predicate: str
    object: str
    role: str | None


class StoredProfile(NamedTuple):
    """A resolution profile as stored (``resolve.profile.Profile.from_json`` reads it)."""

    local_entity: str
    document: str
    exact_id: str
    profile: str


class StoredPair(NamedTuple):
    """What the resolver stored for a scored pair (``dossier why``)."""

    score: float
    accepted: int  # 1 accepted, -1 contradicted, 0 neither
    applied: str | None  # None on an accepted pair: linked; else why not
    features: str


class PairJudgement(NamedTuple):
    """The analyst's judgement constraining a pair of local entities."""

    decision: str
    id: int
    a_ref: str
    b_ref: str
    at: str


class JudgementRow(NamedTuple):
    """One merge or split judgement as given (``resolution_judgements``)."""

    id: int
    decision: str
    a_ref: str
    b_ref: str
    a_entity: str | None
    b_entity: str | None
    a_locals: str  # JSON list of local entity ids
    b_locals: str
    note: str | None
    at: str
    who: str | None


class LocalName(NamedTuple):
    """A local entity of a current report with its name and aliases (references given by name)."""

    id: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Correction:
    """One analyst correction as stored (``analyst_corrections``), and how a person reads it."""

    id: int
    target: str
    key: str
    field: str
    value: str | None
    label: str
    note: str | None
    who: str
    at: str
    undone_at: str | None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "target": self.target, "key": self.key, "field": self.field, "value": self.value,
                "label": self.label, "note": self.note, "who": self.who, "at": self.at, "undone_at": self.undone_at}

    def describe(self) -> str:
        what = "report" if self.target == "document" else self.target
        if self.field == "rejected":
            return f"{what} {self.label!r} rejected as wrong"
        if self.field in ("merge", "split"):
            return f"event {self.label}"
        field = "date" if self.field == "published" else self.field
        return f"{what} {self.label!r}: {field} set to {self.value!r}" if self.value else \
            f"{what} {self.label!r}: {field} cleared"


class EventRecordRow(NamedTuple):
    """An event record (of any version of its report) as a correction keyed by it is carried over."""

    id: str
    type: str
    trigger_text: str
    trigger_start: int
    source: str
    is_current: int


class ClaimRecordRow(NamedTuple):
    """A claim record (of any version of its report) as a correction keyed by it is carried over."""

    id: str
    source: str  # who is said to say it, in the report's words
    prop_text: str
    prop_start: int
    entity: str | None  # the speaker's canonical entity
    doc: str  # the report's source
    is_current: int
