"""Channel names: where a name starts before its kind word, and whether it names one channel.

A name is ``[owner or place][description]`` + kind word: 市旅游局|门户网站,
重庆价格|信息网, 全市|网上行政审批|平台, 12345|热线. The text before the kind word
is scanned back to the last boundary word (通过, 依托, 的 …); the name then
names a specific channel when it has an owner, a place, a number, quotes, or
(for platforms and systems) a long descriptive name; otherwise it is a generic
mention of the kind (政府网站, 政务微博), which may still refer to a named one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from extract.agency_names import leading_region
from extract.channel_lexicon import (
    Kind,
    abbreviations,
    admin_levels,
    boundary_pattern,
    brand_of_form,
    collective_words,
    generic_pattern,
    internal_endings,
    kinds,
    leading_pattern,
    official_titles,
    place_starts,
    platform_words,
)
from extract.channel_owners import (
    ChannelContext,
    is_own_government,
    is_own_ref,
    own_ref_owner,
    split_owner,
)
from extract.literal_scan import LiteralScan, trie_pattern
from extract.normalize import normalize_label
from extract.resources import word_list

MAX_NAME = 30
_MAX_STRIP = 3  # characters of an unknown verb or preposition before a name
_SCOPE_PREFIXES = ("全", "各", "每", "本", "我", "诸")
_LAYOUT = " \t\u3000"  # spaces a PDF leaves inside a line
_LAYOUT_CHAR = re.compile("[ \t\u3000]")
# A run of name characters (letters, digits, -+·_, layout spaces): matched on the
# reversed text before a kind word. \w is what str.isalnum() accepts, and _.
_NAME_RUN = re.compile(r"[\w\-+·－ \t\u3000]*")
NUMBER = re.compile(r"^[(（]?\d[\d\-－()（）]{2,}")
# A service number inside a name's run, followed only by words (试运行|12345平台).
_DIGITS = re.compile(
    r"(?<![\d\-－])\d{3,}[\d\-－]*(?![年月日个家条件项次人名期批类号万亿余多])(?=[\u4e00-\u9fff]*$)"
)
_CONJUNCTIONS = ("以及", "和", "与", "及", "或")
# A level word followed by one of these makes another word (市场, 市民, 区域, 县城, 市级 …).
_NOT_SCOPE_NEXT = "场民容域块间城内外级"
_ORGAN_HEADS = "局委厅办处科所站署院"  # one-character organ words (建设|局)
_AGENCY_STEMS = ("建设",)  # boundary words that also end the stem of agency names
# An agency name joined by 和/与 ends in one of these (住房和城乡建设局, 招商与产业促进中心).
_CONJOINED_ORGAN_ENDINGS = ("局", "委员会", "委", "厅", "中心", "办公室", "部")


class NameParts(NamedTuple):
    head: str  # owner or scope text at the start of the name ("" when none)
    head_label: str  # what the head stands for in the label (重庆市旅游局, 重庆市)
    owner: str | None  # the head when it is an owning organ
    desc: str  # the rest before the kind word
    specific: bool
    own: bool = False
    own_ref: bool = False
    placed: bool = False  # starts with a place name (重庆价格信息网, 长沙晚报)


@cache
def _strong_kinds() -> re.Pattern[str]:
    """Kind words that cannot be inside another channel's name (not 网, not 报)."""
    words = [
        k.word
        for k in kinds().values()
        if k.code != "-" and not k.has("loose") and not k.has("titled")
    ]
    return re.compile(trie_pattern(words))


def name_start(text: str, kind_start: int) -> int | None:
    """Where the name before the kind word at ``kind_start`` starts; None if quotes or an
    address end it (the quoted and contact finders read those). Layout spaces inside a
    name (市政府 门户网站) are skipped."""
    back = _NAME_RUN.match(text[max(0, kind_start - MAX_NAME) : kind_start][::-1])  # backwards
    pos = kind_start - (back.end() if back else 0)
    while pos < kind_start and text[pos] in _LAYOUT:
        pos += 1
    if pos == kind_start and pos > 0 and text[pos - 1] in '”"」』':
        return None
    if pos > 0 and text[pos - 1] in "@＠.":
        return None
    run, offsets = _without_layout(text, pos, kind_start)
    cut = 0
    for match in _strong_kinds().finditer(run):
        cut = max(cut, match.end())
    cut += _after_boundary(run[cut:])
    return offsets[cut] if cut < len(offsets) else kind_start


def _without_layout(text: str, start: int, end: int) -> tuple[str, Sequence[int]]:
    """``text[start:end]`` without layout spaces, and the offset of each character kept."""
    if _LAYOUT_CHAR.search(text, start, end) is None:
        return text[start:end], range(start, end)
    offsets = [i for i in range(start, end) if text[i] not in _LAYOUT]
    return "".join(text[i] for i in offsets), offsets


def place_start(text: str, start: int, end: int, ctx: ChannelContext) -> int:
    """Skip an unknown verb before a place name (完成|湖南省政府网站): where the name starts."""
    head = text[start:end]
    own = (*ctx.places, *(lv for lv in ctx.levels if len(lv) > 1))
    for cut in range(max(0, min(_MAX_STRIP, len(head) - 2)) + 1):  # 0, then past a verb
        if head.startswith(own, cut) or _known_places().match(head, cut):
            return start + cut
    return start


@cache
def _known_places() -> LiteralScan:
    """Place names a channel name may start with (the report's own are checked apart)."""
    return LiteralScan(place_starts())


def collective_before(text: str, start: int) -> bool:
    """Whether a word like 各 or 部分 comes right before the name at ``start``."""
    return text[max(0, start - 3) : start].endswith(collective_words())


def strong_suffix(name: str, kind: Kind, ctx: ChannelContext) -> int:
    """Where a name holds a readable owner, a place or a number a few characters in,
    after an unknown verb or preposition (经|市政府网站, 由|县人社局网站): its offset, else 0."""
    for cut in range(1, min(_MAX_STRIP, len(name) - 1) + 1):
        rest = name[cut:]
        if name[:cut] in _SCOPE_PREFIXES or name[:cut].endswith(collective_words()):
            return 0  # 全|县政府网站, 各|区政府网站: every one of them
        if is_own_ref(rest):
            continue  # 税务总|局: not the reporting bureau's own
        parts = analyse(rest, kind, ctx)
        if parts is None or not parts.specific:
            continue
        if parts.owner:
            if ctx.resolve(parts.owner) is not None:
                return cut
        elif parts.head or parts.placed or NUMBER.match(rest):
            return cut
    return 0


def locate(text: str, start: int, end: int, needle: str) -> tuple[int, int] | None:
    """Where ``needle`` (without layout spaces) is written in ``text[start:end]``."""
    run, offsets = _without_layout(text, start, end)
    at = run.find(needle)
    if at < 0 or not needle:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


def _after_boundary(run: str) -> int:
    """Offset in ``run`` after its last boundary word and leading verbs; a number
    after words starts the name (试运行|12345平台)."""
    cut = 0
    for match in boundary_pattern().finditer(run):
        if _is_boundary(run, match.start(), match.end()):
            cut = max(cut, match.end())
    while (lead := leading_pattern().match(run, cut)) is not None and lead.end() < len(run):
        cut = lead.end()
    digits = _DIGITS.search(run, cut)
    return digits.start() if digits is not None else cut


def _is_boundary(run: str, start: int, end: int) -> bool:
    word, after = run[start:end], run[end:]
    if word in _AGENCY_STEMS and after and (after[0] in _ORGAN_HEADS or after.startswith("委员会")):
        return False  # 城乡建设|委员会, 建设|局: inside an agency's name
    if word == "在" and after.startswith("线"):
        return False
    if word == "等" and start > 0 and run[start - 1] in "高平同中相对":
        return False
    if word in _CONJUNCTIONS:
        return start == 0 or _starts_new_name(after) or not _inside_name(run[:start], after)
    return True


def _inside_name(before: str, after: str) -> bool:
    """和/与 inside a name: an agency's (住房和城乡建设局) or two short modifiers of one
    head (目录体系和应用|平台)."""
    if any(ending in after for ending in _CONJOINED_ORGAN_ENDINGS):
        return True
    return len(after) <= 2 and len(before) >= 4


def _starts_new_name(text: str) -> bool:
    """After 和/与: a new name starts with a place, a level word, a brand or 本/我."""
    if text.startswith(("本", "我", "全")) or text[:1] in admin_levels():
        return True
    if text.startswith(place_starts()) or leading_region(text):
        return True
    return any(text.startswith(form) for form in brand_of_form())


def expand_abbreviations(text: str) -> str:
    for short, full in abbreviations():
        text = text.replace(short, full)
    return text


def analyse(
    name: str, kind: Kind, ctx: ChannelContext, *, quoted: bool = False
) -> NameParts | None:
    """What the name before ``kind`` says; None when it names no channel at all."""
    if name.endswith(internal_endings()) or (kind.has("loose") and not name):
        return None
    if NUMBER.match(name) or name.startswith(official_titles()):
        return NameParts("", "", None, name, True)
    own_body = own_ref_owner(name, ctx)
    if own_body or is_own_ref(name):
        return NameParts(name, own_body or "", None, "", bool(own_body), own=bool(own_body))
    owner = split_owner(name, ctx)
    if owner:  # head_label is set by the caller, which knows where the owner is
        own = is_own_government(owner, ctx)
        return NameParts(owner, owner, owner, name[len(owner) :], True, own=own)
    scope = _scope(name, ctx)
    if scope:
        desc = name[len(scope) :]
        region = ctx.where.region or scope
        return NameParts(scope, region, None, desc, bool(desc) and not _generic(desc))
    if name in ctx.levels and not (kind.has("own") or kind.has("account") or kind.has("container")):
        region = ctx.where.region or name  # 地区|政务服务网, 市|电台: the region's own
        return NameParts(name, region, None, "", True)
    if quoted:
        return NameParts("", "", None, name, bool(name) and not _generic(name))
    placed = name.startswith(ctx.places) or _known_places().match(name, 0) is not None
    if placed:
        return NameParts("", "", None, name, True, placed=True)
    own_ref = kind.has("own") and name in ("", "政府", "政务")
    return NameParts("", "", None, name, _specific_unplaced(name, kind), own_ref=own_ref)


def _generic(text: str) -> bool:
    return generic_pattern().match(text) is not None


def _scope(name: str, ctx: ChannelContext) -> str:
    """The level word a name starts with that stands for the report's region (全市, 我区)."""
    if not name.startswith(ctx.levels):
        return ""
    for level in _longest_first(ctx.levels):
        rest = name[len(level) :]
        if not name.startswith(level) or not rest or rest[0] in _NOT_SCOPE_NEXT:
            continue
        if not (rest.startswith("政") and not rest.startswith(("政府", "政务"))):  # 市政
            return level
    return ""


@lru_cache(maxsize=64)
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _specific_unplaced(name: str, kind: Kind) -> bool:
    """A platform or system named by a long description (企业联合征信系统)."""
    if kind.code != "OnlinePlatform" or kind.has("owned") or len(name) < 5:
        return False
    if _generic(name) or name.startswith(("单位", "部门", "机关")):
        return False
    return any(word in name for word in platform_words())


def kind_allows(parts: NameParts, kind: Kind, *, quoted: bool) -> bool:
    """Kinds that need more than a description: owned rooms, loose 网, numbered lines."""
    if not parts.specific or quoted:
        return parts.specific
    if kind.has("quoted"):
        return False
    if kind.has("titled"):
        return parts.placed
    if kind.has("owned"):
        return parts.owner is not None or parts.placed or bool(parts.head)
    if kind.has("container") and not parts.desc:
        return False  # 全市政府系统, 公安系统: a sector, not a system
    if kind.has("number"):
        return bool(NUMBER.match(parts.desc)) or parts.desc.startswith(official_titles())
    if kind.code == "Website" and not kind.has("loose"):
        return bool(parts.head) or not _generic(parts.desc)
    return True


def build_label(parts: NameParts, kind_word: str) -> str:
    """The canonical name: resolved owner or region, description, kind word."""
    desc = expand_abbreviations(parts.desc)
    return normalize_label(f"{parts.head_label}{desc}{kind_word}")


def number_of(text: str) -> str:
    """The bare number or address a name starts with (63962448 of 63962448专用咨询投诉电话)."""
    match = NUMBER.match(text)
    return normalize_label(match.group(0)).strip("()") if match else ""


def make_key(code: str, label: str, parts: NameParts | None, kind: Kind) -> str:
    """Mentions with one key are one channel: a number, an owner's website, or the label."""
    if parts is not None and kind.has("number") and NUMBER.match(parts.desc):
        return f"{code}:{number_of(parts.desc)}"
    if parts is not None and code == "Website" and parts.owner:
        return f"Website@{parts.head_label}"
    return f"{code}:{label}"


@cache
def not_names() -> tuple[tuple[str, int], ...]:
    """Words with a bare 网 that name nothing, with the offset of their 网."""
    return tuple((w, w.index("网")) for w in word_list("channel_not_names.txt") if "网" in w)


def loose_kind_is_word(text: str, pos: int) -> bool:
    """Whether the bare 网 at ``pos`` is part of an ordinary word (互联网, 网上)."""
    return any(text.startswith(word, pos - at) for word, at in not_names() if pos >= at)
