"""What a figure in running text measures: its measure phrase and its measure code.

The phrase is the clause before the number, back to the last clause mark or
the previous figure (收到政府信息公开申请93件); when the number comes first
(93件政府信息公开申请均已答复) the noun after it is added and the rest of the
sentence is where the code is looked for (``extract.measure_codes``). In
A、B和C分别为x、y和z each figure measures its item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.measure_codes import find_code
from extract.phrase_edges import clean_phrase, strip_left, strip_right
from extract.prose_figures import Figure

_CLAUSE_MARKS = "，,；;。！!？?：:\n"
_SENTENCE_MARKS = "。；;！!？?\n"
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


@dataclass(frozen=True, slots=True)
class Reading:
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
        window = before[-_REQUEST_WINDOW:] + line[:nxt]
        if index in parallel:
            item = parallel[index]
            head = line[_sentence_start(line, figure.start) : figure.start]
            code = find_code((item,), figure.unit, item, head, request=_requested(window))
            readings.append(Reading(item, code[0], "", code[1]))
            continue
        readings.append(
            _read(line, figure, previous, nxt, window, readings[-1] if readings else None)
        )
    return readings


def _requested(window: str) -> bool:
    return bool(_REQUEST_WORDS.search(window))


def _parallel_items(line: str, figures: list[Figure]) -> dict[int, str]:
    """A、B和C分别为30件、5件和2件: each figure of the run measures its item."""
    out: dict[int, str] = {}
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
    window: str,
    previous_reading: Reading | None,
) -> Reading:
    floor = previous.tail if previous else 0
    start = _clause_start(line, figure.start, floor)
    if start > floor and line[start - 1] in "：:" and not strip_left(line[start : figure.start]):
        start = _clause_start(line, start - 1, floor)  # 主动公开信息数量：1234条
    raw_left = line[start : figure.start]
    left = clean_phrase(raw_left)
    right_noun, rest = _right(line, figure, next_start)
    if _PART_OF.match(strip_left(raw_left)) and previous_reading is not None:
        return Reading(previous_reading.measure + "占比", None, right_noun)
    measure = strip_right(left + right_noun) if right_noun else left
    joined = previous is not None and _CONNECTOR.fullmatch(line, previous.tail, figure.start)
    if not measure and joined and previous_reading is not None:
        measure = previous_reading.measure
    sentence_head = line[_sentence_start(line, figure.start) : figure.start]
    code, fallback = find_code(
        (left, rest), figure.unit, raw_left, sentence_head, request=_requested(window)
    )
    return Reading(measure or figure.unit, code, right_noun, fallback)


def _clause_start(line: str, pos: int, floor: int) -> int:
    start = pos
    while start > floor and line[start - 1] not in _CLAUSE_MARKS:
        start -= 1
    return start


def _sentence_start(line: str, pos: int) -> int:
    start = pos
    while start > 0 and line[start - 1] not in _SENTENCE_MARKS:
        start -= 1
    return start


def _right(line: str, figure: Figure, next_start: int) -> tuple[str, str]:
    """The noun right after a number-first figure, and the rest of its sentence."""
    if figure.tail >= len(line) or _AFTER_FIGURE.match(line, figure.tail):
        return "", ""
    end = figure.tail
    while end < min(len(line), figure.tail + 16) and not _NOUN_STOP.match(line, end):
        end += 1
    sentence_end = figure.tail
    while sentence_end < next_start and line[sentence_end] not in _SENTENCE_MARKS:
        sentence_end += 1
    return line[figure.tail : end].strip("“”《》"), line[figure.tail : sentence_end]
