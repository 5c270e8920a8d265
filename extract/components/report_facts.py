"""The report's own facts: title, year, region and the body that compiled it.

Rules, not a model: ``extract.report_title`` finds the title and what it
states, ``extract.publisher`` the candidates for the compiling body; names are
resolved against the report's region by ``extract.agency_names``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extract.agency_names import Jurisdiction, infer_jurisdiction, leading_region, resolve_agency
from extract.extensions import add_entity_span, doc_text, register_extensions
from extract.publisher import publisher_candidates
from extract.report_title import find_title, title_body, year_of_text, year_of_title
from extract.resources import word_list

# a candidate that starts like a sentence about the report is not a name
_NOT_NAME_STARTS = ("本", "我", "该", "此", "现", "今", "特")
# offices that compile their government's report rather than report on their own work
_COMPILING_OFFICES = (
    "人民政府办公厅",
    "人民政府办公室",
    "政府办公室",
    "管理委员会办公室",
    "领导小组办公室",
    "政务公开办公室",
)


@dataclass(frozen=True, slots=True)
class ReportFacts:
    title: str | None
    title_span: tuple[int, int] | None  # None when the title was joined from two lines
    year: int | None
    region: str | None
    publisher: str | None  # as written
    publisher_span: tuple[int, int] | None
    publisher_label: str | None = None  # full name, an Agency entity of the doc
    jurisdiction: Jurisdiction | None = None  # where the report's short names are resolved


class ReportFactsReader:
    """Writes ``doc._.gov_report`` and the publisher's Agency span."""

    def __init__(self, nlp: Language, name: str, *, organ_endings: tuple[str, ...]) -> None:
        register_extensions()
        self.name = name
        self.organ_endings = organ_endings

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        title, title_span = find_title(text)
        body = title_body(title) if title else None
        year = (year_of_title(title) if title else None) or year_of_text(text)
        region = leading_region(body) if body else None
        body_start = title_span[0] + title.find(body) if title and body and title_span else None
        where = infer_jurisdiction(region or None, text, title=title)
        found = self._publisher(text, body, body_start, where)
        publisher = label = span_offsets = None
        if found is not None:
            publisher, start, label = found
            span_offsets = (start, start + len(publisher))
            span = doc.char_span(*span_offsets, label="Agency")
            if span is not None:
                add_entity_span(doc, span, label)
            if not region:
                region = leading_region(label) or None
                where = infer_jurisdiction(region, text, title=title)
        if title is None and year is not None:
            title = synthesized_title(region, label, year)
        doc._.gov_report = ReportFacts(
            title, title_span, year, region or None, publisher, span_offsets, label, where
        )
        return doc

    def _publisher(
        self, text: str, body: str | None, body_start: int | None, where: Jurisdiction
    ) -> tuple[str, int, str] | None:
        """The first candidate that names an agency: (as written, offset, full name)."""
        for name, start in publisher_candidates(text, body, body_start):
            if not name.endswith(self.organ_endings) or name.startswith(_NOT_NAME_STARTS):
                continue
            if "报告" in name:
                continue
            label = resolve_agency(name, where)
            if label:
                return name, start, label
        return None


def synthesized_title(region: str | None, publisher: str | None, year: int) -> str | None:
    """The standard title of a report whose text has none: {body}{year}年政府信息公开工作年度报告.

    The body is the publisher when it reports on its own work (a bureau), the
    region when the publisher is the office that compiles its government's report.
    """
    compiles_for_region = publisher is None or publisher.endswith(_COMPILING_OFFICES)
    body = region if compiles_for_region else publisher
    return f"{body}{year}年政府信息公开工作年度报告" if body else None


@Language.factory("gov_report_facts", default_config={"organ_endings": None})
def make_report_facts(
    nlp: Language, name: str, *, organ_endings: list[str] | None
) -> ReportFactsReader:
    endings = tuple(organ_endings) if organ_endings else word_list("organ_endings.txt")
    return ReportFactsReader(nlp, name, organ_endings=endings)
