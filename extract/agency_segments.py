"""Reading the organ segments of a name: stem words and an organ ending.

重庆市|人民政府|办公厅 has two segments, 市|教委 one (a short form, read as
教育委员会), 平潭综合实验区|政府信息公开工作领导小组|办公室 two. A segment's
kind says what organ it names (gov, party, dept, office …); the first segment
after an area may be an organ word alone (市|委, 区|政府), later ones only units
(办公厅, 秘书处, 组织部).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from extract.agency_lexicon import (
    CJK,
    context,
    endings,
    loose_segment_regex,
    segment_regex,
    short_form_scan,
    short_forms,
)

MAX_SEGMENTS = 4
UNIT_KINDS = frozenset({"office", "dept", "group"})


class Segment(NamedTuple):
    """One organ of a name: 教委 (教育委员会), a dept."""

    text: str  # as written: 教委
    full: str  # full form: 教育委员会
    kind: str  # gov, party, workcom, congress, office, dept, group …


@lru_cache(maxsize=4096)
def ending_of(name: str) -> str:
    """The longest organ ending ``name`` ends with ("" if none)."""
    return max((e for e in endings() if name.endswith(e)), key=len, default="")


def guard_ok(text: str, end: int, name: str) -> bool:
    """What follows a name ending in ``name`` does not undo it (部门, 人大代表)."""
    ending = ending_of(name)
    return not (ending and text.startswith(endings()[ending].not_before, end))


def segment_of(full: str, text: str) -> Segment:
    """The segment ``text`` whose full form is ``full``; 新闻办 is 新闻办公室 in full."""
    ending = ending_of(full)
    info = endings()[ending]
    if full == ending:
        return Segment(text, full, info.kind)
    if ending == "办":
        full += "公室"
    return Segment(text, full, info.stem_kind)


def is_boundary_before(text: str, pos: int) -> bool:
    """A name may start at ``pos``: nothing, punctuation or a function word before it."""
    return pos == 0 or not CJK.match(text[pos - 1]) or text[pos - 1] in context("function")


def read_segment(
    text: str, pos: int, *, first: bool, loose: bool
) -> tuple[list[Segment], int] | None:
    """One organ segment at ``pos`` (a short form may stand for two: 府办)."""
    short = short_form_scan().match(text, pos)
    regular = segment_regex().match(text, pos)
    if short and not guard_ok(text, short.end(), short.group(0)):
        short = None
    if short and (regular is None or short.end() >= regular.end()):
        written = short.group(0)
        fulls = short_forms()[written]
        segments = [segment_of(full, written) for full in fulls]
        if not first and segments[0].kind not in UNIT_KINDS:
            return None
        return segments, short.end()
    match = regular or (loose_segment_regex().match(text, pos) if loose else None)
    if match is None:
        return None
    written = match.group(0)
    segment = segment_of(written, written)
    if not first and segment.kind not in UNIT_KINDS:
        return None
    if written == ending_of(written):  # nothing before the ending
        info = endings()[written]
        if not (info.bare if first else info.unit):
            return None
    return [segment], match.end()


def segments_at(text: str, pos: int) -> tuple[list[Segment], int] | None:
    """Organ segments with no area before them (a later name of a list)."""
    return read_segments(text, pos, loose=True)


def read_segments(text: str, pos: int, *, loose: bool) -> tuple[list[Segment], int] | None:
    found = read_segment(text, pos, first=True, loose=loose)
    if found is None:
        return None
    segments, pos = found
    return read_units(text, pos, segments)


def read_units(text: str, pos: int, segments: list[Segment]) -> tuple[list[Segment], int]:
    """Units that follow an organ name (办公厅, 秘书处, 组织部)."""
    while len(segments) < MAX_SEGMENTS:
        more = read_segment(text, pos, first=False, loose=False)
        if more is None:
            break
        segments = segments + more[0]
        pos = more[1]
    return segments, pos
