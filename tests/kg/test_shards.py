"""N-Quads shards: one per report, named by content and identity, the corpus when put together."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import NoReturn

import pyoxigraph as ox
import pytest
from samples import CORPUS, SAMPLES

from kg.corpus import build_corpus
from kg.export_rdf import SYNTAXES
from kg.iri import DEFAULT_BASE, report_iri
from kg.page_stream import lines_graph
from kg.shards import ShardFolder
from kg.shared_graph import shared_graph
from kg.stream_export import store_runs, write_rdf
from kg.viz import write_page


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("shards")
    result = build_corpus([CORPUS], work / "out", shards=work / "shards")
    assert result.reports == len(SAMPLES) and not result.failures
    return work


def loaded(shards: Path) -> ox.Store:
    store = ox.Store()
    for shard in sorted(shards.glob("*.nq")):
        store.bulk_load(path=str(shard), format=ox.RdfFormat.N_QUADS)
    return store


def test_one_shard_a_report_named_by_a_hash_and_listed_in_the_index(built: Path) -> None:
    shards = sorted((built / "shards").glob("*.nq"))
    assert len(shards) == len(SAMPLES)
    assert all(re.fullmatch("[0-9a-f]{64}", s.stem) for s in shards)
    index = json.loads((built / "shards/index.json").read_text("utf-8"))
    assert sorted(index["reports"]) == SAMPLES
    shared = shared_graph(DEFAULT_BASE)
    for name, entry in index["reports"].items():
        assert entry["graph"] == str(report_iri(DEFAULT_BASE, name))
        graphs = {
            q.graph_name for q in ox.parse(path=str(built / "shards" / f"{entry['shard']}.nq"))
        }
        assert graphs == {ox.NamedNode(entry["graph"]), shared}


def test_the_shards_together_are_the_graph_the_build_wrote(built: Path, tmp_path: Path) -> None:
    store = loaded(built / "shards")
    write_rdf(store_runs(store), tmp_path / "shards.trig", SYNTAXES["trig"], prefixes=_prefixes())
    assert (tmp_path / "shards.trig").read_bytes() == (built / "out/graph.trig").read_bytes()


def test_a_rerun_extracts_and_writes_nothing_that_is_done(built: Path, tmp_path: Path) -> None:
    shutil.copytree(built / "shards", tmp_path / "shards")
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "shards").glob("*.nq")}
    result = build_corpus([CORPUS], tmp_path / "out", shards=tmp_path / "shards", extract=_never)
    assert result.reports == len(SAMPLES) and not result.failures
    after = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "shards").glob("*.nq")}
    assert after == before
    assert (tmp_path / "out/graph.trig").read_bytes() == (built / "out/graph.trig").read_bytes()


def _never(path: Path) -> NoReturn:
    raise AssertionError(f"{path} was extracted again")


def test_only_the_reports_whose_identities_moved_get_new_shards(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("chongqing-2016.txt", "pingtan-2020.txt"):
        shutil.copy(CORPUS / name, corpus)
    folder = ShardFolder(tmp_path / "shards")
    build_corpus([corpus], tmp_path / "out", shards=folder.path)
    first = {n: e.shard for n, e in folder.read_index().items()}
    shutil.copy(CORPUS / "chongqing-2012.txt", corpus)  # it gives the portal its address
    build_corpus([corpus], tmp_path / "out", shards=folder.path)
    second = {n: e.shard for n, e in folder.read_index().items()}
    assert second["pingtan-2020.txt"] == first["pingtan-2020.txt"]
    assert second["chongqing-2016.txt"] != first["chongqing-2016.txt"]
    assert {p.stem for p in folder.path.glob("*.nq")} == set(second.values())  # old one gone


def test_a_store_is_the_bulk_load_of_its_shards(built: Path, tmp_path: Path) -> None:
    result = build_corpus(
        [CORPUS], tmp_path / "out", store=tmp_path / "store", shards=tmp_path / "shards"
    )
    assert result.store is not None and result.store.added == len(SAMPLES)
    from kg.store import open_store

    for name, source in (
        ("store", open_store(tmp_path / "store")),
        ("shards", loaded(built / "shards")),
    ):
        write_rdf(store_runs(source), tmp_path / f"{name}.nq", SYNTAXES["nq"])
    assert (tmp_path / "store.nq").read_bytes() == (tmp_path / "shards.nq").read_bytes()
    assert (tmp_path / "out/graph.ttl").read_bytes() == (built / "out/graph.ttl").read_bytes()


def test_the_page_read_from_shards_is_the_page_of_the_whole_graph(
    built: Path, tmp_path: Path
) -> None:
    store = loaded(built / "shards")
    write_rdf(store_runs(store), tmp_path / "union.nt", SYNTAXES["nt"])
    union = (tmp_path / "union.nt").read_bytes()
    write_page(lines_graph(lambda: [union]), tmp_path / "page.html", title="govkg")
    assert (tmp_path / "page.html").read_bytes() == (built / "out/graph.html").read_bytes()


def _prefixes() -> dict[str, str]:
    from kg.export import COMMON_PREFIXES

    return COMMON_PREFIXES


def test_a_store_whose_shards_are_gone_writes_its_outputs_from_the_store(
    built: Path, tmp_path: Path
) -> None:
    from kg.store import StoreLayout

    build_corpus([CORPUS], tmp_path / "out", store=tmp_path / "store")
    shutil.rmtree(StoreLayout(tmp_path / "store").shards)  # records and shards both lost
    (tmp_path / "out/graph.ttl").unlink()
    result = build_corpus([CORPUS], tmp_path / "out", store=tmp_path / "store", extract=_never)
    assert (
        result.outputs_written and result.store is not None and result.store.reused == len(SAMPLES)
    )
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (tmp_path / "out" / name).read_bytes() == (built / "out" / name).read_bytes()
