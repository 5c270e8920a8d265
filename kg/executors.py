"""Who runs a build's tasks: this process, a pool of processes, or a Dask cluster.

A build is a map over files (``kg.build_tasks``): each task is a plain
function of a small picklable job that reads and writes files by content
hash, so it can run anywhere that sees the same folders, and running it twice
does no harm. An executor only maps; results come back in the order tasks
finish, and the driver sorts them by file name before anything whose output
depends on order, so every executor gives the same bytes.

- ``local``: in this process, one task after another (``-j 1``).
- ``processes``: a pool of ``-j N`` worker processes on this machine. A worker
  that dies takes the pool with it; the tasks without a result are run again
  in a new pool.
- ``dask``: Dask distributed, on a cluster (``--scheduler tcp://HOST:PORT``)
  or a local one of ``-j N`` worker processes. A lost worker's tasks are run
  again by the scheduler. Needs the ``cluster`` extra; the workers must have
  govkg installed and see the shards folder at the same path.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from kg.errors import GraphError

log = logging.getLogger(__name__)

EXECUTORS = ("local", "processes", "dask")
POOL_RESTARTS = 3  # a pool that breaks more often than this has a task that kills it
POOL_MIN_TASKS = 16  # fewer run in this process: starting workers would cost more
# imported once by the fork server, so that each worker starts with spaCy loaded
WORKER_PRELOAD = ["kg.build_tasks", "kg.report_graph", "extract.pipeline"]

Job = TypeVar("Job")
Result = TypeVar("Result")


class Executor(Protocol):
    """Runs ``fn`` on every job; yields the results as the tasks finish."""

    name: str
    workers: int

    @property
    def running(self) -> bool:
        """Whether a task given now runs outside this process (its workers are up)."""
        ...

    def map(self, fn: Callable[[Job], Result], jobs: Sequence[Job]) -> Iterator[Result]: ...

    def close(self) -> None: ...


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def make_executor(name: str | Executor | None, jobs: int, scheduler: str | None = None) -> Executor:
    """The executor ``name`` (default: processes for ``jobs`` > 1, else local); an executor
    object is returned as it is."""
    if name is not None and not isinstance(name, str):
        return name
    if jobs < 1:
        raise GraphError(f"-j must be at least 1 (got {jobs})")
    chosen = name or ("dask" if scheduler else "processes" if jobs > 1 else "local")
    if chosen not in EXECUTORS:
        raise GraphError(f"unknown executor {chosen!r} (one of: {', '.join(EXECUTORS)})")
    if scheduler is not None and chosen != "dask":
        raise GraphError("--scheduler needs --executor dask")
    if chosen == "local":
        return LocalExecutor()
    if chosen == "processes":
        return ProcessExecutor(jobs)
    return DaskExecutor(jobs, scheduler)


class LocalExecutor:
    """Every task in this process, in the order given."""

    name = "local"
    workers = 1
    running = False

    def map(self, fn: Callable[[Job], Result], jobs: Sequence[Job]) -> Iterator[Result]:
        for job in jobs:
            yield fn(job)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """A pool of worker processes, started by the first map of ``POOL_MIN_TASKS`` tasks or more.

    Workers start with ``forkserver`` (``spawn`` where it is missing): a fork
    of a process with threads (the progress bar's) can deadlock. The fork
    server imports the extraction once, and every worker is a fork of it.
    """

    name = "processes"

    def __init__(self, workers: int, *, min_tasks: int = POOL_MIN_TASKS) -> None:
        self.workers = workers
        self.min_tasks = min_tasks
        self._pool: ProcessPoolExecutor | None = None

    @property
    def running(self) -> bool:
        return self._pool is not None

    def _new_pool(self) -> ProcessPoolExecutor:
        context: multiprocessing.context.BaseContext
        if "forkserver" in multiprocessing.get_all_start_methods():
            server = multiprocessing.get_context("forkserver")
            server.set_forkserver_preload(WORKER_PRELOAD)
            context = server
        else:
            context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=context)

    def map(self, fn: Callable[[Job], Result], jobs: Sequence[Job]) -> Iterator[Result]:
        if self.workers == 1 or (self._pool is None and len(jobs) < self.min_tasks):
            yield from LocalExecutor().map(fn, jobs)
            return
        todo = dict(enumerate(jobs))
        for _attempt in range(POOL_RESTARTS + 1):
            if self._pool is None:
                self._pool = self._new_pool()
            try:
                yield from self._run(self._pool, fn, todo)
                return
            except BrokenProcessPool:
                log.warning("a worker process died; running its %d tasks again", len(todo))
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
        raise GraphError(f"worker processes kept dying ({POOL_RESTARTS + 1} times); giving up")

    def _run(
        self, pool: ProcessPoolExecutor, fn: Callable[[Job], Result], todo: dict[int, Job]
    ) -> Iterator[Result]:
        """Run ``todo``; each result is yielded and its job dropped from ``todo``."""
        futures: dict[Future[Result], int] = {pool.submit(fn, job): i for i, job in todo.items()}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                result = future.result()  # BrokenProcessPool leaves the rest in ``todo``
                del todo[futures[future]]
                yield result

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskExecutor:
    """Tasks on Dask distributed: a cluster's scheduler, or a local cluster of processes."""

    name = "dask"
    running = True

    def __init__(self, workers: int, scheduler: str | None = None, client: Any = None) -> None:
        try:
            import distributed as imported
        except ImportError:
            raise GraphError(
                "--executor dask needs Dask: install govkg's cluster extra "
                "(pip install dask distributed)"
            ) from None
        distributed: Any = imported  # untyped
        self._distributed = distributed
        self._own_cluster: Any = None
        self._owns_client = client is None
        if client is not None:
            self._client = client
        elif scheduler is not None:
            try:
                self._client = distributed.Client(scheduler, timeout="30s")
            except (OSError, TimeoutError) as error:
                raise GraphError(f"cannot reach the Dask scheduler {scheduler}: {error}") from None
        else:
            self._own_cluster = distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self._client = distributed.Client(self._own_cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or workers)

    def map(self, fn: Callable[[Job], Result], jobs: Sequence[Job]) -> Iterator[Result]:
        if not jobs:
            return
        futures = self._client.map(fn, list(jobs), pure=False)
        try:
            for future in self._distributed.as_completed(futures):
                try:
                    result: Result = future.result()
                except self._distributed.KilledWorker as error:
                    raise GraphError(f"a task kept killing its Dask workers: {error}") from None
                future.release()
                yield result
        finally:
            self._client.cancel(futures)

    def close(self) -> None:
        if self._owns_client:
            self._client.close()
        if self._own_cluster is not None:
            self._own_cluster.close()
            self._own_cluster = None
