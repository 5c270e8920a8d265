"""The statistics tables of the national report format (2019 and 2021 versions).

A scan over the lines from the first that names a table word: header lines set
the table and its columns, a row label opens a row, the number cells after it
(on its line or the next ones) are its cells. Cells come joined by `` | `` or
tabs (text, HTML, PDF and DOCX tables), separated by spaces, flattened one per
line with the header cells first (a PDF or web copy), with labels wrapped over
several lines, or run into one line. 表二 cells map to the header's columns
(carried over the lines of a flattened header), 表三 rows give their seven
columns, 表四 is one row of 15 cells. Rows are found by their label text
(``table_layout``), glued digit runs are split only when the table's sums
allow one reading (``digit_runs``), empty cells are never figures, totals are
never computed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from extract.national_cells import TableCell, table2_cells, table3_cells, table4_cells
from extract.table_layout import (
    ColumnDef,
    RowDef,
    find_row,
    header_columns,
    in_wan_yuan,
    mentions_table_words,
    row_word_count,
    table2_columns,
    table4_columns,
    table4_header,
    tables_start,
)
from extract.table_tokens import (
    Token,
    fold,
    has_cell_separators,
    numeric_tail_start,
    strip_numbering,
    tokens_of_line,
)

_BLOCK = re.compile(r"第二十条第[（(]([一二三四五六七八九十]+)[）)]项")
_MAX_ROW_LINE = 80  # a line longer than this without cell separators is prose
_MAX_LABEL = 48  # the longest row label (2021 其他处理 sub-rows) with its numbering
_MAX_PROSE_IN_TABLE = 30  # a longer line that is not a table line ends the tables
_MIN_FLATTENED_ROWS = 3
_MAX_LABEL_RUN = 160  # the text kept to find a header or label cut into pieces
_SENTENCE_PUNCTUATION = re.compile(r"[。；;！？，,]")
_SENTENCE_END = re.compile(r"[。；;！？!?]")  # no label or header cell has these
_NOTE = re.compile(r"[（(][^（()）]*[）)]")
_DIGIT = re.compile(r"[0-9０-９]")


@dataclass
class TableScan:
    cells: list[TableCell] = field(default_factory=list)  # every cell with a figure
    lines: list[tuple[int, int]] = field(default_factory=list)  # table lines: not prose

    @property
    def figures(self) -> list[TableCell]:
        """The cells that are Statistics (ANNOTATION.md); the others serve the checks."""
        return [cell for cell in self.cells if cell.counted]


@dataclass
class _State:
    mode: int = 0  # the table being read: 2, 3, 4 or 0 (none)
    block: str = ""
    columns: list[tuple[ColumnDef, bool]] = field(default_factory=list)
    label: str = ""  # the text cells since the last figure: a header or a wrapped label
    header: bool = False  # table-2 columns were named since: more columns add to them
    row: RowDef | None = None
    values: list[Token] = field(default_factory=list)
    table4: list[Token] = field(default_factory=list)


def read_tables(text: str) -> TableScan:
    """Every table figure of the text, and the lines the tables occupy."""
    scan = TableScan()
    start = tables_start(text)
    if start is None:
        return scan
    state = _State()
    offset = start
    for line in text[start:].split("\n"):
        if _is_table_line(line, state):
            scan.lines.append((offset, offset + len(line)))
            _read_line(line, offset, state, scan)
        elif len(line.strip()) > _MAX_PROSE_IN_TABLE:
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
    head = stripped[: numeric_tail_start(stripped)]
    bare = _NOTE.sub("", head)
    if state.mode and len(bare) <= _MAX_LABEL and _continues_table(head, state):
        return True
    if not mentions_table_words(stripped):
        return False
    if _BLOCK.search(stripped) or table4_header(stripped) or header_columns(stripped):
        return True
    if len(bare) > _MAX_LABEL or _SENTENCE_PUNCTUATION.search(bare):
        return False
    return find_row(head, _tables(state), strict=True) is not None


def _continues_table(head: str, state: _State) -> bool:
    """Inside a table, a short line is a cell: a header, a label or a piece of a wrapped
    one (2.其他法律行政法规禁止公 / 开), unless it ends a sentence or has digits
    besides its numbering and names no row (a short line of prose)."""
    if _SENTENCE_END.search(head):
        return False
    if not _DIGIT.search(strip_numbering(fold(head))):
        return True
    return find_row(head, _tables(state)) is not None


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
    return _NO_TABLES if state.mode == 4 else _ROW_TABLES


_NO_TABLES: frozenset[int] = frozenset()
_ROW_TABLES = frozenset({2, 3})


def _read_line(line: str, offset: int, state: _State, scan: TableScan) -> None:
    for token in tokens_of_line(line, offset):
        if token.kind == "text":
            _take_text(token, state, scan)
        else:
            _take_number(token, state)
    if state.mode == 4 and _table4_row_complete(line, state.table4):
        _close_table4(state, scan)


def _table4_row_complete(line: str, values: list[Token]) -> bool:
    """A 表四 row ends with its line, unless its cells come one per line."""
    cells = len(table4_columns())
    glued = len(values) == 1 and len(values[0].text) >= cells
    return has_cell_separators(line) or len(values) >= cells or glued


def _take_text(token: Token, state: _State, scan: TableScan) -> None:
    """Headers and row labels, also when wrapped over several cells or lines; other
    text ends a row whose figures were read. The cell alone is looked up first (the
    template's labels, memoised); the text run since the last figure only when the
    cell alone names nothing."""
    text = token.text
    block = _BLOCK.search(text) if "第二十条" in text else None
    if block:
        _close_row(state, scan)
        state.mode, state.block, state.columns, state.label = 2, block.group(1), [], ""
        state.header = False
    label = (state.label + text)[-_MAX_LABEL_RUN:] if state.label else text
    run = label is not text  # the cell continues text cells before it
    if table4_header(text) or (run and table4_header(label)):
        _close_row(state, scan)
        _close_table4(state, scan)
        state.mode, state.label, state.header = 4, "", False
        return
    state.label = label
    tables = _tables(state)
    row = find_row(text, tables) or (find_row(label, tables) if run else None)
    columns = header_columns(text) or (header_columns(label) if run else ()) if row is None else ()
    if columns:
        _close_row(state, scan)
        state.columns = [*state.columns, *columns] if state.header else list(columns)
        state.mode, state.label, state.header = 2, _after_column(label, columns[-1][0]), True
    elif row is not None and row is not state.row:
        _close_row(state, scan)
        state.row, state.values, state.mode, state.header = row, [], row.table, False
    elif row is None and state.values:
        _close_row(state, scan)
    elif row is None and state.header and in_wan_yuan(fold(label)):
        state.columns[-1] = (state.columns[-1][0], True)  # …金额 / （单位：万元）


def _after_column(label: str, column: ColumnDef) -> str:
    """What follows the last column's name: the start of a note such as （单位：万元）."""
    folded = fold(label)
    return folded[folded.rfind(column.folded) + len(column.folded) :]


def _take_number(token: Token, state: _State) -> None:
    state.label, state.header = "", False
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
        scan.cells.extend(table3_cells(row, values))


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
