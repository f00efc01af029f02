"""Place mentions annotated the way the pipeline does it, for tests of ``place_parents`` (no model needed)."""

from __future__ import annotations

from dossier.extract.local_entities import RawMention
from dossier.extract.place_parents import annotate_places
from dossier.model import EntityType


def annotated_places(text: str, *names: str, sentence: int = 0) -> list[RawMention]:
    """A place mention for the first occurrence of each name in ``text``, annotated with its parents."""
    out = []
    for name in names:
        start = text.index(name)
        out.append(RawMention(start, start + len(name), name, EntityType.PLACE, sentence))
    annotate_places(text, out)
    return out
