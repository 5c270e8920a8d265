"""Where a report speaks of next year's plans: kinds of channel named there were not used.

A report ends with a section on problems and improvements (存在的主要问题和改进措施,
下一步工作); its plans start at the first marker inside it (下一步, 明年,
改进措施：, 2017年…将) or at its heading when the heading names only plans. A
sentence that opens with a marker elsewhere (下一步，我局将…) is a plan too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from extract.channel_lexicon import plan_words

# A top-level heading: 一、… / 六. … / 第三部分 at the start of a line.
_TOP_HEADING = re.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}部分)"
)
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_MAX_HEADING = 40
# What may precede a marker at a sentence start: numbering, 一是, spaces.
_SENTENCE_LEAD = re.compile(
    r"[ \t\u3000]*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[一二三四五六七八九十]是)?"
    r"[ \t\u3000]*"
)


class PlanRegions:
    """Character ranges of a text that are plans; ``contains(pos)`` asks about one offset."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self.ranges = merged
        self._starts = [start for start, _ in merged]

    def contains(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self.ranges[i][1]


@cache
def _markers(year: int | None) -> re.Pattern[str]:
    words = list(plan_words().get("marker", ()))
    if year is not None:
        words = [w.replace("NEXT_YEAR", str(year + 1)) for w in words]
    words = [w for w in words if "NEXT_YEAR" not in w]
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _sections(text: str) -> list[tuple[int, int, int]]:
    """(heading start, heading end, section end) of every top-level section."""
    starts: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        if _TOP_HEADING.match(line):
            head = re.split(r"[。：:]", line, maxsplit=1)[0][:_MAX_HEADING]
            starts.append((offset, offset + len(head)))
        offset += len(line) + 1
    out = []
    for i, (start, head_end) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        out.append((start, head_end, end))
    return out


def plan_regions(text: str, year: int | None) -> PlanRegions:
    """The plans of ``text`` (a report of ``year``), as character ranges."""
    words = plan_words()
    heading_words = words.get("heading", ())
    problem_words = words.get("problem", ())
    markers = _markers(year)
    ranges: list[tuple[int, int]] = []
    for start, head_end, end in _sections(text):
        heading = text[start:head_end]
        if not any(w in heading for w in heading_words):
            continue
        if not any(w in heading for w in problem_words):
            ranges.append((start, end))
            continue
        found = markers.search(text, head_end, end)
        if found is not None:
            ranges.append((found.start(), end))
    ranges.extend(_plan_sentences(text, markers))
    return PlanRegions(ranges)


def _plan_sentences(text: str, markers: re.Pattern[str]) -> list[tuple[int, int]]:
    """Sentences that open with a plan marker, wherever they are."""
    out: list[tuple[int, int]] = []
    start = 0
    for stop in [*(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]:
        lead = _SENTENCE_LEAD.match(text, start, stop)
        at = lead.end() if lead else start
        if markers.match(text, at, stop) is not None:
            out.append((start, stop))
        start = stop
    return out
