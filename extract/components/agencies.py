"""The gov_agencies component: every specific agency the report names, and which
organ each sits under (org:subOrganizationOf).

Mentions are found by extract.agency_finder against the report's jurisdiction
(its region from gov_report_facts, its province inferred from the text) and
labelled by extract.agency_names, the resolver every component shares. A
subOrganizationOf relation is added only when both ends are named in the report.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.agency_finder import AgencyMention, find_agencies
from extract.agency_names import Jurisdiction, parent_of_label
from extract.extensions import (
    DOCUMENT_NUMBERS_KEY,
    add_entity_span,
    add_relation,
    doc_text,
    entity_marks,
    register_extensions,
    report_jurisdiction,
)
from extract.records import EntityRef, Relation


class AgencyFinder:
    """Adds Agency spans to ``doc.spans["gov_entities"]`` and subOrganizationOf relations."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        where = report_jurisdiction(doc)
        skip = [(s.start_char, s.end_char) for s in doc.spans.get(DOCUMENT_NUMBERS_KEY, ())]
        mentions = find_agencies(doc_text(doc), where, skip=skip)
        for mention in mentions:
            span = doc.char_span(
                mention.start, mention.end, label="Agency", alignment_mode="expand"
            )
            if span is not None:
                add_entity_span(doc, span, mention.label, aliases=mention.aliases)
        self._relations(doc, mentions, where)
        return doc

    def _relations(self, doc: Doc, mentions: list[AgencyMention], where: Jurisdiction) -> None:
        named = {m.label for m in mentions} | _agencies_already_found(doc)
        parents = {m.label: m.parent for m in mentions if m.parent}
        for label in sorted(named - set(parents)):  # e.g. the publisher, found by report_facts
            parent = parent_of_label(label, where)
            if parent:
                parents[label] = parent
        for child, parent in sorted(parents.items()):
            if parent in named and parent != child:
                relation = Relation(
                    EntityRef("Agency", child), "subOrganizationOf", EntityRef("Agency", parent)
                )
                add_relation(doc, relation)


def _agencies_already_found(doc: Doc) -> set[str]:
    return {mark.info.label for mark in entity_marks(doc, ("Agency",))} - {""}


@Language.factory("gov_agencies")
def make_agencies(nlp: Language, name: str) -> AgencyFinder:
    return AgencyFinder(nlp, name)
