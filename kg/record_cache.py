"""Extracted records kept in a folder, so that a graph can be written again without extraction.

A build caches every record it extracts (by the source's name and SHA-256):
a rerun, a shard lost with its worker, or a graph rewritten because another
report moved an entity's identity (a new alias joins two channels) reads the
record instead of the file. Extraction is the slow part of a build, RDF
writing is not. A new record never overwrites one that the current store
generation still uses.

Records are pickled dataclasses, and a pickle of a slotted dataclass is its
field values in order: a record pickled before a field was added to
``extract.records`` would load with its values in the wrong fields. So the
file name also carries a fingerprint of the record classes' fields (and of
the govkg release, whose extraction made the record); when they change, the
old files are simply not found and the reports are extracted again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import pickle
from functools import cache
from importlib import metadata
from pathlib import Path

import extract.records as record_classes
from extract.records import ReportRecord
from kg.atomic import write_bytes_atomically

log = logging.getLogger(__name__)

FORMAT = 2


@cache
def schema() -> str:
    """A fingerprint of the govkg release (its extraction) and of every record class's fields."""
    shapes = sorted(
        (name, tuple(f.name for f in dataclasses.fields(cls)))
        for name, cls in vars(record_classes).items()
        if isinstance(cls, type) and dataclasses.is_dataclass(cls)
    )
    try:
        release = metadata.version("govkg")
    except metadata.PackageNotFoundError:
        release = "0+unknown"
    return hashlib.sha256(repr((FORMAT, release, shapes)).encode()).hexdigest()


def record_file(source_file: str, sha256: str) -> str:
    key = hashlib.sha256(f"{source_file}\0{sha256}\0{schema()}".encode()).hexdigest()
    return f"{key[:40]}.pickle"


def save_record(folder: Path, record: ReportRecord) -> str:
    name = record_file(record.source_file, record.sha256)
    path = folder / name
    if not path.exists():
        write_bytes_atomically(path, pickle.dumps((FORMAT, record), protocol=5))
    return name


def load_record(folder: Path, name: str, sha256: str) -> ReportRecord | None:
    """The cached record, or None when it is missing, unreadable or of other bytes."""
    try:
        fmt, record = pickle.loads((folder / name).read_bytes())  # only files we wrote
    except FileNotFoundError:
        return None
    except Exception as error:  # a damaged cache costs a re-extraction, never the build
        log.warning("%s: cached record unusable (%s)", folder / name, error)
        return None
    if fmt != FORMAT or not isinstance(record, ReportRecord) or record.sha256 != sha256:
        return None
    return record
