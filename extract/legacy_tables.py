"""The statistics table of the pre-2019 reports: rows of indicator | unit | figure.

Before the 2019 format, reports ended with a 政府信息公开情况统计表 whose rows
name an indicator, its unit and the figure (（一）收到申请数 | 件 | 47). The
unit column makes such rows recognisable whatever the indicator: any row whose
middle cell is a measure word is one figure. Its code comes from the same cue
table as the prose (the label speaks for itself; 其中… rows are parts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from extract.figure_words import figure_words
from extract.measure_codes import code_of_label, is_total_code
from extract.national_cells import TableCell
from extract.numbers import parse_arabic, plain, scale_of
from extract.table_tokens import Token, fold, has_cell_separators, strip_numbering

_SPACED_ROW = re.compile(
    r"^(?P<label>\S.*?\S)[ \t\u3000]+(?P<unit>[^\s\d]{1,3})[ \t\u3000]+"
    r"(?P<num>-?[0-9０-９.．]+)[ \t\u3000]*$"
)
# glued (收到申请数件47): only labels that end like indicators do (…数, …数量, …费用)
_GLUED_ROW = re.compile(
    r"^(?P<label>\S.*?(?:数|数量|量|费用|金额|经费))(?P<unit>[^\s\d]{1,3}?)(?P<num>-?[0-9０-９.．]+)$"
)
_NOTE = re.compile(r"\([^()]*\)")
_SEPARATORS = re.compile(r"[|｜\t]")
_NUMBER = re.compile(r"-?[0-9０-９]+(?:[.．][0-9０-９]+)?")
_MAX_LINE = 90
# every row ends with its figure, maybe followed by empty cells: a quick test first
_TRAILING = " \t\u3000\xa0|｜\r"
_FIGURE_ENDS = set("0123456789０１２３４５６７８９.．")
_SUB_ROW = re.compile(r"[0-9０-９]+[.．、]")


@dataclass
class LegacyScan:
    cells: list[TableCell] = field(default_factory=list)
    lines: list[tuple[int, int]] = field(default_factory=list)


def read_legacy_tables(text: str) -> LegacyScan:
    """Every indicator | unit | figure row of the text."""
    scan = LegacyScan()
    coded: set[str] = set()
    offset = 0
    for line in text.split("\n"):
        ends_in_figure = line.rstrip(_TRAILING)[-1:] in _FIGURE_ENDS
        cell = _row(line, offset) if ends_in_figure and len(line) <= _MAX_LINE else None
        if cell is not None:
            scan.lines.append((offset, offset + len(line)))
            cell = _as_part(cell, line, coded)
            if cell.value != 0 or cell.code is not None:
                scan.cells.append(cell)
        offset += len(line) + 1
    return scan


def _as_part(cell: TableCell, line: str, coded: set[str]) -> TableCell:
    """1.按时办结数 under （二）申请办结数: a numbered sub-row is a part of the total above."""
    if cell.code is None:
        return cell
    if is_total_code(cell.code) and cell.code in coded and _SUB_ROW.match(line.strip()):
        return cell._replace(code=None, principal=False)
    coded.add(cell.code)
    return cell


def _row(line: str, offset: int) -> TableCell | None:
    if has_cell_separators(line):
        return _separated_row(line, offset)
    stripped = line.strip()
    lead = line.find(stripped[:1]) if stripped else 0
    for pattern in (_SPACED_ROW, _GLUED_ROW):
        match = pattern.match(stripped)
        if match:
            start = offset + lead + match.start("num")
            number = Token("number", match.group("num"), start, offset + lead + match.end("num"))
            return _cell(match.group("label"), match.group("unit"), number)
    return None


def _separated_row(line: str, offset: int) -> TableCell | None:
    """label | unit | figure, the last three non-empty cells of the line."""
    cells: list[tuple[int, str]] = []
    pos = 0
    for part in _SEPARATORS.split(line):
        if part.strip():
            cells.append((pos + part.index(part.strip()[0]), part.strip()))
        pos += len(part) + 1
    if len(cells) < 3 or not _NUMBER.fullmatch(cells[-1][1]):
        return None
    start, number = cells[-1]
    token = Token("number", number, offset + start, offset + start + len(number))
    return _cell(cells[-3][1], cells[-2][1], token)


def _cell(label: str, unit_text: str, number: Token) -> TableCell | None:
    unit, scale = _unit(unit_text.strip())
    value = parse_arabic(number.text)
    if unit is None or value is None:
        return None
    measure = _NOTE.sub("", strip_numbering(fold(label))).removeprefix("其中:")
    code = code_of_label(_NOTE.sub("", fold(label)), unit)
    principal = code is not None
    return TableCell(
        number.start, number.end, plain(value * scale), unit, measure, code, measure, principal
    )


def _unit(text: str) -> tuple[str | None, Decimal]:
    """件 → (件, 1); 万元 → (元, 10000); anything that is not a measure word → None."""
    words = figure_words()
    for cut in range(len(text)):
        factor = scale_of(text[:cut])
        word = words.measure_word_at(text, cut)
        if factor is not None and word is not None and cut + len(word.word) == len(text):
            return word.unit, factor
    return None, Decimal(1)
