"""The normalisation of ANNOTATION.md, used for every label, alias and key.

NFKC, no whitespace (a line break inside a name is layout), no title or
quotation marks, and document-number brackets folded to 〔〕.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WHITESPACE = re.compile(r"\s+")
_MARKS = re.compile("[《》〈〉“”\"'‘’「」『』]")
# After NFKC full-width brackets are ASCII; every bracket pair a number may use.
_OPEN = "[［(（【〖〔"
_CLOSE = "]］)）】〗〕"
_BRACKETS = str.maketrans({**dict.fromkeys(_OPEN, "〔"), **dict.fromkeys(_CLOSE, "〕")})
_DOCUMENT_NUMBER = re.compile(r"^(.+?)〔(\d{4})〕(\d+)号$")


@lru_cache(maxsize=16384)
def normalize_label(text: str) -> str:
    """Return the canonical form of a name as it is compared and stored (remembered:
    the same names are normalised again and again)."""
    text = unicodedata.normalize("NFKC", text)
    text = _WHITESPACE.sub("", text)
    text = _MARKS.sub("", text)
    folded = text.translate(_BRACKETS)
    return folded if _DOCUMENT_NUMBER.match(folded) else text


def squeeze_whitespace(text: str) -> str:
    """A surface form without the layout whitespace a PDF put inside it."""
    return _WHITESPACE.sub("", text)
