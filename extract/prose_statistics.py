"""Statistics of the running text: figures found line by line, with measure and code.

Table lines (found by ``extract.national_tables``) are skipped: their numbers
are cells, not prose. Titles, quotations and document numbers are masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from extract.figure_context import read_figures
from extract.prose_figures import find_figures

_CONTEXT_BEFORE = 400  # text before a line that may tell a figure is about requests
_NUMERAL = re.compile(r"[\d十百千两二三四五六七八九]")  # a line that may hold a figure


class ProseFigure(NamedTuple):
    """A figure of the text with what it measures; offsets into the whole text."""

    start: int
    end: int
    value: Decimal
    unit: str
    approximate: bool
    measure: str
    code: str | None
    noun: str  # the counted noun after a number-first figure (8个方面 → 方面), else ""
    fallback: str | None = None  # a code withheld by its `unless` words


def read_prose(
    text: str, *, skip: Iterable[tuple[int, int]] = (), masked: Iterable[tuple[int, int]] = ()
) -> list[ProseFigure]:
    """Every figure outside the ``skip`` lines; ``masked`` ranges hold no figures."""
    skipped = {start for start, _ in skip}
    masks = sorted(masked)
    out: list[ProseFigure] = []
    offset = 0
    for line in text.split("\n"):
        if offset not in skipped and _NUMERAL.search(line):
            out.extend(_line_figures(text, line, offset, masks))
        offset += len(line) + 1
    return out


def _line_figures(
    text: str, line: str, offset: int, masks: list[tuple[int, int]]
) -> list[ProseFigure]:
    local = tuple(
        (start - offset, end - offset)
        for start, end in masks
        if end > offset and start < offset + len(line)
    )
    figures = find_figures(line, local)
    if not figures:
        return []
    readings = read_figures(line, figures, text[max(0, offset - _CONTEXT_BEFORE) : offset])
    return [
        ProseFigure(
            start=offset + figure.start,
            end=offset + figure.end,
            value=figure.value,
            unit=figure.unit,
            approximate=figure.approximate,
            measure=reading.measure,
            code=reading.code,
            noun=reading.noun,
            fallback=reading.fallback,
        )
        for figure, reading in zip(figures, readings, strict=True)
    ]
