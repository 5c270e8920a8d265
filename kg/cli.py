"""The ``kg`` command: parses arguments, calls the library, prints results.

Exit codes: 0 everything built; 1 some inputs were skipped (the rest was
built); 2 wrong usage; 3 nothing could be built.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from extract.errors import GovKGError
from kg.corpus import BuildResult, build_corpus, find_reports, sample_reports
from kg.iri import DEFAULT_BASE

EXIT_OK, EXIT_SOME_FAILED, EXIT_NOTHING_BUILT = 0, 1, 3

app = typer.Typer(
    help="Knowledge graphs from Chinese government information-disclosure annual reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")]


def _configure(verbose: bool, quiet: bool) -> None:
    if verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s: %(message)s")
    if quiet:
        out.quiet = True


@app.callback()
def main(verbose: Verbose = False, quiet: Quiet = False) -> None:
    """govkg: build, explore and query a knowledge graph of disclosure reports."""
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    _configure(verbose, quiet)


@app.command()
def build(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Report files or folders (searched recursively for *.txt). "
            "Default: the sample reports bundled with govkg."
        ),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for graph.ttl and graph.html.")
    ] = Path("out"),
    base: Annotated[str, typer.Option(help="Base IRI of the entities.")] = DEFAULT_BASE,
    verbose: Verbose = False,
    quiet: Quiet = False,
) -> None:
    """Extract reports and write the graph as Turtle and as an HTML page."""
    _configure(verbose, quiet)
    if paths:
        files, missing = find_reports(paths)
    else:
        files, missing = sample_reports(), []
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
            disable=out.quiet,
        ) as progress:
            task = progress.add_task("extracting", total=len(files))
            result = build_corpus(
                [], output, base=base, files=files, on_file=lambda _: progress.advance(task)
            )
    except GovKGError as error:
        err.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
        raise typer.Exit(EXIT_NOTHING_BUILT) from None
    failures = (*missing, *result.failures)
    for failure in failures:
        err.print(f"[red]skipped[/red] {failure.path}: {failure.problem}", highlight=False)
    _print_summary(result, len(failures))
    if result.reports == 0:
        err.print("[red]error:[/red] no report could be built", highlight=False)
        raise typer.Exit(EXIT_NOTHING_BUILT)
    if failures:
        raise typer.Exit(EXIT_SOME_FAILED)


def _print_summary(result: BuildResult, skipped: int) -> None:
    table = Table(title="govkg build", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("reports built", str(result.reports))
    table.add_row("files skipped", str(skipped))
    for name, count in result.entities.items():
        table.add_row(f"  {name}", str(count))
    table.add_row("triples", str(result.triples))
    table.add_row("seconds", f"{result.seconds:.2f}")
    out.print(table)
    for path in result.outputs:
        out.print(f"wrote {path}", highlight=False)
