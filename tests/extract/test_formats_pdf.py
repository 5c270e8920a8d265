"""PDF reports: text in reading order, ruled tables as rows, no page furniture, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import InputError
from extract.formats.pdf_glyphs import unify_lookalikes
from extract.formats.pdf_layout import PdfLine, PdfTable, is_page_number, paragraphs
from extract.formats.pdf_text import pdf_text, unmapped_share
from extract.ingest import read_report

DATA = Path(__file__).parents[1] / "data"
FORMATS = DATA / "formats"
CORPUS = DATA / "corpus"
SAMPLES = sorted(p.stem for p in CORPUS.glob("*.txt"))


def text_of(stem: str) -> str:
    """The repaired text of a sample, without rows that hold no text (readers drop them)."""
    text = read_report(CORPUS / f"{stem}.txt").text
    return "\n".join(line for line in text.split("\n") if line.strip(" |"))


def unspaced(text: str) -> str:
    # reportlab, which made the PDFs, drops spaces next to Chinese characters
    return text.replace(" ", "").replace("\xa0", "")


@pytest.mark.parametrize("stem", SAMPLES)
def test_pdf_gives_the_text_of_the_plain_text_report(stem: str) -> None:
    assert unspaced(read_report(FORMATS / f"{stem}.pdf").text) == unspaced(text_of(stem))


def test_running_header_and_page_numbers_are_dropped_but_the_title_kept() -> None:
    text = read_report(FORMATS / "pingtan-2020.pdf").text
    title = "平潭综合实验区2020年政府信息公开工作年度报告"
    assert text.startswith(title + "\n")
    assert text.count(title) == 1  # the header repeats it on every page
    assert "- 2 -" not in text and "\n2\n" not in text


def test_merged_cells_are_read_once_in_the_row_they_start() -> None:
    lines = read_report(FORMATS / "pingtan-2023.pdf").text.split("\n")
    # 三、本年度办理结果 spans 22 rows, （三）不予公开 8: each stands in its first row only
    assert "三、本年度办理结果 | （一）予以公开 | 22 | 0 | 0 | 0 | 0 | 0 | 22" in lines
    assert "（三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0" in lines
    assert "2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0" in lines


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("encrypted.pdf", "is an encrypted PDF that needs a password to open"),
        (
            "scanned.pdf",
            "is a PDF without a text layer (scanned pages?): it needs OCR, which govkg does not do",
        ),
    ],
)
def test_locked_and_scanned_pdfs_are_refused_with_one_line(name: str, problem: str) -> None:
    path = FORMATS / "bad" / name
    with pytest.raises(InputError) as excinfo:
        read_report(path)
    assert str(excinfo.value) == f"{path}: {problem}"


def test_pdf_locked_only_against_copying_is_read() -> None:
    text = read_report(FORMATS / "bad" / "owner-locked.pdf").text
    assert text.startswith("Annual report on government information disclosure\n")


@pytest.mark.parametrize("cut", [9, 2000, -200], ids=["header-only", "truncated", "no-trailer"])
def test_damaged_pdf_is_refused_with_one_line(cut: int) -> None:
    data = (FORMATS / "pingtan-2023.pdf").read_bytes()[:cut]
    with pytest.raises(InputError) as excinfo:
        pdf_text(data, "r.pdf")
    message = str(excinfo.value)
    assert message.startswith(("r.pdf: is a damaged PDF file (", "r.pdf: is a PDF without a text"))
    assert "\n" not in message


def test_text_of_glyph_numbers_only_counts_as_unreadable() -> None:
    assert unmapped_share("(cid:12)(cid:40)(cid:7) 报告") == pytest.approx(3 / 5)
    assert unmapped_share("政府信息公开工作年度报告") == 0.0


def test_radicals_a_font_named_for_ideographs_become_the_ideographs() -> None:
    # Noto CJK subsets name 工 人 民 门 户 as radicals, and 〈 as the deprecated U+2329
    named = "政府信息公开⼯作，⼈⺠群众，⻔⼾⽹站，\u2329条例\u232a"
    assert unify_lookalikes(named) == "政府信息公开工作，人民群众，门户网站，〈条例〉"


# ---------------------------------------------------------------- layout of lines


def line(page: int, text: str, top: float, x0: float = 50, x1: float = 550, size: float = 12):
    return PdfLine(page, text, x0, x1, top, top + size, size, lead=size)


def test_wrapped_lines_rejoin_across_pages_and_stop_at_indents_and_headings() -> None:
    pages = [
        [
            line(0, "标题", 60, x0=250, x1=350, size=18),
            line(0, "本年度共公开", 100, x0=74),
            line(0, "信息1200条，较上年增长。", 120, x1=200),
            line(0, "一、总体情况", 140, x1=120),
            line(0, "全年办理申请", 160, x0=74),
            line(0, "件，均已答复", 180),
        ],
        [line(1, "完毕。", 60, x1=90), line(1, "（一）主动公开", 80, x1=160)],
    ]
    assert paragraphs(pages) == [
        "标题",
        "本年度共公开信息1200条，较上年增长。",
        "一、总体情况",
        "全年办理申请件，均已答复完毕。",
        "（一）主动公开",
    ]


def test_a_line_left_short_by_a_long_word_still_continues() -> None:
    full = line(0, "如有疑问请联系。", 80, x0=74)  # the column is 50–550 wide
    above = line(0, "咨询邮箱：", 100, x1=420)
    below = PdfLine(0, "pzxxgkb@163.com。其他", 50, 300, 120, 132, 12, lead=190)
    short = PdfLine(0, "ab。其他", 50, 300, 120, 132, 12, lead=20)
    assert paragraphs([[full, above, below]]) == ["如有疑问请联系。咨询邮箱：pzxxgkb@163.com。其他"]
    assert paragraphs([[full, above, short]]) == ["如有疑问请联系。咨询邮箱：", "ab。其他"]


def test_recurring_headers_and_page_numbers_are_furniture_the_same_text_elsewhere_is_not() -> None:
    title = "某某县2023年政府信息公开工作年度报告"
    pages = []
    words = ("主动公开", "依申请公开", "复议诉讼")
    for n in range(3):
        body = [line(n, f"{words[n]}的情况。", 100, x1=300)]
        if n == 0:
            body.insert(0, line(0, title, 70, x0=150, x1=450, size=18))
        header = line(n, title, 40, x0=200, x1=400, size=9)
        footer = line(n, f"- {n + 1} -", 800, x0=290, x1=310, size=9)
        pages.append([header, *body, footer])
    assert paragraphs(pages) == [title, *(f"{word}的情况。" for word in words)]


def test_table_rows_stand_between_the_lines_around_them() -> None:
    pages = [
        [line(0, "表一", 50, x1=80), PdfTable(0, 70, ("a | 1", "b | 2")), line(0, "完", 200, x1=70)]
    ]
    assert paragraphs(pages) == ["表一", "a | 1", "b | 2", "完"]


@pytest.mark.parametrize(
    "text", ["- 3 -", "第3页", "第 3 页 共 10 页", "3/10", "Page 3 of 10", "12"]
)
def test_page_numbers_are_told(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2023年", "一、3", "共3件"])
def test_figures_with_words_are_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)
