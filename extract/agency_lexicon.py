"""The knowledge agency names are read with, loaded once from ``resources/``.

Organ endings, stem words, short forms, area abbreviations, the gazetteer of
central organs and the prefecture-level cities are data files; this module
turns them into lookup tables and trie-shaped regular expressions (one pass,
no backtracking beyond a word's length).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from extract.literal_scan import LiteralScan, trie_pattern
from extract.resources import provinces, table, word_list

CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class Ending:
    """An organ ending (局, 人民政府, 办公室 …) and how names with it behave."""

    text: str
    kind: str  # kind when nothing stands between the area and the ending
    stem_kind: str  # kind when a stem does (市|旅游|局 is a dept)
    bare: bool  # may follow an area directly (市委, 区政府)
    unit: bool  # may follow another organ without a stem (人民政府|办公厅)
    loose: bool  # may end a stem of words outside the stem list
    not_before: tuple[str, ...]  # what may not follow it


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An area word standing for an area of the jurisdiction (市 in 市政府)."""

    text: str
    strict: bool
    zone: bool  # an area with this ending is run by a 管理委员会
    not_after: frozenset[str]
    not_before: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CentralOrgan:
    name: str
    known: tuple[str, ...]  # full alternative names, added as aliases
    parent: str | None


def _split(cell: str | None, sep: str = "|") -> tuple[str, ...]:
    return tuple(part for part in (cell or "").split(sep) if part)


@cache
def endings() -> dict[str, Ending]:
    return {
        row["ending"]: Ending(
            row["ending"],
            row["kind"],
            row["stem_kind"],
            row["bare"] == "y",
            row["unit"] == "y",
            row["loose"] == "y",
            _split(row["not_before"]),
        )
        for row in table("agency_endings.tsv")
    }


def _ending_alternation(names: Iterable[str]) -> str:
    """Endings longest first, each guarded by what may not follow it."""
    parts = []
    for name in sorted(names, key=len, reverse=True):
        ending = endings()[name]
        guard = "|".join(re.escape(w) for w in ending.not_before)
        parts.append(re.escape(name) + (f"(?!{guard})" if guard else ""))
    return "(?:" + "|".join(parts) + ")"


@cache
def stem_words() -> tuple[str, ...]:
    return word_list("agency_stems.txt")


@cache
def segment_regex() -> re.Pattern[str]:
    """stem words (joined by 和/与/及) + an ending, or an ending alone."""
    word = trie_pattern(stem_words())
    stems = rf"(?:{word})(?:[和与及]?(?:{word})){{0,5}}"
    return re.compile(rf"(?P<stem>{stems})?(?P<end>{_ending_alternation(endings())})")


@cache
def loose_segment_regex() -> re.Pattern[str]:
    """2–6 characters outside the stem list ended by a strong ending (区资源生态局)."""
    stop = re.escape("".join(context("stop")))
    loose = [name for name, e in endings().items() if e.loose]
    return re.compile(
        rf"(?P<stem>[\u4e00-\u9fff](?:(?![{stop}])[\u4e00-\u9fff]){{1,5}}?)"
        rf"(?P<end>{_ending_alternation(loose)})"
    )


@cache
def short_forms() -> dict[str, tuple[str, ...]]:
    """Short segment → its full segments (府办 → 人民政府, 办公室)."""
    return {row["short"]: _split(row["full"]) for row in table("agency_abbreviations.tsv")}


@cache
def short_form_scan() -> LiteralScan:
    """The longest short form at a position (府办, 教委 …)."""
    return LiteralScan(short_forms())


@cache
def abbreviations() -> dict[str, Abbreviation]:
    return {
        row["abbreviation"]: Abbreviation(
            row["abbreviation"],
            row["strict"] == "y",
            row["zone"] == "y",
            frozenset(row["not_after"] or ""),
            _split(row["not_before"]),
        )
        for row in table("area_abbreviations.tsv")
    }


@cache
def context(kind: str) -> frozenset[str]:
    """Character classes of agency_context.tsv: function, stop, separator."""
    for row in table("agency_context.tsv"):
        if row["kind"] == kind:
            return frozenset(row["characters"])
    return frozenset()


@cache
def central_organs() -> dict[str, CentralOrgan]:
    """Every surface form of a central organ → the organ."""
    out: dict[str, CentralOrgan] = {}
    for row in table("central_agencies.tsv"):
        organ = CentralOrgan(row["name"], _split(row["known"], ","), row["parent"] or None)
        for surface in (row["name"], *_split(row["surfaces"], ","), *organ.known):
            out.setdefault(surface, organ)
    return out


@cache
def city_provinces() -> dict[str, str]:
    """Prefecture-level division → its province."""
    return {row["name"]: row["province"] for row in table("prefecture_cities.tsv")}


@cache
def province_names() -> frozenset[str]:
    return frozenset(p.name for p in provinces())


@cache
def party_departments() -> frozenset[str]:
    return frozenset(word_list("party_departments.txt"))


@cache
def parent_departments() -> dict[str, str]:
    return {row["segment"]: row["parent"] for row in table("agency_parent_departments.tsv")}


# Names that stand for the region's own organ without an area (人大, 管委会).
BARE_ORGANS = ("管委会", "党工委", "行政公署", "行署", "人大常委会", "人大", "政协", "纪委", "监委")
ZONE_ORGANS = ("管委会", "党工委")  # bare only in a report of a zone (开发区, 综合实验区)
PREFECTURE_ORGANS = ("行政公署", "行署")  # bare only in a report of a 地区 or 盟
PARTY_PREFIXES = ("中国共产党", "中共")
NATIONAL_PREFIX = "国家"


@cache
def static_anchors() -> LiteralScan:
    """Where a name may start: central organs, known areas, abbreviations, prefixes."""
    words = [
        *central_organs(),
        *city_provinces(),
        *province_names(),
        *abbreviations(),
        *BARE_ORGANS,
        *PARTY_PREFIXES,
        NATIONAL_PREFIX,
    ]
    return LiteralScan(words)


@cache
def known_areas() -> LiteralScan:
    """Provinces and prefecture-level cities by full name (the longest at a position)."""
    return LiteralScan([*city_provinces(), *province_names()])


@cache
def admin_suffix_regex() -> re.Pattern[str]:
    """An unnamed place: 2–4 characters and an area ending (岳麓区, 两江新区)."""
    stop = re.escape("".join(context("stop") | context("separator") - {"和"}))
    suffixes = trie_pattern(abbreviations())
    return re.compile(rf"(?:(?![{stop}])[\u4e00-\u9fff]){{2,4}}?(?:{suffixes})")


@cache
def generic_places() -> tuple[str, ...]:
    """Endings of words for kinds of place (片区, 山区), which name no one area."""
    return word_list("generic_places.txt")
