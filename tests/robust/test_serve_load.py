"""A small load on ``kg serve``: 50 of the named queries from 8 clients at once, no error.

The figures (p50/p99 latency of 1,000 queries) come from bench/serve_load.py; this
test holds what the benchmark relies on: concurrent clients all get their answers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from kg_server import serve_load, start_server, stop_server
from samples import CORPUS

from kg.corpus import build_corpus


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("serve-load")
    build_corpus([CORPUS], out)
    return out / "graph.ttl"


def test_fifty_queries_from_eight_clients_are_all_answered(graph_file: Path) -> None:
    server, url = start_server(graph_file, "--workers", "2", "--timeout", "30")
    try:
        queries = serve_load.named_query_texts()
        assert len(queries) >= 10
        result = serve_load.run_load(url, queries, total=50, clients=8, timeout=120)
    finally:
        stop_server(server)
    assert result.errors == []
    assert len(result.latencies) == 50
    assert server.returncode == 0  # and it stopped cleanly afterwards
