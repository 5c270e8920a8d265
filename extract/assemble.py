"""Turn a processed ``Doc`` into the frozen ``ReportRecord`` that ``kg`` consumes."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.components.report_facts import ReportFacts
from extract.extensions import DOCUMENT_NUMBERS_KEY
from extract.records import DocumentNumber, Mention, Organization, ReportRecord
from extract.regions import expand_agency_name

_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def doc_to_record(doc: Doc, *, source_file: str, sha256: str) -> ReportRecord:
    facts: ReportFacts | None = doc._.gov_report
    if facts is None:
        facts = ReportFacts(None, None, None, None, None, None)
    title = facts.title or source_file.rsplit(".", 1)[0]
    year = facts.year if facts.year is not None else _year_from_name(source_file)
    return ReportRecord(
        source_file=source_file,
        sha256=sha256,
        text=doc.text,
        title=title,
        region=facts.region,
        year=year,
        publisher=_publisher(doc.text, facts),
        document_numbers=_document_numbers(doc),
    )


def _year_from_name(name: str) -> int | None:
    match = _YEAR_IN_NAME.search(name)
    return int(match.group(1)) if match else None


def _publisher(text: str, facts: ReportFacts) -> Organization | None:
    if not facts.publisher or facts.publisher_span is None:
        return None
    start, end = facts.publisher_span
    label = expand_agency_name(facts.publisher, facts.region)
    aliases = (facts.publisher,) if label != facts.publisher else ()
    return Organization(label, aliases, (Mention(start, end, text[start:end]),))


def _document_numbers(doc: Doc) -> tuple[DocumentNumber, ...]:
    """One record per distinct number, its mentions in text order."""
    grouped: dict[tuple[str, int, int], list[Mention]] = {}
    for span in doc.spans.get(DOCUMENT_NUMBERS_KEY, ()):
        key = span._.gov_number
        grouped.setdefault(key, []).append(Mention(span.start_char, span.end_char, span.text))
    return tuple(
        DocumentNumber(prefix, year, serial, tuple(mentions))
        for (prefix, year, serial), mentions in grouped.items()
    )
