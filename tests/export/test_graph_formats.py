"""GraphML and GEXF: golden files, read back by networkx (what Gephi users and Python analysts use), and safe
against markup and control characters in names."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from dossier.export import gexf, graphml
from dossier.export.select import Selection
from dossier.model.facts import EntityRef, RelationFact, RelationSupport
from dossier.store import SQLiteStore
from tests.export import golden

WRITERS = {"graphml": (graphml.write, nx.read_graphml), "gexf": (gexf.write, nx.read_gexf)}


def _export(selection: Any, fmt: str, path: Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        WRITERS[fmt][0](selection, f)
    return path


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_golden_and_networkx_reads_it(store: SQLiteStore, tmp_path: Path, fmt: str) -> None:
    sel = Selection(store)
    path = _export(sel, fmt, tmp_path / f"corpus.{fmt}")
    golden.check(path, f"corpus.{fmt}")
    g = WRITERS[fmt][1](path)
    entities = {e["id"]: e for e in sel.entities()}
    events = {e.id: e for e in sel.events()}
    relations = {r.id: r for r in sel.relations()}
    roles = sum(len(e.participants) + (e.place is not None) for e in events.values())
    assert g.is_directed() and g.is_multigraph()
    assert set(g.nodes) == set(entities) | set(events)
    assert g.number_of_edges() == len(relations) + roles
    for node_id, e in entities.items():
        data = g.nodes[node_id]
        assert (data["kind"], data["type"], data["label"]) == ("entity", e["type"], e["name"])
        assert data["n_documents"] == e["n_documents"] and isinstance(data["n_documents"], int)
    for _, target, data in g.edges(data=True):
        if data["kind"] == "relation":
            r = relations[data["fact"]]
            assert target == r.object.id
            assert data["modality"] == r.modality
            assert data["independent_sources"] == r.independent_sources
            assert data["first_seen"] == r.first_seen and data["last_seen"] == r.last_seen
            assert float(data["weight"]) == float(r.independent_sources)
        else:
            assert target in entities and data["fact"] in events


class _Hostile:
    """A selection whose names carry markup, quotes and characters XML 1.0 cannot hold."""

    NAME = 'Ab<script>alert("x")</script> & \'Co\'\x01\x0b\x1f]]>'

    def entities(self) -> Any:
        yield {"id": "e&1", "type": "organization", "name": self.NAME, "aliases": ["<b>", "\x00"],
               "attributes": {}, "n_documents": 1}
        yield {"id": "e2", "type": "person", "name": "=cmd|' /C calc'!A0", "aliases": [], "attributes": {},
               "n_documents": 1}

    def events(self) -> Any:
        return iter(())

    def relations(self) -> Any:
        support = RelationSupport(document="d\"1", source=None, title=None, published=None, publisher=None,
                                  origin="d\"1", record="x1", modality="asserted", attribution="reporter",
                                  evidence=(), role=None)
        yield RelationFact(id="r<1>", subject=EntityRef("e&1", self.NAME, "organization"), predicate="member\tof",
                           object=EntityRef("e2", "=cmd|' /C calc'!A0", "person"), roles=("<&>",),
                           supports=(support,), modality="asserted", documents=1, independent_sources=1,
                           grade="F3", confidence=50, grade_reason="", first_seen=None, last_seen=None)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_markup_and_control_characters_cannot_break_the_file(tmp_path: Path, fmt: str) -> None:
    path = _export(_Hostile(), fmt, tmp_path / f"hostile.{fmt}")
    g = WRITERS[fmt][1](path)
    assert set(g.nodes) == {"e&1", "e2"}
    name = g.nodes["e&1"]["label"]
    assert name == 'Ab<script>alert("x")</script> & \'Co\'\ufffd\ufffd\ufffd]]>'
    [(source, target, data)] = g.edges(data=True)
    assert (source, target, data["fact"] if fmt == "graphml" else data["id"]) == ("e&1", "e2", "r<1>")
    assert data["supports"] == '["d\\"1"]'
    assert "<script>" not in path.read_text(encoding="utf-8")


def test_output_is_byte_identical_across_runs(store: SQLiteStore) -> None:
    runs = []
    for _ in range(2):
        buf = io.StringIO()
        graphml.write(Selection(store), buf)
        runs.append(buf.getvalue())
    assert runs[0] == runs[1]
