"""All custom attributes the pipeline writes, registered once with a ``gov_`` prefix."""

from __future__ import annotations

from spacy.tokens import Doc, Span

DOCUMENT_NUMBERS_KEY = "gov_document_numbers"  # doc.spans key of the number spans


def register_extensions() -> None:
    """Idempotent: components call it from their constructors."""
    if not Span.has_extension("gov_number"):
        # (prefix, year, serial) of a document-number span
        Span.set_extension("gov_number", default=None)
    if not Doc.has_extension("gov_report"):
        # extract.components.report_facts.ReportFacts
        Doc.set_extension("gov_report", default=None)
