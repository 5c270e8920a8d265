"""HTML pages: the report body without the page around it, tables as rows, any declared charset."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import InputError
from extract.formats.html_text import html_text
from extract.ingest import read_report

DATA = Path(__file__).parents[1] / "data"
FORMATS = DATA / "formats"
CORPUS = DATA / "corpus"
PARAGRAPH = (
    "2023年，本县坚持以公开为常态、不公开为例外，全年共主动公开政府信息1200条，"
    "其中政策文件45件，政策解读30篇，办理依申请公开12件，均在法定期限内答复。"
    "县政府门户网站全年发布信息5600条，政务微信公众号发布信息820条。"
)
ARTICLE = f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>"


def text_of(name: str) -> str:
    """The repaired text of a sample, without rows that hold no text (readers drop them)."""
    text = read_report(CORPUS / name).text
    return "\n".join(line for line in text.split("\n") if line.strip(" |"))


def page(body: str, *, head: str = "", around: str = "") -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>"
        f"<div class='nav'><a href='/'>首页</a><a href='/zwgk'>政务公开</a></div>{around}"
        f"<div class='article'>{body}</div>"
        "<div class='footer'><p>主办单位：某某县人民政府办公室　地址：某某县人民路1号　"
        "电话：0000-1234567　技术支持：某某县大数据中心</p></div></body></html>"
    ).encode()


def lines_of(data: bytes) -> list[str]:
    """The reader's lines, before layout repair (which would rejoin our equal-length paragraphs)."""
    return [line.strip() for line in html_text(data, "t.html").split("\n") if line.strip()]


@pytest.mark.parametrize(
    "name", ["pingtan-2023.html", "pingtan-2020.html", "chongqing-2016.html", "chongqing-2012.html"]
)
def test_web_page_gives_the_text_of_the_plain_text_report(name: str) -> None:
    # pingtan-2023.html is the page as the government site serves it; the others are generated
    # (make_formats.py): a modern page, and an old GB2312 one laid out in tables with <br>s
    assert read_report(FORMATS / name).text == text_of(name.replace(".html", ".txt"))


def test_navigation_breadcrumbs_related_links_and_footer_are_left_out() -> None:
    text = read_report(FORMATS / "pingtan-2020.html").text
    for outside in ("当前位置", "相关文章", "主办单位", "网站标识码", "分享到", "打印本页", "走进"):
        assert outside not in text


def test_real_page_keeps_its_tables_as_rows_with_spanned_cells_once() -> None:
    lines = read_report(FORMATS / "pingtan-2023.html").text.split("\n")
    assert "三、本年度办理结果 | （一）予以公开 | 22 | 0 | 0 | 0 | 0 | 0 | 22" in lines
    # the next row of the 22-row span has no cell for it
    assert (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 19 | 1 | 0 | 0 | 0 | 0 | 20"
        in lines
    )


def test_rowspan_and_colspan_cells_stand_once_in_the_row_they_start() -> None:
    table = (
        "<table><tr><td rowspan='2'>行政复议</td><td colspan='2'>结果</td></tr>"
        "<tr><td>维持</td><td>纠正</td></tr><tr><td>件数</td><td>1</td><td>0</td></tr>"
        "<tr><td></td><td>2</td><td>3</td></tr><tr><td> </td><td></td><td></td></tr></table>"
    )
    lines = lines_of(page(f"{ARTICLE}{table}"))
    assert lines[-4:] == ["行政复议 | 结果", "维持 | 纠正", "件数 | 1 | 0", "| 2 | 3"]


def test_cell_text_is_one_line_and_its_separators_are_kept_out() -> None:
    table = "<table><tr><td><p>三、本年度</p><p>办理结果</p></td><td>a|b</td></tr></table>"
    assert lines_of(page(f"{ARTICLE}{table}"))[-1] == "三、本年度办理结果 | a¦b"


def test_line_breaks_between_chinese_characters_are_dropped_not_made_spaces() -> None:
    body = f"{ARTICLE}<p>{PARAGRAPH[:20]}\n   {PARAGRAPH[20:]}</p><p>open\ngovernment 公开</p>"
    assert lines_of(page(body))[-2:] == [PARAGRAPH, "open government 公开"]


def test_br_separated_paragraphs_in_one_cell_are_lines() -> None:
    cell = "<br>".join(f"&nbsp;&nbsp;{i}、{PARAGRAPH}" for i in range(1, 4))
    layout = f"<table><tr><td class='left'><a href='/a'>栏目</a></td><td>{cell}</td></tr></table>"
    lines = lines_of(page(layout))
    assert lines == [f"{i}、{PARAGRAPH}" for i in range(1, 4)]


def test_shown_title_outside_the_article_is_put_first_once() -> None:
    title = "某某县2023年政府信息公开工作年度报告"
    head = f"<title>{title}_年报_某某县人民政府</title>"
    shown = f"<h1 class='title'>{title}</h1><div class='info'>来源：某某县政府办</div>"
    assert lines_of(page(ARTICLE, head=head, around=shown)) == [title, PARAGRAPH, PARAGRAPH]
    inside = page(f"<p>{title}</p>{ARTICLE}", head=head, around=shown)
    assert lines_of(inside) == [title, PARAGRAPH, PARAGRAPH]
    # a <title> the page does not show (a site name only) is not taken for the report's
    untitled = page(ARTICLE, head="<title>某某县人民政府</title>")
    assert lines_of(untitled) == [PARAGRAPH, PARAGRAPH]


def test_hidden_elements_scripts_and_forms_are_not_text() -> None:
    body = (
        f"{ARTICLE}<p style='display: none'>隐藏的文字不应出现在报告里，无论它有多长，多长。</p>"
        "<script>var s = '脚本里的文字，脚本里的文字，脚本里的文字，脚本里的文字';</script>"
        "<select><option>选项一</option></select>"
    )
    assert lines_of(page(body)) == [PARAGRAPH, PARAGRAPH]


def test_article_is_found_among_long_link_lists_and_footers() -> None:
    links = "".join(
        f"<li><a href='/{i}'>某某县关于做好2023年政务公开重点工作的通知（第{i}号文件）</a></li>"
        for i in range(30)
    )
    around = f"<div class='list'><ul>{links}</ul></div>"
    assert lines_of(page(ARTICLE, around=around)) == [PARAGRAPH, PARAGRAPH]


@pytest.mark.parametrize(
    ("declared", "encoding"),
    [("gb2312", "gb18030"), ("GBK", "gbk"), ("utf-8", "gbk"), (None, "gb18030"), (None, "utf-8")],
)
def test_page_is_decoded_by_its_declared_charset_or_a_strict_try(
    declared: str | None, encoding: str
) -> None:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">'
    html = f"<html><head>{meta if declared else ''}</head><body>{ARTICLE}</body></html>"
    assert lines_of(html.encode(encoding)) == [PARAGRAPH, PARAGRAPH]


def test_page_in_no_encoding_it_could_be_is_refused() -> None:
    data = b"<html><body><p>" + bytes(range(0x80, 0x100)) * 3 + b"</p></body></html>"
    with pytest.raises(InputError, match=r"^t\.html: is an HTML page whose bytes are not valid"):
        html_text(data, "t.html")


def test_page_without_a_report_body_is_refused_with_one_line() -> None:
    links = "".join(
        f"<li><a href='/{i}'>某某县2023年政府信息公开工作年度报告</a></li>" for i in range(9)
    )
    data = page(f"<ul>{links}</ul>")
    with pytest.raises(InputError) as excinfo:
        html_text(data, "list.html")
    assert str(excinfo.value) == (
        "list.html: is an HTML page without a report body "
        "(no paragraphs of text outside navigation)"
    )
