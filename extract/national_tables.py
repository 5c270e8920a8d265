"""The statistics tables of the national report format (2019 and 2021 versions).

A scan over the lines: header lines set the table and its columns, a row label
opens a row, the number cells after it (on its line or the next ones) are its
cells. 表二 cells map to the header's columns, 表三 keeps its 总计 column, 表四
is one row of 15 cells. Rows are found by their label text (``table_layout``),
glued digit runs are split only when the table's sums allow one reading
(``digit_runs``), empty cells are never figures, totals are never computed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from extract.national_cells import TableCell, table2_cells, table3_total, table4_cells
from extract.table_layout import (
    ColumnDef,
    RowDef,
    find_row,
    header_columns,
    mentions_table_words,
    row_word_count,
    table2_columns,
    table4_columns,
    table4_header,
)
from extract.table_tokens import Token, has_cell_separators, numeric_tail_start, tokens_of_line

_BLOCK = re.compile(r"第二十条第[（(]([一二三四五六七八九十]+)[）)]项")
_MAX_ROW_LINE = 80  # a line longer than this without cell separators is prose
_MAX_LABEL = 48  # the longest row label (2021 其他处理 sub-rows) with its numbering
_MIN_FLATTENED_ROWS = 3
_SENTENCE_PUNCTUATION = re.compile(r"[。；;！？，,]")
_NOTE = re.compile(r"[（(][^（()）]*[）)]")


@dataclass
class TableScan:
    cells: list[TableCell] = field(default_factory=list)
    lines: list[tuple[int, int]] = field(default_factory=list)  # table lines: not prose


@dataclass
class _State:
    mode: int = 0  # the table being read: 2, 3, 4 or 0 (none)
    block: str = ""
    columns: list[tuple[ColumnDef, bool]] = field(default_factory=list)
    row: RowDef | None = None
    values: list[Token] = field(default_factory=list)
    table4: list[Token] = field(default_factory=list)


def read_tables(text: str) -> TableScan:
    """Every table figure of the text, and the lines the tables occupy."""
    scan, state = TableScan(), _State()
    offset = 0
    for line in text.split("\n"):
        if _is_table_line(line, state):
            scan.lines.append((offset, offset + len(line)))
            _read_line(line, offset, state, scan)
        elif len(line.strip()) > 30:
            _close_row(state, scan)
            _close_table4(state, scan)
            state = _State()
        offset += len(line) + 1
    _close_row(state, scan)
    _close_table4(state, scan)
    return scan


def _is_table_line(line: str, state: _State) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if has_cell_separators(line) or numeric_tail_start(stripped) == 0:
        return True
    if len(stripped) > _MAX_ROW_LINE:
        return _flattened_table(stripped)
    if not mentions_table_words(stripped):
        return False
    if _BLOCK.search(stripped) or table4_header(stripped) or header_columns(stripped):
        return True
    head = stripped[: numeric_tail_start(stripped)]
    bare = _NOTE.sub("", head)
    if len(bare) > _MAX_LABEL or _SENTENCE_PUNCTUATION.search(bare):
        return False
    return find_row(head, _tables(state), strict=True) is not None


def _flattened_table(line: str) -> bool:
    """A whole table run into one line: several row labels, each followed by a bare
    number (予以公开 22 …, not the prose 予以公开42件)."""
    if row_word_count(line) < _MIN_FLATTENED_ROWS:
        return False
    tokens = tokens_of_line(line, 0)
    rows = 0
    for token, after in pairwise(tokens):
        if token.kind != "text" or after.kind != "number":
            continue
        bare = line[after.end : after.end + 1] in {"", " ", "\t", "\u3000"}
        if bare and find_row(token.text, frozenset({2, 3})) is not None:
            rows += 1
    return rows >= _MIN_FLATTENED_ROWS


def _tables(state: _State) -> frozenset[int]:
    return frozenset() if state.mode == 4 else frozenset({2, 3})


def _read_line(line: str, offset: int, state: _State, scan: TableScan) -> None:
    header = False  # the previous token was a table-2 column header
    for token in tokens_of_line(line, offset):
        if token.kind == "text":
            header = _take_text(token, state, scan, extend=header)
        else:
            header = False
            _take_number(token, state)
    if state.mode == 4 and _table4_row_complete(line, state.table4):
        _close_table4(state, scan)


def _table4_row_complete(line: str, values: list[Token]) -> bool:
    """A 表四 row ends with its line, unless its cells come one per line."""
    cells = len(table4_columns())
    glued = len(values) == 1 and len(values[0].text) >= cells
    return has_cell_separators(line) or len(values) >= cells or glued


def _take_text(token: Token, state: _State, scan: TableScan, *, extend: bool) -> bool:
    """Headers and row labels; True when the token named table-2 columns."""
    _close_row(state, scan)
    block = _BLOCK.search(token.text)
    if block:
        state.mode, state.block, state.columns = 2, block.group(1), []
    if table4_header(token.text):
        _close_table4(state, scan)
        state.mode = 4
        return False
    columns = header_columns(token.text)
    if columns:
        state.mode = 2
        state.columns = [*state.columns, *columns] if extend else columns
    row = find_row(token.text, _tables(state))
    if row is not None:
        state.row, state.values, state.mode = row, [], row.table
    return bool(columns) and row is None


def _take_number(token: Token, state: _State) -> None:
    if state.row is not None:
        state.values.append(token)
    elif state.mode == 4:
        state.table4.append(token)


def _close_row(state: _State, scan: TableScan) -> None:
    row, values = state.row, state.values
    state.row, state.values = None, []
    if row is None or not any(token.kind == "number" for token in values):
        return
    if row.table == 2:
        scan.cells.extend(table2_cells(row, values, _columns_for(row, values, state)))
    else:
        cell = table3_total(row, values)
        if cell is not None and (cell.value != 0 or row.zero):
            scan.cells.append(cell)


def _columns_for(
    row: RowDef, values: list[Token], state: _State
) -> list[tuple[ColumnDef, bool]] | None:
    """The header's columns when they are the row's block, else the block's defaults."""
    count = len(values)
    header = [c for c in state.columns if row.block in c[0].groups]
    if header and len(header) == len(state.columns) and count in {len(header), 1}:
        return header
    for version in sorted(row.versions):
        default = table2_columns(row.block, version)
        if default and count in {len(default), 1}:
            return [(column, False) for column in default]
    return None


def _close_table4(state: _State, scan: TableScan) -> None:
    values, state.table4 = state.table4, []
    scan.cells.extend(table4_cells(values))
