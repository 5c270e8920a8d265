"""What the graph page shows, read from RDF: entities, the links between them, mentions.

One pass over the triples turns an rdflib graph into plain, sorted records, so
that selection, layout and the page need no rdflib and the same graph always
gives the same records. NIF strings are not entities: they become each entity's
mentions (offsets into a report's text), from which the page quotes evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import rdflib
from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node as Term

from kg.viz_style import CHANNEL_TYPES, KINDS, REPORT
from kg.vocab import GKG, ITSRDF, NIF

if TYPE_CHECKING:
    import networkx as nx

LABELS = (RDFS.label, DCTERMS.title, SKOS.altLabel)
NIF_FIELDS = frozenset({NIF.referenceContext, NIF.beginIndex, NIF.endIndex, ITSRDF.taIdentRef})
CHANNEL_TYPE_LINKS = (GKG.channelType, GKG.usesChannelType)


@dataclass(frozen=True, slots=True)
class Node:
    id: str  # the IRI; ``_:x`` for a blank node
    label: str
    kind: str  # the one kind it is drawn as
    types: tuple[str, ...]  # every gkg class it has, by local name
    aliases: tuple[str, ...]
    facts: tuple[tuple[str, str], ...]  # (property, value) of its other literals


@dataclass(frozen=True, slots=True, order=True)
class Edge:
    source: str
    target: str
    relation: str  # the predicate's local name


@dataclass(frozen=True, slots=True, order=True)
class Mention:
    context: str  # the nif:Context whose text the offsets index
    begin: int
    end: int


@dataclass(frozen=True, slots=True)
class EntityGraph:
    nodes: dict[str, Node]  # by id, in id order
    edges: tuple[Edge, ...]  # sorted, no duplicates
    mentions: dict[str, tuple[Mention, ...]]  # node id → its mentions, sorted
    texts: dict[str, str]  # context id → nif:isString

    def reports(self) -> list[str]:
        return [n.id for n in self.nodes.values() if n.kind == REPORT]


def read_graph(graph: rdflib.Graph) -> EntityGraph:
    """The entities of ``graph`` (nodes with a gkg class, and channel kinds) and their links."""
    types: dict[Term, set[str]] = {}
    nif: set[Term] = set()
    literals: dict[Term, dict[str, set[str]]] = {}
    links: set[tuple[Term, Term, Term]] = set()
    fields: dict[Term, dict[Term, Term]] = {}
    texts: dict[str, str] = {}
    a, gkg, nif_ns, is_string = RDF.type, str(GKG._NS), str(NIF._NS), NIF.isString
    for s, p, o in _triples(graph):
        if p == a:
            if isinstance(o, URIRef) and o.startswith(gkg):
                types.setdefault(s, set()).add(local_name(o))
            elif isinstance(o, URIRef) and o.startswith(nif_ns):
                nif.add(s)
        elif p in NIF_FIELDS:
            nif.add(s)
            fields.setdefault(s, {})[p] = o
        elif p == is_string:
            texts[node_id(s)] = str(o)
        elif isinstance(o, Literal):
            literals.setdefault(s, {}).setdefault(str(p), set()).add(str(o))
        else:
            links.add((s, p, o))
    for _, p, o in links:  # channel kinds are individuals the graph uses but need not type
        if p in CHANNEL_TYPE_LINKS and isinstance(o, URIRef) and not types.get(o):
            types[o] = {"ChannelType"}
    entities = {t: k for t, k in types.items() if t not in nif}
    nodes = {node_id(t): _node(t, kinds, literals.get(t, {})) for t, kinds in entities.items()}
    edges = {
        Edge(node_id(s), node_id(o), local_name(str(p)))
        for s, p, o in links
        if s in entities and o in entities
    }
    return EntityGraph(
        nodes=dict(sorted(nodes.items())),
        edges=tuple(sorted(edges)),
        mentions=_mentions(fields, entities),
        texts=dict(sorted(texts.items())),
    )


def graph_to_networkx(graph: rdflib.Graph) -> nx.MultiDiGraph:
    """The entities of ``graph`` as a networkx graph, NIF provenance left out.

    Node ids are the IRIs as plain ``str`` (``_:id`` for blank nodes), with the
    attributes ``label``, ``kind`` and ``aliases``; edges are keyed by the
    predicate's local name and carry it as ``label``.
    """
    return to_networkx(read_graph(graph))


def to_networkx(data: EntityGraph) -> nx.MultiDiGraph:
    import networkx as nx  # imported when used: the CLI starts without it

    result = nx.MultiDiGraph()
    for node in data.nodes.values():
        result.add_node(node.id, label=node.label, kind=node.kind, aliases=list(node.aliases))
    for edge in data.edges:
        result.add_edge(edge.source, edge.target, key=edge.relation, label=edge.relation)
    return result


def node_id(term: Term) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def local_name(iri: str) -> str:
    name = re.split(r"[#/]", iri.rstrip("#/"))[-1]
    return name or iri


def _triples(graph: rdflib.Graph) -> Iterator[tuple[Term, Term, Term]]:
    """Every triple, in all named graphs of a Dataset whether or not it unions them."""
    if isinstance(graph, rdflib.ConjunctiveGraph):
        for s, p, o, _ in graph.quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from graph.triples((None, None, None))


def _node(term: Term, kinds: set[str], values: dict[str, set[str]]) -> Node:
    kind = min(k for k in kinds if k in KINDS) if kinds & KINDS.keys() else min(kinds)
    labels = [str(p) for p in ((DCTERMS.title, RDFS.label) if kind == REPORT else (RDFS.label,))]
    found = next((min(values[p]) for p in labels if values.get(p)), None)
    if found is None:
        code = local_name(str(term))
        found = CHANNEL_TYPES.get(code, code) if kind == "ChannelType" else code
    aliases = values.get(str(SKOS.altLabel), set()) - {found}
    facts = [
        (local_name(p), v)
        for p, vs in values.items()
        if p not in {str(t) for t in LABELS}
        for v in vs
    ]
    if kind == "ChannelType":
        facts.append(("code", local_name(str(term))))
    return Node(
        id=node_id(term),
        label=found,
        kind=kind,
        types=tuple(sorted(kinds)),
        aliases=tuple(sorted(aliases)),
        facts=tuple(sorted(facts)),
    )


def _mentions(
    fields: dict[Term, dict[Term, Term]], entities: dict[Term, set[str]]
) -> dict[str, tuple[Mention, ...]]:
    found: dict[str, set[Mention]] = {}
    for values in fields.values():
        target, context = values.get(ITSRDF.taIdentRef), values.get(NIF.referenceContext)
        begin, end = _integer(values.get(NIF.beginIndex)), _integer(values.get(NIF.endIndex))
        if target in entities and context is not None and begin is not None and end is not None:
            found.setdefault(node_id(target), set()).add(Mention(node_id(context), begin, end))
    return {k: tuple(sorted(v)) for k, v in sorted(found.items())}


def _integer(term: Term | None) -> int | None:
    try:
        return int(str(term)) if isinstance(term, Literal) else None
    except ValueError:
        return None


def neighbours(edges: Iterable[Edge]) -> dict[str, set[str]]:
    """Undirected adjacency: who is linked to whom, whatever the relation's direction."""
    adjacent: dict[str, set[str]] = {}
    for edge in edges:
        adjacent.setdefault(edge.source, set()).add(edge.target)
        adjacent.setdefault(edge.target, set()).add(edge.source)
    return adjacent
