"""The named queries answer the analyst's questions on the samples, alike on rdflib and Oxigraph.

Each ``queries/<name>.rq`` has an expected answer in ``tests/data/queries/<name>.json``
that a person checked against the report texts (its ``checked`` field says how).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from kg_subprocess import run_kg
from samples import CORPUS, DATA

from kg.corpus import build_corpus
from kg.errors import QueryError
from kg.query_results import ntriples, serialize
from kg.sparql import (
    QUERIES_DIR,
    bind_params,
    find_query,
    named_queries,
    open_graph,
    parse_query_file,
    run_query,
)

EXPECTED = DATA / "queries"
NAMES = [q.name for q in named_queries()]
ENGINES = ("rdflib", "oxigraph")


@pytest.fixture(scope="session")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("query-graph")
    result = build_corpus([CORPUS], out)
    assert result.reports == 4
    return out / "graph.ttl"


@pytest.fixture(scope="session")
def backends(graph_file: Path) -> dict[str, Any]:
    return {engine: open_graph(graph_file, engine=engine) for engine in ENGINES}


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXPECTED / f"{name}.json").read_text("utf-8"))
    return data


def test_there_are_at_least_fifteen_named_queries_each_with_a_checked_answer() -> None:
    assert len(NAMES) >= 15
    assert sorted(p.stem for p in EXPECTED.glob("*.json")) == sorted(NAMES)
    for name in NAMES:
        assert expected(name)["checked"].strip() not in ("", "TODO"), name


@pytest.mark.parametrize("name", NAMES)
def test_every_query_has_a_title_description_and_params_header(name: str) -> None:
    query = find_query(name)
    assert query.title and query.description, name
    assert any(line.startswith("# params:") for line in query.text.splitlines()), name
    for param in query.params:
        assert f"?{param.name}" in query.text, (name, param.name)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", NAMES)
def test_named_query_gives_the_checked_answer(
    name: str, engine: str, backends: dict[str, Any]
) -> None:
    query = find_query(name)
    for case in expected(name)["cases"]:
        result = run_query(backends[engine], query.text, bind_params(query, case["params"]))
        if "triples" in case:
            triples = sorted(
                " ".join(ntriples(t) for t in triple) + " ." for triple in result.triples
            )
            assert triples == case["triples"]
        else:
            assert list(result.columns) == case["columns"]
            rows = [[None if t is None else ntriples(t) for t in row] for row in result.rows]
            assert rows == case["rows"]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "name,param,value",
    [
        ("report-documents", "region", '重庆市"@zh } ; DROP ALL ; SELECT * { ?s ?p ?o } #'),
        ("find-entity", "text", '") || true || ("'),
        ("channels-by-operator", "agency", "重庆市人民政府> . ?x ?y ?z . <x"),
        ("entity-mentions", "entity", "\\u0022 } UNION { ?entityNode ?p ?entity }"),
    ],
)
def test_a_parameter_is_a_literal_never_query_text(
    name: str, param: str, value: str, engine: str, backends: dict[str, Any], graph_file: Path
) -> None:
    query = find_query(name)
    before = len(backends[engine])
    result = run_query(backends[engine], query.text, bind_params(query, {param: value}))
    assert result.rows == ()
    assert len(backends[engine]) == before


@pytest.mark.parametrize("engine", ENGINES)
def test_a_typed_parameter_binds_an_ad_hoc_query(engine: str, backends: dict[str, Any]) -> None:
    text = "SELECT ?year ?title WHERE { ?r gkg:year ?year ; dcterms:title ?title }"
    query = parse_query_file(text, "q")
    result = run_query(backends[engine], query.text, bind_params(query, {"year:integer": "2016"}))
    assert [str(row[1]) for row in result.rows] == ["重庆市2016年政府信息公开工作年度报告"]
    hidden = parse_query_file(text.replace("?year ?title", "?title", 1), "q")
    with pytest.raises(QueryError, match="cannot bind the parameters"):
        run_query(backends[engine], hidden.text, bind_params(hidden, {"year:integer": "2016"}))


def test_parameters_are_checked_before_the_query_runs() -> None:
    query = find_query("report-documents")
    with pytest.raises(QueryError, match="not a valid integer"):
        bind_params(query, {"year": "2016年"})
    with pytest.raises(QueryError, match="has no parameter 'yaer'"):
        bind_params(query, {"yaer": "2016"})
    with pytest.raises(QueryError, match="no variable"):
        bind_params(parse_query_file("SELECT * { ?s ?p ?o }", "q"), {"x": "1"})


@pytest.mark.parametrize("engine", ENGINES)
def test_a_syntax_error_says_where_on_one_line(engine: str, backends: dict[str, Any]) -> None:
    with pytest.raises(QueryError) as caught:
        run_query(backends[engine], "SELECT ?s\nWHERE { ?s ?p }")
    message = str(caught.value)
    assert "\n" not in message
    assert "syntax error at line 2, column " in message and "?p" in message


@pytest.mark.parametrize("engine", ENGINES)
def test_a_result_is_cut_at_the_limit_and_says_so(engine: str, backends: dict[str, Any]) -> None:
    result = run_query(backends[engine], "SELECT * { ?s ?p ?o }", max_results=7)
    assert len(result.rows) == 7 and result.truncated
    small = run_query(backends[engine], "SELECT * { ?s a gkg:Region }", max_results=7)
    assert len(small.rows) == 2 and not small.truncated


def test_results_serialise_in_the_standard_formats(backends: dict[str, Any]) -> None:
    query = find_query("granted-share")
    result = run_query(backends["oxigraph"], query.text)
    data = json.loads(serialize(result, "json"))
    assert data["head"]["vars"][:2] == ["region", "year"]
    first = data["results"]["bindings"][0]
    assert first["region"] == {"type": "literal", "value": "平潭综合实验区", "xml:lang": "zh"}
    rows = list(csv.reader(io.StringIO(serialize(result, "csv").decode("utf-8"))))
    assert rows[0][:2] == ["region", "year"] and rows[1][:2] == ["平潭综合实验区", "2020"]
    assert serialize(result, "tsv").decode("utf-8").startswith("?region\t?year\t")
    root = ET.fromstring(serialize(result, "xml"))
    assert len(root.findall(".//{http://www.w3.org/2005/sparql-results#}result")) == 4
    with pytest.raises(ValueError, match="ttl"):
        serialize(result, "ttl")


def test_the_same_answer_serialises_byte_for_byte_alike_on_both_engines(
    backends: dict[str, Any],
) -> None:
    for name in ("national-format-figures", "granted-share", "report-overview"):
        text = find_query(name).text
        answers = {e: run_query(backends[e], text) for e in ENGINES}
        for fmt in ("json", "xml", "csv", "tsv"):
            assert serialize(answers["rdflib"], fmt) == serialize(answers["oxigraph"], fmt), name


def test_queries_are_found_by_name_file_or_text(tmp_path: Path) -> None:
    assert find_query("granted-share").path == QUERIES_DIR / "granted-share.rq"
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\nSELECT * { ?s ?p ?o }\n", encoding="utf-8")
    assert find_query(str(path)).title == "Mine"
    assert find_query("ASK { ?s ?p ?o }").name == "query"
    with pytest.raises(QueryError, match="kg query --list"):
        find_query("no-such-query")


def test_kg_query_prints_a_table_csv_or_json(graph_file: Path, tmp_path: Path) -> None:
    table = run_kg(
        "query", "granted-share", "--graph", graph_file, cwd=tmp_path, columns=250, timeout=120
    )
    assert table.returncode == 0, table.stderr
    assert "Share of disclosure requests granted" in table.stdout and "88.2" in table.stdout
    rows = run_kg(
        "query",
        "granted-share",
        "-p",
        "region=重庆市",
        "-f",
        "csv",
        "-g",
        graph_file,
        cwd=tmp_path,
        columns=250,
        timeout=120,
    )
    assert rows.stdout.splitlines()[1:] == [
        "重庆市,2012,82,3,93,88.2,91.4",
        "重庆市,2016,512,,632,81,81",
    ]
    answer = run_kg(
        "query",
        "ASK { ?r a gkg:AnnualReport }",
        "-f",
        "json",
        "-g",
        graph_file,
        cwd=tmp_path,
        columns=250,
        timeout=120,
    )
    assert json.loads(answer.stdout) == {"head": {}, "boolean": True}
    listed = run_kg("query", "--list", cwd=tmp_path, columns=250, timeout=120)
    assert all(name in listed.stdout for name in ("granted-share", "entity-mentions"))


def test_kg_query_errors_are_one_line_with_exit_code_3(graph_file: Path, tmp_path: Path) -> None:
    bad = run_kg(
        "query",
        "SELECT * WHERE {\n ?s ?p }",
        "--graph",
        graph_file,
        cwd=tmp_path,
        columns=250,
        timeout=120,
    )
    assert bad.returncode == 3 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1 and "line 2, column" in bad.stderr
    missing = run_kg("query", "granted-share", cwd=tmp_path, columns=250, timeout=120)
    assert missing.returncode == 3 and "kg build" in missing.stderr
    usage = run_kg(
        "query",
        "granted-share",
        "-p",
        "region",
        "-g",
        graph_file,
        cwd=tmp_path,
        columns=250,
        timeout=120,
    )
    assert usage.returncode == 2 and "NAME=VALUE" in usage.stderr


def test_a_one_line_query_longer_than_a_file_name_is_a_query() -> None:
    optional = " ".join(f"OPTIONAL {{ ?s ?p ?o{i} }}" for i in range(20))
    text = "SELECT ?s WHERE { ?s ?p ?o . " + optional
    query = find_query(text + " }")
    assert len(query.text.encode()) > 255 and "OPTIONAL" in query.text
