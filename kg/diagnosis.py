"""Name the nodes that make a graph inconsistent with the ontology.

HermiT answers yes or no. The ontology is small and its axioms that a graph
can break are few: disjoint classes (reached through rdf:type, rdfs:domain and
rdfs:range), functional properties, and the datatype ranges of datatype
properties. This module looks for exactly those, so that an inconsistency is
reported as "this node, this axiom, these values".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.names import node_name, term_text

_INTEGERS = frozenset(
    XSD[name]
    for name in [
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
)
# the literals whose datatype lies inside each range the ontology uses
_COMPATIBLE: dict[URIRef, frozenset[URIRef | None]] = {
    XSD.integer: _INTEGERS,
    XSD.decimal: _INTEGERS | {XSD.decimal},
    XSD.boolean: frozenset({XSD.boolean}),
    XSD.string: frozenset({XSD.string, None}),
}


@dataclass
class Schema:
    """The axioms of an ontology that instance data can contradict."""

    parents: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    super_properties: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    domains: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    ranges: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    disjoint: set[frozenset[Node]] = field(default_factory=set)
    functional: set[Node] = field(default_factory=set)

    @classmethod
    def of(cls, ontology: Graph) -> Schema:
        schema = cls()
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            if isinstance(sup, URIRef):
                schema.parents[sub].add(sup)
        for sub, sup in ontology.subject_objects(RDFS.subPropertyOf):
            schema.super_properties[sub].add(sup)
        for prop, cls_ in ontology.subject_objects(RDFS.domain):
            if isinstance(cls_, URIRef):  # a union of classes implies no single class
                schema.domains[prop].add(cls_)
        for prop, cls_ in ontology.subject_objects(RDFS.range):
            if isinstance(cls_, URIRef):
                schema.ranges[prop].add(cls_)
        for a, b in ontology.subject_objects(OWL.disjointWith):
            schema.disjoint.add(frozenset((a, b)))
        for group in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
            head = ontology.value(group, OWL.members)
            members = list(Collection(ontology, head)) if head is not None else []
            schema.disjoint.update(frozenset((a, b)) for a in members for b in members if a != b)
        schema.functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
        return schema

    def ancestors(self, start: Node, links: dict[Node, set[Node]]) -> set[Node]:
        seen, todo = {start}, [start]
        while todo:
            for up in links.get(todo.pop(), ()):
                if up not in seen:
                    seen.add(up)
                    todo.append(up)
        return seen


def explain_inconsistency(data: Graph, ontology: Graph) -> tuple[str, ...]:
    """One sentence per cause found, sorted; empty when none of the known causes is there."""
    schema = Schema.of(ontology)
    found = {
        *_disjoint_types(data, schema),
        *_functional_values(data, schema),
        *_datatype_ranges(data, schema),
    }
    return tuple(sorted(found))


def _disjoint_types(data: Graph, schema: Schema) -> Iterator[str]:
    reasons: dict[Node, dict[Node, str]] = defaultdict(dict)
    for node, cls, why in _typings(data, schema):
        for ancestor in schema.ancestors(cls, schema.parents):
            reasons[node].setdefault(ancestor, why)
    for node, types in reasons.items():
        for pair in schema.disjoint:
            a, b = sorted(pair, key=str)
            if a in types and b in types:
                yield (
                    f"{node_name(data, node)} is both {term_text(data, a)} ({types[a]}) and "
                    f"{term_text(data, b)} ({types[b]}), classes the ontology declares disjoint"
                )


def _typings(data: Graph, schema: Schema) -> Iterable[tuple[Node, Node, str]]:
    """(node, class, why) for every class a node is stated or implied to belong to."""
    for s, p, o in data:
        if p == RDF.type:
            yield s, o, "typed so"
            continue
        for prop in schema.ancestors(p, schema.super_properties):
            for cls in schema.domains.get(prop, ()):
                yield s, cls, f"subject of {term_text(data, p)}"
            if not isinstance(o, Literal):
                for cls in schema.ranges.get(prop, ()):
                    yield o, cls, f"value of {term_text(data, p)} of {node_name(data, s)}"


def _functional_values(data: Graph, schema: Schema) -> Iterator[str]:
    for prop in sorted(schema.functional, key=str):
        values: dict[Node, set[Node]] = defaultdict(set)
        for s, o in data.subject_objects(prop):
            values[s].add(o)
        for s, found in values.items():
            if len(found) > 1:
                shown = ", ".join(sorted(term_text(data, v) for v in found))
                yield (
                    f"{node_name(data, s)} has {len(found)} values of {term_text(data, prop)}, "
                    f"which allows one: {shown}"
                )


def _datatype_ranges(data: Graph, schema: Schema) -> Iterator[str]:
    for prop, ranges in schema.ranges.items():
        for datatype in sorted(ranges & _COMPATIBLE.keys(), key=str):
            allowed = _COMPATIBLE[URIRef(str(datatype))]
            for s, o in data.subject_objects(prop):
                if not isinstance(o, Literal):
                    continue
                if o.ill_typed or o.language is not None or o.datatype not in allowed:
                    yield (
                        f"{node_name(data, s)} has {term_text(data, prop)} {term_text(data, o)}, "
                        f"which is not of type {term_text(data, datatype)}, "
                        "the range the ontology gives it"
                    )
