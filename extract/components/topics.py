"""Topics (公开领域): the fields of ANNOTATION's controlled list that a report discloses.

A form of the list (``resources/topics.tsv``) is a topic mention when the report
speaks of it as a field of information: its clause holds a disclosure word
(信息, 公开, 申请, 领域 …, ``topic_cues.txt``), it names a category of the
information published (行政许可类360条) or it heads a row of a flattened table.
It is not one when it is part of another name: inside an entity found by an
earlier component (教育 in 教育委员会, 食品安全 in 食品安全信息联络员制度) or a 《》
title, glued to an organ or channel word (审计局, 价格信息网), or inside a listed
compound (健康教育, 教育培训). All mentions of a field are one entity.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from extract.compact_text import CompactText, balance_quotes
from extract.extensions import add_entity_span, doc_text, entity_marks, register_extensions
from extract.literal_scan import char_positions, trie_pattern
from extract.name_ranges import NameRanges, title_ranges
from extract.resources import table, word_list

NOT_A_TOPIC = "-"
# Kinds whose names may contain a topic word that is then not a topic mention.
_BLOCKING_KINDS = frozenset({"Agency", "PolicyDocument", "DisclosureChannel", "Reform"})
_CLAUSE_ENDS = "，,。；;：:！!？?|\n"
_FIGURES_ONLY = re.compile(r"[\s|]*[-－+]?\d[\d\s.,，%|\-－+（）()万元件项条个]*")


class TopicForm(NamedTuple):
    label: str  # the list name, or NOT_A_TOPIC
    form: str
    not_preceded_by: tuple[str, ...]
    not_followed_by: tuple[str, ...]


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(w for w in (cell or "").split(",") if w)


@cache
def topic_forms() -> dict[str, TopicForm]:
    """Every surface form of ``topics.tsv`` with its label and exclusions."""
    return {
        row["form"]: TopicForm(
            row["label"],
            row["form"],
            _split(row.get("not_preceded_by")),
            _split(row.get("not_followed_by")),
        )
        for row in table("topics.tsv")
    }


def _alternation(words: list[str]) -> str:
    """Any of ``words``, the longest at a position (a trie: fast for the regex engine)."""
    return trie_pattern(words)


class Topics:
    """Adds a ``Topic`` span for every accepted mention of a controlled-list field."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self.forms = topic_forms()
        self.form_pattern = re.compile(_alternation(list(self.forms)))
        self.blocker = re.compile("|".join(f"(?:{b})" for b in word_list("topic_blockers.txt")))
        self.cue = re.compile(_alternation(list(word_list("topic_cues.txt"))))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        view = CompactText.of(text, drop_quotes=True)
        covered = _covering_names(doc, text)
        same_range = _labels_by_range(doc)
        clause_ends = char_positions(text, _CLAUSE_ENDS)
        for match in self.form_pattern.finditer(view.text):
            form = self.forms[match.group()]
            if form.label == NOT_A_TOPIC or not self._is_field(view.text, match, form):
                continue
            start, end = balance_quotes(text, *view.source_span(match.start(), match.end()))
            if same_range.get((start, end), form.label) != form.label:
                continue  # another kind's name here (spans of one range share attributes)
            if covered.hides(start, end, equal_hides=False):
                continue
            spoken_of = (
                view.text.startswith("类", match.end())  # a category of information: 行政许可类
                or _in_table_row(text, start, end)
                or self._has_cue(text, clause_ends, start, end)
            )
            if not spoken_of:
                continue
            span = doc.char_span(start, end, label="Topic", alignment_mode="expand")
            if span is not None:
                add_entity_span(doc, span, form.label)
        return doc

    def _is_field(self, view: str, match: re.Match[str], form: TopicForm) -> bool:
        """False when the words around the form make it part of another word."""
        before = view[max(0, match.start() - 6) : match.start()]
        if any(before.endswith(word) for word in form.not_preceded_by):
            return False
        if any(view.startswith(word, match.end()) for word in form.not_followed_by):
            return False
        return self.blocker.match(view, match.end()) is None

    def _has_cue(self, text: str, clause_ends: Sequence[int], start: int, end: int) -> bool:
        """True when the clause around [start, end) holds a disclosure word."""
        i = bisect_right(clause_ends, start - 1)
        begin = clause_ends[i - 1] + 1 if i > 0 else 0
        j = bisect_right(clause_ends, end - 1)
        finish = clause_ends[j] if j < len(clause_ends) else len(text)
        return self.cue.search(text, begin, finish) is not None


def _labels_by_range(doc: Doc) -> dict[tuple[int, int], str]:
    """Labels of the entity spans found before, by range: a Topic may share a range
    only with a Reform of the same label (权力清单 is both)."""
    return {
        (mark.start, mark.end): mark.info.label if mark.kind == "Reform" else ""
        for mark in entity_marks(doc)
    }


def _covering_names(doc: Doc, text: str) -> NameRanges:
    """Ranges of the names inside which a field word is not a topic mention."""
    names = [(mark.start, mark.end) for mark in entity_marks(doc, _BLOCKING_KINDS)]
    return NameRanges(names + title_ranges(text))


def _in_table_row(text: str, start: int, end: int) -> bool:
    """True when the form heads a row of a flattened table: the line has cells
    (| or tabs) or holds nothing after the form but figures (行政许可 396 442 278)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if "|" in line or "\t" in line:
        return True
    rest = text[end : line_end if line_end >= 0 else len(text)]
    return not text[line_start:start].strip() and _FIGURES_ONLY.fullmatch(rest) is not None


@Language.factory("gov_topics")
def make_topics(nlp: Language, name: str) -> Topics:
    return Topics(nlp, name)
