"""The property-graph projection that GraphML and GEXF share (docs/formats/graphml-gexf.md).

Nodes are entities and events; edges are relations (entity → entity) and event roles (event → participant,
event → place). Claims, mentions and document text do not fit a plain attributed graph and are left out; each
edge names its supporting documents instead. Attribute values are plain strings and numbers; lists are JSON.
Both writers declare the attributes below before any node, and leave an attribute out where it has no value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO
from xml.sax.saxutils import escape

from dossier.export.screening import selection_hits
from dossier.export.select import Selection, dumps
from dossier.model.facts import Fact

# (name, type) — type is "string", "int" or "double"; the order is the declaration order in the file.
NODE_ATTRS: tuple[tuple[str, str], ...] = (
    ("kind", "string"), ("type", "string"), ("label", "string"), ("aliases", "string"),
    ("n_documents", "int"), ("date", "string"), ("modality", "string"), ("documents", "int"),
    ("independent_sources", "int"), ("grade", "string"), ("confidence", "int"), ("first_seen", "string"),
    ("last_seen", "string"), ("supports", "string"),
)
# declared only when the store has watchlist hits (so exports of other stores stay byte-identical)
SCREENING_NODE_ATTRS: tuple[tuple[str, str], ...] = (
    ("watchlist_status", "string"), ("watchlist_score", "double"), ("watchlist_hits", "string"),
)
EDGE_ATTRS: tuple[tuple[str, str], ...] = (
    ("kind", "string"), ("label", "string"), ("fact", "string"), ("roles", "string"), ("modality", "string"),
    ("documents", "int"), ("independent_sources", "int"), ("weight", "double"), ("grade", "string"),
    ("confidence", "int"), ("first_seen", "string"), ("last_seen", "string"), ("supports", "string"),
)

# XML 1.0 allows TAB, LF, CR and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """A value as XML-safe text: characters XML 1.0 cannot carry become U+FFFD (markup is escaped by the
    writer)."""
    return _ILLEGAL_XML.sub("\ufffd", str(value))


_ATTR_ENTITIES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


class XmlStream:
    """A minimal streaming XML writer (typed, unlike ``XMLGenerator``'s stubs): every value goes through
    ``xml_text`` and is escaped, so names can carry neither markup nor characters XML cannot hold. ``depth``
    starts the tag on a new line indented by that many levels (-1: inline)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        out.write('<?xml version="1.0" encoding="utf-8"?>')

    def _tag(self, name: str, attrs: dict[str, str] | None, depth: int, tail: str) -> None:
        lead = "\n" + "  " * depth if depth >= 0 else ""
        parts = "".join(f' {k}="{escape(xml_text(v), _ATTR_ENTITIES)}"' for k, v in (attrs or {}).items())
        self.out.write(f"{lead}<{name}{parts}{tail}>")

    def open(self, name: str, attrs: dict[str, str] | None = None, depth: int = -1) -> None:
        self._tag(name, attrs, depth, "")

    def empty(self, name: str, attrs: dict[str, str] | None = None, depth: int = -1) -> None:
        self._tag(name, attrs, depth, "/")

    def element(self, name: str, attrs: dict[str, str] | None, text: str) -> None:
        self._tag(name, attrs, -1, "")
        self.out.write(f"{escape(xml_text(text))}</{name}>")

    def close(self, name: str, depth: int = -1) -> None:
        lead = "\n" + "  " * depth if depth >= 0 else ""
        self.out.write(f"{lead}</{name}>")

    def finish(self) -> None:
        self.out.write("\n")


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str
    attrs: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Edge:
    id: str
    source: str
    target: str
    label: str
    attrs: dict[str, Any]


def _fact_attrs(fact: Fact) -> dict[str, Any]:
    return {
        "modality": fact.modality, "documents": fact.documents, "independent_sources": fact.independent_sources,
        "grade": fact.grade, "confidence": fact.confidence,
        "supports": dumps(sorted({s.document for s in fact.supports})),
    }


def node_attrs(selection: Selection) -> tuple[tuple[str, str], ...]:
    """The node attributes to declare: the screening ones too when any entity has a hit not rejected."""
    return NODE_ATTRS + SCREENING_NODE_ATTRS if selection_hits(selection) else NODE_ATTRS


def _screening_attrs(selection: Selection, entity_id: str) -> dict[str, Any]:
    """``watchlist_status`` (confirmed | possible), the best score, and every hit as JSON (docs/screening.md)."""
    hits = selection_hits(selection).get(entity_id)
    if not hits:
        return {}
    status = "confirmed" if any(h.verdict == "confirmed" for h in hits) else "possible"
    rows = [{k: v for k, v in h.row().items() if k != "entity"} for h in hits]
    return {"watchlist_status": status, "watchlist_score": hits[0].score, "watchlist_hits": dumps(rows)}


def nodes(selection: Selection) -> Iterator[Node]:
    """Entities, then events, each in the selection's order."""
    for e in selection.entities():
        yield Node(e["id"], e["name"], {"kind": "entity", "type": e["type"], "label": e["name"],
                                        "aliases": dumps(e["aliases"]), "n_documents": e["n_documents"],
                                        **_screening_attrs(selection, e["id"])})
    for ev in selection.events():
        yield Node(ev.id, ev.label, {"kind": "event", "type": ev.type, "label": ev.label, "date": ev.date,
                                     "first_seen": ev.date, "last_seen": ev.date, **_fact_attrs(ev)})


def edges(selection: Selection) -> Iterator[Edge]:
    """Relations, then each event's place and participants (in the fact's order)."""
    for r in selection.relations():
        attrs = {"kind": "relation", "label": r.predicate, "fact": r.id, "roles": dumps(r.roles),
                 "weight": float(r.independent_sources or 1), "first_seen": r.first_seen, "last_seen": r.last_seen,
                 **_fact_attrs(r)}
        yield Edge(r.id, r.subject.id, r.object.id, r.predicate, attrs)
    for ev in selection.events():
        common = {"fact": ev.id, "weight": float(ev.independent_sources or 1), "first_seen": ev.date,
                  "last_seen": ev.date, **_fact_attrs(ev)}
        if ev.place:
            yield Edge(f"{ev.id}/place", ev.id, ev.place.id, "place", {"kind": "place", "label": "place", **common})
        for i, p in enumerate(ev.participants):
            role = p.role or "participant"
            yield Edge(f"{ev.id}/{i}", ev.id, p.entity.id, role, {"kind": "participant", "label": role, **common})


def present(attrs: dict[str, Any], declared: tuple[tuple[str, str], ...]) -> Iterator[tuple[str, str, str]]:
    """(name, type, text) for each declared attribute that has a value, in declaration order."""
    for name, kind in declared:
        value = attrs.get(name)
        if value is None:
            continue
        text = repr(float(value)) if kind == "double" else str(int(value)) if kind == "int" else xml_text(value)
        yield name, kind, text
