"""Characters a PDF font names wrongly: look-alikes of the ideographs and brackets it draws.

Fonts such as Noto Sans CJK draw 工 and the Kangxi radical ⼯ with one glyph,
and the ToUnicode map of an embedded subset may name the radical; text taken
from such a PDF then reads 政府信息公开⼯作 and no word list matches it. The
radicals are put back as the ideographs they stand for: Kangxi Radicals by
NFKC, the whole-character forms of the CJK Radicals Supplement and the
radicals whose NFKC form is traditional by a table
(``cjk_radical_equivalents.tsv``); reports never use radicals as such. The
same maps name 〈 as the deprecated U+2329 and some ideographs as CJK
compatibility ideographs: NFC, which only undoes such one-to-one canonical
equivalences in Chinese text, puts those back.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from extract.resources import table

_RADICALS = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf]")
_KANGXI = ("\u2f00", "\u2fdf")


def unify_lookalikes(text: str) -> str:
    """*text* with radicals standing for characters, and canonical look-alikes, replaced."""
    text = unicodedata.normalize("NFC", text)
    if _RADICALS.search(text) is None:
        return text
    return _RADICALS.sub(lambda m: _equivalent(m.group()), text)


def _equivalent(radical: str) -> str:
    listed = _listed().get(radical)
    if listed is not None:
        return listed
    if _KANGXI[0] <= radical <= _KANGXI[1]:
        return unicodedata.normalize("NFKC", radical)
    return radical


@cache
def _listed() -> dict[str, str]:
    return {row["radical"]: row["character"] for row in table("cjk_radical_equivalents.tsv")}
