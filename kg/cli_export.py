"""``kg export``: argument parsing and printing only; ``kg.export`` does the work.

Kept beside ``kg.cli`` (which registers the command) so that the CLI module
stays small. Exit codes: 0 written; 2 wrong usage (an unknown format, CSV to
standard output); 3 the graph cannot be read or the file cannot be written.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from extract.errors import GovKGError
from kg.cli_output import fail, out
from kg.export import FORMATS, Exported, export, export_bytes, format_name, guess_format, read_graph
from kg.export_rdf import Engine

EXIT_USAGE, EXIT_UNREADABLE = 2, 3
LAST_BUILD = Path("out/graph.ttl")
ENGINES: tuple[Engine, ...] = ("auto", "oxigraph", "rdflib")


def export_command(
    graph: Annotated[
        Path | None,
        typer.Argument(
            help="A graph file in any RDF syntax (by suffix: .ttl .trig .nq .nt .jsonld .rdf "
            "…), or an Oxigraph store folder. TriG, N-Quads and JSON-LD keep their named "
            "graphs. Default: out/graph.ttl, the last build's output."
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=f"One of {', '.join(FORMATS)}. Default: by the output's suffix, else ttl.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file to write; '-' or none for standard output. csv writes two tables, "
            "FILE's stem with -nodes and -edges (nodes.csv and edges.csv in a folder, or a "
            "name with no suffix).",
        ),
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            help="RDF writer: oxigraph (fast), rdflib, or auto (oxigraph when installed)."
        ),
    ] = "auto",
    bom: Annotated[
        bool,
        typer.Option(
            "--bom/--no-bom",
            help="Start CSV files with a UTF-8 byte-order mark, so Excel shows Chinese.",
        ),
    ] = True,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
) -> None:
    """Write a graph as Turtle, TriG, N-Quads, N-Triples, JSON-LD or RDF/XML, as GraphML or
    GEXF for Gephi and Cytoscape, or as CSV node and edge tables for spreadsheets.

    The same graph always gives the same bytes; files are replaced atomically.
    """
    if verbose:
        logging.getLogger().setLevel(logging.DEBUG)
    target = None if output is None or str(output) == "-" else output  # None: standard output
    if engine not in ENGINES:
        raise fail(f"unknown engine {engine!r} (one of: {', '.join(ENGINES)})", EXIT_USAGE)
    try:
        name = format_name(fmt) if fmt else (guess_format(target) if target else None)
    except GovKGError as error:
        raise fail(str(error), EXIT_USAGE) from None
    name = name or "ttl"
    if target is None and name == "csv":
        raise fail("csv writes two files: give one with -o", EXIT_USAGE)
    try:
        loaded = read_graph(graph or LAST_BUILD, engine=_engine(engine))
        if target is None:
            sys.stdout.buffer.write(export_bytes(loaded, name, engine=_engine(engine)))
            sys.stdout.flush()
            return
        written = export(loaded, target, name, engine=_engine(engine), bom=bom)
    except GovKGError as error:
        unbuilt = graph is None and not LAST_BUILD.exists()
        hint = " (run `kg build` first, or name a graph)" if unbuilt else ""
        raise fail(f"{error}{hint}", EXIT_UNREADABLE) from None
    if not quiet:
        out.print(_summary(written), highlight=False, soft_wrap=True)


def _engine(name: str) -> Engine:
    return next(e for e in ENGINES if e == name)


def _summary(written: Exported) -> str:
    files = ", ".join(escape(str(p)) for p in written.paths)
    if written.format in ("graphml", "gexf", "csv"):
        size = f"{written.nodes} nodes, {written.edges} edges"
    elif written.graphs:
        size = f"{written.statements} quads in {written.graphs} named graphs"
    else:
        size = f"{written.statements} triples"
    return f"wrote {files} ({written.format}: {size})"
