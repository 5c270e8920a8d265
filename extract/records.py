"""Frozen records: the only thing ``extract`` hands to ``kg``.

Every extracted thing carries its mentions as character offsets into
``ReportRecord.text`` (the repaired text), so nothing downstream re-reads files.
Entities refer to each other by ``EntityRef`` (kind, label): labels are the
normalised canonical names, unique per kind within a report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

EntityKind = Literal[
    "Agency", "PolicyDocument", "DocumentNumber", "DisclosureChannel", "Reform", "Topic"
]
ENTITY_KINDS: tuple[EntityKind, ...] = (
    "Agency",
    "PolicyDocument",
    "DocumentNumber",
    "DisclosureChannel",
    "Reform",
    "Topic",
)
# The codes of ANNOTATION.md for the kinds of disclosure channel.
CHANNEL_TYPES: tuple[str, ...] = (
    "Website",
    "Microblog",
    "WeChat",
    "MobileApp",
    "SMS",
    "Hotline",
    "Email",
    "Mailbox",
    "Gazette",
    "PressConference",
    "Archive",
    "ReadingRoom",
    "OnlinePlatform",
    "Print",
    "Broadcast",
    "ThirdPartyPlatform",
)
RelationName = Literal[
    "hasDocumentNumber", "issuedBy", "basedOn", "operatedBy", "subOrganizationOf"
]


@dataclass(frozen=True, slots=True)
class Mention:
    """A surface form at ``text[start:end]`` of the report's repaired text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EntityRef:
    """How records point at an entity: its kind and canonical label."""

    kind: EntityKind
    label: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing the report speaks of: agency, document, channel, reform, topic.

    ``doc_type`` is set on policy documents (通知, 意见 …), ``channel_type`` on
    channels (a code of ANNOTATION.md: Website, WeChat …).
    """

    kind: EntityKind
    label: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    doc_type: str | None = None
    channel_type: str | None = None

    @property
    def ref(self) -> EntityRef:
        return EntityRef(self.kind, self.label)


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    """A 发文字号 such as 国办发〔2016〕19号."""

    prefix: str
    year: int
    serial: int
    mentions: tuple[Mention, ...]

    @property
    def label(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"

    @property
    def ref(self) -> EntityRef:
        return EntityRef("DocumentNumber", self.label)


@dataclass(frozen=True, slots=True)
class TablePosition:
    """Where a figure stands in a table of the national format (表三, 予以公开, 总计)."""

    table: int  # 2, 3 or 4: 表二 主动公开, 表三 申请情况, 表四 复议和诉讼
    row: str  # the row's measure (无法提供：本机关不掌握相关政府信息); 表四: its part (行政复议)
    column: str  # 总计, 自然人, 本年制发件数, 结果维持 …


@dataclass(frozen=True, slots=True)
class Statistic:
    """A figure of disclosure work: 105.95万余条 → value 1059500, unit 条, approximate."""

    value: Decimal
    unit: str
    approximate: bool
    measure: str  # what is counted, as the text says it
    mentions: tuple[Mention, ...]
    measure_code: str | None = None  # proactive_total, applications_received …
    position: TablePosition | None = None  # the table cell it was read from


@dataclass(frozen=True, slots=True)
class QualityNote:
    """Figures of the report that break an identity of its tables (勾稽关系): kept, not trusted.

    ``expected`` is what the identity asks for (the sum of the parts), ``found``
    what the table gives (its total); ``place`` the column, row or part checked.
    """

    check: str  # table3-balance, table3-outcome-sum, table3-applicant-sum, table4-sum
    table: int
    place: str
    expected: Decimal
    found: Decimal
    label: str  # 表三办理结果分项之和与总计不符：总计
    comment_zh: str  # the two sides in words
    comment_en: str


@dataclass(frozen=True, slots=True)
class Relation:
    subject: EntityRef
    predicate: RelationName
    object: EntityRef


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """One report: its repaired text, its facts and what was found in it."""

    source_file: str  # the input file's base name
    sha256: str  # of the input bytes, for provenance and incremental builds
    text: str  # repaired text; every Mention points into it
    title: str
    region: str | None
    year: int | None
    publisher: EntityRef | None  # an Agency among ``entities``
    channel_types: tuple[str, ...] = ()
    entities: tuple[Entity, ...] = field(default=())
    document_numbers: tuple[DocumentNumber, ...] = field(default=())
    statistics: tuple[Statistic, ...] = field(default=())
    relations: tuple[Relation, ...] = field(default=())
    quality_notes: tuple[QualityNote, ...] = field(default=())  # tables that do not add up
