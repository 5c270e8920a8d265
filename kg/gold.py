"""Gold annotations (the JSON format of ANNOTATION.md) as typed, frozen records.

The evaluator reads only these records, so a malformed gold file fails once,
at load time and with its name, instead of half-way through a score.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.errors import InputError

STATISTIC = "Statistic"
DOCUMENT_NUMBER = "DocumentNumber"
NUMBER_PARTS = ("prefix", "year", "serial")


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """One annotated entity; fields that do not apply to its type stay empty."""

    id: str
    type: str
    label: str = ""
    aliases: tuple[str, ...] = ()
    # Statistic: ``value`` as written (an int stays an int, so it prints as written)
    value: float = 0.0
    unit: str = ""
    measure: str = ""
    measure_code: str = ""
    approximate: bool | None = None  # None: the file does not say
    # DisclosureChannel
    channel_type: str = ""
    # DocumentNumber, as text: they are compared after normalisation
    prefix: str = ""
    year: str = ""
    serial: str = ""


@dataclass(frozen=True, slots=True)
class GoldReport:
    """One gold file: the report's fields, its entities and its relations."""

    file: str  # the report's source file name, as in gkg:sourceFile
    title: str
    region: str
    year: int
    publisher: str
    channel_types: tuple[str, ...]
    entities: tuple[GoldEntity, ...]
    relations: tuple[tuple[str, str, str], ...]  # (subject id, relation, object id)


def gold_files(path: Path) -> list[Path]:
    """The gold files at ``path``: the file itself, or a folder's ``*.json`` sorted by name."""
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise InputError(path, "no gold files (*.json) in this folder")
        return files
    if not path.exists():
        raise InputError(path, "no such gold file or folder")
    return [path]


def load_gold(path: Path) -> list[GoldReport]:
    """Every gold report at ``path`` (a file or a folder), in file-name order."""
    return [read_gold_file(file) for file in gold_files(path)]


def read_gold_file(path: Path) -> GoldReport:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(path, f"cannot read gold JSON: {error}") from error
    try:
        return _report(data)
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(path, f"not a gold file: {type(error).__name__} {error}") from error


def _report(data: Mapping[str, Any]) -> GoldReport:
    report = data["report"]
    return GoldReport(
        file=_text(report["file"]),
        title=_text(report["title"]),
        region=_text(report["region"]),
        year=int(report["year"]),
        publisher=_text(report["publisher"]),
        channel_types=tuple(_text(kind) for kind in report.get("channel_types", [])),
        entities=tuple(_entity(item) for item in data["entities"]),
        relations=tuple(
            (_text(rel["s"]), _text(rel["p"]), _text(rel["o"])) for rel in data.get("relations", [])
        ),
    )


def _entity(item: Mapping[str, Any]) -> GoldEntity:
    kind, ident = _text(item["type"]), _text(item["id"])
    if kind == STATISTIC:
        return _statistic(ident, item)
    parts = {key: str(item[key]) for key in NUMBER_PARTS} if kind == DOCUMENT_NUMBER else {}
    return GoldEntity(
        id=ident,
        type=kind,
        label=_text(item["label"]),
        aliases=tuple(_text(alias) for alias in item.get("aliases", [])),
        channel_type=_text(item.get("channel_type") or ""),
        prefix=parts.get("prefix", ""),
        year=parts.get("year", ""),
        serial=parts.get("serial", ""),
    )


def _statistic(ident: str, item: Mapping[str, Any]) -> GoldEntity:
    value = item["value"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"statistic {ident}: value {value!r} is not a number")
    return GoldEntity(
        id=ident,
        type=STATISTIC,
        label=_text(item.get("label", "")),
        value=value,
        unit=_text(item["unit"]),
        measure=_text(item.get("measure", "")),
        measure_code=_text(item.get("measure_code") or ""),
        approximate=bool(item["approximate"]) if "approximate" in item else None,
    )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {value!r}")
    return value
