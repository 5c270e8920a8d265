"""Is a built graph well-formed? SHACL shapes (pySHACL) and OWL consistency (HermiT).

``validate_file`` reads a graph, checks it against ``ontology/shapes.ttl``
(with ``ontology/govkg.ttl`` merged in, so that subclasses count as their
parent classes) and, unless told not to, asks HermiT whether it is consistent
with the ontology. Every problem becomes a ``Finding``: the node (its label
and IRI), the rule in words and the offending value, one line each.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, Literal
from rdflib.namespace import SH
from rdflib.term import BNode, Node

from kg.errors import GraphError
from kg.evaluate import default_ontology, load_graph
from kg.export import union_graph
from kg.names import node_name, term_text
from kg.reasoning import Consistency, check_consistency

log = logging.getLogger(__name__)

ONTOLOGY_FILE = "govkg.ttl"
SHAPES_FILE = "shapes.ttl"
VIOLATION, WARNING = "violation", "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: which node, which rule (in words), which value."""

    severity: str  # VIOLATION or WARNING
    node: str  # label and IRI of the node at fault
    rule: str
    value: str | None = None
    check: str = "shapes"  # "shapes" (SHACL) or "reasoner" (HermiT)

    def line(self) -> str:
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.node}: {self.rule}{value}"


@dataclass(frozen=True, slots=True)
class Validation:
    """The outcome of checking one graph."""

    source: str
    triples: int
    findings: tuple[Finding, ...]
    consistency: Consistency | None  # None when the reasoner was not run
    seconds: float

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == VIOLATION)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == WARNING)

    @property
    def conforms(self) -> bool:
        return not self.violations


def ontology_folder(folder: Path | None = None) -> Path:
    """``folder``, or the project's ontology folder; it must hold govkg.ttl and shapes.ttl."""
    found = folder if folder is not None else default_ontology()
    if found is None:
        raise GraphError("the ontology folder (govkg.ttl, shapes.ttl) was not found; name it")
    for name in (ONTOLOGY_FILE, SHAPES_FILE):
        if not (found / name).is_file():
            raise GraphError(f"{found}: no {name} in this ontology folder")
    return found


def read_turtle(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except Exception as error:  # rdflib's parsers raise many unrelated types on bad input
        problem = " ".join(str(error).split())[:300] or type(error).__name__
        raise GraphError(f"{path}: cannot be read as turtle: {problem}") from error


def read_graph(path: Path) -> Graph:
    """A graph file (any syntax by suffix; named graphs merged) as one graph."""
    data = union_graph(load_graph([path]))
    if len(data) == 0:
        raise GraphError(f"{path}: the graph is empty")
    return data


def validate_file(path: Path, *, ontology: Path | None = None, reason: bool = True) -> Validation:
    """Read ``path`` and validate it; raises ``GraphError`` when it cannot be read."""
    folder = ontology_folder(ontology)
    return validate_graph(
        read_graph(path),
        ontology=read_turtle(folder / ONTOLOGY_FILE),
        shapes=read_turtle(folder / SHAPES_FILE),
        reason=reason,
        source=str(path),
    )


def validate_graph(
    data: Graph, *, ontology: Graph, shapes: Graph, reason: bool = True, source: str = "graph"
) -> Validation:
    """Check ``data`` against the shapes and, if ``reason``, HermiT; ``data`` is not changed."""
    started = time.perf_counter()
    findings = list(check_shapes(data, ontology=ontology, shapes=shapes))
    consistency = None
    if reason:
        consistency = check_consistency(data, ontology)
        findings += [
            Finding(VIOLATION, "OWL consistency", problem, check="reasoner")
            for problem in consistency.problems
        ]
        findings += [
            Finding(
                VIOLATION, iri, "this class can have no member (unsatisfiable)", None, "reasoner"
            )
            for iri in consistency.unsatisfiable
        ]
    return Validation(
        source=source,
        triples=len(data),
        findings=tuple(findings),
        consistency=consistency,
        seconds=time.perf_counter() - started,
    )


def check_shapes(data: Graph, *, ontology: Graph, shapes: Graph) -> list[Finding]:
    """pySHACL over ``data`` with the ontology merged in; findings sorted by node and rule."""
    import pyshacl  # imported here: slow to import, and only validation needs it

    merged = Graph()
    for prefix, namespace in data.namespaces():
        merged.bind(prefix, namespace, override=True)
    for graph in (data, ontology):
        for triple in graph:
            merged.add(triple)
    # pySHACL's own ont_graph merging is very slow on this ontology; merging by hand is not
    _conforms, results, _text = pyshacl.validate(
        merged, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    if not isinstance(results, Graph):
        raise GraphError("pySHACL returned no results graph")
    findings = {_finding(merged, results, result) for result in _results(results)}
    return sorted(findings, key=lambda f: (f.node, f.rule, f.value or ""))


def _results(results: Graph) -> Iterable[Node]:
    return results.subjects(RDF.type, SH.ValidationResult)


def _finding(data: Graph, results: Graph, result: Node) -> Finding:
    focus = results.value(result, SH.focusNode)
    value = results.value(result, SH.value)
    severity = results.value(result, SH.resultSeverity)
    message = results.value(result, SH.resultMessage)
    path = results.value(result, SH.resultPath)
    rule = str(message) if isinstance(message, Literal) else _path_text(results, path)
    return Finding(
        severity=VIOLATION if severity in (None, SH.Violation) else WARNING,
        node=node_name(data, focus) if focus is not None else "(no node)",
        rule=rule,
        value=None if value is None or value == focus else _value_text(data, value),
    )


def _value_text(data: Graph, value: Node) -> str:
    if isinstance(value, Literal):
        return term_text(data, value)
    return node_name(data, value)


def _path_text(results: Graph, path: Node | None) -> str:
    if path is None:
        return "breaks a shape"
    if isinstance(path, BNode) and (inverse := results.value(path, SH.inversePath)) is not None:
        return f"breaks a rule on ^{term_text(results, inverse)}"
    return f"breaks a rule on {term_text(results, path)}"
