"""Between rdflib and Oxigraph: a built report's quads into the store, the store's union out.

Report graphs are built with rdflib (``kg.report_graph``) and stored in Oxigraph; the
outputs are written from the store. Conversions remember the IRIs they have
seen, since a corpus repeats the same few thousand IRIs hundreds of thousands
of times. Oxigraph stores integers of derived types (xsd:nonNegativeInteger …)
as xsd:integer, so a store's union differs from the in-memory graph in those
datatypes only; SPARQL compares them as the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import Graph
from rdflib.store import Store as RdflibStore
from rdflib.term import Node

from kg.errors import GraphError

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
RdfTriple = tuple[Node, Node, Node]


class _ToOxigraph:
    def __init__(self) -> None:
        self.iris: dict[str, ox.NamedNode] = {}

    def iri(self, term: str) -> ox.NamedNode:
        found = self.iris.get(term)
        if found is None:
            found = self.iris[term] = ox.NamedNode(term)
        return found

    def term(self, term: Node) -> OxTerm:
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=self.iri(str(term.datatype)))
            return ox.Literal(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        raise GraphError(f"cannot store the RDF term {term!r}")


def oxigraph_quads(datasets: Iterable[Dataset]) -> Iterator[ox.Quad]:
    """The named-graph quads of rdflib datasets as Oxigraph quads (default graphs left out)."""
    convert = _ToOxigraph()
    for ds in datasets:
        default = ds.default_context.identifier
        for s, p, o, g in ds.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            if not isinstance(name, URIRef) or name == default:
                continue
            subject = convert.term(s)
            if isinstance(subject, ox.Literal) or not isinstance(p, URIRef):
                raise GraphError(f"cannot store the triple ({s!r}, {p!r}, {o!r})")
            yield ox.Quad(subject, convert.iri(str(p)), convert.term(o), convert.iri(str(name)))


def union_triples(store: ox.Store) -> list[ox.Triple]:
    """Every triple of every graph once, sorted by their N-Triples form (subjects together)."""
    triples = {quad.triple for quad in store.quads_for_pattern(None, None, None, None)}
    return sorted(triples, key=str)


def turtle_bytes(triples: list[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """Turtle through Oxigraph's writer: fast, and the same bytes for the same triples."""
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert data is not None
    return data


def _rdflib_terms(triples: list[ox.Triple]) -> list[RdfTriple]:
    seen: dict[OxTerm, Node] = {}

    def term(value: OxTerm) -> Node:
        found = seen.get(value)
        if found is None:
            if isinstance(value, ox.NamedNode):
                found = URIRef(value.value)
            elif isinstance(value, ox.Literal):
                datatype = None if value.language else URIRef(value.datatype.value)
                found = Literal(value.value, lang=value.language, datatype=datatype)
            else:
                found = BNode(value.value)
            if not isinstance(value, ox.Literal):
                seen[value] = found
        return found

    result = []
    for t in triples:
        subject, predicate, obj = t.subject, t.predicate, t.object
        if isinstance(subject, ox.Triple) or isinstance(obj, ox.Triple):
            raise GraphError(f"cannot read the quoted triple in {t}")
        result.append((term(subject), term(predicate), term(obj)))
    return result


class _TripleList(RdflibStore):
    """A read-only rdflib store over a list of triples: a full scan, no indexes to build."""

    def __init__(self, triples: list[RdfTriple]) -> None:
        super().__init__()
        self._triples = triples

    def triples(self, triple_pattern, context=None):  # type: ignore[no-untyped-def]
        s, p, o = triple_pattern
        for t in self._triples:
            if (s is None or t[0] == s) and (p is None or t[1] == p) and (o is None or t[2] == o):
                yield t, iter(())

    def __len__(self, context: object = None) -> int:
        return len(self._triples)


def rdflib_view(triples: list[ox.Triple], prefixes: dict[str, str]) -> Graph:
    """The triples as a read-only rdflib graph, for code that reads one (the HTML page)."""
    graph = Graph(store=_TripleList(_rdflib_terms(triples)))
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace, override=True)
    return graph
