"""One figure, one Statistic: pairing repeated mentions and prose with table cells.

ANNOTATION.md: a figure repeated in the text is one Statistic, and a figure the
prose and a table give with the same value for the same measure is one; two
figures that measure different things stay two even when equal (93件 received,
93件 answered). Mentions are paired only on evidence that they measure the
same thing: the same measure code (the table's own row for it), the table
row's label inside the prose phrase, the same counted noun, the same phrase,
or a value too specific to be a coincidence (80.62万卷 twice).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from extract.national_cells import TableCell
from extract.numbers import significant_digits
from extract.prose_statistics import ProseFigure
from extract.records import Statistic, TablePosition
from extract.table_tokens import fold

_MIN_MEASURE = 3  # shorter phrases (件, 办结) say too little to identify a figure


@dataclass
class FigureGroup:
    """The mentions of one Statistic and the payload they share."""

    value: Decimal
    unit: str
    measure: str
    code: str | None
    approximate: bool = False
    principal: bool = False  # a table row that is the report's figure for its code
    row: str = ""  # table row label ("" for prose)
    wording: tuple[str, ...] = ()  # words a prose figure of a table cell must use
    nouns: set[str] = field(default_factory=set)
    measures: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    from_table: bool = False
    fallbacks: set[str] = field(default_factory=set)
    position: TablePosition | None = None  # the national-table cell it was read from

    def statistic(self) -> Statistic:
        return Statistic(
            self.value, self.unit, self.approximate, self.measure, (), self.code, self.position
        )


def group_figures(cells: list[TableCell], prose: list[ProseFigure]) -> list[FigureGroup]:
    """Table cells first (each its own Statistic), then prose figures joined or added."""
    groups = [
        FigureGroup(
            value=cell.value,
            unit=cell.unit,
            measure=cell.measure,
            code=cell.code,
            principal=cell.principal,
            row=cell.row,
            wording=cell.wording,
            measures={cell.measure},
            mentions=[(cell.start, cell.end)],
            from_table=True,
            position=cell.position,
        )
        for cell in cells
    ]
    alike: dict[tuple[Decimal, str], list[FigureGroup]] = {}  # groups by value and unit
    for group in groups:
        alike.setdefault((group.value, group.unit), []).append(group)
    for figure in prose:
        same = alike.setdefault((figure.value, figure.unit), [])
        target = _table_match(same, figure) or _prose_match(same, figure)
        if target is None:
            target = FigureGroup(figure.value, figure.unit, figure.measure, figure.code)
            groups.append(target)
            same.append(target)
        target.mentions.append((figure.start, figure.end))
        target.approximate = target.approximate or figure.approximate
        target.code = target.code or figure.code
        target.measures.add(figure.measure)
        if figure.noun:
            target.nouns.add(figure.noun)
        if figure.fallback and not target.code:
            target.fallbacks.add(figure.fallback)
    _apply_fallbacks(groups)
    return groups


def _apply_fallbacks(groups: list[FigureGroup]) -> None:
    """A code no figure got goes to the first figure that had it withheld."""
    given = {group.code for group in groups}
    for group in groups:
        for code in sorted(group.fallbacks - given):
            if group.code is None:
                group.code = code
                given.add(code)


def _same_figure(group: FigureGroup, figure: ProseFigure) -> bool:
    if group.value != figure.value or group.unit != figure.unit:
        return False
    return not (group.code and figure.code and group.code != figure.code)


def _table_match(groups: list[FigureGroup], figure: ProseFigure) -> FigureGroup | None:
    for group in groups:
        if not group.from_table or not _same_figure(group, figure):
            continue
        if group.principal and figure.code == group.code:
            return group
        measure = fold(figure.measure)
        worded = not group.wording or any(word in measure for word in group.wording)
        if group.row and worded and _shares_wording(fold(group.row), measure):
            return group
    return None


def _prose_match(groups: list[FigureGroup], figure: ProseFigure) -> FigureGroup | None:
    for group in groups:
        if group.from_table or not _same_figure(group, figure):
            continue
        if figure.code and group.code == figure.code:
            return group
        same_words = len(figure.measure) >= _MIN_MEASURE and figure.measure in group.measures
        if same_words or (figure.noun and figure.noun in group.nouns):
            return group
        if _specific(figure.value) and figure.unit != "%":
            return group
    return None


def _shares_wording(row: str, measure: str) -> bool:
    """A common run of 4+ characters (规范性文件 for the row 行政规范性文件)."""
    need = min(4, len(row))
    return any(row[i : i + need] in measure for i in range(len(row) - need + 1))


def _specific(value: Decimal) -> bool:
    """A value unlikely to recur by chance: 80.62万 or 4.8万, not 1万, 150 or 40."""
    digits = significant_digits(value)
    return digits >= 3 or (digits >= 2 and abs(value) >= 1000)
