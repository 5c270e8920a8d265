"""Push the samples to a real ``oxigraph serve`` and query it: the embedded store's answers.

The server is started without ``--union-default-graph``; the query endpoint URL
asks for the union with Oxigraph's ``union-default-graph`` parameter, as the
docs tell users to (docs/remote-stores.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from oxigraph_server import OxigraphServer, find_oxigraph, oxigraph_server
from samples import CORPUS, DATA, SAMPLES

from kg.corpus import build_corpus
from kg.errors import QueryError
from kg.iri import DEFAULT_BASE, report_iri
from kg.push import push
from kg.query_results import QueryResult, ntriples, serialize
from kg.shared_graph import shared_graph
from kg.sparql import bind_params, find_query, named_queries, open_endpoint, open_store, run_query

pytestmark = pytest.mark.skipif(
    find_oxigraph() is None, reason="no oxigraph server binary (pip install 'oxigraph>=0.4')"
)
NAMES = [q.name for q in named_queries()]
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("remote")
    result = build_corpus([CORPUS], folder / "out", store=folder / "store")
    assert result.reports == len(SAMPLES) and not result.failures
    return folder / "store"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-data")) as running:
        yield running  # stopped when the module is done, whatever happened


@pytest.fixture(scope="module")
def remote(server: OxigraphServer, built: Path) -> Any:
    first = push(built, server.store)
    assert first.graphs == len(SAMPLES) + 1
    return open_endpoint(f"{server.query}?union-default-graph")


@pytest.fixture(scope="module")
def local(built: Path) -> Any:
    return open_store(built)


def comparable(result: QueryResult) -> QueryResult:
    """Graph results in a fixed order (a set of triples has none); rows as they came."""
    if result.kind != "graph":
        return result
    ordered = tuple(sorted(result.triples, key=lambda t: " ".join(map(ntriples, t))))
    return QueryResult("graph", triples=ordered, truncated=result.truncated)


def test_push_puts_every_report_graph_and_the_shared_graph(remote: Any, local: Any) -> None:
    answer = run_query(remote, PER_GRAPH)
    graphs = {str(row[0]) for row in answer.rows}
    reports = {str(report_iri(DEFAULT_BASE, name)) for name in SAMPLES}
    assert graphs == {*reports, shared_graph(DEFAULT_BASE).value}
    assert answer == run_query(local, PER_GRAPH)
    assert sum(int(str(row[1])) for row in answer.rows) == len(local)


def test_pushing_again_replaces_each_graph_and_adds_nothing(
    remote: Any, local: Any, server: OxigraphServer, built: Path
) -> None:
    again = push(built, server.store)
    assert (again.graphs, again.triples) == (len(SAMPLES) + 1, len(local))
    assert run_query(remote, PER_GRAPH) == run_query(local, PER_GRAPH)


@pytest.mark.parametrize("name", NAMES)
def test_every_named_query_gives_the_embedded_stores_answer(
    name: str, remote: Any, local: Any
) -> None:
    query = find_query(name)
    checked = json.loads((DATA / "queries" / f"{name}.json").read_text("utf-8"))["cases"]
    for params in [{}, *(case["params"] for case in checked)]:
        bound = bind_params(query, params)
        there = comparable(run_query(remote, query.text, bound))
        assert there == comparable(run_query(local, query.text, bound)), (name, params)
    for case in checked:
        result = run_query(remote, query.text, bind_params(query, case["params"]))
        if "triples" in case:
            lines = sorted(" ".join(map(ntriples, t)) + " ." for t in result.triples)
            assert lines == case["triples"]
        else:
            rows = [[None if t is None else ntriples(t) for t in row] for row in result.rows]
            assert (list(result.columns), rows) == (case["columns"], case["rows"])


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_remote_answers_serialise_byte_for_byte_like_the_embedded_ones(
    fmt: str, remote: Any, local: Any
) -> None:
    for name in ("national-format-figures", "granted-share", "report-overview"):
        text = find_query(name).text
        assert serialize(run_query(remote, text), fmt) == serialize(run_query(local, text), fmt)


def test_a_graph_answer_serialises_like_the_embedded_one(remote: Any, local: Any) -> None:
    text = find_query("document-citation-graph").text
    there, here = run_query(remote, text), run_query(local, text)
    assert len(there) > 50
    for fmt in ("nt", "ttl"):
        parsed = [set(ox.parse(serialize(r, fmt), ox.RdfFormat.TURTLE)) for r in (there, here)]
        assert parsed[0] == parsed[1]


def test_ask_default_graphs_and_the_size_limit_work_remotely(remote: Any, local: Any) -> None:
    for text in ("ASK { ?r a gkg:AnnualReport }", "ASK { ?r a gkg:NoSuchClass }"):
        assert run_query(remote, text) == run_query(local, text)
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    shared = [shared_graph(DEFAULT_BASE).value]
    only_shared = run_query(remote, count, default_graphs=shared)
    assert only_shared == run_query(local, count, default_graphs=shared)
    assert only_shared != run_query(remote, count)
    cut = run_query(remote, "SELECT * { ?s a gkg:Agency } ORDER BY ?s", max_results=3)
    assert len(cut) == 3 and cut.truncated
    assert cut == run_query(local, "SELECT * { ?s a gkg:Agency } ORDER BY ?s", max_results=3)


def test_without_the_union_the_servers_default_graph_is_empty(
    remote: Any, server: OxigraphServer
) -> None:
    plain = open_endpoint(server.query)  # no union-default-graph: what a user must not forget
    assert run_query(plain, "ASK { ?s ?p ?o }").boolean is False
    assert run_query(remote, "ASK { ?s ?p ?o }").boolean is True


@pytest.mark.parametrize(
    "name,param,value",
    [
        ("report-documents", "region", '重庆市"@zh } ; DROP ALL ; SELECT * { ?s ?p ?o } #'),
        ("find-entity", "text", '") || true || ("'),
        ("channels-by-operator", "agency", "重庆市人民政府> . ?x ?y ?z . <x"),
        ("entity-mentions", "entity", "\\u0022 } UNION { ?entityNode ?p ?entity }\n#"),
    ],
)
def test_a_parameter_stays_a_literal_on_a_remote_store(
    name: str, param: str, value: str, remote: Any, local: Any
) -> None:
    query = find_query(name)
    result = run_query(remote, query.text, bind_params(query, {param: value}))
    assert result.rows == ()
    assert run_query(remote, PER_GRAPH) == run_query(local, PER_GRAPH)


def test_query_errors_read_as_they_do_locally(remote: Any, local: Any) -> None:
    messages = []
    for backend in (remote, local):
        with pytest.raises(QueryError) as caught:
            run_query(backend, "SELECT ?s\nWHERE { ?s ?p }")
        messages.append(str(caught.value))
    assert messages[0] == messages[1] and "line 2, column" in messages[0]
    with pytest.raises(QueryError, match="refuses the query: Invalid IRI"):
        run_query(remote, "SELECT * { ?s ?p ?o }", default_graphs=["not an iri"])
    hidden = find_query("SELECT ?title WHERE { ?r gkg:year ?year ; dcterms:title ?title }")
    with pytest.raises(QueryError, match="cannot bind the parameters"):
        run_query(remote, hidden.text, bind_params(hidden, {"year:integer": "2016"}))
