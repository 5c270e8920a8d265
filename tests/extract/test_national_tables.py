"""The statistics tables of the national format, in every layout a report reaches us in."""

from __future__ import annotations

from decimal import Decimal

import pytest
from samples import CORPUS

from extract.ingest import read_report
from extract.legacy_tables import read_legacy_tables
from extract.national_cells import TableCell
from extract.national_tables import read_tables

Cell = tuple[Decimal, str, str | None]


def cells(text: str) -> list[Cell]:
    return [(c.value, c.unit, c.code) for c in read_tables(text).figures]


TABLE3_ROWS = [
    ("一、本年新收政府信息公开申请数量", [35, 0, 0, 0, 0, 2, 37]),
    ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
    ("三、本年度办理结果 （一）予以公开", [20, 0, 0, 0, 0, 1, 21]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [3, 0, 0, 0, 0, 0, 3]),
    ("（三）不予公开 1.属于国家秘密", [0, 0, 0, 0, 0, 0, 0]),
    ("4.保护第三方合法权益", [2, 0, 0, 0, 0, 0, 2]),
    ("（四）无法提供 1.本机关不掌握相关政府信息", [5, 0, 0, 0, 0, 1, 6]),
    ("2.没有现成信息需要另行制作", [0, 0, 0, 0, 0, 0, 0]),
    ("3.补正后申请内容仍不明确", [1, 0, 0, 0, 0, 0, 1]),
    ("（五）不予处理 2.重复申请", [0, 0, 0, 0, 0, 0, 0]),
    ("（七）总计", [36, 0, 0, 0, 0, 2, 38]),
    ("四、结转下年度继续办理", [0, 0, 0, 0, 0, 0, 0]),
]
EXPECTED_TABLE3: list[Cell] = [
    (Decimal(37), "件", "applications_received"),
    (Decimal(1), "件", None),
    (Decimal(21), "件", "granted"),
    (Decimal(3), "件", "partially_granted"),
    (Decimal(2), "件", "not_granted"),
    (Decimal(6), "件", "not_held"),
    (Decimal(0), "件", "not_exist"),
    (Decimal(1), "件", "unclear"),
    (Decimal(38), "件", "applications_answered"),
]
HEADING3 = "三、收到和处理政府信息公开申请情况"


def table3(separator: str) -> str:
    rows = [label + separator + separator.join(map(str, values)) for label, values in TABLE3_ROWS]
    return "\n".join([HEADING3, *rows])


@pytest.mark.parametrize("separator", [" | ", " ", "\t", "  "])
def test_table3_gives_the_total_column_whatever_the_separator(separator: str) -> None:
    assert cells(table3(separator)) == EXPECTED_TABLE3


def test_table3_with_one_cell_per_line() -> None:
    lines = [HEADING3]
    for label, values in TABLE3_ROWS:
        lines += [label, *map(str, values)]
    assert cells("\n".join(lines)) == EXPECTED_TABLE3


def test_table3_flattened_into_one_line() -> None:
    assert cells(table3(" ").replace("\n", " ")) == EXPECTED_TABLE3


def test_glued_digit_runs_are_split_only_when_the_total_allows_one_reading() -> None:
    text = "\n".join(
        [
            HEADING3,
            "一、本年新收政府信息公开申请数量200000121",  # 20|0|0|0|0|1|21
            "（一）予以公开220000022",  # 22|0|…|22 or 2|20|0|…|22: left out
            "（七）总计200000121",
        ]
    )
    assert cells(text) == [
        (Decimal(21), "件", "applications_received"),
        (Decimal(21), "件", "applications_answered"),
    ]


def test_zero_cells_are_kept_only_where_they_carry_a_code() -> None:
    found = cells(table3(" | "))
    assert (Decimal(0), "件", "not_exist") in found
    assert all(value != 0 for value, _, code in found if code in {None, "not_granted"})


TABLE4 = """四、政府信息公开行政复议、行政诉讼情况
行政复议 | 行政诉讼
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
{row}
 |  |  |  |  |  |  |  |  |  |  |  |  |  | """


@pytest.mark.parametrize(
    "row",
    [
        "2 | 0 | 0 | 1 | 3 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0",
        "2 0 0 1 3 1 0 0 0 1 0 0 0 0 0",
        "200131000100000",
    ],
)
def test_table4_gives_non_zero_cells_and_coded_totals(row: str) -> None:
    assert cells(TABLE4.format(row=row)) == [
        (Decimal(2), "件", None),
        (Decimal(1), "件", None),
        (Decimal(3), "件", "reconsiderations"),
        (Decimal(1), "件", None),
        (Decimal(1), "件", "lawsuits"),
        (Decimal(0), "件", "lawsuits"),
    ]


TABLE2_2019 = """二、主动公开政府信息情况
第二十条第（一）项
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
规章 | 0 | 0 | 7
规范性文件 | 12 | 12 | 86
第二十条第（八）项
信息内容 | 上一年项目数量 | 本年增/减
行政事业性收费 | 35 | -15
第二十条第（九）项
信息内容 | 采购项目数量 | 采购总金额
政府集中采购 | 12 | 356.5万元"""

TABLE2_2021 = """第二十条第（五）项
信息内容 | 本年处理决定数量
行政许可 | 2629
第二十条第（八）项
信息内容 | 本年收费金额（单位：万元）
行政事业性收费 | 5949.088667"""


def test_table2_cells_take_the_units_of_their_columns() -> None:
    assert cells(TABLE2_2019) == [
        (Decimal(7), "件", None),
        (Decimal(12), "件", None),
        (Decimal(12), "件", None),
        (Decimal(86), "件", None),
        (Decimal(35), "项", None),
        (Decimal(-15), "项", None),
        (Decimal(12), "项", None),
        (Decimal(3565000), "元", None),
    ]


def test_table2_money_in_wan_yuan_is_recorded_in_yuan() -> None:
    assert cells(TABLE2_2021) == [
        (Decimal(2629), "件", None),
        (Decimal("59490886.67"), "元", None),
    ]


def test_table2_measures_name_row_and_column() -> None:
    measures = [c.measure for c in read_tables(TABLE2_2019).figures]
    assert measures[:2] == ["规章对外公开总数量", "规范性文件本年新制作数量"]


def test_cell_spans_point_at_the_digits() -> None:
    text = TABLE2_2019
    for cell in read_tables(text).cells:
        assert text[cell.start : cell.end].lstrip("-").replace(".", "").isdigit()


def test_table_lines_are_reported_so_prose_skips_them() -> None:
    scan = read_tables(table3(" | "))
    assert len(scan.lines) == len(TABLE3_ROWS)


@pytest.mark.parametrize("name", ["pingtan-2020.txt", "pingtan-2023.txt"])
def test_sample_tables_give_their_coded_rows(name: str) -> None:
    text = read_report(CORPUS / name).text
    coded = {c.code for c in read_tables(text).figures if c.code}
    assert coded == {
        "applications_received",
        "granted",
        "partially_granted",
        "not_held",
        "not_exist",
        "unclear",
        "applications_answered",
        "reconsiderations",
        "lawsuits",
    } | ({"not_granted"} if name == "pingtan-2023.txt" else set())


LEGACY = """政府信息公开情况统计表
统计指标 | 单位 | 统计数
一、主动公开情况 |  |
（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条） | 条 | 3256
其中：主动公开规范性文件数 | 条 | 56
（一）收到申请数 | 件 | 47
2.同意公开答复数 | 件 | 39
四、行政复议数量 | 件 | 0
七、依申请公开信息收取的费用 | 万元 | 0.012
（三）接受培训人员数 | 人次 | 260
（二）举办各类培训班数 次 3
（四）政府信息公开专项经费万元12.5"""


def test_numbered_sub_rows_of_a_legacy_total_get_no_code() -> None:
    text = (
        "（二）申请办结数 | 件 | 47\n1.按时办结数 | 件 | 45\n1.参加或举办新闻发布会总次数 | 次 | 5"
    )
    assert [c.code for c in read_legacy_tables(text).cells] == [
        "applications_answered",
        None,
        "press_conferences",
    ]


def test_legacy_rows_give_value_unit_and_code() -> None:
    found: list[TableCell] = read_legacy_tables(LEGACY).cells
    assert [(c.value, c.unit, c.code) for c in found] == [
        (Decimal(3256), "条", "proactive_total"),
        (Decimal(56), "条", None),
        (Decimal(47), "件", "applications_received"),
        (Decimal(39), "件", "granted"),
        (Decimal(0), "件", "reconsiderations"),
        (Decimal(120), "元", "fees"),
        (Decimal(260), "人次", None),
        (Decimal(3), "次", None),
        (Decimal(125000), "元", None),
    ]
