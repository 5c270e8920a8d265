"""Build a corpus of report files into an output folder: the job ``kg build`` runs.

One path for every size: the files are extracted, resolved and written as
N-Quads shards by ``kg.mapreduce`` on the chosen executor (this process, a
pool of processes, a Dask cluster), and ``graph.ttl``, ``graph.trig`` and
``graph.html`` are written from the shards a graph at a time
(``kg.shard_export``), so no step holds the corpus's graph in memory. With a
``store`` folder the shards are also bulk-loaded into an on-disk Oxigraph
store that later builds update incrementally (``kg.incremental``).
Files that cannot be read are reported and skipped; the others are still built.
Outputs are written atomically, so a failed run never leaves half a file.
spaCy and the page renderer load only when needed, so that a build that finds
nothing to do starts fast.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from extract.errors import GovKGError, InputError
from extract.formats import REPORT_SUFFIXES
from extract.records import ReportRecord
from kg.build_result import ENTITY_CLASSES, BuildResult, Failure, StoreChanges
from kg.errors import GraphError
from kg.executors import Executor, make_executor
from kg.iri import DEFAULT_BASE, report_iri
from kg.shard_export import OUTPUT_NAMES
from kg.shards import IndexEntry, ShardFolder

log = logging.getLogger(__name__)

__all__ = ["BuildResult", "Failure", "StoreChanges", "build_corpus", "extract_all", "find_reports"]


def sample_reports() -> list[Path]:
    """The sample reports bundled with the package."""
    folder = resources.files("kg").joinpath("samples")
    return sorted(
        Path(str(folder.joinpath(item.name)))
        for item in folder.iterdir()
        if item.name.endswith(REPORT_SUFFIXES)
    )


def find_reports(
    paths: Iterable[Path], *, skip: Iterable[Path] = ()
) -> tuple[list[Path], list[Failure]]:
    """Report files under ``paths`` (folders recursively), sorted, and paths not read.

    A folder is searched for the suffixes govkg reads, in any case (``.PDF`` too),
    leaving out hidden folders and the folders ``skip`` (a build's own output and
    store, which may sit inside its input folder).
    """
    found: set[Path] = set()
    missing: list[Failure] = []
    skipped = {p.resolve() for p in skip}
    for path in paths:
        try:
            if path.is_dir():
                found.update(_reports_in(path, skipped, missing))
            elif path.exists():
                found.add(path)
            else:
                missing.append(Failure(str(path), "no such file or folder"))
        except OSError as error:  # a folder on the way that cannot be entered
            missing.append(Failure(str(path), (error.strerror or str(error)).lower()))
    return sorted(found), missing


def _reports_in(folder: Path, skipped: set[Path], unread: list[Failure]) -> Iterator[Path]:
    def refused(error: OSError) -> None:  # a subfolder that cannot be listed is said, not lost
        reason = (error.strerror or str(error)).lower()
        unread.append(Failure(str(error.filename or folder), reason))

    for root, folders, names in os.walk(folder, onerror=refused):
        here = Path(root)
        folders[:] = sorted(
            f for f in folders if not f.startswith(".") and (here / f).resolve() not in skipped
        )
        for name in names:
            if name.lower().endswith(REPORT_SUFFIXES) and not name.startswith("."):
                yield here / name


def extract_file(path: Path) -> ReportRecord:
    """``extract.pipeline.extract_file``, imported when first needed: a build that extracts
    nothing (an unchanged store) never loads spaCy."""
    from extract.pipeline import extract_file as extract

    return extract(path)


def extract_all(
    files: Sequence[Path], *, on_file: Callable[[Path], None] | None = None
) -> tuple[list[ReportRecord], list[Failure]]:
    """Extract every file in this process; a file that fails is logged and skipped."""
    records: list[ReportRecord] = []
    failures: list[Failure] = []
    for path in files:
        try:
            records.append(extract_file(path))
        except InputError as err:
            failures.append(Failure(err.path, err.problem))
            log.warning("%s", err)
        except GovKGError as err:
            failures.append(Failure(str(path), str(err)))
            log.warning("%s: %s", path, err)
        except Exception as err:  # a bug on one file must not cost the user the others
            problem = f"internal error ({type(err).__name__}: {err}); please report this bug"
            failures.append(Failure(str(path), problem))
            log.exception("%s: extraction failed", path)
        if on_file is not None:
            on_file(path)
    return records, failures


def build_corpus(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    base: str = DEFAULT_BASE,
    on_file: Callable[[Path], None] | None = None,
    files: Sequence[Path] | None = None,
    store: Path | None = None,
    prune: bool = False,
    force: bool = False,
    jobs: int = 1,
    executor: str | Executor | None = None,
    scheduler: str | None = None,
    shards: Path | None = None,
    extract: Callable[[Path], ReportRecord] | None = None,
) -> BuildResult:
    """Extract ``paths``; write ``graph.ttl``, ``graph.trig`` and ``graph.html`` into ``out_dir``.

    With ``store``, build into (or update) the Oxigraph store there; ``prune``
    drops the reports of files no longer given, ``force`` re-extracts all.
    ``executor`` (local, processes or dask; default: processes when ``jobs`` > 1)
    runs the work with ``jobs`` workers, or on the Dask ``scheduler``; the
    shards go to ``shards`` (needed with a scheduler: the workers write there).
    ``extract`` replaces the extraction (a module-level function, for workers to import).
    Nothing is written when no report could be built, so earlier outputs survive.
    """
    started = time.perf_counter()
    missing: list[Failure] = []
    if files is None:
        files, missing = find_reports(paths)
    if scheduler is not None and shards is None:
        raise GraphError("--scheduler needs --shards DIR, a folder the Dask workers share")
    runner = make_executor(executor, jobs, scheduler)
    extractor = extract or extract_file
    try:
        if store is not None:
            result = _build_store(
                files, out_dir, store, base, on_file, runner, shards, extractor, prune, force
            )
        else:
            result = _build_files(files, out_dir, base, on_file, runner, shards, extractor)
    finally:
        if runner is not executor:  # one the caller gave is the caller's to close
            runner.close()
    return _timed(result, (*missing, *result.failures), started)


def _timed(result: BuildResult, failures: Iterable[Failure], started: float) -> BuildResult:
    seconds = time.perf_counter() - started
    return dataclasses.replace(result, failures=tuple(failures), seconds=seconds)


@contextmanager
def _shard_folder(shards: Path | None, out_dir: Path) -> Iterator[ShardFolder]:
    """``shards``, or a temporary folder beside the outputs (removed afterwards)."""
    if shards is not None:
        folder = ShardFolder(shards)
        folder.prepare()
        yield folder
        return
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise GraphError(f"{out_dir}: cannot make the output folder ({error})") from None
    with tempfile.TemporaryDirectory(prefix=".govkg-shards-", dir=out_dir) as temporary:
        folder = ShardFolder(Path(temporary))
        folder.prepare()
        yield folder


def _build_files(
    files: Sequence[Path],
    out_dir: Path,
    base: str,
    on_file: Callable[[Path], None] | None,
    executor: Executor,
    shards: Path | None,
    extract: Callable[[Path], ReportRecord],
) -> BuildResult:
    """Map, reduce, map (``kg.mapreduce``), then the outputs from the shards."""
    from kg.mapreduce import extract_reports, one_per_name, plan, resolve, shard_reports
    from kg.report_graph import software_version
    from kg.shard_export import write_outputs

    unique, duplicates = one_per_name(files)
    software = software_version()
    with _shard_folder(shards, out_dir) as folder:
        found, failures = extract_reports(
            executor, unique, folder, extract=extract, on_file=on_file
        )
        failures = [*duplicates, *failures]
        if not found:
            return BuildResult(0, tuple(failures))
        facts = {name: e.facts for name, e in found.items() if e.facts is not None}
        resolution = resolve(facts)
        planned = [
            plan(
                name,
                e.path,
                e.sha256,
                e.record,
                facts[name],
                resolution,
                base=base,
                software=software,
            )
            for name, e in found.items()
        ]
        done = sorted(
            shard_reports(
                executor,
                planned,
                resolution,
                folder,
                base=base,
                software=software,
                extract=extract,
                failures=failures,
            ),
            key=lambda r: r.name,
        )
        if not done:
            return BuildResult(0, tuple(failures))
        graphs = {str(report_iri(base, r.name)): r for r in done}
        shard_files = {g: folder.shard(r.key) for g, r in graphs.items()}
        tally = write_outputs(shard_files, base, out_dir, executor=executor)
        if shards is not None:
            index = {r.name: IndexEntry(r.key, g, r.sha256) for g, r in graphs.items()}
            folder.write_index(index, base=base, software=software)
            folder.collect({r.key for r in done}, {r.record for r in done})
    return BuildResult(
        reports=len(done),
        failures=tuple(failures),
        entities=tally.entities,
        triples=tally.triples,
        outputs=tuple(out_dir / name for name in OUTPUT_NAMES),
    )


def _build_store(
    files: Sequence[Path],
    out_dir: Path,
    store: Path,
    base: str,
    on_file: Callable[[Path], None] | None,
    executor: Executor,
    shards: Path | None,
    extract: Callable[[Path], ReportRecord],
    prune: bool,
    force: bool,
) -> BuildResult:
    """Update the store, and the outputs from its shards unless they are up to date."""
    from kg.incremental import build_store

    built = build_store(
        files,
        store,
        out_dir,
        base=base,
        extract=extract,
        executor=executor,
        shards=shards,
        prune=prune,
        force=force,
        on_file=on_file,
    )
    manifest = built.manifest
    stats = dict(manifest.stats)
    return BuildResult(
        reports=len(manifest.entries),
        failures=built.failures,
        entities={name: stats.get(name, 0) for name in ENTITY_CLASSES},
        triples=stats.get("triples", 0),
        outputs=tuple(out_dir / name for name in OUTPUT_NAMES) if manifest.entries else (),
        store=built.changes,
        outputs_written=built.outputs_written,
    )
