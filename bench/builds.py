"""``kg build --store`` and ``kg export`` as a user runs them, timed, into fresh folders.

The options for parallel builds (``-j N --executor local|processes|dask``) are
read from ``kg build --help``, so this works with a kg that has them and with
one that does not (the figures that need them say "not available").
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from timed import KG, Timed, kg, run_timed

# Every format kg export writes; the RDF ones first. csv writes two files.
EXPORT_FORMATS = ("ttl", "nq", "trig", "nt", "jsonld", "xml", "graphml", "gexf", "csv")
_SUMMARY = re.compile(r"^\W*(?P<what>[\w ]+?)\s*[│|┃]\s*(?P<count>[\d.]+)\s*[│|┃]?\s*$", re.M)


@dataclass(frozen=True)
class BuildOptions:
    """What this kg's ``build`` command offers for parallel builds."""

    jobs: bool = False
    executors: tuple[str, ...] = ()

    def args(self, jobs: int | None, executor: str | None) -> list[str]:
        """The options for ``jobs`` workers on ``executor``; [] when kg lacks them."""
        made: list[str] = []
        if jobs is not None and self.jobs:
            made += ["-j", str(jobs)]
        if executor is not None and executor in self.executors:
            made += ["--executor", executor]
        return made

    def offers(self, executor: str) -> bool:
        return self.jobs and executor in self.executors


def build_options() -> BuildOptions:
    help_text = kg("build", "--help").stdout
    jobs = bool(re.search(r"(--jobs|\s-j[\s,])", help_text))
    executors: tuple[str, ...] = ()
    if "--executor" in help_text:
        executors = tuple(e for e in ("local", "processes", "dask") if e in help_text)
    return BuildOptions(jobs, executors)


@dataclass
class Build:
    """One ``kg build`` into a fresh store: its cost and what it made."""

    label: str
    reports: int
    seconds: float
    peak_rss: int
    triples: int
    summary: dict[str, float] = field(default_factory=dict)
    store: Path | None = None
    out: Path | None = None


def run_build(corpus: Path, work: Path, label: str, extra: list[str], *, reports: int) -> Build:
    """``kg build CORPUS --store WORK/store -o WORK/out [extra]`` from nothing."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    store, out = work / "store", work / "out"
    done: Timed = kg("build", corpus, "--store", store, "-o", out, *extra)
    summary = parse_summary(done.stdout)
    return Build(
        label=label,
        reports=int(summary.get("reports in store", reports)),
        seconds=done.seconds,
        peak_rss=done.peak_rss,
        triples=int(summary.get("triples", 0)),
        summary=summary,
        store=store,
        out=out,
    )


def parse_summary(printed: str) -> dict[str, float]:
    """The rows of the table ``kg build`` prints (reports in store, triples, seconds …)."""
    return {m["what"].strip(): float(m["count"]) for m in _SUMMARY.finditer(printed)}


@dataclass(frozen=True)
class Export:
    format: str
    seconds: float
    bytes: int
    lines: int  # statements, for the line-based formats (nq, nt); 0 otherwise


def run_exports(store: Path, folder: Path) -> list[Export]:
    """``kg export STORE -f FORMAT -o FILE`` for every format, each timed."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    made = []
    for fmt in EXPORT_FORMATS:
        target = folder / (fmt if fmt == "csv" else f"graph.{fmt}")
        done = kg("export", store, "-f", fmt, "-o", target, "-q")
        files = sorted(target.iterdir()) if target.is_dir() else [target]
        size = sum(f.stat().st_size for f in files if f.is_file())
        lines = _count_lines(target) if fmt in ("nq", "nt") else 0
        made.append(Export(fmt, done.seconds, size, lines))
    return made


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def oxigraph_dump(store: Path, folder: Path) -> Export:
    """pyoxigraph's own ``Store.dump`` of every quad as N-Quads: the speed to compare with."""
    import pyoxigraph as ox

    target = folder / "oxigraph-dump.nq"
    started = time.perf_counter()
    ox.Store.read_only(str(store)).dump(str(target), ox.RdfFormat.N_QUADS)
    seconds = time.perf_counter() - started
    return Export("oxigraph nq", seconds, target.stat().st_size, _count_lines(target))


def startup_seconds() -> float:
    """What starting ``python -m kg`` costs, included in every timed command."""
    return min(run_timed([*KG, "--help"]).seconds for _ in range(3))
