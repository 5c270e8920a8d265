"""``kg serve`` under hostile or careless clients: writes, big bodies, traversal, CORS, rebinding.

Real servers on free ports of 127.0.0.1; every request has a timeout; loops are bounded.
"""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from kg_server import http_request, query_path, start_server, stop_server
from samples import CORPUS

from kg.corpus import build_corpus
from kg.serve import MAX_BODY

TIMEOUT_S = 3
COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
MARK = "<urn:govkg-test:mark>"
INSERT = f"INSERT DATA {{ {MARK} <urn:govkg-test:p> 'written' }}"
ASK_MARK = f"ASK {{ {MARK} ?p ?o }}"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("serve-security")
    build_corpus([CORPUS], out)
    return out / "graph.ttl"


@pytest.fixture(scope="module")
def endpoint(graph_file: Path) -> Iterator[str]:
    server, url = start_server(graph_file, "--timeout", str(TIMEOUT_S))
    yield url
    stop_server(server)


@pytest.fixture(scope="module")
def writable(graph_file: Path) -> Iterator[str]:
    cors = "http://localhost:8000"
    server, url = start_server(graph_file, "--allow-writes", "--cors", cors)
    yield url
    stop_server(server)


def form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode()


def ask(url: str, query: str) -> bool:
    status, _, body = http_request(url, query_path(query))
    assert status == 200, body
    answer: bool = json.loads(body)["boolean"]
    return answer


@pytest.mark.parametrize("how", ["sparql-update", "form", "get", "update-as-query"])
def test_updates_are_refused_with_403_unless_writes_are_allowed(endpoint: str, how: str) -> None:
    if how == "sparql-update":
        headers = {"Content-Type": "application/sparql-update"}
        reply = http_request(
            endpoint, "/sparql", method="POST", body=INSERT.encode(), headers=headers
        )
    elif how == "form":
        reply = http_request(
            endpoint, "/sparql", method="POST", body=form(update=INSERT), headers=FORM
        )
    elif how == "get":
        reply = http_request(endpoint, "/sparql?" + urllib.parse.urlencode({"update": INSERT}))
    else:
        reply = http_request(
            endpoint, "/sparql", method="POST", body=form(query=INSERT), headers=FORM
        )
    status, _, body = reply
    assert status == 403 and b"read-only" in body and b"--allow-writes" in body
    assert not ask(endpoint, ASK_MARK)


def test_with_allow_writes_an_update_is_applied_to_the_served_copy_only(
    writable: str, graph_file: Path
) -> None:
    before = hashlib.sha256(graph_file.read_bytes()).hexdigest()
    headers = {"Content-Type": "application/sparql-update"}
    status, _, body = http_request(
        writable, "/sparql", method="POST", body=INSERT.encode(), headers=headers
    )
    assert status == 200, body
    assert ask(writable, ASK_MARK)
    assert hashlib.sha256(graph_file.read_bytes()).hexdigest() == before  # the file is untouched
    assert b"updates allowed" in http_request(writable, "/")[2]  # the page says so


@pytest.mark.parametrize(
    ("update", "headers", "status", "says"),
    [
        ("LOAD <http://127.0.0.1:9/x.ttl>", {}, 400, b"LOAD"),
        ("INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", {}, 400,
         b"SERVICE"),
        ("INSERT DATA { <a> <b> ", {}, 400, b"syntax error"),
        (INSERT, {"Origin": "http://evil.example"}, 403, b"evil.example"),
    ],
    ids=["load", "service", "syntax", "cross-origin"],
)  # fmt: skip
def test_even_with_allow_writes_an_update_cannot_reach_out_or_come_from_another_site(
    writable: str, update: str, headers: dict[str, str], status: int, says: bytes
) -> None:
    got, _, body = http_request(
        writable, "/sparql", method="POST", body=form(update=update), headers={**FORM, **headers}
    )
    assert got == status and says in body
    assert body.count(b"\n") == 1  # one clear line


def raw_post(url: str, head: str) -> tuple[int, bytes]:
    """Send request headers only (no body) and read the status line: what a server that
    reads a body it should refuse would never answer in time."""
    port = urllib.parse.urlsplit(url).port
    assert port is not None
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(head.encode("ascii") + b"\r\n")
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = sock.recv(4096)
            if not chunk:
                break
            reply += chunk
        while True:  # the body, until the server closes or stops sending
            try:
                chunk = sock.recv(4096)
            except TimeoutError:
                break
            if not chunk:
                break
            reply += chunk
    return int(reply.split(b" ", 2)[1]), reply.split(b"\r\n\r\n", 1)[-1]


@pytest.mark.parametrize(
    ("length", "extra", "status"),
    [
        (str(MAX_BODY + 1), "", 413),
        (str(10**12), "", 413),
        ("-5", "", 400),
        ("abc", "", 400),
        (None, "Transfer-Encoding: chunked\r\n", 411),
    ],
    ids=["just-over", "terabyte", "negative", "not-a-number", "chunked"],
)
def test_a_body_too_large_or_malformed_is_refused_without_reading_it(
    endpoint: str, length: str | None, extra: str, status: int
) -> None:
    size = f"Content-Length: {length}\r\n" if length is not None else ""
    head = (
        "POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: application/sparql-query\r\n{size}{extra}Connection: close\r\n"
    )
    started = time.monotonic()
    got, body = raw_post(endpoint, head)
    assert got == status, body
    assert time.monotonic() - started < 15  # answered at once, not after waiting for a body
    assert http_request(endpoint, query_path(COUNT))[0] == 200  # and the server goes on


@pytest.mark.parametrize(
    "path",
    [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/graph.html/../../../../etc/passwd",
        "//etc/passwd",
        "/graph.ttl",
        "/sparql/../graph.ttl",
        "/static/..%5c..%5cgraph.ttl",
    ],
)
def test_no_path_leads_to_a_file_other_than_the_pages(endpoint: str, path: str) -> None:
    status, _, body = http_request(endpoint, path)
    assert status == 404
    assert b"root:" not in body and b"@prefix" not in body and len(body) < 200


def test_a_runaway_query_gets_503_with_a_clear_message_and_the_server_goes_on(
    endpoint: str,
) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    status, _, body = http_request(endpoint, query_path(runaway))
    assert status == 503
    assert body == f"the query was stopped after {TIMEOUT_S} s (the server's limit)\n".encode()
    deadline, status = time.monotonic() + 30, 0
    while status != 200 and time.monotonic() < deadline:  # its worker is replaced
        status = http_request(endpoint, query_path(COUNT))[0]
    assert status == 200


def test_no_cors_header_and_no_preflight_unless_an_origin_is_given(
    endpoint: str, writable: str
) -> None:
    origin = {"Origin": "http://localhost:8000"}
    _, headers, _ = http_request(endpoint, query_path(COUNT), headers=origin)
    assert "Access-Control-Allow-Origin" not in headers
    assert http_request(endpoint, "/sparql", method="OPTIONS", headers=origin)[0] == 405
    _, headers, _ = http_request(writable, query_path(COUNT), headers=origin)
    assert headers["Access-Control-Allow-Origin"] == "http://localhost:8000"
    status, headers, _ = http_request(writable, "/sparql", method="OPTIONS", headers=origin)
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("cors", ["*", "localhost:8000", "http://a.example/path"])
def test_cors_takes_one_origin_only(graph_file: Path, cors: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "serve",
            "--graph",
            str(graph_file),
            "--port",
            "0",
            "--cors",
            cors,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "--cors wants one origin" in done.stderr


@pytest.mark.parametrize("host", ["evil.example", "evil.example:7878", "192.168.1.5"])
def test_a_request_for_another_host_name_is_refused(endpoint: str, host: str) -> None:
    """A web page whose domain now resolves to 127.0.0.1 (DNS rebinding) reads nothing."""
    status, _, body = http_request(endpoint, query_path(COUNT), headers={"Host": host})
    assert status == 403 and b"127.0.0.1 or localhost" in body
    assert http_request(endpoint, query_path(COUNT), headers={"Host": "localhost:1"})[0] == 200


def test_it_listens_on_the_loopback_address_by_default(endpoint: str) -> None:
    port = urllib.parse.urlsplit(endpoint).port
    listening = [
        line.split()[1]
        for table in ("/proc/net/tcp", "/proc/net/tcp6")
        if Path(table).exists()
        for line in Path(table).read_text().splitlines()[1:]
        if line.split()[3] == "0A"  # LISTEN
    ]
    ours = [address for address in listening if int(address.rsplit(":", 1)[1], 16) == port]
    assert ours == ["0100007F:" + f"{port:04X}"]  # 127.0.0.1, and no other address


def test_the_query_page_runs_nothing_but_its_own_script(endpoint: str) -> None:
    status, headers, page = http_request(endpoint, "/")
    assert status == 200
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert b"<script>" in page and b" src=" not in page  # inline, so allowed; nothing loaded
