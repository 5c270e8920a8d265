"""Find the stretches of text inside title marks (《…》, 〈…〉, “…”), nesting included.

One left-to-right pass with a small stack: 《关于印发〈A〉的通知》 gives the outer
title with the inner one as its child. An opening mark that is never closed
must not swallow the rest of the report, so an open mark is given up at a
sentence end, at a blank line, or when it grows longer than any title does;
titles completed inside an abandoned one stand on their own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass, field

from extract.literal_scan import char_positions

MAX_TITLE = 150  # the longest real titles (joint notices issuing a plan) stay under this
# each closer with the openers it closes, the right one first: a typo such as
# 《…〉 still closes the title
_CLOSERS = {
    "》": ("《", "〈"),
    "〉": ("〈", "《"),
    "”": ("“",),
    ">": ("<", "＜"),
    "＞": ("＜", "<"),
}
_OPENERS = frozenset(opener for openers in _CLOSERS.values() for opener in openers)
_SENTENCE_ENDS = "。！？"
# the only places where something happens: marks, sentence ends, blank lines
_MARKS = "《》〈〉“”<>＜＞"
_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")


@dataclass(slots=True)
class Marked:
    """Text between a pair of marks: ``text[start:end]`` excludes the marks themselves."""

    start: int
    end: int
    mark: str  # the opening mark: 《 〈 “ <
    children: list[Marked] = field(default_factory=list)


@dataclass(slots=True)
class _Open:
    pos: int  # offset of the opening mark
    mark: str
    children: list[Marked] = field(default_factory=list)


def find_marked(text: str) -> list[Marked]:
    """Top-level marked stretches in text order, each with its nested ones."""
    found: list[Marked] = []
    stack: deque[_Open] = deque()
    stops = _stops(text)
    last = -1
    for pos in char_positions(text, _MARKS):
        if stack and bisect_left(stops, last) < bisect_left(stops, pos):
            while stack:  # a sentence ended since the last mark: give up what is open
                _abandon(stack.popleft(), found)
        last = pos
        while stack and pos - stack[0].pos > MAX_TITLE:
            _abandon(stack.popleft(), found)
        char = text[pos]
        if char in _OPENERS:
            stack.append(_Open(pos, char))
        else:
            _close(stack, found, pos, _CLOSERS[char])
    while stack:
        _abandon(stack.popleft(), found)
    found.sort(key=lambda m: m.start)
    return found


def _stops(text: str) -> list[int]:
    """Offsets of the sentence ends and blank lines, in order. Positions are found with
    numpy: a character class would make the regex engine try every position."""
    ends = list(char_positions(text, _SENTENCE_ENDS))
    blanks = [match.start() for match in _BLANK_LINE.finditer(text)]
    return sorted(ends + blanks) if blanks else ends


def _close(stack: deque[_Open], found: list[Marked], pos: int, openers: tuple[str, ...]) -> None:
    """Close the innermost open mark of the matching kind; a stray closer is ignored.

    Marks opened inside it and still open (an unbalanced “ in a 《…》) are given up.
    """
    depth = next((d for o in openers if (d := _innermost(stack, o)) is not None), None)
    if depth is None:
        return
    while len(stack) > depth + 1:
        inner = stack.pop()
        stack[-1].children.extend(inner.children)
    opened = stack.pop()
    marked = Marked(opened.pos + 1, pos, opened.mark, opened.children)
    if stack:
        stack[-1].children.append(marked)
    else:
        found.append(marked)


def _innermost(stack: deque[_Open], opener: str) -> int | None:
    return next((i for i in range(len(stack) - 1, -1, -1) if stack[i].mark == opener), None)


def _abandon(opened: _Open, found: list[Marked]) -> None:
    """An unclosed outermost mark: what was completed inside it stands on its own.

    Those children all precede every mark still open, so they are top level.
    """
    found.extend(opened.children)
