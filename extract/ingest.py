"""Read a report file into repaired text: bytes → text of its format → one block per line.

The format is told by content (``extract.formats.sniff``): plain text in any
encoding ``extract.decode`` reads, an HTML page, a PDF or a DOCX file. Each
reader gives plain text, which goes through the same layout repair, so every
format of a report yields the same text and mention offsets point into it.
The readers of PDF, DOCX and HTML, and their libraries, load only when needed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from extract.decode import check_length, decode_report
from extract.errors import InputError
from extract.formats.sniff import Format, sniff_format
from extract.layout import repair_layout


@dataclass(frozen=True, slots=True)
class SourceText:
    """A report's repaired text and where it came from."""

    name: str  # the file's base name
    path: str  # the path it was read from, as given
    sha256: str  # hex digest of the file's bytes
    text: str  # decoded, layout-repaired text; mention offsets point into it


def read_report(path: Path) -> SourceText:
    """Read, convert and repair one report file; ``InputError`` if it cannot be used."""
    data = _read_bytes(path)
    text = repair_layout(report_text(data, path))
    check_length(text, path)  # whatever the format: the pipeline's limit
    if not text:
        raise InputError(path, "contains no text once page numbers and blank lines are removed")
    return SourceText(
        name=path.name,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
    )


def report_text(data: bytes, path: Path | str) -> str:
    """The text of a report file's bytes in whichever format they are, before layout repair."""
    if not data:
        raise InputError(path, "is empty")
    reader = _READERS[sniff_format(data, path)]
    return reader(data, path)


def _html(data: bytes, path: Path | str) -> str:
    from extract.formats.html_text import html_text

    return html_text(data, path)


def _pdf(data: bytes, path: Path | str) -> str:
    from extract.formats.pdf_text import pdf_text

    return pdf_text(data, path)


def _docx(data: bytes, path: Path | str) -> str:
    from extract.formats.docx_text import docx_text

    return docx_text(data, path)


_READERS: dict[Format, Callable[[bytes, Path | str], str]] = {
    Format.TEXT: decode_report,
    Format.HTML: _html,
    Format.PDF: _pdf,
    Format.DOCX: _docx,
}


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
