"""The kinds of channel a report says it used: every kind word outside its plans.

Generic words count (报刊 → Print, 电视 → Broadcast, 新闻发布会 →
PressConference) as well as named channels; words in next year's plans do not
(移动客户端 planned for 2017 is not a kind used in 2016).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.channel_entities import Channel
from extract.channel_lexicon import CHANNEL_CODES, type_words
from extract.channel_plans import PlanRegions

# A kind denied in its clause (未召开新闻发布会, 尚未开通政务微博) was not used.
_DENIED = re.compile(r"(?:未|没有|尚未|暂未|暂无|并未|从未)[^，。；：,;:\n]{0,10}$")


def channel_types(text: str, channels: Iterable[Channel], plans: PlanRegions) -> set[str]:
    pattern, codes = type_words()
    used = {
        codes[match.group(0)]
        for match in pattern.finditer(text)
        if not plans.contains(match.start()) and not _denied(text, match.start())
    }
    for channel in channels:
        if any(not plans.contains(c.start) for c in channel.mentions):
            used.add(channel.code)
    return used & CHANNEL_CODES


def _denied(text: str, start: int) -> bool:
    before = text[max(0, start - 14) : start]
    if "未" not in before and "没" not in before and "无" not in before:
        return False  # no denial word can be there (the usual case)
    return _DENIED.search(text, max(0, start - 14), start) is not None
