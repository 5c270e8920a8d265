"""The figures of the national tables' rows: which cell, what value, what unit.

表二 cells take the unit of their column (万元 → 元 × 10000), 表三 gives its
总计 cell, 表四 its fifteen cells; a lone glued digit run is split only when
the table's sums allow one reading (``digit_runs``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from extract.digit_runs import Group, split_digit_run
from extract.numbers import parse_arabic, plain
from extract.table_layout import ColumnDef, RowDef, table4_columns
from extract.table_tokens import Token

_TABLE3_CELLS = (Group(7, summed=True),)
_TABLE4_CELLS = (Group(5, summed=True),) * 3
_WAN = Decimal(10_000)


@dataclass(frozen=True, slots=True)
class TableCell:
    """One figure of a table; offsets point at the cell's digits."""

    start: int
    end: int
    value: Decimal
    unit: str
    measure: str
    code: str | None
    row: str  # the row label (or the table-4 part), to pair prose figures with cells
    principal: bool = False  # the report's one figure for its code (not a part of it)
    wording: tuple[str, ...] = ()  # words a prose figure of the cell uses (one of them)


def table2_cells(
    row: RowDef, values: list[Token], columns: list[tuple[ColumnDef, bool]] | None
) -> list[TableCell]:
    """Non-zero cells of a 表二 row, each in the unit of its column."""
    if columns is None:
        return []
    cells: list[TableCell] = []
    for (column, scaled), (start, end, number) in zip(
        columns, _cells(values, len(columns)), strict=False
    ):
        value = _value(number)
        if value is None or value == 0:
            continue
        if column.unit == "元" and (scaled or number.endswith("万元")):
            value = value * _WAN
        measure = f"{row.label}{column.name}"
        end = start + len(number.removesuffix("元").removesuffix("万"))
        cells.append(
            TableCell(
                start,
                end,
                plain(value),
                column.unit,
                measure,
                None,
                row.label,
                wording=column.wording,
            )
        )
    return cells


def _cells(values: list[Token], count: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell position; a lone glued run is split if it can be."""
    if len(values) == count:
        return [
            (t.start, t.end, t.text) if t.kind == "number" else (t.start, t.start, "")
            for t in values
        ]
    if len(values) == 1 and values[0].kind == "number":
        return _split(values[0], (Group(1, summed=False),) * count) or []
    return []


def _split(token: Token, groups: tuple[Group, ...]) -> list[tuple[int, int, str]] | None:
    digits = unicodedata.normalize("NFKC", token.text)
    parts = split_digit_run(digits, groups)
    if parts is None:
        return None
    out, pos = [], token.start
    for part in parts:
        width = len(str(part))
        out.append((pos, pos + width, str(part)))
        pos += width
    return out


def table3_total(row: RowDef, values: list[Token]) -> TableCell | None:
    """The 总计 cell of a 表三 row (the last of its seven cells)."""
    numbers = [t for t in values if t.kind == "number"]
    total: tuple[int, int, str] | None = None
    if len(values) == 7:
        last = values[-1]
        total = (last.start, last.end, last.text) if last.kind == "number" else None
    elif len(numbers) == 1:
        split = _split(numbers[0], _TABLE3_CELLS)
        if split:
            total = split[-1]
        elif numbers[0].explicit:
            total = (numbers[0].start, numbers[0].end, numbers[0].text)
    elif values[-1].kind == "number":
        total = (values[-1].start, values[-1].end, values[-1].text)
    value = _value(total[2]) if total else None
    if total is None or value is None:
        return None
    start, end = total[0], total[0] + len(total[2].removesuffix("元").removesuffix("万"))
    return TableCell(start, end, plain(value), "件", row.measure, row.code, row.label, row.zero)


def table4_cells(values: list[Token]) -> list[TableCell]:
    """Non-zero cells and coded totals of the 15-cell 表四 row."""
    columns = table4_columns()
    if not any(token.kind == "number" for token in values):
        return []
    out: list[TableCell] = []
    cells = _cells(values, len(columns))
    if not cells and len(values) == 1:
        cells = _split(values[0], _TABLE4_CELLS) or []
    for column, (start, end, number) in zip(columns, cells, strict=False):
        value = _value(number)
        if value is None or (value == 0 and column.code is None):
            continue
        measure = f"{column.groups[0]}{column.name}"
        out.append(
            TableCell(
                start,
                end,
                plain(value),
                column.unit,
                measure,
                column.code,
                column.groups[0],
                column.code is not None,
            )
        )
    return out


def _value(number: str) -> Decimal | None:
    if not number:
        return None
    return parse_arabic(number.removesuffix("万元").removesuffix("元"))
