"""``kg build -o out`` killed with SIGKILL at random moments: every output is old or new, whole.

The outputs of a build of two reports are the "old" ones; a build of four reports
into a copy of them is killed (the command and its worker processes) at moments
spread over its run. After each kill, every output file must be byte for byte the
old one or the new one (builds are deterministic, so "new" is what a complete
build into another folder wrote), and the graph must load and answer a query. The
store's own kill test is tests/kg/test_incremental.py.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from samples import CORPUS, SAMPLES

from kg.api import load, query

OUTPUTS = ("graph.ttl", "graph.trig", "graph.html")
ATTEMPTS = 6


def kg_build(corpus: Path, out: Path) -> subprocess.Popen[bytes]:
    """The command in a session of its own, so that a kill reaches its workers too."""
    command = [sys.executable, "-m", "kg", "build", str(corpus), "-q", "-o", str(out)]
    return subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def snapshot(out: Path) -> dict[str, bytes | None]:
    return {name: (out / name).read_bytes() if (out / name).exists() else None for name in OUTPUTS}


def corpus_of(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def test_a_build_killed_at_any_moment_leaves_each_output_old_or_new(tmp_path: Path) -> None:
    small = corpus_of(tmp_path / "small", SAMPLES[:2])
    full = corpus_of(tmp_path / "full", SAMPLES)
    before = tmp_path / "before"
    assert kg_build(small, before).wait(timeout=300) == 0
    old = snapshot(before)
    after = tmp_path / "after"
    started = time.perf_counter()
    assert kg_build(full, after).wait(timeout=300) == 0
    duration = time.perf_counter() - started
    new = snapshot(after)
    written = [name for name in OUTPUTS if new[name] is not None]
    assert "graph.ttl" in written and "graph.html" in written
    assert all(old[name] != new[name] for name in written)

    rng = random.Random(10)
    states = []
    for attempt in range(ATTEMPTS):
        out = tmp_path / f"killed{attempt}"
        shutil.copytree(before, out)
        process = kg_build(full, out)
        time.sleep(duration * (0.2 + 0.9 * (attempt + rng.random()) / ATTEMPTS))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        state = snapshot(out)
        for name in written:
            assert state[name] in (old[name], new[name]), f"attempt {attempt}: {name} is torn"
        states.append(tuple(state[name] == new[name] for name in written))
        graph = load(out / "graph.ttl")
        titles = query(graph, "SELECT ?t WHERE { ?r a gkg:AnnualReport ; dcterms:title ?t }")
        assert len(titles) in (2, 4)
    assert any(not any(s) for s in states), "every kill came after the outputs were replaced"
