"""Where the report names a policy document: titles in marks, and formal titles without.

A stretch in 《》/〈〉 is a document when it ends in a genre word (periodicals,
programmes and books do not); one in “” only when it is a formal title
(关于…的通知). Without marks, a formal title needs its issuer: 国务院办公厅
关于…的通知. A title inside a title is the document a notice issues (an alias
of the notice) or a document of its own (关于贯彻落实〈A〉的意见).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from extract.agency_names import Jurisdiction
from extract.document_issuers import (
    issuer_run_before,
    leading_body,
    listed_before,
    split_issuers,
)
from extract.document_titles import (
    doc_type,
    genre_words,
    is_report_itself,
    is_short_reference,
    issued_document,
    number_tail,
)
from extract.normalize import normalize_label
from extract.resources import word_list
from extract.title_marks import Marked, find_marked

_BOOK_MARKS = frozenset("《〈<＜")
_BARE_STOP = re.compile(r"[，,。；;：:！？!?（(）)\n]")
_MAX_BARE = 100
_COMMENT_MARK = re.compile(r"\[(?:[A-Za-z]{1,3}|批注)\d{1,3}\]")
CARRY_OUT = re.compile(
    r"关于(?:认真)?(?:贯彻落实|贯彻执行|贯彻实施|贯彻|落实|实施|施行|执行)(?:好)?$"
)


@dataclass(slots=True)
class TitleMention:
    """One naming of a document: ``text[start:end]`` is the title without its marks."""

    start: int
    end: int
    outer_start: int  # the opening mark (== start when unmarked)
    outer_end: int  # just after the closing mark
    key: str  # normalised title
    doc_type: str
    short: bool = False  # a bare genre word (《条例》) standing for a title defined earlier
    parent: TitleMention | None = None  # the title this one is nested in
    carried_out_by_parent: bool = False  # 关于贯彻落实〈A〉的意见: the parent is based on A
    aliases: set[str] = field(default_factory=set)
    number_at: int | None = (
        None  # a number written inside the marks (…通知（国办发〔2016〕19号）》)
    )


def find_titles(text: str, where: Jurisdiction) -> list[TitleMention]:
    """Every document mention, in text order (nested ones after their parent)."""
    found: list[TitleMention] = []
    marked_stretches = find_marked(text)
    for marked in marked_stretches:
        _visit(text, marked, None, found)
    taken = [(m.start, m.end) for m in marked_stretches if m.mark in _BOOK_MARKS]
    taken += [(t.start, t.end) for t in found]
    found += _bare_titles(text, taken, [(m.start, m.end) for m in marked_stretches], where)
    return sorted(found, key=lambda t: (t.outer_start, -t.outer_end))


def _visit(text: str, marked: Marked, parent: TitleMention | None, out: list[TitleMention]) -> None:
    title = text[marked.start : marked.end]
    mention = _as_document(marked, title, parent, text[max(0, marked.start - 8) : marked.start - 1])
    if mention is None:
        for child in marked.children:
            _visit(text, child, parent, out)
        return
    out.append(mention)
    issued = issued_document(title)
    for child in marked.children:
        if child.mark not in _BOOK_MARKS:
            continue
        inner = normalize_label(text[child.start : child.end])
        if issued and _unangled(inner) == issued:
            mention.aliases.add(issued)
        else:
            before = normalize_label(text[marked.start : child.start - 1])
            child_out: list[TitleMention] = []
            _visit(text, child, mention, child_out)
            for nested in child_out:
                nested.carried_out_by_parent = bool(CARRY_OUT.search(before))
            out += child_out


def _as_document(
    marked: Marked, title: str, parent: TitleMention | None, before: str
) -> TitleMention | None:
    """A document title, or None. A quoted one must be formal (关于…) or the object of a
    verb that takes documents (印发“…办法”), so that “五公开”-like names never are."""
    title = _COMMENT_MARK.sub("", title)  # [A1]: a Word comment's anchor left in the text
    tail = number_tail(title)
    if tail is not None:
        title = title[:tail]
    kind = doc_type(title)
    key = normalize_label(title)
    if not kind or not key or is_report_itself(title):
        return None
    if marked.mark == "“" and "关于" not in key and not _document_verb().search(before):
        return None
    return TitleMention(
        marked.start,
        marked.end,
        marked.start - 1,
        marked.end + 1,
        key,
        kind,
        short=is_short_reference(key),
        parent=parent,
        number_at=None if tail is None else marked.start + tail,
    )


def _unangled(name: str) -> str:
    return re.sub("[<>＜＞]", "", name)


def _bare_titles(
    text: str, taken: list[tuple[int, int]], marked: list[tuple[int, int]], where: Jurisdiction
) -> list[TitleMention]:
    """Formal titles without marks: issuer + 关于 … 的 + genre word."""
    out: list[TitleMention] = []
    inside = _inside(taken)
    marks = _Marks(marked)
    for match in re.finditer("关于", text):
        at = match.start()
        if inside(at):
            continue
        run_start, run = issuer_run_before(text, at)
        start = run_start + leading_body(run)
        if start >= at or not split_issuers(text, start, at, where):
            continue
        start = listed_before(text, start, where)
        end = _bare_title_end(text, at, marks)
        if end is None:
            continue
        key = normalize_label(text[start:end])
        kind = doc_type(key)
        if kind:
            out.append(TitleMention(start, end, start, end, key, kind))
    return out


def _bare_title_end(text: str, at: int, marked: _Marks) -> int | None:
    """End of the formal title whose 关于 is at ``at``: the last 的+genre word before a stop.

    Titles in marks inside it are passed over (关于印发《X》的通知), but the end is
    never inside one.
    """
    stop = _BARE_STOP.search(text, at, min(len(text), at + _MAX_BARE))
    limit = stop.start() if stop else min(len(text), at + _MAX_BARE)
    last = None
    for match in _genre_after_de().finditer(text, at, limit):
        if not marked.strictly_inside(match.end()):
            last = match.end()
    return last


class _Marks:
    """Top-level marked stretches, for asking whether an offset falls inside one."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def strictly_inside(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos - 1) - 1
        return i >= 0 and self.spans[i][0] < pos <= self.spans[i][1]


@cache
def _document_verb() -> re.Pattern[str]:
    words = {*word_list("making_verbs.txt"), *word_list("basis_cues.txt"), "转发", "学习", "执行"}
    alternation = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alternation})了?$")


@cache
def _genre_after_de() -> re.Pattern[str]:
    words = "|".join(genre_words())
    modifiers = "|".join(sorted(word_list("genre_modifiers.txt"), key=len, reverse=True))
    return re.compile(rf"的(?:{modifiers})?(?:{words})")


def _inside(spans: list[tuple[int, int]]) -> _Inside:
    return _Inside(sorted(spans))


class _Inside:
    """Membership of an offset in sorted, non-overlapping spans (two-pointer, monotone queries)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.i = 0

    def __call__(self, pos: int) -> bool:
        while self.i < len(self.spans) and self.spans[self.i][1] < pos:
            self.i += 1
        return self.i < len(self.spans) and self.spans[self.i][0] <= pos
