"""A PDF file → its text in reading order: ruled tables as rows of cells, page furniture dropped.

pdfplumber (on pdfminer.six) gives each page's characters with their
positions. Tables are found by their ruling lines and read as rows, a merged
cell once, in the row where it starts; the characters outside the tables
form lines, laid out into paragraphs by ``pdf_layout``. Characters not set
upright (diagonal watermarks, rotated margin notes) are left out. A PDF
whose pages carry no characters is a scan: it needs OCR, which govkg does not
do. An encrypted PDF opens if it has no user password (the common "no
copying" protection); one that needs a password is refused.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import PdfminerException

from extract.errors import InputError
from extract.formats.pdf_glyphs import unify_lookalikes
from extract.formats.pdf_layout import Item, PdfLine, PdfTable, paragraphs
from extract.formats.rows import row_line

_NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】,.;:?!)")  # kinsoku: never first on a line
# Justified Chinese text spreads its characters apart, by more than pdfplumber's 3 points
# when a long word was pushed to the next line: only a gap of a whole character (at the
# character's size) is a space. Spaces the PDF draws are kept as characters.
_TEXT_SETTINGS: dict[str, Any] = {"x_tolerance_ratio": 1.0, "keep_blank_chars": True}
_ROW_STEP = 0.001  # orders a table's rows after its top, before the next line
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
_NON_SPACE = re.compile(r"\S")
_MAX_UNMAPPED_SHARE = 0.5  # of the characters, given as glyph numbers: the text is unreadable
_NEEDS_OCR = "it needs OCR, which govkg does not do"


def pdf_text(data: bytes, path: Path | str) -> str:
    """The text of a PDF file; ``InputError`` if it is damaged, locked or a scan."""
    with _damage_as_input_error(path), _quiet_pdfminer(), pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [_page_items(number, page) for number, page in enumerate(pdf.pages)]
    text = unify_lookalikes("\n".join(paragraphs(pages)))
    if not text:  # no characters, or page numbers only: the pages are images
        raise InputError(path, f"is a PDF without a text layer (scanned pages?): {_NEEDS_OCR}")
    if unmapped_share(text) > _MAX_UNMAPPED_SHARE:
        raise InputError(
            path,
            "is a PDF whose fonts do not say which characters their glyphs are "
            f"(text comes out as (cid:N)): {_NEEDS_OCR}",
        )
    return text + "\n"


def unmapped_share(text: str) -> float:
    """Share of the characters pdfminer could only give as glyph numbers, ``(cid:123)``."""
    glyphs = len(_UNMAPPED_GLYPH.findall(text))
    others = len(_NON_SPACE.findall(_UNMAPPED_GLYPH.sub("", text)))
    return glyphs / (glyphs + others) if glyphs else 0.0


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer warns of every font quirk it works around (a missing FontBBox, say), once
    per character: while we read, only its errors are let through."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


@contextmanager
def _damage_as_input_error(path: Path | str) -> Iterator[None]:
    """pdfminer's errors on a bad file, whatever their class, as one line naming the file."""
    try:
        yield
    except PdfminerException as err:
        cause = err.args[0] if err.args and isinstance(err.args[0], Exception) else err
        raise InputError(path, _problem(cause)) from None
    except (PDFEncryptionError, PDFPasswordIncorrect) as err:
        raise InputError(path, _problem(err)) from None
    except Exception as err:  # pdfminer raises anything from KeyError to struct.error on bad bytes
        raise InputError(path, f"is a damaged PDF file ({type(err).__name__}: {err})") from None


def _problem(err: Exception) -> str:
    if isinstance(err, PDFPasswordIncorrect):
        return "is an encrypted PDF that needs a password to open"
    if isinstance(err, PDFEncryptionError):
        return f"is an encrypted PDF that cannot be decrypted ({err})"
    return f"is a damaged PDF file ({type(err).__name__}: {err})"


def _page_items(number: int, whole: Page) -> list[Item]:
    page: Page = whole.filter(_is_upright_or_not_a_char)
    tables = page.find_tables()
    items: list[tuple[float, Item]] = []
    for table in tables:
        rows = tuple(line for line in (_row(r) for r in table.extract(**_TEXT_SETTINGS)) if line)
        top = table.bbox[1]
        items.append((top - _ROW_STEP, PdfTable(number, top, rows)))
    outside: Page = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    for line in outside.extract_text_lines(return_chars=True, **_TEXT_SETTINGS):
        if line["text"].strip():
            items.append((line["top"], _line(number, line)))
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def _row(cells: list[str | None]) -> str:
    return row_line([cell for cell in cells if cell is not None])


def _line(number: int, line: dict[str, Any]) -> PdfLine:
    sizes = Counter(round(float(char["size"]), 1) for char in line["chars"])
    return PdfLine(
        page=number,
        text=line["text"],
        x0=float(line["x0"]),
        x1=float(line["x1"]),
        top=float(line["top"]),
        bottom=float(line["bottom"]),
        size=sizes.most_common(1)[0][0] if sizes else 0.0,
        lead=_lead_width(line["chars"]),
    )


def _lead_width(chars: list[dict[str, Any]]) -> float:
    """Width of the run a line break cannot split that starts the line: a Latin word or
    one Chinese character, with the closing punctuation that may not start a line."""
    start = next((i for i, c in enumerate(chars) if not c["text"].isspace()), len(chars))
    chars = chars[start:]
    if not chars:
        return 0.0
    end = 1
    if chars[0]["text"].isascii():
        while end < len(chars) and _is_word_char(chars[end]["text"]):
            end += 1
    while end < len(chars) and chars[end]["text"] in _NO_LINE_START:
        end += 1
    return float(chars[end - 1]["x1"]) - float(chars[0]["x0"])


def _is_word_char(text: str) -> bool:
    return text.isascii() and not text.isspace()


def _is_upright_or_not_a_char(obj: dict[str, Any]) -> bool:
    return obj.get("object_type") != "char" or bool(obj.get("upright", True))
