"""Frozen records: the only thing ``extract`` hands to ``kg``.

Every extracted thing carries its mentions as character offsets into
``ReportRecord.text`` (the repaired text), so nothing downstream re-reads files.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mention:
    """A surface form at ``text[start:end]`` of the report's repaired text."""

    start: int
    end: int
    text: str


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


@dataclass(frozen=True, slots=True)
class Organization:
    """An agency by its full name, with the surface forms it was written as."""

    label: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """One report: its repaired text, its facts and what was found in it."""

    source_file: str  # the input file's base name
    sha256: str  # of the input bytes, for provenance and incremental builds
    text: str  # repaired text; every Mention points into it
    title: str
    region: str | None
    year: int | None
    publisher: Organization | None
    document_numbers: tuple[DocumentNumber, ...] = field(default=())
