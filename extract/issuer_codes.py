"""Issuer codes: which body a document number's prefix names (渝府办发 → 重庆市人民政府办公厅).

Central bodies are a table (国办发 → 国务院办公厅, 财预 → 财政部). Local codes are
an area's abbreviation followed by a code word (渝 + 府办发, 闽 + 政): the
area is the report's own (by its first character), a city of the report's
province, or a province. The result is a surface name for ``resolve_agency``;
a code nobody can read gives nothing rather than a guess.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from extract.agency_names import Jurisdiction
from extract.resources import provinces, table, word_list

_PROVINCE_LEVEL = ("省", "自治区", "特别行政区")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


class _Area(NamedTuple):
    name: str  # 福建省, 长沙市岳麓区
    province_level: bool


def issuers_of_code(code: str, year: int | None, where: Jurisdiction) -> tuple[str, ...]:
    """Surface names of the bodies an issuer code names; empty when it cannot be read."""
    local = _local_issuer(code, where)
    if local:
        return (local,)
    return _central_issuers(code, year)


def _central_issuers(code: str, year: int | None) -> tuple[str, ...]:
    best: tuple[int, tuple[str, ...]] = (0, ())
    for row in table("issuer_codes.tsv"):
        stem = row["code"]
        hit = code == stem if row["match"] == "exact" else code.startswith(stem)
        if not hit or len(stem) <= best[0] or not _in_years(year, row["from"], row["to"]):
            continue
        best = (len(stem), tuple(row["agency"].split(",")))
    return best[1]


def _in_years(year: int | None, start: str, end: str) -> bool:
    if year is None:
        return True
    return (not start or year >= int(start)) and (not end or year < int(end))


def _local_issuer(code: str, where: Jurisdiction) -> str | None:
    overrides = {row["code"]: row["body"] for row in table("local_issuer_overrides.tsv")}
    for area, rest, body_hint in _local_readings(code, where):
        body = overrides.get(code) if code in overrides and area.province_level else None
        body = body or body_hint or _suffixes().get(rest)
        if body:
            return _body_name(area, body)
    return None


def _local_readings(code: str, where: Jurisdiction) -> list[tuple[_Area, str, str | None]]:
    """(area, rest of the code, body if already known) in order of preference."""
    readings: list[tuple[_Area, str, str | None]] = []
    abbreviations = {abbr for abbr, _ in _province_abbreviations()}
    for level in reversed(area_levels(where.region or "")):
        if level.province_level:
            continue
        short = _short_name(level.name)
        for abbr in (short, short[:1]):
            if abbr and code.startswith(abbr) and (len(abbr) > 1 or abbr not in abbreviations):
                readings.append((level, code[len(abbr) :], None))
    province = where.province or province_of(where.region or "")
    for row in table("city_issuer_codes.tsv"):
        abbr = row["abbreviation"]
        if row["province"] == province and code.startswith(abbr + row["gov_word"]):
            readings.append((_Area(row["city"], False), code[len(abbr) :], None))
    for abbr, name in _province_abbreviations():
        if code.startswith(abbr):
            readings.append((_Area(name, True), code[len(abbr) :], None))
    return readings


def _body_name(area: _Area, body: str) -> str:
    office = "办公厅" if area.province_level else "办公室"
    return {
        "government": f"{area.name}人民政府",
        "office": f"{area.name}人民政府{office}",
        "party": f"中共{area.name}委员会",
        "party_office": f"中共{area.name}委员会{office}",
    }[body]


@cache
def _suffixes() -> dict[str, str]:
    return {row["suffix"]: row["body"] for row in table("local_issuer_suffixes.tsv")}


@cache
def _province_abbreviations() -> tuple[tuple[str, str], ...]:
    pairs = [(abbr, p.name) for p in provinces() for abbr in p.abbreviations]
    pairs += [
        (row["abbreviation"], row["province"]) for row in table("province_issuer_abbreviations.tsv")
    ]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


@cache
def _area_pattern() -> re.Pattern[str]:
    suffixes = "|".join(sorted(word_list("admin_suffixes.txt"), key=len, reverse=True))
    return re.compile(rf"[\u4e00-\u9fff]{{1,10}}?(?:{suffixes})")


def area_levels(region: str) -> list[_Area]:
    """The areas a region name is made of: 湖南省长沙市岳麓区 → 湖南省, 长沙市, 长沙市岳麓区.

    Below the province the names drop the province (长沙市, not 湖南省长沙市).
    """
    names: list[str] = []
    pos = 0
    while (match := _area_pattern().match(region, pos)) is not None:
        names.append(match.group(0))
        pos = match.end()
    if not names:
        return []
    top = 1 if _is_province_level(names[0]) else 0
    levels = [_Area(names[0], True)] if top else []
    levels += [_Area("".join(names[top : i + 1]), False) for i in range(top, len(names))]
    return levels


def _short_name(name: str) -> str:
    """The last area's name without its ending: 长沙市岳麓区 → 岳麓."""
    last = ["", *_area_pattern().findall(name)][-1] or name
    for suffix in sorted(word_list("admin_suffixes.txt"), key=len, reverse=True):
        if last.endswith(suffix) and len(last) > len(suffix):
            return last[: -len(suffix)]
    return last


def _is_province_level(name: str) -> bool:
    return name.endswith(_PROVINCE_LEVEL) or name in _MUNICIPALITIES


def province_of(region: str) -> str | None:
    """The province a region lies in, when its name or its city tells."""
    for province in provinces():
        if region.startswith((province.name, province.short)):
            return province.name
    for row in table("city_issuer_codes.tsv"):
        if region.startswith(row["city"]):
            return row["province"]
    return None
