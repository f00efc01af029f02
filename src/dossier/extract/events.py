"""Events with type, trigger, date, place and participants (see docs/extraction.md). Filled in by issue 3."""

from __future__ import annotations

from dossier.extract.context import DocContext, EventCandidate
from dossier.model import TimeExpression


def find_events(ctx: DocContext, times: list[TimeExpression]) -> list[EventCandidate]:
    return []
