"""Run the ``kg`` command as a user would: a real subprocess, plain output, a fixed width."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_kg(
    *args: str | Path, cwd: Path, columns: int = 200, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``python -m kg ARGS`` in ``cwd``, without colour, tables ``columns`` wide."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": str(columns)}
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
