"""Push throughput of ``kg push`` to a local ``oxigraph serve``, in triples per second.

    python bench/push.py [--copies 20] [--keep DIR]

The bundled samples are built into a store (``kg build --store``); with
``--copies N`` the report graphs are copied N times under other report IRIs
(the shared graph once), for a store of a more telling size. The store is then
pushed twice to a fresh ``oxigraph serve`` on 127.0.0.1: once persisting to a
temporary folder (as a real deployment), once in memory (the server's fastest).
Prints graphs, triples, seconds and triples/s of each push.

``measure_push(store_dir)`` is the measurement alone, for bench/run.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "support"))  # the server launcher the tests use too

from oxigraph_server import find_oxigraph, oxigraph_server  # noqa: E402

from kg.corpus import build_corpus, sample_reports  # noqa: E402
from kg.push import push  # noqa: E402
from kg.shared_graph import SHARED_SEGMENT  # noqa: E402


def measure_push(store_dir: Path, *, in_memory: bool = False) -> dict[str, Any]:
    """Push ``store_dir`` to a new local ``oxigraph serve``; graphs, triples, seconds, rate."""
    if find_oxigraph() is None:
        raise RuntimeError("no oxigraph command: pip install 'oxigraph>=0.4'")
    with tempfile.TemporaryDirectory(prefix="govkg-push-") as scratch:
        location = None if in_memory else Path(scratch) / "data"
        with oxigraph_server(location) as server:
            result = push(store_dir, server.store)
    return {
        "server": "in memory" if in_memory else "on disk",
        "graphs": result.graphs,
        "triples": result.triples,
        "seconds": round(result.seconds, 3),
        "triples_per_second": round(result.triples_per_second),
    }


def make_store(folder: Path, copies: int) -> Path:
    """The samples built into a store, then (``copies`` > 1) their report graphs copied."""
    built = folder / "samples"
    result = build_corpus([], folder / "out", files=sample_reports(), store=built)
    if result.reports == 0:
        sys.exit("the samples could not be built")
    if copies <= 1:
        return built
    source = ox.Store.read_only(str(built))
    copied = ox.Store(str(folder / "copies"))
    for graph in source.named_graphs():
        assert isinstance(graph, ox.NamedNode)
        quads = list(source.quads_for_pattern(None, None, None, graph))
        if graph.value.endswith(SHARED_SEGMENT):
            copied.extend(quads)
            continue
        for number in range(copies):
            copied.extend(
                _renamed(quad, graph.value, f"{graph.value}-copy{number:04d}") for quad in quads
            )
    copied.flush()
    return folder / "copies"


def _renamed(quad: ox.Quad, old: str, new: str) -> ox.Quad:
    def term(node: Any) -> Any:
        if isinstance(node, ox.NamedNode) and node.value.startswith(old):
            return ox.NamedNode(new + node.value[len(old) :])
        return node

    return ox.Quad(term(quad.subject), quad.predicate, term(quad.object), term(quad.graph_name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=20, help="copies of each report graph")
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govkg-bench-push-") as scratch:
        folder = args.keep or Path(scratch)
        store = make_store(folder, args.copies)
        for in_memory in (False, True):
            figures = measure_push(store, in_memory=in_memory)
            print(
                f"push to oxigraph serve ({figures['server']}): {figures['graphs']} graphs, "
                f"{figures['triples']} triples in {figures['seconds']:.2f} s = "
                f"{figures['triples_per_second']:,} triples/s",
                flush=True,
            )


if __name__ == "__main__":
    main()
