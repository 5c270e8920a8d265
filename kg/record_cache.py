"""Extracted records kept beside a store, so that a graph can be rewritten without re-extraction.

When another report moves an entity's identity (a new alias joins two channels),
the graphs of unchanged reports that mention it are rewritten from their
cached records: extraction is the slow part of a build, RDF building is not.
Files are named by the source's name and SHA-256, so a new record never
overwrites one that the current store generation still uses.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from pathlib import Path

from extract.records import ReportRecord
from kg.atomic import write_bytes_atomically

log = logging.getLogger(__name__)

FORMAT = 1


def record_file(source_file: str, sha256: str) -> str:
    key = hashlib.sha256(f"{source_file}\0{sha256}".encode()).hexdigest()
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
    except Exception as error:  # a damaged cache costs a re-extraction, never the build
        log.warning("%s: cached record unusable (%s)", folder / name, error)
        return None
    if fmt != FORMAT or not isinstance(record, ReportRecord) or record.sha256 != sha256:
        return None
    return record
