"""``kg serve`` as a user runs it: a real process on a free local port, queried over HTTP.

Every request goes to 127.0.0.1 only, with a timeout; loops are bounded in count and time.
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from samples import CORPUS

from kg.corpus import build_corpus
from kg.serve import check_readonly, negotiate

TIMEOUT_S = 3  # the server's query timeout in these tests


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("serve-graph")
    build_corpus([CORPUS], out)
    return out / "graph.ttl"


def start(graph: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "kg", "serve", "--graph", str(graph), "--port", "0", *extra]
    env = {**os.environ, "NO_COLOR": "1"}
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert server.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([server.stdout], [], [], 1)
        if ready:
            line = server.stdout.readline()
            found = re.search(r"(http://127\.0\.0\.1:\d+/)sparql", line)
            if found:
                return server, found.group(1)
        if server.poll() is not None:
            break
    server.kill()
    pytest.fail(f"kg serve did not start: {server.stderr.read() if server.stderr else ''}")


@pytest.fixture(scope="module")
def endpoint(graph_file: Path) -> Iterator[str]:
    server, url = start(graph_file, "--timeout", str(TIMEOUT_S), "--max-results", "50")
    yield url
    server.send_signal(signal.SIGTERM)
    server.wait(20)


def request(
    url: str,
    *,
    query: str | None = None,
    method: str = "GET",
    accept: str | None = None,
    body: bytes | None = None,
    kind: str | None = None,
) -> tuple[int, dict[str, str], bytes]:
    assert url.startswith("http://127.0.0.1:")
    if query is not None and method == "GET":
        url = url + "sparql?" + urllib.parse.urlencode({"query": query})
    elif query is not None:
        url, body, kind = (
            url + "sparql",
            urllib.parse.urlencode({"query": query}).encode(),
            ("application/x-www-form-urlencoded"),
        )
    headers = {k: v for k, v in (("Accept", accept), ("Content-Type", kind)) if v}
    req = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S + 20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


TITLES = "SELECT ?title WHERE { ?r a gkg:AnnualReport ; dcterms:title ?title } ORDER BY ?title"


@pytest.mark.parametrize(
    "accept,kind,check",
    [
        ("application/sparql-results+json", "application/sparql-results+json", "重庆市2012年"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "<literal"),
        ("text/csv", "text/csv", "title\r\n平潭综合实验区2020年"),
        ("text/tab-separated-values", "text/tab-separated-values", '?title\n"平潭'),
        (None, "application/sparql-results+json", '"vars": ["title"]'),
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_each_result_format_by_content_negotiation(
    endpoint: str, accept: str | None, kind: str, check: str, method: str
) -> None:
    status, headers, body = request(endpoint, query=TITLES, accept=accept, method=method)
    assert status == 200, body
    assert headers["Content-Type"].startswith(kind)
    assert check in body.decode("utf-8")


def test_a_query_posted_as_sparql_query_answers_and_construct_is_turtle(endpoint: str) -> None:
    construct = "CONSTRUCT { ?r a gkg:Region } WHERE { ?r a gkg:Region }"
    status, headers, body = request(
        endpoint + "sparql",
        method="POST",
        body=construct.encode(),
        kind="application/sparql-query",
        accept="text/turtle",
    )
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert "重庆市" in body.decode("utf-8") and "gkg:Region" in body.decode("utf-8")
    status, _, body = request(endpoint, query="ASK { ?s a gkg:AnnualReport }")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}


@pytest.mark.parametrize("how", ["update-form", "update-body", "update-in-query", "update-get"])
def test_an_update_is_refused_and_changes_nothing(endpoint: str, how: str) -> None:
    drop = "DELETE WHERE { ?s ?p ?o }"
    if how == "update-form":
        status, _, body = request(
            endpoint + "sparql",
            method="POST",
            body=urllib.parse.urlencode({"update": drop}).encode(),
            kind="application/x-www-form-urlencoded",
        )
    elif how == "update-body":
        status, _, body = request(
            endpoint + "sparql", method="POST", body=drop.encode(), kind="application/sparql-update"
        )
    elif how == "update-get":
        status, _, body = request(endpoint + "sparql?" + urllib.parse.urlencode({"update": drop}))
    else:
        status, _, body = request(endpoint, query="PREFIX x: <http://x/>\n" + drop, method="POST")
    assert status == 403 and b"read-only" in body
    status, _, body = request(
        endpoint, query="SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", accept="text/csv"
    )
    assert status == 200 and int(body.decode().split()[1]) > 1000


def test_a_runaway_query_is_stopped_by_the_timeout_and_the_server_goes_on(endpoint: str) -> None:
    runaway = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    )
    started = time.monotonic()
    status, _, body = request(endpoint, query=runaway, method="POST")
    assert status == 503 and b"stopped" in body
    assert time.monotonic() - started < TIMEOUT_S + 5
    deadline = time.monotonic() + 30
    status = 0
    while status != 200 and time.monotonic() < deadline:  # the killed worker is replaced
        status, _, body = request(endpoint, query=TITLES)
    assert status == 200


def test_a_large_result_is_cut_at_the_limit_and_says_so(endpoint: str) -> None:
    status, headers, body = request(endpoint, query="SELECT * { ?s ?p ?o }")
    assert status == 200 and headers.get("X-Result-Truncated") == "50"
    assert len(json.loads(body)["results"]["bindings"]) == 50


def test_bad_queries_get_one_clear_line(endpoint: str) -> None:
    status, _, body = request(endpoint, query="SELECT * WHERE {\n ?s ?p }")
    assert status == 400 and b"syntax error at line 2" in body and body.count(b"\n") == 1
    status, _, body = request(
        endpoint, query="SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    )
    assert status == 400 and b"SERVICE" in body
    status, _, body = request(endpoint, query=TITLES, accept="image/png")
    assert status == 406


def test_the_page_offers_the_named_queries_and_works_offline(endpoint: str) -> None:
    status, headers, body = request(endpoint)
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "Share of disclosure requests granted" in page and "<textarea" in page
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)  # nothing to fetch
    assert "/graph.html" in page  # graph.html was built beside graph.ttl
    status, _, body = request(endpoint + "graph.html")
    assert status == 200 and b"<html" in body


def test_sigterm_stops_the_server_and_its_workers(graph_file: Path) -> None:
    server, url = start(graph_file, "--workers", "2")
    assert request(url, query=TITLES)[0] == 200
    children = [int(p.name) for p in Path("/proc").glob("[0-9]*") if _parent(p) == server.pid]
    server.send_signal(signal.SIGTERM)
    assert server.wait(20) == 0
    assert server.stdout is not None and "stopped" in server.stdout.read()
    assert len(children) >= 2  # the two query workers
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in children):
        time.sleep(0.2)
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]


def _parent(proc: Path) -> int | None:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def test_updates_and_federation_are_seen_past_strings_iris_and_comments() -> None:
    check_readonly('SELECT ("INSERT DATA" AS ?x) { ?s <http://x/SERVICE> ?o } # SERVICE')
    check_readonly("PREFIX ex: <http://x/> SELECT * { ?s ex:SERVICE ?service }")
    with pytest.raises(PermissionError):
        check_readonly("PREFIX ex: <http://x/>\nBASE <http://y/>\ninsert data { <a> <b> <c> }")


def test_content_negotiation_follows_quality_values() -> None:
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml")[:2] == ("xml", "csv")
    assert negotiate("text/html,*/*;q=0.8")[0] == "json"
    assert negotiate(None)[0] == "json"
    assert negotiate("image/png") == ()
    assert negotiate("text/csv", override="tsv") == ("tsv",)
