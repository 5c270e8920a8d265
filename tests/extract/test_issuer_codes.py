"""Issuer codes: central codes from the table, local codes by area abbreviation and code word."""

from __future__ import annotations

import pytest

from extract.agency_names import Jurisdiction
from extract.issuer_codes import area_levels, issuers_of_code


@pytest.mark.parametrize(
    ("code", "year", "issuers"),
    [
        ("国发", 2016, ("国务院",)),
        ("国函", 2010, ("国务院",)),
        ("国办发", 2016, ("国务院办公厅",)),
        ("国办函", 2019, ("国务院办公厅",)),
        ("国办公开办函", 2019, ("国务院办公厅政府信息与政务公开办公室",)),
        ("中发", 2015, ("中共中央",)),
        ("中办发", 2016, ("中共中央办公厅",)),
        ("财预", 2016, ("财政部",)),
        ("财库", 2014, ("财政部",)),
        ("税总发", 2018, ("国家税务总局",)),
        ("国卫发", 2015, ("国家卫生和计划生育委员会",)),
        ("国卫办", 2015, ("国家卫生和计划生育委员会办公厅",)),
        ("国卫办", 2020, ("国家卫生健康委员会办公厅",)),
        ("税总办发", 2020, ("国家税务总局办公厅",)),
        ("农办", 2012, ("农业部",)),
        ("农办", 2021, ("农业农村部",)),
    ],
)
def test_central_codes_come_from_the_table(code: str, year: int, issuers: tuple[str, ...]) -> None:
    assert issuers_of_code(code, year, Jurisdiction("湖南省长沙市岳麓区")) == issuers


@pytest.mark.parametrize(
    ("code", "issuer"),
    [
        ("渝府发", "重庆市人民政府"),
        ("渝府办发", "重庆市人民政府办公厅"),
        ("沪府办", "上海市人民政府办公厅"),
        ("闽政", "福建省人民政府"),
        ("闽政办", "福建省人民政府办公厅"),
        ("湘政办发", "湖南省人民政府办公厅"),
        ("粤府函", "广东省人民政府"),
        ("内政发", "内蒙古自治区人民政府"),
        ("湘办发", "中共湖南省委员会办公厅"),
        ("渝办发", "重庆市人民政府办公厅"),
        ("川办发", "四川省人民政府办公厅"),
    ],
)
def test_province_abbreviation_and_code_word_name_the_province_body(code: str, issuer: str) -> None:
    assert issuers_of_code(code, 2016, Jurisdiction("某市")) == (issuer,)


@pytest.mark.parametrize(
    ("code", "region", "issuer"),
    [
        ("岳政发", "长沙市岳麓区", "长沙市岳麓区人民政府"),
        ("岳麓政办发", "湖南省长沙市岳麓区", "长沙市岳麓区人民政府办公室"),
        ("长政办发", "长沙市岳麓区", "长沙市人民政府办公室"),
        ("宁政发", "江苏省南京市", "南京市人民政府"),
        ("宁政发", "宁夏回族自治区银川市", "宁夏回族自治区人民政府"),
        ("穗府办", "广州市天河区", "广州市人民政府办公室"),
        ("榕政综", "福建省平潭综合实验区", "福州市人民政府"),
        ("渝北府发", "重庆市渝北区", "渝北区人民政府"),
        ("渝办发", "重庆市渝北区", "重庆市人民政府办公厅"),
    ],
)
def test_local_codes_are_read_against_the_report_region(
    code: str, region: str, issuer: str
) -> None:
    assert issuers_of_code(code, 2016, Jurisdiction(region)) == (issuer,)


@pytest.mark.parametrize("code", ["岚综管办", "平管发", "渝经信发", "某某字", "发"])
def test_a_code_nobody_can_read_gives_no_issuer(code: str) -> None:
    assert issuers_of_code(code, 2020, Jurisdiction("平潭综合实验区", "福建省")) == ()


def test_region_splits_into_areas_below_the_province() -> None:
    names = [area.name for area in area_levels("湖南省长沙市岳麓区")]
    assert names == ["湖南省", "长沙市", "长沙市岳麓区"]
