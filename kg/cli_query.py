"""``kg query`` and ``kg serve``: argument parsing and printing only; ``kg.sparql`` does the work.

Kept beside ``kg.cli`` (which registers these two commands) so that the CLI
module stays small. Exit codes: 0 answered; 2 wrong usage; 3 the query or the
graph is wrong (a syntax error, an unknown name, no graph).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from extract.errors import GovKGError
from kg.cli_output import err, fail, out
from kg.cli_push import TimeoutOption, UserOption, password_for
from kg.query_results import QueryResult, display, serialize
from kg.remote import DEFAULT_TIMEOUT
from kg.sparql import (
    NamedQuery,
    bind_params,
    find_query,
    named_queries,
    open_endpoint,
    open_graph,
    open_store,
    run_query,
)

EXIT_USAGE, EXIT_QUERY = 2, 3
LAST_BUILD = Path("out/graph.ttl")
FORMATS = ("table", "csv", "tsv", "json", "xml", "ttl", "nt")


GraphOption = Annotated[
    Path | None,
    typer.Option(
        "--graph",
        "-g",
        help="A graph file (Turtle, N-Triples, TriG, N-Quads …). Default: out/graph.ttl.",
    ),
]
StoreOption = Annotated[
    Path | None, typer.Option("--store", help="An Oxigraph store folder, opened read-only.")
]
EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        "-e",
        help="A remote SPARQL query endpoint (SPARQL 1.1 Protocol): Oxigraph "
        "http://HOST:7878/query?union-default-graph, Fuseki http://HOST:3030/DATASET/sparql, "
        "GraphDB http://HOST:7200/repositories/REPO.",
    ),
]


def _fail(message: str, code: int = EXIT_QUERY) -> typer.Exit:
    return fail(message, code)


def query_command(
    query: Annotated[
        str | None,
        typer.Argument(
            help="A named query (see --list), a .rq file, or SPARQL text. Common prefixes "
            "(gkg, rdfs, skos, dcterms, org, prov, nif, itsrdf, xsd …) are predeclared."
        ),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="NAME=VALUE, bound to ?NAME as a typed term, never pasted into the query "
            "(e.g. --param region=重庆市 --param year=2016). For an ad-hoc query, "
            "NAME:KIND=VALUE gives the kind: label, string, integer, decimal or iri.",
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="table, csv, tsv, json, xml; ttl or nt for CONSTRUCT."),
    ] = "table",
    graph: GraphOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    user: UserOption = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
) -> None:
    """Run a SPARQL query on the last build's graph (or a given graph, store or endpoint)."""
    try:
        if list_:
            _print_list(named_queries())
            return
        if query is None:
            raise _fail("name a query, a .rq file or SPARQL text (kg query --list)", EXIT_USAGE)
        if fmt not in FORMATS:
            raise _fail(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})", EXIT_USAGE)
        named = find_query(query)
        bindings = bind_params(named, _pairs(param or []))
        if sum(x is not None for x in (graph, store, endpoint)) > 1:
            raise _fail("give one of --graph, --store and --endpoint", EXIT_USAGE)
        if endpoint is not None:
            password = password_for(user)
            backend = open_endpoint(endpoint, user=user, password=password, timeout=timeout)
        elif store is not None:
            backend = open_store(store)
        else:
            path = graph or LAST_BUILD
            if graph is None and not path.exists():
                raise _fail(f"no graph at {path} (run `kg build` first, or pass --graph/--store)")
            backend = open_graph(path)
        result = run_query(backend, named.text, bindings)
        _print_result(result, fmt, named)
    except GovKGError as error:
        raise _fail(str(error)) from None
    except ValueError as error:  # a format that does not fit the kind of result
        raise _fail(str(error), EXIT_USAGE) from None


def _pairs(items: list[str]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise _fail(f"--param wants NAME=VALUE, not {item!r}", EXIT_USAGE)
        pairs[name.strip()] = value
    return pairs


def _print_list(queries: list[NamedQuery]) -> None:
    table = Table(title="named queries (kg query NAME)", header_style="bold")
    for column in ("name", "title", "params"):
        table.add_column(column)
    for named in queries:
        params = ", ".join(f"{p.name} ({p.kind})" for p in named.params)
        table.add_row(named.name, named.title, params)
    out.print(table)


def _print_result(result: QueryResult, fmt: str, named: NamedQuery) -> None:
    if fmt != "table":
        sys.stdout.buffer.write(serialize(result, fmt))
        sys.stdout.flush()
        return
    if result.kind == "ask":
        out.print("true" if result.boolean else "false")
        return
    table = Table(title=named.title or None, header_style="bold")
    if result.kind == "graph":
        for column in ("subject", "predicate", "object"):
            table.add_column(column)
        for triple in result.triples:
            table.add_row(*(escape(display(t)) for t in triple))
    else:
        for column in result.columns:
            table.add_column(column)
        for row in result.rows:
            table.add_row(*(escape(display(t)) for t in row))
    out.print(table)
    out.print(f"{len(result)} {'triples' if result.kind == 'graph' else 'rows'}", highlight=False)


def serve_command(
    graph: GraphOption = None,
    store: StoreOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on. Other than 127.0.0.1 opens it to others.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free port).")] = 7878,
    timeout: Annotated[
        float, typer.Option(help="Seconds a query may run before it is stopped.")
    ] = 10.0,
    max_results: Annotated[
        int, typer.Option(help="Rows (or triples) a result may have; more are cut.")
    ] = 10000,
    workers: Annotated[int, typer.Option(help="Queries answered at the same time.")] = 2,
    allow_writes: Annotated[
        bool,
        typer.Option(
            "--allow-writes",
            help="Run SPARQL updates (refused with 403 otherwise). With --store they change "
            "the store; with --graph only the served copy, never the file. One worker.",
        ),
    ] = False,
    cors: Annotated[
        str | None,
        typer.Option(
            "--cors",
            metavar="ORIGIN",
            help="Let web pages of this origin (http://host:port) read the answers; "
            "no cross-origin access without it.",
        ),
    ] = None,
) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol, with a query page at /."""
    from kg.serve import serve  # pyoxigraph and the server load only for this command

    if graph is not None and store is not None:
        raise _fail("give --graph or --store, not both", EXIT_USAGE)
    if timeout <= 0 or max_results <= 0 or workers <= 0:
        raise _fail("--timeout, --max-results and --workers must be positive", EXIT_USAGE)
    if cors is not None and (cors == "*" or not re.fullmatch(r"https?://[^/\s]+", cors)):
        raise _fail(f"--cors wants one origin such as http://localhost:8000, not {cors!r}", 2)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/yellow] listening on {escape(host)}: others can query it")
    if allow_writes:
        err.print("[yellow]warning:[/yellow] --allow-writes: SPARQL updates change the store")

    def ready(url: str) -> None:
        print(f"kg serve: SPARQL endpoint {url}sparql, query page {url}", flush=True)

    try:
        serve(
            graph=None if store is not None else (graph or LAST_BUILD),
            store=store,
            host=host,
            port=port,
            timeout=timeout,
            max_results=max_results,
            workers=workers,
            allow_writes=allow_writes,
            cors_origin=cors,
            on_ready=ready,
        )
    except GovKGError as error:
        raise _fail(str(error)) from None
    except OSError as error:  # the port is taken, or the address is not ours
        raise _fail(f"cannot listen on {host}:{port} ({error.strerror or error})") from None
    print("kg serve: stopped", flush=True)
