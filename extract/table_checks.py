"""Whether a report's national tables add up: the identities (勾稽关系) the format implies.

表三 says it of itself (第一项加第二项之和，等于第三项加第四项之和), and its
总计 row and column are sums; 表四's 总计 cells are sums of their part. A pure
function over the report's table figures (``Statistic`` records, or the cells
they are made from, with their ``TablePosition``): every identity whose cells
were all read is checked, and each one broken gives a ``QualityNote`` with the
two sides, so that the figures are kept as published and researchers can see
which reports do not add up. An identity with a cell missing is not checked:
an unread cell is not a zero. Which rows and columns take part is data
(``national_table_rows.tsv``, ``national_table_columns.tsv``), the wording of
the notes too (``table_checks.tsv``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Protocol

from extract.numbers import plain
from extract.records import QualityNote, TablePosition
from extract.resources import table
from extract.table_layout import RowDef, row_defs, table3_columns, table4_columns

_Grid = dict[tuple[int, str, str], Decimal]  # (table, row, column) → value


class TableFigure(Protocol):
    """A ``Statistic`` record, or a table cell before it becomes one: a value and a place."""

    @property
    def value(self) -> Decimal: ...

    @property
    def position(self) -> TablePosition | None: ...


@dataclass(frozen=True, slots=True)
class _Wording:
    table: int
    name: str
    zh: str
    en: str


@cache
def _wordings() -> dict[str, _Wording]:
    return {
        row["check"]: _Wording(int(row["table"]), row["name"], row["zh"], row["en"])
        for row in table("table_checks.tsv")
    }


def check_tables(figures: Iterable[TableFigure]) -> tuple[QualityNote, ...]:
    """One note per identity of the national tables that the report's figures break."""
    grid: _Grid = {}
    for figure in figures:
        where = figure.position
        if where is not None:
            grid.setdefault((where.table, where.row, where.column), figure.value)
    if not grid:
        return ()
    return (
        *_balance(grid),
        *_outcome_sums(grid),
        *_applicant_sums(grid),
        *_table4_sums(grid),
    )


def _note(check: str, place: str, expected: Decimal, found: Decimal) -> QualityNote:
    wording = _wordings()[check]
    fields = {"place": place, "expected": plain(expected), "found": plain(found)}
    return QualityNote(
        check=check,
        table=wording.table,
        place=place,
        expected=plain(expected),
        found=plain(found),
        label=f"{wording.name}：{place}",
        comment_zh=wording.zh.format(**fields),
        comment_en=wording.en.format(**fields),
    )


def _sum(grid: _Grid, cells: Iterable[tuple[int, str, str]]) -> Decimal | None:
    """The sum of the cells, or None when one of them was not read."""
    total = Decimal(0)
    for cell in cells:
        if cell not in grid:
            return None
        total += grid[cell]
    return total


def _compare(
    check: str, place: str, expected: Decimal | None, found: Decimal | None
) -> Iterator[QualityNote]:
    if expected is not None and found is not None and expected != found:
        yield _note(check, place, expected, found)


@cache
def _table3_rows() -> tuple[RowDef, ...]:
    """表三's rows in template order, one per measure."""
    seen: dict[str, RowDef] = {}
    for row in row_defs():
        if row.table == 3:
            seen.setdefault(row.measure, row)
    return tuple(seen.values())


@cache
def _row_of(part: str) -> str:
    return next(row.measure for row in _table3_rows() if row.part == part)


def _balance(grid: _Grid) -> Iterator[QualityNote]:
    """一 + 二 = 三's 总计 + 四, column by column."""
    inflow, outflow = ("received", "carried_in"), ("answered", "carried_over")
    for column in table3_columns():
        expected = _sum(grid, ((3, _row_of(part), column.name) for part in inflow))
        found = _sum(grid, ((3, _row_of(part), column.name) for part in outflow))
        yield from _compare("table3-balance", column.name, expected, found)


@cache
def _outcome_versions() -> tuple[tuple[str, ...], ...]:
    """三's outcome rows in each version of the format, the latest first."""
    return tuple(
        tuple(
            row.measure
            for row in _table3_rows()
            if row.part == "outcome" and version in row.versions
        )
        for version in ("2021", "2019")
    )


def _outcome_rows(grid: _Grid, column: str) -> tuple[str, ...] | None:
    """三's outcome rows of the version whose rows were all read in the column."""
    for rows in _outcome_versions():
        if all((3, measure, column) in grid for measure in rows):
            return rows
    return None


def _outcome_sums(grid: _Grid) -> Iterator[QualityNote]:
    """三's 总计 = the sum of its outcome rows, column by column."""
    answered = _row_of("answered")
    for column in table3_columns():
        rows = _outcome_rows(grid, column.name)
        if rows is None:
            continue
        expected = _sum(grid, ((3, row, column.name) for row in rows))
        found = grid.get((3, answered, column.name))
        yield from _compare("table3-outcome-sum", column.name, expected, found)


def _applicant_sums(grid: _Grid) -> Iterator[QualityNote]:
    """总计 = 自然人 + the five kinds of 法人或其他组织, row by row."""
    parts = [column.name for column in table3_columns() if not column.total]
    total = next(column.name for column in table3_columns() if column.total)
    for row in _table3_rows():
        expected = _sum(grid, ((3, row.measure, column) for column in parts))
        found = grid.get((3, row.measure, total))
        yield from _compare("table3-applicant-sum", row.measure, expected, found)


def _table4_sums(grid: _Grid) -> Iterator[QualityNote]:
    """总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, part by part of 表四."""
    groups: dict[str, list[str]] = {}
    totals: dict[str, str] = {}
    for column in table4_columns():
        part = column.groups[0]
        if column.total:
            totals[part] = column.name
        else:
            groups.setdefault(part, []).append(column.name)
    for part, columns in groups.items():
        expected = _sum(grid, ((4, part, column) for column in columns))
        found = grid.get((4, part, totals[part]))
        yield from _compare("table4-sum", part, expected, found)
