"""How a node of a graph is shown to a person: its label, then its IRI."""

from __future__ import annotations

from rdflib import RDFS, XSD, Graph, Literal
from rdflib.namespace import SKOS
from rdflib.term import Node

MAX_SHOWN = 80  # characters of a literal shown in one line
PLAIN = (XSD.integer, XSD.decimal, XSD.boolean)  # shown as Turtle shows them: 19, 1.5, true


def node_name(graph: Graph, node: Node) -> str:
    """``label <IRI>``, or the IRI alone for a node without a label."""
    shown = term_text(graph, node)
    for predicate in (RDFS.label, SKOS.prefLabel):
        labels = sorted(str(o) for o in graph.objects(node, predicate) if isinstance(o, Literal))
        if labels:  # one line, however the label was wrapped
            return f"{' '.join(labels[0].split())} {shown}"
    return shown


def term_text(graph: Graph, term: Node) -> str:
    """A term as Turtle writes it: prefixed names where a prefix is bound, literals shortened."""
    if isinstance(term, Literal):
        if term.datatype in PLAIN and not term.ill_typed:
            return str(term)
        text = str(term)
        if len(text) > MAX_SHOWN:
            text = text[: MAX_SHOWN - 1] + "…"
        shown = Literal(text, lang=term.language, datatype=term.datatype)
        return shown.n3(graph.namespace_manager)
    return str(term.n3(graph.namespace_manager))
