"""The cells of the national tables' rows: which cell, what value, what unit.

Every cell with a figure is read, zeros and all 表三 columns included, so that
the tables' arithmetic can be checked (``extract.table_checks``); ``counted``
marks the cells that are Statistics by ANNOTATION.md: non-zero cells, 表三's
总计 column only, and zero cells that carry a measure code. 表二 cells take the
unit of their column (万元 → 元 × 10000); a lone glued digit run is split only
when the table's sums allow one reading (``digit_runs``); an empty cell is
never a figure.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from extract.digit_runs import Group, split_digit_run
from extract.numbers import parse_arabic, plain
from extract.records import Mention, Statistic, TablePosition
from extract.table_layout import ColumnDef, RowDef, table3_columns, table4_columns
from extract.table_tokens import Token

_TABLE3_CELLS = (Group(7, summed=True),)
_TABLE4_CELLS = (Group(5, summed=True),) * 3
_WAN = Decimal(10_000)
_Cell = tuple[int, int, str]  # start, end, text of one cell position ("" = empty)


class TableCell(NamedTuple):
    """One figure of a table; offsets point at the cell's digits (a tuple: a report's
    tables have hundreds)."""

    start: int
    end: int
    value: Decimal
    unit: str
    measure: str
    code: str | None
    row: str  # the row label (or the table-4 part), to pair prose figures with cells
    principal: bool = False  # the report's one figure for its code (not a part of it)
    wording: tuple[str, ...] = ()  # words a prose figure of the cell uses (one of them)
    position: TablePosition | None = None  # national tables: table, row and column
    counted: bool = True  # a Statistic by ANNOTATION.md (else read for the checks only)

    def statistic(self, text: str) -> Statistic:
        """The cell as a Statistic record, its mention into ``text``."""
        mention = Mention(self.start, self.end, text[self.start : self.end])
        return Statistic(
            self.value, self.unit, False, self.measure, (mention,), self.code, self.position
        )


def table2_cells(
    row: RowDef, values: list[Token], columns: list[tuple[ColumnDef, bool]] | None
) -> list[TableCell]:
    """The cells of a 表二 row, each in the unit of its column; zeros are not counted."""
    if columns is None:
        return []
    cells: list[TableCell] = []
    for (column, scaled), (start, end, number) in zip(
        columns, _cells(values, len(columns)), strict=False
    ):
        value = _value(number)
        if value is None:
            continue
        if column.unit == "元" and (scaled or number.endswith("万元")):
            value = plain(value * _WAN)
        end = start + len(number.removesuffix("元").removesuffix("万"))
        cells.append(
            TableCell(
                start,
                end,
                value,
                column.unit,
                f"{row.label}{column.name}",
                None,
                row.label,
                wording=column.wording,
                position=_position(2, row.label, column.name),
                counted=value != 0,
            )
        )
    return cells


def _cells(values: list[Token], count: int) -> list[_Cell]:
    """(start, end, text) of each cell position; a lone glued run is split if it can be."""
    if len(values) == count:
        return [
            (t.start, t.end, t.text) if t.kind == "number" else (t.start, t.start, "")
            for t in values
        ]
    if len(values) == 1 and values[0].kind == "number":
        return _split(values[0], (Group(1, summed=False),) * count) or []
    return []


def _split(token: Token, groups: tuple[Group, ...]) -> list[_Cell] | None:
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


def table3_cells(row: RowDef, values: list[Token]) -> list[TableCell]:
    """The cells of a 表三 row: all seven when the row has seven, else its 总计 alone."""
    places = _table3_places(row)
    cells = _table3_positions(values, len(places))
    if len(cells) != len(places):
        if not cells:
            return []
        places, cells = places[-1:], cells[-1:]
    out: list[TableCell] = []
    for (measure, unit, code, principal, position, total), (start, _end, number) in zip(
        places, cells, strict=True
    ):
        value = _value(number)
        if value is not None:
            end = start + len(number.removesuffix("元").removesuffix("万"))
            counted = total and (value != 0 or principal)
            out.append(
                TableCell(
                    start,
                    end,
                    value,
                    unit,
                    measure,
                    code,
                    row.label,
                    principal,
                    (),
                    position,
                    counted,
                )
            )
    return out


_Place = tuple[str, str, str | None, bool, TablePosition, bool]  # measure, unit, code, …


@lru_cache(maxsize=256)
def _table3_places(row: RowDef) -> tuple[_Place, ...]:
    """What each of a 表三 row's cells is (the same in every report): measure, code, …"""
    return tuple(
        (
            row.measure if column.total else f"{row.measure}（{column.name}）",
            column.unit,
            row.code if column.total else None,
            row.zero and column.total,
            TablePosition(3, row.measure, column.name),
            column.total,
        )
        for column in table3_columns()
    )


def _table3_positions(values: list[Token], count: int) -> list[_Cell]:
    """Seven cell positions, or one (the 总计) when the row gives fewer figures."""
    if len(values) == count:
        return _cells(values, count)
    numbers = [t for t in values if t.kind == "number"]
    if len(numbers) == 1:
        split = _split(numbers[0], _TABLE3_CELLS)
        if split:
            return split
        return [(numbers[0].start, numbers[0].end, numbers[0].text)] if numbers[0].explicit else []
    last = values[-1] if values else None
    return [(last.start, last.end, last.text)] if last and last.kind == "number" else []


def table4_cells(values: list[Token]) -> list[TableCell]:
    """The cells of the 15-cell 表四 row; zeros are counted only where coded (the totals)."""
    columns = table4_columns()
    if not any(token.kind == "number" for token in values):
        return []
    out: list[TableCell] = []
    cells = _cells(values, len(columns))
    if not cells and len(values) == 1:
        cells = _split(values[0], _TABLE4_CELLS) or []
    for column, (start, end, number) in zip(columns, cells, strict=False):
        value = _value(number)
        if value is None:
            continue
        part = column.groups[0]
        out.append(
            TableCell(
                start,
                end,
                value,
                column.unit,
                f"{part}{column.name}",
                column.code,
                part,
                column.code is not None,
                position=_position(4, part, column.name),
                counted=value != 0 or column.code is not None,
            )
        )
    return out


@lru_cache(maxsize=4096)
def _value(number: str) -> Decimal | None:
    """The plain value of a cell's text (memoised: most cells are 0, 1, 2 …)."""
    if not number:
        return None
    value = parse_arabic(number.removesuffix("万元").removesuffix("元"))
    return None if value is None else plain(value)


@lru_cache(maxsize=4096)
def _position(table: int, row: str, column: str) -> TablePosition:
    return TablePosition(table, row, column)
