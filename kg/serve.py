"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint with a query page, all offline.

Built on the standard library's ``http.server`` over pyoxigraph: no dependency to
install, nothing fetched from a CDN, and full control over what a local analyst
tool must guarantee: read-only (the store is opened read-only, and updates are
refused with 403 before they reach it) unless started with ``allow_writes``, no
federated ``SERVICE`` calls or ``LOAD`` out of the machine, a request-size and a
result-size limit, and a timeout that really stops a query (see
``kg.query_workers``). It binds to 127.0.0.1 unless told otherwise, answers only
requests addressed to a loopback name then (a web page cannot reach it by DNS
rebinding), sends no CORS header unless given an origin to allow, and refuses
updates that a web page of another origin sends.
"""

from __future__ import annotations

import json
import logging
import re
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from urllib.parse import parse_qs, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from kg.errors import GraphError, QueryError
from kg.query_results import MEDIA_TYPES
from kg.query_workers import Job, QueryTimeout, Reply, ServerBusy, WorkerPool
from kg.sparql import NamedQuery, named_queries

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20  # bytes of a POSTed query
ACCEPTED = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/n-triples": "nt",
}
DEFAULTS = ("json", "ttl", "xml", "csv", "tsv", "nt")
_LEXICAL = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*'
)
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*|BASE\s*)\s+)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.I,
)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.I)
_LOAD = re.compile(r"(?<![\w:?$])LOAD(?![\w:-])", re.I)
LOOPBACK = ("127.0.0.1", "localhost", "::1")
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
READ_ONLY = "this endpoint is read-only: SPARQL Update is refused (kg serve --allow-writes)"


@dataclass(frozen=True, slots=True)
class Settings:
    pool: WorkerPool
    max_results: int
    page: bytes
    graph_page: Path | None
    allow_writes: bool = False
    cors_origin: str | None = None  # the one origin whose pages may read the answers
    loopback_only: bool = True  # answer only requests addressed to 127.0.0.1/localhost/[::1]


def check_readonly(query: str) -> None:
    """Refuse updates and federated queries; strings, IRIs and comments are looked past."""
    bare = _LEXICAL.sub(" ", query)
    if _UPDATE.match(bare):
        raise PermissionError(READ_ONLY)
    if _SERVICE.search(bare):
        raise QueryError("SERVICE (federated query) is disabled on this endpoint")


def check_update(update: str) -> None:
    """Refuse what an allowed update must still not do: reach out of the machine."""
    bare = _LEXICAL.sub(" ", update)
    if _SERVICE.search(bare):
        raise QueryError("SERVICE (federated query) is disabled on this endpoint")
    if _LOAD.search(bare):
        raise QueryError("LOAD (fetching a document) is disabled on this endpoint")


def negotiate(accept: str | None, override: str | None = None) -> tuple[str, ...]:
    """Result formats the client takes, best first, from ``Accept`` or a ``format`` parameter."""
    if override:
        return (override,) if override in MEDIA_TYPES else ()
    if not accept:
        return DEFAULTS
    ranked: list[tuple[float, int, tuple[str, ...]]] = []
    for order, part in enumerate(accept.split(",")):
        media, *options = (p.strip() for p in part.split(";"))
        quality = 1.0
        for option in options:
            if option.startswith("q="):
                try:
                    quality = float(option[2:])
                except ValueError:
                    quality = 0.0
        media = media.lower()
        formats = (
            DEFAULTS if media.endswith("/*") else ((ACCEPTED[media],) if media in ACCEPTED else ())
        )
        if formats and quality > 0:
            ranked.append((-quality, order, formats))
    chosen: list[str] = []
    for _, _, kinds in sorted(ranked):
        chosen += [f for f in kinds if f not in chosen]
    return tuple(chosen)


class Handler(BaseHTTPRequestHandler):
    """GET and POST of the SPARQL 1.1 Protocol at /sparql (and /), the page at /."""

    server_version = "govkg-sparql"
    timeout = 30  # seconds a client may take to send its request: idle ones free their thread
    settings: Settings  # set on the subclass that make_server builds

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        if not self._addressed_to_us():
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query)
        if url.path in ("/sparql", "/") and "update" in params:
            if self.settings.allow_writes:
                self._error(405, "an update must be POSTed (SPARQL 1.1 Protocol)")
            else:
                self._error(403, READ_ONLY)
        elif url.path in ("/sparql", "/") and "query" in params:
            self._answer(params)
        elif url.path == "/":
            self._send(200, self.settings.page, "text/html; charset=utf-8", _PAGE_HEADERS)
        elif url.path == "/graph.html" and self.settings.graph_page is not None:
            self._send_page(self.settings.graph_page)
        elif url.path == "/sparql":
            self._error(400, "give a SPARQL query in the 'query' parameter")
        else:
            self._error(404, "nothing there; the endpoint is /sparql, the query page /")

    def do_POST(self) -> None:
        if not self._addressed_to_us():
            return
        url = urlsplit(self.path)
        if url.path not in ("/sparql", "/"):
            self._error(404, "nothing there; the endpoint is /sparql, the query page /")
            return
        body = self._read_body()
        if body is None:
            return
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query)
        if kind == "application/sparql-update":
            self._update({**params, "update": [body]})
        elif kind == "application/sparql-query":
            self._answer({**params, "query": [body]})
        elif kind == "application/x-www-form-urlencoded":
            form = {**params, **parse_qs(body)}
            if "update" in form:
                self._update(form)
            else:
                self._answer(form)
        else:
            self._error(415, "send application/sparql-query, application/sparql-update or a form")

    def do_OPTIONS(self) -> None:
        """A CORS preflight: allowed for the --cors origin only."""
        if not self._addressed_to_us():
            return
        if self.settings.cors_origin is None:
            self._error(405, "cross-origin requests are not allowed (kg serve --cors ORIGIN)")
            return
        extra = {
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept",
            "Access-Control-Max-Age": "600",
        }
        self._send(204, b"", "text/plain; charset=utf-8", extra)

    def _addressed_to_us(self) -> bool:
        """On a loopback address, answer only requests for a loopback host name: a page
        whose domain was re-pointed at 127.0.0.1 (DNS rebinding) gets 403."""
        if not self.settings.loopback_only:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name in _LOOPBACK_HOSTS:
            return True
        self._error(403, "this endpoint answers requests to 127.0.0.1 or localhost only")
        return False

    def _read_body(self) -> str | None:
        """The request body, or None after answering 411, 400 or 413."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self._error(411, "send the request with a Content-Length")
            return None
        raw = (self.headers.get("Content-Length") or "0").strip()
        if not raw.isdigit():
            self._error(400, f"the Content-Length {raw[:20]!r} is not a number of bytes")
            return None
        length = int(raw)
        if length > MAX_BODY:
            self.close_connection = True  # the body is not read: the connection cannot go on
            self._error(413, f"the request is larger than {MAX_BODY} bytes")
            return None
        return self.rfile.read(length).decode("utf-8", errors="replace")

    def _update(self, params: dict[str, list[str]]) -> None:
        if not self.settings.allow_writes:
            self._error(403, READ_ONLY)
            return
        origin = self.headers.get("Origin")
        if origin is not None and origin not in (self._own_origin(), self.settings.cors_origin):
            self._error(403, f"an update from a page of {origin} is refused")
            return
        updates = params.get("update", [])
        if len(updates) != 1 or not updates[0].strip():
            self._error(400, "give exactly one SPARQL update in the 'update' parameter")
            return
        try:
            check_update(updates[0])
        except QueryError as error:
            self._error(400, str(error))
            return
        reply = self._run(Job(updates[0], (), 0, update=True))
        if reply is not None:
            self._send(200, reply.body, "text/plain; charset=utf-8")

    def _run(self, job: Job) -> Reply | None:
        """The workers' answer to ``job``, or None once the error has been sent."""
        try:
            reply = self.settings.pool.run(job)
        except (QueryTimeout, ServerBusy) as error:
            self._error(503, str(error))
            return None
        except QueryError as error:
            self._error(400, str(error))
            return None
        if reply.status != 200:
            self._error(reply.status, reply.body.decode("utf-8"))
            return None
        return reply

    def _own_origin(self) -> str:
        return f"http://{self.headers.get('Host') or ''}"

    def _answer(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(400, "give exactly one SPARQL query in the 'query' parameter")
            return
        fmt = params["format"][0] if params.get("format") else None
        accept = negotiate(self.headers.get("Accept"), fmt)
        graphs = tuple(params.get("default-graph-uri", []))
        try:
            check_readonly(queries[0])
        except PermissionError as error:
            if self.settings.allow_writes:
                self._error(400, "send an update as 'update' or application/sparql-update")
            else:
                self._error(403, str(error))
            return
        except QueryError as error:
            self._error(400, str(error))
            return
        reply = self._run(Job(queries[0], accept, self.settings.max_results, graphs))
        if reply is None:
            return
        extra = {"X-Result-Truncated": str(self.settings.max_results)} if reply.truncated else {}
        self._send(200, reply.body, f"{MEDIA_TYPES[reply.fmt]}; charset=utf-8", extra)

    def _error(self, status: int, message: str) -> None:
        body = (" ".join(message.split()) + "\n").encode("utf-8")
        self._send(status, body, "text/plain; charset=utf-8")

    def _send(
        self, status: int, body: bytes, kind: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status, HTTPStatus(status).phrase)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if self.settings.cors_origin is not None:
            self.send_header("Access-Control-Allow-Origin", self.settings.cors_origin)
            self.send_header("Vary", "Origin")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_page(self, path: Path) -> None:
        try:
            page = path.read_bytes()
        except OSError:
            self._error(404, "the graph page is gone (run kg build again)")
            return
        self._send(200, page, "text/html; charset=utf-8", {"X-Frame-Options": "DENY"})


# The query page runs its own inline script and talks to this server only.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
    "style-src 'unsafe-inline'; connect-src 'self'; img-src data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
}


def render_page(queries: list[NamedQuery], *, graph_page: bool, writable: bool = False) -> bytes:
    """The query page: a textarea, the named queries as examples, results drawn as a table."""
    env = Environment(loader=PackageLoader("kg", "templates"), autoescape=select_autoescape())
    examples = [
        {"name": q.name, "title": q.title, "description": q.description, "text": q.text}
        for q in queries
    ]
    data = json.dumps(examples, ensure_ascii=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        data = data.replace(raw, escaped)  # safe inside <script>: no "</script>" can appear
    page = env.get_template("sparql.html.j2").render(
        examples=data, graph_page=graph_page, writable=writable
    )
    return page.encode("utf-8")


@contextmanager
def store_folder(graph: Path | None, store: Path | None) -> Iterator[Path]:
    """The store to serve: ``store`` itself, or ``graph`` bulk-loaded into a temporary one."""
    if store is not None:
        if not store.is_dir():
            raise GraphError(f"{store}: no such store folder")
        yield store
        return
    assert graph is not None
    if not graph.is_file():
        raise GraphError(f"{graph}: no such graph file (run `kg build` first, or name one)")
    import pyoxigraph as ox

    fmt = ox.RdfFormat.from_extension(graph.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    with tempfile.TemporaryDirectory(prefix="govkg-serve-") as folder:
        loading = ox.Store(folder)
        try:
            loading.bulk_load(path=str(graph), format=fmt)
        except (SyntaxError, OSError, ValueError) as error:
            raise GraphError(f"{graph}: cannot read the graph ({error})") from None
        loading.flush()
        del loading  # closes the store, so workers can open it read-only
        yield Path(folder)


def make_server(host: str, port: int, settings: Settings) -> ThreadingHTTPServer:
    handler = type("BoundHandler", (Handler,), {"settings": settings})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve(
    *,
    graph: Path | None,
    store: Path | None,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 10.0,
    max_results: int = 10000,
    workers: int = 2,
    allow_writes: bool = False,
    cors_origin: str | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve until SIGTERM or Ctrl-C, then stop the workers and remove temporary files.

    ``allow_writes``: SPARQL updates change the store (with ``graph``, the served
    copy only, never the file). ``cors_origin``: the one origin allowed to read answers.
    """
    graph_page = (graph or Path("out/graph.ttl")).with_name("graph.html")
    with store_folder(graph, store) as folder:
        pool = WorkerPool(folder, size=workers, timeout=timeout, writable=allow_writes)
        try:
            page = render_page(
                named_queries(), graph_page=graph_page.is_file(), writable=allow_writes
            )
            settings = Settings(
                pool,
                max_results,
                page,
                graph_page if graph_page.is_file() else None,
                allow_writes=allow_writes,
                cors_origin=cors_origin,
                loopback_only=host in LOOPBACK,
            )
            server = make_server(host, port, settings)
            previous = signal.signal(signal.SIGTERM, _stopper(server))
            if on_ready is not None:
                on_ready(f"http://{host}:{server.server_address[1]}/")
            try:
                server.serve_forever(poll_interval=0.2)
            except KeyboardInterrupt:
                pass
            finally:
                signal.signal(signal.SIGTERM, previous)
                server.server_close()
        finally:
            pool.close()


def _stopper(server: ThreadingHTTPServer) -> Callable[[int, FrameType | None], None]:
    """A signal handler that stops ``serve_forever`` (from another thread, as it must be)."""

    def on_signal(signum: int, frame: FrameType | None) -> None:
        log.info("signal %d: shutting down", signum)
        threading.Thread(target=server.shutdown, daemon=True).start()

    return on_signal
