"""Quads between rdflib and Oxigraph, term by term, for exports and reading files.

rdflib is the project's graph API and Oxigraph its fast engine; a graph moves
from one to the other here. IRIs are cached while converting, because a few
thousand of them make up most of the terms of a corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import GraphError

if TYPE_CHECKING:
    import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def oxigraph_quads(source: Any) -> Iterator[ox.Quad]:
    """The quads of an rdflib graph (its default graph, or every named graph), or of Oxigraph's."""
    import pyoxigraph as ox

    if isinstance(source, ox.Store):
        yield from source.quads_for_pattern(None, None, None, None)
        return
    if isinstance(source, ox.Dataset):
        yield from source
        return
    if not isinstance(source, rdflib.Graph):
        raise GraphError(f"not a graph: {type(source).__name__}")
    convert = _ToOxigraph()
    default = ox.DefaultGraph()
    if isinstance(source, rdflib.ConjunctiveGraph):
        for s, p, o, c in source.quads((None, None, None, None)):
            name = c.identifier if isinstance(c, rdflib.Graph) else c
            graph = default if name in (None, DATASET_DEFAULT_GRAPH_ID) else convert(name)
            yield ox.Quad(convert(s), convert(p), convert(o), graph)
    else:
        for s, p, o in source:
            yield ox.Quad(convert(s), convert(p), convert(o), default)


class _ToOxigraph:
    """rdflib term → pyoxigraph term; IRIs are cached, as they repeat across statements."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.iris: dict[str, ox.NamedNode] = {}

    def __call__(self, term: Any) -> Any:
        ox = self.ox
        try:
            if isinstance(term, URIRef):
                found = self.iris.get(term)
                if found is None:
                    found = self.iris[term] = ox.NamedNode(str(term))
                return found
            if isinstance(term, BNode):
                return ox.BlankNode(str(term))
            if isinstance(term, Literal):
                if term.language:
                    return ox.Literal(str(term), language=term.language)
                if term.datatype is not None:
                    return ox.Literal(str(term), datatype=self(term.datatype))
                return ox.Literal(str(term))
        except ValueError as error:
            raise GraphError(f"{str(term)!r} cannot be written: {one_line(str(error))}") from None
        raise GraphError(f"unsupported RDF term {term!r}")


def to_rdflib_dataset(quads: Iterable[ox.Quad], ds: rdflib.Dataset | None = None) -> rdflib.Dataset:
    """Oxigraph quads as (or added to) an rdflib Dataset whose default graph is the union of all."""
    import pyoxigraph as ox

    if ds is None:
        ds = rdflib.Dataset(default_union=True)
    graphs: dict[Any, rdflib.Graph] = {}
    iris: dict[str, URIRef] = {}

    def term(t: Any) -> Any:
        if isinstance(t, ox.NamedNode):
            return iris.setdefault(t.value, URIRef(t.value))
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        if isinstance(t, ox.Literal):
            if t.language:
                return Literal(t.value, lang=t.language)
            datatype = t.datatype.value
            return Literal(t.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))
        raise GraphError(f"RDF-star terms are not supported: {t}")

    def graph(name: Any) -> rdflib.Graph:
        if name not in graphs:
            default = isinstance(name, ox.DefaultGraph)
            graphs[name] = ds.graph(DATASET_DEFAULT_GRAPH_ID if default else term(name))
        return graphs[name]

    ds.addN(
        (term(q.subject), term(q.predicate), term(q.object), graph(q.graph_name)) for q in quads
    )
    return ds


def one_line(message: str, width: int = 200) -> str:
    flat = " ".join(message.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
