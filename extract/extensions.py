"""All custom attributes the pipeline writes, and the helpers components share.

The contract between components: an entity is a ``Span`` in
``doc.spans[ENTITIES_KEY]`` whose ``label_`` is its kind (Agency, PolicyDocument,
DisclosureChannel, Reform, Topic), added with ``add_entity_span`` together with
its canonical label, extra aliases (names not in the text, e.g. a known full
name) and fields (doc_type, channel_type); ``entity_info`` reads them back.
They are kept per (kind, start, end) in ``doc.user_data``, not in span
extensions, because spaCy keys span extensions by offsets alone, so a Reform
and a Topic over the same characters would overwrite each other. Spans of one
kind and label are one entity. ``entity_marks`` lists them as plain offsets,
so later components read earlier ones without making Span objects. Document
numbers and statistics have keys of their own; relations between entities go to
``doc._.gov_relations``. The tokenizer keeps the doc's text (``doc_text``).
"""

from __future__ import annotations

from collections.abc import Container
from typing import NamedTuple

from spacy.tokens import Doc, Span, SpanGroup

from extract.agency_names import Jurisdiction, infer_jurisdiction
from extract.records import Relation

ENTITIES_KEY = "gov_entities"
DOCUMENT_NUMBERS_KEY = "gov_document_numbers"
STATISTICS_KEY = "gov_statistics"
_TEXT_KEY = "gov_text"
_JURISDICTION_KEY = "gov_jurisdiction"
_STORE_KEY = "gov_entity_store"


class EntityInfo(NamedTuple):
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
        "gov_quality_notes": None,  # tuple[QualityNote, ...]: national tables that do not add up
    }
    for name, default in doc_defaults.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def remember_text(doc: Doc, text: str) -> None:
    """Keep the text a doc was made from (the tokenizer calls it), so nobody rebuilds it."""
    doc.user_data[_TEXT_KEY] = text


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


class EntityMark(NamedTuple):
    """An entity span as plain offsets, so later components need not build Span objects."""

    kind: str  # the span's label_: Agency, PolicyDocument …
    start: int  # character offsets
    end: int
    info: EntityInfo


class _EntityStore:
    """A doc's entities as components added them: marks in order, infos by (kind, start,
    end), and the span group (looking it up in ``doc.spans`` each time is slow)."""

    __slots__ = ("group", "infos", "marks", "positions")

    def __init__(self) -> None:
        self.marks: list[EntityMark] = []
        self.infos: dict[tuple[str, int, int], EntityInfo] = {}
        self.positions: dict[tuple[str, int, int], list[int]] = {}  # where in ``marks``
        self.group: SpanGroup | None = None


def _store(doc: Doc) -> _EntityStore:
    store = doc.user_data.get(_STORE_KEY)
    if not isinstance(store, _EntityStore):
        store = doc.user_data[_STORE_KEY] = _EntityStore()
    return store


def add_entity_span(
    doc: Doc,
    span: Span,
    label: str,
    *,
    aliases: tuple[str, ...] = (),
    fields: dict[str, str] | None = None,
) -> None:
    """Append an entity span to the doc's shared group (components call this).

    A later span of the same kind and offsets replaces what an earlier one recorded,
    for both (``entity_info`` reads by kind and offsets).
    """
    store = _store(doc)
    where = (span.label_, span.start_char, span.end_char)
    info = EntityInfo(label, tuple(aliases), tuple(sorted(fields.items())) if fields else ())
    mark = EntityMark(*where, info)
    positions = store.positions.setdefault(where, [])
    for i in positions:  # the same kind and offsets again: the new info holds for all
        store.marks[i] = mark
    positions.append(len(store.marks))
    store.infos[where] = info
    store.marks.append(mark)
    if store.group is None:
        doc.spans[ENTITIES_KEY] = [span]
        store.group = doc.spans[ENTITIES_KEY]
    else:
        store.group.append(span)


def entity_info(span: Span) -> EntityInfo | None:
    """What ``add_entity_span`` recorded for this span's kind and offsets."""
    store = span.doc.user_data.get(_STORE_KEY)
    if not isinstance(store, _EntityStore):
        return None
    return store.infos.get((span.label_, span.start_char, span.end_char))


def entity_marks(doc: Doc, kinds: Container[str] | None = None) -> list[EntityMark]:
    """The entity spans added so far (of ``kinds``, default all), in the order added.

    The same as reading ``doc.spans["gov_entities"]`` with ``entity_info``, at a
    fraction of the cost: no Span object is made.
    """
    store = doc.user_data.get(_STORE_KEY)
    marks: list[EntityMark] = store.marks if isinstance(store, _EntityStore) else []
    if kinds is None:
        return list(marks)
    return [mark for mark in marks if mark.kind in kinds]


def entity_label(span: Span) -> str | None:
    info = entity_info(span)
    return info.label if info is not None else None


def add_relation(doc: Doc, relation: Relation) -> None:
    """Append a ``Relation`` record to ``doc._.gov_relations``."""
    relations = doc._.gov_relations
    if relations is None:
        relations = doc._.gov_relations = []
    relations.append(relation)
