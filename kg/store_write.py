"""Load report shards into a store generation that no reader sees yet.

The generation becomes visible only when the build swaps it in, so no
transaction is needed: Oxigraph's bulk loader writes sorted files, about three
times faster than transactional inserts. Shards are loaded in batches of a
few megabytes, so memory stays bounded however many reports change (the bulk
loader holds about a kilobyte per quad of a batch), and they are loaded as
they are written, so the driver loads while the workers write the next ones.

A shard's shared-graph lines also go to the side store of who said what,
under the report's graph (``kg.shared_graph``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.shards import as_triples, graph_term, in_graph, split_shard
from kg.shared_graph import drop_unsaid, shared_graph

BATCH_BYTES = 16 << 20  # of N-Quads per bulk load


def load_shards(
    paths: tuple[Path, Path], *, base: str, remove: list[str], add: Iterable[tuple[str, Path]]
) -> int:
    """Drop the graphs ``remove``, then load ``add`` (report IRI, its shard) into a generation.

    ``paths`` are the generation's store and its side store of who said what.
    Returns the number of shards loaded.
    """
    store, said = ox.Store(str(paths[0])), ox.Store(str(paths[1]))
    shared = graph_term(shared_graph(base).value)
    unsaid: set[ox.Triple] = set()  # shared statements whose sayers were removed
    for iri in remove:
        graph = ox.NamedNode(iri)
        unsaid.update(q.triple for q in said.quads_for_pattern(None, None, None, graph))
        said.remove_graph(graph)
        store.remove_graph(graph)
    loaded = 0
    statements: list[bytes] = []
    sayings: list[bytes] = []
    size = 0
    for iri, path in add:
        data = path.read_bytes()
        _, theirs = split_shard(data, shared)
        statements.append(data)
        sayings.append(in_graph(as_triples(theirs, shared), graph_term(iri)))
        size += len(data)
        loaded += 1
        if size >= BATCH_BYTES:
            _bulk_load(store, said, statements, sayings)
            statements, sayings, size = [], [], 0
    _bulk_load(store, said, statements, sayings)
    drop_unsaid(store, said, sorted(unsaid, key=str), base)
    store.flush()
    said.flush()
    del store, said  # closed: the swap must only expose a complete generation
    return loaded


def _bulk_load(
    store: ox.Store, said: ox.Store, statements: list[bytes], sayings: list[bytes]
) -> None:
    if statements:
        store.bulk_load(b"".join(statements), format=ox.RdfFormat.N_QUADS, lenient=True)
    if any(sayings):
        said.bulk_load(b"".join(sayings), format=ox.RdfFormat.N_QUADS, lenient=True)


def shard_from_store(paths: tuple[Path, Path], iri: str, base: str) -> bytes:
    """A report's shard, read back out of a generation (when its record and shard are lost)."""
    store, said = ox.Store.read_only(str(paths[0])), ox.Store.read_only(str(paths[1]))
    graph = ox.NamedNode(iri)
    own = in_graph(
        store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b"", f"<{iri}>".encode()
    )
    theirs = said.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
    shared = in_graph(theirs, graph_term(shared_graph(base).value))
    return b"".join(
        [*sorted(own.splitlines(keepends=True)), *sorted(shared.splitlines(keepends=True))]
    )
