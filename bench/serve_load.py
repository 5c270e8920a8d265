"""Load on ``kg serve``: N queries from C concurrent clients, local only; prints p50/p99 latency.

    python bench/serve_load.py [--queries 1000] [--clients 8] [--graph out/graph.ttl]
                               [--workers 2] [--timeout 10] [--light]

Starts ``kg serve`` on a free port of 127.0.0.1 (on ``--graph``, or on the
sample reports built into a temporary folder), then C client threads send the
named queries of ``queries/`` round-robin (with ``--light``, one cheap query, to
measure the server rather than the queries), each request over its own
connection, until N have been answered. Every request goes to 127.0.0.1 with a timeout and the
loop is bounded in count; the server is stopped at the end. Prints the number
of errors (any status but 200, or no answer), the latency percentiles and the
throughput; exit code 1 when any query failed.
"""

from __future__ import annotations

import argparse
import os
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
_READY = re.compile(r"(http://127\.0\.0\.1:\d+/)sparql")


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)  # seconds, of the answered queries
    errors: list[str] = field(default_factory=list)  # one line per failed query
    seconds: float = 0.0  # wall clock of the whole run

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


LIGHT_QUERY = "SELECT ?title WHERE { ?r a gkg:AnnualReport ; dcterms:title ?title }"


def named_query_texts() -> list[str]:
    """The text of every named query: a realistic mix, from one-row counts to joins."""
    return [path.read_text(encoding="utf-8") for path in sorted(QUERIES.glob("*.rq"))]


def start_server(graph: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    """``kg serve --graph GRAPH --port 0 EXTRA`` and the URL it listens on (within 60 s)."""
    command = [sys.executable, "-m", "kg", "serve", "--graph", str(graph), "--port", "0", *extra]
    env = {**os.environ, "NO_COLOR": "1"}
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert server.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        ready, _, _ = select.select([server.stdout], [], [], 1)
        if ready:
            found = _READY.search(server.stdout.readline())
            if found:
                return server, found.group(1)
    server.kill()
    server.wait(10)
    stderr = server.stderr.read() if server.stderr else ""
    raise RuntimeError(f"kg serve did not start: {stderr.strip()[-500:]}")


def stop_server(server: subprocess.Popen[str]) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(10)


def run_load(
    url: str, queries: list[str], *, total: int, clients: int, timeout: float = 60.0
) -> LoadResult:
    """Send ``total`` queries from ``clients`` threads to ``url`` (127.0.0.1 only)."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("the load test sends traffic to 127.0.0.1 only")
    result = LoadResult()
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            query = queries[number % len(queries)]
            body = urllib.parse.urlencode({"query": query}).encode()
            request = urllib.request.Request(
                url + "sparql",
                data=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/sparql-results+json, text/turtle;q=0.9",
                },
            )
            started = time.perf_counter()
            error = None
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    response.read()
            except urllib.error.HTTPError as failure:
                error = f"query {number}: {failure.code} {failure.read()[:200]!r}"
            except OSError as failure:
                error = f"query {number}: {failure}"
            took = time.perf_counter() - started
            with lock:
                if error is None:
                    result.latencies.append(took)
                else:
                    result.errors.append(error)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout * total)
    result.seconds = time.perf_counter() - started
    return result


def build_samples(folder: Path) -> Path:
    out = folder / "out"
    command = [sys.executable, "-m", "kg", "build", "-q", "-o", str(out)]
    subprocess.run(command, check=True, timeout=600, cwd=folder)
    return out / "graph.ttl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--graph", type=Path, help="default: the samples, built afresh")
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    parser.add_argument("--timeout", type=float, default=10.0, help="kg serve --timeout")
    parser.add_argument("--light", action="store_true", help="one cheap query, not the named ones")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="govkg-serve-load-") as scratch:
        graph = args.graph or build_samples(Path(scratch))
        server, url = start_server(
            graph, "--workers", str(args.workers), "--timeout", str(args.timeout)
        )
        try:
            queries = [LIGHT_QUERY] if args.light else named_query_texts()
            result = run_load(url, queries, total=args.queries, clients=args.clients)
        finally:
            stop_server(server)
    answered = len(result.latencies)
    mix = "one light query" if args.light else "the named queries"
    print(
        f"{args.queries} queries ({mix}) from {args.clients} clients, "
        f"kg serve --workers {args.workers}"
    )
    print(f"answered {answered}, errors {len(result.errors)}")
    for line in result.errors[:5]:
        print("  " + line)
    if answered:
        print(
            f"latency p50 {result.percentile(0.5) * 1000:.1f} ms, "
            f"p99 {result.percentile(0.99) * 1000:.1f} ms, "
            f"mean {statistics.fmean(result.latencies) * 1000:.1f} ms, "
            f"max {max(result.latencies) * 1000:.1f} ms"
        )
    print(f"throughput {answered / result.seconds:.1f} queries/s over {result.seconds:.1f} s")
    return 1 if result.errors or answered != args.queries else 0


if __name__ == "__main__":
    sys.exit(main())
