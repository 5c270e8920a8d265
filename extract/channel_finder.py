"""Every mention of a channel in a text: by kind word, in quotes, in 《》, by brand.

Each finder yields ``Candidate`` mentions, named (specific) or generic; merging
them into channels is ``channel_entities``' work.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator

from extract.channel_contacts import (
    PHONE,
    URL,
    contact_candidates,
    phone_key,
    url_forms,
    urls,
)
from extract.channel_lexicon import Kind, brand_of_form, brand_pattern, kind_pattern, place_starts
from extract.channel_mentions import Candidate, kind_at, make_candidate
from extract.channel_names import (
    NUMBER,
    collective_before,
    locate,
    loose_kind_is_word,
    name_start,
    place_start,
    strong_suffix,
)
from extract.channel_owners import ChannelContext, clause_owner
from extract.channel_quoted import quoted_candidates, titled_candidates
from extract.literal_scan import char_positions
from extract.normalize import normalize_label, squeeze_whitespace

_BRACKET = re.compile(r"[上中]?\s*[（(]([^（）()\n]{1,60})[)）]")
_DOWNLOAD = re.compile(r"下载|查阅|获取|浏览|查看")
_REPORT_WORDS = ("报告", "电子版", "电子文本", "全文")


def find_candidates(text: str, ctx: ChannelContext) -> list[Candidate]:
    """All channel mentions of ``text`` in text order."""
    found = quoted_candidates(text, ctx) + titled_candidates(text, ctx)
    named = sorted((c.start, c.end) for c in found if c.code)
    found += [b for b in _brands(text) if not _inside(named, b.start)]  # not “X”抖音号's 抖音
    found += contact_candidates(text, ctx)
    found += _addresses(text, sorted((c.start, c.end) for c in found))
    taken = sorted((c.start, c.end) for c in found)
    found += _by_kind(text, ctx, taken)
    found.sort(key=lambda c: (c.start, -c.end))
    _attach_brackets(text, found)
    _share_account_names(text, found)
    _mark_downloads(text, found)
    for cand in found:
        if cand.context_owner is None and cand.specific:
            cand.context_owner = clause_owner(text, cand.start, ctx)
    return found


def _addresses(text: str, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Web addresses: each is a Website, or an alias of the site it follows in brackets
    (``channel_entities`` joins the two)."""
    out = []
    for match in urls(text):
        if _inside(taken, match.start()):
            continue
        forms = url_forms(match.group(0))
        bare = normalize_label(forms[-1])
        out.append(
            Candidate(
                match.start(), match.end(), "Website", bare, f"url:{bare}", True, aliases=forms
            )
        )
    return out


def _brands(text: str) -> Iterator[Candidate]:
    for match in brand_pattern().finditer(text):
        brand = brand_of_form()[match.group(0)]
        yield Candidate(
            match.start(),
            match.end(),
            "ThirdPartyPlatform",
            match.group(0),
            f"brand:{brand.name}",
            True,
            stem=match.group(0),
            aliases=list(brand.forms),
        )


def _by_kind(text: str, ctx: ChannelContext, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Mentions anchored on kind words; a container after a kind (公开信箱|系统,
    12345平台|新系统) extends the mention before it."""
    out: list[Candidate] = []
    last_end = -1
    for match in kind_pattern().finditer(text):
        kind, end = kind_at(text, match)
        joined = last_end >= 0 and text[last_end : match.start()] in ("", "新")
        if (kind.code == "-" or kind.has("container")) and joined and out:
            if out[-1].end == last_end:
                out[-1].aliases.append(normalize_label(text[out[-1].start : end]))
            last_end = end
            continue
        last_end = end
        if kind.code == "-" or _inside(taken, match.start()):
            continue
        if kind.has("loose") and loose_kind_is_word(text, match.start()):
            continue
        cand = _kind_mention(text, match.start(), end, kind, ctx)
        if cand is not None and kind.has("number"):
            _number_after(text, cand, taken)
        if cand is not None:
            out.append(cand)
    return out


def _kind_mention(
    text: str, kind_start: int, end: int, kind: Kind, ctx: ChannelContext
) -> Candidate | None:
    """The mention of the kind word at ``kind_start:end`` with the name before it."""
    start = name_start(text, kind_start)
    if start is None:
        return None
    start = place_start(text, start, kind_start, ctx)
    name = squeeze_whitespace(text[start:kind_start])
    cand = make_candidate(text, start, end, name, kind, ctx, quoted=False)
    collective = collective_before(text, start)
    if cand is not None and not collective and not cand.own_ref and not _readable(cand):
        cand = _stronger(text, start, end, name, kind, ctx) or cand
    if cand is not None and collective:
        cand.specific = cand.own = False  # 各区县政府网站: a class of sites
    return cand


def _readable(cand: Candidate) -> bool:
    """A named mention whose owner, if any, the agency names resolve."""
    if not cand.specific:
        return False
    return not cand.owner_text or bool(cand.owners)


def _stronger(
    text: str, start: int, end: int, name: str, kind: Kind, ctx: ChannelContext
) -> Candidate | None:
    """The named channel a few characters into a generic-looking name (经|市政府网站)."""
    cut = strong_suffix(name, kind, ctx)
    at = locate(text, start, end, name[cut:]) if cut else None
    if at is None:
        return None
    return make_candidate(text, at[0], end, name[cut:], kind, ctx, quoted=False)


def _number_after(text: str, cand: Candidate, taken: list[tuple[int, int]]) -> None:
    """环保举报热线12369, 服务热线为96128: the number after a line's kind word is its address
    (unless a contact field has read it already)."""
    at = cand.end + (1 if text[cand.end : cand.end + 1] in ("：", ":", "为", "是") else 0)
    number = PHONE.match(text, at)
    if number is None or cand.code not in ("Hotline", "SMS") or text[number.end() :][:1].isdigit():
        return
    if _inside(taken, number.start()):
        return
    bare = normalize_label(number.group(0))
    cand.aliases.append(bare)
    cand.key = f"{cand.code}:{phone_key(bare)}"
    if not cand.specific:
        cand.specific, cand.label = True, normalize_label(bare + cand.label)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` is inside one of ``spans`` (sorted by start)."""
    i = bisect_right(spans, (pos, sys.maxsize))
    return any(start <= pos < end for start, end in spans[max(0, i - 8) : i])


def _attach_brackets(text: str, found: list[Candidate]) -> None:
    """（www.cq.gov.cn） or （0731-12345）after a name is its alias; （重庆） a qualifier."""
    for cand in found:
        if not cand.code:
            continue
        bracket = _BRACKET.match(text, cand.end)
        if bracket is None:
            continue
        inside = bracket.group(1).strip()
        url = URL.fullmatch(inside)
        if url is not None:
            cand.aliases.extend(url_forms(inside))
            cand.specific = cand.specific or cand.code == "Website"
        elif cand.code == "Hotline" and PHONE.fullmatch(inside):
            bare = normalize_label(inside)
            cand.aliases.append(bare)
            cand.key = f"Hotline:{phone_key(bare)}"
            if not cand.specific:
                cand.specific, cand.label = True, normalize_label(bare + cand.label)
        elif cand.specific and inside.startswith(place_starts()) and len(inside) <= 6:
            cand.aliases.append(cand.label)
            cand.label = normalize_label(f"{cand.label}（{inside}）")
            cand.key = (
                f"{cand.code}:{cand.label}" if cand.key.endswith(cand.aliases[-1]) else cand.key
            )
            cand.end = bracket.end()


def _share_account_names(text: str, found: list[Candidate]) -> None:
    """重庆环保官方微博…、官方微信: a nameless account after a named one shares its name."""
    previous: Candidate | None = None
    for cand in found:
        if not cand.code:
            continue
        gap = text[previous.end : cand.start] if previous else ""
        if (
            previous is not None
            and cand.account
            and not cand.specific
            and not cand.stem
            and previous.account
            and previous.specific
            and previous.code != cand.code
            and previous.stem
            and not NUMBER.match(previous.stem)
            and len(gap) <= 12
            and not re.search(r"[，。；：,;:\n]", gap)
            and gap[-1:] in ("、", "和", "及", "与")
        ):
            word = text[cand.start : cand.end]
            cand.label = normalize_label(previous.stem + word)
            cand.key = f"{cand.code}:{cand.label}"
            cand.specific = True
            cand.owners = list(previous.owners)
        previous = cand


def _mark_downloads(text: str, found: list[Candidate]) -> None:
    """Mentions in a sentence that says where the report can be downloaded."""
    ends = [pos + 1 for pos in char_positions(text, "。！？\n")]
    for cand in found:
        i = bisect_right(ends, cand.start)
        lo = ends[i - 1] if i else 0
        hi = ends[i] if i < len(ends) else len(text)
        sentence = text[lo:hi]
        cand.download = bool(_DOWNLOAD.search(sentence)) and any(
            w in sentence for w in _REPORT_WORDS
        )
