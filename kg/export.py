"""Serialise a built dataset to files, atomically and byte-for-byte reproducibly."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg.atomic import write_bytes_atomically


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
    write_bytes_atomically(path, graph.serialize(format="turtle", encoding="utf-8"))
    return len(graph)
