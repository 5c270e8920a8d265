"""Numbers as reports write them: Arabic (full- or half-width), Chinese numerals, 万/亿 scales.

A figure's value is a plain ``Decimal``: 105.95万 → 1059500, 二十三 → 23,
1,234 → 1234. Parsing never guesses: a string that is not a well-formed number
gives ``None``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
LARGE_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join([*DIGITS, *SMALL_UNITS, *LARGE_UNITS])

_ARABIC = re.compile(r"[+\-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+\-−]?\d+(?:\.\d+)?")


def parse_arabic(text: str) -> Decimal | None:
    """``1,234.5``, ``１２``, ``-18`` → Decimal; anything else → None."""
    folded = text if text.isascii() else unicodedata.normalize("NFKC", text).replace("−", "-")
    folded = folded.strip()
    if not _ARABIC.fullmatch(folded):
        return None
    try:
        return Decimal(folded.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


def parse_chinese(text: str) -> Decimal | None:
    """``二十三`` → 23, ``十二`` → 12, ``一万二千`` → 12000, ``三百零五`` → 305."""
    if not text or any(char not in CHINESE_NUMERAL_CHARS for char in text):
        return None
    done = {10_000: 0, 100_000_000: 0}  # the 万 and 亿 sections already closed
    group = 0  # the current section below 万
    digit: int | None = None
    for char in text:
        if char in DIGITS:
            if digit is not None and digit != 0 and DIGITS[char] != 0:
                return None  # two digits in a row (二三) is not a number
            digit = DIGITS[char]
        elif char in SMALL_UNITS:
            group += (1 if digit is None else digit) * SMALL_UNITS[char]
            digit = None
        else:
            scale = LARGE_UNITS[char]
            section = group + (digit or 0) + (done[10_000] if scale > 10_000 else 0)
            if section == 0:
                return None  # a bare 万 is not a number
            if scale > 10_000:
                done[10_000] = 0
            done[scale] += section * scale
            group, digit = 0, None
    return Decimal(sum(done.values()) + group + (digit or 0))


def parse_number(text: str) -> Decimal | None:
    """Arabic or Chinese, whichever the string is."""
    return parse_arabic(text) if re.search(r"\d", text) else parse_chinese(text)


def scale_of(word: str) -> Decimal | None:
    """The factor of a scale word written after Arabic digits: 万 → 10000, 百万 → 1000000."""
    if not word:
        return Decimal(1)
    factor = Decimal(1)
    for char in word:
        value = SMALL_UNITS.get(char) or LARGE_UNITS.get(char)
        if value is None:
            return None
        factor *= value
    return factor


_MAX_DIGITS = 24  # quantize() fails beyond the context's precision (28 digits)


def plain(value: Decimal) -> Decimal:
    """The same number without trailing zeros or an exponent (1059500.00 → 1059500)."""
    if value.adjusted() >= _MAX_DIGITS:  # a digit run no figure has; keep it as it is
        return value
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def significant_digits(value: Decimal) -> int:
    """How many significant digits the figure has (48000 → 2, 806200 → 4)."""
    digits = str(abs(plain(value))).replace(".", "").strip("0")
    return len(digits)
