"""The agency-name resolver: short names in full, against the report's jurisdiction."""

from __future__ import annotations

import pytest

from extract.agency_names import (
    Jurisdiction,
    expand_agency_name,
    infer_jurisdiction,
    leading_region,
    resolve_agency,
)

CHONGQING = infer_jurisdiction("重庆市")
PINGTAN = infer_jurisdiction(
    "平潭综合实验区", "依据《福建省政府信息公开办法》，经福建省政府采购网公布。"
)
YUELU = infer_jurisdiction("长沙市岳麓区")
COUNTY = infer_jurisdiction("某县")


@pytest.mark.parametrize(
    ("surface", "label"),
    [
        ("市政府", "重庆市人民政府"),
        ("重庆市政府", "重庆市人民政府"),
        ("市政府办公厅", "重庆市人民政府办公厅"),
        ("市政府办", "重庆市人民政府办公厅"),  # a province-level city's office is a 办公厅
        ("市旅游局", "重庆市旅游局"),
        ("市教委", "重庆市教育委员会"),
        ("市人社局", "重庆市人力资源和社会保障局"),
        ("市发改委", "重庆市发展和改革委员会"),
        ("市卫计委", "重庆市卫生和计划生育委员会"),
        ("市住建委", "重庆市住房和城乡建设委员会"),
        ("市国土房管局", "重庆市国土资源和房屋管理局"),
        ("市环保局", "重庆市环境保护局"),
        ("市市场监管局", "重庆市市场监督管理局"),
        ("市委", "中国共产党重庆市委员会"),
        ("重庆市委", "中国共产党重庆市委员会"),
        ("中共重庆市委", "中国共产党重庆市委员会"),
        ("中共重庆市委员会", "中国共产党重庆市委员会"),
        ("市委办公厅", "中共重庆市委办公厅"),
        ("市委组织部", "中共重庆市委组织部"),
        ("人大", "重庆市人民代表大会"),
        ("市人大常委会", "重庆市人民代表大会常务委员会"),
        ("市政协", "中国人民政治协商会议重庆市委员会"),
        ("市纪委", "中国共产党重庆市纪律检查委员会"),
        ("渝中区人民政府", "渝中区人民政府"),
    ],
)
def test_city_short_names_resolve_against_the_city(surface: str, label: str) -> None:
    assert resolve_agency(surface, CHONGQING) == label


@pytest.mark.parametrize(
    ("surface", "label"),
    [
        ("党中央", "中国共产党中央委员会"),
        ("中共中央", "中国共产党中央委员会"),
        ("中办", "中共中央办公厅"),
        ("国办", "国务院办公厅"),
        ("国务院办公厅", "国务院办公厅"),
        ("国家发展改革委", "国家发展和改革委员会"),
        ("人力资源社会保障部", "人力资源和社会保障部"),
        ("全国人大常委会", "全国人民代表大会常务委员会"),
        ("国家税务总局重庆市税务局", "国家税务总局重庆市税务局"),
    ],
)
def test_central_organs_have_their_official_names(surface: str, label: str) -> None:
    assert resolve_agency(surface, CHONGQING) == label


@pytest.mark.parametrize(
    ("surface", "label"),
    [
        ("区党工委", "中共平潭综合实验区工作委员会"),
        ("党工委", "中共平潭综合实验区工作委员会"),
        ("管委会", "平潭综合实验区管理委员会"),
        ("实验区管委会", "平潭综合实验区管理委员会"),
        ("区办公室", "平潭综合实验区管理委员会办公室"),
        ("平潭综合实验区管委会办公室", "平潭综合实验区管理委员会办公室"),
        ("福建省平潭综合实验区管理委员会", "平潭综合实验区管理委员会"),
        ("省政府办公厅", "福建省人民政府办公厅"),
        ("区招商与产业促进中心", "平潭综合实验区招商与产业促进中心"),
        ("区资源生态局", "平潭综合实验区资源生态局"),  # stem words outside the stem list
        (
            "平潭综合实验区政府信息公开工作领导小组办公室",
            "平潭综合实验区政府信息公开工作领导小组办公室",
        ),
    ],
)
def test_a_zone_is_run_by_its_management_committee(surface: str, label: str) -> None:
    assert resolve_agency(surface, PINGTAN) == label


@pytest.mark.parametrize(
    ("surface", "label"),
    [
        ("区政府", "长沙市岳麓区人民政府"),
        ("岳麓区人民政府", "长沙市岳麓区人民政府"),
        ("区政府办公室", "长沙市岳麓区人民政府办公室"),
        ("市政府办公厅", "长沙市人民政府办公厅"),
        ("省政府", "湖南省人民政府"),
        ("区委", "中国共产党长沙市岳麓区委员会"),
        ("区卫健局", "长沙市岳麓区卫生健康局"),
        ("天心区人民政府", "天心区人民政府"),
    ],
)
def test_a_district_resolves_each_level_to_its_own_area(surface: str, label: str) -> None:
    assert resolve_agency(surface, YUELU) == label


@pytest.mark.parametrize(
    ("surface", "label"),
    [
        ("县政府办", "某县人民政府办公室"),
        ("县发改局", "某县发展和改革局"),
        ("县政府新闻办", "某县人民政府新闻办公室"),
        ("县纪委", "中国共产党某县纪律检查委员会"),
        ("城关镇人民政府", "城关镇人民政府"),
    ],
)
def test_a_county_resolves_its_short_names(surface: str, label: str) -> None:
    assert resolve_agency(surface, COUNTY) == label


@pytest.mark.parametrize(
    "surface",
    [
        "各区县（自治县）政府",
        "市政府各部门",
        "市级部门",
        "全市各级政府机关",
        "行政复议机关",
        "各片区管理局",
        "区直各部门",
        "常务副市长",
        "人大代表",
        "政协委员",
        "财政部门",
        "中央",
        "省里",
        "新浪网",
        "区政府",  # a 重庆市 report has no district of its own
        "省政府办公厅",  # nor a province above it
    ],
)
def test_collectives_people_and_generic_words_are_no_agency(surface: str) -> None:
    assert resolve_agency(surface, CHONGQING) is None


def test_a_province_is_read_from_the_region_or_from_the_text() -> None:
    assert infer_jurisdiction("湖南省长沙市岳麓区").province == "湖南省"
    assert infer_jurisdiction("长沙市").province == "湖南省"
    assert infer_jurisdiction("重庆市").province == "重庆市"
    assert PINGTAN.province == "福建省"
    assert infer_jurisdiction("某县", "").province is None


def test_a_district_s_city_is_the_one_its_text_names_most() -> None:
    where = infer_jurisdiction("岳麓区", "按照长沙市人民政府要求……长沙市政务公开。湘潭市。")
    assert (where.province, where.city) == ("湖南省", "长沙市")
    assert resolve_agency("市政府", where) == "长沙市人民政府"


def test_zones_and_new_areas_with_a_management_committee() -> None:
    assert PINGTAN.zone
    assert not CHONGQING.zone
    assert infer_jurisdiction("两江新区", "两江新区管委会").zone
    assert not infer_jurisdiction("滨海新区", "区政府").zone


def test_the_reporting_body_named_in_the_title_owns_its_units() -> None:
    title = "广州市教育局2018年政府信息公开工作年度报告"
    where = infer_jurisdiction(leading_region(title), "", title=title)
    assert where.body == "广州市教育局"
    assert resolve_agency("局办公室", where) == "广州市教育局办公室"
    government = "重庆市人民政府2016年政府信息公开工作年度报告"
    assert infer_jurisdiction("重庆市", "", title=government).body is None


def test_a_hand_built_jurisdiction_gives_the_same_labels() -> None:
    assert resolve_agency("区政府", Jurisdiction("平潭综合实验区")) == "平潭综合实验区管理委员会"
    assert resolve_agency("省政府", Jurisdiction("湖南省长沙市")) == "湖南省人民政府"


def test_expand_agency_name_never_returns_none() -> None:
    assert expand_agency_name("市政府办公厅", "重庆市") == "重庆市人民政府办公厅"
    assert expand_agency_name("某某某", None) == "某某某"


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("重庆市2012年政府信息公开工作年度报告", "重庆市"),
        ("广州市教育局2018年政府信息公开工作年度报告", "广州市"),
        ("北京市海淀区人民政府2010年政府信息公开工作年度报告", "北京市海淀区"),
        ("兖州市人民政府信息公开年报", "兖州市"),
        ("重庆市城市管理局2016年政府信息公开工作年度报告", "重庆市"),
        ("国家税务总局2019年政府信息公开工作年度报告", ""),
    ],
)
def test_leading_region_reads_known_places_whole(title: str, region: str) -> None:
    assert leading_region(title) == region


def test_a_department_report_names_its_own_office_alone() -> None:
    title = "长沙市教育局2019年政府信息公开工作年度报告"
    where = infer_jurisdiction("长沙市", "", title=title)
    assert resolve_agency("办公室", where) == "长沙市教育局办公室"
    office = infer_jurisdiction(
        "重庆市", "", title="重庆市人民政府办公厅2019年政府信息公开工作年度报告"
    )
    assert resolve_agency("办公厅", office) == "重庆市人民政府办公厅"
    assert resolve_agency("厅秘书处", office) == "重庆市人民政府办公厅秘书处"


def test_a_prefecture_s_administration_is_its_administrative_office() -> None:
    where = infer_jurisdiction("阿里地区")
    assert resolve_agency("行署", where) == "阿里地区行政公署"
    assert resolve_agency("地区行署", where) == "阿里地区行政公署"
    assert resolve_agency("行署", CHONGQING) is None


def test_a_county_level_region_knows_its_city_and_province() -> None:
    def place(region: str) -> tuple[str | None, str | None]:
        where = infer_jurisdiction(region)
        return where.province, where.city

    assert place("岳麓区") == ("湖南省", "长沙市")
    assert place("渝中区") == ("重庆市", "重庆市")
    # a zone named after a county gets the county's province, not its city
    assert place("平潭综合实验区") == ("福建省", None)


def test_a_county_name_shared_by_several_places_is_told_apart_by_the_text() -> None:
    assert infer_jurisdiction("鼓楼区").city is None
    assert infer_jurisdiction("鼓楼区", "按照福州市人民政府部署").city == "福州市"


def test_places_named_for_other_reasons_do_not_make_the_province() -> None:
    text = "建设“台湾地区标准题录数据库”，开展对台湾交流。"
    assert infer_jurisdiction("某某区", text).province is None
