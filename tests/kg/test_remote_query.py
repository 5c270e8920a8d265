"""Parameters written into the query text for a remote endpoint give the answers bound ones give.

No server needed: the rewritten text runs on a local Oxigraph store without
substitutions, and must answer as the original text with substitutions does.
"""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
import pytest
from samples import CORPUS, DATA

from kg.corpus import build_corpus
from kg.errors import QueryError
from kg.inline_params import endpoint_text
from kg.query_results import PREFIXES, Term
from kg.sparql import bind_params, find_query, named_queries, open_graph, run_query, typed_term

NAMES = [q.name for q in named_queries()]
EX = "http://example.org/"


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("inline")
    assert build_corpus([CORPUS], out).reports == 4
    return open_graph(out / "graph.ttl", engine="oxigraph")


@pytest.fixture(scope="module")
def tiny() -> ox.Store:
    store = ox.Store()
    data = f"""
        <{EX}a> <{EX}p> "x}}{{" ; <{EX}q> 1 .
        <{EX}b> <{EX}p> "y" ; <{EX}q> 2 .
        <{EX}c> <{EX}p> "x}}{{" .
    """
    store.load(data, ox.RdfFormat.TURTLE)
    return store


def same_answer(store: Any, text: str, params: dict[str, Term]) -> Any:
    bound = run_query(store, text, params)
    inlined = run_query(store, endpoint_text(text, params))
    if bound.kind == "graph":
        assert set(bound.triples) == set(inlined.triples), text
    else:
        assert bound == inlined, text
    return bound


@pytest.mark.parametrize("name", NAMES)
def test_every_named_query_answers_alike_with_inlined_parameters(name: str, samples: Any) -> None:
    query = find_query(name)
    cases = json.loads((DATA / "queries" / f"{name}.json").read_text("utf-8"))["cases"]
    for case in cases:
        answer = same_answer(samples, query.text, bind_params(query, case["params"]))
        assert (len(answer) > 0) == bool(case.get("rows") or case.get("triples")), case


@pytest.mark.parametrize(
    "text",
    [
        f"SELECT ?o ?s WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s",
        # a comment and strings with braces before the WHERE group
        f'# {{ not here }}\nSELECT ?o ?s ("{{" AS ?brace) {{ ?s <{EX}p> ?o }} ORDER BY ?s',
        # EXISTS in the projection, and a trailing VALUES block
        f"SELECT ?o ?s (EXISTS {{ ?s <{EX}q> ?n }} AS ?counted) WHERE {{ ?s <{EX}p> ?o }} "
        f'ORDER BY ?s VALUES ?o {{ "x}}{{" "y" }}',
        # a CONSTRUCT template before the WHERE group, with a brace in a string
        f'CONSTRUCT {{ ?s <{EX}r> "}}" ; <{EX}p> ?o }} WHERE {{ ?s <{EX}p> ?o }}',
        # the short form, whose pattern is its template
        f"CONSTRUCT WHERE {{ ?s <{EX}p> ?o }}",
        f"ASK {{ ?s <{EX}p> ?o }}",
    ],
)
def test_values_go_first_into_the_outer_where_group(text: str, tiny: ox.Store) -> None:
    params = {"o": typed_term("o", "string", "x}{")}
    assert len(same_answer(tiny, text, params)) > 0 or same_answer(tiny, text, params).boolean
    other = same_answer(tiny, text, {"o": typed_term("o", "string", 'y" } UNION { ?s ?p ?o')})
    assert len(other) == 0 and not other.boolean


def test_a_query_without_a_where_group_cannot_take_parameters() -> None:
    with pytest.raises(QueryError, match="no WHERE clause"):
        endpoint_text(f"DESCRIBE <{EX}a>", {"o": typed_term("o", "string", "x")})


def test_only_missing_prefixes_are_declared_and_on_the_first_line() -> None:
    text = "# PREFIX rdfs: <x> in a comment\nPREFIX gkg: <urn:mine#>\nSELECT * { ?s a gkg:X }"
    sent = endpoint_text(text, {})
    first, *rest = sent.splitlines()
    assert rest == text.splitlines()[1:]  # the endpoint's line numbers stay ours
    added = first.removesuffix(text.splitlines()[0])
    assert f"PREFIX rdfs: <{PREFIXES['rdfs']}>" in added and "gkg:" not in added
