"""Graph endpoints: an entity's neighbourhood for the link chart, and paths between two entities.

The graph's nodes are canonical entities and its edges are cross-document relation facts (after the filters), so
an edge carries the modality and corroboration the chart styles it by.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query

from dossier.model.facts import EventFact, RelationFact
from dossier.serve.errors import ApiError
from dossier.serve.index import Index
from dossier.serve.params import FactFilter, IndexDep, RelationFilterDep, entity_or_404

router = APIRouter(prefix="/api")


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """An edge of the chart: a relation fact, or an entity's tie to an event (``kind`` "event"), with the
    modality and corroboration the chart styles it by."""

    id: str
    source: str
    target: str
    predicate: str
    roles: tuple[str, ...]
    modality: str
    documents: int
    independent_sources: int
    grade: str
    confidence: int | None
    first_seen: str | None
    last_seen: str | None
    kind: str

    @classmethod
    def of(cls, f: RelationFact) -> GraphEdge:
        return cls(f.id, f.subject.id, f.object.id, f.predicate, f.roles, f.modality, f.documents,
                   f.independent_sources, f.grade, f.confidence, f.first_seen, f.last_seen, "relation")


def _edges(index: Index, node: str, flt: FactFilter, events: bool = False) -> list[tuple[str, GraphEdge]]:
    """(neighbour, edge) for each filtered edge of ``node``: its relations, and with ``events`` the events it
    takes part in (an event is then a node of its own, tied to its participants and place, so a path can go
    through it). An event node's edges are its participants and its place."""
    out = []
    if node in index.events:
        ev = index.events[node]
        if flt.keeps(ev):
            for eid, role in _event_members(ev):
                if eid in index.entities:
                    out.append((eid, _event_edge(ev, eid, role)))
        return out
    for f in index.relations_of(node):
        if not flt.keeps(f, by_kind=True):
            continue
        s, o = f.subject.id, f.object.id
        other = o if s == node else s
        if other != node and other in index.entities:
            out.append((other, GraphEdge.of(f)))
    if events and not flt.kind:  # a relation-type filter asks for relations only
        for ev in index.events_of(node):
            if flt.keeps(ev):
                role = next((r for eid, r in _event_members(ev) if eid == node), "participant")
                out.append((ev.id, _event_edge(ev, node, role)))
    return out


def _event_members(ev: EventFact) -> list[tuple[str, str]]:
    """(entity id, role) of an event's participants and its place, each entity once."""
    seen: dict[str, str] = {}
    for p in ev.participants:
        if p.entity.id:
            seen.setdefault(p.entity.id, p.role or "participant")
    if ev.place and ev.place.id:
        seen.setdefault(ev.place.id, "place")
    return sorted(seen.items())


def _event_edge(ev: EventFact, entity: str, role: str) -> GraphEdge:
    """The tie between an entity and an event, carrying the event's modality and corroboration."""
    return GraphEdge(f"{ev.id}~{entity}", entity, ev.id, "at" if role == "place" else role, (), ev.modality,
                     ev.documents, ev.independent_sources, ev.grade, ev.confidence, ev.date, ev.date, "event")


def _node(index: Index, eid: str, depth: int) -> dict[str, Any]:
    if eid in index.events:
        ev = index.events[eid]
        date = f" ({ev.date})" if ev.date else ""
        return {"id": eid, "name": f"{ev.label or ev.type}{date}", "type": "event", "event_type": ev.type,
                "date": ev.date, "mentions": ev.documents or 0, "depth": depth, "degree": len(_event_members(ev))}
    e = index.entities[eid]
    return {"id": eid, "name": e.name, "type": e.type, "mentions": e.n_mentions, "depth": depth,
            "degree": len(index.by_entity.get(eid, {}).get("relations", []))}


def _edge(f: GraphEdge) -> dict[str, Any]:
    return {"id": f.id, "source": f.source, "target": f.target, "predicate": f.predicate, "roles": list(f.roles),
            "modality": f.modality, "documents": f.documents, "independent_sources": f.independent_sources,
            "grade": f.grade, "confidence": f.confidence, "first_seen": f.first_seen, "last_seen": f.last_seen,
            "kind": f.kind}


EventsQ = Annotated[bool, Query(description="Events as nodes, tied to their participants and place.")]


@router.get("/entities/{entity_id}/neighbourhood", summary="An entity's neighbours for the link chart")
def neighbourhood(index: IndexDep, flt: RelationFilterDep, entity_id: str,
                  depth: Annotated[int, Query(ge=1, le=3, description="Hops from the entity.")] = 1,
                  limit: Annotated[int, Query(ge=1, le=1000, description="At most this many nodes.")] = 150,
                  events: EventsQ = False) -> dict[str, Any]:
    """Breadth first from the entity; the best-corroborated neighbours are taken first when ``limit`` cuts."""
    entity_or_404(index, entity_id)
    depths = {entity_id: 0}
    edges: dict[str, GraphEdge] = {}
    frontier = [entity_id]
    truncated = False
    for d in range(1, depth + 1):
        nxt: list[str] = []
        for eid in frontier:
            ranked = sorted(_edges(index, eid, flt, events), key=lambda p: -p[1].independent_sources)
            for other, f in ranked:
                if other not in depths:
                    if len(depths) >= limit:
                        truncated = True
                        continue
                    depths[other] = d
                    nxt.append(other)
                edges[f.id] = f
        frontier = nxt
    kept = [f for f in edges.values() if f.source in depths and f.target in depths]
    return {"center": entity_id, "nodes": [_node(index, e, d) for e, d in depths.items()],
            "edges": [_edge(f) for f in sorted(kept, key=lambda f: f.id)], "truncated": truncated}


@router.get("/paths", summary="Shortest paths between two entities")
def paths(index: IndexDep, flt: RelationFilterDep,
          source: Annotated[str, Query(alias="from", description="Entity id where paths start.")],
          target: Annotated[str, Query(alias="to", description="Entity id where paths end.")],
          max_length: Annotated[int, Query(ge=1, le=6, description="Most edges on a path.")] = 4,
          limit: Annotated[int, Query(ge=1, le=50, description="At most this many paths.")] = 10,
          events: EventsQ = False) -> dict[str, Any]:
    for param, eid in (("from", source), ("to", target)):
        if eid not in index.entities:
            raise ApiError(404, f"no entity with id {eid!r}", details=[{"param": param, "message": "unknown"}])
    found = _shortest_paths(index, source, target, flt, max_length, limit, events)
    nodes = {n for p in found for n in p[0]}
    facts = {f.id: f for p in found for f in p[1]}
    return {"from": source, "to": target,
            "paths": [{"nodes": p[0], "edges": [f.id for f in p[1]], "length": len(p[1])} for p in found],
            "nodes": [_node(index, n, 0) for n in sorted(nodes)],
            "edges": [_edge(f) for f in sorted(facts.values(), key=lambda f: f.id)]}


def _shortest_paths(index: Index, a: str, b: str, flt: FactFilter, max_length: int,
                    limit: int, events: bool = False) -> list[tuple[list[str], list[GraphEdge]]]:
    """All shortest paths (up to ``limit``) by breadth first search with parent lists."""
    if a == b:
        return [([a], [])]
    dist = {a: 0}
    parents: dict[str, list[tuple[str, GraphEdge]]] = {}
    queue = deque([a])
    while queue:
        cur = queue.popleft()
        if dist[cur] >= max_length or (b in dist and dist[cur] >= dist[b]):
            continue
        for other, f in _edges(index, cur, flt, events):
            if other not in dist:
                dist[other] = dist[cur] + 1
                queue.append(other)
            if dist[other] == dist[cur] + 1:
                parents.setdefault(other, []).append((cur, f))
    if b not in dist:
        return []
    out: list[tuple[list[str], list[GraphEdge]]] = []

    def walk(node: str, nodes: list[str], facts: list[GraphEdge]) -> None:
        if len(out) >= limit:
            return
        if node == a:
            out.append((list(reversed(nodes)), list(reversed(facts))))
            return
        for parent, f in sorted(parents.get(node, []), key=lambda p: (p[0], p[1].id)):
            walk(parent, [*nodes, parent], [*facts, f])

    walk(b, [b], [])
    return out
