"""A small report record made by hand, with one entity of every kind and every relation.

It needs no spaCy pipeline, so graph tests can build it in milliseconds and
know exactly what is in it.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

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

TEXT = (
    "重庆市2016年政府信息公开工作年度报告\n"
    "本报告由重庆市人民政府办公厅编制。根据《国务院办公厅关于印发2016年政务公开工作要点的通知》"
    "（国办发〔2016〕19号），推进“五公开”，公开财政预决算信息。"
    "通过重庆市政府公众信息网共主动公开政府信息105.95万余条。"
)
OFFICE = "重庆市人民政府办公厅"
GOVERNMENT = "重庆市人民政府"
ISSUER = "国务院办公厅"
DOCUMENT = "国务院办公厅关于印发2016年政务公开工作要点的通知"
NUMBER = "国办发〔2016〕19号"
CHANNEL = "重庆市政府公众信息网"
REFORM = "五公开"
TOPIC = "财政预决算"
FIGURE = "105.95万余条"


def mention(surface: str, after: int = 0) -> Mention:
    start = TEXT.index(surface, after)
    return Mention(start, start + len(surface), surface)


def entity(kind: EntityKind, label: str, **fields: str) -> Entity:
    return Entity(kind, label, (), (mention(label),), **fields)


def ref(kind: EntityKind, label: str) -> EntityRef:
    return EntityRef(kind, label)


def handmade_record() -> ReportRecord:
    return ReportRecord(
        source_file="chongqing-2016.txt",
        sha256=hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
        text=TEXT,
        title="重庆市2016年政府信息公开工作年度报告",
        region="重庆市",
        year=2016,
        publisher=ref("Agency", OFFICE),
        channel_types=("Website",),
        entities=(
            entity("Agency", OFFICE),
            entity("Agency", GOVERNMENT),
            entity("Agency", ISSUER),
            entity("PolicyDocument", DOCUMENT, doc_type="通知"),
            entity("DisclosureChannel", CHANNEL, channel_type="Website"),
            entity("Reform", REFORM),
            entity("Topic", TOPIC),
        ),
        document_numbers=(DocumentNumber("国办发", 2016, 19, (mention(NUMBER),)),),
        statistics=(
            Statistic(
                Decimal("1059500"),
                "条",
                True,
                "主动公开政府信息",
                (mention(FIGURE),),
                "proactive_total",
            ),
        ),
        relations=(
            Relation(
                ref("PolicyDocument", DOCUMENT), "hasDocumentNumber", ref("DocumentNumber", NUMBER)
            ),
            Relation(ref("PolicyDocument", DOCUMENT), "issuedBy", ref("Agency", ISSUER)),
            Relation(ref("DisclosureChannel", CHANNEL), "operatedBy", ref("Agency", OFFICE)),
            Relation(ref("Agency", OFFICE), "subOrganizationOf", ref("Agency", GOVERNMENT)),
        ),
    )
