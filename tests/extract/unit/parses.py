"""Small hand-built parses for unit tests of the extraction rules, without loading a spaCy model.

A parse is written as a table, one token a line: ``word lemma POS TAG dep head`` where ``head`` is the index of
the head token (a root points to itself; a hyphen token joins its neighbours). Entities are given as
``(label, start, end)`` token ranges. Most tables are what en_core_web_sm gives for the sentence (a few are
written by hand for one construction), so the tests pin the rules, not the model.
"""

from __future__ import annotations

import datetime as dt

from spacy.lang.en import English
from spacy.tokens import Doc

from dossier.extract.context import DocContext
from dossier.extract.time.timex import normalize
from dossier.model import Document, EntityType, TimeExpression

# English's vocabulary (no model): lexical attributes such as ``lower_`` and ``like_num`` need its getters.
_VOCAB = English().vocab
_NO_SPACE_BEFORE = frozenset({".", ",", "'s", "’s", ":", ";", ")", "?", "!", "n't"})


def parse(table: str, ents: tuple[tuple[str, int, int], ...] = ()) -> Doc:
    """A ``Doc`` from a token table (see the module docstring) and entity ranges."""
    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    for n, row in enumerate(rows):
        assert len(row) == 6, f"row {n}: {row}"
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE and "-" not in (words[i], words[i + 1])
              for i in range(len(words))]
    iob = ["O"] * len(words)
    for label, start, end in ents:
        iob[start] = f"B-{label}"
        for i in range(start + 1, end):
            iob[i] = f"I-{label}"
    return Doc(
        _VOCAB, words=words, spaces=spaces, lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
        tags=[r[3] for r in rows], deps=[r[4] for r in rows], heads=[int(r[5]) for r in rows], ents=iob,
    )


_TYPES = {"PERSON": EntityType.PERSON, "ORG": EntityType.ORGANIZATION, "GPE": EntityType.PLACE,
          "LOC": EntityType.PLACE}


def context(doc: Doc, published: dt.date | None = None) -> DocContext:
    """The extractors' view of a one-chunk document: every PERSON, ORG, GPE or LOC entity is a local entity
    (``e0``, ``e1``, ... in text order, the same name giving the same id), named by its text."""
    ids: dict[str, str] = {}
    of_ent: dict[int, str] = {}
    types: dict[str, EntityType] = {}
    names: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ not in _TYPES:
            continue
        eid = ids.setdefault(ent.text, f"e{len(ids)}")
        of_ent[ent.start] = eid
        types[eid] = _TYPES[ent.label_]
        names[eid] = ent.text
    document = Document(id=Document.make_id(doc.text), text=doc.text, source="unit.txt")
    return DocContext(document, doc, 0, of_ent, types, names, published)


def times(ctx: DocContext) -> list[TimeExpression]:
    """The chunk's DATE entities normalised against the publication date, as the pipeline hands them on."""
    out = []
    for ent in ctx.doc.ents:
        if ent.label_ == "DATE":
            tv = normalize(ent.text, ctx.published)
            out.append(TimeExpression(f"t{ent.start}", ctx.document.id, ent.start_char, ent.end_char, ent.text,
                                      tv.value, tv.granularity, tv.inferred, tv.anchor))
    return out
