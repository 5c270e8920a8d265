"""``kg serve`` in a subprocess on a free port of 127.0.0.1, and raw HTTP requests to it.

Starting and stopping live in bench/serve_load.py (one copy for the benchmark and
the tests). Requests go through ``http.client`` so that paths reach the server as
written (no client-side normalisation of ``..``); every request goes to 127.0.0.1
with a timeout.
"""

from __future__ import annotations

import http.client
import importlib.util
import sys
import urllib.parse
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load_bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


serve_load = _load_bench("serve_load")
start_server = serve_load.start_server
stop_server = serve_load.stop_server


def http_request(
    url: str,
    path: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one request to the server at ``url`` (127.0.0.1 only)."""
    where = urllib.parse.urlsplit(url)
    assert where.hostname == "127.0.0.1" and where.port is not None
    connection = http.client.HTTPConnection("127.0.0.1", where.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def query_path(query: str, **extra: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query, **extra})
