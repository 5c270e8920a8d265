"""``kg push`` and ``kg query --endpoint`` as a user runs them: sources, output, and failures.

Failures are one line naming the endpoint and the status, exit code 3, no
traceback, and never the password. Authentication and timeouts are checked
against a small HTTP server of the test's own, since ``oxigraph serve`` has neither.
"""

from __future__ import annotations

import base64
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
import pytest
from kg_subprocess import run_kg
from oxigraph_server import OxigraphServer, find_oxigraph, free_port, oxigraph_server
from samples import CORPUS, SAMPLES

from kg.corpus import build_corpus
from kg.push import push
from kg.remote import PASSWORD_VARIABLE

needs_oxigraph = pytest.mark.skipif(
    find_oxigraph() is None, reason="no oxigraph server binary (pip install 'oxigraph>=0.4')"
)
SECRET = "s3cret-öß"
GRAPHS = len(SAMPLES) + 1  # one per report and the shared graph


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("remote-cli")
    result = build_corpus([CORPUS], folder / "out", store=folder / "store")
    assert result.reports == len(SAMPLES)
    return folder / "store"


@pytest.fixture
def union_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A server whose default graph is the union, as docs/remote-stores.md starts it."""
    with oxigraph_server(tmp_path / "data", union_default_graph=True) as running:
        yield running


def triple_count(store: Path) -> int:
    return len(ox.Store.read_only(str(store)))


@needs_oxigraph
def test_kg_push_then_kg_query_prints_what_the_local_store_prints(
    store: Path, union_server: OxigraphServer, tmp_path: Path
) -> None:
    pushed = run_kg("push", store, "--endpoint", union_server.store, cwd=tmp_path)
    assert pushed.returncode == 0, pushed.stderr
    assert f"pushed {GRAPHS} graphs, {triple_count(store)} triples" in pushed.stdout
    for args in (["-f", "csv", "-p", "region=重庆市"], []):  # csv, and the table
        here = run_kg("query", "granted-share", *args, "--store", store, cwd=tmp_path)
        there = run_kg("query", "granted-share", *args, "-e", union_server.query, cwd=tmp_path)
        assert there.returncode == 0, there.stderr
        assert there.stdout == here.stdout and "88.2" in there.stdout


@needs_oxigraph
def test_a_trig_file_and_a_folder_of_nquads_push_the_same_graphs(
    store: Path, union_server: OxigraphServer, tmp_path: Path
) -> None:
    dataset = ox.Store.read_only(str(store))
    trig = tmp_path / "graph.trig"
    dataset.dump(str(trig), format=ox.RdfFormat.TRIG)
    shards = tmp_path / "shards"
    shards.mkdir()
    for number, graph in enumerate(sorted(dataset.named_graphs(), key=str)):
        quads = dataset.quads_for_pattern(None, None, None, graph)
        ox.serialize(quads, str(shards / f"{number:04d}.nq"), ox.RdfFormat.N_QUADS)
    for source in (trig, shards):
        pushed = run_kg("push", source, "-e", union_server.store, cwd=tmp_path)
        assert pushed.returncode == 0, pushed.stderr
        assert f"pushed {GRAPHS} graphs, {len(dataset)} triples" in pushed.stdout
    count = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
    answer = run_kg("query", count, "-f", "csv", "-e", union_server.query, cwd=tmp_path)
    assert answer.stdout.splitlines() == ["n", str(len(dataset))]


@needs_oxigraph
def test_a_pushed_graph_replaces_the_remote_one(
    store: Path, union_server: OxigraphServer, tmp_path: Path
) -> None:
    assert run_kg("push", store, "-e", union_server.store, cwd=tmp_path).returncode == 0
    graph = sorted(ox.Store.read_only(str(store)).named_graphs(), key=str)[-1]
    smaller = tmp_path / "one.nq"
    smaller.write_text(f'{graph} {graph} "rebuilt" {graph} .\n', encoding="utf-8")
    assert run_kg("push", smaller, "-e", union_server.store, cwd=tmp_path).returncode == 0
    query = f"SELECT ?o {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
    answer = run_kg("query", query, "-f", "csv", "-e", union_server.query, cwd=tmp_path)
    assert answer.stdout.splitlines() == ["o", "rebuilt"]


@needs_oxigraph
def test_a_wrong_path_is_one_line_with_the_status(
    store: Path, union_server: OxigraphServer, tmp_path: Path
) -> None:
    wrong = f"{union_server.url}/nowhere"
    pushed = run_kg("push", store, "-e", wrong, cwd=tmp_path)
    assert_one_line_failure(pushed.returncode, pushed.stderr, wrong)
    assert "404" in pushed.stderr


def test_a_server_that_is_down_is_one_line_with_exit_code_3(store: Path, tmp_path: Path) -> None:
    down = f"http://127.0.0.1:{free_port()}"
    pushed = run_kg("push", store, "-e", f"{down}/store", cwd=tmp_path)
    assert_one_line_failure(pushed.returncode, pushed.stderr, f"{down}/store")
    assert "cannot connect" in pushed.stderr
    queried = run_kg("query", "granted-share", "-e", f"{down}/query", cwd=tmp_path)
    assert_one_line_failure(queried.returncode, queried.stderr, f"{down}/query")


def test_a_graph_file_without_named_graphs_is_refused(tmp_path: Path) -> None:
    turtle = tmp_path / "graph.ttl"
    turtle.write_text("<http://a> <http://b> <http://c> .\n", encoding="utf-8")
    pushed = run_kg("push", turtle, "-e", "http://127.0.0.1:9/store", cwd=tmp_path)
    assert pushed.returncode == 3 and "no named graphs" in pushed.stderr


class _Guarded(BaseHTTPRequestHandler):
    """A Graph Store that takes a PUT only with the right Basic credentials.

    It notes the client port and body size of each PUT it takes (one port: the
    connection was kept alive) and, refusing, echoes the password as a careless
    server might.
    """

    protocol_version = "HTTP/1.1"
    expected = "Basic " + base64.b64encode(f"alice:{SECRET}".encode()).decode()
    wants_length = False  # answer 411 to a chunked body, as some proxies do
    taken: ClassVar[list[tuple[int, int]]] = []

    def do_PUT(self) -> None:
        chunked = "Content-Length" not in self.headers
        size = (
            self._chunked_size()
            if chunked
            else len(self.rfile.read(int(self.headers["Content-Length"])))
        )
        if self.headers.get("Authorization") != self.expected:
            self._answer(401, SECRET.encode())
        elif chunked and self.wants_length:
            self._answer(411)
        else:
            self.taken.append((self.client_address[1], size))
            self._answer(204)

    def _answer(self, status: int, body: bytes = b"") -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _chunked_size(self) -> int:
        """Read a chunked body to its end, so the connection stays usable."""
        total = 0
        while (size := int(self.rfile.readline().strip() or b"0", 16)) > 0:
            total += len(self.rfile.read(size + 2)) - 2
        self.rfile.readline()
        return total

    def log_message(self, *_: object) -> None:
        pass


class _WantsLength(_Guarded):
    wants_length = True
    taken: ClassVar[list[tuple[int, int]]] = []


@contextmanager
def serving(handler: type[_Guarded]) -> Iterator[str]:
    handler.taken.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/store"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def guarded() -> Iterator[str]:
    with serving(_Guarded) as url:
        yield url


def test_credentials_come_from_user_and_the_environment_and_are_never_printed(
    store: Path, guarded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    unset = run_kg("push", store, "-e", guarded, "--user", "alice", cwd=tmp_path)
    assert unset.returncode == 2 and PASSWORD_VARIABLE in unset.stderr
    anonymous = run_kg("push", store, "-e", guarded, cwd=tmp_path)
    assert_one_line_failure(anonymous.returncode, anonymous.stderr, guarded)
    assert "401" in anonymous.stderr
    monkeypatch.setenv(PASSWORD_VARIABLE, SECRET)
    ok = run_kg("push", store, "-e", guarded, "--user", "alice", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert f"pushed {GRAPHS} graphs" in ok.stdout
    assert len(_Guarded.taken) == GRAPHS
    assert len({port for port, _ in _Guarded.taken}) == 1  # one connection, kept alive
    refused = run_kg("push", store, "-e", guarded, "--user", "mallory", cwd=tmp_path)
    assert_one_line_failure(refused.returncode, refused.stderr, guarded)
    assert "401" in refused.stderr and SECRET not in refused.stderr + refused.stdout
    in_url = guarded.replace("http://", f"http://alice:{SECRET}@")
    leaked = run_kg("push", store, "-e", in_url, cwd=tmp_path)
    assert leaked.returncode == 3 and SECRET not in leaked.stderr


def test_a_server_that_wants_a_content_length_gets_the_same_body_with_one(store: Path) -> None:
    with serving(_Guarded) as chunked:
        push(store, chunked, user="alice", password=SECRET)
        sizes = sorted(size for _, size in _Guarded.taken)
    with serving(_WantsLength) as strict:
        result = push(store, strict, user="alice", password=SECRET)
        assert sorted(size for _, size in _WantsLength.taken) == sizes
    assert result.graphs == GRAPHS and min(sizes) > 0


def test_a_server_that_never_answers_times_out_on_one_line(store: Path, tmp_path: Path) -> None:
    with socket.socket() as silent:  # accepts connections (the kernel does), never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
        slow = run_kg("query", "granted-share", "-e", url, "--timeout", "0.5", cwd=tmp_path)
    assert_one_line_failure(slow.returncode, slow.stderr, url)
    assert "no answer within 0.5 s" in slow.stderr


def assert_one_line_failure(code: int, stderr: str, url: str) -> None:
    assert code == 3, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and url in lines[0], stderr
