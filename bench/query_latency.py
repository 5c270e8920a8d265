"""Latency of every named query (queries/*.rq) on Oxigraph and rdflib, and whether they agree.

Each query runs with no parameters (an answer for the whole graph, which grows
with it) and, when it has parameters, bound as its header's example binds
them, moved to a region of the corpus: the way a user asks about one region,
year or entity. Each runs once for its answer, then up to ``runs`` more times
while the query's time stays within a budget; p50 and p95 are over the timed
runs (the first alone when it was too slow to repeat). A query that runs past
``timeout`` seconds is stopped: it runs in a worker process, killed and
replaced when it overruns, since neither engine can cancel a query. The
answers of the two backends are compared as multisets of rows (order aside:
without ORDER BY any order is right).
"""

from __future__ import annotations

import multiprocessing as mp
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from kg.query_results import QueryResult, Term
from kg.sparql import NamedQuery, bind_params, named_queries, open_graph, open_store, run_query

# fork: a worker starts with the rdflib graph the parent loaded, without reading it again
_CONTEXT = mp.get_context("fork")
Bag = Counter[tuple[str, ...]]


SAMPLE_REGIONS = ("重庆市", "平潭综合实验区")  # the regions the queries' examples name
_EXAMPLE = re.compile(r"e\.g\.\s*(\S+)")


@dataclass
class Latency:
    query: str
    backend: str
    bound: bool  # with the example parameters, else for the whole graph
    p50: float | None  # seconds; None when the query timed out
    p95: float | None
    rows: int
    runs: int


@dataclass
class QueryRun:
    latencies: list[Latency] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)  # one line per query that differs
    compared: int = 0  # queries answered by both backends
    timed_out: list[str] = field(default_factory=list)  # "backend: query" past the timeout


def time_queries(
    store: Path,
    trig: Path | None,
    runs: int,
    *,
    timeout: float,
    budget: float,
    examples: dict[str, str],
) -> QueryRun:
    """Every named query on the store (Oxigraph) and, given ``trig``, on rdflib too.

    ``examples`` gives values for parameters (region, year, earlierYear) that
    replace those of the queries' own examples, which name the samples' regions.
    """
    workers = {"oxigraph": _Worker(lambda: open_store(store))}
    if trig is not None:
        graph = open_graph(trig, engine="rdflib")
        workers["rdflib"] = _Worker(lambda: graph)
    result = QueryRun()
    try:
        for query in named_queries():
            bindings = [None, example_params(query, examples)] if query.params else [None]
            for params in bindings:
                _time_one(result, workers, query.name, query.text, params, runs, budget, timeout)
    finally:
        for worker in workers.values():
            worker.stop()
    return result


def example_params(query: NamedQuery, examples: dict[str, str]) -> dict[str, Term]:
    """The query's parameters as its header's examples give them, moved to the corpus."""
    raw = {}
    for param in query.params:
        found = _EXAMPLE.search(param.description)
        value = examples.get(param.name) or (found[1].rstrip("。.,;") if found else "")
        for region in SAMPLE_REGIONS:
            value = value.replace(region, examples.get("region", region))
        if value:
            raw[param.name] = value
    return bind_params(query, raw)


def _time_one(
    result: QueryRun,
    workers: dict[str, _Worker],
    name: str,
    text: str,
    params: dict[str, Term] | None,
    runs: int,
    budget: float,
    timeout: float,
) -> None:
    bags: dict[str, Bag] = {}
    bound = params is not None
    label = f"{name} (bound)" if bound else name
    for backend, worker in workers.items():
        answer = worker.ask(text, params or {}, runs, budget, timeout)
        if answer is None:
            result.timed_out.append(f"{backend}: {label}")
            result.latencies.append(Latency(name, backend, bound, None, None, 0, 0))
            continue
        bag, seconds, rows = answer
        bags[backend] = bag
        p50, p95 = statistics.median(seconds), _percentile(seconds, 95)
        result.latencies.append(Latency(name, backend, bound, p50, p95, rows, len(seconds)))
    if len(bags) == 2:
        result.compared += 1
        difference = _difference(bags["oxigraph"], bags["rdflib"])
        if difference:
            result.mismatches.append(f"{label}: {difference}")


class _Worker:
    """A process that answers queries on one backend; killed and replaced when it overruns."""

    def __init__(self, opener: Callable[[], Any]) -> None:
        self.opener = opener
        self.process: BaseProcess | None = None
        self.conn: Connection | None = None

    def ask(
        self, text: str, params: dict[str, Term], runs: int, budget: float, timeout: float
    ) -> tuple[Bag, list[float], int] | None:
        if self.process is None or self.conn is None:
            self.conn, child = _CONTEXT.Pipe()
            self.process = _CONTEXT.Process(target=_serve, args=(self.opener, child), daemon=True)
            self.process.start()
            child.close()
        self.conn.send((text, params, runs, budget))
        if self.conn.poll(timeout):
            reply: tuple[Bag, list[float], int] | str = self.conn.recv()
            if isinstance(reply, str):
                raise RuntimeError(reply)
            return reply
        self.stop()
        return None

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join()
        self.process = self.conn = None


def _serve(opener: Callable[[], Any], conn: Connection) -> None:
    graph = opener()
    while True:
        try:
            text, params, runs, budget = conn.recv()
        except EOFError:
            return
        try:
            conn.send(_run(graph, text, params, runs, budget))
        except Exception as error:  # a query that fails is the bench's to report
            conn.send(f"{type(error).__name__}: {error}")


def _run(
    graph: Any, text: str, params: dict[str, Term], runs: int, budget: float
) -> tuple[Bag, list[float], int]:
    started = time.perf_counter()
    answer = run_query(graph, text, params)
    first = time.perf_counter() - started
    seconds: list[float] = []
    spent = first
    while len(seconds) < runs and spent + (seconds[-1] if seconds else first) <= budget:
        started = time.perf_counter()
        run_query(graph, text, params)
        seconds.append(time.perf_counter() - started)
        spent += seconds[-1]
    return _bag(answer), seconds or [first], len(answer)


def _percentile(values: list[float], percent: float) -> float:
    """Nearest-rank percentile: with 5 runs, p95 is the slowest."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * percent // 100))
    return ordered[int(rank) - 1]


def _difference(oxigraph: Bag, rdflib: Bag) -> str:
    """What differs, in a few words; empty when the answers are the same."""
    if oxigraph == rdflib:
        return ""
    only_ox, only_rdf = oxigraph - rdflib, rdflib - oxigraph
    sample = next(iter(only_ox or only_rdf))
    return (
        f"{sum(oxigraph.values())} rows vs {sum(rdflib.values())}; "
        f"{sum(only_ox.values())} only on Oxigraph, {sum(only_rdf.values())} only on rdflib, "
        f"e.g. {' | '.join(sample)}"
    )


def _bag(result: QueryResult) -> Bag:
    if result.kind == "ask":
        return Counter({(str(result.boolean),): 1})
    rows = result.triples if result.kind == "graph" else result.rows
    header = Counter({("columns:", *result.columns): 1})
    return header + Counter(tuple("" if t is None else t.n3() for t in row) for row in rows)
