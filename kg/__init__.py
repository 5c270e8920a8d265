"""govkg's graph layer, and its Python API.

``kg`` turns extracted report records into RDF and puts the graph to use:
``kg.report_graph`` (IRIs, named graphs, provenance), ``kg.corpus`` (a folder of
reports → files), ``kg.export``, ``kg.sparql``, ``kg.viz``, ``kg.validate``,
``kg.cli``. The package itself offers the API a notebook needs::

    import kg
    ds = kg.build(["reports/", kg.Text(text, name="x.txt")])   # rdflib Dataset
    kg.query(ds, "documents-cited-by-several-reports")          # a named query, or SPARQL
    kg.to_networkx(ds)                                          # networkx MultiDiGraph
    kg.serialize(ds, "out/graph.trig")                          # any export format

Importing ``kg`` loads neither spaCy nor rdflib: each function imports what it
needs when called (see ``kg.api``).
"""

from __future__ import annotations

from kg.api import Source, Text, build, build_text, extract, load, query, serialize, to_networkx

__all__ = [
    "Source",
    "Text",
    "build",
    "build_text",
    "extract",
    "load",
    "query",
    "serialize",
    "to_networkx",
]
