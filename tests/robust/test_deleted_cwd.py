"""``kg`` started in a folder that was deleted: one line and exit code 2, no traceback.

spaCy's import asks for the current folder (weasel calls ``Path.cwd()``), and the
default output ``out/`` is relative to it, so there is nothing sensible to build.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from samples import CORPUS


@pytest.mark.parametrize(
    "command", [["build", str(CORPUS), "-o", "/nonexistent-out"], ["query", "--list"]]
)
def test_kg_in_a_deleted_folder_says_so_in_one_line(tmp_path: Path, command: list[str]) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    kg = shlex.join([sys.executable, "-m", "kg", *command])
    script = f"cd {shlex.quote(str(gone))} && rmdir {shlex.quote(str(gone))} && exec {kg}"
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    result = subprocess.run(
        ["sh", "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: the current folder no longer exists (was it deleted?); cd to a folder that exists"
    ]
