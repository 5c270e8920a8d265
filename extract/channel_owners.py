"""Who runs a channel: the owner in its name, the agency that builds it, the contact unit.

The owner part of a name is its longest head that is an organ's name
(市旅游局|门户网站, 重庆市政府|公开信箱); a party committee and a government named
together are two owners (党工委|管委会). Full names always come from
``resolve_agency``, so the labels agree with the agency finder's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import NamedTuple

from extract.agency_names import Jurisdiction, leading_region, resolve_agency
from extract.channel_lexicon import (
    admin_levels,
    boundary_pattern,
    generic_pattern,
    government_compounds,
    organ_endings,
    short_place,
)
from extract.literal_scan import trie_pattern
from extract.resources import table, word_list


@dataclass(frozen=True, slots=True)
class ChannelContext:
    """What names are resolved against: the report's region and its own body."""

    where: Jurisdiction
    levels: tuple[str, ...]  # words that stand for the region: 重庆市, 市, 我市, 全市 …
    own_body: str | None  # the reporting body's full name when it is a department
    places: tuple[str, ...] = ()  # the region's areas and their short names (岳麓区, 岳麓)
    governments: frozenset[str] = frozenset()  # full names of the region's government
    known: Mapping[tuple[int, int], str] = field(default_factory=dict)  # agency spans found

    resolved: dict[str, str | None] = field(default_factory=dict)  # memo of ``resolve``

    def resolve(self, surface: str) -> str | None:
        """``resolve_agency`` against the report's jurisdiction, once per surface form."""
        if surface not in self.resolved:
            self.resolved[surface] = resolve_agency(surface, self.where)
        return self.resolved[surface]

    def agency_at(self, start: int, end: int, surface: str) -> str | None:
        """The full name of the agency at ``start:end``: the agency finder's, else resolved."""
        return self.known.get((start, end)) or self.resolve(surface)


class OwnerRef(NamedTuple):
    """An owning agency at ``start:end`` of the text, with its full name."""

    start: int
    end: int
    label: str


_GOVERNMENT_HEADS = ("人民政府", "政府", "管委会", "管理委员会", "行政公署", "行署")
_COLLECTIVE_STARTS = (
    "各",
    "全",
    "该",
    "有关",
    "相关",
    "所属",
    "下属",
    "部分",
    "其他",
    "上级",
    "全部",
)


def make_context(
    where: Jurisdiction, title: str | None, known: Mapping[tuple[int, int], str] | None = None
) -> ChannelContext:
    """The context of a report of jurisdiction ``where``; ``known`` are the full names of
    the agency spans already found, by offsets."""
    region = where.region
    levels: list[str] = []
    if region:
        levels.append(region)
        for level in admin_levels():
            if region.endswith(level) and len(region) > len(level):
                levels.extend(prefix + level for prefix in ("我", "本", "全", ""))
    body = getattr(where, "body", None) or _own_body(title, where)
    places = _region_places(region)
    governments = frozenset(
        label
        for level in levels
        if not level.startswith(("我", "本", "全"))
        for head in _GOVERNMENT_HEADS
        if (label := resolve_agency(level + head, where))
    )
    return ChannelContext(where, tuple(levels), body, places, governments, known or {})


def _region_places(region: str | None) -> tuple[str, ...]:
    """长沙市岳麓区 → 长沙市岳麓区, 长沙市, 长沙, 岳麓区, 岳麓 (longest first)."""
    if not region:
        return ()
    names = {region}
    pos = 0
    while (end := _area_end(region, pos)) is not None:
        area = region[pos:end]
        names.update((area, short_place(area)))
        pos = end
    return tuple(sorted(names, key=len, reverse=True))


def _area_end(region: str, pos: int) -> int | None:
    """The end of the area name that starts at ``pos`` of a region name."""
    for end in range(pos + 2, len(region) + 1):
        if region[pos:end].endswith(admin_levels()) and leading_region(region[pos:end]):
            return end
    return None


def _own_body(title: str | None, where: Jurisdiction) -> str | None:
    """The body a title names before its year, when that body is a department (广州市教育局)."""
    if not title:
        return None
    head = re.split(r"(?:19|20)\d{2}|关于|政府信息公开|政务公开", title, maxsplit=1)[0]
    if not head.endswith(organ_endings()) or head.endswith(("人民政府", "政府")):
        return None
    return resolve_agency(head, where)


@cache
def _own_refs() -> frozenset[str]:
    return frozenset(word_list("channel_own_refs.txt"))


def own_ref_owner(text: str, ctx: ChannelContext) -> str | None:
    """本局 / 我委 …: the reporting body if it is a department; None otherwise."""
    return ctx.own_body if text in _own_refs() else None


def is_own_ref(text: str) -> bool:
    return text in _own_refs()


def valid_owner(name: str, ctx: ChannelContext) -> bool:
    """Whether ``name`` (ending in an organ word) names one organ, not a class of them:
    one ``resolve_agency`` reads, or a department of the report's area written bare
    (行政服务中心)."""
    if name.startswith(_COLLECTIVE_STARTS) or is_own_ref(name):
        return False  # 各部门, 全区政府 (every government of the district), 本局
    if ctx.resolve(name) is not None:
        return True
    ending = next((e for e in organ_endings() if name.endswith(e)), "")
    stem = name[: len(name) - len(ending)]
    if not ending or not stem:
        return False
    if len(stem) == 1 or ending in ("政府", "人民政府"):
        return _is_place(stem, ctx)  # 市政府, 重庆市人民政府; not 完善政府, 县区政府
    return not generic_pattern().match(stem) and not stem.endswith(admin_levels())


def _is_place(stem: str, ctx: ChannelContext) -> bool:
    """A level word or one of the report's own areas (市, 重庆市, 实验区, 岳麓区)."""
    if stem in ctx.levels or stem in ctx.places or stem in admin_levels():
        return True
    return stem.startswith(("我", "本")) and stem[1:] in admin_levels()


def split_owner(name: str, ctx: ChannelContext) -> str | None:
    """The longest head of ``name`` that is one organ's name (市旅游局 of 市旅游局门户)."""
    last_chars = _ending_last_chars()
    for end in range(len(name), 1, -1):
        if name[end - 1] not in last_chars:
            continue
        head = name[:end]
        if not head.endswith(organ_endings()):
            continue
        if head.endswith("政府") and name[end - 2 :].startswith(government_compounds()):
            continue
        if head.endswith("政府") and head[:-2].endswith(organ_endings()) and len(head) > 4:
            head = head[:-2]  # 管委会|政府门户网站: the 政府 belongs to the kind
        if valid_owner(head, ctx):
            return head
    return None


def is_own_government(owner: str, ctx: ChannelContext) -> bool:
    """The report's own body: the reporting department (局, 税务总局), or for a government's
    report its government (市政府, 重庆市人民政府, 实验区管委会, 行署)."""
    label = ctx.resolve(owner)
    if ctx.own_body is not None:
        return ctx.own_body.endswith(owner) or label == ctx.own_body
    if owner in _level_governments(ctx.levels):
        return True
    return label is not None and label in ctx.governments


@cache
def _ending_last_chars() -> frozenset[str]:
    """The characters an organ name can end with (the last of each organ ending)."""
    return frozenset(ending[-1] for ending in organ_endings() if ending)


@lru_cache(maxsize=64)
def _level_governments(levels: tuple[str, ...]) -> frozenset[str]:
    """市政府, 重庆市人民政府, 区管委会 …: a level word and a government's head word."""
    return frozenset(level + head for level in levels for head in _GOVERNMENT_HEADS)


@cache
def _conjoined() -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = table("channel_conjoined_organs.tsv")
    left = tuple(r["word"] for r in rows if r["side"] == "left")
    right = tuple(r["word"] for r in rows if r["side"] == "right")
    return left, right


def owner_pieces(owner: str, ctx: ChannelContext) -> list[tuple[int, int, str]]:
    """The organs an owner names, as (start, end, full name) within ``owner``.

    平潭综合实验区党工委管委会 → the 党工委 and the 管委会 (the second inherits the
    first's area name); 市委市政府 → 市委 and 市政府; anything else is one organ.
    """
    left, right = _conjoined()
    for i in range(2, len(owner) - 1):
        first, second = owner[:i], owner[i:]
        if not first.endswith(left) or first.endswith("委员会"):
            continue
        if second in right:
            area = leading_region(first)
        elif second[:1] in admin_levels() and second[1:] in right:
            area = ""
        else:
            continue
        labels = (ctx.resolve(first), ctx.resolve(area + second))
        if labels[0] and labels[1]:
            return [(0, i, labels[0]), (i, len(owner), labels[1])]
    label = ctx.resolve(owner)
    return [(0, len(owner), label)] if label else []


def owner_refs(owner: str, start: int, ctx: ChannelContext) -> list[OwnerRef]:
    """The owning agencies of an owner part written at ``start`` of the text."""
    end = start + len(owner)
    if (start, end) in ctx.known:
        return [OwnerRef(start, end, ctx.known[(start, end)])]
    return [
        OwnerRef(start + a, start + b, ctx.known.get((start + a, start + b), label))
        for a, b, label in owner_pieces(owner, ctx)
    ]


def owner_label(refs: list[OwnerRef], owner: str) -> str:
    """What an owner stands for in a channel's label: its full name, or as written when
    it names two organs (平潭综合实验区党工委管委会) or none could be resolved."""
    return refs[0].label if len(refs) == 1 else owner


@cache
def _owner_verbs() -> re.Pattern[str]:
    return re.compile(trie_pattern(word_list("channel_owner_verbs.txt")))


_CLAUSE_START = re.compile(r"[，。；！？\n：:,;]")
_MAX_CLAUSE = 60
_MAX_SUBJECT_GAP = 14  # 依托福建省政府采购网 between the agency and its verb
_MAX_OBJECT_GAP = 30


def clause_owner(text: str, start: int, ctx: ChannelContext) -> OwnerRef | None:
    """The agency that opens the clause of ``start`` and builds or prints what follows.

    市政府办公厅共印制发行《重庆市人民政府公报》: 办公厅. 区财政金融局依托福建省政府采购网
    建成…平台: 财政金融局 for the 平台, none for the 采购网 (依托 is a verb of use).
    """
    lo = max(0, start - _MAX_CLAUSE)
    clause_start = lo
    for match in _CLAUSE_START.finditer(text, lo, start):
        clause_start = match.end()
    head = text[clause_start:start]
    verbs = list(_owner_verbs().finditer(head))
    if not verbs or len(head) - verbs[-1].end() > _MAX_OBJECT_GAP:
        return None
    subject = head[: verbs[-1].start()]
    cut = boundary_pattern().search(subject)
    owner = split_owner(subject[: cut.start()] if cut else subject, ctx)
    if not owner or verbs[-1].start() - len(owner) > _MAX_SUBJECT_GAP:
        return None
    label = ctx.agency_at(clause_start, clause_start + len(owner), owner)
    return OwnerRef(clause_start, clause_start + len(owner), label) if label else None


_CONTACT_UNIT = (
    re.compile(r"请与([^，。；：、\s《》“”（）()]{2,40}?)联系"),
    re.compile(r"联系(?:单位|部门|机构|机关|方式)\s*[:：]\s*([^，。；：、\s《》“”（）()]{2,40})"),
    # 县政府办公室（地址：…；电话：…）: the unit whose bracket holds the number
    re.compile(r"([\u4e00-\u9fff]{2,40})[（(][^（）()]*$"),
)
_MAX_CONTACT_DISTANCE = 300


def contact_unit(text: str, pos: int, ctx: ChannelContext) -> OwnerRef | None:
    """The unit a contact number or address at ``pos`` belongs to (请与…联系 before it)."""
    lo = max(0, pos - _MAX_CONTACT_DISTANCE)
    line_start = text.rfind("\n", lo, pos) + 1 or lo
    best: tuple[int, int] | None = None
    for pattern in _CONTACT_UNIT:
        for match in pattern.finditer(text, line_start, pos):
            if best is None or match.start(1) > best[0]:
                best = match.span(1)
    if best is None:
        return None
    cuts = {best[0]} | {
        m.end()
        for m in _unit_cut_words().finditer(text, best[0], best[1])
        if m.group(0) not in ("和", "与", "及", "或")  # 人力资源和社会保障局
    }
    for start in sorted(cuts, reverse=True):  # 如有疑问请联系|县人社局办公室（电话：…）
        name = text[start : best[1]]
        if name.endswith(organ_endings()) and (label := ctx.agency_at(start, best[1], name)):
            return OwnerRef(start, best[1], label)
    return None


@cache
def _unit_cut_words() -> re.Pattern[str]:
    return re.compile(f"联系|咨询|致电|{boundary_pattern().pattern}")
