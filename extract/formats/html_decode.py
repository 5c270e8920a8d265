"""Bytes of an HTML page → text, by its byte-order mark, its declared charset or a strict try.

Pages say their encoding in ``<meta charset>``, ``<meta http-equiv="Content-Type">``
or an XML declaration; Chinese government sites still serve GB2312 and GBK,
read here as GB18030, their superset. A page that declares nothing is tried as
UTF-8, then GB18030; bytes that fit neither are refused, not guessed.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from extract.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARATION_BYTES = 2048
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# GB2312 and GBK pages often hold characters only GB18030 has a place for
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "ascii": "utf-8"}
_FALLBACKS = ("utf-8", "gb18030")


def decode_html(data: bytes, path: Path | str) -> str:
    """The page's text; ``InputError`` if neither its declaration nor a strict try decodes it."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec, path, f"starts with a {codec} byte-order mark")
    declared = _declared_codec(data[:_DECLARATION_BYTES])
    tries = (declared, *(c for c in _FALLBACKS if c != declared)) if declared else _FALLBACKS
    for codec in tries:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    tried = ", ".join(tries)
    raise InputError(path, f"is an HTML page whose bytes are not valid in {tried}")


def _declared_codec(head: bytes) -> str | None:
    match = _DECLARED.search(head)
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _strict(data: bytes, codec: str, path: Path | str, why: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(path, f"{why} but is not valid {codec} at byte {err.start}") from None
