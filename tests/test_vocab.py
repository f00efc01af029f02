"""The closed vocabularies are declared once (``model.vocab``) and the lexicon files use only their words, so the
data and the code cannot drift apart: a new event type, role, predicate or modality must be declared first."""

from __future__ import annotations

from importlib import resources

import pytest

from dossier.extract.events import lexicon as events
from dossier.extract.events.taxonomy import DEFAULT_CATEGORY
from dossier.model import Modality
from dossier.model.vocab import EventType, ParticipantRole, Predicate


def _rows(name: str) -> list[list[str]]:
    """The data rows of a packaged TSV (comments and blank lines skipped), split on tabs."""
    text = resources.files("dossier.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_event_triggers_use_only_declared_event_types() -> None:
    used = {row[2].strip() for row in _rows("event_triggers.tsv")}
    assert used <= set(EventType), sorted(used - set(EventType))
    assert used >= set(EventType) - {EventType.OTHER}, "a declared type no trigger gives"  # other: open class
    assert {e.type for entries in events.lexicon().values() for e in entries} <= set(EventType)


def test_every_event_type_has_roles_and_a_cameo_category() -> None:
    assert set(events.ROLES) == set(EventType) == set(DEFAULT_CATEGORY) == events.EVENT_TYPES


def test_participant_roles_are_declared() -> None:
    given = {r for slots in events.ROLES.values() for r in slots.values()} | set(events.GOVERNOR_ROLE.values())
    assert all(isinstance(r, ParticipantRole) for r in given)
    assert given == set(ParticipantRole), sorted(set(ParticipantRole) - given)  # none declared and never given


def test_relation_roles_name_only_declared_predicates() -> None:
    rows = _rows("relation_roles.tsv")
    assert rows
    for row in rows:
        for value in row[4:7]:  # the predicate for a person / organisation / place object
            assert value.strip().rstrip("?") in {*Predicate, "-"}, row


def test_modality_cues_use_only_declared_modalities() -> None:
    used = {row[2].strip() for row in _rows("modality_cues.tsv")}
    assert used and used <= set(Modality), sorted(used - set(Modality))


def test_the_parser_rejects_an_undeclared_event_type() -> None:
    with pytest.raises(ValueError, match="event type 'riot'"):
        events.parse("riot\tN\triot\t-\t-\n")
