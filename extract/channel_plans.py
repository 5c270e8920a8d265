"""Where a report speaks of next year's plans: kinds of channel named there were not used.

A report ends with a section on problems and improvements (存在的主要问题和改进措施,
下一步工作); its plans start at the first marker inside it (下一步, 明年,
改进措施：, 2017年…将) or at its heading when the heading names only plans. A
sentence that opens with a marker elsewhere (下一步，我局将…) is a plan too.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache

from extract.channel_lexicon import plan_words
from extract.literal_scan import LiteralScan, char_positions

# A top-level heading: 一、… / 六. … / 第三部分 at the start of a line.
_TOP_HEADING = re.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}部分)"
)
_SENTENCE_ENDS = "。！？!?\n"
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


def _marker_words(year: int | None) -> list[str]:
    words = list(plan_words().get("marker", ()))
    if year is not None:
        words = [w.replace("NEXT_YEAR", str(year + 1)) for w in words]
    return [w for w in words if "NEXT_YEAR" not in w]


@cache
def _marker_scan(year: int | None) -> LiteralScan:
    return LiteralScan(_marker_words(year))


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
    markers = _marker_scan(year)
    found_at = markers.match_starts(text)  # where a marker word is written
    ranges: list[tuple[int, int]] = []
    for start, head_end, end in _sections(text):
        heading = text[start:head_end]
        if not any(w in heading for w in heading_words):
            continue
        if not any(w in heading for w in problem_words):
            ranges.append((start, end))
            continue
        first = _first_marker(text, markers, found_at, head_end, end)
        if first is not None:
            ranges.append((first, end))
    ranges.extend(_plan_sentences(text, markers, found_at))
    return PlanRegions(ranges)


def _first_marker(
    text: str, markers: LiteralScan, found: list[int], start: int, end: int
) -> int | None:
    """Where the first marker word inside ``text[start:end]`` starts (``found``: where
    marker words start in the text)."""
    for at in found[bisect_left(found, start) :]:
        if at >= end:
            break
        if markers.match(text, at, end) is not None:
            return at
    return None


def _plan_sentences(text: str, markers: LiteralScan, found: list[int]) -> list[tuple[int, int]]:
    """Sentences that open with a plan marker, wherever they are: only the sentences
    where a marker word is written (``found``) are looked at."""
    if not found:
        return []
    stops = [*(pos + 1 for pos in char_positions(text, _SENTENCE_ENDS)), len(text)]
    starts = [0, *stops[:-1]]
    out: list[tuple[int, int]] = []
    for pos in found:
        k = bisect_right(starts, pos) - 1  # the sentence pos is in
        start, stop = starts[k], stops[k]
        lead = _SENTENCE_LEAD.match(text, start, stop)
        at = lead.end() if lead else start
        if at == pos and markers.match(text, at, stop) is not None:
            out.append((start, stop))
    return out
