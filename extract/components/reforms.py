"""Reforms (改革与工作机制): named reforms, programmes and mechanisms of open government.

Candidates come from the gazetteer, from built names ([modifier]+制度/机制/改革)
and from quoted slogans (``extract.reform_patterns``). A built name that ends in
a gazetteer name takes its label (公开前保密审查机制 → 保密审查机制). A candidate
inside a 《》 title or inside (or across) an agency, document or channel found
before is part of that name, not a Reform mention.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from extract.compact_text import CompactText
from extract.extensions import add_entity_span, doc_text, entity_marks, register_extensions
from extract.name_ranges import NameRanges, title_ranges
from extract.reform_patterns import (
    Candidate,
    built_names,
    gazetteer_names,
    quoted_slogans,
)
from extract.reform_rules import ReformRules, reform_rules

_BLOCKING_KINDS = frozenset({"Agency", "PolicyDocument", "DisclosureChannel"})


class Reforms:
    """Adds a ``Reform`` span for every reform, programme or mechanism named."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self.rules: ReformRules = reform_rules()

    def __call__(self, doc: Doc) -> Doc:
        for found in find_reforms(doc_text(doc), self.rules, _other_names(doc)):
            span = doc.char_span(found.start, found.end, label="Reform", alignment_mode="expand")
            if span is not None:
                add_entity_span(doc, span, found.label)
        return doc


def find_reforms(
    text: str, rules: ReformRules, other_names: Sequence[tuple[int, int]] = ()
) -> list[Candidate]:
    """Reform mentions in ``text``, in text order, outside the given other names."""
    plain = CompactText.of(text)
    unquoted = CompactText.of(text, drop_quotes=True)
    fixed = gazetteer_names(text, unquoted, rules)
    built = [_with_fixed_label(c, fixed) for c in built_names(plain, rules)]
    quoted = quoted_slogans(text, plain, rules)
    blocked = NameRanges([*other_names, *title_ranges(text)])
    candidates = [
        c for c in fixed + built + quoted if not blocked.hides(c.start, c.end, equal_hides=True)
    ]
    return _without_repeats(candidates)


def _with_fixed_label(built: Candidate, fixed: list[Candidate]) -> Candidate:
    """A built name ending in a fixed one is that reform (信息发布保密审查机制)."""
    for name in fixed:
        inside = built.start <= name.start and name.end <= built.end
        if inside and name.end in (built.name_end, built.end):
            return built._replace(label=name.label)
    return built


def _without_repeats(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per span; a span inside another of the same label is dropped."""
    by_span = {(c.start, c.end): c for c in sorted(candidates, key=_priority)}
    kept: list[Candidate] = []
    reach: dict[str, int] = {}  # label -> furthest end of its spans seen so far
    for cand in sorted(by_span.values(), key=lambda c: (c.start, -c.end)):
        if cand.end > reach.get(cand.label, -1):
            kept.append(cand)
            reach[cand.label] = cand.end
    return kept


def _priority(cand: Candidate) -> int:
    """Later wins in the span dict: gazetteer labels over built over quoted."""
    return {"quoted": 0, "built": 1, "gazetteer": 2}[cand.origin]


def _other_names(doc: Doc) -> list[tuple[int, int]]:
    return [(mark.start, mark.end) for mark in entity_marks(doc, _BLOCKING_KINDS)]


@Language.factory("gov_reforms")
def make_reforms(nlp: Language, name: str) -> Reforms:
    return Reforms(nlp, name)
