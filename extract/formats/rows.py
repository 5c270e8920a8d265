"""Lines as every reader emits them: wrapped lines rejoined, a table row's cells joined by `` | ``.

The table parsers (``extract.table_tokens``) cut rows at ``|``, ``｜`` and tabs,
so a cell's own separators are replaced; a row is one line, so a cell's line
breaks are rejoined the way a wrapped paragraph is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

CELL_SEPARATOR = " | "

_SPACE_RUN = re.compile(r"[ \t\r\n\f\v]+")
_CELL_SEPARATORS = str.maketrans({"|": "¦", "｜": "¦", "\t": " "})


def join_wrapped(left: str, right: str) -> str:
    """Rejoin two pieces of one paragraph that a line break split.

    Chinese text has no spaces between words, so a line break is dropped;
    only between two Latin letters did the break replace a space.
    """
    if not left or not right:
        return left + right
    if _is_latin_letter(left[-1]) and _is_latin_letter(right[0]):
        return f"{left} {right}"
    return left + right


def join_lines(lines: Iterable[str]) -> str:
    """The lines of one paragraph or cell, stripped and rejoined into one."""
    text = ""
    for line in lines:
        line = line.strip()
        if line:
            text = join_wrapped(text, line)
    return text


def cell_text(text: str) -> str:
    """One cell's text on one line, with no character a table parser would cut at."""
    joined = join_lines(text.splitlines())
    return _SPACE_RUN.sub(" ", joined.translate(_CELL_SEPARATORS)).strip()


def row_line(cells: Sequence[str]) -> str:
    """A table row as one line; empty cells are kept (they hold a column's place),
    an all-empty row is the empty string."""
    texts = [cell_text(cell) for cell in cells]
    return CELL_SEPARATOR.join(texts) if any(texts) else ""


def _is_latin_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()
