"""Read a report file into repaired text: bytes → decoded text → one block per line."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from extract.decode import decode_report
from extract.errors import InputError
from extract.layout import repair_layout


@dataclass(frozen=True, slots=True)
class SourceText:
    """A report's repaired text and where it came from."""

    name: str  # the file's base name
    path: str  # the path it was read from, as given
    sha256: str  # hex digest of the file's bytes
    text: str  # decoded, layout-repaired text; mention offsets point into it


def read_report(path: Path) -> SourceText:
    """Read, decode and repair one report file; ``InputError`` if it cannot be used."""
    data = _read_bytes(path)
    text = repair_layout(decode_report(data, path))
    if not text:
        raise InputError(path, "contains no text once page numbers and blank lines are removed")
    return SourceText(
        name=path.name,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
    )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a report file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as err:
        raise InputError(path, f"cannot be read ({err.strerror or err})") from None
