"""The graph as an HTML page: rdflib → networkx → pyvis → one offline file.

pyvis is used only here, so the drawing library can be swapped. Its own
template links Bootstrap and vis-network from CDNs, so the page is rendered
from our template with vis-network inlined from pyvis's installed copy: the
file opens from ``file://`` with no network. Layout is computed in Python
with a fixed seed and physics is off, so the same graph gives the same bytes
and the page is still the moment it is drawn.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from kg.atomic import write_text_atomically
from kg.errors import GraphError
from kg.vocab import GKG, NIF

logger = logging.getLogger(__name__)

VIS_JS = ("lib", "vis-9.1.2", "vis-network.min.js")
SPRING_LIMIT = 500
"""networkx's spring layout needs scipy from this many nodes on."""

# kind → (colour, vis-network shape); shapes with the label underneath, so size shows degree.
STYLES: dict[str, tuple[str, str]] = {
    "AnnualReport": ("#d62728", "star"),
    "Agency": ("#1f77b4", "dot"),
    "PolicyDocument": ("#2ca02c", "square"),
    "DocumentNumber": ("#17becf", "diamond"),
    "DisclosureChannel": ("#ff7f0e", "triangle"),
    "ChannelType": ("#ffbb78", "triangle"),
    "Reform": ("#9467bd", "hexagon"),
    "Topic": ("#e377c2", "triangleDown"),
    "Statistic": ("#bcbd22", "square"),
    "Region": ("#8c564b", "diamond"),
}
DEFAULT_STYLE = ("#7f7f7f", "dot")
# SVG for the legend's swatches, drawn in a 16×16 box.
SWATCHES: dict[str, str] = {
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "triangle": '<polygon points="8,1 15,14 1,14"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,15"/>',
    "star": '<polygon points="8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6"/>',
    "hexagon": '<polygon points="4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"/>',
}
LABEL_MAX = 24
"""Longer labels are cut on the canvas; the tooltip keeps the full text."""

_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def graph_to_networkx(graph: rdflib.Graph) -> nx.MultiDiGraph:
    """The entities of ``graph`` and the links between them, NIF provenance left out.

    Node ids are the IRIs as plain ``str`` (``_:id`` for blank nodes), so callers
    need no rdflib to look them up; edges are keyed by the predicate's IRI.
    """
    triples = sorted(set(_triples(graph)), key=_triple_key)
    kinds: dict[Node, list[str]] = {}
    nif_nodes: set[Node] = set()
    for s, p, o in triples:
        if p == RDF.type and isinstance(o, URIRef):
            if o.startswith(str(GKG._NS)):
                kinds.setdefault(s, []).append(_local_name(o))
            elif o.startswith(str(NIF._NS)):
                nif_nodes.add(s)
        elif p == NIF.referenceContext:
            nif_nodes.add(s)
    nodes = {s: _kind(k) for s, k in kinds.items() if s not in nif_nodes}
    values: dict[tuple[Node, URIRef], list[str]] = {}
    for s, p, o in triples:
        if s in nodes and isinstance(o, Literal):
            values.setdefault((s, p), []).append(str(o))

    result = nx.MultiDiGraph()
    for node in sorted(nodes, key=_term_key):
        kind = nodes[node]
        result.add_node(
            _node_id(node),
            label=_label(node, kind, values),
            kind=kind,
            aliases=sorted(set(values.get((node, SKOS.altLabel), []))),
        )
    for s, p, o in triples:
        if s in nodes and o in nodes and p != RDF.type:
            result.add_edge(_node_id(s), _node_id(o), key=str(p), label=_local_name(p))
    return result


def write_page(graph: rdflib.Graph, path: Path, *, title: str = "govkg") -> None:
    """Write ``graph`` as a self-contained HTML page at ``path``."""
    g = graph_to_networkx(graph)
    write_text_atomically(path, render_page(g, title=title))
    logger.info("wrote %s (%d nodes, %d edges)", path, g.number_of_nodes(), g.number_of_edges())


def render_page(g: nx.MultiDiGraph, *, title: str = "govkg") -> str:
    """The page's HTML for a graph from :func:`graph_to_networkx`."""
    from pyvis.network import Network  # imports IPython: paid only when drawing

    net = Network(directed=True)
    positions = _layout(g)
    degrees = dict(g.degree())
    for node_id, attrs in g.nodes(data=True):
        colour, shape = STYLES.get(attrs["kind"], DEFAULT_STYLE)
        x, y = positions[node_id]
        net.add_node(
            node_id,
            label=_shorten(attrs["label"]),
            shape=shape,
            color=colour,
            title=_tooltip(node_id, attrs),
            size=round(10 + 4 * math.sqrt(degrees[node_id]), 1),
            x=x,
            y=y,
            physics=False,
        )
    parallel: Counter[frozenset[str]] = Counter()
    for source, target, attrs in g.edges(data=True):
        # Straight edges between the same two nodes would lie on top of each other.
        nth = parallel[frozenset((source, target))]
        parallel[frozenset((source, target))] += 1
        bend = {"smooth": {"type": "curvedCW", "roundness": 0.3 * nth}} if nth else {}
        net.add_edge(source, target, label=attrs["label"], title=attrs["label"], **bend)
    data = {"nodes": net.nodes, "edges": net.edges, "options": _options()}
    kinds = Counter(attrs["kind"] for _, attrs in g.nodes(data=True))
    legend = [
        {
            "kind": kind,
            "count": count,
            "colour": STYLES.get(kind, DEFAULT_STYLE)[0],
            "swatch": Markup(SWATCHES[STYLES.get(kind, DEFAULT_STYLE)[1]]),
        }
        for kind, count in sorted(kinds.items())
    ]
    template = _environment().get_template("graph.html.j2")
    return template.render(
        title=title,
        node_count=g.number_of_nodes(),
        edge_count=g.number_of_edges(),
        legend=legend,
        data_json=Markup(script_json(data)),
        vis_js=Markup(_vis_js()),
    )


def script_json(value: Any) -> str:
    """JSON that cannot end or confuse the ``<script>`` element it sits in."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)


def _triples(graph: rdflib.Graph) -> Any:
    """Every triple, in all named graphs of a Dataset whether or not it unions them."""
    if isinstance(graph, rdflib.ConjunctiveGraph):
        return ((s, p, o) for s, p, o, _ in graph.quads((None, None, None, None)))
    return graph.triples((None, None, None))


def _term_key(term: Node) -> tuple[str, ...]:
    """A total order on terms, literals' language and datatype included."""
    if isinstance(term, Literal):
        return ("Literal", str(term), term.language or "", str(term.datatype or ""))
    return (type(term).__name__, str(term))


def _triple_key(triple: tuple[Node, Node, Node]) -> tuple[tuple[str, ...], ...]:
    return tuple(_term_key(t) for t in triple)


def _node_id(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _local_name(iri: str) -> str:
    name = re.split(r"[#/]", iri.rstrip("#/"))[-1]
    return name or iri


def _kind(kinds: list[str]) -> str:
    """One kind per node: a known class if there is one, else the first by name."""
    known = [k for k in kinds if k in STYLES]
    return min(known or kinds)


def _label(node: Node, kind: str, values: dict[tuple[Node, URIRef], list[str]]) -> str:
    order = [DCTERMS.title, RDFS.label] if kind == "AnnualReport" else [RDFS.label]
    for predicate in order:
        if found := values.get((node, predicate)):
            return min(found)
    return _local_name(str(node))


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"


def _tooltip(node_id: str, attrs: dict[str, Any]) -> str:
    """Plain text: vis-network sets a string title with innerText, never as HTML."""
    lines = [attrs["label"], f"kind: {attrs['kind']}"]
    if attrs["aliases"]:
        lines.append("aliases: " + "; ".join(attrs["aliases"]))
    lines.append(node_id)
    return "\n".join(lines)


def _layout(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Fixed-seed positions in pixels, rounded so they print the same everywhere."""
    simple = nx.Graph(g)
    n = simple.number_of_nodes()
    if n < SPRING_LIMIT or _has_scipy():
        pos = nx.spring_layout(simple, seed=0)
    else:
        logger.warning("%d nodes and no scipy: drawing rings by kind, not a spring layout", n)
        kinds = sorted({k for _, k in simple.nodes(data="kind")})
        shells = [[v for v, k in simple.nodes(data="kind") if k == kind] for kind in kinds]
        pos = nx.shell_layout(simple, nlist=shells)
    # The page fits the view to the nodes, so a wider spread means smaller labels
    # relative to the gaps between nodes: this keeps labels readable at ~20 nodes.
    scale = max(400.0, 100.0 * math.sqrt(n))
    return {
        v: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for v, (x, y) in pos.items()
    }


def _has_scipy() -> bool:
    return importlib.util.find_spec("scipy") is not None


def _options() -> dict[str, Any]:
    font = '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif'
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150},
        "nodes": {"font": {"face": font, "size": 14}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#b0b0b0", "highlight": "#555555"},
            "font": {"face": font, "size": 10, "color": "#666666", "strokeWidth": 3},
            "smooth": False,
        },
    }


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Templates beside this file: found by path, so a ``kg`` namespace elsewhere on
    ``sys.path`` (``pythonpath = ["tests"]`` makes ``tests/kg`` one) cannot hide them."""
    loader = FileSystemLoader(Path(__file__).parent / "templates")
    return Environment(loader=loader, autoescape=True, keep_trailing_newline=True)


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """vis-network from pyvis's package data, checked safe to inline in ``<script>``."""
    source = resources.files("pyvis").joinpath(*VIS_JS)
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as err:
        raise GraphError(f"cannot read vis-network from pyvis at {source}: {err}") from err
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    # Only "</script" and "<!--" change how HTML parses script text; a "<script>"
    # inside a JS string (core-js has one) is inert without a "<!--" before it.
    if re.search(r"</script|<!--", text, re.IGNORECASE):
        raise GraphError(f"{source} contains markup that would end its <script> early")
    return text
