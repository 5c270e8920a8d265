"""DOCX reports: body paragraphs and tables in order, merged cells once, no page furniture."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement

from extract.errors import InputError
from extract.formats.docx_text import docx_text
from extract.ingest import read_report

DATA = Path(__file__).parents[1] / "data"
FORMATS = DATA / "formats"
CORPUS = DATA / "corpus"
SAMPLES = sorted(p.stem for p in CORPUS.glob("*.txt"))


def text_of(stem: str) -> str:
    """The repaired text of a sample, without rows that hold no text (readers drop them)."""
    text = read_report(CORPUS / f"{stem}.txt").text
    return "\n".join(line for line in text.split("\n") if line.strip(" |"))


def saved(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("stem", SAMPLES)
def test_docx_gives_the_text_of_the_plain_text_report(stem: str) -> None:
    assert read_report(FORMATS / f"{stem}.docx").text == text_of(stem)


def test_header_and_footer_are_not_body_text() -> None:
    text = read_report(FORMATS / "pingtan-2023.docx").text
    assert text.count("平潭综合实验区2023年度政府信息公开工作年度报告") == 1
    assert "PAGE" not in text


def test_merged_cells_are_read_once_in_the_row_they_start() -> None:
    document = docx.Document()
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "行政复议"  # two rows
    table.cell(0, 1).merge(table.cell(0, 2)).text = "结果"  # two columns
    for (row, column), text in {(1, 1): "维持", (1, 2): "纠正", (2, 0): "件数"}.items():
        table.cell(row, column).text = text
    table.cell(2, 1).paragraphs[0].text = "1"
    table.cell(2, 2).add_paragraph("0")  # a cell of two paragraphs, the first empty
    document.add_paragraph("五、存在的主要问题及改进情况")
    assert docx_text(saved(document), "t.docx").split("\n")[:5] == [
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议 | 结果",
        "维持 | 纠正",
        "件数 | 1 | 0",
        "五、存在的主要问题及改进情况",
    ]


def test_line_breaks_and_content_controls_are_read_in_order() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("第一行")
    paragraph.add_run().add_break()
    paragraph.add_run("第二行")
    control = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    content.append(document.add_paragraph("控件里的段落")._p)  # moved into the control
    control.append(content)
    document.element.body.insert(0, control)
    assert docx_text(saved(document), "t.docx") == "控件里的段落\n第一行\n第二行\n"


def test_docx_without_text_is_refused() -> None:
    with pytest.raises(InputError, match=r"^e\.docx: is a DOCX file without text in its body$"):
        docx_text(saved(docx.Document()), "e.docx")


def test_damaged_docx_is_refused_with_one_line() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><broken")
    with pytest.raises(InputError) as excinfo:
        docx_text(out.getvalue(), "r.docx")
    assert str(excinfo.value).startswith("r.docx: is a damaged DOCX file (")
    assert "\n" not in str(excinfo.value)
