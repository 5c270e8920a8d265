"""Write a file so that readers see the old content or the new, never half of either.

The data goes to a temporary file beside the target, is flushed to disk, and is
renamed over the target; the folder is flushed too, so that the rename outlives
a crash of the machine. A process killed before the rename leaves the old file
(and, killed hard, a hidden ``.NAME.*.tmp`` beside it); after it, the new one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over.

    The file gets the permissions a plain ``open`` would give (mkstemp's are owner-only).
    """
    with file_atomically(path) as handle:
        handle.write(data)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_text_atomically(path: Path, text: str) -> None:
    """UTF-8 text through ``write_bytes_atomically``."""
    write_bytes_atomically(path, text.encode("utf-8"))


@contextmanager
def file_atomically(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write in pieces; it replaces ``path`` only once it is complete.

    For outputs too large to hold as one ``bytes``; the same guarantees as
    ``write_bytes_atomically``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_current_umask())
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)
