"""Channels named in quotation marks or title marks: “重庆审计”网站, 微信公众号“株洲发布”,
“重庆就业网”, 《平潭时报》, 县电视台“今日某某”栏目, 开展6期《问政平潭》.

A bare quoted name is kept as a reference when a channel word follows it or a
verb of use precedes it, so that “问政平潭”栏目 can join 《问政平潭》.
"""

from __future__ import annotations

import re
from functools import cache

from extract.channel_contacts import URL, phone_key
from extract.channel_lexicon import (
    boundary_pattern,
    generic_pattern,
    internal_endings,
    kind_ending_pattern,
    kind_pattern,
    kinds,
    organ_endings,
)
from extract.channel_mentions import Candidate, account_key, kind_at, make_candidate
from extract.channel_names import NUMBER, loose_kind_is_word, name_start
from extract.channel_owners import (
    ChannelContext,
    is_own_government,
    owner_label,
    owner_refs,
    valid_owner,
)
from extract.literal_scan import trie_pattern
from extract.normalize import normalize_label, squeeze_whitespace

_QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』\n]{1,30})[”\"」』]")
_TITLED = re.compile(r"《([^《》\n]{1,40})》")
_QUOTE_TO_KIND = 8  # “63962448”专用咨询投诉|电话: modifiers between a quote and its kind
_ISSUES = re.compile(r"(?:\d+|[一二三四五六七八九十百]+)期$")
_PRINT_VERBS = ("编印", "印发", "印制", "出版", "刊发", "编发", "发行", "编辑", "赠阅")
_TITLE_KINDS = frozenset({"Print", "Gazette", "Broadcast"})
_NOT_TITLED = ("统计公报", "通报", "年报", "专报", "汇报", "举报", "申报", "预报", "情况报")
_BROADCAST_CUE = re.compile(r"电视|电台|广播")
_COLUMNS = ("专栏", "栏目", "频道", "板块", "专题")
_USE_VERB = re.compile(r"(?:通过|依托|利用|借助|关注|登录|访问|在)$")


def quoted_candidates(text: str, ctx: ChannelContext) -> list[Candidate]:
    """“X”+kind (“重庆审计”网站), “X” that ends in a kind (“重庆就业网”), and bare “X”."""
    out: list[Candidate] = []
    for match in _QUOTED.finditer(text):
        name = squeeze_whitespace(match.group(1))
        if "@" in name or "＠" in name or URL.fullmatch(name):
            continue
        cand = (
            _quoted_with_kind(text, match, name, ctx)
            or _programme(text, match.start(), match.end(), name)
            or _named_with_kind(text, match.start(), match.end(), name, ctx)
            or _account_before(text, match.start(), match.end(), name, ctx)
        )
        if cand is None and _refers_to_channel(text, match.start(), match.end()):
            cand = Candidate(match.start(), match.end(), "", name, "", False, stem=name)
        if cand is not None:
            cand.quoted = name
            out.append(cand)
    return out


def _programme(text: str, start: int, end: int, name: str) -> Candidate | None:
    """县电视台“今日某某”栏目: a quoted column of a station is a Broadcast programme."""
    if not text.startswith(("栏目", "节目", "频道"), end):
        return None
    if not _BROADCAST_CUE.search(text, max(0, start - 8), start):
        return None
    label = normalize_label(name)
    return Candidate(start, end + 2, "Broadcast", label, f"Broadcast:{label}", True, stem=name)


def _account_before(
    text: str, start: int, end: int, name: str, ctx: ChannelContext
) -> Candidate | None:
    """微信公众号“株洲发布”, 新浪微博“株洲发布”, 政府门户网站“中国株洲”: a kind word just
    before the quoted name; a site named so is the site of the words before its kind."""
    found = _kind_before().search(text, max(0, start - 12), start)
    if found is None or _generic_name(name) or text.startswith(_COLUMNS, end):
        return None
    kind = kinds()[found.group(1)]
    cand = Candidate(
        start,
        end,
        kind.code,
        normalize_label(name + kind.word) if kind.has("account") else normalize_label(name),
        account_key(kind, name),
        True,
        stem=name,
        aliases=[normalize_label(name)],
        account=kind.has("account"),
    )
    if kind.code == "Website":
        site_start = name_start(text, found.start(1))
        site = make_candidate(
            text,
            site_start or found.start(1),
            found.end(1),
            text[site_start or found.start(1) : found.start(1)],
            kind,
            ctx,
            quoted=False,
        )
        if site is not None and (site.specific or site.own_ref):
            cand.key, cand.own, cand.owners = site.key, site.own or site.own_ref, site.owners
    return cand


@cache
def _kind_before() -> re.Pattern[str]:
    """An account or website kind word ending just before a quotation mark."""
    words = [w for w, k in kinds().items() if k.has("account") or k.code == "Website"]
    words = [w for w in words if w != "网"]
    alternation = trie_pattern(words)
    return re.compile(rf"({alternation})(?:账号|帐号)?[:：]?$")


def _generic_name(name: str) -> bool:
    return generic_pattern().match(name) is not None or NUMBER.match(name) is not None


def _refers_to_channel(text: str, start: int, end: int) -> bool:
    """A bare “X” names a channel where a channel word follows it (“问政平潭”栏目,
    “重庆微政务”群) or a verb of use precedes it (通过“X”, 关注“X”)."""
    after = kind_pattern().match(text, end)
    if after is not None and kinds()[after.group(0)].code == "-":
        return True
    return _USE_VERB.search(text[max(0, start - 3) : start]) is not None


def _quoted_with_kind(
    text: str, match: re.Match[str], name: str, ctx: ChannelContext, *, titled: bool = False
) -> Candidate | None:
    """“X” or 《X》 followed by its kind word (“重庆审计”网站, 《岳麓政务》简报)."""
    after = match.end()
    if titled:
        found = kind_pattern().match(text, after)  # 《X》简报, not 《X》的…网站
    else:
        found = kind_pattern().search(text, after, after + _QUOTE_TO_KIND + 6)
    if found is None or found.start() - after > _QUOTE_TO_KIND:
        return None
    gap = text[after : found.start()]
    if not all("\u4e00" <= ch <= "\u9fff" for ch in gap):
        return None
    kind, end = kind_at(text, found)
    if kind.code == "-" or (kind.has("titled") and not titled):
        return None
    if boundary_pattern().search(gap) or (titled and kind.code not in _TITLE_KINDS):
        return None
    if gap.endswith(internal_endings()):
        return None  # “双随机、一公开”监管平台: an internal system
    is_number = bool(NUMBER.match(name))
    label = normalize_label(name + gap + kind.word)
    is_owner = name.endswith(organ_endings()) and valid_owner(name, ctx)
    owners = owner_refs(name, match.start(1), ctx) if is_owner else []
    if is_number and kind.has("number"):
        key = f"{kind.code}:{phone_key(name)}"
    elif kind.code == "Website" and is_owner:
        key = f"Website@{owner_label(owners, name)}"
    else:
        key = account_key(kind, name)
    cand = Candidate(
        match.start(),
        end,
        kind.code,
        label,
        key,
        True,
        stem=name,
        aliases=[normalize_label(name)],
        owners=owners,
        own=is_owner and is_own_government(name, ctx),
        account=kind.has("account"),
    )
    return cand


def _named_with_kind(
    text: str, start: int, end: int, name: str, ctx: ChannelContext
) -> Candidate | None:
    """A quoted or titled name that ends in its own kind word (重庆就业网, 平潭时报)."""
    found = kind_ending_pattern().search(name)
    if found is None or name.endswith(_NOT_TITLED):
        return None
    kind = kinds()[found.group(0)]
    if kind.code == "-" or (kind.has("loose") and loose_kind_is_word(name, found.start())):
        return None
    cand = make_candidate(text, start, end, name[: found.start()], kind, ctx, quoted=True)
    if cand is not None:
        cand.label = normalize_label(name) if not cand.owners else cand.label
        cand.key = cand.key if cand.owners or kind.has("number") else f"{kind.code}:{cand.label}"
    return cand if cand is not None and cand.specific else None


def titled_candidates(text: str, ctx: ChannelContext) -> list[Candidate]:
    """《X》 that is a gazette, newspaper or programme rather than a document."""
    out: list[Candidate] = []
    for match in _TITLED.finditer(text):
        name = squeeze_whitespace(match.group(1))
        cand = _quoted_with_kind(text, match, name, ctx, titled=True) or _named_with_kind(
            text, match.start(), match.end(), name, ctx
        )
        if cand is None:
            code = _programme_code(text, match.start(), match.end())
            if code is None:
                continue
            label = normalize_label(name)
            cand = Candidate(match.start(), match.end(), code, label, f"{code}:{label}", True)
        cand.quoted = name
        out.append(cand)
    return out


def _programme_code(text: str, start: int, end: int) -> str | None:
    """开展6期《问政平潭》: a programme in issues is Broadcast, a periodical printed is Print;
    宁乡电视台《宁乡新闻》, 《今日某某》节目: a station's programme is Broadcast."""
    before = text[max(0, start - 12) : start]
    if re.search(r"(?:电视台|电台|广播|频道)$", before) or text.startswith("节目", end):
        return "Broadcast"
    if not _ISSUES.search(before):
        return None
    return "Print" if any(v in before for v in _PRINT_VERBS) else "Broadcast"
