"""Agency names: the one place where a surface form becomes a full official name.

Every component that meets an agency name (the agency finder, document issuers,
channel owners, the publisher) resolves it here, so the same agency gets the
same label whichever component found it. Names are read by agency_parse
(area + organ segments, or a central organ of the gazetteer) and written out
in full: 市政府办公厅 → 重庆市人民政府办公厅, 市委 → 中国共产党重庆市委员会,
区党工委 → 中共平潭综合实验区工作委员会, 国办 → 国务院办公厅.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from extract.agency_lexicon import (
    NATIONAL_PREFIX,
    known_areas,
    parent_departments,
    party_departments,
    province_names,
)
from extract.agency_parse import ParsedName, parser_for
from extract.agency_segments import Segment
from extract.jurisdiction import Jurisdiction
from extract.jurisdiction import infer_jurisdiction as _infer_areas
from extract.normalize import normalize_label
from extract.resources import word_list

__all__ = [
    "Jurisdiction",
    "agency_aliases",
    "agency_parent",
    "expand_agency_name",
    "infer_jurisdiction",
    "label_of",
    "leading_region",
    "parent_of_label",
    "resolve_agency",
]

_GOVERNMENT = "人民政府"
_ZONE_GOVERNMENT = "管理委员会"
_COLLECTIVE = re.compile(r"各|所属|下属|有关|相关|所有|部门$|单位$|机关$|系统$|代表$|委员$")


@lru_cache(maxsize=16384)
def resolve_agency(surface: str, where: Jurisdiction) -> str | None:
    """The full official name of the agency ``surface`` names, or None if it names none.

    None for collectives (市政府各部门), generic words (财政部门, 中央), people and
    posts (人大代表), and short names whose area the jurisdiction cannot supply
    (区政府 in a 重庆市 report). Remembered: every component asks about the same names.
    """
    name = normalize_label(surface)
    if not name or _COLLECTIVE.search(name):
        return None
    parsed = parser_for(where).parse_whole(name)
    return label_of(parsed, where) if parsed is not None else None


@lru_cache(maxsize=4096)
def parent_of_label(label: str, where: Jurisdiction) -> str | None:
    """The label of the organ the agency labelled ``label`` sits under, if its name tells.

    For agencies found outside gov_agencies (an issuer read from a number's
    prefix): 重庆市人民政府办公厅 → 重庆市人民政府.
    """
    parsed = parser_for(where).parse_whole(normalize_label(label))
    if parsed is None or label_of(parsed, where) != label:
        return None
    return agency_parent(parsed, where)


def expand_agency_name(surface: str, region: str | None) -> str:
    """Full name of an agency written short against the report's region (never None).

    市政府办公厅 in a 重庆市 report → 重庆市人民政府办公厅; a name that cannot be
    read is returned as written.
    """
    resolved = resolve_agency(surface, infer_jurisdiction(region))
    return resolved if resolved is not None else normalize_label(surface)


def infer_jurisdiction(
    region: str | None, text: str = "", *, title: str | None = None
) -> Jurisdiction:
    """The jurisdiction of a report: its region's province, city and kind, and its body.

    The province is the region's own or the one the text names most (平潭综合实验区
    → 福建省); the body is the department a title names before its year
    (广州市教育局2018年… → 广州市教育局), so that 局办公室 is its office; a
    government's own report has no body.
    """
    where = _infer_areas(region, text)
    title = normalize_label(title or "")
    parsed = parser_for(where).parse_at(title, 0)
    if parsed is None or parsed.start != 0 or _is_government(parsed):
        return where
    if not _TITLE_AFTER_BODY.match(title, parsed.end):
        return where
    return where._replace(body=label_of(parsed, where))


def _is_government(parsed: ParsedName) -> bool:
    return parsed.central is None and [s.kind for s in parsed.segments] == ["gov"]


# What follows the body's name in a title: a year, 关于, 政府信息公开… or nothing.
_TITLE_AFTER_BODY = re.compile(r"$|[\d（(〔]|关于|政府信息|政务|信息公开|年度")


def _is_province_level(area: str) -> bool:
    return area in province_names()


def _government(parsed: ParsedName, where: Jurisdiction) -> str:
    parser = parser_for(where)
    zone = parsed.own and parser.where.zone and parsed.area == parser.region_area()
    return _ZONE_GOVERNMENT if zone else _GOVERNMENT


def _head(parsed: ParsedName, where: Jurisdiction) -> tuple[str, str]:
    """The name of the first organ, and how units after it join it (中共重庆市委|办公厅)."""
    area = parsed.area or ""
    first = parsed.segments[0]
    kind = "party" if first.kind == "committee" else first.kind
    if kind == "party":
        return f"中国共产党{area}委员会", f"中共{area}委"
    if kind == "workcom":
        return (f"中共{area}工作委员会",) * 2
    if kind == "discipline":
        return (f"中国共产党{area}纪律检查委员会",) * 2
    if kind == "cppcc":
        return (f"中国人民政治协商会议{area}委员会",) * 2
    if kind == "gov" and first.full in ("政府", _GOVERNMENT):
        return (area + _government(parsed, where),) * 2
    if kind == "office":
        office = "办公厅" if first.full == "办公厅" or _is_province_level(area) else "办公室"
        return (area + _government(parsed, where) + office,) * 2
    return (area + first.full,) * 2


def _unit(segment: Segment, area: str | None) -> str:
    if segment.full == "办":  # 市委办, 县政府办
        return "办公厅" if area and _is_province_level(area) else "办公室"
    return segment.full


def label_of(parsed: ParsedName, where: Jurisdiction) -> str:
    """The full name of a parsed organ name."""
    if parsed.central is not None:
        units = "".join(_unit(s, parsed.area) for s in parsed.segments)
        return parsed.central.name + (parsed.area or "") + units
    units = "".join(_unit(s, parsed.area) for s in parsed.segments[1:])
    alone, joined = _head(parsed, where)
    return alone if not units else joined + units


def agency_aliases(parsed: ParsedName, where: Jurisdiction) -> tuple[str, ...]:
    """Other full names of the organ (中国共产党中央委员会办公厅 for 中共中央办公厅)."""
    if parsed.central is not None:
        if parsed.segments:
            return ()
        return tuple(n for n in parsed.central.known if n != parsed.central.name)
    label = label_of(parsed, where)
    area, kind = parsed.area or "", parsed.segments[0].kind
    if kind in ("party", "committee"):
        long_form = f"中国共产党{area}委员会"
        return tuple({label.replace(f"中共{area}委", long_form, 1), f"中共{area}委员会"} - {label})
    if kind == "workcom":
        return (label.replace("中共", "中国共产党", 1),)
    return ()


def agency_parent(parsed: ParsedName, where: Jurisdiction) -> str | None:
    """The label of the organ this one sits directly under, if the name tells it.

    An office or unit belongs to the organ its name starts with (重庆市人民政府办公厅
    → 重庆市人民政府); a department to its area's government, or to the party
    committee for party departments (党群工作部), or to another department for
    bodies under one (就业局 → 人力资源和社会保障局); governments, party
    committees, congresses, courts and leading groups to none.
    """
    segments = parsed.segments
    if parsed.central is not None and (not segments or parsed.area):
        return parsed.central.parent if not segments else parsed.central.name
    if len(segments) > 1 or (parsed.central is not None and segments):
        return label_of(parsed._replace(segments=segments[:-1]), where)
    if parsed.area in (None, NATIONAL_PREFIX):
        return None
    first = segments[0]
    area = parsed.area or ""
    if first.kind == "office":
        return area + _government(parsed, where)
    if first.kind != "dept":
        return None
    if first.full in party_departments():
        if parser_for(where).where.zone and parsed.own:
            return f"中共{area}工作委员会"
        return f"中国共产党{area}委员会"
    if first.full in parent_departments():
        return area + parent_departments()[first.full]
    return area + _government(parsed, where)


# -- the region of a report title ------------------------------------------------

_MAX_AREA_NAME = 10  # 广西壮族自治区, 新疆维吾尔自治区 …


@cache
def _area_pattern() -> re.Pattern[str]:
    suffixes = "|".join(sorted(word_list("admin_suffixes.txt"), key=len, reverse=True))
    return re.compile(rf"[\u4e00-\u9fff]{{1,{_MAX_AREA_NAME}}}?(?:{suffixes})")


@lru_cache(maxsize=4096)
def leading_region(name: str) -> str:
    """The run of area names a name starts with: 重庆市人民政府办公厅 → 重庆市.

    Known places come first (广州市, not 广州|市); the first area is taken as it
    stands; a further one (北京市|海淀区) only when what follows it is an organ
    word, a year, another area or the end, so that 重庆市城市管理局 stays 重庆市.
    """
    organ_words = word_list("organ_words.txt")
    pos, end = 0, 0
    while (match := _area_match(name, pos)) is not None:
        candidate = name[pos:match]
        if any(word in candidate for word in organ_words):
            break
        rest = name[match:]
        follows_well = (
            not rest
            or rest[0].isdigit()
            or rest.startswith(organ_words)
            or _area_match(rest, 0) is not None
        )
        if pos and not follows_well:
            break
        pos = end = match
    return name[:end]


def _area_match(name: str, pos: int) -> int | None:
    """End of the area name at ``pos``: a known place, else any name with an area ending."""
    known = known_areas().match(name, pos)
    if known is not None:
        return known.end()
    match = _area_pattern().match(name, pos)
    if match is None:
        return None
    end = match.end()
    if match.group(0).endswith("州") and name.startswith("市", end):  # 兖州市, not 兖州
        end += 1
    return end
