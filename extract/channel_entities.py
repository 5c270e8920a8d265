"""Mentions into channels: one channel per key, the own portal, and what generic mentions mean.

Named mentions with one key (an owner's website, a number, a label) are one
channel. The report's own portal gathers every website of its own government
(市政府网站, 实验区政府门户网站) and the nameless 门户网站. A generic mention joins a
named channel when it is that channel's name without its owner (信息公开平台 of
市政府信息公开平台) or repeats its quoted name (“问政平潭”栏目).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.channel_mentions import Candidate
from extract.channel_owners import OwnerRef
from extract.channel_plans import PlanRegions
from extract.normalize import normalize_label

_BUILDING = re.compile(r"建设|搭建|筹建|开通|上线|打造|建立|新建|建成")
_NO_SUFFIX_MERGE = frozenset({"Website", "Hotline", "SMS", "Email", ""})


@dataclass(slots=True)
class Channel:
    """One disclosure channel of a report, with every mention of it."""

    label: str
    code: str
    mentions: list[Candidate]
    aliases: set[str] = field(default_factory=set)
    owners: list[OwnerRef] = field(default_factory=list)


def merge(candidates: list[Candidate], text: str, plans: PlanRegions) -> list[Channel]:
    _join_addresses(candidates)
    groups: dict[str, list[Candidate]] = {}
    for cand in candidates:
        if cand.code and cand.specific:
            groups.setdefault(cand.key, []).append(cand)
    own_key = _own_portal(groups)
    for cand in candidates:
        if not cand.specific:
            target = _reference(cand, groups, own_key)
            if target is not None:
                groups[target].append(cand)
    channels = [_channel(found) for found in groups.values()]
    return [c for c in channels if not _only_planned(c, text, plans)]


def _join_addresses(candidates: list[Candidate]) -> None:
    """A web address joins the site that has it as an alias (网站（www.cq.gov.cn））."""
    sites = {
        normalize_label(alias): cand.key
        for cand in candidates
        if cand.code == "Website" and cand.specific and not cand.key.startswith("url:")
        for alias in cand.aliases
    }
    for cand in candidates:
        if cand.key.startswith("url:") and cand.label in sites:
            cand.key = sites[cand.label]


def _own_portal(groups: dict[str, list[Candidate]]) -> str | None:
    """The report's own portal: the site of the download sentence, or its government's site;
    every other site of its own government is folded into it."""
    websites = [k for k, found in groups.items() if found[0].code == "Website"]
    own_key = next((k for k in websites if any(c.download for c in groups[k])), None)
    own_key = own_key or next((k for k in websites if any(c.own for c in groups[k])), None)
    if own_key is None:
        return None
    for key in websites:
        if key != own_key and any(c.own for c in groups[key]):
            groups[own_key].extend(groups.pop(key))
    return own_key


def _reference(cand: Candidate, groups: dict[str, list[Candidate]], own: str | None) -> str | None:
    """The named channel a generic mention refers to, if exactly one fits."""
    if cand.own_ref and cand.code == "Website":
        return own
    if cand.quoted:
        hits = [k for k, found in groups.items() if any(c.quoted == cand.quoted for c in found)]
        return hits[0] if len(hits) == 1 else None
    if not cand.suffix or cand.code in _NO_SUFFIX_MERGE:
        return None
    hits = [
        key
        for key, found in groups.items()
        if found[0].code == cand.code and any(_ends_with(c, cand.suffix) for c in found)
    ]
    return hits[0] if len(hits) == 1 else None


def _ends_with(cand: Candidate, suffix: str) -> bool:
    names = (cand.label, *cand.aliases, normalize_label(cand.stem))
    return any(name.endswith(suffix) and name != suffix for name in names)


def _channel(found: list[Candidate]) -> Channel:
    found.sort(key=lambda c: c.start)
    named = [c for c in found if c.specific]
    first = named[0]
    channel = Channel(first.label, first.code, found)
    for cand in found:
        channel.aliases.update(a for a in cand.aliases if a)
        if cand.specific and cand.label != first.label:
            channel.aliases.add(cand.label)
        if cand.quoted:
            channel.aliases.add(normalize_label(cand.quoted))
    channel.aliases.discard(channel.label)
    context = [c.context_owner for c in found if c.context_owner is not None]
    by_name = next((c.owners for c in named if c.owners), [])
    channel.owners = _unique(context) if context else list(by_name)
    return channel


def _unique(owners: list[OwnerRef]) -> list[OwnerRef]:
    seen: dict[str, OwnerRef] = {}
    for owner in owners:
        seen.setdefault(owner.label, owner)
    return list(seen.values())


def _only_planned(channel: Channel, text: str, plans: PlanRegions) -> bool:
    """A channel named only in next year's plans as something to build is not one yet."""
    if not all(plans.contains(c.start) for c in channel.mentions):
        return False
    for cand in channel.mentions:
        clause_start = max(text.rfind(p, 0, cand.start) for p in "，。；\n") + 1
        if _BUILDING.search(text, clause_start, cand.end + 4):
            return True
    return False
