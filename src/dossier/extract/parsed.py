"""The serialised parse a worker hands back: its own module so that the pool (which ships it) and the pipeline
(which makes and reads it) share the type without importing each other."""

from __future__ import annotations

Parsed = list[tuple[int, bytes]]  # one document: (offset of the chunk, the serialised spaCy Doc) per chunk
