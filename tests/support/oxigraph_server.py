"""A real ``oxigraph serve`` on 127.0.0.1, a free port and a folder of its own, for tests and bench.

The binary comes with PyPI's ``oxigraph`` package (the ``test`` extra); where it
is absent, ``find_oxigraph`` returns None and the callers skip with a reason.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO


@dataclass(frozen=True, slots=True)
class OxigraphServer:
    url: str  # http://127.0.0.1:PORT, without a trailing slash

    @property
    def store(self) -> str:
        """The Graph Store Protocol endpoint."""
        return f"{self.url}/store"

    @property
    def query(self) -> str:
        """The SPARQL query endpoint."""
        return f"{self.url}/query"


def find_oxigraph() -> str | None:
    """The ``oxigraph`` command beside this Python, or on the PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def oxigraph_server(
    location: Path | None, *, union_default_graph: bool = False, startup: float = 30.0
) -> Iterator[OxigraphServer]:
    """Start ``oxigraph serve`` (on disk at ``location``, or in memory), stop it on exit."""
    binary = find_oxigraph()
    if binary is None:
        raise FileNotFoundError("no oxigraph command (pip install 'oxigraph>=0.4')")
    port = free_port()
    command = [binary, "serve", "--bind", f"127.0.0.1:{port}"]
    if location is not None:
        command += ["--location", str(location)]
    if union_default_graph:
        command.append("--union-default-graph")
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a full pipe would stall it
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        try:
            _wait_until_listening(process, port, startup, log)
            yield OxigraphServer(f"http://127.0.0.1:{port}")
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_listening(
    process: subprocess.Popen[bytes], port: int, seconds: float, log: IO[bytes]
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            problem = log.read().decode("utf-8", "replace").strip()
            raise RuntimeError(f"oxigraph serve exited with {process.returncode}: {problem}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"oxigraph serve did not listen on port {port} within {seconds:g} s")
