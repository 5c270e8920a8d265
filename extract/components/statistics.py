"""The gov_statistics component: every figure of disclosure work, as ``Statistic`` spans.

Tables first (``extract.national_tables``: 表二/表三/表四 of the national format;
``extract.legacy_tables``: the indicator | unit | figure rows of older reports),
then the prose outside them (``extract.prose_statistics``), then one Statistic
per figure (``extract.statistic_merge``): all spans of one figure carry equal
payloads, so the assembly merges them. Every cell of the national tables is
checked against the others (``extract.table_checks``); the identities they
break go to ``doc._.gov_quality_notes``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.extensions import DOCUMENT_NUMBERS_KEY, STATISTICS_KEY, doc_text, register_extensions
from extract.legacy_tables import read_legacy_tables
from extract.national_tables import read_tables
from extract.prose_statistics import read_prose
from extract.statistic_merge import group_figures
from extract.table_checks import check_tables

MAX_MAGNITUDE = 15  # figures of 10^15 or more (yuan included) are glued digits, not counts


class StatisticsFinder:
    """Writes ``doc.spans["gov_statistics"]`` with ``span._.gov_statistic`` set, and
    ``doc._.gov_quality_notes``."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        tables = read_tables(text)
        doc._.gov_quality_notes = check_tables(tables.cells)
        legacy = read_legacy_tables(text)
        numbers = [(s.start_char, s.end_char) for s in doc.spans.get(DOCUMENT_NUMBERS_KEY, ())]
        prose = read_prose(text, skip=[*tables.lines, *legacy.lines], masked=numbers)
        spans: list[Span] = []
        for group in group_figures([*tables.figures, *legacy.cells], prose):
            statistic = group.statistic()
            if abs(statistic.value).adjusted() >= MAX_MAGNITUDE:
                continue  # a run of digits, not a count of anything a report measures
            for start, end in sorted(set(group.mentions)):
                span = doc.char_span(start, end, label="Statistic", alignment_mode="expand")
                if span is None:  # pragma: no cover - one token per character
                    continue
                span._.gov_statistic = statistic
                spans.append(span)
        doc.spans[STATISTICS_KEY] = spans
        return doc


@Language.factory("gov_statistics")
def make_statistics(nlp: Language, name: str) -> StatisticsFinder:
    return StatisticsFinder(nlp, name)
