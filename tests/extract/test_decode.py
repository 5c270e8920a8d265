"""decode_report: the encodings reports come in, and files that are not text."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from extract.decode import decode_report
from extract.errors import InputError

CORPUS = Path(__file__).parents[1] / "data" / "corpus"

# A real paragraph of chongqing-2016.txt: full-width indentation, quotes, 〔〕.
PARAGRAPH = "\n".join((CORPUS / "chongqing-2016.txt").read_text(encoding="utf-8").split("\n")[8:17])


def test_sample_paragraph_is_the_expected_excerpt() -> None:
    assert PARAGRAPH.startswith("一、政务公开工作概述\n\n\u3000\u30002016年")
    assert "（国办发\n〔2016〕19号）" in PARAGRAPH


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("gb18030", b""),
        ("gbk", b""),
    ],
    ids=[
        "utf-8",
        "utf-8-bom",
        "utf-16-le-bom",
        "utf-16-be-bom",
        "utf-16-le-no-bom",
        "utf-16-be-no-bom",
        "utf-32-le-bom",
        "gb18030",
        "gbk",
    ],
)
def test_supported_encoding_decodes_to_the_original_text(encoding: str, bom: bytes) -> None:
    assert decode_report(bom + PARAGRAPH.encode(encoding), "r.txt") == PARAGRAPH


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "gb18030"])
def test_whole_sample_report_round_trips(name: str, encoding: str) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    assert decode_report(text.encode(encoding), name) == text


def test_gbk_file_is_decoded_as_gb18030_superset() -> None:
    # 〔 〕 and the full-width space are outside GB2312 proper but in GBK and GB18030.
    data = "（国办发〔2016〕19号）\u3000全面推进政务公开".encode("gbk")
    assert decode_report(data, "r.txt") == "（国办发〔2016〕19号）\u3000全面推进政务公开"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"line one\r\nline two\r\n", "line one\nline two\n"),
        (b"line one\rline two\r", "line one\nline two\n"),
        ("第一行\r\n第二行\r第三行\n".encode("gb18030"), "第一行\n第二行\n第三行\n"),
        ("第一行\r\n第二行".encode("utf-16"), "第一行\n第二行"),
    ],
    ids=["crlf", "cr", "gb18030-mixed", "utf-16-crlf"],
)
def test_newlines_are_normalised(data: bytes, expected: str) -> None:
    assert decode_report(data, "r.txt") == expected


def test_bom_is_stripped_and_text_is_not_nfkc_normalised() -> None:
    text = "\u3000\u3000２．扎实推进经济发展领域信息公开。\xa0ＰＰＰ"
    decoded = decode_report(codecs.BOM_UTF8 + text.encode("utf-8"), "r.txt")
    assert decoded == text


_RANDOM = random.Random(20240601)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", "looks like a PDF file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "looks like a PNG image"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "looks like a ZIP archive"),
        (_RANDOM.randbytes(4096), "NUL bytes"),
        (bytes(_RANDOM.randrange(1, 256) for _ in range(4096)), "cannot be decoded"),
        (b"\x00" * 512, "NUL bytes"),
        (b"text\x00with\x00nuls\x00", "NUL bytes"),
        (b"", "is empty"),
        (codecs.BOM_UTF8, "is empty"),
        (b" \r\n\t\n  \n", "contains only whitespace"),
        ("Déjà vu, café crème à Noël.\n".encode("cp1252"), "cannot be decoded"),
        (
            "臺灣省政府資訊公開工作年度報告，依據《政府資訊公開法》編製。\n".encode("big5"),
            "cannot be decoded",
        ),
        (
            codecs.BOM_UTF16_LE + b"\x00\xd8a\x00",
            "starts with a UTF-16 LE BOM but is not valid UTF-16 LE at byte 2",
        ),
        (b"ok text\x01\x02\x03\x04\x05\x06\x07\x08", "control"),
    ],
    ids=[
        "pdf",
        "png",
        "docx-zip",
        "random-bytes",
        "random-bytes-without-nul",
        "nul-only",
        "nul-in-ascii",
        "empty",
        "bom-only",
        "whitespace-only",
        "cp1252",
        "big5",
        "broken-utf-16",
        "control-characters",
    ],
)
def test_non_text_or_undecodable_file_raises_input_error_naming_it(
    data: bytes, reason: str
) -> None:
    path = Path("reports") / "chongqing-2099.txt"
    with pytest.raises(InputError) as excinfo:
        decode_report(data, path)
    message = str(excinfo.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert "\n" not in message
    assert excinfo.value.path == str(path)


def test_pdf_header_after_leading_whitespace_is_still_a_pdf() -> None:
    with pytest.raises(InputError, match="looks like a PDF file, not text"):
        decode_report(b"\r\n  %PDF-1.4\n" + bytes(range(256)), "x.txt")
