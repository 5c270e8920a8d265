"""The entity graph for network tools: GraphML, GEXF (Gephi, Cytoscape, yEd) and CSV tables.

These formats hold a property graph, not RDF: the nodes are the entities of
``kg.viz.graph_to_networkx`` (NIF provenance left out) and the edges the
relations between them. Their attributes must be flat strings that XML can
carry, so a node has ``label``, ``kind`` and ``aliases`` (joined by " | ",
a character no Chinese name uses) and characters XML 1.0 forbids are dropped.
Nodes are sorted by id and edges by (source, target, relation) and numbered
``e0``, ``e1`` … in that order, so the same graph gives the same bytes; the
GEXF writer's ``lastmodifieddate`` (today's date) is left out for the same
reason.

CSV is two tables, ``<stem>-nodes.csv`` and ``<stem>-edges.csv`` beside the
file asked for (``nodes.csv`` and ``edges.csv`` inside it if it is a folder or
has no suffix),
with the column names Gephi's spreadsheet import recognises (``id``, ``label``;
``source``, ``target``, ``label``). They are UTF-8 with a byte-order mark:
without it Excel reads the file in the machine's ANSI code page and shows the
Chinese as mojibake; Python (``encoding="utf-8-sig"``), pandas, LibreOffice and
Gephi all read the BOM correctly.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import networkx as nx

ALIAS_SEPARATOR = " | "
NODE_COLUMNS = ("id", "label", "kind", "aliases")
EDGE_COLUMNS = ("source", "target", "label", "source_label", "target_label")
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def exportable(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of an entity graph with string attributes only and unique, ordered edge ids."""
    out = nx.MultiDiGraph()
    for node in sorted(g.nodes):
        attrs = g.nodes[node]
        out.add_node(
            _safe(node),
            label=_safe(attrs.get("label", node)),
            kind=_safe(attrs.get("kind", "")),
            aliases=_safe(_joined(attrs.get("aliases", ()))),
        )
    edges = sorted({(_safe(u), _safe(v), _safe(d.get("label", k))) for u, v, k, d in _edges(g)})
    for number, (source, target, relation) in enumerate(edges):
        out.add_edge(source, target, key=f"e{number}", label=relation)
    return out


def _edges(g: nx.MultiDiGraph) -> Any:
    return g.edges(keys=True, data=True)


def _joined(aliases: Any) -> str:
    if isinstance(aliases, str):
        return aliases
    return ALIAS_SEPARATOR.join(sorted(str(a) for a in aliases))


def _safe(value: Any) -> str:
    return _XML_UNSAFE.sub("", str(value))


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """GraphML of an ``exportable`` graph; edge ids are its keys."""
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def gexf_bytes(g: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 of an ``exportable`` graph, with no date in it."""
    from networkx.readwrite.gexf import GEXFWriter

    class _Writer(GEXFWriter):  # type: ignore[misc]  # networkx is untyped
        """Uses the edge key as the GEXF edge id, not as an extra column."""

        def add_attributes(self, kind: str, element: Any, data: Any, default: Any) -> Any:
            if kind == "edge":
                data = {k: v for k, v in data.items() if k != "key"}
            return super().add_attributes(kind, element, data, default)

    copy = nx.MultiDiGraph()
    copy.add_nodes_from(g.nodes(data=True))
    for u, v, key, data in g.edges(keys=True, data=True):
        copy.add_edge(u, v, key=key, id=key, **data)
    writer = _Writer(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(copy)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def csv_paths(path: Path) -> tuple[Path, Path]:
    """Where the node and edge tables go for ``-o path``."""
    if path.is_dir() or not path.suffix:
        return path / "nodes.csv", path / "edges.csv"
    return (
        path.with_name(f"{path.stem}-nodes{path.suffix}"),
        path.with_name(f"{path.stem}-edges{path.suffix}"),
    )


def csv_tables(g: nx.MultiDiGraph, *, bom: bool = True) -> tuple[bytes, bytes]:
    """The node table and the edge table of an ``exportable`` graph, as CSV bytes."""
    nodes = [(n, a["label"], a["kind"], a["aliases"]) for n, a in g.nodes(data=True)]
    edges = [
        (u, v, d["label"], g.nodes[u]["label"], g.nodes[v]["label"])
        for u, v, d in g.edges(data=True)
    ]
    return _csv(NODE_COLUMNS, nodes, bom), _csv(EDGE_COLUMNS, edges, bom)


def _csv(header: tuple[str, ...], rows: list[tuple[Any, ...]], bom: bool) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # RFC 4180: CRLF line ends, quotes where needed
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")
