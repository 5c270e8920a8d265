"""Splitting a run of digits that a flattened table glued together, only when unambiguous.

A row of the national format's tables that lost its cell borders reads
``200000121`` for 20 | 0 | 0 | 0 | 0 | 1 | 21. Such a run can be split back
only with what the table itself guarantees: the number of cells, that a cell
has no leading zero, and that a total cell is the sum of the cells before it
in its group. A run with no split or with more than one is left alone: the
extractor never invents a figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

_MAX_CELL_DIGITS = 9  # a count in these tables never has more digits


@dataclass(frozen=True, slots=True)
class Group:
    """``size`` cells; when ``summed``, the last cell is the sum of the others."""

    size: int
    summed: bool


def split_digit_run(run: str, groups: tuple[Group, ...]) -> tuple[int, ...] | None:
    """The only way to cut ``run`` into the groups' cells, or None (no way, or several)."""
    if not run.isdigit() or not groups:
        return None
    found: tuple[int, ...] | None = None
    for cells in _splits(run, 0, groups):
        if found is not None:
            return None  # a second reading: ambiguous
        found = cells
    return found


def _splits(run: str, pos: int, groups: tuple[Group, ...]) -> Iterator[tuple[int, ...]]:
    if not groups:
        if pos == len(run):
            yield ()
        return
    group, rest = groups[0], groups[1:]
    free = group.size - 1 if group.summed else group.size
    reserve = _min_length(rest) + (1 if group.summed else 0)
    for cells, end in _free_cells(run, pos, free, reserve):
        if not group.summed:
            for tail in _splits(run, end, rest):
                yield cells + tail
            continue
        total = str(sum(cells))
        if run.startswith(total, end):
            for tail in _splits(run, end + len(total), rest):
                yield (*cells, int(total), *tail)


def _free_cells(
    run: str, pos: int, count: int, reserve: int
) -> Iterator[tuple[tuple[int, ...], int]]:
    """Every way to read ``count`` cells from ``pos``, leaving at least ``reserve`` digits."""
    if count == 0:
        yield (), pos
        return
    limit = min(_MAX_CELL_DIGITS, len(run) - pos - reserve - (count - 1))
    for length in range(1, limit + 1):
        cell = run[pos : pos + length]
        if len(cell) > 1 and cell[0] == "0":
            break  # no leading zeros: longer cuts from here all start with 0
        for tail, end in _free_cells(run, pos + length, count - 1, reserve):
            yield (int(cell), *tail), end


def _min_length(groups: tuple[Group, ...]) -> int:
    return sum(group.size for group in groups)
