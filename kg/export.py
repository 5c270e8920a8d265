"""Serialise a graph in every format govkg offers, atomically and byte-for-byte reproducibly.

One entry point, ``export``, for ``kg export``, the build and the Python API:
RDF syntaxes come from ``kg.export_rdf`` (Oxigraph, or rdflib without it),
network and table formats from ``kg.export_network``. Every file is written to
a temporary name and renamed over the target, so a reader never sees half a
file, and the same graph always gives the same bytes.

A graph is an rdflib ``Graph``/``Dataset`` or a pyoxigraph ``Store``/``Dataset``;
``read_graph`` reads one from a file (any RDF syntax, named graphs kept) or an
Oxigraph store folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph

from kg.atomic import write_bytes_atomically
from kg.errors import GraphError
from kg.export_rdf import SYNTAXES, Engine, choose_engine, rdf_bytes
from kg.oxigraph_bridge import one_line, oxigraph_quads, to_rdflib_dataset

if TYPE_CHECKING:
    import networkx as nx

NETWORK_FORMATS = ("graphml", "gexf", "csv")
FORMATS = (*SYNTAXES, *NETWORK_FORMATS)
"""Every format ``export`` writes, by its short name (also the usual suffix)."""
ALIASES = {
    "turtle": "ttl",
    "nquads": "nq",
    "n-quads": "nq",
    "ntriples": "nt",
    "n-triples": "nt",
    "json-ld": "jsonld",
    "json": "jsonld",
    "rdf": "xml",
    "rdfxml": "xml",
    "rdf/xml": "xml",
    "owl": "xml",
}
READ_SUFFIXES = {**{name: name for name in SYNTAXES}, "n3": "n3", **ALIASES}
"""File suffix → syntax, for reading graphs."""
COMMON_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "qb": "http://purl.org/linked-data/cube#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "gkg": "https://w3id.org/govkg/ontology#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
}
"""Prefixes offered to every RDF export; only those a graph uses are written."""


@dataclass(frozen=True, slots=True)
class Exported:
    """What ``export`` wrote: the files, and the size of what is in them."""

    format: str
    paths: tuple[Path, ...]
    statements: int = 0  # triples, or quads for TriG, N-Quads and JSON-LD
    graphs: int = 0  # named graphs kept (TriG, N-Quads, JSON-LD)
    nodes: int = 0
    edges: int = 0


def format_name(name: str) -> str:
    """The short name of ``name`` (``turtle`` → ``ttl``); ``GraphError`` if unknown."""
    key = name.lower().lstrip(".")
    key = ALIASES.get(key, key)
    if key not in FORMATS:
        raise GraphError(f"unknown export format {name!r} (one of: {', '.join(FORMATS)})")
    return key


def guess_format(path: Path) -> str | None:
    """The format a file name asks for by its suffix, if it names one."""
    key = path.suffix.lower().lstrip(".")
    key = ALIASES.get(key, key)
    return key if key in FORMATS else None


def export(
    graph: Any,
    path: Path,
    format: str | None = None,
    *,
    engine: Engine = "auto",
    bom: bool = True,
) -> Exported:
    """Write ``graph`` to ``path`` in ``format`` (default: by the suffix, else Turtle).

    CSV writes two files beside ``path`` (see ``kg.export_network``); ``bom``
    says whether they start with a UTF-8 byte-order mark, for Excel.
    """
    fmt = format_name(format) if format else guess_format(path) or "ttl"
    if fmt in SYNTAXES:
        if (streamed := _streamed(graph, path, fmt, engine)) is not None:
            return streamed
        rdf = rdf_bytes(graph, SYNTAXES[fmt], prefixes=COMMON_PREFIXES, engine=engine)
        _write(path, rdf.data)
        return Exported(fmt, (path,), statements=rdf.statements, graphs=rdf.graphs)
    from kg import export_network

    network = export_network.exportable(entity_network(graph))
    size = {"nodes": network.number_of_nodes(), "edges": network.number_of_edges()}
    if fmt == "csv":
        nodes_path, edges_path = export_network.csv_paths(path)
        nodes, edges = export_network.csv_tables(network, bom=bom)
        _write(nodes_path, nodes)
        _write(edges_path, edges)
        return Exported(fmt, (nodes_path, edges_path), **size)
    _write(path, _network_bytes(network, fmt))
    return Exported(fmt, (path,), **size)


def _streamed(graph: Any, path: Path, fmt: str, engine: Engine) -> Exported | None:
    """A store written a graph at a time (``kg.stream_export``): the same bytes, in bounded
    memory. None when that cannot be done here, and the file is written in memory."""
    if choose_engine(engine) != "oxigraph" or fmt not in ("ttl", "trig", "nq", "nt"):
        return None
    import pyoxigraph as ox

    from kg.stream_export import Unstreamable, store_runs, write_rdf

    if not isinstance(graph, ox.Store):
        return None
    try:
        written = write_rdf(store_runs(graph), path, SYNTAXES[fmt], prefixes=COMMON_PREFIXES)
    except Unstreamable:
        return None
    except OSError as error:
        raise GraphError(f"{path}: cannot write ({error.strerror or error})") from None
    return Exported(fmt, (path,), statements=written.statements, graphs=written.graphs)


def _write(path: Path, data: bytes) -> None:
    try:
        write_bytes_atomically(path, data)
    except OSError as error:
        raise GraphError(f"{path}: cannot write ({error.strerror or error})") from None


def export_bytes(graph: Any, format: str, *, engine: Engine = "auto") -> bytes:
    """``graph`` in ``format`` as bytes, for writing elsewhere (CSV, two tables, cannot)."""
    fmt = format_name(format)
    if fmt in SYNTAXES:
        return rdf_bytes(graph, SYNTAXES[fmt], prefixes=COMMON_PREFIXES, engine=engine).data
    if fmt == "csv":
        raise GraphError("csv is two tables (nodes and edges): give a file or folder to write")
    from kg.export_network import exportable

    return _network_bytes(exportable(entity_network(graph)), fmt)


def _network_bytes(network: nx.MultiDiGraph, fmt: str) -> bytes:
    from kg.export_network import gexf_bytes, graphml_bytes

    return graphml_bytes(network) if fmt == "graphml" else gexf_bytes(network)


def entity_network(graph: Any) -> nx.MultiDiGraph:
    """The entities and their relations (``kg.viz.graph_to_networkx``) of any graph."""
    from kg.viz import graph_to_networkx

    if not isinstance(graph, Graph):
        graph = to_rdflib_dataset(oxigraph_quads(graph))
    return graph_to_networkx(graph)


def write_dataset(ds: Dataset, path: Path, format: str = "trig") -> int:
    """Write a built dataset, one named graph per report in TriG/N-Quads; returns statements."""
    return export(ds, path, format).statements


def union_graph(ds: Dataset) -> Graph:
    """All named graphs merged into one, for formats without named graphs."""
    union = Graph()
    for prefix, namespace in ds.namespaces():
        union.bind(prefix, namespace, override=True)
    for triple in ds.triples((None, None, None)):
        union.add(triple)
    return union


def write_turtle(graph: Graph, path: Path) -> int:
    """Write ``graph`` (a union, see ``union_graph``) as Turtle; returns its triple count."""
    return export(graph, path, "ttl").statements


def read_graph(path: Path, *, engine: Engine = "auto") -> Any:
    """A graph file (syntax by suffix; named graphs kept) or an Oxigraph store folder.

    With Oxigraph the result is a ``pyoxigraph.Dataset`` (or the folder's
    ``Store``, read-only), else an rdflib ``Dataset``; ``export`` takes either.
    Raises ``GraphError`` naming the file when it is missing or unreadable.
    """
    if path.is_dir():
        return _open_store(path)
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file")
    syntax = READ_SUFFIXES.get(path.suffix.lower().lstrip("."))
    if syntax is None:
        known = ", ".join(f".{s}" for s in sorted(READ_SUFFIXES))
        raise GraphError(f"{path}: unknown RDF syntax for suffix {path.suffix!r} ({known})")
    if choose_engine(engine) == "rdflib":
        return _read_rdflib(path, syntax)
    import pyoxigraph as ox

    fmt = ox.RdfFormat.N3 if syntax == "n3" else getattr(ox.RdfFormat, SYNTAXES[syntax].oxigraph)
    try:  # a Dataset, not a Store: a Store keeps typed literals by value, not as written
        return ox.Dataset(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, OSError, ValueError) as error:
        raise GraphError(f"{path}: cannot read the graph ({one_line(str(error))})") from None


def _read_rdflib(path: Path, syntax: str) -> Dataset:
    ds = Dataset(default_union=True)
    fmt = "n3" if syntax == "n3" else SYNTAXES[syntax].rdflib
    try:
        ds.parse(path, format=fmt)
    except Exception as error:  # rdflib's parsers raise many kinds; all mean "unreadable"
        raise GraphError(f"{path}: cannot read the graph ({one_line(str(error))})") from None
    return ds


def _open_store(folder: Path) -> Any:
    try:
        import pyoxigraph as ox
    except ImportError:
        raise GraphError(f"{folder}: reading a store needs pyoxigraph") from None
    try:
        return ox.Store.read_only(str(folder))
    except OSError as error:
        raise GraphError(f"{folder}: not an Oxigraph store ({one_line(str(error))})") from None
