"""What the report writes right after a title: its number, its short name, its decree.

《…》（国办发〔2016〕19号）, 《…》(国办发[2016]19号), “…的通知”国办发〔2016〕19号,
《…》（以下简称《条例》）, 《…》（国务院令第711号，以下简称《条例》）: the
bracket right after the title, or a number or 简称 that follows it directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span

from extract.agency_names import Jurisdiction
from extract.document_issuers import Issuer, issuer_run_before, split_issuers
from extract.normalize import normalize_label

_MAX_BRACKET = 80
_GAP = re.compile(r"[ \t\u3000\n]*")
_SHORT = re.compile(
    r"(?:以下简称|以下称|下称|简称)[为:：]?\s*[《“\"「]?\s*([^》”\"」）)，,。；;、\s]{1,20})"
)
_DECREE = re.compile(r"令\s*第?\s*\d+\s*号")


@dataclass(slots=True)
class Trailer:
    number: Span | None = None
    short: str | None = None  # normalised short name the report defines
    decree_issuers: list[Issuer] = field(default_factory=list)


def read_trailer(text: str, after: int, numbers: dict[int, Span], where: Jurisdiction) -> Trailer:
    """The number, short name and decree issuer written right after a title ending at ``after``."""
    pos = _GAP.match(text, after)
    start = pos.end() if pos else after
    trailer = Trailer()
    if start < len(text) and text[start] in "（(":
        close = _closing(text, start)
        if close is None:
            return trailer
        inside = range(start + 1, close)
        trailer.number = next((numbers[i] for i in inside if i in numbers), None)
        trailer.short = _short_name(text[start + 1 : close])
        trailer.decree_issuers = _decree_issuers(text, start + 1, close, where)
        return trailer
    trailer.number = numbers.get(start)
    if start < len(text) and text[start] in "，,":
        trailer.short = _short_name(text[start + 1 : start + 1 + 30], anchored=True)
    return trailer


def _closing(text: str, start: int) -> int | None:
    for pos in range(start + 1, min(len(text), start + _MAX_BRACKET)):
        if text[pos] in "）)":
            return pos
        if text[pos] in "（(。":
            return None
    return None


def _short_name(window: str, *, anchored: bool = False) -> str | None:
    match = _SHORT.match(window.lstrip()) if anchored else _SHORT.search(window)
    if match is None:
        return None
    return normalize_label(match.group(1)) or None


def _decree_issuers(text: str, start: int, end: int, where: Jurisdiction) -> list[Issuer]:
    """国务院令第711号 in the bracket: the body named before 令 issued the document."""
    match = _DECREE.search(text, start, end)
    if match is None:
        return []
    name_start, name = issuer_run_before(text, match.start())
    if not name:
        return []
    return split_issuers(text, max(name_start, start), match.start(), where)


def number_before(text: str, mark: int, numbers_by_end: dict[int, Span]) -> Span | None:
    """国办发〔2016〕19号《…》: a number written right before a title's opening mark."""
    pos = mark
    while pos > 0 and text[pos - 1] in " \t\u3000":
        pos -= 1
    return numbers_by_end.get(pos)
