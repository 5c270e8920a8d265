"""The project's error hierarchy: one clear line naming the file and the problem.

``kg.errors`` extends it; the CLI catches ``GovKGError`` and prints the message,
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path


class GovKGError(Exception):
    """Base of every error govkg raises on purpose."""


class InputError(GovKGError):
    """A file cannot be read as a report (missing, not text, undecodable)."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ExtractError(GovKGError):
    """The pipeline failed on a text it could read."""
