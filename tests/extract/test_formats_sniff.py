"""The format of a report file is told by its content; the file name is only a hint."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from extract.errors import InputError
from extract.formats import REPORT_SUFFIXES
from extract.formats.sniff import Format, sniff_format

FORMATS = Path(__file__).parents[1] / "data" / "formats"
CORPUS = Path(__file__).parents[1] / "data" / "corpus"


def zipped(**members: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members.items():
            archive.writestr(name.replace("__", "/"), text)
    return out.getvalue()


@pytest.mark.parametrize(
    ("sample", "named", "expected"),
    [
        ("pingtan-2023.pdf", "report.txt", Format.PDF),
        ("pingtan-2023.docx", "report.pdf", Format.DOCX),
        ("pingtan-2023.html", "report.txt", Format.HTML),
        ("chongqing-2012.html", "report", Format.HTML),  # GB2312, no doctype
    ],
)
def test_format_is_told_by_content_whatever_the_name(
    sample: str, named: str, expected: Format
) -> None:
    assert sniff_format((FORMATS / sample).read_bytes(), named) is expected


def test_plain_text_is_text_even_when_named_html() -> None:
    data = (CORPUS / "pingtan-2023.txt").read_bytes()
    assert sniff_format(data, "pingtan-2023.html") is Format.TEXT


def test_a_page_fragment_is_html_only_when_named_so() -> None:
    fragment = "<p>一、总体情况</p>\n<p>本年度共主动公开政府信息1200条。</p>".encode()
    assert sniff_format(fragment, "report.html") is Format.HTML
    assert sniff_format(fragment, "report.txt") is Format.TEXT


def test_pdf_header_after_junk_bytes_is_a_pdf() -> None:
    data = b"\r\n\x00junk" + (FORMATS / "pingtan-2023.pdf").read_bytes()
    assert sniff_format(data, "x") is Format.PDF


def test_utf16_html_is_html() -> None:
    data = "\ufeff<!DOCTYPE html><html><body><p>报告</p></body></html>".encode("utf-16-le")
    assert sniff_format(data, "x.htm") is Format.HTML


def test_zip_without_word_document_is_refused_with_one_line() -> None:
    data = zipped(xl__workbook_xml="<workbook/>", report_txt="政府信息公开")
    with pytest.raises(InputError) as excinfo:
        sniff_format(data, "report.docx")
    message = str(excinfo.value)
    assert message == (
        "report.docx: is a ZIP archive without word/document.xml: not a Word (DOCX) document"
    )


def test_damaged_zip_is_refused_with_one_line() -> None:
    with pytest.raises(InputError, match=r"^r\.docx: is a damaged ZIP archive") as excinfo:
        sniff_format(b"PK\x03\x04" + bytes(60), "r.docx")
    assert "\n" not in str(excinfo.value)


def test_folders_are_searched_for_every_readable_format() -> None:
    assert {".txt", ".html", ".htm", ".pdf", ".docx"} <= set(REPORT_SUFFIXES)
