"""Read a dossier JSON export (docs/export-json.md) back into ``ImportedDocument``s.

The export must carry the report texts (``dossier export --format json --include-text``): a report is stored
with its text or not at all, since every fact points at characters of it. Every item is checked on its own; a
bad one is reported in one line naming the file and the field and the rest goes on.
"""

from __future__ import annotations

import json
from typing import Any

from dossier.importer.facts import (
    Endpoint,
    Evidence,
    ImportedClaim,
    ImportedDocument,
    ImportedEvent,
    ImportedRelation,
    ReadResult,
)
from dossier.model import Document

FORMAT = "dossier-json"
FORMAT_VERSIONS = {1}


def _evidence(item: dict[str, Any]) -> Evidence:
    return Evidence(str(item["text"]), int(item["start"]), int(item["end"]))


class _Entities:
    """The file's entities, named per report by their mentions in it."""

    def __init__(self, items: list[dict[str, Any]]) -> None:
        self.items = {e["id"]: e for e in items}

    def endpoint(self, eid: str, document: str, field: str) -> Endpoint:
        e = self.items.get(eid)
        if e is None:
            raise ValueError(f"{field}: unknown entity {eid!r}")
        spans = tuple((int(m["start"]), int(m["end"])) for m in e.get("mentions") or []
                      if m.get("document") == document)
        return Endpoint(str(e["name"]), str(e["type"]), tuple(e.get("aliases") or ()), spans)


def _document(item: dict[str, Any]) -> Document:
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError("text: missing (export with --include-text so the report can be re-created)")
    return Document(id=Document.make_id(text), text=text, source=str(item["source"]), title=item.get("title"),
                    published=item.get("published"), published_inferred=bool(item.get("published_inferred")),
                    publisher=item.get("publisher"), dateline_place=item.get("dateline_place"),
                    media_type=str(item.get("media_type") or "text/plain"))


def _relation(r: dict[str, Any], i: int, ents: _Entities) -> tuple[str, ImportedRelation]:
    evidence = tuple(_evidence(e) for e in r["evidence"])
    doc = r["evidence"][0]["document"]
    return doc, ImportedRelation(
        where=f"relations[{i}]", record=r.get("id"), subject=ents.endpoint(r["subject"], doc, "subject"),
        predicate=str(r["predicate"]), object=ents.endpoint(r["object"], doc, "object"), role=r.get("role"),
        modality=str(r["modality"]), attribution=str(r.get("attribution") or "reporter"), evidence=evidence)


def _event(e: dict[str, Any], i: int, ents: _Entities) -> tuple[str, ImportedEvent]:
    doc = e["trigger"]["document"]
    place = ents.endpoint(e["place"], doc, "place") if e.get("place") else None
    parts = tuple((ents.endpoint(p["entity"], doc, "participants"), p.get("role")) for p in e["participants"])
    return doc, ImportedEvent(
        where=f"events[{i}]", record=e.get("id"), type=str(e["type"]), label=str(e["label"]), date=e.get("date"),
        place=place, participants=parts, modality=str(e["modality"]),
        attribution=str(e.get("attribution") or "reporter"), evidence=tuple(_evidence(x) for x in e["evidence"]),
        trigger=_evidence(e["trigger"]), date_granularity=e.get("date_granularity"),
        date_inferred=bool(e.get("date_inferred")))


def _claim(k: dict[str, Any], i: int, ents: _Entities) -> tuple[str, ImportedClaim]:
    doc = k["document"]
    src = ents.endpoint(k["source_entity"], doc, "source_entity") if k.get("source_entity") else None
    return doc, ImportedClaim(
        where=f"claims[{i}]", record=k.get("id"), proposition=_evidence(k["proposition"]), source=str(k["source"]),
        source_entity=src, modality=str(k["modality"]), cue=k.get("cue"), evidence=_evidence(k["evidence"]))


def read(path: str, text: str) -> ReadResult:
    """Parse ``text`` (the content of ``path``) into documents and their facts."""
    out = ReadResult()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        out.problems.append(f"{path}: not JSON ({e.msg} at line {e.lineno})")
        return out
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        out.problems.append(f"{path}: format: not a dossier JSON export (expected \"format\": \"{FORMAT}\")")
        return out
    if data.get("format_version") not in FORMAT_VERSIONS:
        out.problems.append(f"{path}: format_version: {data.get('format_version')!r} is not supported "
                            f"(this dossier reads {sorted(FORMAT_VERSIONS)})")
        return out
    by_id: dict[str, ImportedDocument] = {}
    unreadable: set[object] = set()
    for i, item in enumerate(data.get("documents") or []):
        try:
            doc = _document(item)
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            out.problems.append(f"{path}: documents[{i}] ({_get(item, 'id')}): {_why(e)}")
            unreadable.add(_get(item, "id"))
            continue
        imported = ImportedDocument(where=f"{path}: documents[{i}] ({doc.source})", document=doc)
        by_id[str(item.get("id") or doc.id)] = imported
        out.documents.append(imported)
    try:
        ents = _Entities(list(data.get("entities") or []))
    except (KeyError, TypeError) as e:
        out.problems.append(f"{path}: entities: {_why(e)}")
        return out
    for section, parse, attr in (("relations", _relation, "relations"), ("events", _event, "events"),
                                 ("claims", _claim, "claims")):
        for i, item in enumerate(data.get(section) or []):
            try:
                doc_id, fact = parse(item, i, ents)
            except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
                out.problems.append(f"{path}: {section}[{i}] ({_get(item, 'id')}): {_why(e)}")
                continue
            target = by_id.get(doc_id)
            if target is not None:
                getattr(target, attr).append(fact)
            elif doc_id not in unreadable:  # facts of a report that could not be read were reported with it
                out.problems.append(f"{path}: {section}[{i}]: document {doc_id!r} is not in the file")
    return out


def _get(item: object, key: str) -> object:
    return item.get(key) if isinstance(item, dict) else None


def _why(e: Exception) -> str:
    return f"missing field {e}" if isinstance(e, KeyError) else str(e)
