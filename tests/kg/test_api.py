"""The Python API: build from paths and strings, query, networkx, serialise, as the CLI does."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from handmade import TEXT
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from samples import CORPUS, SAMPLES

import kg
from extract.errors import InputError
from kg.errors import GraphError, QueryError
from kg.export import Exported, union_graph
from kg.sparql import named_queries
from kg.viz import graph_to_networkx

ROOT = Path(__file__).parents[2]
REPORTS = "SELECT ?r ?year WHERE { ?r a gkg:AnnualReport ; gkg:year ?year } ORDER BY ?r"


@pytest.fixture(scope="module")
def pair() -> Dataset:
    return kg.build([CORPUS / SAMPLES[0], str(CORPUS / SAMPLES[1])])


def test_import_kg_loads_neither_spacy_nor_rdflib() -> None:
    code = "import sys, kg; print(sorted({'spacy', 'rdflib', 'networkx'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_api_functions_survive_the_import_of_the_graph_and_sparql_modules() -> None:
    importlib.import_module("kg.report_graph")
    importlib.import_module("kg.sparql")
    from kg import api

    assert kg.build is api.build and kg.query is api.query
    assert hasattr(importlib.import_module("kg.report_graph"), "build_graph")


def test_build_from_paths_gives_one_named_graph_per_report_and_a_shared_one(pair: Dataset) -> None:
    rows = kg.query(pair, REPORTS).rows
    assert [str(r[0]).rsplit("/", 1)[1] for r in rows] == SAMPLES[:2]
    names = {str(g.identifier) for g in pair.graphs() if len(g)}
    assert names == {str(r[0]) for r in rows} | {"https://w3id.org/govkg/id/graph/shared"}


def test_build_of_a_folder_finds_its_reports(tmp_path: Path) -> None:
    folder = tmp_path / "reports" / "deep"
    folder.mkdir(parents=True)
    shutil.copy(CORPUS / SAMPLES[0], folder)
    ds = kg.build(tmp_path / "reports")
    assert len(kg.query(ds, REPORTS)) == 1


def test_a_text_builds_the_same_graph_as_a_file_with_its_content(tmp_path: Path) -> None:
    path = tmp_path / "chongqing-2016.txt"
    path.write_text(TEXT, encoding="utf-8")
    from_text = kg.build_text(TEXT, name="chongqing-2016.txt")
    assert kg.serialize(from_text, format="nq") == kg.serialize(kg.build(path), format="nq")
    (row,) = kg.query(from_text, "SELECT ?f WHERE { ?r gkg:sourceFile ?f }").rows
    assert row == (Literal("chongqing-2016.txt"),)


def test_paths_texts_and_records_build_together(tmp_path: Path) -> None:
    record = kg.extract(CORPUS / SAMPLES[0])[0]
    ds = kg.build([record, kg.Text(TEXT, name="pasted.txt"), CORPUS / SAMPLES[1]])
    assert len(kg.query(ds, REPORTS)) == 3


def test_a_missing_path_raises_naming_it_with_a_hint_about_texts(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt.*kg\.Text"):
        kg.build([tmp_path / "nope.txt"])


def test_skip_failures_builds_the_others(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.txt"):
        kg.build([empty, CORPUS / SAMPLES[0]])
    ds = kg.build([empty, tmp_path / "nope.txt", CORPUS / SAMPLES[0]], skip_failures=True)
    assert len(kg.query(ds, REPORTS)) == 1


@pytest.mark.parametrize("name", ["", "a/b.txt", ".."])
def test_a_text_needs_a_plain_file_name(name: str) -> None:
    with pytest.raises(InputError, match="file name"):
        kg.build([kg.Text(TEXT, name=name)])


def test_two_texts_with_one_name_are_an_error() -> None:
    with pytest.raises(InputError, match="two texts"):
        kg.build([kg.Text(TEXT, name="x.txt"), kg.Text(TEXT, name="x.txt")])


def test_base_sets_the_entity_iris() -> None:
    ds = kg.build_text(TEXT, name="x.txt", base="http://example.org/")
    (row,) = kg.query(ds, "SELECT ?r WHERE { ?r a gkg:AnnualReport }").rows
    assert row[0] == URIRef("http://example.org/report/x.txt")


def test_query_binds_python_values_as_typed_literals(pair: Dataset) -> None:
    rows = kg.query(pair, REPORTS, year=2016).rows
    assert [r[0].endswith("chongqing-2016.txt") for r in rows] == [True]
    assert kg.query(pair, REPORTS, year=1999).rows == ()


def test_query_runs_named_queries_by_name(pair: Dataset) -> None:
    for named in named_queries()[:3]:
        assert kg.query(pair, named.name).kind in ("select", "ask", "graph")


def test_query_reads_a_graph_file(pair: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    kg.serialize(pair, path)
    assert kg.query(path, REPORTS).rows == kg.query(pair, REPORTS).rows


def test_a_bad_query_is_a_query_error(pair: Dataset) -> None:
    with pytest.raises(QueryError):
        kg.query(pair, "SELECT ?x WHERE { ?x ")


def test_to_networkx_is_the_entity_graph(pair: Dataset, tmp_path: Path) -> None:
    g = kg.to_networkx(pair)
    assert isinstance(g, nx.MultiDiGraph)
    assert nx.utils.graphs_equal(g, graph_to_networkx(pair))
    path = tmp_path / "graph.ttl"
    kg.serialize(pair, path)
    assert sorted(kg.to_networkx(path).nodes) == sorted(g.nodes)


def test_serialize_returns_text_without_a_destination(pair: Dataset) -> None:
    turtle = kg.serialize(pair)
    assert isinstance(turtle, str) and turtle.startswith("@prefix")
    assert isomorphic(Graph().parse(data=turtle, format="turtle"), union_graph(pair))
    with pytest.raises(GraphError, match="csv"):
        kg.serialize(pair, format="csv")


def test_serialize_writes_by_suffix_and_load_reads_back(pair: Dataset, tmp_path: Path) -> None:
    written = kg.serialize(pair, tmp_path / "graph.trig")
    assert isinstance(written, Exported) and written.format == "trig" and written.graphs == 3
    back = kg.load(tmp_path / "graph.trig")
    for graph in pair.graphs():
        if len(graph):
            assert isomorphic(graph, back.graph(graph.identifier))
    with pytest.raises(GraphError, match="unknown export format"):
        kg.serialize(pair, tmp_path / "graph.ttl", format="docx")


def test_the_readme_example_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## From Python") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None
    (tmp_path / "reports").mkdir()
    for name in SAMPLES[:2]:
        shutil.copy(CORPUS / name, tmp_path / "reports")
    result = subprocess.run(
        [sys.executable, "-c", match.group(1)], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "entities" in result.stdout
    assert (tmp_path / "out" / "graph.trig").is_file()
