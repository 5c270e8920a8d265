"""Cutting the lines of a rendered table into text and number cells, with offsets.

Tables reach us in many shapes: cells joined with `` | `` or tabs, cells
separated by spaces, one cell per line, a whole table flattened into one line,
or cells glued into a digit run after the row label. This module only cuts;
which cells form a row is decided by ``extract.national_tables``. A number
keeps whether something delimited it (``explicit``): a digit run with text
glued on both sides may be several cells run together.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal, NamedTuple

_NUMBER = r"[-−]?[0-9０-９]+(?:[.．][0-9０-９]+)?(?:万元|元)?"
_NUMBER_CELL = re.compile(_NUMBER)
# a number inside a cell: not the numbering of a label (1.本机关…, 2、…, 3）…)
_NUMBER_IN_TEXT = re.compile(
    r"(?<![0-9０-９.．])" + _NUMBER + r"(?![0-9０-９]|[.．、)）](?![0-9０-９]))"
)
_SPACES = "[ \t\u3000\xa0]"
# numbers separated by at least one space: one way to match, no backtracking
_NUMERIC_TAIL = re.compile(_NUMBER + "(?:" + _SPACES + "+" + _NUMBER + ")*" + _SPACES + "*")
_TAIL_CHARS = set("0123456789０１２３４５６７８９.．-−万元 \t\u3000\xa0")
_PLACEHOLDER = re.compile(r"[-—－–/／\\无空]+")  # a cell that says "not applicable"
_CELL_SEPARATORS = re.compile(r"[|｜\t]")
_BLANKS = " \t\u3000\xa0"
_NUMBER_CELL_ALONE = re.compile(r"[-−]?[0-9０-９]+(?:[.．][0-9０-９]+)?")
_DIGIT = re.compile(r"[0-9０-９]")
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.、]|\d+\))"
)
_INVISIBLE = re.compile(r"[\s“”‘’\"'「」]")

TokenKind = Literal["text", "number", "empty"]


class Token(NamedTuple):
    """A cell or a piece of one: a tuple, as a table has hundreds of them."""

    kind: TokenKind
    text: str
    start: int  # offsets into the whole text
    end: int
    explicit: bool = True  # for numbers: a separator, a space or the cell edge delimits it


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The comparable form of a label: NFKC, no spaces or quotation marks (memoised:
    the tables' labels are the template's, the same in every report)."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def strip_numbering(text: str) -> str:
    """三、本年度办理结果 → 本年度办理结果; (一)予以公开 → 予以公开 (on folded text)."""
    previous = None
    while previous != text:
        previous = text
        text = _NUMBERING.sub("", text)
    return text


def has_cell_separators(line: str) -> bool:
    return bool(_CELL_SEPARATORS.search(line))


def numeric_tail_start(line: str) -> int:
    """Where the run of number cells that ends the line starts (len(line) if none)."""
    start = len(line)
    while start > 0 and line[start - 1] in _TAIL_CHARS:
        start -= 1
    while start < len(line) and not _NUMERIC_TAIL.fullmatch(line, start):
        start += 1  # the scan took a 万 or a dot that belongs to the text
    return start


def tokens_of_line(line: str, offset: int) -> list[Token]:
    """The cells of one line; ``offset`` is the line's position in the text."""
    if not has_cell_separators(line):
        return _scan(line, offset)
    tokens: list[Token] = []
    pos = offset
    for part in _CELL_SEPARATORS.split(line):
        cell = part.strip(_BLANKS)
        if not cell or _PLACEHOLDER.fullmatch(cell):
            tokens.append(Token("empty", "", pos, pos))
        elif _NUMBER_CELL_ALONE.fullmatch(cell):  # the common case: a figure and nothing else
            start = pos + part.index(cell)
            tokens.append(Token("number", cell, start, start + len(cell)))
        elif not _DIGIT.search(cell):  # a label or header without figures
            start = pos + part.index(cell)
            tokens.append(Token("text", cell, start, start + len(cell)))
        else:
            tokens.extend(_scan(part, pos))
        pos += len(part) + 1
    return tokens


def _scan(text: str, offset: int) -> list[Token]:
    """Text runs and numbers of a cell or of a line without separators, in order."""
    tokens: list[Token] = []
    pos = 0
    for match in _NUMBER_IN_TEXT.finditer(text):
        _add_text(tokens, text, pos, match.start(), offset)
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        delimited = before == "" or before.isspace()
        delimited_after = after == "" or after.isspace()
        tokens.append(
            Token(
                "number",
                match.group(),
                offset + match.start(),
                offset + match.end(),
                explicit=delimited and delimited_after,
            )
        )
        pos = match.end()
    _add_text(tokens, text, pos, len(text), offset)
    return tokens


def _add_text(tokens: list[Token], text: str, start: int, end: int, offset: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip(" \t\u3000\xa0")
    if stripped and not _PLACEHOLDER.fullmatch(stripped):
        lead = start + chunk.index(stripped[0])
        tokens.append(Token("text", stripped, offset + lead, offset + lead + len(stripped)))
    elif stripped:
        tokens.append(Token("empty", "", offset + start, offset + start))
