"""govkg's graph layer, and its Python API.

``kg`` turns extracted report records into RDF and puts the graph to use:
``kg.build`` (IRIs, named graphs, provenance), ``kg.corpus`` (a folder of
reports → files), ``kg.export``, ``kg.query``, ``kg.viz``, ``kg.validate``,
``kg.cli``. The package itself offers the API a notebook needs::

    import kg
    ds = kg.build(["reports/", kg.Text(text, name="x.txt")])   # rdflib Dataset
    kg.query(ds, "documents-cited-by-several-reports")          # a named query, or SPARQL
    kg.to_networkx(ds)                                          # networkx MultiDiGraph
    kg.serialize(ds, "out/graph.trig")                          # any export format

Importing ``kg`` loads neither spaCy nor rdflib: each function imports what it
needs when called (see ``kg.api``).

``kg.build`` and ``kg.query`` are functions here, although modules of the same
names exist: Python sets a package attribute to a submodule when it is first
imported, which would replace the function, so this package keeps its API
functions (see ``_Package``). Reach the modules with ``from kg.build import
...`` or ``importlib.import_module("kg.build")``, never ``import kg.build as m``.
"""

from __future__ import annotations

import sys
import types

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
_API = {"build": build, "query": query}


class _Package(types.ModuleType):
    """The ``kg`` module, refusing to let a submodule replace an API function of its name."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and name in _API:
            return  # the import system announcing kg.build or kg.query: keep the function
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
