"""Time a corpus build's parts at scale: parallel extraction, store loading, exports, the page.

    python bench/build_scale.py [--reports 200] [--jobs 1 2] [--keep DIR]

The bundled samples are copied under varied names up to ``--reports`` files.
Then:

1. ``kg build`` runs in a subprocess once per ``--jobs`` value (a fresh shards
   folder each time): wall-clock and CPU seconds (the workers' included),
   reports per second, the peak RSS of the largest process; the outputs of
   every run must be byte-identical.
2. From the shards of the first run, in this process: Oxigraph's bulk load of
   the shards into a new store (``kg.store_write``), the sorted exports written
   from the shards (``kg.shard_export``: Turtle, TriG, N-Quads) and from the
   store (``kg.stream_export``), against ``Store.dump`` of the same store in
   N-Quads, unsorted; and the page. Each in triples (quads) per second.

CPU seconds are printed beside wall-clock ones: on a shared machine the
wall clock measures the neighbours too.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "kg" / "samples"
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html")


def make_corpus(folder: Path, reports: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    samples = sorted(SAMPLES.glob("*.txt"))
    made = []
    for i in range(reports):
        sample = samples[i % len(samples)]
        path = folder / f"{sample.stem}-copy{i // len(samples):05d}.txt"
        if not path.exists():
            path.write_bytes(sample.read_bytes())
        made.append(path)
    return made


def run_build(corpus: Path, out: Path, shards: Path, jobs: int) -> dict[str, float]:
    """Run ``kg build``, sampling its process tree (the pool's workers are grandchildren)."""
    import psutil

    command = [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out)]
    command += ["--shards", str(shards), "-j", str(jobs), "-q"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(process.pid)
    cpu: dict[int, float] = {}
    peak = peak_total = 0
    while process.poll() is None:
        total = 0
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for member in tree:
            try:
                times, rss = member.cpu_times(), member.memory_info().rss
            except psutil.NoSuchProcess:
                continue
            cpu[member.pid] = times.user + times.system
            peak, total = max(peak, rss), total + rss
        peak_total = max(peak_total, total)
        time.sleep(0.2)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        problem = process.stderr.read().decode() if process.stderr is not None else ""
        sys.exit(f"kg build failed ({process.returncode}):\n{problem}")
    return {
        "wall": wall,
        "cpu": sum(cpu.values()),
        "peak_mb": peak / 2**20,
        "tree_mb": peak_total / 2**20,
    }


def timed(work: Callable[[], Any]) -> tuple[Any, float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>10,.0f}/s" if seconds > 0 else "         -"


def parts(shards: Path, work: Path) -> None:
    """Load, exports and page from the shards of a finished build (its index.json)."""
    import pyoxigraph as ox

    from kg.export_rdf import SYNTAXES
    from kg.iri import DEFAULT_BASE
    from kg.page_stream import write_page_from_runs
    from kg.shard_export import shard_runs
    from kg.shards import ShardFolder
    from kg.store_write import load_shards
    from kg.stream_export import store_runs, write_rdf

    folder = ShardFolder(shards)
    index = folder.read_index()
    graphs = {e.graph: folder.shard(e.shard) for e in index.values()}
    quads = sum(p.read_bytes().count(b"\n") for p in graphs.values())
    store_dir, said_dir = work / "store", work / "said"
    shutil.rmtree(store_dir, ignore_errors=True)
    shutil.rmtree(said_dir, ignore_errors=True)
    add = sorted(graphs.items())
    _, wall, cpu = timed(
        lambda: load_shards((store_dir, said_dir), base=DEFAULT_BASE, remove=[], add=add)
    )
    print(f"bulk load of {len(add)} shards   {rate(quads, wall)} wall {rate(quads, cpu)} cpu")
    store = ox.Store.read_only(str(store_dir))
    count = len(store)
    _, wall, cpu = timed(lambda: store.dump(work / "dump.nq", ox.RdfFormat.N_QUADS))
    print(f"Store.dump N-Quads (unsorted)  {rate(count, wall)} wall {rate(count, cpu)} cpu")
    for name in ("nq", "ttl", "trig"):

        def export(syntax: str = name) -> Any:
            target = work / f"from-shards.{syntax}"
            runs = shard_runs(graphs, DEFAULT_BASE)
            return write_rdf(runs, target, SYNTAXES[syntax], prefixes=_prefixes())

        written, wall, cpu = timed(export)
        n = written.statements
        print(f"sorted {name:<5} from shards      {rate(n, wall)} wall {rate(n, cpu)} cpu")
    written, wall, cpu = timed(
        lambda: write_rdf(store_runs(store), work / "from-store.nq", SYNTAXES["nq"])
    )
    n = written.statements
    print(f"sorted nq    from the store    {rate(n, wall)} wall {rate(n, cpu)} cpu")
    same = (work / "from-store.nq").read_bytes() == (work / "from-shards.nq").read_bytes()
    print(f"  store and shards give the same N-Quads: {same}")
    _, wall, cpu = timed(
        lambda: write_page_from_runs(shard_runs(graphs, DEFAULT_BASE), work / "page.html")
    )
    print(f"page from shards               {wall:8.1f} s wall {cpu:8.1f} s cpu")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (load, exports, page): {peak:,.0f} MB")


def _prefixes() -> dict[str, str]:
    from kg.export import COMMON_PREFIXES

    return COMMON_PREFIXES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", type=Path, help="work here and keep the files")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="govkg-scale-"))
    try:
        files = make_corpus(work / "corpus", args.reports)
        size = sum(f.stat().st_size for f in files) / 1e6
        print(f"{len(files)} reports, {size:.1f} MB; {os.cpu_count()} cores")
        first: dict[str, bytes] = {}
        for jobs in args.jobs:
            out, shards = work / f"out-j{jobs}", work / f"shards-j{jobs}"
            shutil.rmtree(shards, ignore_errors=True)
            figures = run_build(work / "corpus", out, shards, jobs)
            print(
                f"kg build -j {jobs}: {figures['wall']:7.1f} s wall, {figures['cpu']:7.1f} s cpu, "
                f"{len(files) / figures['wall']:6.2f} reports/s wall, "
                f"{len(files) / figures['cpu']:6.2f} reports/cpu-s; peak RSS "
                f"{figures['peak_mb']:,.0f} MB (one process), {figures['tree_mb']:,.0f} MB (all)"
            )
            outputs = {name: (out / name).read_bytes() for name in OUTPUTS}
            if first and outputs != first:
                sys.exit(f"-j {jobs} wrote other bytes than -j {args.jobs[0]}")
            first = first or outputs
        parts(work / f"shards-j{args.jobs[0]}", work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
