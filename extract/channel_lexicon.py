"""The channel knowledge of ``resources/channel_*``, loaded once into compiled patterns.

Kind words (网站, 官方微博, 热线 …) anchor channel names; boundary words end the
text before a name; generic words, internal-system words and government
compounds decide whether a name names one channel; brands are the third-party
platforms. Everything here is data: adding a kind of channel is adding a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.literal_scan import trie_pattern
from extract.records import CHANNEL_TYPES
from extract.resources import provinces, table, word_list

CHANNEL_CODES = frozenset(CHANNEL_TYPES)


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind word of ``channel_kinds.tsv``; ``code`` is ``-`` for words that only extend one."""

    word: str
    code: str
    flags: frozenset[str]

    def has(self, flag: str) -> bool:
        return flag in self.flags


@dataclass(frozen=True, slots=True)
class Brand:
    name: str  # 新浪
    forms: tuple[str, ...]  # 新浪微博, 新浪网, 新浪


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """Any of ``words``, the longest at a position; shaped as a trie, which the regex
    engine tries far faster than a flat list of alternatives."""
    return trie_pattern(words)


@cache
def kinds() -> dict[str, Kind]:
    out: dict[str, Kind] = {}
    for row in table("channel_kinds.tsv"):
        flags = frozenset(f for f in (row.get("flags") or "").split(",") if f)
        out[row["word"]] = Kind(row["word"], row["code"], flags)
    return out


@cache
def kind_pattern() -> re.Pattern[str]:
    """Every kind word that may follow a name in running text, longest first at each
    position (not the bare ones: 报 ends a name only in 《》)."""
    return re.compile(_alternation([w for w, k in kinds().items() if not k.has("bare")]))


@cache
def kind_ending_pattern() -> re.Pattern[str]:
    """A kind word at the end of a string (a name that contains its kind: 重庆就业网)."""
    return re.compile(f"(?:{_alternation(list(kinds()))})$")


@cache
def boundary_pattern() -> re.Pattern[str]:
    """Boundary words, and numerals with a measure word (四家, 8个, 三级, 第一)."""
    numeral = (
        r"(?:第?(?<![0-9０-９零一二三四五六七八九十百千两])[0-9０-９零一二三四五六七八九十百千两]+"
        r"(?:个|家|类|项|条|级|批|种|名|位|期|次|年|月|日|号|大)|第[一二三四五六七八九十])"
    )
    return re.compile(f"{numeral}|{_alternation(word_list('channel_name_boundaries.txt'))}")


@cache
def collective_words() -> tuple[str, ...]:
    return word_list("channel_collective_words.txt")


@cache
def leading_pattern() -> re.Pattern[str]:
    return re.compile(f"^(?:{_alternation(word_list('channel_leading_words.txt'))})")


@cache
def generic_words() -> frozenset[str]:
    return frozenset(word_list("channel_generic_words.txt"))


@cache
def generic_pattern() -> re.Pattern[str]:
    """A name made only of generic words (政府信息公开, 政务服务)."""
    return re.compile(f"^(?:{_alternation(list(generic_words()))})*$")


@cache
def internal_endings() -> tuple[str, ...]:
    return word_list("channel_internal_words.txt")


@cache
def government_compounds() -> tuple[str, ...]:
    return word_list("channel_government_compounds.txt")


@cache
def platform_words() -> tuple[str, ...]:
    return word_list("channel_platform_words.txt")


@cache
def official_titles() -> tuple[str, ...]:
    return word_list("channel_official_titles.txt")


@cache
def organ_endings() -> tuple[str, ...]:
    """Endings of organ names, longest first (人民政府 before 政府 before 府)."""
    return tuple(sorted(word_list("organ_endings.txt"), key=len, reverse=True))


@cache
def admin_levels() -> tuple[str, ...]:
    """Endings of area names (市, 区, 实验区 …), longest first."""
    return tuple(sorted(word_list("admin_suffixes.txt"), key=len, reverse=True))


def short_place(name: str) -> str:
    """An area name without its ending, when two characters or more remain (长沙市 → 长沙)."""
    for level in admin_levels():
        if name.endswith(level) and len(name) - len(level) >= 2:
            return name[: -len(level)]
    return name


@cache
def place_starts() -> tuple[str, ...]:
    """Names a channel name may start with to be specific: provinces, prefecture-level
    cities, their short names (长沙晚报, 重庆价格信息网), 中国 …"""
    names = ["中国", "中华", "国家"]
    for region in provinces():
        names.extend((region.name, region.short))
    for row in table("prefecture_cities.tsv"):
        names.extend((row["name"], short_place(row["name"])))
    return tuple(sorted(set(names), key=len, reverse=True))


@cache
def brands() -> tuple[Brand, ...]:
    return tuple(
        Brand(row["name"], tuple(row["forms"].split(","))) for row in table("channel_brands.tsv")
    )


@cache
def brand_pattern() -> re.Pattern[str]:
    """Any brand form not followed by a character that makes it another word (中国网|络)."""
    forms = [form for brand in brands() for form in brand.forms]
    return re.compile(f"(?:{_alternation(forms)})(?![络上站页友民点])")


@cache
def brand_of_form() -> dict[str, Brand]:
    return {form: brand for brand in brands() for form in brand.forms}


@cache
def type_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """The words that show a kind of channel was used, and their codes (``none`` masks)."""
    codes = {row["word"]: row["code"] for row in table("channel_type_words.tsv")}
    return re.compile(_alternation(list(codes))), codes


@cache
def abbreviations() -> tuple[tuple[str, str], ...]:
    return tuple((row["short"], row["full"]) for row in table("channel_abbreviations.tsv"))


@cache
def plan_words() -> dict[str, tuple[str, ...]]:
    """Plan-section words by kind: heading, problem, marker."""
    out: dict[str, list[str]] = {}
    for row in table("channel_plan_markers.tsv"):
        out.setdefault(row["kind"], []).append(row["word"])
    return {kind: tuple(words) for kind, words in out.items()}
