"""Which format a report file is in, from its first bytes; the file name only breaks ties.

PDF and DOCX carry magic numbers. HTML is text like any report, so it is told
by its tags: a document tag (``<!DOCTYPE html>``, ``<html>``, ``<head>``,
``<body>``) near the start, or, for a file named ``.html``, any common block
tag (a page fragment). Everything else is handed to the plain-text decoder,
which refuses binary files with a message of its own.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from enum import Enum
from pathlib import Path

from extract.errors import InputError


class Format(Enum):
    TEXT = "text"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


_HEAD_BYTES = 4096  # where the tags and magic numbers that tell a format are looked for
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_DOCX_MAIN_PART = "word/document.xml"
_HTML_SUFFIXES = frozenset({".htm", ".html", ".shtml", ".xhtml"})

_DOCUMENT_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<(?:p|div|table|br|h[1-6]|span|font|section|article)[\s>/]", re.I)
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def sniff_format(data: bytes, path: Path | str) -> Format:
    """The format of a report file's bytes; ``InputError`` for a ZIP that is no DOCX."""
    head = data[:_HEAD_BYTES]
    # the PDF header may follow some junk, within the first kilobyte (ISO 32000-1, 7.5.2)
    if _PDF_MAGIC in head[:1024]:
        return Format.PDF
    if head.startswith(_ZIP_MAGIC):
        _check_docx(data, path)
        return Format.DOCX
    return Format.HTML if _looks_like_html(head, Path(path).suffix.lower()) else Format.TEXT


def _check_docx(data: bytes, path: Path | str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError) as err:
        problem = f"is a damaged ZIP archive, not a readable DOCX file ({err})"
        raise InputError(path, problem) from None
    if _DOCX_MAIN_PART not in names:
        raise InputError(
            path, f"is a ZIP archive without {_DOCX_MAIN_PART}: not a Word (DOCX) document"
        )


def _looks_like_html(head: bytes, suffix: str) -> bool:
    text = _head_text(head)
    if _DOCUMENT_TAG.search(text):
        return True
    return suffix in _HTML_SUFFIXES and _BLOCK_TAG.search(text) is not None


def _head_text(head: bytes) -> str:
    """Enough of a decoding to find ASCII tags: UTF-16 by its BOM, else byte for byte."""
    for bom, codec in _UTF16_BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace")
    return head.decode("latin-1")
