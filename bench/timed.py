"""Run a command as a user would and measure it: wall-clock seconds and peak memory.

Peak memory is the largest sum of the resident set sizes of the command and
all its descendants (worker processes, a dask cluster), sampled every 50 ms
with psutil: what the machine must hold at once, which ``ru_maxrss`` (the
largest single process) does not tell for a build that fans out.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

POLL_SECONDS = 0.05
KG = (sys.executable, "-m", "kg")


@dataclass(frozen=True)
class Timed:
    seconds: float
    peak_rss: int  # bytes, the process tree at its largest
    returncode: int
    stdout: str
    stderr: str


def run_timed(command: Sequence[str | Path], *, cwd: Path | None = None) -> Timed:
    """Run ``command`` to its end, polling the memory of its process tree meanwhile."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = [0]
    done = threading.Event()
    poller = threading.Thread(target=_poll, args=(process.pid, peak, done), daemon=True)
    poller.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    poller.join()
    return Timed(seconds, peak[0], process.returncode, stdout, stderr)


def _poll(pid: int, peak: list[int], done: threading.Event) -> None:
    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not done.is_set():
        peak[0] = max(peak[0], _tree_rss(root))
        done.wait(POLL_SECONDS)


def _tree_rss(root: psutil.Process) -> int:
    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def kg(*args: str | Path, cwd: Path | None = None) -> Timed:
    """``python -m kg ARGS``, timed; exits with kg's own message when it fails."""
    result = run_timed([*KG, *args], cwd=cwd)
    if result.returncode not in (0, 1):  # 1: some files skipped, the rest built
        command = " ".join(str(a) for a in ("kg", *args))
        sys.exit(f"bench: `{command}` failed ({result.returncode}):\n{result.stderr.strip()}")
    return result
