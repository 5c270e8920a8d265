"""Finding words and characters in a text without the regex engine's scan.

Python's regex engine tries a long alternation of words (a gazetteer of places or
organs) at every position whose character starts one of them, one alternative
after another: on a report that costs as much as tokenizing it. Here numpy
finds the few positions whose first two characters begin a word (or whose one
character is a one-character word); the word list's own regex is then tried at
those positions only, so the matches are exactly the regex's. Positions of
punctuation (sentence ends, title marks) are found the same way, once per text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy as np

_BMP = 0x10000
_BMP_CODE = np.uint32(_BMP)  # as a uint32, so that clipping keeps the array's type
_HASH_BITS = 20  # a table of 2**20 flags: few false hits for a few thousand pairs


@lru_cache(maxsize=8)
def codepoints(text: str) -> np.ndarray:
    """The text's code points (uint32), computed once per text."""
    codes: np.ndarray = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return codes


def _pair_hash(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """A hash of two code points into _HASH_BITS bits (uint32 arithmetic wraps)."""
    mixed = (first * np.uint32(0x9E3779B1)) ^ (second * np.uint32(0x85EBCA77))
    return mixed >> np.uint32(32 - _HASH_BITS)


@lru_cache(maxsize=4)
def _pair_hashes(text: str) -> np.ndarray:
    """The hash of the two characters at each position (the last position has none)."""
    codes = codepoints(text)
    return _pair_hash(codes[:-1], codes[1:])


@lru_cache(maxsize=64)
def _char_table(chars: str) -> np.ndarray:
    """Flags over the BMP (and one for everything beyond it): True for ``chars``."""
    table = np.zeros(_BMP + 1, dtype=bool)
    table[[min(ord(c), _BMP) for c in chars if ord(c) < _BMP]] = True
    return table


def _flags(text: str, chars: str) -> np.ndarray:
    flags: np.ndarray = _char_table(chars)[np.minimum(codepoints(text), _BMP_CODE)]
    return flags


@lru_cache(maxsize=16)
def char_positions(text: str, chars: str) -> tuple[int, ...]:
    """Offsets of every character of ``text`` that is one of ``chars`` (BMP characters),
    as ``[m.start() for m in re.finditer("[chars]", text)]`` gives them."""
    return tuple(np.flatnonzero(_flags(text, chars)).tolist())


class LiteralScan:
    """The longest of ``words`` at each place of a text, as a regex alternation finds them.

    ``after`` is a regex every match must be followed by (a negative lookahead such
    as ``(?![络上])``): a word followed otherwise gives way to a shorter one, as in
    ``(?:w1|w2|…)(?!…)``. At a position, the words that start with its character
    are checked first with ``str.startswith``; only when one is there does the
    word list's regex (one per list, compiled once) read it.
    """

    def __init__(self, words: Iterable[str], *, after: str = "") -> None:
        by_first: dict[str, list[str]] = {}
        for word in words:
            if word:
                by_first.setdefault(word[0], []).append(word)
        self._groups = {first: tuple(group) for first, group in by_first.items()}
        self.pattern = re.compile(
            f"(?:{trie_pattern(w for g in by_first.values() for w in g)}){after}"
        )
        self._singles = np.zeros(_BMP + 1, dtype=bool)  # the last flag: beyond the BMP
        pairs = []
        for group in by_first.values():
            for word in group:
                if len(word) == 1:
                    self._singles[min(ord(word), _BMP)] = True
                else:
                    pairs.append(word)
        # a table of about 64 flags per pair: few false hits, and small for small lists
        self._drop = _HASH_BITS - min(_HASH_BITS, max(10, (len(pairs) * 64).bit_length()))
        self._pairs = np.zeros(1 << (_HASH_BITS - self._drop), dtype=bool)
        if pairs:
            first = np.array([ord(w[0]) for w in pairs], dtype=np.uint32)
            second = np.array([ord(w[1]) for w in pairs], dtype=np.uint32)
            self._pairs[_pair_hash(first, second) >> np.uint32(self._drop)] = True
        self._any_single = bool(self._singles.any())

    def starts(self, text: str) -> list[int]:
        """Positions where a word may start (a superset of where one does)."""
        sure, maybe = self._starts(text)
        return sorted(sure + maybe) if sure and maybe else sure or maybe

    def _starts(self, text: str) -> tuple[list[int], list[int]]:
        """Positions of a one-character word (where a word surely starts), and the other
        positions whose two characters may begin a longer word."""
        if not text:
            return [], []
        codes = codepoints(text)
        pair = np.zeros(len(codes), dtype=bool)
        hashes = _pair_hashes(text)
        pair[:-1] = self._pairs[hashes >> np.uint32(self._drop) if self._drop else hashes]
        if not self._any_single:
            return [], np.flatnonzero(pair).tolist()
        single = self._singles[np.minimum(codes, _BMP_CODE)]
        return np.flatnonzero(single).tolist(), np.flatnonzero(pair & ~single).tolist()

    def match(self, text: str, pos: int, endpos: int | None = None) -> re.Match[str] | None:
        """The longest word at ``pos`` (as ``pattern.match(text, pos)``)."""
        group = self._groups.get(text[pos : pos + 1])
        if group is None:
            return None
        end = len(text) if endpos is None else endpos
        if not text.startswith(group, pos, end):  # no word here: the usual case, decided fast
            return None
        return self.pattern.match(text, pos, end)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, left to right (as ``pattern.finditer``)."""
        end = len(text) if endpos is None else endpos
        after = pos
        for start in self.starts(text):
            if start < after:
                continue
            if start >= end:
                break
            found = self.match(text, start, end)
            if found is not None:
                yield found
                after = found.end()

    def match_starts(self, text: str) -> list[int]:
        """Every position where a word starts (overlapping ones included)."""
        sure, maybe = self._starts(text)
        found = [start for start in maybe if self.match(text, start)]
        return sorted(sure + found) if sure and found else sure or found


_Trie = dict[str, "_Trie"]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` shaped as a trie: greedy, longest match first."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_to_regex(trie) or "(?!)"


def _trie_to_regex(node: _Trie) -> str:
    ends_here = "" in node
    branches = [
        re.escape(char) + _trie_to_regex(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body
