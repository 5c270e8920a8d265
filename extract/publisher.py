"""Who compiled a report, from the many ways reports say it.

In order of how directly the text says it: 由X编制 (or 由X根据…/牵头…编制);
a sentence that starts with X and says X compiled it (X根据…编制本报告); the
signature (an agency line next to a date at the end); the body named in the
title (XX市教育局2019年…报告); the contact unit (请与X联系, 联系单位：X).
Each candidate must end like an organ's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extract.resources import word_list

Candidate = tuple[str, int]  # name as written, its start offset in the text

_NAME_CHARS = r"[^，。；：:、\s《》“”\"（）()【】]"
_COMPILE_VERBS = r"(?:编制|编写|撰写|起草|制作|形成|汇总编制|整理)"
_BY = re.compile(rf"由({_NAME_CHARS}{{2,40}})")
_SENTENCE_SUBJECT = re.compile(
    rf"(?:^|[。！\n])\s*({_NAME_CHARS}{{4,40}}?)(?=根据|按照|依据|依照|结合|现将|特?编制|发布)"
)
_CONTACT = (
    re.compile(rf"请(?:与|向)({_NAME_CHARS}{{2,40}}?)(?:联系|咨询|反映)"),
    re.compile(rf"请联系({_NAME_CHARS}{{2,40}}?)(?=[，。；,（(\s]|$)"),
    re.compile(rf"联系(?:单位|部门|机构)\s*[:：]\s*({_NAME_CHARS}{{2,40}}?)(?=[，。；,（(\s]|$)"),
)
_DATE_LINE = re.compile(
    r"^\s*(?:(?:19|20)\d{2}|二[〇○零]\S{2})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日\s*$"
)
_SENTENCE_END = re.compile(r"[。！？\n]")


def publisher_candidates(
    text: str, title_body: str | None, title_start: int | None
) -> Iterator[Candidate]:
    """Candidate names, the most direct statements first (names not yet checked)."""
    yield from _compiled_by(text)
    yield from _sentence_subjects(text)
    yield from _signature(text)
    if title_body and title_start is not None:
        yield title_body, title_start
    for pattern in _CONTACT:
        for match in pattern.finditer(text):
            yield match.group(1), match.start(1)


def longest_agency_prefix(name: str) -> str | None:
    """The head of ``name`` before its first verb, as long as it ends like an organ.

    由某市人民政府办公厅会同各部门汇总编制 → 某市人民政府办公厅.
    """
    cut = min(
        (i for w in word_list("publisher_boundaries.txt") if (i := name.find(w)) > 0),
        default=len(name),
    )
    name = name[:cut]
    endings = word_list("organ_endings.txt")
    for end in range(len(name), 1, -1):
        if name[:end].endswith(endings):
            return name[:end]
    return None


def _compiled_by(text: str) -> Iterator[Candidate]:
    for match in _BY.finditer(text):
        sentence_end = _SENTENCE_END.search(text, match.end())
        stop = sentence_end.start() if sentence_end else len(text)
        if re.search(_COMPILE_VERBS, text[match.start() : stop]):
            name = longest_agency_prefix(match.group(1))
            if name:
                yield name, match.start(1)


def _sentence_subjects(text: str) -> Iterator[Candidate]:
    for match in _SENTENCE_SUBJECT.finditer(text[:3000]):
        sentence_end = _SENTENCE_END.search(text, match.end())
        stop = sentence_end.start() if sentence_end else len(text)
        sentence = text[match.end() : stop]
        if re.search(_COMPILE_VERBS, sentence) and "报告" in sentence:
            yield match.group(1), match.start(1)


def _signature(text: str) -> Iterator[Candidate]:
    """An agency line right before or after a date line among the last lines."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    tail = [(start, line) for start, line in lines if line.strip()][-4:]
    for i, (_, line) in enumerate(tail):
        if not _DATE_LINE.match(line):
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(tail) and len(tail[j][1].strip()) <= 40:
                start, name = tail[j]
                stripped = name.strip()
                yield stripped, start + name.index(stripped)
