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
