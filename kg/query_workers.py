"""SPARQL queries in worker processes that can be killed: how ``kg serve`` enforces its timeout.

pyoxigraph has no way to cancel a running query (``Store.query`` takes no timeout
and holds its thread until done), and a thread cannot be stopped from outside. So
each query runs in one of a few worker processes that open the same store
read-only; when a query overruns, its worker is killed and a fresh one started,
and the other workers and the server carry on.

A pool started ``writable`` (``kg serve --allow-writes``) has one worker, which
opens the store read-write (RocksDB lets one process do so) and also runs
SPARQL updates; each update is one transaction, so a worker killed by the
timeout leaves the store as it was before that update.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import re
import signal
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from kg.errors import QueryError

log = logging.getLogger(__name__)
_CONTEXT = mp.get_context("spawn")  # the server is threaded: fork would copy held locks
_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)  # in Oxigraph's syntax errors


@dataclass(frozen=True, slots=True)
class Job:
    query: str
    accept: tuple[str, ...]  # result formats the client takes, best first (json, xml, ttl …)
    max_results: int
    default_graphs: tuple[str, ...] = ()
    update: bool = False  # a SPARQL update, for a writable pool only


@dataclass(frozen=True, slots=True)
class Reply:
    status: int  # HTTP status: 200, 400 for a bad query, 406 for no acceptable format
    body: bytes
    fmt: str = ""  # the result format chosen, "" for an error message
    truncated: bool = False


class QueryTimeout(QueryError):
    """The query ran longer than the server allows, and was stopped."""


class ServerBusy(QueryError):
    """Every worker stayed busy for as long as a query may run."""


def _worker_main(conn: Connection, store_dir: str, writable: bool = False) -> None:
    """Answer jobs from ``conn`` on the store (read-only unless ``writable``) until the
    server goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    from kg.query_results import GRAPH_FORMATS, RESULT_FORMATS, serialize
    from kg.sparql import open_store, run_query

    store = _open_writable(Path(store_dir)) if writable else open_store(Path(store_dir))
    conn.send("ready")
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        if job.update:
            conn.send(_run_update(store, job.query) if writable else Reply(403, b"read-only"))
            continue
        try:
            result = run_query(
                store, job.query, max_results=job.max_results, default_graphs=job.default_graphs
            )
            usable = GRAPH_FORMATS if result.kind == "graph" else RESULT_FORMATS
            fmt = next((f for f in job.accept if f in usable), "")
            if not fmt:
                wanted = ", ".join(job.accept) or "none"
                message = f"cannot write this result as {wanted}; it can be: {', '.join(usable)}"
                reply = Reply(406, message.encode())
            else:
                reply = Reply(200, serialize(result, fmt), fmt, result.truncated)
        except QueryError as error:
            reply = Reply(400, str(error).encode())
        conn.send(reply)


def _open_writable(folder: Path) -> Any:
    import pyoxigraph as ox

    return ox.Store(str(folder))


def _run_update(store: Any, text: str) -> Reply:
    """Apply a SPARQL update in one transaction: 200, or 400 with one line on what is wrong."""
    from kg.query_results import PREFIXES
    from kg.sparql import syntax_message

    try:
        store.update(text, prefixes=PREFIXES)
    except SyntaxError as error:
        found = _POSITION.match(str(error))
        message = (
            syntax_message(int(found[1]), int(found[2]), found[3], text).replace("query", "update")
            if found
            else f"update syntax error: {' '.join(str(error).split())}"
        )
        return Reply(400, message.encode())
    except (OSError, RuntimeError, ValueError) as error:
        return Reply(400, f"the update failed: {' '.join(str(error).split())}".encode())
    return Reply(200, b"the update was applied\n", "text")


class _Worker:
    def __init__(self, store_dir: Path, writable: bool = False) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process: BaseProcess = _CONTEXT.Process(
            target=_worker_main, args=(child, str(store_dir), writable), daemon=True
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        try:
            ready = self.conn.poll(timeout) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop()
            raise QueryError("a query worker could not open the store")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """``size`` workers over one store folder; ``run`` stops any job after ``timeout`` s.

    ``writable``: one worker, whatever ``size`` says, that opens the store read-write.
    """

    def __init__(
        self, store_dir: Path, *, size: int = 2, timeout: float = 10.0, writable: bool = False
    ) -> None:
        self.store_dir, self.timeout, self.writable = store_dir, timeout, writable
        size = 1 if writable else size
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        workers = [self._start() for _ in range(max(size, 1))]
        for worker in workers:
            worker.wait_ready(60)
            self._idle.put(worker)

    def _start(self) -> _Worker:
        worker = _Worker(self.store_dir, self.writable)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()
        if self._closed:
            return
        fresh = self._start()
        try:
            fresh.wait_ready(60)
        except QueryError:
            if not self._closed:  # a worker stopped by close() is no failure
                log.exception("a replacement query worker failed to start")
            return
        if self._closed:
            fresh.stop()
        else:
            self._idle.put(fresh)

    def run(self, job: Job) -> Reply:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServerBusy("the server is busy; try again in a moment") from None
        try:
            worker.conn.send(job)
            if worker.conn.poll(self.timeout):
                reply: Reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError, BrokenPipeError):
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
            raise QueryError("the query worker died; the query was not answered") from None
        log.warning("query stopped after %s s", self.timeout)
        threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
        raise QueryTimeout(f"the query was stopped after {self.timeout:g} s (the server's limit)")

    def pids(self) -> Sequence[int | None]:
        with self._lock:
            return [w.process.pid for w in self._all]

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
