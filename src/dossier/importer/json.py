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


SECTIONS = ("documents", "entities", "relations", "events", "claims")
_ERRORS = (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError)


def _offset(value: object, field: str) -> int:
    """A character offset: a JSON integer, nothing else (``1e400`` is a float, ``true`` a bool)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{field}: {str(value)[:40]!r} is not an integer offset")
    return value


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{field}: expected a string, got {type(value).__name__}")
    return value


def _optional_text(item: dict[str, Any], field: str) -> str | None:
    value = item.get(field)
    return None if value is None else _text(value, field)


def _evidence(item: dict[str, Any]) -> Evidence:
    return Evidence(_text(item["text"], "text"), _offset(item["start"], "start"), _offset(item["end"], "end"))


class _Entities:
    """The file's entities, named per report by their mentions in it."""

    def __init__(self, items: list[dict[str, Any]]) -> None:
        self.items = {e["id"]: e for e in items}

    def endpoint(self, eid: str, document: str, field: str) -> Endpoint:
        e = self.items.get(eid)
        if e is None:
            raise ValueError(f"{field}: unknown entity {eid!r}")
        spans = tuple((_offset(m["start"], "start"), _offset(m["end"], "end")) for m in e.get("mentions") or []
                      if m.get("document") == document)
        aliases = tuple(_text(a, f"{field}.aliases") for a in e.get("aliases") or ())
        return Endpoint(_text(e["name"], f"{field}.name"), _text(e["type"], f"{field}.type"), aliases, spans)


def _document(item: dict[str, Any]) -> Document:
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError("text: missing (export with --include-text so the report can be re-created)")
    return Document(id=Document.make_id(text), text=text, source=_text(item["source"], "source"),
                    title=_optional_text(item, "title"), published=_optional_text(item, "published"),
                    published_inferred=bool(item.get("published_inferred")),
                    publisher=_optional_text(item, "publisher"), dateline_place=_optional_text(item, "dateline_place"),
                    media_type=_optional_text(item, "media_type") or "text/plain")


def _relation(r: dict[str, Any], i: int, ents: _Entities) -> tuple[str, ImportedRelation]:
    evidence = tuple(_evidence(e) for e in r["evidence"])
    doc = r["evidence"][0]["document"]
    return doc, ImportedRelation(
        where=f"relations[{i}]", record=_optional_text(r, "id"), subject=ents.endpoint(r["subject"], doc, "subject"),
        predicate=_text(r["predicate"], "predicate"), object=ents.endpoint(r["object"], doc, "object"),
        role=_optional_text(r, "role"), modality=_text(r["modality"], "modality"),
        attribution=_optional_text(r, "attribution") or "reporter", evidence=evidence)


def _event(e: dict[str, Any], i: int, ents: _Entities) -> tuple[str, ImportedEvent]:
    doc = e["trigger"]["document"]
    place = ents.endpoint(e["place"], doc, "place") if e.get("place") else None
    parts = tuple((ents.endpoint(p["entity"], doc, "participants"), _optional_text(p, "role"))
                  for p in e["participants"])
    return doc, ImportedEvent(
        where=f"events[{i}]", record=_optional_text(e, "id"), type=_text(e["type"], "type"),
        label=_text(e["label"], "label"), date=_optional_text(e, "date"), place=place, participants=parts,
        modality=_text(e["modality"], "modality"), attribution=_optional_text(e, "attribution") or "reporter",
        evidence=tuple(_evidence(x) for x in e["evidence"]), trigger=_evidence(e["trigger"]),
        date_granularity=_optional_text(e, "date_granularity"), date_inferred=bool(e.get("date_inferred")))


def _claim(k: dict[str, Any], i: int, ents: _Entities) -> tuple[str, ImportedClaim]:
    doc = k["document"]
    src = ents.endpoint(k["source_entity"], doc, "source_entity") if k.get("source_entity") else None
    return doc, ImportedClaim(
        where=f"claims[{i}]", record=_optional_text(k, "id"), proposition=_evidence(k["proposition"]),
        source=_text(k["source"], "source"), source_entity=src, modality=_text(k["modality"], "modality"),
        cue=_optional_text(k, "cue"), evidence=_evidence(k["evidence"]))


def read(path: str, text: str) -> ReadResult:
    """Parse ``text`` (the content of ``path``) into documents and their facts.

    A problem with a fact is the problem of its report (kept in ``ImportedDocument.problems``, which rejects the
    report whole); a problem that cannot be tied to one report (a malformed section, a fact whose report cannot
    be told) rejects the whole file, so no report is ever stored without facts the file gave for it.
    """
    out = ReadResult()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        out.problems.append(f"{path}: not JSON ({e.msg} at line {e.lineno})")
        return out
    except (ValueError, RecursionError) as e:  # a 5,000-digit number; nesting deeper than Python's stack
        out.problems.append(f"{path}: not JSON dossier can read ({_why(e)[:120]})")
        return out
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        out.problems.append(f"{path}: format: not a dossier JSON export (expected \"format\": \"{FORMAT}\")")
        return out
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version not in FORMAT_VERSIONS:
        out.problems.append(f"{path}: format_version: {str(data.get('format_version'))[:40]!r} is not supported "
                            f"(this dossier reads {sorted(FORMAT_VERSIONS)})")
        return out
    for section in SECTIONS:
        value = data.get(section)
        if value is not None and not isinstance(value, list):
            out.problems.append(f"{path}: {section}: expected a list, got {type(value).__name__}; "
                                "nothing imported from this file")
            return out
    by_id: dict[str, ImportedDocument] = {}
    unreadable: set[object] = set()
    for i, item in enumerate(data.get("documents") or []):
        try:
            doc = _document(item)
        except _ERRORS as e:
            out.problems.append(f"{path}: documents[{i}] ({_short(_get(item, 'id'))}): {_why(e)}")
            unreadable.add(_key(_get(item, "id")))
            continue
        imported = ImportedDocument(where=f"{path}: documents[{i}] ({doc.source})", document=doc)
        by_id[str(item.get("id") or doc.id)] = imported
        out.documents.append(imported)
    try:
        ents = _Entities(list(data.get("entities") or []))
    except _ERRORS as e:
        out.problems.append(f"{path}: entities: {_why(e)}; nothing imported from this file")
        out.documents.clear()
        return out
    for section, parse, attr in (("relations", _relation, "relations"), ("events", _event, "events"),
                                 ("claims", _claim, "claims")):
        for i, item in enumerate(data.get(section) or []):
            where = f"{path}: {section}[{i}] ({_short(_get(item, 'id'))})"
            try:
                doc_id, fact = parse(item, i, ents)
            except _ERRORS as e:
                owner = by_id.get(_key(_document_of(item, section)) or "")
                if owner is None:
                    if _key(_document_of(item, section)) in unreadable:
                        continue  # reported with its report
                    out.problems.append(f"{where}: {_why(e)}; its report cannot be told, so nothing imported "
                                        "from this file")
                    out.documents.clear()
                    return out
                owner.problems.append(f"{where}: {_why(e)}")
                continue
            target = by_id.get(_key(doc_id) or "")
            if target is not None:
                getattr(target, attr).append(fact)
            elif _key(doc_id) not in unreadable:  # facts of a report that could not be read were reported with it
                out.problems.append(f"{path}: {section}[{i}]: document {_short(doc_id)} is not in the file")
    return out


def _document_of(item: object, section: str) -> object:
    """The report a (possibly malformed) fact belongs to, if it can be told at all."""
    try:
        if section == "relations":
            return item["evidence"][0]["document"]  # type: ignore[index]
        if section == "events":
            return item["trigger"]["document"]  # type: ignore[index]
        return item["document"]  # type: ignore[index]
    except (KeyError, TypeError, IndexError):
        return None


def _key(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _short(value: object) -> str:
    return repr(value)[:80]


def _get(item: object, key: str) -> object:
    return item.get(key) if isinstance(item, dict) else None


def _why(e: BaseException) -> str:
    if isinstance(e, KeyError):
        return f"missing field {e}"
    if isinstance(e, TypeError | AttributeError):
        return "wrong shape (expected an object with the documented fields)"
    return str(e) or type(e).__name__
