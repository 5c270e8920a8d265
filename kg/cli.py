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
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from extract.errors import GovKGError
from kg.cli_export import export_command
from kg.cli_output import err, fail, out
from kg.cli_push import push_command
from kg.cli_query import query_command, serve_command
from kg.corpus import BuildResult, build_corpus, find_reports, sample_reports
from kg.errors import GraphError
from kg.evaluate import (
    ENTITIES,
    RELATIONS_TOTAL,
    Evaluation,
    Shown,
    StatisticKey,
    default_ontology,
    evaluate,
    write_json,
)
from kg.executors import EXECUTORS, default_jobs
from kg.iri import DEFAULT_BASE
from kg.viz_select import DEFAULT_MAX_NODES, SelectionError, View
from kg.working_dir import working_directory_problem

EXIT_OK, EXIT_SOME_FAILED, EXIT_NOTHING_BUILT = 0, 1, 3

app = typer.Typer(
    help="Knowledge graphs from Chinese government information-disclosure annual reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
    problem = working_directory_problem()  # before any command imports spaCy
    if problem is not None:
        raise fail(problem, 2)


@app.command()
def build(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Report files or folders (searched recursively for .txt, .html, .pdf, .docx). "
            "Default: the sample reports bundled with govkg.",
            readable=False,  # an unreadable file is skipped with the others, not a usage error
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder for graph.ttl (the union), graph.trig (a named graph per report) "
            "and graph.html.",
        ),
    ] = Path("out"),
    base: Annotated[str, typer.Option(help="Base IRI of the entities.")] = DEFAULT_BASE,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help="Build into an on-disk Oxigraph store here, one named graph per report; "
            "on an existing store only new and changed files are extracted. "
            "Any Oxigraph tool (and kg query) opens the folder.",
        ),
    ] = None,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune", help="With --store: drop the reports of files that are no longer given."
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="With --store: extract every file again, changed or not."),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes (or local Dask workers). Default: the cores.",
        ),
    ] = default_jobs(),
    executor: Annotated[
        str | None,
        typer.Option(
            help="Who runs the work: local (this process), processes (a pool of -j workers) or "
            "dask (a Dask cluster; needs the cluster extra). "
            "Default: processes, or local with -j 1.",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="With --executor dask: the scheduler, tcp://HOST:PORT (default: a local "
            "cluster). Needs --shards on storage the workers share."
        ),
    ] = None,
    shards: Annotated[
        Path | None,
        typer.Option(
            help="Keep each report's N-Quads shard (<sha256>.nq) and its extracted record here; "
            "a rerun skips what is done. Default: inside the store, or a temporary folder."
        ),
    ] = None,
    verbose: Verbose = False,
    quiet: Quiet = False,
) -> None:
    """Extract reports and write the graph as Turtle (graph.ttl), TriG (graph.trig, a named
    graph per report) and an HTML page.

    With --store, a build that is killed leaves the store as it was.
    """
    _configure(verbose, quiet)
    if (prune or force) and store is None:
        err.print("[red]error:[/red] --prune and --force need --store", highlight=False)
        raise typer.Exit(2)
    if executor is not None and executor not in EXECUTORS:
        choices = ", ".join(EXECUTORS)
        err.print(f"[red]error:[/red] --executor is one of {choices}", highlight=False)
        raise typer.Exit(2)
    if paths:
        own = [p for p in (output, store, shards) if p is not None]  # never read as reports
        files, missing = find_reports(paths, skip=own)
    else:
        files, missing = sample_reports(), []
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
            disable=out.quiet or not err.is_terminal,  # no bar (nor its blank line) in logs
        ) as progress:
            task = progress.add_task("extracting", total=len(files))
            result = build_corpus(
                [],
                output,
                base=base,
                files=files,
                on_file=lambda _: progress.advance(task),
                store=store,
                prune=prune,
                force=force,
                jobs=jobs,
                executor=executor,
                scheduler=scheduler,
                shards=shards,
            )
    except GovKGError as error:
        err.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
        raise typer.Exit(EXIT_NOTHING_BUILT) from None
    failures = (*missing, *result.failures)
    for failure in failures:
        line = f"{escape(failure.path)}: {escape(failure.problem)}"  # one line, names as given
        err.print(f"[red]skipped[/red] {line}", highlight=False, soft_wrap=True)
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
    changes = result.store
    table.add_row("reports built" if changes is None else "reports in store", str(result.reports))
    if changes is not None:
        for name in ("reused", "rebuilt", "added", "relinked", "pruned", "kept"):
            table.add_row(f"  {name}", str(getattr(changes, name)))
    table.add_row("files skipped", str(skipped))
    for name, count in result.entities.items():
        table.add_row(f"  {name}", str(count))
    table.add_row("triples", str(result.triples))
    table.add_row("seconds", f"{result.seconds:.2f}")
    out.print(table)
    for path in result.outputs:
        done = "wrote" if result.outputs_written else "up to date:"
        out.print(f"{done} {path}", highlight=False)


LAST_BUILD = Path("out/graph.ttl")


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Option("--gold", help="A gold JSON file, or a folder of them.")],
    graphs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Graph files or folders, in any RDF syntax rdflib reads (chosen by suffix). "
            "Default: out/graph.ttl, the last build's output."
        ),
    ] = None,
    ontology: Annotated[
        list[Path] | None,
        typer.Option(
            "--ontology",
            help="Ontology files or folders, so that subclasses count as their parent type. "
            "Default: the project's ontology folder, when it is installed beside the package.",
        ),
    ] = None,
    json_path: Annotated[
        Path | None,
        typer.Option("--json", help="Also write the figures and errors here, as score.py does."),
    ] = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="Print what was missed and what was extra.")
    ] = False,
    verbose: Verbose = False,
    quiet: Quiet = False,
) -> None:
    """Score a graph against gold annotations: P/R/F1 per type, relation and report field."""
    _configure(verbose, quiet)
    if ontology is None:
        found = default_ontology()
        ontology = [found] if found is not None else []
    try:
        evaluation = evaluate(graphs or [LAST_BUILD], gold, ontology=ontology)
        if json_path is not None:
            write_json(evaluation, json_path)
    except GovKGError as error:
        unbuilt = isinstance(error, GraphError) and not graphs and not LAST_BUILD.exists()
        hint = " (run `kg build` first, or name a graph)" if unbuilt else ""
        err.print(f"[red]error:[/red] {escape(str(error))}{hint}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_NOTHING_BUILT) from None
    _print_evaluation(evaluation)
    if errors:
        _print_discrepancies(evaluation)


def _print_evaluation(evaluation: Evaluation) -> None:
    table = Table(title="govkg eval", show_header=True, header_style="bold")
    table.add_column("")
    for name in ("P", "R", "F1", "tp", "pred", "gold"):
        table.add_column(name, justify="right")
    for section in evaluation.sections():
        for key in section:
            fig = evaluation.figures[key]
            total = key in (ENTITIES, RELATIONS_TOTAL)
            table.add_row(
                f"{key} (micro)" if total else key,
                *(f"{x:.3f}" for x in (fig.precision, fig.recall, fig.f1)),
                *(str(n) for n in (fig.tp, fig.pred, fig.gold)),
                style="bold" if total else None,
            )
        table.add_section()
    out.print(table)
    for key, accuracy in evaluation.attributes.items():
        out.print(f"{key:<34} accuracy {accuracy.correct}/{accuracy.total}", highlight=False)
    proof = evaluation.provenance
    out.print(
        f"provenance: {proof.verified} mentions verified against their text, {proof.failed} not"
    )
    if evaluation.missing:
        out.print("[yellow]no report in the graph for:[/yellow] " + ", ".join(evaluation.missing))
    entity_f1 = evaluation.figures[ENTITIES].f1
    relation_f1 = evaluation.figures[RELATIONS_TOTAL].f1
    out.print(f"entity F1 {entity_f1:.3f} relation F1 {relation_f1:.3f}", highlight=False)


def _print_discrepancies(evaluation: Evaluation) -> None:
    for error in evaluation.errors:
        if error.missed or error.extra:
            out.print(f"\n[bold]\\[{error.file}] {error.key}[/bold]", highlight=False)
            out.print("  missed: " + "; ".join(error.missed), markup=False, highlight=False)
            extra = "; ".join(_shown(item) for item in error.extra)
            out.print("  extra:  " + extra, markup=False, highlight=False)


def _shown(item: Shown) -> str:
    if isinstance(item, StatisticKey):
        value = "?" if item.value is None else f"{item.value:.15g}"
        return f"{value}{item.unit} {item.code}".rstrip()
    if isinstance(item, tuple):
        return str(item[0]) if item else "(no label)"
    return item


EXIT_CONFORMS, EXIT_VIOLATIONS, EXIT_UNREADABLE = 0, 1, 3


@app.command("validate")
def validate_(
    graph: Annotated[
        Path | None,
        typer.Argument(
            help="A graph file in any RDF syntax rdflib reads (chosen by suffix). "
            "Default: out/graph.ttl, the last build's output."
        ),
    ] = None,
    reason: Annotated[
        bool,
        typer.Option(
            "--reason/--no-reason",
            help="Also check OWL consistency with the HermiT reasoner (needs Java; "
            "a few seconds for the samples, much longer for large graphs).",
        ),
    ] = True,
    ontology: Annotated[
        Path | None,
        typer.Option(
            "--ontology",
            help="Folder with govkg.ttl and shapes.ttl. Default: the project's ontology folder.",
        ),
    ] = None,
    verbose: Verbose = False,
    quiet: Quiet = False,
) -> None:
    """Check a graph against the SHACL shapes and, with HermiT, the OWL ontology.

    Prints each problem on one line: the node (label and IRI), the rule, the value.
    Exit codes: 0 the graph conforms (warnings allowed); 1 violations were found;
    3 the graph cannot be read, or the checks cannot run.
    """
    from kg.validate import validate_file  # pySHACL and owlready2 load only for this command

    _configure(verbose, quiet)
    path = graph or LAST_BUILD
    try:
        result = validate_file(path, ontology=ontology, reason=reason)
    except GovKGError as error:
        unbuilt = graph is None and not LAST_BUILD.exists()
        hint = " (run `kg build` first, or name a graph)" if unbuilt else ""
        err.print(f"[red]error:[/red] {escape(str(error))}{hint}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_UNREADABLE) from None
    shown = out if not out.quiet else Console()  # --quiet still prints the violations
    for finding in result.findings:
        line = escape(finding.line())
        if finding.severity == "violation":
            shown.print(f"[red]violation[/red] {line}", highlight=False, soft_wrap=True)
        else:
            out.print(f"[yellow]warning[/yellow] {line}", highlight=False, soft_wrap=True)
    consistency = result.consistency
    if consistency is None:
        owl = "OWL consistency not checked (--no-reason)"
    else:
        verdict = "consistent" if consistency.consistent else "[red]inconsistent[/red]"
        owl = f"HermiT: {verdict} ({consistency.seconds:.1f} s)"
    verdict = "conforms" if result.conforms else "[red]does not conform[/red]"
    out.print(
        f"{escape(result.source)} {verdict}: {result.triples} triples, "
        f"{_count(len(result.violations), 'violation')}, "
        f"{_count(len(result.warnings), 'warning')}; {owl}",
        highlight=False,
        soft_wrap=True,
    )
    if not result.conforms:
        raise typer.Exit(EXIT_VIOLATIONS)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


@app.command("viz")
def viz(
    graph: Annotated[
        Path | None,
        typer.Argument(
            help="A graph file in any RDF syntax rdflib reads (chosen by suffix). "
            "Default: out/graph.ttl, the last build's output."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The page to write. Default: beside the graph, .html."),
    ] = None,
    focus: Annotated[
        str | None,
        typer.Option(help="Draw only this node and its neighbourhood: a label, alias or IRI."),
    ] = None,
    depth: Annotated[
        int, typer.Option(min=0, help="With --focus: how many links away from it to go.")
    ] = 1,
    types: Annotated[
        str | None,
        typer.Option(
            help="Only these types, comma-separated (Agency,PolicyDocument); "
            "the reports that mention them are drawn too."
        ),
    ] = None,
    report: Annotated[
        list[str] | None,
        typer.Option(
            help="Only this report and what it mentions: its file name, IRI, title or year. "
            "Repeat for more."
        ),
    ] = None,
    max_nodes: Annotated[
        int,
        typer.Option(
            min=0,
            help="Draw at most this many nodes, the most connected first; 0 for all. "
            "Past the default, browsers stop being responsive.",
        ),
    ] = DEFAULT_MAX_NODES,
    verbose: Verbose = False,
    quiet: Quiet = False,
) -> None:
    """Write the graph as an HTML page to explore, offline: search, filters by type and
    report, and for each node its links and the sentences of the reports that mention it."""
    from kg.viz import write_graph_page  # layout and drawing load only for this command

    _configure(verbose, quiet)
    view = View(
        focus=focus,
        depth=depth,
        types=tuple(t.strip() for t in (types or "").split(",") if t.strip()),
        reports=tuple(report or ()),
        max_nodes=max_nodes or None,
    )
    try:
        path, shown = write_graph_page(graph or LAST_BUILD, output, view=view)
    except SelectionError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except GovKGError as error:
        unbuilt = graph is None and not LAST_BUILD.exists()
        hint = " (run `kg build` first, or name a graph)" if unbuilt else ""
        err.print(f"[red]error:[/red] {escape(str(error))}{hint}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_NOTHING_BUILT) from None
    out.print(f"wrote {path} ({len(shown.nodes)} of {shown.matched} nodes)", highlight=False)
    if shown.notice:
        out.print(f"[yellow]{escape(shown.notice)}[/yellow]", highlight=False, soft_wrap=True)


app.command("query")(query_command)  # kg query and kg serve live in kg/cli_query.py
app.command("serve")(serve_command)
app.command("export")(export_command)  # kg export lives in kg/cli_export.py
app.command("push")(push_command)  # kg push lives in kg/cli_push.py
