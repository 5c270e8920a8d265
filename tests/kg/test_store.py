"""The on-disk store: one named graph per report, opened by any Oxigraph tool, same answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from samples import CORPUS, SAMPLES

from kg.corpus import build_corpus
from kg.errors import GraphError
from kg.iri import DEFAULT_BASE, report_iri
from kg.shared_graph import shared_graph
from kg.store import StoreLayout, open_store
from kg.validate import validate_file

ROOT = Path(__file__).parents[2]
GKG = "https://w3id.org/govkg/ontology#"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``store`` and its outputs in ``out``; the in-memory build's outputs in ``memory``."""
    folder = tmp_path_factory.mktemp("store")
    result = build_corpus([CORPUS], folder / "out", store=folder / "store")
    assert result.reports == len(SAMPLES) and not result.failures
    assert build_corpus([CORPUS], folder / "memory").reports == len(SAMPLES)
    return folder


def loaded(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def test_any_oxigraph_tool_opens_the_store_folder(built: Path) -> None:
    store = ox.Store.read_only(str(built / "store"))  # no govkg code needed
    answer = store.query(
        f"ASK {{ ?report a <{GKG}AnnualReport> }}", use_default_graph_as_union=True
    )
    assert bool(answer)


def test_the_store_has_a_named_graph_per_report_and_one_shared_graph(built: Path) -> None:
    store = open_store(built / "store")
    reports = {ox.NamedNode(report_iri(DEFAULT_BASE, name)) for name in SAMPLES}
    assert set(store.named_graphs()) == {*reports, shared_graph(DEFAULT_BASE)}
    for graph in reports:
        query = f"ASK {{ GRAPH {graph} {{ {graph} a <{GKG}AnnualReport> }} }}"
        assert bool(store.query(query))
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def test_no_statement_is_in_two_graphs_so_union_queries_count_each_once(built: Path) -> None:
    store = open_store(built / "store")
    twice = "SELECT * { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s ?p ?o } FILTER(STR(?a) < STR(?b)) }"
    assert list(store.query(twice)) == []


def test_every_entity_a_report_mentions_is_described_in_the_shared_graph(built: Path) -> None:
    store = open_store(built / "store")
    shared = shared_graph(DEFAULT_BASE)
    undescribed = f"""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?g ?entity WHERE {{
            GRAPH ?g {{ ?g <{GKG}mentions> ?entity }}
            FILTER NOT EXISTS {{ GRAPH {shared} {{ ?entity a ?t ; rdfs:label ?l }} }}
            FILTER NOT EXISTS {{ GRAPH ?g {{ ?entity a <{GKG}Statistic> }} }}
        }}"""
    assert list(store.query(undescribed)) == []


def test_the_store_holds_the_graph_the_in_memory_build_makes(built: Path) -> None:
    from_store, in_memory = built / "out/graph.ttl", built / "memory/graph.ttl"
    assert len(loaded(from_store)) > 0
    assert from_store.read_bytes() == in_memory.read_bytes()


@pytest.mark.parametrize("name", ["documents-cited-by-several-reports", "channels-by-operator"])
def test_the_same_query_gives_the_same_answer_on_the_store_and_in_memory(
    built: Path, name: str
) -> None:
    text = (ROOT / "queries" / f"{name}.rq").read_text("utf-8")
    on_store = open_store(built / "store").query(text, use_default_graph_as_union=True)
    in_memory = loaded(built / "memory/graph.ttl").query(text)
    assert isinstance(on_store, ox.QuerySolutions) and isinstance(in_memory, ox.QuerySolutions)
    rows = sorted(tuple(str(v) for v in row) for row in on_store)
    assert rows and rows == sorted(tuple(str(v) for v in row) for row in in_memory)


def test_the_graph_written_from_the_store_conforms_to_the_shapes(built: Path) -> None:
    result = validate_file(built / "out/graph.ttl", reason=False)
    assert [f.line() for f in result.findings if f.severity == "violation"] == []


def test_the_store_is_a_symlink_to_its_current_generation(built: Path) -> None:
    layout = StoreLayout(built / "store")
    current = layout.current()
    assert (built / "store").is_symlink() and current is not None
    assert current.parent == layout.generations and layout.manifest_path(current).is_file()


def test_a_folder_that_is_not_a_store_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(GraphError, match="not a govkg store"):
        build_corpus([CORPUS / SAMPLES[0]], tmp_path / "out", store=folder)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_empty_folder_becomes_the_store(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    shutil.copy(CORPUS / SAMPLES[0], tmp_path / SAMPLES[0])
    result = build_corpus([tmp_path / SAMPLES[0]], tmp_path / "out", store=tmp_path / "store")
    assert result.reports == 1
    assert ox.NamedNode(report_iri(DEFAULT_BASE, SAMPLES[0])) in set(
        open_store(tmp_path / "store").named_graphs()
    )
