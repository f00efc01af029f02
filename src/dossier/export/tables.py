"""CSV and Parquet exports: the selection as flat tables with stable ids (docs/formats/tables.md).

Eight tables, one file each: documents, entities, mentions, relations, events, event_participants, claims and
supports (one row per evidence span of each supporting report). Each fact row also carries its first evidence
span (document, start, end, text) so a spreadsheet user sees the quote without a join. Nested values (aliases,
roles) are JSON text. Rows are produced one at a time from the selection: CSV is written row by row, Parquet in
row groups of ``BATCH`` rows through ``ParquetWriter``, so memory does not grow with the export.

CSV cells are made safe for spreadsheets: a text cell that starts with ``= + - @``, TAB, CR or LF gets a leading
``'`` so Excel, LibreOffice and Google Sheets show it as text instead of running it as a formula (OWASP "CSV
injection"). Parquet keeps values as they are (typed columns are not evaluated by anything).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.export.screening import selection_hits
from dossier.export.select import Selection, dumps
from dossier.model.facts import ClaimSupport, Fact, RelationSupport

BATCH = 5000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

Row = dict[str, Any]
Column = tuple[str, str]  # (name, "string" | "int" | "bool" | "float")


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    rows: Callable[[Selection], Iterable[Row]]


def _cols(spec: str) -> tuple[Column, ...]:
    """``"id document:string start:int"`` → columns (type defaults to string)."""
    out = []
    for item in spec.split():
        name, _, kind = item.partition(":")
        out.append((name, kind or "string"))
    return tuple(out)


FACT_COLS = "modality documents:int independent_sources:int grade confidence:int grade_reason"
EVIDENCE_COLS = "evidence_document evidence_start:int evidence_end:int evidence_text"


def _grading(fact: Fact) -> Row:
    return {"modality": fact.modality, "documents": fact.documents, "independent_sources": fact.independent_sources,
            "grade": fact.grade, "confidence": fact.confidence, "grade_reason": fact.grade_reason}


def _first_evidence(fact: Fact) -> Row:
    for support in fact.supports:
        for span in support.evidence:
            return {"evidence_document": span.document, "evidence_start": span.start,
                    "evidence_end": span.end, "evidence_text": span.text}
    return {}


def _relations(sel: Selection) -> Iterator[Row]:
    for r in sel.relations():
        yield {"id": r.id, "subject": r.subject.id, "subject_name": r.subject.name, "predicate": r.predicate,
               "object": r.object.id, "object_name": r.object.name, "roles": dumps(r.roles),
               "first_seen": r.first_seen, "last_seen": r.last_seen, **_grading(r), **_first_evidence(r)}


def _events(sel: Selection) -> Iterator[Row]:
    for e in sel.events():
        yield {"id": e.id, "type": e.type, "label": e.label, "date": e.date, "date_granularity": e.date_granularity,
               "place": e.place.id if e.place else None, "place_name": e.place.name if e.place else None,
               **_grading(e), **_first_evidence(e)}


def _participants(sel: Selection) -> Iterator[Row]:
    for e in sel.events():
        for i, p in enumerate(e.participants):
            yield {"event": e.id, "position": i, "entity": p.entity.id, "entity_name": p.entity.name, "role": p.role}


def _claims(sel: Selection) -> Iterator[Row]:
    for k in sel.claims():
        yield {"id": k.id, "source": k.source, "source_entity": k.source_entity.id if k.source_entity else None,
               "proposition": k.proposition, "cue": k.cue, **_grading(k), **_first_evidence(k)}


def _supports(sel: Selection) -> Iterator[Row]:
    kinds: tuple[tuple[str, Iterable[Fact]], ...] = (("relation", sel.relations()), ("event", sel.events()),
                                                     ("claim", sel.claims()))
    for kind, facts in kinds:
        for fact in facts:
            for s in fact.supports:
                base = {"fact": fact.id, "fact_kind": kind, "record": s.record, "document": s.document,
                        "source": s.source, "publisher": s.publisher, "published": s.published,
                        "origin": s.origin, "modality": s.modality, "attribution": s.attribution,
                        "role": s.role if isinstance(s, RelationSupport) else None,
                        "cue": s.cue if isinstance(s, ClaimSupport) else None}
                if not s.evidence:
                    yield {**base, "span": None, "start": None, "end": None, "text": None}
                for i, span in enumerate(s.evidence):
                    yield {**base, "span": i, "start": span.start, "end": span.end, "text": span.text}


TABLES: tuple[Table, ...] = (
    Table("documents", _cols("id source title published published_inferred:bool publisher dateline_place media_type "
                             "version:int previous_version"), lambda sel: sel.documents()),
    Table("entities", _cols("id type name aliases attributes n_documents:int"),
          lambda sel: ({**e, "aliases": dumps(e["aliases"]), "attributes": dumps(e["attributes"])}
                       for e in sel.entities())),
    Table("mentions", _cols("entity document start:int end:int text sentence_start:int sentence_end:int"),
          lambda sel: sel.mentions()),
    Table("relations", _cols(f"id subject subject_name predicate object object_name roles first_seen last_seen "
                             f"{FACT_COLS} {EVIDENCE_COLS}"), _relations),
    Table("events", _cols(f"id type label date date_granularity place place_name {FACT_COLS} {EVIDENCE_COLS}"),
          _events),
    Table("event_participants", _cols("event position:int entity entity_name role"), _participants),
    Table("claims", _cols(f"id source source_entity proposition cue {FACT_COLS} {EVIDENCE_COLS}"), _claims),
    Table("supports", _cols("fact fact_kind record document source publisher published origin modality attribution "
                            "role cue span:int start:int end:int text"), _supports),
)


def _screening(sel: Selection) -> Iterator[Row]:
    """Watchlist hits not rejected, one row per entity and list entry (docs/screening.md)."""
    hits = selection_hits(sel)
    for e in sel.entities():
        for h in hits.get(e["id"], []):
            yield {**h.row(), "entity_name": e["name"], "entity_type": e["type"]}


SCREENING_TABLE = Table("screening", _cols(
    "entity entity_name entity_type list list_format list_sha256 entry entry_name schema score:float status "
    "matched_name entry_matched_name reasons programs"), _screening)


def tables(selection: Selection) -> tuple[Table, ...]:
    """The tables to write: the ``screening`` table too when the store has watchlist hits not rejected (so
    exports of stores without watchlists keep their file set)."""
    return TABLES + (SCREENING_TABLE,) if selection_hits(selection) else TABLES


def safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas: prefix ``'`` to text that a spreadsheet would evaluate."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "bool":
        return "true" if value else "false"
    if kind == "int":
        return str(int(value))
    if kind == "float":
        return repr(float(value))
    return safe_cell(str(value))


def _replace_all(directory: Path, written: list[tuple[Path, Path]]) -> None:
    for tmp, final in written:
        os.replace(tmp, final)


def _prepare(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)


def write_csv(selection: Selection, directory: Path) -> list[Path]:
    """One ``<table>.csv`` per table in ``directory`` (UTF-8, header row, RFC 4180 quoting)."""
    _prepare(directory)
    written = []
    try:
        for table in tables(selection):
            tmp = directory / f".{table.name}.csv.tmp"
            written.append((tmp, directory / f"{table.name}.csv"))
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow([name for name, _ in table.columns])
                for row in table.rows(selection):
                    w.writerow([_csv_cell(row.get(name), kind) for name, kind in table.columns])
    except BaseException:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
        raise
    _replace_all(directory, written)
    return [final for _, final in written]


def write_parquet(selection: Selection, directory: Path) -> list[Path]:
    """One ``<table>.parquet`` per table in ``directory``, typed columns, row groups of ``BATCH`` rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "int": pa.int64(), "bool": pa.bool_(), "float": pa.float64()}
    _prepare(directory)
    written = []
    try:
        for table in tables(selection):
            schema = pa.schema([(name, types[kind]) for name, kind in table.columns])
            tmp = directory / f".{table.name}.parquet.tmp"
            written.append((tmp, directory / f"{table.name}.parquet"))
            with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
                batch: list[Row] = []
                for row in table.rows(selection):
                    batch.append(row)
                    if len(batch) >= BATCH:
                        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                        batch = []
                if batch:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    except BaseException:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
        raise
    _replace_all(directory, written)
    return [final for _, final in written]
