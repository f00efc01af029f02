"""GraphML export: entities and events as nodes, relations and event roles as edges (docs/formats/graphml-gexf.md).

Written element by element, so memory does not grow with the graph. Attribute keys carry GraphML types
(``attr.type``) so networkx and Gephi read numbers as numbers; ``label`` and ``weight`` are the names Gephi uses
for the node/edge label and the edge weight. Parallel edges (two predicates between the same pair) are kept, each
with its own id: networkx then reads the file as a multigraph.
"""

from __future__ import annotations

from typing import Any, TextIO

from dossier.export.graph import EDGE_ATTRS, XmlStream, edges, node_attrs, nodes, present
from dossier.export.select import Selection

NS = "http://graphml.graphdrawing.org/xmlns"
SCHEMA = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"


def _key(scope: str, name: str) -> str:
    return f"{scope[0]}_{name}"


def write(selection: Selection, out: TextIO) -> None:
    """Stream the selection to ``out`` as GraphML (UTF-8 text)."""
    node_declared = node_attrs(selection)
    xml = XmlStream(out)
    xml.open("graphml", {"xmlns": NS, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                         "xsi:schemaLocation": SCHEMA}, 0)
    for scope, declared in (("node", node_declared), ("edge", EDGE_ATTRS)):
        for name, kind in declared:
            xml.empty("key", {"id": _key(scope, name), "for": scope, "attr.name": name, "attr.type": kind}, 1)
    xml.open("graph", {"id": "dossier", "edgedefault": "directed"}, 1)
    for node in nodes(selection):
        xml.open("node", {"id": node.id}, 2)
        _data(xml, "node", node.attrs, node_declared)
        xml.close("node")
    for edge in edges(selection):
        xml.open("edge", {"id": edge.id, "source": edge.source, "target": edge.target}, 2)
        _data(xml, "edge", edge.attrs, EDGE_ATTRS)
        xml.close("edge")
    xml.close("graph", 1)
    xml.close("graphml", 0)
    xml.finish()


def _data(xml: XmlStream, scope: str, attrs: dict[str, Any], declared: tuple[tuple[str, str], ...]) -> None:
    for name, _kind, text in present(attrs, declared):
        xml.element("data", {"key": _key(scope, name)}, text)
