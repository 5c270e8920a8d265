"""Ranges of names found before (agencies, documents, channels, 《》 titles).

A word inside such a name belongs to it (教育 in 教育委员会, 互联网+政务服务 in a
document title), so later components ask whether a name hides a range. Lookups
use the sorted starts and the longest name, so each costs O(log n + nearby names).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

_TITLE = re.compile(r"《[^《》\n]{1,120}》")


class NameRanges:
    """Sorted (start, end) source ranges of names."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        self.ranges = sorted(ranges)
        self.starts = [start for start, _ in self.ranges]
        self.longest = max((end - start for start, end in self.ranges), default=0)

    def hides(self, start: int, end: int, *, equal_hides: bool) -> bool:
        """True when a name covers more than [start, end) or crosses it; a name of
        exactly this range hides it only when ``equal_hides``."""
        first = bisect_left(self.starts, start - self.longest)
        last = bisect_right(self.starts, end - 1)
        for n_start, n_end in self.ranges[first:last]:
            if n_end <= start:
                continue
            if (n_start, n_end) == (start, end):
                if equal_hides:
                    return True
            elif not (start <= n_start and n_end <= end):
                return True
        return False


def title_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges of the 《》 titles in ``text``, marks included (titles of documents,
    periodicals, programmes: a word inside belongs to the title)."""
    return [(m.start(), m.end()) for m in _TITLE.finditer(text)]
