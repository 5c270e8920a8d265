"""Finding every mention of a specific agency in a report's text.

One left-to-right pass over the places a name can start (a central organ, a
known area, an abbreviation of the report's own areas, 中共, 人大 …); at each
the parser reads the longest organ name. Then two cheap passes: later names of a
list inherit the area of the first (区社会事业局、党群工作部、经济发展局), and a
department found with its area is also found where the text drops the area.
Layout spaces inside names (市政府办 公厅) are skipped over.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np

from extract.agency_lexicon import CJK, context, static_anchors
from extract.agency_names import Jurisdiction, agency_aliases, agency_parent, label_of
from extract.agency_parse import NameParser, ParsedName, parser_for
from extract.agency_segments import is_boundary_before, segments_at
from extract.compact_text import CompactText

# A name followed by these names a class of bodies (市政府各部门, 市政府所属单位).
_COLLECTIVE_AFTER = ("各", "所属", "下属", "直属", "系统", "及其", "部门", "有关部门", "组成部门")
# 商务营运中心7号楼, 市政府大楼: a building in an address, not the body.
_ADDRESS_AFTER = re.compile(
    r"[0-9０-９]+(?:号楼|号院|栋|幢|层|楼|座)|大楼|大厦|办公楼|综合楼|主楼|广场"
)
# 各区县（自治县）政府: an area in brackets after 各 … is a class too.
_COLLECTIVE_BEFORE = re.compile(r"各[^，。；、\s]{0,6}[（(]$")
_MIN_BARE = 3  # a bare department name (社会事业局) must be at least this long


class AgencyMention(NamedTuple):
    start: int  # offsets into the text given to find_agencies
    end: int
    label: str  # full official name
    aliases: tuple[str, ...]  # other full names that are not in the text
    parent: str | None  # label of the organ it sits directly under, if known


def find_agencies(
    text: str, where: Jurisdiction, *, skip: Sequence[tuple[int, int]] = ()
) -> list[AgencyMention]:
    """Every agency mention in ``text``, in text order; ``skip`` spans are not read."""
    view = CompactText.without_layout_spaces(text)
    compact = view.text
    skipped = [(_to_compact(view, s), _to_compact(view, e)) for s, e in skip]
    parser = parser_for(where)
    names = _scan(compact, parser, skipped)
    names = _with_bare_mentions(compact, names)
    out = []
    for name in names:
        start, end = view.source_span(name.start, name.end)
        out.append(
            AgencyMention(
                start,
                end,
                label_of(name, where),
                agency_aliases(name, where),
                agency_parent(name, where),
            )
        )
    return out


def _to_compact(view: CompactText, original: int) -> int:
    return int(np.searchsorted(view.offsets, original))


class _Anchors:
    """Every place a name may start, in order: a word of the static list (found with
    numpy), or a report-specific one (own areas, the body's ending)."""

    def __init__(self, text: str, parser: NameParser) -> None:
        starts = set(static_anchors().match_starts(text))
        for regex in parser.anchor_regexes():
            pos = 0
            while (match := regex.search(text, pos)) is not None:
                starts.add(match.start())
                pos = match.start() + 1
        self.starts = sorted(starts)

    def next(self, pos: int) -> int | None:
        i = bisect_left(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else None


def _scan(text: str, parser: NameParser, skipped: list[tuple[int, int]]) -> list[ParsedName]:
    names: list[ParsedName] = []
    anchors = _Anchors(text, parser)
    pos = 0
    last_end = 0
    blocked = {p for s, e in skipped for p in range(s, e)}
    while (anchor := anchors.next(pos)) is not None:
        pos = anchor + 1
        if anchor in blocked:
            continue
        name = parser.parse_at(text, anchor)
        if name is None or name.start < last_end or _is_collective(text, name):
            continue
        names.append(name)
        names.extend(_list_members(text, name, parser))
        pos = last_end = names[-1].end
    return names


def _is_collective(text: str, name: ParsedName) -> bool:
    """A class of bodies (市政府各部门) or a building (营运中心7号楼), not one agency."""
    return (
        text.startswith(_COLLECTIVE_AFTER, name.end)
        or _ADDRESS_AFTER.match(text, name.end) is not None
        or _COLLECTIVE_BEFORE.search(text, max(0, name.start - 10), name.start) is not None
    )


def _list_members(text: str, first: ParsedName, parser: NameParser) -> list[ParsedName]:
    """区社会事业局、党群工作部、经济发展局: later bare names share the first's area."""
    if first.central is not None or first.segments[0].kind != "dept":
        return []
    members: list[ParsedName] = []
    end = first.end
    while end < len(text) and text[end] in context("separator"):
        start = end + 1
        if static_anchors().match(text, start) or parser.parse_at(text, start):
            break
        found = segments_at(text, start)
        if found is None or found[0][0].kind != "dept":
            break
        segments, end = found
        member = ParsedName(start, end, first.area, first.own, False, None, tuple(segments))
        if _is_collective(text, member):
            break
        members.append(member)
    return members


def _with_bare_mentions(text: str, names: list[ParsedName]) -> list[ParsedName]:
    """社会事业局 where 平潭综合实验区社会事业局 was found: the same agency, area dropped."""
    bare: dict[str, ParsedName] = {}
    for name in names:
        if name.central is not None or not name.own or len(name.segments) != 1:
            continue
        segment = name.segments[0]
        if segment.kind == "dept" and len(segment.text) >= _MIN_BARE:
            bare.setdefault(segment.text, name)
    if not bare:
        return names
    taken = [(n.start, n.end) for n in names]
    extra = []
    for start, end in _leftmost_longest(text, bare):
        if any(s < end and start < e for s, e in taken) or not is_boundary_before(text, start):
            continue
        if end < len(text) and CJK.match(text[end]) and text[end] in "局委厅办室处科部":
            continue
        source = bare[text[start:end]]
        extra.append(ParsedName(start, end, source.area, True, False, None, source.segments))
    return sorted([*names, *extra], key=lambda n: n.start)


def _leftmost_longest(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where ``words`` are written, as a regex alternation of them finds them (left to
    right, the longest at a place, no overlaps), with ``str.find``: a handful of words
    per report is not worth compiling a regex for."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append((at, -len(word)))
            at = text.find(word, at + 1)
    out = []
    pos = 0
    for start, shorter in sorted(found):
        if start >= pos:
            out.append((start, start - shorter))
            pos = start - shorter
    return out
