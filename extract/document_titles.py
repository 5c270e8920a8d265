"""What a document title says about itself: its genre, its issuers, what it issues.

A policy document's title ends in a genre word (文种: 通知, 意见, 办法 …), may
carry a bracketed qualifier (（试行）, （2016年版）), names its issuers before 关于
(中共中央办公厅国务院办公厅关于…), and a notice that issues another document
names it (关于印发〈X〉的通知 → X). Everything here works on one title string.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from extract.normalize import normalize_label
from extract.resources import table, word_list

_TAIL = re.compile(r"[（(]([^（）()]{1,20})[）)]\s*$")
_NUMBER_TAIL = re.compile(
    r"\s*[（(][^（）()]{0,30}?(?:19|20)\d{2}[^（）()]{0,4}?\d{1,6}\s*号[^（）()]{0,4}[）)]\s*$"
)
_ISSUING = re.compile(r"关于(?:印发|颁布|发布|公布)(.+?)的(?:通知|决定|通告|公告)$")
_REPORT_ITSELF = re.compile(r"(?:政府信息公开|政务公开|信息公开).{0,8}年度报告$")
_ANGLES = re.compile("[<>＜＞]")
_PASSING_ON = re.compile("转发|批转|印发")
# words that make a genre word no more specific: 《实施方案》 is as short as 《方案》
_GENERIC_MODIFIERS = frozenset(
    (
        "",
        "本",
        "该",
        "此",
        "实施",
        "工作",
        "管理",
        "暂行",
        "指导",
        "若干",
        "补充",
        "行动",
        "工作实施",
    )
)


@cache
def _genres() -> tuple[tuple[str, str], ...]:
    rows = ((row["ending"], row["doc_type"]) for row in table("document_genres.tsv"))
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


@cache
def genre_words() -> tuple[str, ...]:
    """The genre words that make a document (longest first)."""
    return tuple(ending for ending, kind in _genres() if kind != "-")


def number_tail(title: str) -> int | None:
    """Where a bracketed number inside the marks starts: 《…通知（国办发〔2016〕19号）》."""
    match = _NUMBER_TAIL.search(title)
    return match.start() if match else None


def strip_qualifier(title: str) -> str:
    """The title without a trailing （试行）/（2016年版）-like qualifier."""
    match = _TAIL.search(title)
    if match and any(word in match.group(1) for word in word_list("title_qualifiers.txt")):
        return title[: match.start()].rstrip()
    return title


@lru_cache(maxsize=4096)
def doc_type(title: str) -> str | None:
    """The genre word the title ends with (longest match), or None if it names no document."""
    core = normalize_label(strip_qualifier(title))
    by_ending, lengths = _genre_endings()
    for length in lengths:
        kind = by_ending.get(core[-length:])
        if kind is not None:
            return None if kind == "-" else kind
    return None


@cache
def _genre_endings() -> tuple[dict[str, str], tuple[int, ...]]:
    """Genre words by text (the first row of a word wins) and their lengths, longest first."""
    by_ending: dict[str, str] = {}
    for ending, kind in _genres():
        by_ending.setdefault(ending, kind)
    return by_ending, tuple(sorted({len(e) for e in by_ending if e}, reverse=True))


@lru_cache(maxsize=4096)
def is_short_reference(key: str) -> bool:
    """A title that is only a genre word (《条例》, 《实施方案》): it stands for a full title."""
    kind_words = genre_words()
    for word in kind_words:
        if key.endswith(word):
            return key[: -len(word)] in ("", *word_list("genre_modifiers.txt"))
    return False


def is_report_itself(title: str) -> bool:
    """A disclosure annual report (this one or another year's) is not a policy document."""
    return _REPORT_ITSELF.search(normalize_label(title)) is not None


def issuer_segment(title: str) -> tuple[int, int] | None:
    """Offsets in ``title`` of the issuer names before the first 关于, if any.

    In 国务院办公厅转发国家发展改革委关于…的通知 the issuer is the one that forwards.
    """
    at = title.find("关于")
    if at <= 0:
        return None
    start = len(title) - len(title.lstrip())
    passing = _PASSING_ON.search(title, start, at)
    end = passing.start() if passing else at
    return (start, end) if title[start:end].strip() else None


def without_issuer(title: str) -> str | None:
    """The title from its 关于 on, when issuers come before it (how titles are often cited)."""
    key = normalize_label(title)
    at = key.find("关于")
    return key[at:] if at > 0 and _PASSING_ON.search(key, 0, at) is None else None


@lru_cache(maxsize=4096)
def issued_document(title: str) -> str | None:
    """The name of the document a notice issues (关于印发〈X〉的通知 → X), normalised."""
    match = _ISSUING.search(normalize_label(title))
    if match is None:
        return None
    inner = _ANGLES.sub("", match.group(1))
    return inner if doc_type(inner) else None


@lru_cache(maxsize=4096)
def title_aliases(title: str) -> tuple[str, ...]:
    """Other names of the same document that can be read off its title."""
    label = normalize_label(title)
    names = {
        normalize_label(strip_qualifier(title)),
        _ANGLES.sub("", label),
        issued_document(title) or "",
        without_issuer(title) or "",
    }
    return tuple(sorted(n for n in names if n and n != label))
