"""Measure codes: which figure is the report's total of requests received, of appeals …

The cue table ``measure_codes.tsv`` names, in order, the words that give each
code, the units it needs, whether it needs talk of requests around it, and the
words that withhold it. Totals go to the report's own or region-wide figure,
not to a breakdown after 其中 or a figure of a subset (各区县, 市级部门).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.figure_words import figure_words
from extract.phrase_edges import strip_left
from extract.resources import table

_BREAKDOWN = re.compile(r"其中|包括")
_COLLECTIVE = re.compile(r"^(?:各|所属|下属|直属|部分)")
_JOINED = set("及和与、各所")  # 市政府及市直部门 is not 市政府 alone


@dataclass(frozen=True, slots=True)
class MeasureCue:
    code: str | None  # None: the phrase merges coded categories
    units: frozenset[str]
    needs_request: bool
    total: bool
    cue: re.Pattern[str]
    unless: re.Pattern[str] | None
    fallback: bool  # may go to a withheld figure when no figure has the code


@cache
def measure_cues() -> tuple[MeasureCue, ...]:
    return tuple(
        MeasureCue(
            code=None if row["code"] == "-" else row["code"],
            units=frozenset(row["units"].split(",")),
            needs_request=row["context"] == "request",
            total=row["scope"] == "total",
            cue=re.compile(row["cue"]),
            unless=re.compile(row["unless"]) if row.get("unless") else None,
            fallback=row.get("fallback") == "yes",
        )
        for row in table("measure_codes.tsv")
    )


@cache
def _any_cue() -> re.Pattern[str]:
    """Every cue at once: most figures have none, and one search tells."""
    return re.compile("|".join(f"(?:{cue.cue.pattern})" for cue in measure_cues()))


def has_cue(*phrases: str) -> bool:
    """Whether any cue of any code is in one of the phrases (else there is no code)."""
    return any(phrase and _any_cue().search(phrase) for phrase in phrases)


def is_total_code(code: str) -> bool:
    """Whether the code is one figure per report (not an outcome category)."""
    return any(cue.code == code and cue.total for cue in measure_cues())


def code_of_label(label: str, unit: str) -> str | None:
    """The code of a table row's figure: the label speaks for itself (其中… is a part)."""
    return find_code((label,), unit, label, label, request=True)[0]


def find_code(
    phrases: tuple[str, ...], unit: str, raw_left: str, head: str, *, request: bool
) -> tuple[str | None, str | None]:
    """(code, fallback code) of the first phrase a cue matches."""
    fallback: str | None = None
    for phrase in phrases:
        if not phrase or not _any_cue().search(phrase):
            continue
        for cue in measure_cues():
            if unit not in cue.units or not cue.cue.search(phrase):
                continue
            if cue.code is None:
                return None, fallback
            if cue.unless is not None and cue.unless.search(phrase):
                fallback = fallback or (cue.code if cue.fallback else None)
                continue
            if _allowed(cue, raw_left, head, request=request):
                return cue.code, None
    return None, fallback


def _allowed(cue: MeasureCue, raw_left: str, head: str, *, request: bool) -> bool:
    if cue.needs_request and not request:
        return False
    if not cue.total:
        return True
    subject = strip_left(raw_left)
    for own in figure_words().own_body_subjects:
        if subject.startswith(own) and subject[len(own) : len(own) + 1] not in _JOINED:
            return True
    if _COLLECTIVE.match(subject):
        return False
    return not _BREAKDOWN.search(head)
