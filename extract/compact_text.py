"""A view of a text without layout whitespace (and, optionally, quotation marks).

Names are matched on this view so that a PDF line break or a pair of quotes inside
a name (“三\\n公”经费) does not hide it; every view offset maps back to the text.
The view is made with numpy, without a Python step per character, and once per
text (the components of one document share it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from extract.literal_scan import codepoints

QUOTES = "“”‘’\"'「」『』"
_BMP = 0x10000
_LAST_BMP = np.uint32(_BMP - 1)


_WHITESPACE = [i for i in range(_BMP) if chr(i).isspace()]  # what regex \s matches


def _dropped_table(chars: str, *, whitespace: bool) -> np.ndarray:
    """A lookup over the Basic Multilingual Plane: True for the characters dropped."""
    table = np.zeros(_BMP, dtype=bool)
    if whitespace:
        table[_WHITESPACE] = True
    table[[ord(c) for c in chars]] = True
    return table


# What a view leaves out: whitespace; whitespace and quotation marks; the spaces
# (not line breaks) a PDF leaves inside a line.
_DROPPED = {
    "whitespace": _dropped_table("", whitespace=True),
    "quotes": _dropped_table(QUOTES, whitespace=True),
    "layout": _dropped_table(
        " \t\u00a0" + "".join(map(chr, range(0x2000, 0x200C))) + "\u3000", whitespace=False
    ),
}


@dataclass(frozen=True, slots=True, eq=False)  # an array field: compared by identity
class CompactText:
    """``text`` is the squeezed view; ``offset(i)`` is the source offset of ``text[i]``."""

    text: str
    offsets: np.ndarray  # source offset of each view character

    @classmethod
    def of(cls, source: str, *, drop_quotes: bool = False) -> CompactText:
        """``source`` without whitespace (and quotation marks)."""
        return _view(source, "quotes" if drop_quotes else "whitespace")

    @classmethod
    def without_layout_spaces(cls, source: str) -> CompactText:
        """``source`` without the spaces inside its lines (line breaks kept)."""
        return _view(source, "layout")

    def offset(self, pos: int) -> int:
        """The source offset of the view character at ``pos``."""
        return int(self.offsets[pos])

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets (start, end) of the view slice ``[start, end)`` (end > start)."""
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1


@lru_cache(maxsize=8)
def _view(source: str, dropped: str) -> CompactText:
    """Vectorised over the characters: no Python step per character or per run."""
    codes = codepoints(source)
    kept = ~_DROPPED[dropped][np.minimum(codes, _LAST_BMP)]  # nothing above the BMP is dropped
    text = codes[kept].tobytes().decode("utf-32-le")
    return CompactText(text, np.flatnonzero(kept))


_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
_PAIRED_QUOTE = re.compile("[“”‘’「」『』]")


def balance_quotes(source: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so that a quotation mark inside it keeps its partner.

    A name matched without quotes may start or end inside a quoted part
    (“三公”经费 → 三公”经费); the span then takes the opening (or closing) mark too.
    """
    if _PAIRED_QUOTE.search(source, start, end) is None:
        return start, end  # nothing to balance (the usual case)
    inner = source[start:end]
    for opening, closing in _PAIRS.items():
        if (
            inner.count(closing) > inner.count(opening)
            and start > 0
            and source[start - 1] == opening
        ):
            start -= 1
        if inner.count(opening) > inner.count(closing) and source.startswith(closing, end):
            end += 1
    return start, end
