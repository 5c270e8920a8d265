"""``kg push``: argument parsing and printing only; ``kg.push`` and ``kg.remote`` do the work.

Exit codes: 0 every graph pushed; 2 wrong usage; 3 the source cannot be read
or the remote store cannot be reached or refuses a graph.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from extract.errors import GovKGError
from kg.cli_output import err, fail, out
from kg.remote import DEFAULT_TIMEOUT, PASSWORD_VARIABLE

EXIT_USAGE, EXIT_FAILED = 2, 3
LAST_BUILD = Path("out/graph.trig")

UserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        help=f"User for HTTP Basic authentication; the password is read from {PASSWORD_VARIABLE}.",
    ),
]
TimeoutOption = Annotated[
    float,
    typer.Option("--timeout", help="Seconds to wait for the server to connect or answer."),
]


def password_for(user: str | None) -> str:
    """The password of ``user`` from the environment; asking for it on the command line
    would leave it in the shell history and the process list."""
    if user is None:
        return ""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        raise fail(
            f"--user {user} needs the password in the {PASSWORD_VARIABLE} variable", EXIT_USAGE
        )
    return password


def push_command(
    source: Annotated[
        Path | None,
        typer.Argument(
            help="A store folder (kg build --store DIR), a TriG or N-Quads file, or a folder "
            "of .nq/.trig files. Default: out/graph.trig, the last build's output."
        ),
    ] = None,
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            "-e",
            help="The Graph Store Protocol URL: Oxigraph http://HOST:7878/store, "
            "Fuseki http://HOST:3030/DATASET/data, "
            "GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service.",
        ),
    ] = "",
    user: UserOption = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
) -> None:
    """PUT every named graph (one per report, and the shared graph) to a remote SPARQL store.

    Each PUT replaces the graph of the same name, so pushing again is harmless and
    a rebuilt report replaces its old statements.
    """
    from kg.push import push  # pyoxigraph and http.client load only for this command

    if not endpoint:
        raise fail(
            "name the remote store: --endpoint URL (kg push --help shows examples)", EXIT_USAGE
        )
    path = source or LAST_BUILD
    if source is None and not path.exists():
        raise fail(f"no graph at {path} (run `kg build` first, or name a store or file)", 3)
    password = password_for(user)
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
            disable=out.quiet,
        ) as progress:
            task = progress.add_task("pushing", total=None)
            result = push(
                path,
                endpoint,
                user=user,
                password=password,
                timeout=timeout,
                on_graph=lambda _name, _triples: progress.advance(task),
            )
    except GovKGError as error:
        raise fail(str(error), EXIT_FAILED) from None
    out.print(
        f"pushed {result.graphs} graphs, {result.triples} triples to {endpoint} "
        f"in {result.seconds:.2f} s ({result.triples_per_second:,.0f} triples/s)",
        highlight=False,
        soft_wrap=True,
    )
