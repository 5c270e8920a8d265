"""Disclosure channels (公开渠道): named channels as entities, their owners, the kinds used.

Rules and data, no model: channel names are found by their kind words
(门户网站, 官方微博, 热线 …), in quotes and 《》, by brand (新浪微博) and in the
contact line; ``channel_entities`` merges the mentions into channels; owners
come from the name (市旅游局门户网站) or the sentence (市政府办公厅印制发行《公报》)
and are added as Agency spans so that operatedBy has both ends. The kinds the
report says it used, outside its plans for next year, go to
``doc._.gov_channel_types``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.channel_entities import Channel, merge
from extract.channel_finder import find_candidates
from extract.channel_owners import OwnerRef, make_context
from extract.channel_plans import plan_regions
from extract.channel_types import channel_types
from extract.extensions import (
    add_entity_span,
    add_relation,
    doc_text,
    entity_marks,
    register_extensions,
    report_jurisdiction,
)
from extract.records import EntityRef, Relation


class Channels:
    """Writes DisclosureChannel spans, their owners' Agency spans, operatedBy, channel types."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        facts = doc._.gov_report
        title = facts.title if facts is not None else None
        year = facts.year if facts is not None else None
        text = doc_text(doc)
        ctx = make_context(report_jurisdiction(doc), title, _agency_labels(doc))
        plans = plan_regions(text, year)
        channels = merge(find_candidates(text, ctx), text, plans)
        for channel in channels:
            self._add(doc, channel)
        doc._.gov_channel_types = channel_types(text, channels, plans)
        return doc

    def _add(self, doc: Doc, channel: Channel) -> None:
        aliases = tuple(sorted(channel.aliases))
        fields = {"channel_type": channel.code}
        for mention in channel.mentions:
            span = doc.char_span(mention.start, mention.end, label="DisclosureChannel")
            if span is not None:
                add_entity_span(doc, span, channel.label, aliases=aliases, fields=fields)
        me = EntityRef("DisclosureChannel", channel.label)
        for owner in channel.owners:
            if self._add_owner(doc, owner):
                add_relation(doc, Relation(me, "operatedBy", EntityRef("Agency", owner.label)))

    @staticmethod
    def _add_owner(doc: Doc, owner: OwnerRef) -> bool:
        span = doc.char_span(owner.start, owner.end, label="Agency")
        if span is None:
            return False
        add_entity_span(doc, span, owner.label)
        return True


def _agency_labels(doc: Doc) -> dict[tuple[int, int], str]:
    """The full names of the agency spans the agency finder has written, by offsets."""
    return {
        (mark.start, mark.end): mark.info.label
        for mark in entity_marks(doc, ("Agency",))
        if mark.info.label
    }


@Language.factory("gov_channels")
def make_channels(nlp: Language, name: str) -> Channels:
    return Channels(nlp, name)
