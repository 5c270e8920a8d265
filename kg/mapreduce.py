"""A build as map → reduce → map → load, whoever runs the maps (``kg.executors``).

Extraction of a report is independent of the others, but its graph is not:
identity (``kg.identity``) resolves documents and channels over the whole
corpus (an alias in one report joins two names in others), so an entity's
IRI can depend on reports the task never sees. A build therefore runs in
four steps, none of which holds the corpus in memory:

1. map, ``extract_task``: each file → its record, cached by content hash in
   the records folder, and its ``ReportFacts`` (names only) back to the driver;
2. reduce, in the driver: one ``Resolution`` over all the facts (cheap: names,
   no text), and for each report the identities its graph uses;
3. map, ``shard_task``: each report's record and identities → its N-Quads
   shard, named by content hash and identity fingerprint (``kg.shards``), so an
   unchanged report is not rewritten and a rerun does only what is missing;
4. load: the driver bulk-loads the shards into the store (``kg.store_write``)
   and writes the outputs from them (``kg.shard_export``).

The driver sorts by file name before anything whose result depends on order,
so every executor, any number of workers, any completion order, gives the
same bytes.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.records import ReportRecord
from kg.build_result import Failure
from kg.build_tasks import Extracted, ExtractJob, Sharded, ShardJob, extract_task, shard_task
from kg.executors import Executor
from kg.identity import ReportFacts, Resolution
from kg.manifest import fingerprint
from kg.shards import ShardFolder, shard_key

log = logging.getLogger(__name__)

Extract = Callable[[Path], ReportRecord]
Progress = Callable[[Path], None]


def one_per_name(files: Iterable[Path]) -> tuple[list[Path], list[Failure]]:
    """A report is known by its file name (its IRI comes from it): the first path of a name wins."""
    kept: dict[str, Path] = {}
    failures = []
    for path in sorted(files, key=lambda p: (p.name, str(p))):
        if path.name in kept:
            problem = f"has the same name as {kept[path.name]}; a report is known by its file name"
            failures.append(Failure(str(path), problem))
        else:
            kept[path.name] = path
    return sorted(kept.values()), failures


def extract_reports(
    executor: Executor,
    paths: Sequence[Path],
    folder: ShardFolder,
    *,
    extract: Extract,
    force: bool = False,
    on_file: Progress | None = None,
) -> tuple[dict[str, Extracted], list[Failure]]:
    """Step 1: every file's facts by report name (records go to ``folder``), and the failures."""
    jobs = [ExtractJob(str(path), str(folder.records), extract, force) for path in paths]
    found: dict[str, Extracted] = {}
    failures = []
    for done in executor.map(extract_task, jobs):
        if done.failure is not None:
            failures.append(done.failure)
            log.warning("%s: %s", done.failure.path, done.failure.problem)
        else:
            found[done.name] = done
        if on_file is not None:
            on_file(Path(done.path))
    return dict(sorted(found.items())), sorted(failures, key=lambda f: f.path)


def resolve(facts: Mapping[str, ReportFacts]) -> Resolution:
    """Step 2: identities over every report, in name order."""
    return Resolution(facts[name] for name in sorted(facts))


@dataclass(frozen=True, slots=True)
class Planned:
    """A report as the build writes it: its record, identities and shard."""

    name: str
    path: str  # where its file was read
    sha256: str
    record: str  # the record's file name
    facts: ReportFacts
    fingerprint: str
    key: str  # its shard's


def plan(
    name: str,
    path: str,
    sha256: str,
    record: str,
    facts: ReportFacts,
    resolution: Resolution,
    *,
    base: str,
    software: str,
) -> Planned:
    """The shard a report gets under ``resolution``."""
    mark = fingerprint(resolution.canons(facts))
    key = shard_key(name, sha256, base=base, software=software, fingerprint=mark)
    return Planned(name, path, sha256, record, facts, mark, key)


def write_shards(
    executor: Executor,
    reports: Sequence[Planned],
    resolution: Resolution,
    folder: ShardFolder,
    *,
    base: str,
    software: str,
) -> Iterator[Sharded]:
    """Step 3: the shards of ``reports`` that are missing, yielded as they are written."""
    jobs = [
        ShardJob(
            name=r.name,
            record=str(folder.records / r.record),
            sha256=r.sha256,
            shard=str(folder.shard(r.key)),
            base=base,
            software=software,
            canons=tuple(sorted(resolution.canons(r.facts).items())),
        )
        for r in sorted(reports, key=lambda r: r.name)
    ]
    yield from executor.map(shard_task, jobs)


def shard_reports(
    executor: Executor,
    reports: Sequence[Planned],
    resolution: Resolution,
    folder: ShardFolder,
    *,
    base: str,
    software: str,
    extract: Extract,
    failures: list[Failure],
) -> Iterator[Planned]:
    """Step 3, yielding each report once its shard is there (whatever the order).

    A report whose cached record is gone is extracted again, once; what still
    fails is added to ``failures``.
    """
    lost: list[Planned] = []
    by_name = {r.name: r for r in reports}
    for done in write_shards(executor, reports, resolution, folder, base=base, software=software):
        if done.lost:
            lost.append(by_name[done.name])
        else:
            yield by_name[done.name]
    if not lost:
        return
    found, failed = extract_reports(executor, [Path(r.path) for r in lost], folder, extract=extract)
    failures.extend(failed)
    again = []
    for report in lost:
        extracted = found.get(report.name)
        if extracted is None:
            continue
        if extracted.sha256 != report.sha256:
            failures.append(Failure(report.path, "changed while it was built; build again"))
            continue
        again.append(dataclasses.replace(report, record=extracted.record))
    retried = {r.name: r for r in again}
    for done in write_shards(executor, again, resolution, folder, base=base, software=software):
        if done.lost:
            problem = f"its record cannot be kept in {folder.records}"
            failures.append(Failure(retried[done.name].path, problem))
        else:
            yield retried[done.name]
