"""All custom attributes the pipeline writes, registered once with a ``gov_`` prefix.

The contract between components: an entity is a ``Span`` in
``doc.spans[ENTITIES_KEY]`` whose ``label_`` is its kind (Agency, PolicyDocument,
DisclosureChannel, Reform, Topic) and whose ``_.gov_label`` is its canonical
name; a component may add ``_.gov_aliases`` (names that are not in the text,
e.g. a known full name) and ``_.gov_fields`` (doc_type, channel_type). Spans of
one kind and label are one entity. Document numbers and statistics have keys of
their own; relations between entities go to ``doc._.gov_relations``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extract.records import Relation

ENTITIES_KEY = "gov_entities"
DOCUMENT_NUMBERS_KEY = "gov_document_numbers"
STATISTICS_KEY = "gov_statistics"


def register_extensions() -> None:
    """Idempotent: components call it from their constructors."""
    span_defaults: dict[str, object] = {
        "gov_number": None,  # (prefix, year, serial) of a document-number span
        "gov_label": None,  # canonical label of an entity span
        "gov_aliases": (),  # extra names of the entity that are not this span's text
        "gov_fields": None,  # {"doc_type": …} / {"channel_type": …}
        "gov_statistic": None,  # extract.records.Statistic without mentions (mentions=())
    }
    for name, default in span_defaults.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    doc_defaults: dict[str, object] = {
        "gov_report": None,  # extract.components.report_facts.ReportFacts
        "gov_relations": None,  # list[extract.records.Relation]
        "gov_channel_types": None,  # set[str] of channel kind codes the report says it used
    }
    for name, default in doc_defaults.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def add_entity_span(
    doc: Doc,
    span: Span,
    label: str,
    *,
    aliases: tuple[str, ...] = (),
    fields: dict[str, str] | None = None,
) -> None:
    """Append an entity span to the doc's shared group (components call this)."""
    span._.gov_label = label
    span._.gov_aliases = aliases
    span._.gov_fields = fields
    if ENTITIES_KEY in doc.spans:
        doc.spans[ENTITIES_KEY].append(span)
    else:
        doc.spans[ENTITIES_KEY] = [span]


def add_relation(doc: Doc, relation: Relation) -> None:
    """Append a ``Relation`` record to ``doc._.gov_relations``."""
    if doc._.gov_relations is None:
        doc._.gov_relations = []
    doc._.gov_relations.append(relation)
