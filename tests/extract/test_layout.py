"""repair_layout on the real sample reports and on small synthetic layouts."""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

import pytest

from extract.layout import repair_layout

CORPUS = Path(__file__).parents[1] / "data" / "corpus"
SAMPLES = sorted(p.name for p in CORPUS.glob("*.txt"))
# A heading or list marker at the start of a line: 一、 （一） 1． …
_MARKER = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9０-９]+[．.、]")


def _repaired(name: str) -> str:
    return repair_layout((CORPUS / name).read_text(encoding="utf-8"))


def _wrap(text: str, width: float, indent: str = "") -> list[str]:
    """Wrap like a PDF extractor: fill each line up to *width* CJK columns."""
    lines, line = [], indent
    for char in text:
        if _width(line + char) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line]


def _width(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


# --- the real samples ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "chongqing-2012.txt",
            "《国务院办公厅关于印发2012年政府信息公开重点工作安排的通知》（国办发〔2012〕26号）",
        ),
        ("chongqing-2012.txt", "（渝办发〔2012〕194号）"),
        ("chongqing-2012.txt", "“重庆市人民政府网站”（www.cq.gov.cn）上下载。"),
        ("chongqing-2012.txt", "市级媒体对发布会的情况均进行了报道。"),  # across a page break
        ("chongqing-2016.txt", "（国办发〔2016〕19号）"),
        ("chongqing-2016.txt", "（渝府发〔2016〕63号）"),
        ("chongqing-2016.txt", "（渝府办发〔2016〕238号）"),
        ("chongqing-2016.txt", "依托“重庆就业网”“重庆市就业局”微信公众号"),  # across a page break
        ("chongqing-2016.txt", "共收到群众来信12.47万件，办结信件10.92万件"),  # across a page break
        ("chongqing-2016.txt", "开通“cqhkql@163.com”举报邮箱"),
    ],
)
def test_text_wrapped_across_lines_and_pages_is_contiguous(name: str, expected: str) -> None:
    assert expected in _repaired(name)


@pytest.mark.parametrize(
    ("name", "headings"),
    [
        (
            "chongqing-2012.txt",
            [
                "一、\xa0工作开展情况",
                "二、主动公开政府信息情况",
                "三、依申请公开政府信息情况",
                "四、政府信息公开的收费及减免情况",
                "五、因政府信息公开提起行政复议、诉讼的情况",
                "六、存在的主要问题和改进措施",
            ],
        ),
        (
            "chongqing-2016.txt",
            [
                "一、政务公开工作概述",
                "二、主动公开政府信息情况",
                "三、政府信息依申请公开情况",
                "四、存在的主要问题和改进措施",
            ],
        ),
    ],
)
def test_top_level_headings_are_lines_of_their_own(name: str, headings: list[str]) -> None:
    lines = _repaired(name).split("\n")
    assert [line for line in lines if re.match(r"[一二三四五六]、", line)] == headings


def test_sub_headings_of_2012_stay_apart_from_their_paragraphs() -> None:
    lines = _repaired("chongqing-2012.txt").split("\n")
    for heading in ("（一）申请情况", "（二）申请处理情况"):
        assert heading in lines
        assert lines[lines.index(heading) + 1][0] not in "（一二三"


@pytest.mark.parametrize("name", ["chongqing-2012.txt", "chongqing-2016.txt"])
def test_every_paragraph_of_a_wrapped_report_is_a_whole_sentence_run(name: str) -> None:
    # A line that is not a heading ends a paragraph, so it ends a sentence; and a heading
    # line never carries the paragraph after it (it would end with 。 then).
    for line in _repaired(name).split("\n"):
        is_heading = len(line) <= 25 and (_MARKER.match(line) or "年度报告" in line)
        assert is_heading or line[-1] in "。！：", line
        if is_heading:
            assert line[-1] not in "。！：", line


@pytest.mark.parametrize("name", ["chongqing-2012.txt", "chongqing-2016.txt"])
def test_wrapped_report_keeps_every_character_but_layout_whitespace(name: str) -> None:
    raw = (CORPUS / name).read_text(encoding="utf-8")
    squeeze = re.compile(r"[\s\xa0\u3000]")
    assert squeeze.sub("", repair_layout(raw)) == squeeze.sub("", raw)


@pytest.mark.parametrize("name", ["pingtan-2020.txt", "pingtan-2023.txt"])
def test_report_with_one_paragraph_per_line_is_unchanged_but_stripped(name: str) -> None:
    raw = (CORPUS / name).read_text(encoding="utf-8")
    expected = "\n".join(line.strip() for line in raw.split("\n") if line.strip())
    assert repair_layout(raw) == expected


@pytest.mark.parametrize("name", SAMPLES)
def test_repair_is_idempotent(name: str) -> None:
    once = _repaired(name)
    assert repair_layout(once) == once


@pytest.mark.parametrize("name", SAMPLES)
def test_output_lines_are_stripped_and_never_blank(name: str) -> None:
    for line in _repaired(name).split("\n"):
        assert line and line == line.strip(" \t\xa0\u3000")


# --- synthetic layouts -----------------------------------------------------------------

PARAGRAPH = (
    "2016年，我市全面贯彻党的十八大和十八届三中、四中、五中、六中全会精神，深入贯彻习近平"
    "总书记系列重要讲话，认真落实《国务院办公厅关于印发2016年政务公开工作要点的通知》"
    "（国办发〔2016〕19号）有关要求，进一步细化政务公开工作任务，加大公开力度，不断增强"
    "公开实效，切实保障人民群众知情权、参与权、表达权和监督权。"
)


def test_wrapped_paragraph_is_rejoined() -> None:
    assert repair_layout("\n".join(_wrap(PARAGRAPH, 24, indent="\u3000\u3000"))) == PARAGRAPH


@pytest.mark.parametrize(
    "page_mark",
    ["3", "- 3 -", "— 3 —", "－3－", "第3页", "第 3 页 共 10 页", "共10页 第3页", "3/10", "Page 3"],
)
def test_page_number_lines_and_form_feeds_are_dropped(page_mark: str) -> None:
    lines = _wrap(PARAGRAPH, 24)
    text = "\n".join([*lines[:2], "", f"  {page_mark}  ", "\f", "", *lines[2:]])
    assert repair_layout(text) == PARAGRAPH


def test_form_feed_inside_a_line_is_a_line_break() -> None:
    lines = _wrap(PARAGRAPH, 24)
    text = "\n".join([*lines[:2], lines[2] + "\f" + lines[3], *lines[4:]])
    assert repair_layout(text) == PARAGRAPH


def test_url_wrapped_between_latin_letters_is_joined_without_space() -> None:
    sentence = (
        PARAGRAPH + "电子文本可在http://www.cq.gov.cn/zwgk/zfxxgkml/index.html下载。" + PARAGRAPH
    )
    lines = _wrap(sentence, 24)
    assert any(a[-1].isascii() and b[0].isascii() for a, b in itertools.pairwise(lines))
    assert repair_layout("\n".join(lines)) == sentence


def test_number_at_line_start_continues_the_paragraph() -> None:
    # "1.5万" starts with a digit and a dot but is not a list item.
    text = "\n".join(
        [
            "\u3000\u30002012年，该平台共公布信息4.8万余条。其中市政府主动公开政府信息",
            "1.5万余条，各区县（自治县）政府、市政府各部、有关单位主动公开政府信息",
            "3.3万余条，各区县（自治县）政府、市政府各部、有关单位主动公开政府信息。",
        ]
    )
    assert repair_layout(text).count("\n") == 0


@pytest.mark.parametrize(
    "marker",
    ["一、", "（一）", "(二)", "1.", "1、", "２．", "（1）", "①", "第一章 ", "第二节 ", "表1 "],
)
def test_list_item_or_heading_after_a_full_line_starts_a_new_line(marker: str) -> None:
    full_lines = _wrap(PARAGRAPH, 24)[:-1]  # the last line of a wrap is short: drop it
    item = marker + "扎实推进重点领域信息公开。" + PARAGRAPH
    text = "\n".join([*full_lines, *_wrap(item, 24)])
    assert repair_layout(text).split("\n") == ["".join(full_lines), item]


def test_short_heading_is_not_joined_to_the_paragraph_after_it() -> None:
    blocks = ["一、总体情况", PARAGRAPH, "（一）主动公开", PARAGRAPH]
    text = "\n".join(line for block in blocks for line in _wrap(block, 24))
    assert repair_layout(text).split("\n") == blocks


def test_list_items_stay_apart_from_each_other() -> None:
    items = [f"{n}．扎实推进第{n}项重点领域信息公开。" + PARAGRAPH[:60] for n in range(1, 6)]
    text = "\n".join(line for item in items for line in _wrap(item, 24))
    assert repair_layout(text).split("\n") == items


def test_indented_line_after_a_full_line_starts_a_new_paragraph() -> None:
    lines = _wrap(PARAGRAPH, 24)
    text = "\n".join([*lines, *_wrap(PARAGRAPH, 24, indent="\xa0 \xa0 ")])
    assert repair_layout(text).split("\n") == [PARAGRAPH, PARAGRAPH]


@pytest.mark.parametrize(
    "row",
    [
        "行政许可 | 396 | 442 | 278 | 行政处罚 | 2648 | -18 | 538",
        "行政许可\t396\t442\t278",
        "行政许可    396    442    278",
    ],
)
def test_table_row_is_not_joined_to_its_neighbours(row: str) -> None:
    lines = _wrap(PARAGRAPH, 24)
    text = "\n".join([*lines[:-1], lines[-1] + "全年发布", row, row, "情况如下。"])
    out = repair_layout(text).split("\n")
    assert out[-3:] == [row.strip(), row.strip(), "情况如下。"]


def test_text_that_is_not_width_wrapped_is_not_joined() -> None:
    lines = ["重庆市2016年政府信息公开工作年度报告", "一、总体情况", "本年度共公开信息。", "无"]
    assert repair_layout("\n\n".join(lines)) == "\n".join(lines)


def test_column_of_bare_numbers_is_kept_not_taken_for_page_numbers() -> None:
    text = "行政许可\n396\n442\n278\n行政处罚\n12\n"
    assert repair_layout(text) == "行政许可\n396\n442\n278\n行政处罚"


def test_lines_are_stripped_of_nbsp_and_full_width_spaces() -> None:
    text = "\u3000\u3000一、总体情况\xa0\n\xa0 \xa0 本年度共公开信息。\u3000 \n\t \n"
    assert repair_layout(text) == "一、总体情况\n本年度共公开信息。"
