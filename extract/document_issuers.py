"""Issuers named in words: the names before 关于 in a title, before a title, before 令.

A run of issuers (中共中央办公厅国务院办公厅) splits where a new body's name
begins: after an organ ending, at a word that starts a body (中共, 国务院, 国家,
an area name), or between two ministries; an office stays with its parent
(国务院办公厅政府信息与政务公开办公室 is one body). Every name is resolved with
``resolve_agency``, so documents and the agency finder give one body one label.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import NamedTuple

from extract.agency_names import Jurisdiction, resolve_agency
from extract.issuer_codes import area_levels
from extract.literal_scan import trie_pattern
from extract.resources import table, word_list

_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_A_NAME = ("我", "本", "该", "各", "此", "全市", "全省", "全区", "全县", "上级", "有关", "相关")
_SEPARATORS = frozenset("、,，/")
_LIST_GAPS = frozenset(" \t\u3000、")
_MAX_NAME = 30
_ORGAN_CHARS = ("局", "厅", "部", "委", "办")  # never inside an area's name
_MIN_AREA = 3  # 长沙市; shorter matches (城市 in 城市管理局) are words, not areas


class Issuer(NamedTuple):
    start: int  # offsets into the text the name was read from
    end: int
    label: str  # full name from resolve_agency


def split_issuers(text: str, start: int, end: int, where: Jurisdiction) -> list[Issuer]:
    """The bodies named in ``text[start:end]`` (the part of a title before 关于)."""
    chars = [(i, c) for i, c in enumerate(text[start:end], start) if not c.isspace()]
    pieces: list[list[tuple[int, str]]] = [[]]
    for offset, char in chars:
        if char in _SEPARATORS:
            pieces.append([])
        else:
            pieces[-1].append((offset, char))
    out: list[Issuer] = []
    for piece in pieces:
        name = "".join(c for _, c in piece)
        for a, b in _cuts(name):
            issuer = _resolved(name[a:b], piece[a][0], piece[b - 1][0] + 1, where)
            if issuer:
                out.append(issuer)
    return out


def _cuts(name: str) -> list[tuple[int, int]]:
    """Where one body's name ends and the next begins inside ``name``."""
    bounds = [0]
    pos = 0
    while (ending := _ending_regex().search(name, pos)) is not None:
        pos = ending.end()
        if pos < len(name) and _new_body(name[bounds[-1] : pos], name[pos:]):
            bounds.append(pos)
    bounds.append(len(name))
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _new_body(before: str, rest: str) -> bool:
    if rest.startswith(_starts()):
        return True
    if _starts_with_area(rest):
        return True
    return _ends_as_ministry(before) and _ends_as_ministry(_first_name(rest))


def _starts_with_area(rest: str) -> bool:
    """``rest`` begins with an area name (重庆市…), not with a word that ends in 市/区."""
    levels = area_levels(rest[:_MAX_NAME])
    if not levels or len(levels[0].name) < _MIN_AREA:
        return False
    return not any(word in levels[0].name for word in _organ_words())


def _ends_as_ministry(name: str) -> bool:
    if not name.endswith(word_list("ministry_endings.txt")):
        return False
    return not (name.startswith("中共") or re.search("[省市县区州盟旗党工]委$", name))


def _first_name(rest: str) -> str:
    """``rest`` up to the end of its first organ ending."""
    ending = _ending_regex().search(rest)
    return rest[: ending.end()] if ending else rest


def _resolved(name: str, start: int, end: int, where: Jurisdiction) -> Issuer | None:
    if name.startswith(_NOT_A_NAME) or (not name.endswith(_endings()) and name not in _shorts()):
        return None
    if len(name) < 2 or len(name) > _MAX_NAME:
        return None
    label = resolve_agency(name, where)
    return Issuer(start, end, label) if label else None


def named_issuers(text: str, start: int, end: int, where: Jurisdiction) -> list[Issuer]:
    """Bodies named by ``text[start:end]``: a central short name (中办, 国办) or full names."""
    name = text[start:end]
    if name in _shorts():
        return [Issuer(start, end, resolve_agency(full, where) or full) for full in _shorts()[name]]
    return split_issuers(text, start, end, where)


def issuer_run_before(text: str, end: int) -> tuple[int, str]:
    """The run of Chinese characters ending at ``end``, cut after the last lead word."""
    pos = end
    while pos > 0 and end - pos < _MAX_NAME and _CJK.match(text[pos - 1]):
        pos -= 1
    run = text[pos:end]
    cut = 0
    for word in word_list("title_lead_words.txt"):
        idx = run.rfind(word)
        if idx >= 0:
            cut = max(cut, idx + len(word))
    return pos + cut, run[cut:]


def listed_before(text: str, start: int, where: Jurisdiction) -> int:
    """Move ``start`` back over bodies listed before it (财政部 国家税务总局, X、Y)."""
    while start > 1 and (text[start - 1] in _LIST_GAPS):
        gap = start - 1
        while gap > 0 and text[gap - 1] in _LIST_GAPS:
            gap -= 1
        run_start, run = issuer_run_before(text, gap)
        begin = run_start + leading_body(run)
        found = split_issuers(text, begin, gap, where) if begin < gap else []
        if not found or found[0].start != begin or found[-1].end != gap:
            break
        start = begin
    return start


def leading_body(run: str) -> int:
    """Offset in ``run`` where a body's name plausibly starts (0 if none is found later)."""
    for pos in range(len(run)):
        rest = run[pos:]
        if rest in _shorts() or rest.startswith(_starts()) or _starts_with_area(rest):
            return pos
    return 0


@cache
def _endings() -> tuple[str, ...]:
    return tuple(sorted(word_list("issuer_endings.txt"), key=len, reverse=True))


@cache
def _ending_regex() -> re.Pattern[str]:
    """The endings, longest first at a position: the first organ ending in a name."""
    return re.compile(trie_pattern(_endings()))


@cache
def _organ_words() -> tuple[str, ...]:
    return (*word_list("organ_words.txt"), *_ORGAN_CHARS)


@cache
def _starts() -> tuple[str, ...]:
    return tuple(sorted(word_list("issuer_starts.txt"), key=len, reverse=True))


@cache
def _shorts() -> dict[str, tuple[str, ...]]:
    return {row["short"]: tuple(row["full"].split(",")) for row in table("issuer_short_names.tsv")}
