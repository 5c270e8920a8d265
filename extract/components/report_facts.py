"""The report's own facts: title, year, region and the body that compiled it.

Rules, not a model: the title is the heading line that names a disclosure
report; region and year are read from it; the publisher is the body named in
"由…编制" or, failing that, the contact unit in "请与…联系".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extract.agency_names import expand_agency_name, leading_region
from extract.extensions import add_entity_span, register_extensions

_TITLE = re.compile(r"(?:政府信息公开|政务公开|信息公开).{0,16}报告$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_NAME = r"([^，。；：、\s《》“”（）()]{2,40}?)"
_PUBLISHER_PATTERNS = (
    # 由X编制, 由X根据《…》要求编制: the name ends where the verb phrase starts
    re.compile(
        r"由"
        + _NAME
        + r"(?=(?:根据|按照|依据|依照|结合|参照|负责|组织|牵头|汇总)[^。]{0,80}编制|编制)"
    ),
    re.compile(r"请与" + _NAME + r"联系"),
    re.compile(r"联系(?:单位|部门)[:：]\s*" + _NAME + r"[；;，,。\s]"),
)
_HEAD_LINES = 6  # a title is among the first lines
_MAX_TITLE = 60


@dataclass(frozen=True, slots=True)
class ReportFacts:
    title: str | None
    title_span: tuple[int, int] | None  # None when the title was joined from two lines
    year: int | None
    region: str | None
    publisher: str | None  # as written
    publisher_span: tuple[int, int] | None
    publisher_label: str | None = None  # full name, an Agency entity of the doc


class ReportFactsReader:
    """Writes ``doc._.gov_report``."""

    def __init__(self, nlp: Language, name: str, *, organ_endings: tuple[str, ...]) -> None:
        register_extensions()
        self.name = name
        self.organ_endings = organ_endings

    def __call__(self, doc: Doc) -> Doc:
        title, title_span = find_title(doc.text)
        year = region = None
        if title:
            year_match = _YEAR.search(title)
            year = int(year_match.group(1)) if year_match else None
            region = leading_region(title) or None
        publisher, publisher_span = self._publisher(doc.text)
        label = None
        if publisher and publisher_span:
            label = expand_agency_name(publisher, region)
            span = doc.char_span(*publisher_span, label="Agency")
            if span is not None:
                add_entity_span(doc, span, label)
        doc._.gov_report = ReportFacts(
            title, title_span, year, region, publisher, publisher_span, label
        )
        return doc

    def _publisher(self, text: str) -> tuple[str | None, tuple[int, int] | None]:
        for pattern in _PUBLISHER_PATTERNS:
            for match in pattern.finditer(text):
                name = match.group(1)
                if name.endswith(self.organ_endings):
                    return name, match.span(1)
        return None, None


def find_title(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """The title line among the first lines, or two short lines that together are one."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((offset, line))
        offset += len(line) + 1
        if len(lines) >= _HEAD_LINES:
            break
    for i, (start, line) in enumerate(lines):
        if len(line) <= _MAX_TITLE and _TITLE.search(line):
            return line, (start, start + len(line))
        if i + 1 < len(lines):
            joined = line + lines[i + 1][1]
            if len(joined) <= _MAX_TITLE and _TITLE.search(joined) and "报告" not in line:
                return joined, None
    return None, None


@Language.factory("gov_report_facts", default_config={"organ_endings": None})
def make_report_facts(
    nlp: Language, name: str, *, organ_endings: list[str] | None
) -> ReportFactsReader:
    from extract.resources import word_list

    endings = tuple(organ_endings) if organ_endings else word_list("organ_endings.txt")
    return ReportFactsReader(nlp, name, organ_endings=endings)
