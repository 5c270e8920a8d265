"""Turn a processed ``Doc`` into the frozen ``ReportRecord`` that ``kg`` consumes.

Spans of one kind and label become one entity with all their mentions; equal
figures become one statistic; relations whose ends were not found are dropped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc

from extract.components.report_facts import ReportFacts
from extract.extensions import (
    DOCUMENT_NUMBERS_KEY,
    STATISTICS_KEY,
    doc_text,
    entity_marks,
)
from extract.normalize import squeeze_whitespace
from extract.records import (
    DocumentNumber,
    Entity,
    EntityKind,
    EntityRef,
    Mention,
    Relation,
    ReportRecord,
    Statistic,
)

log = logging.getLogger(__name__)

_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def doc_to_record(doc: Doc, *, source_file: str, sha256: str) -> ReportRecord:
    facts: ReportFacts = doc._.gov_report or ReportFacts(None, None, None, None, None, None)
    entities = _entities(doc)
    numbers = _document_numbers(doc)
    known = {e.ref for e in entities} | {n.ref for n in numbers}
    publisher = EntityRef("Agency", facts.publisher_label) if facts.publisher_label else None
    return ReportRecord(
        source_file=source_file,
        sha256=sha256,
        text=doc_text(doc),
        title=facts.title or source_file.rsplit(".", 1)[0],
        region=facts.region,
        year=facts.year if facts.year is not None else _year_from_name(source_file),
        publisher=publisher if publisher in known else None,
        channel_types=tuple(sorted(doc._.gov_channel_types or ())),
        entities=entities,
        document_numbers=numbers,
        statistics=_statistics(doc),
        relations=_relations(doc._.gov_relations or (), known),
        quality_notes=tuple(doc._.gov_quality_notes or ()),
    )


def _year_from_name(name: str) -> int | None:
    match = _YEAR_IN_NAME.search(name)
    return int(match.group(1)) if match else None


def _entities(doc: Doc) -> tuple[Entity, ...]:
    """One entity per (kind, label), in order of first mention."""
    mentions: dict[tuple[EntityKind, str], set[Mention]] = {}
    aliases: dict[tuple[EntityKind, str], set[str]] = {}
    fields: dict[tuple[EntityKind, str], dict[str, str]] = {}
    text = doc_text(doc)
    for kind, start, end, info in entity_marks(doc):
        key: tuple[EntityKind, str] = (kind, info.label)  # type: ignore[assignment]
        surface = text[start:end]
        mentions.setdefault(key, set()).add(Mention(start, end, surface))
        aliases.setdefault(key, set()).update(info.aliases)
        aliases[key].add(squeeze_whitespace(surface))
        for name, value in info.fields:
            fields.setdefault(key, {}).setdefault(name, value)
    out = []
    for (kind, label), found in mentions.items():
        extra = fields.get((kind, label), {})
        out.append(
            Entity(
                kind=kind,
                label=label,
                aliases=tuple(sorted(aliases[(kind, label)] - {label, ""})),
                mentions=tuple(sorted(found, key=lambda m: (m.start, m.end))),
                doc_type=extra.get("doc_type"),
                channel_type=extra.get("channel_type"),
            )
        )
    return tuple(sorted(out, key=lambda e: (e.mentions[0].start, e.kind, e.label)))


def _document_numbers(doc: Doc) -> tuple[DocumentNumber, ...]:
    """One record per distinct number, its mentions in text order."""
    grouped: dict[tuple[str, int, int], list[Mention]] = {}
    for span in doc.spans.get(DOCUMENT_NUMBERS_KEY, ()):
        grouped.setdefault(span._.gov_number, []).append(
            Mention(span.start_char, span.end_char, span.text)
        )
    return tuple(
        DocumentNumber(prefix, year, serial, tuple(found))
        for (prefix, year, serial), found in grouped.items()
    )


def _statistics(doc: Doc) -> tuple[Statistic, ...]:
    """Spans with equal figures (value, unit, measure, code) are one statistic."""
    grouped: dict[Statistic, list[Mention]] = {}
    for span in doc.spans.get(STATISTICS_KEY, ()):
        figure: Statistic = replace(span._.gov_statistic, mentions=())
        grouped.setdefault(figure, []).append(Mention(span.start_char, span.end_char, span.text))
    return tuple(replace(figure, mentions=tuple(found)) for figure, found in grouped.items())


def _relations(relations: Iterable[Relation], known: set[EntityRef]) -> tuple[Relation, ...]:
    out: list[Relation] = []
    for relation in relations:
        if relation.subject not in known or relation.object not in known:
            log.debug("dropped %s: an end was not found", relation)
        elif relation not in out and relation.subject != relation.object:
            out.append(relation)
    return tuple(out)
