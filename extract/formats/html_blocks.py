"""An HTML element → lines of text as a browser lays it out: a line per block and per table row.

Whitespace collapses as CSS says, including its rule for Chinese: a line break
between two wide characters in the source is dropped, not turned into a
space. A table holding data becomes rows of cells (a spanned cell once, in
the row it starts in, as the HTML has it); a table used for page layout (one
that nests tables or holds whole articles in a cell) is read cell by cell as blocks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from lxml.html import HtmlElement

from extract.formats.rows import join_lines, row_line
from extract.resources import table as resource_table

BLOCK_TAGS = frozenset(
    row["tag"] for row in resource_table("html_tags.tsv") if row["role"] == "block"
)
_TABLE_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
_CELLS = frozenset({"td", "th"})
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
_LAYOUT_CELL_CHARS = 300  # a cell this long that holds several lines is a page column


def tag_of(element: HtmlElement) -> str:
    """The lower-case tag name; '' for comments and processing instructions."""
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def is_block(element: HtmlElement) -> bool:
    return tag_of(element) in BLOCK_TAGS


def element_lines(elements: Iterable[HtmlElement]) -> list[str]:
    """The lines of text of *elements*, in order."""
    writer = _LineWriter()
    for element in elements:
        writer.block(element)
    return writer.lines


def collapse_whitespace(text: str) -> str:
    """HTML white-space collapsing, with CSS Text 3's segment-break rule for wide characters."""

    def replace(match: re.Match[str]) -> str:
        run = match.group()
        if "\n" in run or "\r" in run:
            before = text[match.start() - 1] if match.start() else ""
            after = text[match.end()] if match.end() < len(text) else ""
            if _is_wide(before) and _is_wide(after):
                return ""
        return " "

    return _COLLAPSIBLE.sub(replace, text).strip(" ")


class _LineWriter:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self._buffer: list[str] = []

    def block(self, element: HtmlElement) -> None:
        self._flush()
        self._walk(element)
        self._flush()

    def _walk(self, element: HtmlElement) -> None:
        tag = tag_of(element)
        if tag == "br":
            self._flush()
        elif tag == "table":
            self._flush()
            self._table(element)
        elif tag == "pre":
            self._flush()
            self.lines.extend(line for line in element.text_content().splitlines() if line.strip())
        elif tag in BLOCK_TAGS:
            self._flush()
            self._children(element)
            self._flush()
        elif tag:
            self._children(element)

    def _children(self, element: HtmlElement) -> None:
        if element.text:
            self._buffer.append(element.text)
        for child in element:
            self._walk(child)
            if child.tail:
                self._buffer.append(child.tail)

    def _flush(self) -> None:
        text = collapse_whitespace("".join(self._buffer))
        self._buffer.clear()
        if text.strip():
            self.lines.append(text)

    def _table(self, table: HtmlElement) -> None:
        rows = table_rows(table)
        if _is_layout_table(table, rows):
            for row in rows:
                for cell in row:
                    self.block(cell)
            return
        for caption in table.findall("caption"):
            self.block(caption)
        for row in rows:
            line = row_line([cell_line(cell) for cell in row])
            if line:
                self.lines.append(line)


def table_rows(table: HtmlElement) -> list[list[HtmlElement]]:
    """The cells of each row of *table* (not of the tables nested in it)."""
    rows: list[list[HtmlElement]] = []
    for child in table:
        if tag_of(child) in _TABLE_SECTIONS:
            rows.extend(_cells(tr) for tr in child if tag_of(tr) == "tr")
        elif tag_of(child) == "tr":
            rows.append(_cells(child))
    return rows


def cell_line(cell: HtmlElement) -> str:
    """A cell's text on one line: its blocks and line breaks rejoined."""
    return join_lines(element_lines([cell]))


def _cells(row: HtmlElement) -> list[HtmlElement]:
    return [cell for cell in row if tag_of(cell) in _CELLS]


def _is_layout_table(table: HtmlElement, rows: list[list[HtmlElement]]) -> bool:
    if any(tag_of(e) == "table" for e in table.iterdescendants()):
        return True
    return any(
        len(cell.text_content()) >= _LAYOUT_CELL_CHARS and len(element_lines([cell])) >= 2
        for row in rows
        for cell in row
    )


def _is_wide(c: str) -> bool:
    return bool(c) and unicodedata.east_asian_width(c) in ("W", "F", "H")
