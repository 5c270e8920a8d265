"""The three ways a report names a reform, as pure functions from text to candidates.

- a fixed name from the gazetteer (互联网+政务服务, 保密审查, 权力清单);
- a built name, [specific modifier] + 制度/机制 (审批信息跨部门共享互认机制) or
  [modifier] + 改革 (网上行政审批改革 → 网上行政审批), the modifier starting after
  the verb or function word before it and holding an open-government word;
- a quoted slogan (“五公开”, “全媒体问政”) introduced by a programme verb in its
  clause or followed by a reform word, and shaped like a slogan of open government.
Each scan is one pass of an alternation regex plus bounded look-arounds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from extract.compact_text import CompactText, balance_quotes
from extract.literal_scan import char_positions
from extract.normalize import normalize_label
from extract.reform_rules import NUMERALS, ReformRules

MAX_MODIFIER = 16
MIN_SPECIFIC = 3  # characters left of a mechanism's modifier without generic words
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff+＋]")
_QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』\n]{2,16})[”\"」』]")
_INNER_PUNCT = re.compile(r"[、，,；;]")
CLAUSE_ENDS = "，,。；;：:！!？?|\n"
_TAIL_RUN = re.compile(r"[\u4e00-\u9fff]{1,8}")
_SHARED_HEAD_ENDS = ("模式", "机制", "制度", "改革")


class Candidate(NamedTuple):
    start: int  # source offsets of the name
    end: int
    label: str
    origin: str  # "gazetteer", "built" or "quoted"
    name_end: int  # source offset where a built name's modifier ends (its head starts)


def gazetteer_names(source: str, view: CompactText, rules: ReformRules) -> list[Candidate]:
    """Fixed names; ``view`` is ``source`` without whitespace and quotation marks."""
    out: list[Candidate] = []
    text = view.text
    for match in rules.gazetteer_pattern.finditer(text):
        entry = rules.gazetteer[match.group()]
        if entry.bounded and not _free_on_the_left(text, match.start(), rules):
            continue
        if any(text.startswith(t, match.end()) for t in rules.name_tails):
            continue
        start, end = balance_quotes(source, *view.source_span(match.start(), match.end()))
        out.append(Candidate(start, end, entry.label, "gazetteer", end))
    return out


def _free_on_the_left(text: str, start: int, rules: ReformRules) -> bool:
    if start == 0 or not _CJK.match(text[start - 1]):
        return True
    before = text[max(0, start - 4) : start]
    return any(before.endswith(word) for word in rules.list_left)


def built_names(view: CompactText, rules: ReformRules) -> list[Candidate]:
    """[modifier]+制度/机制/改革 names; ``view`` is the text without whitespace."""
    out: list[Candidate] = []
    text = view.text
    for match in rules.head_pattern.finditer(text):
        head = match.group()
        kind, not_followed = rules.heads[head]
        if any(text.startswith(w, match.end()) for w in not_followed):
            continue
        modifier_start = _modifier_start(text, match.start(), rules)
        if modifier_start is None:
            continue
        modifier = text[modifier_start : match.start()]
        label = _built_label(modifier, head, kind, rules)
        if label is None or rules.is_not_reform(label):
            continue
        start, end = view.source_span(modifier_start, match.end())
        name_end = view.offset(match.start())
        out.append(Candidate(start, end, label, "built", name_end))
    return out


def _modifier_start(text: str, head_start: int, rules: ReformRules) -> int | None:
    """Start of the modifier before a head, or None when there is no clear one."""
    pos = head_start
    while pos > 0 and head_start - pos < MAX_MODIFIER and _NAME_CHAR.match(text[pos - 1]):
        pos -= 1
    run = text[pos:head_start]
    cut = max((run.rfind(w) + len(w) for w in rules.boundaries if w in run), default=0)
    if cut == 0 and pos > 0 and _NAME_CHAR.match(text[pos - 1]):
        return None  # a longer run with no word that could end the text before the name
    if cut == 0 and pos > 0 and text[pos - 1] == "、" and not _ends_with_head(text, pos - 1, rules):
        return None  # the last item of an enumeration sharing the head (审核、风险排查机制)
    return pos + cut


def _ends_with_head(text: str, end: int, rules: ReformRules) -> bool:
    """True when the enumeration item before ``end`` is a complete name (A制度、B制度)."""
    return any(text.endswith(head, 0, end) for head in rules.heads)


def _built_label(modifier: str, head: str, kind: str, rules: ReformRules) -> str | None:
    if not rules.keywords.search(modifier):
        return None
    if kind == "reform":
        if len(modifier) < 2:
            return None
        keep_head = modifier.endswith(("制度", "体制"))
        return normalize_label(modifier + head if keep_head else modifier)
    if len(rules.generic.sub("", modifier)) < MIN_SPECIFIC:
        return None
    return normalize_label(modifier + head)


def quoted_slogans(source: str, view: CompactText, rules: ReformRules) -> list[Candidate]:
    """Quoted slogans; ``view`` is ``source`` without whitespace (quotes kept)."""
    out: list[Candidate] = []
    text = view.text
    clause_ends = char_positions(source, CLAUSE_ENDS)
    for match in _QUOTED.finditer(text):
        content = match.group(1)
        label = normalize_label(content)
        if label in rules.gazetteer or rules.is_not_reform(label):
            continue  # fixed names are found by the gazetteer scan
        tail = _tail_kind(text, match.end(), rules)
        if tail is None or not _slogan_shape(content, tail == "strong", rules):
            continue
        start, end = view.source_span(match.start(1), match.end(1))
        if tail != "strong" and not _verb_before(source, clause_ends, start, rules):
            continue
        out.append(Candidate(start, end, label, "quoted", end))
    return out


def _tail_kind(text: str, pos: int, rules: ReformRules) -> str | None:
    """ "end", "tail" or "strong" for what may follow a slogan; None when it modifies a noun."""
    if pos >= len(text) or not (_CJK.match(text[pos]) or text[pos].isalnum()):
        return "end"
    if any(text.startswith(t, pos) for t in rules.strong_tails):
        return "strong"
    if any(text.startswith(t, pos) for t in rules.slogan_tails):
        return "tail"
    if text[pos] in "和与及等":
        return "end"
    run = _TAIL_RUN.match(text, pos)
    if run is None or (run.end() < len(text) and _CJK.match(text[run.end()])):
        return None
    return "strong" if run.group().endswith(_SHARED_HEAD_ENDS) else None  # …舆论监督模式


def _slogan_shape(content: str, strong: bool, rules: ReformRules) -> bool:
    """A slogan of open government: its words, a numbered form, no principle's commas."""
    if _INNER_PUNCT.search(content) and not strong:
        return False
    numerals = sum(1 for ch in content if ch in NUMERALS)
    if len(content) < 4 and numerals == 0:
        return False
    return bool(rules.keywords.search(content)) or numerals >= 2


def _verb_before(source: str, clause_ends: Sequence[int], start: int, rules: ReformRules) -> bool:
    i = bisect_right(clause_ends, start - 1)
    begin = clause_ends[i - 1] + 1 if i > 0 else 0
    return rules.verbs.search(source, begin, start) is not None
