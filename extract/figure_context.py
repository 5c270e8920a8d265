"""What a figure in running text measures: its measure phrase and its measure code.

The phrase is the clause before the number, back to the last clause mark or
the previous figure (收到政府信息公开申请93件); when the number comes first
(93件政府信息公开申请均已答复) the noun after it is added and the rest of the
sentence is where the code is looked for (``extract.measure_codes``). In
A、B和C分别为x、y和z each figure measures its item.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from extract.measure_codes import find_code, has_cue
from extract.phrase_edges import clean_phrase, strip_left, strip_right
from extract.prose_figures import Figure

_CLAUSE_MARKS = "，,；;。！!？?：:\n"
_SENTENCE_MARKS = "。；;！!？?\n"
_SENTENCE_MARK = re.compile("[" + re.escape(_SENTENCE_MARKS) + "]")
_CLAUSE_MARK = re.compile("[" + re.escape(_CLAUSE_MARKS) + "]")
_REQUEST_WORDS = re.compile(r"申请|答复|依申请")
_PART_OF = re.compile(r"^(?:占|约占|比例为|比重为)")
# after a figure, words that start a comment on it rather than the counted noun
_AFTER_FIGURE = re.compile(
    r"[，,；;。！!？?：:、）)\]】》”’\s]|的|占|同比|比|较|增长|下降|减少|增加|其中|均|全部|都|已|共|分别|以上"
)
_NOUN_STOP = re.compile(
    r"[，,；;。！!？?：:、）)]|的|均|都|已|全部|同时|进行|实现|开展|得到|被|中|\d"
)
_REQUEST_WINDOW = 160
_RESPECTIVELY = re.compile(r"分别(?:为|是|有|达到|达|占)?$")
_ITEM_SEPARATORS = re.compile(r"、|和|及|与|以及|，")
_CONNECTOR = re.compile(r"[、，,和及与\s]{1,3}")


class Reading(NamedTuple):
    measure: str
    code: str | None
    noun: str = ""  # the counted noun right after a number-first figure
    fallback: str | None = None  # a code withheld by its `unless` words (see measure_codes.tsv)


def read_figures(line: str, figures: list[Figure], before: str) -> list[Reading]:
    """The measure and code of each figure of ``line``; ``before`` is the text before the line."""
    readings: list[Reading] = []
    parallel = _parallel_items(line, figures)
    for index, figure in enumerate(figures):
        previous = figures[index - 1] if index else None
        nxt = figures[index + 1].start if index + 1 < len(figures) else len(line)
        window = _Window(before, line, nxt)
        if index in parallel:
            item = parallel[index]
            head = line[_sentence_start(line, figure.start) : figure.start]
            code = _code((item,), figure.unit, item, head, window)
            readings.append(Reading(item, code[0], "", code[1]))
            continue
        readings.append(
            _read(line, figure, previous, nxt, window, readings[-1] if readings else None)
        )
    return readings


@dataclass(frozen=True, slots=True)
class _Window:
    """The text a figure's request context is read from: the line up to the next figure
    and some text before the line (read only when a code's cue needs it)."""

    before: str
    line: str
    end: int

    def requested(self) -> bool:
        return bool(
            _REQUEST_WORDS.search(self.line, 0, self.end)
            or _REQUEST_WORDS.search(self.before, max(0, len(self.before) - _REQUEST_WINDOW))
        )


def _code(
    phrases: tuple[str, ...], unit: str, raw_left: str, head: str, window: _Window
) -> tuple[str | None, str | None]:
    if not has_cue(*phrases):
        return None, None
    return find_code(phrases, unit, raw_left, head, request=window.requested())


def _parallel_items(line: str, figures: list[Figure]) -> dict[int, str]:
    """A、B和C分别为30件、5件和2件: each figure of the run measures its item."""
    out: dict[int, str] = {}
    if "分别" not in line:
        return out
    for index, figure in enumerate(figures):
        floor = figures[index - 1].tail if index else 0
        left = line[_clause_start(line, figure.start, floor) : figure.start]
        match = _RESPECTIVELY.search(left)
        if match is None or index in out:
            continue
        items = [clean_phrase(item) for item in _ITEM_SEPARATORS.split(left[: match.start()])]
        run = [index]
        while run[-1] + 1 < len(figures) and _CONNECTOR.fullmatch(
            line, figures[run[-1]].tail, figures[run[-1] + 1].start
        ):
            run.append(run[-1] + 1)
        if len(run) == len(items) >= 2 and all(items):
            out.update(zip(run, items, strict=True))
    return out


def _read(
    line: str,
    figure: Figure,
    previous: Figure | None,
    next_start: int,
    window: _Window,
    previous_reading: Reading | None,
) -> Reading:
    floor = previous.tail if previous else 0
    start = _clause_start(line, figure.start, floor)
    if start > floor and line[start - 1] in "：:" and not strip_left(line[start : figure.start]):
        start = _clause_start(line, start - 1, floor)  # 主动公开信息数量：1234条
    raw_left = line[start : figure.start]
    stripped = strip_left(raw_left)
    left = strip_right(stripped)
    right_noun, rest = _right(line, figure, next_start)
    if previous_reading is not None and _PART_OF.match(stripped):
        return Reading(previous_reading.measure + "占比", None, right_noun)
    measure = strip_right(left + right_noun) if right_noun else left
    joined = previous is not None and _CONNECTOR.fullmatch(line, previous.tail, figure.start)
    if not measure and joined and previous_reading is not None:
        measure = previous_reading.measure
    sentence_head = line[_sentence_start(line, figure.start) : figure.start]
    code, fallback = _code((left, rest), figure.unit, raw_left, sentence_head, window)
    return Reading(measure or figure.unit, code, right_noun, fallback)


def _clause_start(line: str, pos: int, floor: int) -> int:
    """Right after the last clause mark before ``pos`` (not before ``floor``)."""
    return max(floor, _after_last(_marks(line)[0], pos))


def _sentence_start(line: str, pos: int) -> int:
    return _after_last(_marks(line)[1], pos)


def _after_last(marks: tuple[int, ...], pos: int) -> int:
    index = bisect_left(marks, pos)
    return marks[index - 1] + 1 if index else 0


@lru_cache(maxsize=16)
def _marks(line: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where the line's clause marks and sentence marks are (found once per line)."""
    clauses = tuple(match.start() for match in _CLAUSE_MARK.finditer(line))
    sentences = tuple(match.start() for match in _SENTENCE_MARK.finditer(line))
    return clauses, sentences


def _right(line: str, figure: Figure, next_start: int) -> tuple[str, str]:
    """The noun right after a number-first figure, and the rest of its sentence."""
    if figure.tail >= len(line) or _AFTER_FIGURE.match(line, figure.tail):
        return "", ""
    limit = min(len(line), figure.tail + 16)
    stop = _NOUN_STOP.search(line, figure.tail)
    end = min(stop.start(), limit) if stop else limit
    mark = _SENTENCE_MARK.search(line, figure.tail, max(figure.tail, next_start))
    sentence_end = mark.start() if mark else max(figure.tail, next_start)
    return line[figure.tail : end].strip("“”《》"), line[figure.tail : sentence_end]
