"""Reading an organ name at a position of a text: area, then organ segments.

A local name is [中共] area + segments (agency_segments): 重庆市|人民政府|办公厅,
市|教委, 平潭综合实验区|政府信息公开工作领导小组|办公室. The area is a known place
(a province, a prefecture-level city, one of the report's own areas), an
abbreviation of one of the report's own (市, 区, 实验区) or an unnamed place read
from its ending (岳麓区). A central name comes from the gazetteer (国务院办公厅)
and may be followed by units or by a local branch (国家税务总局|重庆市|税务局).
A unit of the reporting body may be named after its ending alone (局办公室).
The parser only reads; labels are made in agency_names.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from extract.agency_lexicon import (
    BARE_ORGANS,
    CJK,
    NATIONAL_PREFIX,
    PARTY_PREFIXES,
    PREFECTURE_ORGANS,
    ZONE_ORGANS,
    CentralOrgan,
    abbreviations,
    admin_suffix_regex,
    central_organs,
    context,
    generic_places,
    known_areas,
)
from extract.agency_segments import (
    Segment,
    ending_of,
    guard_ok,
    is_boundary_before,
    read_segments,
    read_units,
)
from extract.jurisdiction import Jurisdiction, completed, own_areas
from extract.literal_scan import LiteralScan, trie_pattern

_MAX_AREAS = 3
_PARTY_KINDS = frozenset({"party", "committee", "workcom", "discipline"})
_BODY_ENDINGS = {"委员会": "委", "办公室": "办", "办公厅": "厅"}  # 教育委员会 → 委办公室
_OFFICES = ("办公室", "办公厅")  # a department's office, named alone in its own report

Area = tuple[str, bool, int]  # canonical name, one of the report's own, end offset


class ParsedName(NamedTuple):
    start: int
    end: int
    area: str | None  # canonical area (重庆市); for a central organ, of its branch
    own: bool  # the area is one of the report's own
    party: bool  # written with 中共/中国共产党
    central: CentralOrgan | None  # the central organ (or the reporting body) it starts with
    segments: tuple[Segment, ...]


@cache
def _abbreviation_scan() -> LiteralScan:
    return LiteralScan(abbreviations())


@cache
def _central_scan() -> LiteralScan:
    return LiteralScan(central_organs())


class NameParser:
    """Reads names against one jurisdiction (its own areas resolve abbreviations)."""

    def __init__(self, where: Jurisdiction) -> None:
        self.where = where = completed(where)
        self.areas = own_areas(where)
        self.canonical = dict(self.areas)
        self.own_regex = re.compile(trie_pattern(self.canonical)) if self.areas else None
        self.body = CentralOrgan(where.body, (), None) if where.body else None
        short = ending_of(where.body) if where.body else ""
        words = {short, _BODY_ENDINGS.get(short, short[-1:]), *(_OFFICES if short else ())}
        self.body_words = tuple(sorted((w for w in words if w), key=len, reverse=True))
        self.body_regex = re.compile(trie_pattern(self.body_words)) if self.body else None
        self._own_by_abbreviation: dict[str, str | None] = {}

    def anchor_regexes(self) -> tuple[re.Pattern[str], ...]:
        """Where report-specific names may start (own areas, the body's ending)."""
        return tuple(r for r in (self.own_regex, self.body_regex) if r is not None)

    def own_area(self, abbreviation: str) -> str | None:
        """The deepest own area whose name ends with ``abbreviation`` (市 → 重庆市)."""
        if abbreviation in self._own_by_abbreviation:
            return self._own_by_abbreviation[abbreviation]
        found = next((c for name, c in reversed(self.areas) if name.endswith(abbreviation)), None)
        self._own_by_abbreviation[abbreviation] = found
        return found

    def region_area(self) -> str | None:
        return self.areas[-1][1] if self.areas else None

    # -- areas ----------------------------------------------------------------

    def _area_at(self, text: str, pos: int) -> Area | None:
        """A named area at ``pos``: own or a province or prefecture-level city."""
        own = self.own_regex.match(text, pos) if self.own_regex else None
        known = known_areas().match(text, pos)
        # the longer match; the own area when both end together
        longer = own is None or (known is not None and known.end() > own.end())
        best = known if longer else own
        if best is None:
            return None
        name = best.group(0)
        return self.canonical.get(name, name), name in self.canonical, best.end()

    def _unnamed_at(self, text: str, start: int) -> Area | None:
        """An unnamed place (岳麓区, 城关镇) at ``start``, by its ending."""
        match = admin_suffix_regex().match(text, start)
        if match is None or match.group(0).endswith(generic_places()):
            return None
        name = match.group(0)
        return self.canonical.get(name, name), name in self.canonical, match.end()

    def _any_area_at(self, text: str, pos: int) -> Area | None:
        return self._area_at(text, pos) or self._unnamed_at(text, pos)

    def _after_area(self, text: str, start: int, area: Area, *, party: bool) -> ParsedName | None:
        """Segments after an area; or a further area first (福建省|平潭综合实验区|管委会)."""
        for _ in range(_MAX_AREAS):
            canonical, own, pos = area
            found = read_segments(text, pos, loose=True)
            if found is not None:
                segments, end = found
                kind = segments[0].kind
                valid = kind in _PARTY_KINDS if party else kind != "committee"
                if not valid:
                    return None
                return ParsedName(start, end, canonical, own, party, None, tuple(segments))
            nested = self._any_area_at(text, pos)
            if nested is None:
                return None
            area = (nested[0] if nested[1] else canonical + nested[0], nested[1], nested[2])
        return None

    # -- names ----------------------------------------------------------------

    def parse_at(self, text: str, pos: int) -> ParsedName | None:
        """The organ name that starts at ``pos`` (or, for an unnamed place, just before)."""
        return (
            self._central(text, pos)
            or self._party(text, pos)
            or self._named_area(text, pos)
            or self._abbreviated(text, pos)
            or self._bare(text, pos)
            or self._body_unit(text, pos)
            or self._national(text, pos)
        )

    def parse_whole(self, text: str) -> ParsedName | None:
        """The parse of ``text`` as one whole name, or None."""
        parsed = self.parse_at(text, 0)
        if parsed is None or parsed.start != 0:
            unnamed = self._unnamed_at(text, 0)
            parsed = self._after_area(text, 0, unnamed, party=False) if unnamed else None
        return parsed if parsed is not None and parsed.end == len(text) else None

    def _central(self, text: str, pos: int) -> ParsedName | None:
        match = _central_scan().match(text, pos)
        if match is None or not guard_ok(text, match.end(), match.group(0)):
            return None
        name = match.group(0)
        if len(name) <= 2 and not (is_boundary_before(text, pos) and _ends_word(text, match.end())):
            return None
        organ = central_organs()[name]
        segments, end = read_units(text, match.end(), [])
        if not segments and (area := self._any_area_at(text, end)) is not None:
            branch = read_segments(text, area[2], loose=False)  # 国家税务总局重庆市税务局
            if branch is not None and branch[0][0].kind == "dept":
                return ParsedName(pos, branch[1], area[0], area[1], False, organ, (*branch[0],))
        return ParsedName(pos, end, None, False, False, organ, tuple(segments))

    def _party(self, text: str, pos: int) -> ParsedName | None:
        if not text.startswith(PARTY_PREFIXES, pos):
            return None
        prefix = next(p for p in PARTY_PREFIXES if text.startswith(p, pos))
        at = pos + len(prefix)
        area = self._area_at(text, at) or self._own_abbreviation(text, at)
        area = area or self._unnamed_at(text, at)
        return self._after_area(text, pos, area, party=True) if area else None

    def _own_abbreviation(self, text: str, pos: int) -> Area | None:
        match = _abbreviation_scan().match(text, pos)
        if match is None:
            return None
        canonical = self.own_area(match.group(0))
        return (canonical, True, match.end()) if canonical else None

    def _named_area(self, text: str, pos: int) -> ParsedName | None:
        area = self._area_at(text, pos)
        return self._after_area(text, pos, area, party=False) if area else None

    def _abbreviated(self, text: str, pos: int) -> ParsedName | None:
        """市政府, 区教育局; or, when 区 is none of ours, 岳麓区 in ，岳麓区教育局."""
        match = _abbreviation_scan().match(text, pos)
        if match is None:
            return None
        abbr = abbreviations()[match.group(0)]
        if text.startswith(abbr.not_before, match.end()):
            return None
        prev = text[pos - 1] if pos else ""
        canonical = self.own_area(abbr.text)
        after_word = bool(prev) and CJK.match(prev) is not None and prev not in context("function")
        if after_word and (canonical is None or prev in abbr.not_after or abbr.strict):
            return self._unnamed_before(text, pos, match.end())
        if canonical is None:
            return None
        return self._after_area(text, pos, (canonical, True, match.end()), party=False)

    def _unnamed_before(self, text: str, pos: int, end: int) -> ParsedName | None:
        """The place name ends at ``end`` (its ending starts at ``pos``), begins 2–4 before."""
        for start in range(pos - 2, max(pos - 5, -1), -1):
            if not is_boundary_before(text, start):  # the cheap test first
                continue
            area = self._unnamed_at(text, start)
            if area is not None and area[2] == end:
                return self._after_area(text, start, area, party=False)
        return None

    def _bare(self, text: str, pos: int) -> ParsedName | None:
        """人大, 管委会, 党工委 with no area: the region's own."""
        if not text.startswith(BARE_ORGANS, pos):
            return None
        word = next((w for w in BARE_ORGANS if text.startswith(w, pos)), None)
        region = self.region_area()
        if word is None or region is None or not is_boundary_before(text, pos):
            return None
        if word in ZONE_ORGANS and not self.where.zone:
            return None
        if word in PREFECTURE_ORGANS and not region.endswith(("地区", "盟")):
            return None
        found = read_segments(text, pos, loose=False)
        if found is None:
            return None
        return ParsedName(pos, found[1], region, True, False, None, tuple(found[0]))

    def _body_unit(self, text: str, pos: int) -> ParsedName | None:
        """局办公室, or 办公室 alone, in a report of 广州市教育局: a unit of the body."""
        if self.body is None or not text.startswith(self.body_words, pos):
            return None
        word = next((w for w in self.body_words if text.startswith(w, pos)), None)
        if word is None or self.body is None or not is_boundary_before(text, pos):
            return None
        if word in _OFFICES:
            if not guard_ok(text, pos + len(word), word):  # 办公室主任
                return None
            own = self.body.name.endswith(word)  # 办公厅 in the 办公厅's own report
            units = () if own else (Segment(word, word, "office"),)
            return ParsedName(pos, pos + len(word), None, False, False, self.body, units)
        segments, end = read_units(text, pos + len(word), [])
        if not segments:
            return None
        return ParsedName(pos, end, None, False, False, self.body, tuple(segments))

    def _national(self, text: str, pos: int) -> ParsedName | None:
        """国家 + a department name outside the gazetteer (国家某某局)."""
        if not text.startswith(NATIONAL_PREFIX, pos):
            return None
        found = read_segments(text, pos + len(NATIONAL_PREFIX), loose=False)
        if found is None or found[0][0].kind != "dept":
            return None
        segments, end = found
        return ParsedName(pos, end, NATIONAL_PREFIX, False, False, None, tuple(segments))


def _ends_word(text: str, end: int) -> bool:
    """A one- or two-character name is a word of its own (中办、 not 集中办理)."""
    if end >= len(text) or not CJK.match(text[end]):
        return True
    nxt = text[end]
    return nxt in context("separator") or text.startswith(("印发", "关于", "转发", "联合"), end)


@lru_cache(maxsize=64)
def parser_for(where: Jurisdiction) -> NameParser:
    return NameParser(where)
