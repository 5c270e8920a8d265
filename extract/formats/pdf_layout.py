"""Lines of PDF pages → paragraphs: page furniture dropped, wrapped lines rejoined by geometry.

A PDF knows where each line sits, so wrapping is decided by position rather
than guessed from widths as for text files: a line ends its paragraph unless
it reaches the right edge of the text column and the next line starts at the
left edge, at the usual line spacing, in the same font size, and does not
open a heading or list item. The last line of a page continues on the next
page by the same rule; a centred line, full as a wrapped title's first line
is, continues on the centred line below it. Headers and footers are lines at the top or bottom of
a page that recur, at the same height and with only their numbers changed,
on at least half of the pages (two at least); page numbers are dropped
wherever they stand first or last on a page.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from extract.formats.rows import join_lines
from extract.layout import starts_block


@dataclass(frozen=True, slots=True)
class PdfLine:
    """One line of text on a page, in PDF points from the page's top left."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the font size of most of its characters
    lead: float  # width of its first unbreakable run (a Latin word, a URL): wrapping moved it here


@dataclass(frozen=True, slots=True)
class PdfTable:
    """A ruled table: its rows, each already one line of cells."""

    page: int
    top: float
    rows: tuple[str, ...]


Item = PdfLine | PdfTable

_EDGE_LINES = 2  # lines at each end of a page that may be a header or footer
_SAME_HEIGHT = 5.0  # points: a recurring header stands at the same height on each page
_MIN_FURNITURE_SHARE = 0.5
_MIN_FURNITURE_PAGES = 2
_EDGE_QUANTILE = 0.05  # the text column's edges ignore this share of outlying lines
_FULL_LINE_CHARS = 2.0  # a line ending this many characters short of the edge is full
_INDENT_CHARS = 0.5  # a line starting this far right of the edge is indented
_MAX_GAP_RATIO = 1.5  # of the usual gap between lines, still in one paragraph
_MIN_LEADING = 0.25  # per point of font size: lines set closer are still one paragraph's
_MAX_SIZE_RATIO = 1.2  # font sizes within this ratio are one paragraph's
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER_NOISE = re.compile(r"[\s\-–—－~～/／|第页共.,，·•()（）]|page|of", re.IGNORECASE)


def paragraphs(pages: Sequence[Sequence[Item]]) -> list[str]:
    """The text of the pages as lines: one paragraph or table row each, furniture dropped.

    ``pages`` holds each page's lines and tables, top to bottom.
    """
    kept = _drop_furniture(pages)
    items = [item for page in kept for item in page]
    lines = [item for item in items if isinstance(item, PdfLine)]
    if not lines:
        return []
    column = _Column.of(lines)
    out: list[str] = []
    current: list[PdfLine] = []
    for item in items:
        if isinstance(item, PdfTable):
            out.extend(_flush(current))
            out.extend(item.rows)
        elif current and column.continues(current[-1], item):
            current.append(item)
        else:
            out.extend(_flush(current))
            current.append(item)
    out.extend(_flush(current))
    return out


def is_page_number(text: str) -> bool:
    """- 3 -, 第3页 共10页, 3/10, Page 3 of 10: digits and nothing but page-number wording."""
    return bool(_DIGITS.search(text)) and not _PAGE_NUMBER_NOISE.sub("", _DIGITS.sub("", text))


def _flush(current: list[PdfLine]) -> list[str]:
    text = join_lines(line.text for line in current)
    current.clear()
    return [text] if text else []


@dataclass(frozen=True, slots=True)
class _Column:
    left: float
    right: float
    leading: float  # the usual space between a line's bottom and the next line's top, per point

    @classmethod
    def of(cls, lines: Sequence[PdfLine]) -> _Column:
        x0s = sorted(line.x0 for line in lines)
        x1s = sorted(line.x1 for line in lines)
        cut = int(len(lines) * _EDGE_QUANTILE)
        gaps = [
            (b.top - a.bottom) / max(a.size, 1.0)
            for a, b in itertools.pairwise(lines)
            if a.page == b.page and b.top > a.bottom
        ]
        return cls(x0s[cut], x1s[len(x1s) - 1 - cut], median(gaps) if gaps else 0.0)

    def continues(self, above: PdfLine, below: PdfLine) -> bool:
        """True if *below* carries on the paragraph that *above* ends the line of.

        *above* is full if it reaches the right edge, or if what starts *below*
        (a long e-mail address, say) would not have fitted in the room left.
        """
        size = max(above.size, 1.0)
        room = self.right - above.x1
        if room > max(_FULL_LINE_CHARS * size, below.lead + _INDENT_CHARS * size):
            return False
        indented = below.x0 > self.left + _INDENT_CHARS * size
        if (indented and not self._centred_pair(above, below)) or starts_block(below.text.strip()):
            return False
        if max(above.size, below.size) > _MAX_SIZE_RATIO * max(min(above.size, below.size), 1.0):
            return False
        if below.page != above.page:
            return below.page == above.page + 1
        gap = below.top - above.bottom
        return gap <= _MAX_GAP_RATIO * max(self.leading, _MIN_LEADING) * size

    def _centred_pair(self, above: PdfLine, below: PdfLine) -> bool:
        """Both lines centred in the column: a title wrapped onto a second, shorter line."""
        return all(
            abs((line.x0 - self.left) - (self.right - line.x1)) <= line.size
            for line in (above, below)
        )


def _drop_furniture(pages: Sequence[Sequence[Item]]) -> list[list[Item]]:
    edges = [_edge_lines(page) for page in pages]
    needed = max(_MIN_FURNITURE_PAGES, _MIN_FURNITURE_SHARE * len(pages))
    kept: list[list[Item]] = []
    for page, page_edges in zip(pages, edges, strict=True):
        furniture = {
            id(line)
            for line in page_edges
            if is_page_number(line.text) or _recurrences(line, edges) >= needed
        }
        kept.append([item for item in page if id(item) not in furniture])
    return kept


def _edge_lines(page: Sequence[Item]) -> list[PdfLine]:
    """A page's first and last lines, where headers and footers stand (a table ends the look)."""
    found: list[PdfLine] = []
    for ordered in (page, list(reversed(page))):
        for item in ordered[:_EDGE_LINES]:
            if not isinstance(item, PdfLine):
                break
            if item not in found:
                found.append(item)
    return found


def _recurrences(line: PdfLine, edges: Sequence[Sequence[PdfLine]]) -> int:
    """On how many pages a line like this one stands at the same height."""
    key = _furniture_key(line.text)
    return sum(
        any(
            _furniture_key(other.text) == key and abs(other.top - line.top) <= _SAME_HEIGHT
            for other in page_edges
        )
        for page_edges in edges
    )


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", "".join(text.split()))
