"""Report facts: title, region, year and publisher, on the samples and on edge cases."""

from __future__ import annotations

import pytest
from samples import CORPUS, SAMPLES, gold_for

from extract.agency_names import expand_agency_name, leading_region
from extract.normalize import normalize_label
from extract.pipeline import extract_file, extract_text
from extract.records import Entity, ReportRecord


def publisher_of(record: ReportRecord) -> Entity | None:
    """The publisher's Agency entity, which the record refers to by label."""
    return next((e for e in record.entities if e.ref == record.publisher), None)


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_report_facts_equal_gold(name: str) -> None:
    record = extract_file(CORPUS / name)
    gold = gold_for(name)["report"]
    assert normalize_label(record.title) == normalize_label(gold["title"])
    assert record.region == gold["region"]
    assert record.year == gold["year"]
    publisher = publisher_of(record)
    assert publisher is not None
    names = {publisher.label, *publisher.aliases}
    assert gold["publisher"] in names


def test_title_split_over_two_lines_is_joined() -> None:
    record = extract_text(
        "平潭综合实验区2020年\n政府信息公开工作年度报告\n正文。", source_file="x.txt"
    )
    assert record.title == "平潭综合实验区2020年政府信息公开工作年度报告"
    assert record.year == 2020


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "本报告由安吉县人民政府办公室编制。2019年全县主动公开信息100条。",
            "安吉县2019年政府信息公开工作年度报告",
        ),
        (
            "本报告由长沙市教育局编制。2019年，我局主动公开信息100条。",
            "长沙市教育局2019年政府信息公开工作年度报告",
        ),
    ],
)
def test_without_a_title_line_the_standard_title_is_formed_from_the_facts(
    text: str, title: str
) -> None:
    assert extract_text(text, source_file="x.txt").title == title


def test_without_a_title_line_the_file_name_gives_title_and_year() -> None:
    record = extract_text("今年我们做了很多工作。", source_file="haidian-2019.txt")
    assert record.title == "haidian-2019"
    assert record.year == 2019
    assert record.region is None


def test_publisher_is_the_compiling_body_expanded_against_the_region() -> None:
    text = "重庆市2016年政府信息公开工作年度报告\n本报告根据《条例》要求，由市政府办公厅编制。"
    publisher = publisher_of(extract_text(text, source_file="x.txt"))
    assert publisher is not None
    assert publisher.label == "重庆市人民政府办公厅"
    assert publisher.aliases == ("市政府办公厅",)
    (mention,) = publisher.mentions
    assert text[mention.start : mention.end] == "市政府办公厅"


def test_contact_unit_is_the_publisher_when_no_body_compiled_it() -> None:
    text = "某县2021年政府信息公开工作年度报告\n如有疑问，请与某县人民政府办公室联系。"
    publisher = publisher_of(extract_text(text, source_file="x.txt"))
    assert publisher is not None and publisher.label == "某县人民政府办公室"


def test_a_subject_that_is_not_an_agency_is_not_a_publisher() -> None:
    text = "某市2021年政府信息公开工作年度报告\n本报告由我们编制。"
    assert extract_text(text, source_file="x.txt").publisher is None


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("重庆市2012年政府信息公开工作年度报告", "重庆市"),
        ("平潭综合实验区2020年政府信息公开工作年度报告", "平潭综合实验区"),
        ("北京市海淀区2019年政府信息公开工作年度报告", "北京市海淀区"),
        ("重庆市人民政府办公厅2016年政府信息公开工作年度报告", "重庆市"),
        ("重庆市城市管理局2016年政府信息公开工作年度报告", "重庆市"),
        ("广西壮族自治区2018年政府信息公开工作年度报告", "广西壮族自治区"),
    ],
)
def test_region_is_the_run_of_area_names_at_the_head_of_the_title(name: str, region: str) -> None:
    assert leading_region(name) == region


@pytest.mark.parametrize(
    ("surface", "region", "full"),
    [
        ("市政府办公厅", "重庆市", "重庆市人民政府办公厅"),
        ("市政府", "重庆市", "重庆市人民政府"),
        ("平潭综合实验区管委会办公室", "平潭综合实验区", "平潭综合实验区管理委员会办公室"),
        (
            "区政府信息公开工作领导小组办公室",
            "平潭综合实验区",
            "平潭综合实验区政府信息公开工作领导小组办公室",
        ),
    ],
)
def test_short_agency_names_are_expanded(surface: str, region: str, full: str) -> None:
    assert expand_agency_name(surface, region) == full


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "当前位置：首页 > 政务公开 > 某县2019年政府信息公开工作年度报告\n正文。",
            "某县2019年政府信息公开工作年度报告",
        ),
        (
            "标题：长沙市教育局2019年政府信息公开工作年度报告 发布时间：2020-01-15\n正文。",
            "长沙市教育局2019年政府信息公开工作年度报告",
        ),
        ("2016年度某市政府信息公开工作年度报告\n正文。", "2016年度某市政府信息公开工作年度报告"),
        (
            "关于某县2010年政府信息公开工作的年度报告\n正文。",
            "关于某县2010年政府信息公开工作的年度报告",
        ),
        (
            "某市政府信息公开工作年度报告（2015年度）\n正文。",
            "某市政府信息公开工作年度报告（2015年度）",
        ),
        ("某县\n2011年政府信息公开\n工作年度报告\n正文。", "某县2011年政府信息公开工作年度报告"),
    ],
)
def test_title_is_found_among_page_debris_and_in_its_many_shapes(text: str, title: str) -> None:
    assert extract_text(text, source_file="x.txt").title == title


def test_a_sentence_naming_the_report_is_not_its_title() -> None:
    text = "现将2016年政府信息公开工作年度报告公布如下：\n一、概述"
    assert extract_text(text, source_file="y.txt").title == "y"


def test_without_a_title_the_statistics_period_gives_the_year() -> None:
    text = "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。2019年相比……"
    assert extract_text(text, source_file="report.txt").year == 2020


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the body named at the head of a sentence that says it compiled the report
        (
            "某县2019年政府信息公开工作年度报告\n某县人民政府办公室根据《条例》要求编制本报告。",
            "某县人民政府办公室",
        ),
        # the signature at the end
        (
            "某县2019年政府信息公开工作年度报告\n一、概述\n正文。\n某县人民政府办公室\n2020年1月20日",
            "某县人民政府办公室",
        ),
        # the body the title names
        ("长沙市教育局2019年政府信息公开工作年度报告\n一、总体情况\n正文。", "长沙市教育局"),
        # 由X会同…编制: the name ends where the organ's name ends
        (
            "某市2012年政府信息公开工作年度报告\n本报告由某市人民政府办公厅会同各部门汇总编制。",
            "某市人民政府办公厅",
        ),
    ],
)
def test_publisher_is_found_however_the_report_says_it(text: str, label: str) -> None:
    publisher = publisher_of(extract_text(text, source_file="x.txt"))
    assert publisher is not None and publisher.label == label
