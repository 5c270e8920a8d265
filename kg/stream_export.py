"""Sorted RDF files written a graph at a time, so that an export never holds the corpus.

The bytes are those ``kg.export_rdf`` writes for the same dataset (and so
the same whatever order the statements came in): statements are sorted
N-Triples lines; a dataset syntax (N-Quads, TriG) has the default graph, then
each named graph in IRI order; a graph syntax (Turtle, N-Triples) has the
union, each triple once, in one global order; Turtle and TriG come from
Oxigraph's writer fed those lines, declaring the offered prefixes the lines use.

What makes it stream: a graph is a *run*, loaded only when needed. A dataset
syntax takes one run after another. The union is a merge of the runs: a run
is loaded only once the merge reaches its *bound*, a string every one of its
lines sorts after. A report graph's lines all start with ``<report IRI``
(its subjects are the report and the nodes under its IRI, ``kg.shared_graph``),
so that is its bound, and the merge holds the shared graph and a report or
two at a time. A run whose lines turn out to sort before what was already
written (a graph of another shape) stops the writer with ``Unstreamable``, as
do blank nodes, whose labels need canonicalising over the whole dataset;
callers then write the file the in-memory way.

The prefixes must be declared before the statements but are known only after
them: the body is written declaring every offered prefix (an unused one
abbreviates nothing) and, if some went unused, the header is rewritten.
"""

from __future__ import annotations

import bisect
import heapq
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.atomic import file_atomically
from kg.export_rdf import Syntax

CHUNK = 1 << 20  # bytes of lines parsed or written at once


class Unstreamable(Exception):
    """The runs cannot be written a graph at a time; write them the in-memory way."""


@dataclass(frozen=True, slots=True)
class Run:
    """One graph of a dataset, loaded when the writer needs it."""

    graph: bytes  # b"<iri>"; b"" for the default graph
    bound: bytes  # every line of the run sorts after this; b"" when nothing is known
    load: Callable[[], list[bytes]]  # its N-Triples lines ("… .\n"), sorted, each once


@dataclass(frozen=True, slots=True)
class Written:
    statements: int  # triples, or quads in a dataset syntax
    graphs: int  # named graphs with statements (0 in a graph syntax)


def _has_blank_node(lines: bytes) -> bool:
    """A blank subject starts a line, a blank object follows an IRI (a literal may look so too:
    a false alarm only costs the in-memory writer)."""
    return lines.startswith(b"_:") or b"\n_:" in lines or b"> _:" in lines


def store_runs(store: ox.Store) -> list[Run]:
    """Every graph of an Oxigraph store as a run, dumped when loaded."""
    runs = [Run(b"", b"", lambda: _dump(store, ox.DefaultGraph()))]
    for name in store.named_graphs():
        if not isinstance(name, ox.NamedNode):
            raise Unstreamable("a blank node names a graph")
        runs.append(Run(str(name).encode(), str(name)[:-1].encode(), _dumper(store, name)))
    return runs


def _dumper(store: ox.Store, graph: ox.NamedNode) -> Callable[[], list[bytes]]:
    return lambda: _dump(store, graph)


def _dump(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> list[bytes]:
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
    return sorted(data.splitlines(keepends=True))


def write_rdf(
    runs: Sequence[Run],
    path: Path,
    syntax: Syntax,
    *,
    prefixes: Mapping[str, str] = {},
    observe: Callable[[bytes], None] | None = None,
) -> Written:
    """Write ``runs`` to ``path`` in ``syntax`` (N-Quads, TriG, Turtle or N-Triples), atomically.

    ``observe`` sees every piece of N-Triples (N-Quads) lines written, in order.
    Raises ``Unstreamable`` (writing nothing) when the runs need the in-memory writer.
    """
    if syntax.name not in ("nq", "trig", "ttl", "nt"):
        raise Unstreamable(f"{syntax.title} is written in memory")
    count = _Counter(observe)
    chunks = count(_dataset_chunks(runs) if syntax.datasets else _union_chunks(runs))
    offered = dict(sorted(prefixes.items()))
    used: set[str] = set()
    with file_atomically(path) as handle:
        if syntax.name in ("nq", "nt"):
            for chunk in chunks:
                handle.write(chunk)
        else:
            _serialise(chunks, handle, syntax, offered, used)
    kept = {p: ns for p, ns in offered.items() if p in used}
    if syntax.name in ("ttl", "trig") and kept != offered and count.statements:
        fmt = getattr(ox.RdfFormat, syntax.oxigraph)
        _replace_header(path, _header(offered, fmt), _header(kept, fmt))
    return Written(count.statements, count.graphs if syntax.datasets else 0)


class _Counter:
    """Counts the statements and graphs that pass, shows them to ``observe``, spots blank nodes."""

    def __init__(self, observe: Callable[[bytes], None] | None) -> None:
        self.observe = observe
        self.statements = 0
        self.graphs = 0

    def __call__(self, chunks: Iterator[tuple[bytes, bool]]) -> Iterator[bytes]:
        for chunk, new_graph in chunks:
            if _has_blank_node(chunk):
                raise Unstreamable("blank nodes need canonical labels")
            self.statements += chunk.count(b"\n")
            self.graphs += new_graph
            if self.observe is not None:
                self.observe(chunk)
            yield chunk


def _dataset_chunks(runs: Sequence[Run]) -> Iterator[tuple[bytes, bool]]:
    """N-Quads lines, a graph at a time; the flag is set on each named graph's first piece."""
    for run in sorted(runs, key=lambda r: r.graph):
        lines = run.load()
        suffix = b" " + run.graph + b" .\n" if run.graph else b" .\n"
        first = bool(run.graph)
        for start in range(0, len(lines), 4096):
            data = b"".join(lines[start : start + 4096])
            yield (data.replace(b" .\n", suffix) if run.graph else data), first
            first = False


def _union_chunks(runs: Sequence[Run]) -> Iterator[tuple[bytes, bool]]:
    pieces: list[bytes] = []
    size = 0
    for lines in merged(runs):
        pieces += lines
        size += len(lines)
        if size >= 4096:
            yield b"".join(pieces), False
            pieces, size = [], 0
    if pieces:
        yield b"".join(pieces), False


def merged(runs: Sequence[Run]) -> Iterator[list[bytes]]:
    """The lines of all runs in sorted order, each once, as consecutive slices of the runs.

    A run is loaded when the merge reaches its bound and dropped when it is spent.
    """
    unloaded = sorted(runs, key=lambda r: r.bound)
    heap: list[tuple[bytes, int]] = []  # (next line, run number)
    state: dict[int, tuple[list[bytes], int]] = {}  # run number → (its lines, next position)
    last: bytes | None = None
    ahead = 0  # the next unloaded run
    while True:
        while ahead < len(unloaded) and (not heap or unloaded[ahead].bound < heap[0][0]):
            lines = unloaded[ahead].load()
            if lines:
                if last is not None and lines[0] < last:
                    raise Unstreamable("a graph has lines before its bound")
                state[ahead] = (lines, 0)
                heapq.heappush(heap, (lines[0], ahead))
            ahead += 1
        if not heap:
            return
        _, number = heapq.heappop(heap)
        lines, position = state[number]
        limits = [heap[0][0]] if heap else []
        if ahead < len(unloaded):
            limits.append(unloaded[ahead].bound)
        end = bisect.bisect_right(lines, min(limits), position) if limits else len(lines)
        start = position + 1 if lines[position] == last else position
        if start < end:
            yield lines[start:end]
            last = lines[end - 1]
        if end < len(lines):
            state[number] = (lines, end)
            heapq.heappush(heap, (lines[end], number))
        else:
            del state[number]


def _serialise(
    chunks: Iterator[bytes],
    handle: BinaryIO,
    syntax: Syntax,
    offered: Mapping[str, str],
    used: set[str],
) -> None:
    """Turtle or TriG through Oxigraph's writer; notes in ``used`` the prefixes the lines use."""
    needles = {p: b"<" + ns.encode("utf-8") for p, ns in offered.items()}
    line_format = ox.RdfFormat.N_QUADS if syntax.datasets else ox.RdfFormat.N_TRIPLES

    def noted(chunks: Iterator[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            used.update(p for p, needle in needles.items() if p not in used and needle in chunk)
            yield chunk

    # chained in C: no Python frame per statement between the parser and the writer
    statements = chain.from_iterable(
        ox.parse(chunk, format=line_format, lenient=True) for chunk in noted(chunks)
    )
    fmt = getattr(ox.RdfFormat, syntax.oxigraph)
    ox.serialize(statements, handle, format=fmt, prefixes=dict(offered))


def _replace_header(path: Path, old: bytes, new: bytes) -> None:
    """Rewrite ``path`` with ``new`` in place of the ``old`` prefix declarations it starts with."""
    with path.open("rb") as source:
        if source.read(len(old)) != old:
            raise Unstreamable(f"{path}: unexpected start of Oxigraph's output")
        with file_atomically(path) as target:
            target.write(new)
            shutil.copyfileobj(source, target, CHUNK)


def _header(prefixes: Mapping[str, str], fmt: ox.RdfFormat) -> bytes:
    """The prefix declarations Oxigraph's writer starts a file with."""
    probe = ox.NamedNode("urn:govkg:probe")
    statement = ox.Quad(probe, probe, probe, ox.DefaultGraph())
    data = ox.serialize([statement], format=fmt, prefixes=dict(prefixes)) or b""
    return data[: data.index(b"<urn:govkg:probe>")]
