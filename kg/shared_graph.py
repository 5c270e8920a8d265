"""The store's shared graph: what reports say about things other reports name too, once.

Oxigraph answers a query over the union of named graphs with every matching
quad, so a triple kept in two report graphs would be counted twice by a query
that ``kg query`` or ``kg serve`` runs on the store. In the store, a report's
graph therefore holds only the report's own statements (the report, its text
and mentions, its statistics, its extraction: subjects under the report's
IRI), and what it says about shared nodes (entities, regions, document numbers,
source files, the govkg release) goes into one shared graph, each triple once.

The split is made when a report's statements are written
(``kg.report_graph``): its shard (``kg.shards``) ends with its lines of the
shared graph. A side store keeps who said what, one graph per report, so that
a report dropped or rewritten takes away exactly the statements no other
report makes: no description goes stale, none goes missing.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

SHARED_SEGMENT = "graph/shared"


def shared_graph(base: str) -> ox.NamedNode:
    return ox.NamedNode(f"{base}{SHARED_SEGMENT}")


def drop_unsaid(store: ox.Store, said: ox.Store, triples: Iterable[ox.Triple], base: str) -> int:
    """Remove from the shared graph the ``triples`` that no report in ``said`` makes any more."""
    graph, removed = shared_graph(base), 0
    for t in triples:
        if next(said.quads_for_pattern(t.subject, t.predicate, t.object, None), None) is None:
            store.remove(ox.Quad(t.subject, t.predicate, t.object, graph))
            removed += 1
    return removed
