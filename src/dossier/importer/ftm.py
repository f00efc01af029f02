"""Read FollowTheMoney entities (line-delimited JSON, docs/formats/ftm.md) back into ``ImportedDocument``s.

Reports are the ``Article``/``Document`` entities that carry their text in ``bodyText``; every relationship or
event fragment must cite one of them in ``proof`` and give its evidence sentence in ``description`` (that is
what keeps an imported fact sourced). Fragments written by dossier also carry the record id (``recordId``) and
the modality (``summary``); entities are parsed and cleaned by the followthemoney model. Claims have no FtM
form, so the claims of an imported report come from re-reading its text.
"""

from __future__ import annotations

import json
import re

from followthemoney import model
from followthemoney.exc import FollowTheMoneyException
from followthemoney.proxy import EntityProxy

from dossier.importer.facts import (
    Endpoint,
    Evidence,
    ImportedDocument,
    ImportedEvent,
    ImportedRelation,
    ReadResult,
)
from dossier.model import Document, Modality
from dossier.model.vocab import CORROBORATION_PREFIX

ENTITY_TYPE = {"Person": "person", "Organization": "organization", "Company": "organization",
               "PublicBody": "organization", "Address": "place", "LegalEntity": "group", "Mention": "group"}
PREDICATE = {"Family": "family", "Membership": "membership", "Representation": "representation",
             "Associate": "associate", "Occupancy": "occupancy", "Directorship": "leadership"}
UNKNOWN_LINK_ROLES = {"located in": "located_in", "part of": "part_of"}
_SUMMARY = re.compile(rf"^({'|'.join(Modality)}) (?:by the reporter|according to (.+))$", re.S)


def _first(p: EntityProxy, prop: str) -> str | None:
    values = p.get(prop, quiet=True)
    return str(values[0]) if values else None


def _modality(p: EntityProxy) -> tuple[str, str]:
    """(modality, attribution) from a dossier fragment's summary; an FtM file from elsewhere is asserted."""
    for value in p.get("summary", quiet=True):
        if value.startswith(CORROBORATION_PREFIX):
            continue
        m = _SUMMARY.match(value)
        if m:
            return m.group(1), m.group(2) or "reporter"
    return "asserted", "reporter"


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.entities: dict[str, EntityProxy] = {}
        self.fragments: list[tuple[int, EntityProxy]] = []  # relationships and events, one per support
        self.problems: list[str] = []
        self.unreadable = False  # a line that cannot be tied to a report: nothing from the file is imported

    def add(self, n: int, line: str) -> None:
        try:
            data = json.loads(line)
            proxy = model.get_proxy(data, cleaned=False)
        except (ValueError, RecursionError, FollowTheMoneyException, TypeError, KeyError, AttributeError) as e:
            self.problems.append(f"{self.path}: line {n}: not an FtM entity ({_why(e)[:120]})")
            self.unreadable = True
            return
        if not proxy.id:
            self.problems.append(f"{self.path}: line {n}: id: missing")
            self.unreadable = True
        elif proxy.schema.edge or proxy.schema.is_a("Event"):
            self.fragments.append((n, proxy))
        elif proxy.id in self.entities:
            self.entities[proxy.id] = self.entities[proxy.id].merge(proxy)
        else:
            self.entities[proxy.id] = proxy

    def endpoint(self, ref: str | None, field: str) -> Endpoint:
        p = self.entities.get(ref or "")
        if p is None:
            raise ValueError(f"{field}: entity {ref!r} is not in the file")
        names = [*p.get("name", quiet=True), *p.get("full", quiet=True), *p.get("alias", quiet=True)]
        if not names:
            raise ValueError(f"{field}: entity {ref!r} has no name")
        etype = next((t for s, t in ENTITY_TYPE.items() if p.schema.name == s), None)
        return Endpoint(names[0], etype, tuple(dict.fromkeys(names[1:])))

    def documents(self) -> dict[str, ImportedDocument]:
        out: dict[str, ImportedDocument] = {}
        for eid, p in sorted(self.entities.items()):
            if not p.schema.is_a("Document"):
                continue
            text = _first(p, "bodyText")
            if not text:
                self.problems.append(f"{self.path}: {p.schema.name} {eid}: bodyText: missing (the report text is "
                                     "needed to store its facts with their evidence)")
                continue
            places = p.get("locationMentioned", quiet=True)
            doc = Document(id=Document.make_id(text), text=text,
                           source=_first(p, "fileName") or _first(p, "sourceUrl") or f"ftm:{eid}",
                           title=_first(p, "title"), published=_first(p, "publishedAt"),
                           publisher=_first(p, "publisher"), dateline_place=places[0] if len(places) == 1 else None,
                           media_type=_first(p, "mimeType") or "text/plain")
            out[eid] = ImportedDocument(where=f"{self.path}: {eid} ({doc.source})", document=doc, claims=None)
        return out

    def relation(self, n: int, p: EntityProxy) -> ImportedRelation:
        schema = p.schema
        src, dst = _first(p, schema.edge_source or ""), _first(p, schema.edge_target or "")
        role = _first(p, "role") or _first(p, "relationship")
        if schema.name == "Occupancy":
            post = self.entities.get(dst or "")
            if post is None:
                raise ValueError(f"post: position {dst!r} is not in the file")
            label = _first(post, "name") or ""
            role, _, where = label.partition(" of ")
            org = _first(post, "organization")
            obj = self.endpoint(org, "post.organization") if org else Endpoint(where)
            role = None if role == "post" else role
        else:
            obj = self.endpoint(dst, schema.edge_target or "target")
        fallback = PREDICATE.get(schema.name) or UNKNOWN_LINK_ROLES.get(role or "", "associate")
        modality, attribution = _modality(p)
        return ImportedRelation(
            where=f"line {n} ({schema.name} {p.id})", record=_first(p, "recordId"),
            subject=self.endpoint(src, schema.edge_source or "source"), predicate=None, object=obj, role=role,
            modality=modality, attribution=attribution, evidence=self._evidence(p), fallback_predicate=fallback)

    def event(self, n: int, p: EntityProxy) -> ImportedEvent:
        date = _first(p, "date")
        start, end = _first(p, "startDate"), _first(p, "endDate")
        if not date and start:
            date = f"{start}/{end}" if end else start
        place_ref = _first(p, "addressEntity")
        modality, attribution = _modality(p)
        return ImportedEvent(
            where=f"line {n} (Event {p.id})", record=_first(p, "recordId"), type=_first(p, "keywords") or "other",
            label=_first(p, "name") or "event", date=date,
            place=self.endpoint(place_ref, "addressEntity") if place_ref else None,
            participants=tuple((self.endpoint(r, "involved"), None) for r in p.get("involved", quiet=True)),
            modality=modality, attribution=attribution, evidence=self._evidence(p), roles_known=False)

    @staticmethod
    def _evidence(p: EntityProxy) -> tuple[Evidence, ...]:
        texts = p.get("description", quiet=True)
        if not texts:
            raise ValueError("description: no evidence sentence")
        return tuple(Evidence(t) for t in texts)


def read(path: str, text: str) -> ReadResult:
    """Parse ``text`` (the content of ``path``) into documents and their relations and events.

    Lines are split at ``\n`` only (JSON escapes every other line break a value could hold, and a raw U+2028
    inside a string is valid JSON). A fragment's problem rejects the report it cites, whole; a line that cannot
    be read at all could belong to any report, so nothing from that file is imported.
    """
    r = _Reader(path)
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            r.add(n, line)
    if r.unreadable:
        r.problems.append(f"{path}: nothing imported from this file (a line that cannot be read may hold the "
                          "facts of any report in it)")
        return ReadResult(problems=r.problems)
    docs = r.documents()
    for n, p in r.fragments:
        proof = [d for d in p.get("proof", quiet=True) if d in docs]
        if not proof:
            r.problems.append(f"{path}: line {n} ({p.schema.name} {p.id}): proof: cites no report in this file")
            continue
        target = docs[proof[0]]
        try:
            if p.schema.is_a("Event"):
                target.events.append(r.event(n, p))  # type: ignore[union-attr]
            else:
                target.relations.append(r.relation(n, p))  # type: ignore[union-attr]
        except ValueError as e:
            target.problems.append(f"{path}: line {n} ({p.schema.name} {p.id}): {e}")
    return ReadResult(documents=list(docs.values()), problems=r.problems)


def _why(e: Exception) -> str:
    return str(e) or type(e).__name__

