"""Builds on a Dask cluster: the same store and files as in-process, even when a worker dies."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from dying import die_once
from samples import CORPUS, SAMPLES

from kg.corpus import build_corpus
from kg.export_rdf import SYNTAXES
from kg.shard_export import OUTPUT_NAMES
from kg.store import open_store
from kg.stream_export import store_runs, write_rdf

distributed = pytest.importorskip("distributed", reason="the cluster extra is not installed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A local cluster of two worker processes (processes, so that one can be killed)."""
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def in_process(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("in-process")
    result = build_corpus([CORPUS], work / "out", store=work / "store")
    assert result.reports == len(SAMPLES) and not result.failures
    return work


def nquads(store: Path, target: Path) -> bytes:
    """The store's statements as sorted N-Quads: equal bytes, equal (isomorphic) datasets."""
    write_rdf(store_runs(open_store(store)), target, SYNTAXES["nq"])
    return target.read_bytes()


def files(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUT_NAMES}


def test_a_dask_build_gives_the_store_and_files_an_in_process_build_gives(
    scheduler: str, in_process: Path, tmp_path: Path
) -> None:
    result = build_corpus(
        [CORPUS],
        tmp_path / "out",
        store=tmp_path / "store",
        executor="dask",
        scheduler=scheduler,
        shards=tmp_path / "shards",
    )
    assert result.reports == len(SAMPLES) and not result.failures
    assert len(list((tmp_path / "shards").glob("*.nq"))) == len(SAMPLES)
    ours = nquads(tmp_path / "store", tmp_path / "dask.nq")
    assert ours and ours == nquads(in_process / "store", tmp_path / "local.nq")
    dataset = ox.Dataset(ox.parse(ours, format=ox.RdfFormat.N_QUADS))
    reference = open_store(in_process / "store")
    assert len(dataset) == len(reference)
    assert all(quad in dataset for quad in reference)
    assert files(tmp_path / "out") == files(in_process / "out")


def test_a_worker_killed_mid_build_costs_a_rerun_of_its_task_not_the_build(
    scheduler: str, in_process: Path, tmp_path: Path
) -> None:
    (tmp_path / "markers").mkdir()
    victim = SAMPLES[1]
    dying = functools.partial(die_once, victim=victim, markers=str(tmp_path / "markers"))
    result = build_corpus(
        [CORPUS],
        tmp_path / "out",
        store=tmp_path / "store",
        executor="dask",
        scheduler=scheduler,
        shards=tmp_path / "shards",
        extract=dying,
    )
    assert (tmp_path / "markers" / f"{victim}.died").is_file()  # a worker did die
    assert result.reports == len(SAMPLES) and not result.failures
    ours = nquads(tmp_path / "store", tmp_path / "dask.nq")
    assert ours == nquads(in_process / "store", tmp_path / "local.nq")
    assert files(tmp_path / "out") == files(in_process / "out")
