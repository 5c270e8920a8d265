"""The gov_statistics component: figures of the prose and the tables, one Statistic each.

The component runs in a pipeline of its own (document numbers + statistics), so
these tests do not depend on the other components.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
import spacy
from samples import CORPUS, SAMPLES, gold_for
from spacy.language import Language

from extract.assemble import doc_to_record
from extract.components import document_numbers, statistics  # noqa: F401  (registers)
from extract.ingest import read_report
from extract.records import Statistic


@pytest.fixture(scope="module")
def figures_nlp() -> Language:
    config = {
        "nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "char"}}
    }
    nlp = spacy.blank("zh", config=config)
    nlp.add_pipe("gov_document_numbers")
    nlp.add_pipe("gov_statistics")
    return nlp


def stats(nlp: Language, text: str) -> tuple[Statistic, ...]:
    return doc_to_record(nlp(text), source_file="t.txt", sha256="").statistics


def figures(nlp: Language, text: str) -> list[tuple[float, str]]:
    return [(float(s.value), s.unit) for s in stats(nlp, text)]


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_figures_are_the_gold_figures(figures_nlp: Language, name: str) -> None:
    found = Counter(figures(figures_nlp, read_report(CORPUS / name).text))
    gold = Counter(
        (float(e["value"]), e["unit"])
        for e in gold_for(name)["entities"]
        if e["type"] == "Statistic"
    )
    assert found == gold


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_measure_codes_are_the_gold_codes(figures_nlp: Language, name: str) -> None:
    found = Counter(
        (float(s.value), s.measure_code)
        for s in stats(figures_nlp, read_report(CORPUS / name).text)
        if s.measure_code
    )
    gold = Counter(
        (float(e["value"]), e["measure_code"])
        for e in gold_for(name)["entities"]
        if e["type"] == "Statistic" and e.get("measure_code")
    )
    assert gold - found == Counter()


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("2012年共主动公开政府信息105.95万余条（卷）。", 1059500, "条"),
        ("全市政府系统共受理信息公开申请1.39万余件。", 13900, "件"),
        ("全年发放“明白卡”600余万张。", 6000000, "张"),
        ("免费赠阅《某市人民政府公报》84 万余份。", 840000, "份"),
        ("办结率达到百分之八十。", 80, "%"),
        ("办结率87.64％。", Decimal("87.64"), "%"),
        ("共召开新闻发布会十二场。", 12, "场"),
        ("开展培训两次。", 2, "次"),
        ("提供档案6451宗（次）。", 6451, "宗"),
        ("收取费用1.5万元。", 15000, "元"),
        ("下拨资金1.2亿元。", 120000000, "元"),
        ("参与人数达1045万，反响良好。", 10450000, "人"),
        ("网站访问量达120万人次。", 1200000, "人次"),
        ("全年共公开信息１２３４条。", 1234, "条"),
        ("设立查阅点1,230个。", 1230, "个"),
        ("公开率提高3.5个百分点。", Decimal("3.5"), "个百分点"),
        ("累计培训近千人。", 1000, "人"),
    ],
)
def test_figure_value_and_unit(figures_nlp: Language, text: str, value: object, unit: str) -> None:
    assert figures(figures_nlp, text) == [(float(str(value)), unit)]


@pytest.mark.parametrize(
    "text",
    [
        "2012年5月24日召开会议。",  # a date
        "申请人应在15个工作日内补正，我局在20日内答复。",  # time limits
        "用时3个多月完成清理。",  # a duration
        "按照《条例》第十三条规定办理。",  # an article number
        "召开县政府第12次常务会议。",  # an ordinal
        "（一）主动公开情况。1.加强领导。",  # section numbers
        "电话：0591-23165370；邮编：350400；电子邮箱：abc@163.com。",  # contact details
        "地址：商务营运中心7号楼14层。",  # an address
        "依据《国务院办公厅关于做好政府信息公开工作的通知》（国办发〔2016〕19号）。",
        "推进决策、执行、管理、服务和结果“五公开”，开通“12345”热线。",  # names
        "落实中央八项规定精神，推行行政执法三项制度。",  # names containing counts
        "制定《支持企业应对疫情二十条措施》。",  # a count inside a title
        "全文包括工作概述、存在的问题等六个部分。",  # the report's own parts
        "主要表现在以下3个方面。",  # a pointer at a list
        "各栏目每季度至少更新1次。",  # a frequency
        "全年未收取任何费用，未发生行政诉讼案件。",  # no numeral
        "一是统一思想，二是进一步规范流程。",  # ordinal words and words with 一
        "支持5G网络和H5页面建设。",  # numbers inside codes
    ],
)
def test_what_is_not_a_statistic(figures_nlp: Language, text: str) -> None:
    assert figures(figures_nlp, text) == []


@pytest.mark.parametrize(
    ("text", "approximate"),
    [
        ("公开信息4.8万余条。", True),
        ("开展活动20多次。", True),
        ("公开信息近3000条。", True),
        ("公开信息约3000条。", True),
        ("办件量超过400万件。", True),
        ("公开信息3000条以上。", True),
        ("培训100人左右。", True),
        ("公开信息3000条。", False),
        ("节约3000元。", False),
    ],
)
def test_approximation_markers(figures_nlp: Language, text: str, approximate: bool) -> None:
    assert [s.approximate for s in stats(figures_nlp, text)] == [approximate]


def codes(nlp: Language, text: str) -> list[tuple[float, str | None]]:
    return [(float(s.value), s.measure_code) for s in stats(nlp, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2010年，全县共主动公开政府信息3256条，其中通过县政府门户网站公开2890条。",
            [(3256, "proactive_total"), (2890, None)],
        ),
        (
            "全年共受理政府信息公开申请47件，其中当面申请21件。已答复47件，"
            "其中同意公开39件，同意部分公开3件，不予公开2件，信息不存在1件，非本机关掌握2件，"
            "申请内容不明确1件。",
            [
                (47, "applications_received"),
                (21, None),
                (47, "applications_answered"),
                (39, "granted"),
                (3, "partially_granted"),
                (2, "not_granted"),
                (1, "not_exist"),
                (2, "not_held"),
                (1, "unclear"),
            ],
        ),
        ("全年共收取检索、复制费用120元，减免费用30元。", [(120, "fees"), (30, None)]),
        (
            "我市共召开新闻发布会900余场，其中市政府召开新闻发布会68场，副市长出席9人次。",
            [(900, "press_conferences"), (68, "press_conferences"), (9, None)],
        ),
        (
            "因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。",
            [(2, "reconsiderations"), (7, "lawsuits")],
        ),
        (
            "在已答复的申请中，同意公开、部分公开和不予公开的分别为30件、5件和2件。",
            [(30, "granted"), (5, "partially_granted"), (2, "not_granted")],
        ),
        (
            "办结依申请公开81件，其中：予以公开及部分公开42件。",
            [(81, "applications_answered"), (42, None)],
        ),
        ("各省税务局共受理申请1.2万件。", [(12000, None)]),
        ("93件政府信息公开申请均已全部答复。", [(93, "applications_answered")]),
        ("全年通过区政府门户网站主动公开政府信息6789条。", [(6789, "proactive_total")]),
        (
            "全市共主动公开政府信息12万余条，其中市政府及市直部门主动公开政府信息4.5万条。",
            [(120000, "proactive_total"), (45000, None)],
        ),
        (
            "重庆市政府公开信箱共收到群众来信12.47万件，办结信件10.92万件。",
            [(124700, None), (109200, None)],
        ),
        ("主动公开信息数量：1234条。", [(1234, "proactive_total")]),
        ("重点民生领域公开信息1654条。", [(1654, None)]),
    ],
)
def test_measure_codes(
    figures_nlp: Language, text: str, expected: list[tuple[int, str | None]]
) -> None:
    assert codes(figures_nlp, text) == [(float(v), c) for v, c in expected]


def test_a_repeated_figure_is_one_statistic(figures_nlp: Language) -> None:
    text = "档案馆公布档案80.62万余卷。市档案馆向社会开放档案80.62万卷。"
    found = stats(figures_nlp, text)
    assert len(found) == 1 and len(found[0].mentions) == 2 and found[0].approximate


def test_equal_figures_that_measure_different_things_stay_two(figures_nlp: Language) -> None:
    text = "共收到政府信息公开申请93件。93件政府信息公开申请均已全部答复。"
    assert codes(figures_nlp, text) == [
        (93, "applications_received"),
        (93, "applications_answered"),
    ]


def test_equal_round_figures_of_different_things_stay_two(figures_nlp: Language) -> None:
    text = "全年主动公开招标公告1万余条。全年公开环保信息1万余条。"
    assert len(stats(figures_nlp, text)) == 2


def test_prose_and_table_figure_of_one_measure_is_one_statistic(figures_nlp: Language) -> None:
    text = (
        "2021年共收到政府信息公开申请37件，动态更新本年度制发的规范性文件12件。\n"
        "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n"
        "行政规范性文件 | 12 | 3 | 86\n"
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 35 | 0 | 0 | 0 | 0 | 2 | 37\n"
    )
    found = stats(figures_nlp, text)
    assert sorted(float(s.value) for s in found) == [3, 12, 37, 86]
    assert all(len(s.mentions) == 2 for s in found if s.value in {12, 37})


def test_prose_figure_with_other_wording_than_the_column_stays_apart(
    figures_nlp: Language,
) -> None:
    text = (
        "全年清理规范性文件12件。\n第二十条第（一）项\n"
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n行政规范性文件 | 12 | 3 | 86\n"
    )
    assert [len(s.mentions) for s in stats(figures_nlp, text) if s.value == 12] == [1, 1]


def test_share_after_a_figure_takes_its_measure(figures_nlp: Language) -> None:
    found = stats(figures_nlp, "网络申请98件，占77.8%。")
    assert [s.measure for s in found] == ["网络申请", "网络申请占比"]


def test_mentions_point_at_the_figure(figures_nlp: Language) -> None:
    text = "2016年，全市主动公开政府信息121.1万条。"
    (found,) = stats(figures_nlp, text)
    assert [m.text for m in found.mentions] == ["121.1万条"]
    assert text[found.mentions[0].start : found.mentions[0].end] == "121.1万条"


def test_a_run_of_hundreds_of_digits_is_not_a_figure() -> None:
    from extract.pipeline import extract_text

    record = extract_text("全年共" + "1" * 500 + "件。", source_file="x.txt")
    assert record.statistics == ()
