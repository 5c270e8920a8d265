"""The edges of a measure phrase: time words, adverbs and verbs that are not what is counted.

2016年，全年共主动公开政府信息达 → 主动公开政府信息. Words come from
``measure_phrase_noise.tsv``; leading dates, brackets and quotation marks go
too. Each side is one compiled expression that repeats its alternatives (the
longest first, every one a literal or a bounded date form, so the match stays
linear) until none applies; the right side is matched on the reversed phrase.
"""

from __future__ import annotations

import re
from functools import cache

from extract.resources import table

_LEFT_CHARS = "“”‘’\"'（）()、，, \t\u3000"
_RIGHT_CHARS = "“”‘’\"'：:（(、， \t\u3000"
_LEADING_DATE = (
    r"截至[^，,]{0,12}?(?:年底|年末|月底|底|末)"
    r"|(?:19|20)\d{2}年度?(?:\d{1,2}月)?(?:\d{1,2}日)?"
    r"|\d{1,2}月(?:\d{1,2}日)?"
    r"|\d{1,2}日"
)


@cache
def _noise(side: str) -> tuple[str, ...]:
    words = [row["word"] for row in table("measure_phrase_noise.tsv") if row["side"] == side]
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _left_edge() -> re.Pattern[str]:
    words = "|".join(map(re.escape, _noise("left")))
    chars = "[" + re.escape(_LEFT_CHARS) + "]+"
    return re.compile(f"(?:{chars}|{_LEADING_DATE}|{words})*+")


@cache
def _right_edge_reversed() -> re.Pattern[str]:
    """The right edge read backwards, so that it is a match at the start."""
    words = "|".join(re.escape(word[::-1]) for word in _noise("right"))
    chars = "[" + re.escape(_RIGHT_CHARS) + "]+"
    return re.compile(f"(?:{chars}|{words})*+")


def clean_phrase(text: str) -> str:
    return strip_right(strip_left(text))


def strip_left(text: str) -> str:
    """截至2016年底，全年共… → the phrase without its leading time and adverbs."""
    edge = _left_edge().match(text)
    return text[edge.end() :] if edge else text


def strip_right(text: str) -> str:
    """…主动公开政府信息达 → …主动公开政府信息."""
    edge = _right_edge_reversed().match(text[::-1])
    return text[: len(text) - edge.end()] if edge and edge.end() else text
