"""Bytes of a report file → text, or an ``InputError`` that says why not.

Accepted: UTF-8 (with or without BOM), UTF-16/UTF-32 with a BOM, UTF-16
without a BOM when its NUL bytes give it away, and GB18030 (a superset of GBK
and GB2312) when the decoded text is plausibly Chinese. Anything else, and
anything that looks like a binary file, is refused: we never guess silently.

A file cut off in the middle of a multi-byte character (an interrupted download
or copy) loses that last character only. A text longer than ``MAX_REPORT_CHARS``
is refused with its size, before any costly decoding when its bytes already say so.

Only newlines are normalised here (``\\r\\n`` and ``\\r`` become ``\\n``) and a
leading BOM is dropped; the text is not NFKC-normalised, so that character
offsets computed later point into the text we keep.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from collections import Counter
from pathlib import Path

from charset_normalizer import from_bytes

from extract.errors import InputError

logger = logging.getLogger(__name__)

# Magic numbers of binary formats a report collection commonly contains.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX, …)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 file (DOC, XLS, WPS, …)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)

# Byte-order marks, longest first: the UTF-32 LE mark starts with UTF-16 LE's.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
    (b"\x84\x31\x95\x33", "gb18030", "GB18030"),
)

# Codecs charset-normalizer weighs GB18030 against: a Big5, Shift-JIS or EUC-KR
# file also decodes as GB18030, but into wrong characters.
_CJK_CANDIDATES = ["gb18030", "big5", "shift_jis", "euc_kr"]
_GB_FAMILY = frozenset({"gb18030", "gbk", "gb2312", "cp936"})

_NEWLINES = re.compile(r"\r\n?")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_ASCII = re.compile(r"[\x00-\x7f]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ALLOWED_CONTROLS = frozenset("\t\n\v\f\r")

# The pipeline's limit (spaCy's ``max_length``); the longest real report is far shorter.
MAX_REPORT_CHARS = 1_000_000
_MAX_REPORT_BYTES = 4 * MAX_REPORT_CHARS + 4  # UTF-32 with a BOM: the widest encoding
# What each codec says of a multi-byte sequence cut off by the end of the data.
_TRUNCATED = frozenset(
    {"unexpected end of data", "truncated data", "incomplete multibyte sequence"}
)

_MAX_ODD_CHAR_SHARE = 0.01  # controls, private use, unassigned: more → binary
_MIN_HAN_SHARE = 0.5  # of Han characters and Latin letters, in a GB18030 decoding
_MIN_COMMON_HAN_SHARE = 0.8  # of Han characters, in GB2312 level 1 (see _common_han_share)
_MAX_FOREIGN_SHARE = 0.1  # of non-ASCII characters: kana, hangul, accented Latin …
_MAX_GB_ODD_SHARE = 0.001  # GBK user-defined characters decode to private use


def decode_report(data: bytes, path: Path | str) -> str:
    """Decode a report file's bytes; raise ``InputError`` naming *path* if we cannot."""
    if not data:
        raise InputError(path, "is empty")
    if len(data) > _MAX_REPORT_BYTES:
        raise InputError(path, f"is {_megabytes(len(data))} of text: {_TOO_LONG}")
    kind = _binary_kind(data)
    if kind is not None:
        raise InputError(path, f"looks like {kind}, not text")
    text = _decode(data, path)
    text = _NEWLINES.sub("\n", text).removeprefix("\ufeff")
    if _odd_char_share(text) > _MAX_ODD_CHAR_SHARE:
        raise InputError(path, "contains control or unassigned characters: looks like binary data")
    if not text.strip():
        raise InputError(path, "is empty" if not text else "contains only whitespace")
    check_length(text, path)
    return text


_TOO_LONG = f"longer than the {MAX_REPORT_CHARS:,} characters a report may have"


def check_length(text: str, path: Path | str) -> None:
    """Refuse a text longer than the pipeline takes (``InputError`` with its length)."""
    if len(text) > MAX_REPORT_CHARS:
        raise InputError(path, f"has {len(text):,} characters: {_TOO_LONG}")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _decode_cut_short(data: bytes, codec: str, path: Path | str) -> str:
    """``data.decode(codec)``; a multi-byte sequence cut off by the end of the file is
    dropped (the file was truncated mid-character), any other error is raised."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return _without_cut_tail(data, codec, path).decode(codec)


def _without_cut_tail(data: bytes, codec: str, path: Path | str) -> bytes:
    """``data`` less a last character cut off in ``codec``; as it is for any other error."""
    try:
        data.decode(codec)
    except UnicodeDecodeError as err:
        if err.end != len(data) or err.reason not in _TRUNCATED:
            return data
        cut = len(data) - err.start
        logger.info("%s: the last %d byte(s) are a character cut off, dropped", path, cut)
        return data[: err.start]
    return data


def _decode(data: bytes, path: Path | str) -> str:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return _decode_cut_short(data[len(bom) :], codec, path)
            except UnicodeDecodeError as err:
                at = len(bom) + err.start
                problem = f"starts with a {label} BOM but is not valid {label} at byte {at}"
                raise InputError(path, problem) from None
    if b"\x00" in data:
        text = _utf16_without_bom(data, path)
        if text is None:
            raise InputError(path, "contains NUL bytes: looks like binary data, not text")
        return text
    try:
        return _decode_cut_short(data, "utf-8", path)
    except UnicodeDecodeError as err:
        bad_utf8_at = err.start
    text = _gb18030(data, path)
    if text is None:
        if _mostly_utf8(data, bad_utf8_at):
            problem = f"is not valid UTF-8 at byte {bad_utf8_at}, nor GB18030 text"
            raise InputError(path, f"{problem} (a damaged file?)")
        raise InputError(path, "cannot be decoded as UTF-8, UTF-16 or GB18030")
    return text


def _mostly_utf8(data: bytes, bad_at: int) -> bool:
    """UTF-8 but for a few bytes: the message then names the first bad one."""
    damaged = data.decode("utf-8", errors="replace").count("\ufffd")
    return damaged <= max(3, len(data) // 10_000) and bad_at > 0


def _binary_kind(data: bytes) -> str | None:
    head = data[:1024].lstrip()
    return next((kind for magic, kind in _BINARY_SIGNATURES if head.startswith(magic)), None)


def _utf16_without_bom(data: bytes, path: Path | str) -> str | None:
    """UTF-16 without a BOM: most NULs are the high bytes of ASCII characters.

    The byte order is the parity holding most NULs; the decoding must then hold
    line breaks and no control or unassigned characters (the wrong byte order
    turns "\\n" into U+0A00 and NUL-heavy binary data into controls).
    """
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    codec = "utf-16-be" if even > odd else "utf-16-le"
    try:  # an odd length is a file cut off in the middle of its last character
        text = _decode_cut_short(data, codec, path)
    except UnicodeDecodeError:
        return None
    if ("\n" not in text and "\r" not in text) or _odd_char_share(text) > _MAX_ODD_CHAR_SHARE:
        return None
    logger.debug("decoded as %s without a BOM", codec)
    return text


def _gb18030(data: bytes, path: Path | str) -> str | None:
    """GB18030, if charset-normalizer ranks it above other CJK codecs and it reads as Chinese."""
    data = _without_cut_tail(data, "gb18030", path)
    matches = list(from_bytes(data, cp_isolation=_CJK_CANDIDATES))
    gb = [m for m in matches if m.encoding in _GB_FAMILY]
    if not gb:
        return None
    best_other = min((m.chaos for m in matches if m.encoding not in _GB_FAMILY), default=1.0)
    if best_other + 0.005 < gb[0].chaos:
        return None
    try:
        text = _decode_cut_short(data, "gb18030", path)
    except UnicodeDecodeError:
        return None
    if not _looks_chinese(text):
        return None
    logger.debug("decoded as gb18030 (charset-normalizer chaos %.3f)", gb[0].chaos)
    return text


def _looks_chinese(text: str) -> bool:
    """Han characters outnumber Latin letters and letters of other scripts are rare.

    A Latin-1 or CP1252 file misread as GB18030 turns its few accented letters
    into Han characters among many Latin ones; kana, hangul or accented Latin
    letters in the result mean another encoding.
    """
    han = len(_HAN.findall(text))
    latin = len(_ASCII_LETTER.findall(text))
    non_ascii = len(text) - len(_ASCII.findall(text))
    foreign = sum(text.count(c) for c in set(text) if _is_foreign_letter(c))
    return (
        han > 0
        and han >= _MIN_HAN_SHARE * (han + latin)
        and _common_han_share(text) >= _MIN_COMMON_HAN_SHARE
        and foreign <= _MAX_FOREIGN_SHARE * non_ascii
        and _odd_char_share(text) <= _MAX_GB_ODD_SHARE
    )


def _is_foreign_letter(c: str) -> bool:
    return not c.isascii() and c.isalpha() and _HAN.match(c) is None


def _common_han_share(text: str) -> float:
    """Share of Han characters among GB2312 level 1, the 3755 most frequent ones.

    Chinese prose scores ~1.0; bytes of another encoding read as GB18030 give
    Han characters from all over GBK's 21,000 and score ~0.3.
    """
    counts = Counter(_HAN.findall(text))
    common = sum(n for c, n in counts.items() if _is_common_han(c))
    return common / max(1, sum(counts.values()))


def _is_common_han(c: str) -> bool:
    try:
        lead = c.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xB0 <= lead <= 0xD7  # GB2312 rows 16–55: level 1


def _odd_char_share(text: str) -> float:
    """Share of characters no report contains: controls, surrogates, private use, unassigned."""
    if not text:
        return 0.0
    odd = {
        c
        for c in set(text)
        if c not in _ALLOWED_CONTROLS and unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn")
    }
    return sum(text.count(c) for c in odd) / len(text)
