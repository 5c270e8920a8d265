"""A channel mention before merging, and how one is built from a name and its kind word.

The finders (by kind word, in quotes and 《》, by brand, in contact lines) all
produce ``Candidate`` mentions; ``channel_entities`` merges them into channels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.channel_lexicon import Kind, kinds
from extract.channel_names import (
    NUMBER,
    analyse,
    build_label,
    kind_allows,
    locate,
    make_key,
    number_of,
)
from extract.channel_owners import ChannelContext, OwnerRef, owner_label, owner_refs
from extract.normalize import normalize_label


@dataclass(slots=True)
class Candidate:
    """One mention of a channel, named or generic, before mentions are merged."""

    start: int
    end: int
    code: str
    label: str  # the canonical name this mention gives (resolved owner + rest)
    key: str  # mentions with one key are one channel
    specific: bool  # names one channel (False: a generic mention of its kind)
    stem: str = ""  # the name without its kind word (重庆环保 of 重庆环保官方微博)
    aliases: list[str] = field(default_factory=list)
    owners: list[OwnerRef] = field(default_factory=list)  # from the name
    owner_text: str = ""  # the owner part of the name, resolved into ``owners`` or not
    context_owner: OwnerRef | None = None  # from the sentence (…印制发行《公报》)
    own: bool = False  # owned by the report's own government or body
    own_ref: bool = False  # a nameless 门户网站: the report's own portal
    quoted: str | None = None  # the name as quoted (“重庆审计”), for later references
    suffix: str = ""  # for generic mentions: what a named channel's name may end with
    account: bool = False  # a new-media account kind (its name may be shared: “X”微博、微信)
    download: bool = False  # in the sentence that says where the report can be downloaded


_ARCHIVES = ("档案馆", "档案局")


def make_candidate(
    text: str, start: int, end: int, name: str, kind: Kind, ctx: ChannelContext, *, quoted: bool
) -> Candidate | None:
    """The mention ``text[start:end]`` whose name before its kind word is ``name``."""
    parts = analyse(name, kind, ctx, quoted=quoted)
    if parts is None:
        return None
    specific = kind_allows(parts, kind, quoted=quoted)
    owners: list[OwnerRef] = []
    if parts.owner:
        at = locate(text, start, end, parts.owner)
        owners = owner_refs(text[at[0] : at[1]], at[0], ctx) if at else []
        parts = parts._replace(head_label=owner_label(owners, parts.owner))
    label = build_label(parts, kind.word)
    aliases = [number_of(name)] if kind.has("number") and NUMBER.match(name) else []
    code = kind.code
    if code == "ReadingRoom" and parts.owner and parts.owner.endswith(_ARCHIVES):
        code = "Archive"  # 市档案馆政府信息查阅中心: an archive's reading service
    return Candidate(
        start,
        end,
        code,
        label,
        make_key(code, label, parts, kind),
        specific,
        stem=name,
        aliases=aliases,
        owners=owners if specific else [],
        owner_text=parts.owner or "",
        own=parts.own,
        own_ref=parts.own_ref and not specific,
        account=kind.has("account"),
        suffix=normalize_label(parts.desc + kind.word) if parts.desc else "",
    )


def kind_at(text: str, match: re.Match[str]) -> tuple[Kind, int]:
    """The kind of a kind-word match, and its end (信息网 + 站 is a 信息网站)."""
    kind = kinds()[match.group(0)]
    if kind.word.endswith("网") and text.startswith("站", match.end()):
        return Kind(kind.word + "站", kind.code, kind.flags - {"loose"}), match.end() + 1
    return kind, match.end()


def account_key(kind: Kind, name: str) -> str:
    """One account per name and kind of platform (“X”政务微博 = “X”官方微博; a 抖音号 and a
    头条号 of one name are two)."""
    if kind.code == "ThirdPartyPlatform":
        return f"{kind.code}:{normalize_label(name)}{kind.word}"
    return f"{kind.code}:{normalize_label(name)}"
