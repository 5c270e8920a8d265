"""The consoles every ``kg`` command prints to, and the one way a command fails.

Shared so that ``kg --quiet`` quiets every command and errors look alike:
one red line on stderr and an exit code scripts can trust.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

out = Console()
err = Console(stderr=True)


def fail(message: str, code: int) -> typer.Exit:
    """Print ``message`` as one error line; return the Exit for the caller to raise."""
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)
