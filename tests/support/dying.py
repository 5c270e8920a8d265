"""An extraction that kills its worker process the first time it sees a file: a lost worker.

Importable by worker processes (tests/support is on the path pytest gives them),
so that a test can hand it to a build run by a process pool or a Dask cluster.
"""

from __future__ import annotations

import os
from pathlib import Path

from extract.records import ReportRecord


def die_once(path: Path, *, victim: str, markers: str) -> ReportRecord:
    """Extract ``path``; but for the file named ``victim``, first kill this process, once."""
    from kg.corpus import extract_file

    marker = Path(markers) / f"{path.name}.died"
    if path.name == victim and not marker.exists():
        marker.write_text(str(os.getpid()), encoding="utf-8")
        os._exit(17)  # no clean-up, no exception: the worker is simply gone
    return extract_file(path)
