"""A build's outputs, written from its shards: graph.ttl, graph.trig and graph.html.

The shards are the corpus in N-Quads (``kg.shards``), so the outputs are
written from them rather than read back out of the store: Oxigraph's store
decodes every term of a dump through its string table, several times slower
than reading the lines it was loaded from, and the bytes are the same either
way (``kg.stream_export`` sorts). Each report's own graph is a run bounded by
its IRI; the shared graph is gathered from every shard's tail, each line once.
The summary's counts come from the same pass that writes the Turtle.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from threading import Thread

from kg.build_result import ENTITY_CLASSES
from kg.executors import Executor
from kg.export import COMMON_PREFIXES
from kg.export_rdf import SYNTAXES
from kg.shards import as_triples, graph_term, split_shard
from kg.shared_graph import shared_graph
from kg.stream_export import Run, write_rdf

OUTPUT_NAMES = ("graph.ttl", "graph.trig", "graph.html")
_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_GKG = "https://w3id.org/govkg/ontology#"


def shard_runs(shards: Mapping[str, Path], base: str) -> list[Run]:
    """The runs of a corpus whose report graphs (IRI → shard file) are ``shards``."""
    shared = graph_term(shared_graph(base).value)
    lines: set[bytes] = set()
    runs = []
    for iri in sorted(shards):
        _, theirs = split_shard(shards[iri].read_bytes(), shared)
        lines.update(as_triples(theirs, shared).splitlines(keepends=True))
        graph = graph_term(iri)
        runs.append(Run(graph, graph[:-1], _own_lines(shards[iri], graph, shared)))
    if lines:
        runs.append(Run(shared, b"", lambda: sorted(lines)))
    return runs


def _own_lines(path: Path, graph: bytes, shared: bytes) -> Callable[[], list[bytes]]:
    def load() -> list[bytes]:
        own, _ = split_shard(path.read_bytes(), shared)
        return sorted(as_triples(own, graph).splitlines(keepends=True))

    return load


@dataclass(slots=True)
class Tally:
    """Triples and entities per class, counted on the union's lines as they are written."""

    triples: int = 0
    entities: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENTITY_CLASSES, 0))

    def __call__(self, lines: bytes) -> None:
        self.triples += lines.count(b"\n")
        if _RDF_TYPE not in lines:
            return
        for name in ENTITY_CLASSES:
            self.entities[name] += lines.count(f"{_RDF_TYPE.decode()} <{_GKG}{name}> .\n".encode())


@dataclass(frozen=True, slots=True)
class PageJob:
    shards: tuple[tuple[str, str], ...]  # report graph IRI → shard path
    base: str
    path: str
    title: str


def page_task(job: PageJob) -> str:
    """Write the page (a task, so that a worker draws it while the driver writes the rest)."""
    from kg.page_stream import write_page_from_runs

    shards = {graph: Path(path) for graph, path in job.shards}
    write_page_from_runs(shard_runs(shards, job.base), Path(job.path), title=job.title)
    return job.path


def write_outputs(
    shards: Mapping[str, Path],
    base: str,
    out_dir: Path,
    *,
    executor: Executor | None = None,
    title: str = "govkg",
) -> Tally:
    """graph.ttl (the union), graph.trig (named graphs kept) and graph.html in ``out_dir``.

    ``shards`` maps each report's graph IRI to its shard. When the ``executor``
    has workers running, one of them draws the page meanwhile.
    """
    tally = Tally()
    paths = [out_dir / name for name in OUTPUT_NAMES]
    job = PageJob(tuple(sorted((g, str(p)) for g, p in shards.items())), base, str(paths[2]), title)
    page: Thread | None = None
    failed: list[BaseException] = []
    if executor is not None and executor.running:
        page = Thread(target=_run_page, args=(executor, job, failed), name="govkg-page")
        page.start()
    runs = shard_runs(shards, base)
    write_rdf(runs, paths[0], SYNTAXES["ttl"], prefixes=COMMON_PREFIXES, observe=tally)
    write_rdf(runs, paths[1], SYNTAXES["trig"], prefixes=COMMON_PREFIXES)
    if page is None:
        page_task(job)
    else:
        page.join()
        if failed:
            raise failed[0]
    return tally


def _run_page(executor: Executor, job: PageJob, failed: list[BaseException]) -> None:
    try:
        for _ in executor.map(page_task, [job]):
            pass
    except BaseException as error:  # handed to the driver's thread
        failed.append(error)
