"""basedOn: the report says a document was made to carry out another.

Within one sentence, a cue (贯彻落实, 按照, 根据 …) introduces the documents
carried out, a making verb (制定, 印发, 出台 …) the documents made:
贯彻落实《A》精神，及时制定下发《B》 gives B basedOn A. A cue may also name A by
its subject (落实国务院关于全面推进政务公开工作的部署) when exactly one document
of the report is 关于 that subject. A title 关于贯彻落实〈A〉的意见 says it itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache

from extract.document_mentions import CARRY_OUT, TitleMention
from extract.literal_scan import char_positions, trie_pattern
from extract.normalize import normalize_label
from extract.resources import word_list

_SENTENCE_ENDS = "。！？!?；;\n"
_SUBJECT = re.compile(r"关于([\u4e00-\u9fff“”\"、]{4,30}?)的")

Event = tuple[int, int, str, str]  # (start, end, kind: cue|verb|doc|ref, document label)
_MAX_GAP = 60  # from the last document carried out to the verb that makes the new one


def nested_based_on(mentions: list[tuple[TitleMention, str]]) -> Iterator[tuple[str, str]]:
    """关于贯彻落实〈A〉的实施意见: (the outer title, A)."""
    labels = {id(m): lb for m, lb in mentions}
    for mention, label in mentions:
        if mention.carried_out_by_parent and mention.parent is not None:
            parent = labels.get(id(mention.parent))
            if parent and parent != label:
                yield parent, label


def numbers_in_titles(
    text: str, titles: list[tuple[TitleMention, str]], numbers: list[tuple[int, int, str]]
) -> tuple[list[tuple[str, str]], list[tuple[int, int, str]]]:
    """Numbers written inside a title: 关于贯彻落实国办发〔2016〕19号文件的意见 is based on it.

    Returns those (title, number) pairs and the numbers that stand outside titles.
    """
    pairs: list[tuple[str, str]] = []
    outside: list[tuple[int, int, str]] = []
    for start, end, label in numbers:
        host = next(((m, lb) for m, lb in titles if m.start <= start < m.end), None)
        if host is None:
            outside.append((start, end, label))
        elif CARRY_OUT.search(normalize_label(text[host[0].start : start])):
            pairs.append((host[1], label))
    return pairs, outside


def based_on_pairs(text: str, occurrences: list[tuple[int, int, str]]) -> Iterator[tuple[str, str]]:
    """(B, A) label pairs for 'B was made to carry out A', one sentence at a time.

    ``occurrences`` are the top-level document mentions: (start, end, label).
    """
    top = sorted(occurrences)
    labels = {lb for _, _, lb in top}
    ends = char_positions(text, _SENTENCE_ENDS)
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    for title in top:
        k = bisect_left(ends, title[0])  # the sentence ends at ends[k] (or the text's end)
        if k == len(ends) or ends[k] != title[0]:  # a title does not start at a sentence end
            by_sentence.setdefault(k, []).append(title)
    for k, inside in by_sentence.items():
        start = ends[k - 1] + 1 if k else 0
        end = ends[k] if k < len(ends) else len(text)
        yield from _pairs(_events(text, start, end, inside, labels))


def _events(
    text: str, start: int, end: int, titles: list[tuple[int, int, str]], labels: set[str]
) -> list[Event]:
    events: list[Event] = [(a, b, "doc", lb) for a, b, lb in titles]
    masked = _mask(text, start, end, [(a, b) for a, b, _ in titles])
    for kind, words in (("cue", _cues()), ("verb", _verbs())):
        for match in words.finditer(masked):
            events.append((start + match.start(), start + match.end(), kind, ""))
    for match in _SUBJECT.finditer(masked):
        subject = "关于" + match.group(1) + "的"
        hits = [lb for lb in labels if subject in lb]
        if len(hits) == 1:
            events.append((start + match.start(), start + match.end(), "ref", hits[0]))
    return sorted(events)


def _mask(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The sentence with every title blanked out, so words inside titles are not cues."""
    chars = list(text[start:end])
    for a, b in spans:
        lo, hi = max(a, start) - start, min(b, end) - start
        if hi > lo:
            chars[lo:hi] = "□" * (hi - lo)
    return "".join(chars)


def _pairs(events: list[Event]) -> Iterator[tuple[str, str]]:
    carried: list[str] = []
    state = ""
    last_end = 0
    for start, end, kind, label in events:
        if kind == "cue":
            if state == "made":
                carried = []
            state = "cue"
        elif kind == "verb":
            if state == "cue" and carried and start - last_end <= _MAX_GAP:
                state = "made"
        elif state == "cue":
            carried.append(label)
            last_end = end
        elif state == "made" and kind == "doc":
            yield from ((label, a) for a in carried if a != label)


@cache
def _cues() -> re.Pattern[str]:
    return _alternation(word_list("basis_cues.txt"))


@cache
def _verbs() -> re.Pattern[str]:
    return _alternation(word_list("making_verbs.txt"))


def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words``, the longest at a position (a trie: fast for the regex engine)."""
    return re.compile(trie_pattern(words))
