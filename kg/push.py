"""What ``kg push`` sends: every named graph of a build, PUT whole, so pushing again is a no-op.

The source is a store folder (``kg build --store DIR``: one graph per report plus
the shared-descriptions graph ``{base}graph/shared``), a TriG or N-Quads file, or
a folder of N-Quads/TriG files (shards). Each named graph goes to the remote
store with one Graph Store Protocol ``PUT ?graph=IRI``, which replaces what the
store held under that name: a report pushed twice is there once, a report
rebuilt replaces its old statements. Triples in the default graph, if a file
has any, replace the remote default graph (``PUT ?default``).

Blank nodes do not cross graph boundaries in a push (each PUT is its own
document); govkg's graphs have none.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphError
from kg.remote import DEFAULT_TIMEOUT, Connection, Credentials
from kg.sparql import open_store

log = logging.getLogger(__name__)
QUAD_SUFFIXES = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}
BATCH = 20_000  # triples serialised per chunk of a request body
Graph = ox.NamedNode | ox.DefaultGraph


@dataclass(frozen=True, slots=True)
class PushResult:
    endpoint: str
    graphs: int
    triples: int
    seconds: float

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds if self.seconds > 0 else 0.0


def push(
    source: Path,
    endpoint: str,
    *,
    user: str | None = None,
    password: str = "",
    timeout: float = DEFAULT_TIMEOUT,
    on_graph: Callable[[str, int], None] | None = None,
) -> PushResult:
    """PUT every graph of ``source`` to the Graph Store Protocol ``endpoint``.

    ``on_graph`` hears of each graph pushed, with its triple count.
    """
    dataset = open_source(source)
    graphs = graphs_of(dataset)
    credentials = Credentials(user, password) if user is not None else None
    started, total = time.perf_counter(), 0
    with Connection(endpoint, credentials=credentials, timeout=timeout) as connection:
        for graph in graphs:
            counted = [0]
            connection.request(
                "PUT",
                [("default", "")]
                if isinstance(graph, ox.DefaultGraph)
                else [("graph", graph.value)],
                body=partial(_ntriples, dataset, graph, counted),
                headers={"Content-Type": "application/n-triples"},
            )
            total += counted[0]
            name = "default graph" if isinstance(graph, ox.DefaultGraph) else graph.value
            log.debug("pushed %s: %d triples", name, counted[0])
            if on_graph is not None:
                on_graph(name, counted[0])
    return PushResult(endpoint, len(graphs), total, time.perf_counter() - started)


def open_source(source: Path) -> ox.Store:
    """The dataset to push: a store folder read-only, quads files loaded in memory."""
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix in QUAD_SUFFIXES)
        return _loaded(files) if files else open_store(source)
    if not source.exists():
        raise GraphError(f"{source}: no such store folder or graph file")
    if source.suffix not in QUAD_SUFFIXES:
        raise GraphError(
            f"{source}: a {source.suffix or 'suffix-less'} file has no named graphs to push; "
            "give a store folder (kg build --store), a .trig or a .nq file"
        )
    return _loaded([source])


def _loaded(files: list[Path]) -> ox.Store:
    store = ox.Store()
    for path in files:
        try:
            store.bulk_load(path=str(path), format=QUAD_SUFFIXES[path.suffix])
        except (SyntaxError, OSError, ValueError) as error:
            message = " ".join(str(error).split())
            raise GraphError(f"{path}: cannot read the graph ({message})") from None
    return store


def graphs_of(dataset: ox.Store) -> list[Graph]:
    """The named graphs in IRI order, then the default graph if it holds anything."""
    iris = sorted(g.value for g in dataset.named_graphs() if isinstance(g, ox.NamedNode))
    named: list[Graph] = [ox.NamedNode(iri) for iri in iris]
    default = ox.DefaultGraph()
    if next(dataset.quads_for_pattern(None, None, None, default), None) is not None:
        named.append(default)
    if not named:
        raise GraphError("nothing to push: the source holds no triples")
    return named


def _ntriples(dataset: ox.Store, graph: Graph, counted: list[int]) -> Iterator[bytes]:
    """The graph as N-Triples, in chunks of ``BATCH`` triples; ``counted`` gets the total."""
    counted[0] = 0
    quads = dataset.quads_for_pattern(None, None, None, graph)
    while batch := [quad.triple for quad in islice(quads, BATCH)]:
        counted[0] += len(batch)
        yield ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""
