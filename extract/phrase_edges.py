"""The edges of a measure phrase: time words, adverbs and verbs that are not what is counted.

2016年，全年共主动公开政府信息达 → 主动公开政府信息. Words come from
``measure_phrase_noise.tsv`` and are stripped one at a time (a loop over a
list, not a regex with overlapping alternatives, so it stays linear).
"""

from __future__ import annotations

import re
from functools import cache

from extract.resources import table

_LEFT_CHARS = "“”‘’\"'（）()、，, \t\u3000"
_RIGHT_CHARS = "“”‘’\"'：:（(、， \t\u3000"
_LEADING_DATE = re.compile(
    r"截至[^，,]{0,12}?(?:年底|年末|月底|底|末)"
    r"|(?:(?:19|20)\d{2}年度?)?(?:\d{1,2}月)?(?:\d{1,2}日)?"
)


@cache
def _noise(side: str) -> tuple[str, ...]:
    words = [row["word"] for row in table("measure_phrase_noise.tsv") if row["side"] == side]
    return tuple(sorted(words, key=len, reverse=True))


def clean_phrase(text: str) -> str:
    return strip_right(strip_left(text))


def strip_left(text: str) -> str:
    """截至2016年底，全年共… → the phrase without its leading time and adverbs."""
    previous = None
    while previous != text:
        previous = text
        text = text.lstrip(_LEFT_CHARS)
        date = _LEADING_DATE.match(text)
        if date and date.end():
            text = text[date.end() :]
        for word in _noise("left"):
            text = text.removeprefix(word)
    return text


def strip_right(text: str) -> str:
    """…主动公开政府信息达 → …主动公开政府信息."""
    previous = None
    while previous != text:
        previous = text
        text = text.rstrip(_RIGHT_CHARS)
        for word in _noise("right"):
            text = text.removesuffix(word)
    return text
