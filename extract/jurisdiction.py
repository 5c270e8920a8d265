"""The report's jurisdiction: the areas its short agency names are resolved against.

A 重庆市 report's 市政府 is 重庆市人民政府; a 平潭综合实验区 report's 省政府办公厅
is 福建省人民政府办公厅, which needs the province the region lies in: it is read
from the region itself (湖南省长沙市岳麓区, 长沙市 → 湖南省) or, failing that,
from the provinces and cities the text names most.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from typing import NamedTuple

from extract.agency_lexicon import (
    abbreviations,
    city_provinces,
    known_areas,
    province_names,
)
from extract.literal_scan import LiteralScan, trie_pattern
from extract.resources import provinces, table, word_list


class Jurisdiction(NamedTuple):
    """Where a report's short names are resolved: 市政府 in a 重庆市 report is 重庆市人民政府."""

    region: str | None  # the report's region: 重庆市, 平潭综合实验区, 北京市海淀区
    province: str | None = None  # its province-level region (福建省 for 平潭综合实验区)
    city: str | None = None  # the prefecture-level city it lies in (长沙市 for 岳麓区)
    zone: bool = False  # the region is run by a 管理委员会 (开发区, 综合实验区)
    body: str | None = None  # the reporting body when it is not the region's government


@cache
def _generic_area() -> re.Pattern[str]:
    suffixes = trie_pattern(word_list("admin_suffixes.txt"))
    return re.compile(rf"[\u4e00-\u9fff]{{1,10}}?(?:{suffixes})")


def region_parts(region: str) -> tuple[str, ...]:
    """The areas a region name is made of: 湖南省长沙市岳麓区 → 湖南省, 长沙市, 岳麓区."""
    parts: list[str] = []
    pos = 0
    while pos < len(region):
        match = known_areas().match(region, pos) or _generic_area().match(region, pos)
        if match is None:
            break
        parts.append(match.group(0))
        pos = match.end()
    if pos < len(region) and parts:
        parts[-1] += region[pos:]
    return tuple(parts) or (region,)


def own_areas(where: Jurisdiction) -> tuple[tuple[str, str], ...]:
    """(name, canonical name) of the jurisdiction's areas, from the province down.

    The deepest area's canonical name is the region as the report writes it, so
    岳麓区人民政府 in a 长沙市岳麓区 report becomes 长沙市岳麓区人民政府.
    """
    out: list[tuple[str, str]] = []
    for name in (where.province, where.city):
        if name:
            out.append((name, name))
    if where.region:
        parts = region_parts(where.region)
        for part in parts[:-1]:
            out.append((part, part))
        out.append((parts[-1], where.region))
        if where.region != parts[-1]:
            out.append((where.region, where.region))
    unique: dict[str, str] = {}
    for name, canonical in out:
        unique.setdefault(name, canonical)
    return tuple(unique.items())


def infer_jurisdiction(region: str | None, text: str = "") -> Jurisdiction:
    """The jurisdiction of a report of ``region`` whose body text is ``text``.

    Province and city: the region's own (it is one, starts with one, or is a
    county-level division whose city and province are known: 岳麓区 → 长沙市,
    湖南省; a zone named after a county, 平潭综合实验区, gets that county's
    province), else those the text names most (福建省, 福建, its cities).
    """
    parts = region_parts(region) if region else ()
    province = next((p for p in parts if p in province_names()), None)
    city = next((p for p in parts if p in city_provinces()), None)
    if province is None and city is not None:
        province = city_provinces()[city]
    if parts and not _is_city_level(parts[-1]):
        county = _county_of(parts[-1], province, city, text)
        if county is not None:
            province = province or county.province
            city = city or county.city or None
    if province is None and text:
        province = _most_named_province(text)
    if city is None and parts and text and not _is_city_level(parts[-1]):
        city = _most_named_city(text, province)
    return Jurisdiction(region, province, city, _is_zone(parts, text))


class _County(NamedTuple):
    province: str
    city: str  # "" when the county is directly under its province


@cache
def _counties() -> dict[str, tuple[_County, ...]]:
    """County-level division name → the divisions of that name."""
    out: dict[str, list[_County]] = {}
    for row in table("county_divisions.tsv"):
        out.setdefault(row["name"], []).append(_County(row["province"], row["city"]))
    return {name: tuple(found) for name, found in out.items()}


@cache
def _counties_by_short_name() -> dict[str, tuple[_County, ...]]:
    """平潭 → 平潭县: names without their area ending (only the province is kept)."""
    out: dict[str, list[_County]] = {}
    for name, found in _counties().items():
        short = _short_name(name)
        if len(short) >= 2:
            out.setdefault(short, []).extend(_County(c.province, "") for c in found)
    return {short: tuple(set(found)) for short, found in out.items()}


@cache
def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(word_list("admin_suffixes.txt"), key=len, reverse=True))


def _short_name(name: str) -> str:
    ending = next((s for s in _suffixes() if name.endswith(s) and len(name) > len(s) + 1), "")
    return name[: len(name) - len(ending)]


def _county_of(name: str, province: str | None, city: str | None, text: str) -> _County | None:
    """The county-level division a region names, told apart by province, city and text."""
    found = _counties().get(name) or _counties_by_short_name().get(_short_name(name), ())
    found = tuple(c for c in found if province in (None, c.province) and city in (None, c.city))
    if len(found) > 1 and text:
        places = _named_places(text)
        best = max(places[c.province] + places[c.city] for c in found)
        found = tuple(c for c in found if places[c.province] + places[c.city] == best)
    return found[0] if len(found) == 1 else None


def completed(where: Jurisdiction) -> Jurisdiction:
    """``where`` with what its region alone tells filled in (province, zone).

    So that a caller who builds ``Jurisdiction(region)`` by hand gets the same
    labels as one who called infer_jurisdiction.
    """
    if not where.region:
        return where
    own = infer_jurisdiction(where.region)
    return Jurisdiction(
        where.region,
        where.province or own.province,
        where.city or own.city,
        where.zone or own.zone,
        where.body,
    )


def _is_city_level(area: str) -> bool:
    return area in province_names() or area.endswith(("市", "州", "盟", "地区"))


def _is_zone(parts: tuple[str, ...], text: str) -> bool:
    if not parts:
        return False
    for abbr in sorted(abbreviations().values(), key=lambda a: len(a.text), reverse=True):
        if parts[-1].endswith(abbr.text):
            if not abbr.zone:
                return False
            return abbr.text != "新区" or "管委会" in text or "管理委员会" in text
    return False


@cache
def _place_scan() -> LiteralScan:
    names = [*city_provinces(), *(r.name for r in provinces()), *(r.short for r in provinces())]
    return LiteralScan(names)


@cache
def _province_of_short() -> dict[str, str]:
    return {r.short: r.name for r in provinces()}


@lru_cache(maxsize=4)
def _named_places(text: str) -> Counter[str]:
    """How often the text names each province (full or short) and each city."""
    return Counter(m.group(0) for m in _place_scan().finditer(text))


# No mainland report is of these; 台湾, 香港 are named for other reasons (港澳台).
_NOT_A_REPORT_PROVINCE = frozenset({"台湾省", "香港特别行政区", "澳门特别行政区"})


def _most_named_province(text: str) -> str | None:
    votes: Counter[str] = Counter()
    for name, count in _named_places(text).items():
        if name in province_names():
            votes[name] += 2 * count
        elif name in _province_of_short():
            votes[_province_of_short()[name]] += count
        else:
            votes[city_provinces()[name]] += count
    for name in _NOT_A_REPORT_PROVINCE:
        votes.pop(name, None)
    return _clear_winner(votes)


def _most_named_city(text: str, province: str | None) -> str | None:
    votes: Counter[str] = Counter(
        {
            name: count
            for name, count in _named_places(text).items()
            if name in city_provinces() and province in (None, city_provinces()[name])
        }
    )
    winner = _clear_winner(votes)
    return winner if winner and votes[winner] >= 2 else None


def _clear_winner(votes: Counter[str]) -> str | None:
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] <= 0:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]
