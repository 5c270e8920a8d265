"""A view of a text without layout whitespace (and, optionally, quotation marks).

Names are matched on this view so that a PDF line break or a pair of quotes inside
a name (“三\\n公”经费) does not hide it; every view offset maps back to the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTES = "“”‘’\"'「」『』"
_KEPT = re.compile(r"\S+")
_KEPT_WITHOUT_QUOTES = re.compile(f"[^\\s{QUOTES}]+")


@dataclass(frozen=True, slots=True)
class CompactText:
    """``text`` is the squeezed view; ``offsets[i]`` is the source offset of ``text[i]``."""

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, source: str, *, drop_quotes: bool = False) -> CompactText:
        kept = _KEPT_WITHOUT_QUOTES if drop_quotes else _KEPT
        parts: list[str] = []
        offsets: list[int] = []
        for run in kept.finditer(source):
            parts.append(run.group())
            offsets.extend(range(run.start(), run.end()))
        return cls("".join(parts), tuple(offsets))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets (start, end) of the view slice ``[start, end)`` (end > start)."""
        return self.offsets[start], self.offsets[end - 1] + 1


_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}


def balance_quotes(source: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so that a quotation mark inside it keeps its partner.

    A name matched without quotes may start or end inside a quoted part
    (“三公”经费 → 三公”经费); the span then takes the opening (or closing) mark too.
    """
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
