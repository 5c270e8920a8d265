"""Write report graphs into a store generation that no reader sees yet.

The generation becomes visible only when the build swaps it in, so no
transaction is needed: Oxigraph's bulk loader writes sorted files, about three
times faster than transactional inserts. Reports are written in batches so
that memory stays bounded however many reports change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.shared_graph import drop_unsaid, shared_graph, split
from kg.store_terms import oxigraph_quads

BATCH = 64  # reports per bulk load


def _batches(items: Iterable[tuple[str, Dataset]]) -> Iterator[list[tuple[str, Dataset]]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def write_reports(
    paths: tuple[Path, Path], *, base: str, remove: list[str], add: Iterable[tuple[str, Dataset]]
) -> None:
    """Drop the graphs ``remove`` and write ``add`` (report IRI, its dataset) into a generation.

    ``paths`` are the generation's store and its side store of who said what.
    """
    store, said = ox.Store(str(paths[0])), ox.Store(str(paths[1]))
    shared = shared_graph(base)
    unsaid: set[ox.Triple] = set()  # shared statements whose sayers were removed
    for iri in remove:
        graph = ox.NamedNode(iri)
        unsaid.update(q.triple for q in said.quads_for_pattern(None, None, None, graph))
        said.remove_graph(graph)
        store.remove_graph(graph)
    for batch in _batches(add):
        own: list[ox.Quad] = []
        contributed: list[ox.Quad] = []
        for iri, ds in batch:
            mine, theirs = split(oxigraph_quads([ds]), iri)
            own += mine
            contributed += theirs
        store.bulk_extend(own)
        said.bulk_extend(contributed)
        store.bulk_extend({ox.Quad(q.subject, q.predicate, q.object, shared) for q in contributed})
    drop_unsaid(store, said, sorted(unsaid, key=str), base)
    store.flush()
    said.flush()
    del store, said  # closed: the swap must only expose a complete generation
