"""Figures in running text: a number, its scale, its measure word and approximation marks.

``find_figures`` reads one line and returns every number that is a Statistic
by its form: followed by a measure word (or %, or a unit implied by the noun
before it), and not a date, duration, ordinal, section number, phone number,
count inside a name or inside a title or quotation. What the figure measures
is decided elsewhere (``extract.figure_context``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from extract.figure_words import FigureWords, figure_words
from extract.numbers import parse_arabic, parse_chinese, plain, scale_of

_PERCENT = r"百分之(?P<pct>[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百]+)"
_NUMBER_FORMS = (
    r"(?P<arabic>(?<![0-9０-９.．])(?>[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?))"
    r"|(?P<chinese>(?<![零〇一二两三四五六七八九十百千万亿])(?>[零〇一二两三四五六七八九十百千万亿]+))"
)
# a number with no measure word is a figure only before these or the line's end,
# its unit implied by the noun before it (参与人数达1045万，)
_IMPLIED_AFTER = "，。；、,;）)"
_MIXED_UNIT = re.compile(r"[（(][^）)\n]{1,3}[）)]")
# characters that glue a number to a code, an address, a phone number or a URL
_GLUE_BEFORE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@#/_.-:~～—–")
_GLUE_AFTER = re.compile(r"[A-Za-z@/_#]|[-:~～—–][0-9０-９]")
# a Chinese numeral right after one of these is part of a word (统一, 唯一, 第三)
_WORD_BEFORE_CHINESE = set("第统唯单专同逐初之万某几数每周星礼")
# a bare 百/千/万 is a number after these (近千人, 上万人), and an approximate one
_BARE_SCALE_AFTER = set("近约超逾上过")
_BARE_SCALES = {"百": Decimal(100), "千": Decimal(1000), "万": Decimal(10_000)}
# counts of occasions, which 每… before them makes a frequency
_OCCASION_UNITS = {"次", "期", "轮", "批", "场", "场次"}
_FREQUENCY_REACH = 8
# 参与人数达1045万: the verbs between an implied unit's noun and the number
_IMPLIED_VERBS = re.compile(r"(?:达到|达|为|是|共计|共|累计|超过|约|近|逾|已)+$")
_IMPLIED_REACH = 16
# quotations longer than this are speech, not names
_MAX_QUOTED_NAME = 24
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "《": "》", "〈": "〉"}
_OPENING = re.compile("[" + re.escape("".join(_QUOTES)) + "]")
_NUMERAL_IN_BRACKETS = re.compile(r"[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]")


@cache
def _numbers() -> re.Pattern[str]:
    """Numbers followed by what may follow a figure: a measure word, an approximation
    mark, a scale (1000余条, 12万人) or an implied unit's clause end. A number followed
    by anything else (2020年, 一是, 第3章) is never looked at: one pass over the line
    in C instead of a Python step per number. Numbers are atomic and an Arabic one
    does not start inside another, so a number is taken whole or not at all."""
    words = figure_words()
    firsts = {entry.word[0] for entry in words.measure_words}
    firsts |= {marker[0] for marker in words.approx_after_number}
    firsts |= set("十百千万亿") | set(_IMPLIED_AFTER)
    follow = "[" + re.escape("".join(sorted(firsts))) + "]"
    return re.compile(f"{_PERCENT}|(?:{_NUMBER_FORMS})(?=[ \t\u3000\xa0]*(?:{follow}|$))")


class Figure(NamedTuple):
    """A figure in a line; offsets are into the line."""

    start: int  # the number (or 百分之)
    end: int  # end of the measure word: the mention
    tail: int  # end of what belongs to the figure (（次）, 以上, 左右)
    value: Decimal
    unit: str
    approximate: bool
    implied_unit: bool = False  # the unit came from the noun before the number


def masked_positions(line: str, extra: tuple[tuple[int, int], ...] = ()) -> bytearray:
    """1 where a number cannot be a figure: titles, short quotations, names, (一)."""
    mask = bytearray(len(line))
    for start, end in extra:
        mask[max(start, 0) : max(end, 0)] = b"\x01" * (max(end, 0) - max(start, 0))
    for quote in _OPENING.finditer(line):
        pos, char = quote.start(), quote.group()
        close = _QUOTES[char]
        found = line.find(close, pos + 1)
        limit = 200 if char in "《〈" else _MAX_QUOTED_NAME
        if 0 < found - pos <= limit:
            mask[pos:found] = b"\x01" * (found - pos)
    for match in _NUMERAL_IN_BRACKETS.finditer(line):
        mask[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    for match in _numeral_names().finditer(line):
        mask[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    return mask


@cache
def _numeral_names() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, figure_words().numeral_names)))


def find_figures(line: str, masked: tuple[tuple[int, int], ...] = ()) -> list[Figure]:
    """Every figure of the line, left to right; ``masked`` ranges of the line hold none."""
    matches = list(_numbers().finditer(line))
    if not matches:
        return []
    words = figure_words()
    mask = masked_positions(line, masked)
    figures: list[Figure] = []
    for match in matches:
        if mask[match.start()]:
            continue
        figure = _figure(line, match, words)
        if figure is not None:
            figures.append(figure)
    return figures


def _figure(line: str, match: re.Match[str], words: FigureWords) -> Figure | None:
    if match.group("pct") is not None:
        value = _parse(match.group("pct"))
        if value is None:
            return None
        end = match.end()
        return Figure(match.start(), end, end, value, "%", _approx_before(line, match.start()))
    arabic = match.group("arabic")
    if arabic is not None and not _free_arabic(line, match):
        return None
    if arabic is None and not _free_chinese(line, match):
        return None
    value = _BARE_SCALES.get(match.group()) or _parse(match.group())
    if value is None:
        return None
    return _with_unit(line, match, value, words)


def _parse(text: str) -> Decimal | None:
    return (
        parse_arabic(text) if text[0] in "0123456789０１２３４５６７８９" else parse_chinese(text)
    )


def _free_arabic(line: str, match: re.Match[str]) -> bool:
    """Not glued to letters, codes, phone numbers, ranges or times."""
    before = line[match.start() - 1] if match.start() else ""
    if before in _GLUE_BEFORE:
        return False
    return not _GLUE_AFTER.match(line, match.end())


def _free_chinese(line: str, match: re.Match[str]) -> bool:
    """A Chinese numeral stands alone: not 一 (an article), not inside a word."""
    text = match.group()
    before = line[match.start() - 1] if match.start() else ""
    if text in _BARE_SCALES and before in _BARE_SCALE_AFTER:
        return True
    if text in {"一", "壹"} or text[0] in "万亿零〇":
        return False
    if text[0] in "百千" and line[match.end() : match.end() + 1] not in {"余", "多"}:
        return False
    return before not in _WORD_BEFORE_CHINESE


@cache
def _after_number() -> re.Pattern[str]:
    """What follows a number, in one match: approximation marks, a scale, the measure
    word (the longest whose next character does not make it part of another word)."""
    words = figure_words()
    approx = "|".join(map(re.escape, words.approx_after_number))
    units = "|".join(
        re.escape(entry.word) + (f"(?![{re.escape(entry.not_before)}])" if entry.not_before else "")
        for entry in words.measure_words
    )
    space = r"[ \t\u3000\xa0]*"
    return re.compile(
        f"{space}(?P<a1>{approx})?(?:(?P<scale>[十百千万亿]{{1,3}})(?P<a2>{approx})?)?"
        f"{space}(?P<word>{units})?"
    )


def _with_unit(
    line: str, match: re.Match[str], value: Decimal, words: FigureWords
) -> Figure | None:
    after = _after_number().match(line, match.end())
    if after is None:  # pragma: no cover - every part of the pattern is optional
        return None
    scale, word = after.group("scale"), after.group("word")
    approximate = match.group() in _BARE_SCALES or after.group("a1") is not None
    if scale is not None:
        factor = scale_of(scale)
        if factor is None or (match.group("arabic") is None and after.group("a1") is None):
            return None  # 三 万人: a scale after a Chinese numeral is not one
        value = value * factor
        approximate = approximate or after.group("a2") is not None
    if word is None:
        implied = _implied(line, match, value, after.end(), scale is not None, words)
        if implied is None:
            return None
        return implied._replace(approximate=approximate or _approx_before(line, match.start()))
    unit = words.unit_of[word]
    end = after.end()
    if _excluded_after(line, end, unit, words) or _excluded_before(line, match.start(), words):
        return None
    if unit in _OCCASION_UNITS and _frequency(line, match.start(), words):
        return None
    tail = _tail(line, end, words)
    approximate = approximate or tail[1] or _approx_before(line, match.start())
    return Figure(match.start(), end, tail[0], plain(value), unit, approximate)


def _implied(
    line: str,
    match: re.Match[str],
    value: Decimal,
    pos: int,
    scaled: bool,
    words: FigureWords,
) -> Figure | None:
    """参与人数达1045万: no measure word, the noun before gives the unit."""
    if match.group("arabic") is None or (pos < len(line) and line[pos] not in _IMPLIED_AFTER):
        return None
    left = _IMPLIED_VERBS.sub("", line[max(0, match.start() - _IMPLIED_REACH) : match.start()])
    for noun, unit in words.implied_units:
        if left.endswith(noun):
            end = pos if scaled else match.end()
            return Figure(match.start(), end, end, plain(value), unit, False, True)
    return None


def _approx_before(line: str, start: int) -> bool:
    """约12件, 超过300人 (not 节约12件: a character before the mark can undo it)."""
    words = figure_words()
    found = _approx_marks().search(line, max(0, start - words.longest_approx_before), start)
    if found is None:
        return False
    before = line[found.start() - 1] if found.start() else ""
    return not (before and before in words.not_after_approx[found.group()])


@cache
def _approx_marks() -> re.Pattern[str]:
    """The approximation marks before a number, ending right at it (longest first)."""
    marks = (marker for marker, _ in figure_words().approx_before)
    return re.compile("(?:" + "|".join(map(re.escape, marks)) + ")$")


@cache
def _approx_after_unit() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, figure_words().approx_after_unit)))


def _excluded_after(line: str, end: int, unit: str, words: FigureWords) -> bool:
    """15个工作日, 六个部分: a duration or a count of the text's own parts."""
    rest = line[end : end + 6].lstrip("多余半")
    if unit == "个" and rest.startswith(words.durations):
        return True
    return rest.removeprefix("的").startswith(words.structures)


def _excluded_before(line: str, start: int, words: FigureWords) -> bool:
    """第3次, 以下3个方面: an ordinal or a pointer at a list."""
    head = line[max(0, start - 4) : start].rstrip(" \u3000")
    return head.endswith(words.ordinals) or head.endswith(words.pointers)


def _frequency(line: str, start: int, words: FigureWords) -> bool:
    """每季度至少更新1次: 每… shortly before, in the same clause."""
    head = line[max(0, start - _FREQUENCY_REACH) : start]
    head = re.split(r"[，,；;。：:]", head)[-1]
    return any(word in head for word in words.frequencies)


def _tail(line: str, end: int, words: FigureWords) -> tuple[int, bool]:
    """Skip a second unit in brackets (6451宗（次）) and read 以上/左右."""
    mixed = _MIXED_UNIT.match(line, end)
    if mixed and words.measure_word_at(line, mixed.start() + 1) is not None:
        end = mixed.end()
    marker = _approx_after_unit().match(line, end)
    return (marker.end(), True) if marker else (end, False)
