"""Neo4j export: CSV files with typed headers for ``neo4j-admin database import full`` (docs/formats/neo4j.md).

Graph model: (:Entity:<Type>), (:Event), (:Claim) and (:Document) nodes; relations are typed relationships
between entities (``MEMBERSHIP``, ``LEADERSHIP``…) carrying modality, grading and their supporting document ids;
``PARTICIPATED_IN``, ``OCCURRED_AT``, ``CLAIMED``, ``SUPPORTED_BY`` (with the evidence span) and ``MENTIONED_IN``
tie the rest together. Each node file has one ``:ID`` column in its own ID space (Entity, Event, Claim,
Document), so every relationship file names the ID space of both ends and the importer can check them.

Arrays use U+001F as the element delimiter (ingest removes control characters from text, so no value can contain
it) and evidence text may span lines: the import needs ``--array-delimiter=U+001F --multiline-fields=true``,
as ``import.sh`` (written next to the files) says. Values are written as they are — no spreadsheet ``'`` prefix
— since Neo4j, not a spreadsheet, reads them.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dossier.export.screening import selection_hits
from dossier.export.select import Selection
from dossier.model.facts import Fact

ARRAY_DELIMITER = "\x1f"
NODE_FILES = ("entities", "events", "claims", "documents")
SCREENING_NODE_FILES = ("watchlist_entries",)  # only with watchlist hits
FactFields = ("modality", "documents:int", "independent_sources:int", "grade", "confidence:int", "grade_reason")
Row = list[Any]


def symbol(value: str) -> str:
    """A label or relationship type from free text: letters, digits and ``_`` only (``member of`` → MEMBER_OF
    when ``upper``), never empty."""
    return re.sub(r"[^0-9A-Za-z_]+", "_", value).strip("_") or "UNKNOWN"


def _label(entity_type: str) -> str:
    return symbol(entity_type).capitalize()


def _array(values: Iterable[str]) -> str:
    return ARRAY_DELIMITER.join(values)


def _grading(fact: Fact) -> Row:
    return [fact.modality, fact.documents, fact.independent_sources, fact.grade, fact.confidence,
            fact.grade_reason]


def _entities(sel: Selection) -> Iterator[Row]:
    for e in sel.entities():
        yield [e["id"], e["name"], e["type"], _array(e["aliases"]), e["n_documents"], f"Entity;{_label(e['type'])}"]


def _documents(sel: Selection) -> Iterator[Row]:
    for d in sel.documents():
        yield [d["id"], d["source"], d["title"], d["published"], d["publisher"], d["media_type"], d["version"],
               "Document"]


def _events(sel: Selection) -> Iterator[Row]:
    for e in sel.events():
        yield [e.id, e.type, e.label, e.date, e.date_granularity, *_grading(e), "Event"]


def _claims(sel: Selection) -> Iterator[Row]:
    for k in sel.claims():
        yield [k.id, k.source, k.proposition, k.cue, *_grading(k), "Claim"]


def _relations(sel: Selection) -> Iterator[Row]:
    for r in sel.relations():
        docs = sorted({s.document for s in r.supports})
        yield [r.subject.id, r.object.id, symbol(r.predicate).upper(), r.id, _array(r.roles), r.first_seen,
               r.last_seen, *_grading(r), _array(docs)]


def _participants(sel: Selection) -> Iterator[Row]:
    for e in sel.events():
        for i, p in enumerate(e.participants):
            yield [p.entity.id, e.id, "PARTICIPATED_IN", p.role, i]


def _places(sel: Selection) -> Iterator[Row]:
    for e in sel.events():
        if e.place:
            yield [e.id, e.place.id, "OCCURRED_AT"]


def _claim_sources(sel: Selection) -> Iterator[Row]:
    for k in sel.claims():
        if k.source_entity:
            yield [k.source_entity.id, k.id, "CLAIMED"]


def _supports(facts: Iterable[Fact]) -> Iterator[Row]:
    for fact in facts:
        for s in fact.supports:
            for span in s.evidence:
                if span.document != s.document:
                    continue
                yield [fact.id, s.document, "SUPPORTED_BY", s.record, s.modality, s.attribution, span.start,
                       span.end, span.text]


def _mentions(sel: Selection) -> Iterator[Row]:
    for m in sel.mentions():
        yield [m["entity"], m["document"], "MENTIONED_IN", m["start"], m["end"], m["text"]]


_SUPPORT_COLS = ["record", "modality", "attribution", "start:int", "end:int", "text"]
FILES: tuple[tuple[str, list[str], Any], ...] = (
    ("entities", ["entityId:ID(Entity)", "name", "type", "aliases:string[]", "n_documents:int", ":LABEL"],
     _entities),
    ("events", ["eventId:ID(Event)", "type", "label", "date", "date_granularity", *FactFields, ":LABEL"], _events),
    ("claims", ["claimId:ID(Claim)", "source", "proposition", "cue", *FactFields, ":LABEL"], _claims),
    ("documents", ["documentId:ID(Document)", "source", "title", "published", "publisher", "media_type",
                   "version:int", ":LABEL"], _documents),
    ("relations", [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "id", "roles:string[]", "first_seen",
                   "last_seen", *FactFields, "supporting_documents:string[]"], _relations),
    ("participants", [":START_ID(Entity)", ":END_ID(Event)", ":TYPE", "role", "position:int"], _participants),
    ("event_places", [":START_ID(Event)", ":END_ID(Entity)", ":TYPE"], _places),
    ("claim_sources", [":START_ID(Entity)", ":END_ID(Claim)", ":TYPE"], _claim_sources),
    ("event_supports", [":START_ID(Event)", ":END_ID(Document)", ":TYPE", *_SUPPORT_COLS],
     lambda sel: _supports(sel.events())),
    ("claim_supports", [":START_ID(Claim)", ":END_ID(Document)", ":TYPE", *_SUPPORT_COLS],
     lambda sel: _supports(sel.claims())),
    ("mentions", [":START_ID(Entity)", ":END_ID(Document)", ":TYPE", "start:int", "end:int", "text"], _mentions),
)


def _watchlist_entries(sel: Selection) -> Iterator[Row]:
    seen: dict[str, Row] = {}
    for hits in selection_hits(sel).values():
        for h in hits:
            seen.setdefault(f"{h.list}:{h.entry}", [f"{h.list}:{h.entry}", h.entry_name, h.list, h.list_format,
                                                     h.list_sha256, h.entry, h.schema, h.programs(),
                                                     "WatchlistEntry"])
    return iter(seen[k] for k in sorted(seen))


def _watchlist_hits(sel: Selection) -> Iterator[Row]:
    hits = selection_hits(sel)
    for e in sel.entities():
        for h in hits.get(e["id"], []):
            yield [e["id"], f"{h.list}:{h.entry}", "WATCHLIST_MATCH", h.status, h.score, h.matched[0], h.matched[1],
                   _array(h.how)]


# written only when the store has watchlist hits not rejected (docs/screening.md)
SCREENING_FILES: tuple[tuple[str, list[str], Any], ...] = (
    ("watchlist_entries", ["entryId:ID(WatchlistEntry)", "name", "list", "list_format", "list_sha256", "entry",
                           "schema", "programs", ":LABEL"], _watchlist_entries),
    ("watchlist_hits", [":START_ID(Entity)", ":END_ID(WatchlistEntry)", ":TYPE", "status", "score:double",
                        "matched_name", "entry_matched_name", "reasons:string[]"], _watchlist_hits),
)


def files(selection: Selection) -> tuple[tuple[str, list[str], Any], ...]:
    return FILES + SCREENING_FILES if selection_hits(selection) else FILES


def import_command(database: str = "neo4j", written: Iterable[str] | None = None) -> str:
    """The ``neo4j-admin`` command line that loads the files (run from the export directory); ``database`` comes
    last, after any extra options."""
    names = list(written) if written is not None else [name for name, _, _ in FILES]
    nodes = " ".join(f"--nodes={name}.csv" for name in names if name in NODE_FILES + SCREENING_NODE_FILES)
    rels = " ".join(f"--relationships={name}.csv" for name in names if name not in NODE_FILES + SCREENING_NODE_FILES)
    return (f"neo4j-admin database import full --array-delimiter=U+001F --multiline-fields=true "
            f"{nodes} {rels} {database}")


def write(selection: Selection, directory: Path) -> list[Path]:
    """Write every file of the model plus ``import.sh`` into ``directory``; each is renamed into place when done."""
    directory.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, Path]] = []
    try:
        chosen = files(selection)
        for name, header, rows in chosen:
            tmp = directory / f".{name}.csv.tmp"
            written.append((tmp, directory / f"{name}.csv"))
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(header)
                w.writerows(rows(selection))
        tmp = directory / ".import.sh.tmp"
        written.append((tmp, directory / "import.sh"))
        # extra options from the caller, then the database
        command = import_command('"$@" neo4j', [name for name, _, _ in chosen])
        tmp.write_text("#!/bin/sh\n# Load this dossier export into an empty Neo4j database (docs/formats/neo4j.md).\n"
                       f'cd "$(dirname "$0")" && exec {command}\n', encoding="utf-8")
    except BaseException:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in written:
        os.replace(tmp, final)
    return [final for _, final in written]
