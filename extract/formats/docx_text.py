"""A DOCX file → its body's paragraphs and tables, in document order.

Read with python-docx, walking the body's XML so that paragraphs and tables
keep their order; content controls (``w:sdt``) are read through. Headers,
footers and footnotes live in other parts of the package and are left out,
as page furniture is in a PDF. A merged cell is read once, where it starts:
a cell spanning columns (``w:gridSpan``) is one ``w:tc``, and the cells that
continue a vertical merge (``w:vMerge`` without ``restart``) are skipped.
Numbering Word adds by itself (list and heading numbers) is not text in the
file and is not rebuilt.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import lxml.etree
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from extract.errors import InputError
from extract.formats.rows import join_lines, row_line

_P = qn("w:p")
_TBL = qn("w:tbl")
_TR = qn("w:tr")
_TC = qn("w:tc")
_SDT = qn("w:sdt")
_SDT_CONTENT = qn("w:sdtContent")
_TC_PR = qn("w:tcPr")
_V_MERGE = qn("w:vMerge")
_VAL = qn("w:val")


def docx_text(data: bytes, path: Path | str) -> str:
    """The text of a DOCX file; ``InputError`` if it is damaged or holds no text."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, lxml.etree.XMLSyntaxError) as err:
        raise InputError(path, f"is a damaged DOCX file ({_reason(err)})") from None
    body = document.element.body
    lines = list(_block_lines(body, document))
    if not any(line.strip() for line in lines):
        raise InputError(path, "is a DOCX file without text in its body")
    return "\n".join(lines) + "\n"


def _block_lines(container: lxml.etree._Element, parent: object) -> Iterator[str]:
    for child in container:
        if child.tag == _P:
            yield Paragraph(child, parent).text  # type: ignore[arg-type]
        elif child.tag == _TBL:
            yield from _table_lines(Table(child, parent))  # type: ignore[arg-type]
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _block_lines(content, parent)


def _table_lines(table: Table) -> Iterator[str]:
    for tr in table._tbl.iterchildren(_TR):
        cells = [tc for tc in tr.iterchildren(_TC) if not _continues_vertical_merge(tc)]
        line = row_line([_cell_text(tc, table) for tc in cells])
        if line:
            yield line


def _cell_text(tc: lxml.etree._Element, table: Table) -> str:
    return join_lines(_block_lines(tc, table))


def _continues_vertical_merge(tc: lxml.etree._Element) -> bool:
    properties = tc.find(_TC_PR)
    merge = properties.find(_V_MERGE) if properties is not None else None
    return merge is not None and merge.get(_VAL, "continue") == "continue"


def _reason(err: Exception) -> str:
    if isinstance(err, KeyError):
        return str(err.args[0]) if err.args else "a part is missing"
    return str(err) or type(err).__name__
