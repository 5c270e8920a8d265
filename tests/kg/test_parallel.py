"""Parallel builds: any number of workers, any completion order, the same bytes."""

from __future__ import annotations

import functools
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import pytest
from dying import die_once
from kg_subprocess import run_kg
from samples import CORPUS, SAMPLES

from kg.corpus import build_corpus
from kg.errors import GraphError
from kg.executors import POOL_MIN_TASKS, ProcessExecutor, make_executor
from kg.shard_export import OUTPUT_NAMES

Job = TypeVar("Job")
Result = TypeVar("Result")


def small_corpus(folder: Path, copies: int = 2) -> Path:
    """The samples, each under ``copies`` names (a report is known by its file name)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SAMPLES:
        for i in range(copies):
            shutil.copy(CORPUS / name, folder / name.replace(".txt", f"-{i}.txt"))
    return folder


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUT_NAMES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_corpus(tmp_path_factory.mktemp("parallel") / "corpus")


@pytest.fixture(scope="module")
def one_job(corpus: Path) -> dict[str, bytes]:
    out = corpus.parent / "j1"
    result = build_corpus([corpus], out, jobs=1)
    assert result.reports == 2 * len(SAMPLES) and not result.failures
    return outputs(out)


def test_kg_build_j2_writes_the_bytes_j1_writes(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "corpus", copies=POOL_MIN_TASKS // len(SAMPLES))
    for jobs in ("1", "2"):  # enough files for -j 2 to start its pool
        done = run_kg("build", corpus, "-o", f"j{jobs}", "-j", jobs, "-q", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    assert outputs(tmp_path / "j1") == outputs(tmp_path / "j2")


class Reversed:
    """Runs tasks in this process but hands the results back last first."""

    name, workers, running = "reversed", 1, False

    def map(self, fn: Callable[[Job], Result], jobs: Sequence[Job]) -> Iterator[Result]:
        yield from reversed([fn(job) for job in jobs])

    def close(self) -> None:
        pass


def test_the_order_tasks_finish_in_does_not_change_a_byte(
    corpus: Path, one_job: dict[str, bytes], tmp_path: Path
) -> None:
    result = build_corpus([corpus], tmp_path / "out", executor=Reversed())
    assert result.reports == 2 * len(SAMPLES)
    assert outputs(tmp_path / "out") == one_job


def test_a_pool_whose_worker_dies_runs_the_lost_tasks_again(
    corpus: Path, one_job: dict[str, bytes], tmp_path: Path
) -> None:
    victim = sorted(corpus.iterdir())[3].name
    (tmp_path / "markers").mkdir()
    dying = functools.partial(die_once, victim=victim, markers=str(tmp_path / "markers"))
    pool = ProcessExecutor(2, min_tasks=1)
    try:
        result = build_corpus([corpus], tmp_path / "out", executor=pool, extract=dying)
    finally:
        pool.close()
    assert (tmp_path / "markers" / f"{victim}.died").is_file()  # a worker did die
    assert result.reports == 2 * len(SAMPLES) and not result.failures
    assert outputs(tmp_path / "out") == one_job


def test_a_store_built_by_two_workers_equals_one_built_in_process(
    corpus: Path, tmp_path: Path
) -> None:
    built = {}
    for jobs in (1, 2):
        work = tmp_path / f"j{jobs}"
        pool = ProcessExecutor(jobs, min_tasks=1)
        try:
            result = build_corpus([corpus], work / "out", store=work / "store", executor=pool)
        finally:
            pool.close()
        assert result.store is not None and result.store.added == 2 * len(SAMPLES)
        built[jobs] = outputs(work / "out")
    assert built[1] == built[2]


def test_wrong_executor_settings_are_one_clear_error() -> None:
    with pytest.raises(GraphError, match="unknown executor"):
        make_executor("threads", 2)
    with pytest.raises(GraphError, match="at least 1"):
        make_executor(None, 0)
    with pytest.raises(GraphError, match="--scheduler needs --executor dask"):
        make_executor("processes", 2, "tcp://127.0.0.1:8786")
    with pytest.raises(GraphError, match="--scheduler needs --shards"):
        build_corpus([CORPUS], Path("unused"), executor="dask", scheduler="tcp://127.0.0.1:1")


def test_dask_without_the_cluster_extra_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    with pytest.raises(GraphError, match="needs Dask: install govkg's cluster extra"):
        make_executor("dask", 2)
