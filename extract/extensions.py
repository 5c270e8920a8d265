"""All custom attributes the pipeline writes, and the helpers components share.

The contract between components: an entity is a ``Span`` in
``doc.spans[ENTITIES_KEY]`` whose ``label_`` is its kind (Agency, PolicyDocument,
DisclosureChannel, Reform, Topic), added with ``add_entity_span`` together with
its canonical label, extra aliases (names not in the text, e.g. a known full
name) and fields (doc_type, channel_type); ``entity_info`` reads them back.
They are kept per (kind, start, end) in ``doc.user_data``, not in span
extensions, because spaCy keys span extensions by offsets alone, so a Reform
and a Topic over the same characters would overwrite each other. Spans of one
kind and label are one entity. Document numbers and statistics have keys of
their own; relations between entities go to ``doc._.gov_relations``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from extract.agency_names import Jurisdiction, infer_jurisdiction
from extract.records import Relation

ENTITIES_KEY = "gov_entities"
DOCUMENT_NUMBERS_KEY = "gov_document_numbers"
STATISTICS_KEY = "gov_statistics"
_TEXT_KEY = "gov_text"
_ENTITY_KEY = "gov_entity"
_JURISDICTION_KEY = "gov_jurisdiction"


@dataclass(frozen=True, slots=True)
class EntityInfo:
    label: str  # canonical name
    aliases: tuple[str, ...]  # names of the entity that are not the span's text
    fields: tuple[tuple[str, str], ...]  # (doc_type, 通知), (channel_type, Website)


def register_extensions() -> None:
    """Idempotent: components call it from their constructors."""
    span_defaults: dict[str, object] = {
        "gov_number": None,  # (prefix, year, serial) of a document-number span
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


def doc_text(doc: Doc) -> str:
    """The doc's text, read once: ``Doc.text`` joins every token again on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def report_jurisdiction(doc: Doc) -> Jurisdiction:
    """Where the report's short names are resolved; worked out once per doc."""
    where = doc.user_data.get(_JURISDICTION_KEY)
    if isinstance(where, Jurisdiction):
        return where
    facts = doc._.gov_report
    known = getattr(facts, "jurisdiction", None)
    if isinstance(known, Jurisdiction):
        doc.user_data[_JURISDICTION_KEY] = known
        return known
    region = getattr(facts, "region", None)
    title = getattr(facts, "title", None)
    where = infer_jurisdiction(region, doc_text(doc), title=title)
    doc.user_data[_JURISDICTION_KEY] = where
    return where


def _entity_key(span: Span) -> str:
    return f"{_ENTITY_KEY}:{span.label_}:{span.start_char}:{span.end_char}"


def add_entity_span(
    doc: Doc,
    span: Span,
    label: str,
    *,
    aliases: tuple[str, ...] = (),
    fields: dict[str, str] | None = None,
) -> None:
    """Append an entity span to the doc's shared group (components call this)."""
    doc.user_data[_entity_key(span)] = EntityInfo(
        label, tuple(aliases), tuple(sorted((fields or {}).items()))
    )
    if ENTITIES_KEY in doc.spans:
        doc.spans[ENTITIES_KEY].append(span)
    else:
        doc.spans[ENTITIES_KEY] = [span]


def entity_info(span: Span) -> EntityInfo | None:
    """What ``add_entity_span`` recorded for this span's kind and offsets."""
    info = span.doc.user_data.get(_entity_key(span))
    return info if isinstance(info, EntityInfo) else None


def entity_label(span: Span) -> str | None:
    info = entity_info(span)
    return info.label if info is not None else None


def add_relation(doc: Doc, relation: Relation) -> None:
    """Append a ``Relation`` record to ``doc._.gov_relations``."""
    if doc._.gov_relations is None:
        doc._.gov_relations = []
    doc._.gov_relations.append(relation)
