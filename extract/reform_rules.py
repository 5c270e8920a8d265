"""The knowledge the reform finder works with, loaded once from ``resources/``.

Kept apart from the matching code so that tests and the component share one
copy and adding a reform, verb or head word means adding a line to a data file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.literal_scan import trie_pattern
from extract.normalize import normalize_label
from extract.resources import table, word_list

NUMERALS = frozenset("一二两三四五六七八九十百千万双多零")


def alternation(words: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching any of ``words``, the longest first at a position (shaped as a
    trie, which the regex engine tries far faster than a flat list)."""
    return re.compile(trie_pattern(words))


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    label: str
    bounded: bool  # must follow a word of reform_list_left.txt or a non-Chinese character


@dataclass(frozen=True)
class ReformRules:
    """Gazetteer, vocabularies and head words of ``resources/reform*``."""

    gazetteer: dict[str, GazetteerEntry]
    gazetteer_pattern: re.Pattern[str]
    list_left: tuple[str, ...]
    name_tails: tuple[str, ...]
    keywords: re.Pattern[str]
    verbs: re.Pattern[str]
    boundaries: tuple[str, ...]
    generic: re.Pattern[str]
    head_pattern: re.Pattern[str]
    heads: dict[str, tuple[str, tuple[str, ...]]]  # head -> (kind, not_followed_by)
    slogan_tails: tuple[str, ...]
    strong_tails: tuple[str, ...]
    not_reforms: frozenset[str]

    def is_not_reform(self, label: str) -> bool:
        """True for principles, economic policies and campaigns (not_reforms.txt)."""
        bare = re.sub("[、，,；;]", "", label)
        return label in self.not_reforms or bare in self.not_reforms


def _gazetteer() -> dict[str, GazetteerEntry]:
    entries: dict[str, GazetteerEntry] = {}
    for row in table("reforms.tsv"):
        entry = GazetteerEntry(row["label"], row["bounded"].strip() == "yes")
        for form in row["forms"].split(","):
            if form.strip():
                entries[form.strip()] = entry
    return entries


def _heads() -> tuple[dict[str, tuple[str, tuple[str, ...]]], list[str], list[str]]:
    name_heads: dict[str, tuple[str, tuple[str, ...]]] = {}
    slogan_tails: list[str] = []
    strong_tails: list[str] = []
    for row in table("reform_heads.tsv"):
        head, kind = row["head"], row["kind"]
        not_followed = tuple(w for w in (row.get("not_followed_by") or "").split(",") if w)
        if kind in ("mechanism", "reform"):
            name_heads[head] = (kind, not_followed)
        elif kind == "strong":
            strong_tails.append(head)
        else:
            slogan_tails.append(head)
    return name_heads, slogan_tails, strong_tails


@cache
def reform_rules() -> ReformRules:
    """The rules, built once per process."""
    gazetteer = _gazetteer()
    heads, slogan_tails, strong_tails = _heads()
    return ReformRules(
        gazetteer=gazetteer,
        gazetteer_pattern=alternation(list(gazetteer)),
        list_left=word_list("reform_list_left.txt"),
        name_tails=word_list("reform_name_tails.txt"),
        keywords=alternation(word_list("reform_keywords.txt")),
        verbs=alternation(word_list("reform_verbs.txt")),
        boundaries=tuple(sorted(word_list("reform_boundaries.txt"), key=len, reverse=True)),
        generic=alternation(word_list("reform_generic.txt")),
        head_pattern=alternation(list(heads)),
        heads=heads,
        slogan_tails=tuple(slogan_tails + strong_tails),
        strong_tails=tuple(strong_tails),
        not_reforms=frozenset(normalize_label(w) for w in word_list("not_reforms.txt")),
    )
