"""Repair the layout of text extracted from PDFs: one paragraph, heading or table row per line.

PDF-to-text tools wrap paragraphs at a fixed width, add blank lines (after every
line, or at page breaks, sometimes mid-sentence), form feeds and page numbers.
``repair_layout`` drops the noise and, only when the text is width-wrapped at
all, rejoins a line to the next one when the line is full and the next one
does not start a new block (indented, a heading or list item, a table row).
Text that is not wrapped keeps its lines as they are, stripped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

# Chinese numerals as used in heading and list markers.
_ZH_NUM = "一二三四五六七八九十百零〇"

# A line that starts a new block: heading or list marker (一、 （一） (一) 1. 1、 （1）
# ① 第一章 第一节 表一). "1.5万" is a number, not a list item, hence the lookahead.
_BLOCK_START = re.compile(
    rf"""
    [{_ZH_NUM}]+\s*[、．.]
    | [（(]\s*[{_ZH_NUM}]+\s*[）)]
    | [（(]\s*\d{{1,3}}\s*[）)]
    | \d{{1,2}}\s*(?:、|[.．](?![\d.．]))
    | [\u2460-\u2473\u2474-\u2487\u2488-\u249b\u3251-\u325f]
    | 第\s*[{_ZH_NUM}\d]+\s*[章节篇]
    | 第\s*[{_ZH_NUM}\d]+\s*部分
    | 表\s*[{_ZH_NUM}\d]+(?=[\s：:、．.]|$)
    """,
    re.VERBOSE,
)

# A table row: cells separated by " | " or tabs, or by two or more runs of spaces.
_TABLE_ROW = re.compile(r"(?:^|\s)\|(?:\s|$)|\t|\S[ \u3000]{2,}\S.*\S[ \u3000]{2,}\S")

# A page-number line: - 3 -, — 3 —, 第3页, 第 3 页 共 10 页, 共10页 第3页, 3/10, Page 3 of 10.
_PAGE_NUMBER = re.compile(
    r"""
    [-－—–―~～]+\s*\d{1,4}\s*[-－—–―~～]+
    | 第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?
    | 共\s*\d{1,4}\s*页\s*[,，/／]?\s*第\s*\d{1,4}\s*页
    | \d{1,4}\s*[/／]\s*\d{1,4}
    | (?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?
    """,
    re.VERBOSE | re.IGNORECASE,
)

# A bare number on its own line ("3") is a page number too, unless a neighbouring
# line is a figure as well (538 after -18, 395 before 73802895.90元): then it is a
# column of figures (a table, one cell per line).
_BARE_NUMBER = re.compile(r"\d{1,3}")
_FIGURE_CELL = re.compile(r"[-−]?\d[\d,.]*(?:万元|元|%)?")

_PAGE_BREAK = re.compile(r"[\f\v]")
_EDGE_SPACE = re.compile(r"^[\s\u200b\ufeff]+|[\s\u200b\ufeff]+$")

_MIN_WRAP_WIDTH = 20  # narrower "modes" are headings or table cells, not a wrap width
_MIN_WRAPPED_LINES = 3  # lines near the wrap width needed to call a text wrapped
_MIN_NEAR_SHARE = 0.4  # of non-table lines, near the wrap width
_MAX_OVER_SHARE = 0.1  # of non-table lines, clearly wider than the wrap width
_FULL_TOLERANCE = 0.08  # a line within 8 % (at least 2 columns) of the width is full


class _Line(NamedTuple):
    raw: str  # as extracted, trailing space removed: the indentation tells paragraphs apart
    text: str  # stripped of leading and trailing space, NBSP, full-width space
    width: float  # display width of raw, in CJK columns
    is_table_row: bool


def repair_layout(text: str) -> str:
    """Drop page furniture and blank lines; rejoin lines the PDF wrapped."""
    lines = [_line(raw) for raw in _PAGE_BREAK.sub("\n", text).split("\n")]
    lines = _drop_page_numbers([line for line in lines if line.text])
    width = _wrap_width([line.width for line in lines if not line.is_table_row])
    out: list[str] = []
    joinable = False
    for line in lines:
        if joinable and _continues_paragraph(line):
            out[-1] += line.text
        else:
            out.append(line.text)
        joinable = width is not None and _is_full(line, width)
    return "\n".join(out)


def _drop_page_numbers(lines: list[_Line]) -> list[_Line]:
    # one False past the end, which figure[i - 1] also reads for the first line
    bare = [_BARE_NUMBER.fullmatch(line.text) is not None for line in lines]
    figure = [_FIGURE_CELL.fullmatch(line.text) is not None for line in lines] + [False]
    return [
        line
        for i, line in enumerate(lines)
        if not _PAGE_NUMBER.fullmatch(line.text)
        and not (bare[i] and not figure[i - 1] and not figure[i + 1])
    ]


def _line(raw: str) -> _Line:
    raw = raw.rstrip()
    text = _EDGE_SPACE.sub("", raw)
    return _Line(raw, text, display_width(raw), _TABLE_ROW.search(text) is not None)


def _wrap_width(widths: Sequence[float]) -> float | None:
    """The display width lines were wrapped at, or None if they are not width-wrapped."""
    counts = Counter(int(w) for w in widths if w >= _MIN_WRAP_WIDTH)
    if not counts:
        return None
    mode = float(max(counts, key=lambda w: (counts[w], w)))
    near = sum(1 for w in widths if mode - _tolerance(mode) <= w <= mode + 1)
    over = sum(1 for w in widths if w > mode + 1.5)
    if near < _MIN_WRAPPED_LINES or near < _MIN_NEAR_SHARE * len(widths):
        return None
    return None if over > _MAX_OVER_SHARE * len(widths) else mode


def display_width(line: str) -> float:
    """Width in CJK columns: wide and ambiguous characters 1, others (Latin, digits, NBSP) 0.5.

    A PDF line's width is what fills it up to the wrap width, so a paragraph's
    indentation counts (NBSP and ASCII spaces as narrow, U+3000 as wide).
    """
    return sum(_char_width(c) for c in line)


@lru_cache(maxsize=8192)
def _char_width(c: str) -> float:
    if c == "\xa0":
        return 0.5
    if unicodedata.combining(c):
        return 0.0
    return 1.0 if unicodedata.east_asian_width(c) in ("W", "F", "A") else 0.5


def _tolerance(width: float) -> float:
    return max(2.0, _FULL_TOLERANCE * width)


def _is_full(line: _Line, width: float) -> bool:
    return line.width >= width - _tolerance(width) and not line.is_table_row


def starts_block(text: str) -> bool:
    """True if *text* opens a block of its own: a heading or list marker (一、 （一） 1. ① 表一)."""
    return _BLOCK_START.match(text) is not None


def _continues_paragraph(line: _Line) -> bool:
    """True if *line* may continue a wrapped line: not indented, not a heading, list item or row."""
    indent = line.raw[: len(line.raw) - len(line.raw.lstrip())]
    return not (display_width(indent) >= 1.0 or _BLOCK_START.match(line.text) or line.is_table_row)
