"""The two tasks a build maps over its files, run by any executor (``kg.executors``).

Each task is a module-level function of a small frozen job, so that it
pickles to a worker process or a Dask worker, and it works through files
named by content hash, so that running it twice (a rerun, a lost worker)
gives the same files:

- ``extract_task``: a report file → its record, cached in the records folder
  (reused when the file's bytes are unchanged), and the names identity needs
  (``ReportFacts``). Only the facts travel back: the driver never holds the
  corpus's records.
- ``shard_task``: a cached record and the identities the corpus resolved for
  its documents and channels → the report's N-Quads shard (``kg.shards``).
  Only the shard's name and size travel back.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from extract.errors import GovKGError, InputError
from extract.records import ReportRecord
from kg.atomic import write_bytes_atomically
from kg.build_result import Failure
from kg.identity import Canon, ReportFacts, Resolution, report_facts
from kg.manifest import file_sha256
from kg.record_cache import load_record, record_file, save_record

Canons = tuple[tuple[tuple[str, str], Canon], ...]  # (kind, label) → node, as a sorted tuple


@dataclass(frozen=True, slots=True)
class ExtractJob:
    path: str
    records: str  # the records folder
    extract: Callable[[Path], ReportRecord]  # a module-level function, so that it pickles
    force: bool = False  # extract even when a record of these bytes is cached


@dataclass(frozen=True, slots=True)
class Extracted:
    """What the driver learns of one file: enough to resolve identities and find the record."""

    path: str
    name: str  # the report's source file name
    sha256: str = ""
    record: str = ""  # the record's file name in the records folder
    facts: ReportFacts | None = None
    cached: bool = False  # the record was there already: nothing was extracted
    failure: Failure | None = None


def extract_task(job: ExtractJob) -> Extracted:
    """Extract one file, or reuse its cached record; never raises for a bad file."""
    path, folder = Path(job.path), Path(job.records)
    try:
        sha256 = file_sha256(path)
    except OSError as error:
        return Extracted(job.path, path.name, failure=Failure(job.path, _unreadable(error)))
    name = record_file(path.name, sha256)
    record = None if job.force else load_record(folder, name, sha256)
    cached = record is not None
    if record is None:
        try:
            record = job.extract(path)
        except InputError as error:
            return Extracted(job.path, path.name, failure=Failure(error.path, error.problem))
        except GovKGError as error:
            return Extracted(job.path, path.name, failure=Failure(job.path, str(error)))
        except Exception as error:  # a bug on one file must not cost the user the others
            problem = f"internal error ({type(error).__name__}: {error}); please report this bug"
            return Extracted(job.path, path.name, failure=Failure(job.path, problem))
        name = save_record(folder, record)
    return Extracted(
        job.path, record.source_file, record.sha256, name, report_facts(record), cached
    )


def _unreadable(error: OSError) -> str:
    return f"cannot be read ({error.strerror or error})"


@dataclass(frozen=True, slots=True)
class ShardJob:
    name: str  # the report's source file name
    record: str  # the cached record's path
    sha256: str
    shard: str  # the shard's path
    base: str
    software: str
    canons: Canons


@dataclass(frozen=True, slots=True)
class Sharded:
    name: str
    shard: str
    written: bool  # False: a shard of that name was there already
    lost: bool = False  # the record was gone: extract the file again, then retry


class _Resolved(Resolution):
    """The identities the corpus resolved for one report, without the corpus."""

    def __init__(self, canons: Canons) -> None:
        self._fixed = dict(canons)

    def canons(self, facts: ReportFacts) -> dict[tuple[str, str], Canon]:
        return self._fixed


def shard_task(job: ShardJob) -> Sharded:
    """Write one report's shard from its record, unless a shard of that name exists."""
    from kg.report_graph import report_quads  # workers import the graph writer, not the driver

    target = Path(job.shard)
    if target.is_file():
        return Sharded(job.name, job.shard, written=False)
    record_path = Path(job.record)
    record = load_record(record_path.parent, record_path.name, job.sha256)
    if record is None:
        return Sharded(job.name, job.shard, written=False, lost=True)
    quads = report_quads(
        record, base=job.base, software=job.software, resolution=_Resolved(job.canons)
    )
    write_bytes_atomically(target, _distinct_lines(quads.nquads(job.base)))
    return Sharded(job.name, job.shard, written=True)


def _distinct_lines(data: bytes) -> bytes:
    """Sorted lines with any repeated line once (a report may state a triple twice)."""
    lines = data.splitlines(keepends=True)
    if all(a != b for a, b in itertools.pairwise(lines)):
        return data
    return b"".join(dict.fromkeys(lines))
