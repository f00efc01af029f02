"""GEXF 1.2 export, Gephi's own format: the same graph as GraphML (docs/formats/graphml-gexf.md).

Streamed element by element. Nodes and edges carry Gephi's ``label`` and (edges) ``weight`` — the number of
independent sources — as XML attributes, and the rest as declared ``attvalues``. The graph is static: first/last
dates are attributes, not a Gephi timeline (a dynamic graph would drop undated facts from every time slice).
"""

from __future__ import annotations

from typing import Any, TextIO

import dossier
from dossier.export.graph import EDGE_ATTRS, XmlStream, edges, node_attrs, nodes, present
from dossier.export.select import Selection

NS = "http://www.gexf.net/1.2draft"
_TYPES = {"string": "string", "int": "integer", "double": "double"}
_ON_EDGE = {"label", "weight"}  # written on the <edge> element itself
EDGE_ATTVALUES = tuple(a for a in EDGE_ATTRS if a[0] not in _ON_EDGE)


def write(selection: Selection, out: TextIO) -> None:
    """Stream the selection to ``out`` as GEXF 1.2 (UTF-8 text)."""
    node_declared = node_attrs(selection)
    xml = XmlStream(out)
    xml.open("gexf", {"xmlns": NS, "version": "1.2"}, 0)
    xml.open("meta", {}, 1)
    xml.element("creator", {}, f"dossier {dossier.__version__}")
    xml.close("meta")
    xml.open("graph", {"mode": "static", "defaultedgetype": "directed"}, 1)
    for scope, declared in (("node", node_declared), ("edge", EDGE_ATTVALUES)):
        xml.open("attributes", {"class": scope, "mode": "static"}, 2)
        for name, kind in declared:
            xml.empty("attribute", {"id": name, "title": name, "type": _TYPES[kind]}, 3)
        xml.close("attributes", 2)
    xml.open("nodes", {}, 2)
    for node in nodes(selection):
        xml.open("node", {"id": node.id, "label": node.label}, 3)
        _attvalues(xml, node.attrs, node_declared)
        xml.close("node")
    xml.close("nodes", 2)
    xml.open("edges", {}, 2)
    for edge in edges(selection):
        xml.open("edge", {"id": edge.id, "source": edge.source, "target": edge.target, "label": edge.label,
                          "weight": repr(float(edge.attrs["weight"]))}, 3)
        _attvalues(xml, edge.attrs, EDGE_ATTVALUES)
        xml.close("edge")
    xml.close("edges", 2)
    xml.close("graph", 1)
    xml.close("gexf", 0)
    xml.finish()


def _attvalues(xml: XmlStream, attrs: dict[str, Any], declared: tuple[tuple[str, str], ...]) -> None:
    values = list(present(attrs, declared))
    if not values:
        return
    xml.open("attvalues")
    for name, _kind, text in values:
        xml.empty("attvalue", {"for": name, "value": text})
    xml.close("attvalues")
