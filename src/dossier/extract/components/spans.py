"""Small helpers for rewriting ``doc.ents`` without overlaps."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans


def set_ents(doc: Doc, spans: Iterable[Span]) -> None:
    """Replace the entities, longest first where they overlap (spaCy forbids overlapping entities)."""
    doc.ents = tuple(sorted(filter_spans([s for s in spans if len(s) > 0]), key=lambda s: s.start))


def relabel(span: Span, label: str) -> Span:
    return Span(span.doc, span.start, span.end, label=label)


def is_capitalised(token_text: str) -> bool:
    return bool(token_text) and token_text[0].isupper()

