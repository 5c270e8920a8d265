"""Finding a report's title line, and the year and region it states.

Titles come in many shapes (重庆市2012年…年度报告, 2016年度XX县…报告,
XX市教育局…报告（2019年度）, 关于XX县2010年…的年度报告) and are often
surrounded by page debris (标题：, 发布时间, breadcrumbs); some reports have
none, and the facts then come from the text, the file name last.
"""

from __future__ import annotations

import re
from collections import Counter

# A disclosure report's name: …(政府)信息公开/政务公开…报告, optionally (2019年度).
_TITLE_CORE = re.compile(
    r"[^\s:：|｜>》，。；、]{0,40}?(?:政府信息公开|政务公开|信息公开)[^\s，。；]{0,16}?报告"
    r"(?:[（(]\s*(?:19|20)\d{2}\s*年?度?\s*[）)])?"
)
# What may stand beside a title on its line: separators and page debris, not a sentence.
_BEFORE_TITLE = re.compile(r"(?:^|[\s:：|｜>》])$")
_AFTER_TITLE = re.compile(r"^(?:$|[\s|｜(（【\[])")
_LABEL_PREFIX = re.compile(r"^(?:标题|题目|名称|文章标题)\s*[:：]\s*")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_PERIOD_YEAR = re.compile(
    r"统计期限自\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日"
)
_LEADING_YEAR = re.compile(r"^(?:关于)?\s*(?:19|20)\d{2}\s*年度?")
HEAD_LINES = 12  # a title is among the first lines
MAX_TITLE = 60


def find_title(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """The title among the first lines, or two or three short lines that together are one.

    Returns the title and its span in ``text`` (None when it was joined from lines).
    """
    lines = _head_lines(text)
    for i, (start, line) in enumerate(lines):
        found = _title_in(line)
        if found is not None:
            begin, end = found
            return line[begin:end], (start + begin, start + end)
        for width in (2, 3):
            parts = [part for _, part in lines[i : i + width]]
            if len(parts) < width or any("报告" in p for p in parts[:-1]):
                continue
            joined = "".join(parts)
            found = _title_in(joined)
            if found is not None and found[0] == 0 and found[1] == len(joined):
                return joined, None
    return None, None


def _head_lines(text: str) -> list[tuple[int, str]]:
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((offset, line))
        offset += len(line) + 1
        if len(lines) >= HEAD_LINES:
            break
    return lines


def _title_in(line: str) -> tuple[int, int] | None:
    """Offsets of the title inside one line, page debris around it left out."""
    if len(line) > MAX_TITLE * 2:
        return None
    label = _LABEL_PREFIX.match(line)
    for match in _TITLE_CORE.finditer(line, label.end() if label else 0):
        if match.end() - match.start() > MAX_TITLE:
            continue
        if _BEFORE_TITLE.search(line[: match.start()]) and _AFTER_TITLE.match(line[match.end() :]):
            return match.start(), match.end()
    return None


def year_of_title(title: str) -> int | None:
    match = _YEAR.search(title)
    return int(match.group(1)) if match else None


def year_of_text(text: str) -> int | None:
    """A title-less text's year: its statistics period, else the year it names most."""
    period = _PERIOD_YEAR.search(text)
    if period:
        return int(period.group(1) or period.group(2))
    head = text[:1500]
    counts = Counter(int(m.group(1)) for m in _ANY_YEAR.finditer(head))
    if not counts:
        return None
    return max(counts.items(), key=lambda item: (item[1], -item[0]))[0]


def title_body(title: str) -> str:
    """The part of a title that names the region or body: 重庆市2012年…报告 → 重庆市."""
    head = _LEADING_YEAR.sub("", title)
    head = re.sub(r"^关于", "", head)
    cut = re.search(r"(?:19|20)\d{2}\s*年|(?:政府信息公开|政务公开|信息公开)", head)
    return (head[: cut.start()] if cut else head).strip()
