"""Who issued a document, read from the title, the number's issuer code or the words before it.

Each finder returns ``Issuer``s whose labels come from ``resolve_agency`` and
makes sure every issuer is an Agency entity of the report (a relation to a
body the report does not name is dropped at assembly): names read inside a
title or before 令 get an Agency span where they stand; a body read from an
issuer code gets a span over the code only when the report names it nowhere
else (the gold precedent: 国务院 from 国务院令第711号).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extract.agency_names import Jurisdiction, resolve_agency
from extract.document_issuers import (
    Issuer,
    issuer_run_before,
    leading_body,
    named_issuers,
    split_issuers,
)
from extract.document_mentions import TitleMention
from extract.document_titles import issuer_segment
from extract.extensions import add_entity_span, entity_marks
from extract.issuer_codes import issuers_of_code
from extract.resources import word_list


class IssuerFinder:
    """Issuers of the documents of one report."""

    def __init__(self, doc: Doc, text: str, where: Jurisdiction) -> None:
        self.doc = doc
        self.text = text  # doc.text, read once: spaCy rebuilds it on every access
        self.where = where
        self.agency_ends: dict[int, tuple[int, str]] = {}
        self.known: set[str] = set()
        for mark in entity_marks(doc, ("Agency",)):
            self.known.add(mark.info.label)
            best = self.agency_ends.get(mark.end)
            if best is None or mark.start < best[0]:
                self.agency_ends[mark.end] = (mark.start, mark.info.label)

    def in_title(self, mention: TitleMention) -> list[Issuer]:
        """国务院办公厅关于… → 国务院办公厅; 中共中央办公厅国务院办公厅关于… → both."""
        segment = issuer_segment(self.text[mention.start : mention.end])
        if segment is None:
            return []
        start, end = mention.start + segment[0], mention.start + segment[1]
        found = split_issuers(self.text, start, end, self.where)
        self.add_spans(found)
        return found

    def of_number(self, number: Span) -> list[Issuer]:
        """渝府办发〔2016〕238号 → 重庆市人民政府办公厅; an unreadable code gives none."""
        prefix, year, _ = number._.gov_number
        end = _prefix_end(self.text, number.start_char, len(prefix))
        found = []
        for name in issuers_of_code(prefix, year, self.where):
            label = resolve_agency(name, self.where)
            if label:
                found.append(Issuer(number.start_char, end, label))
        self.add_spans([issuer for issuer in found if issuer.label not in self.known])
        return found

    def before_title(self, mention: TitleMention) -> list[Issuer]:
        """中办《…》, 中办、国办印发的《…》: bodies right before the title's mark."""
        if mention.outer_start == mention.start:
            return []
        text = self.text
        for connector in (*_connectors(), ""):
            end = mention.outer_start - len(connector)
            if end > 0 and text[end : mention.outer_start] == connector:
                found = self._bodies_ending_at(end)
                if found:
                    return found
        return []

    def _bodies_ending_at(self, end: int) -> list[Issuer]:
        """The body whose name ends at ``end``, and those listed before it (X、Y印发的)."""
        found: list[Issuer] = []
        while end > 0:
            issuers = self._body_ending_at(end)
            if not issuers:
                break
            found = issuers + found
            start = issuers[0].start
            if start < 1 or self.text[start - 1] not in _LIST_MARKS:
                break
            end = start - 1
        return found

    def _body_ending_at(self, end: int) -> list[Issuer]:
        if end in self.agency_ends:
            start, label = self.agency_ends[end]
            return [Issuer(start, end, label)]
        run_start, run = issuer_run_before(self.text, end)
        start = run_start + leading_body(run)
        found = named_issuers(self.text, start, end, self.where) if start < end else []
        if found and found[0].start == start and found[-1].end == end:
            self.add_spans(found)
            return found
        return []

    def add_spans(self, issuers: list[Issuer]) -> None:
        for issuer in issuers:
            span = self.doc.char_span(issuer.start, issuer.end, label="Agency")
            if span is not None:
                add_entity_span(self.doc, span, issuer.label)
                self.known.add(issuer.label)


_LIST_MARKS = frozenset("、和与及")


def _prefix_end(text: str, start: int, length: int) -> int:
    """Offset just after the ``length``-th non-space character from ``start``."""
    pos = start
    while length and pos < len(text):
        if not text[pos].isspace():
            length -= 1
        pos += 1
    return pos


def _connectors() -> tuple[str, ...]:
    return tuple(sorted(word_list("issuer_connectors.txt"), key=len, reverse=True))
