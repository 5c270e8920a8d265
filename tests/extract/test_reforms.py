"""Reforms: named reforms, programmes and mechanisms of open government."""

from __future__ import annotations

import pytest
from samples import CORPUS, SAMPLES, gold_for

from extract.components.reforms import find_reforms
from extract.ingest import read_report
from extract.normalize import normalize_label
from extract.reform_rules import reform_rules


def reforms_of(text: str, other_names: tuple[tuple[int, int], ...] = ()) -> dict[str, set[str]]:
    """Reform label -> the surface forms it was found under."""
    found: dict[str, set[str]] = {}
    for cand in find_reforms(text, reform_rules(), other_names):
        found.setdefault(cand.label, set()).add(normalize_label(text[cand.start : cand.end]))
    return found


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("着力推进决策、执行、管理、服务和结果“五公开”。", "五公开"),
        ("扎实开展“双随机、一公开”监管", "双随机一公开"),
        ("持续深化“放管服”改革", "放管服"),
        ("推进“最多跑一次”改革", "最多跑一次"),
        ("政务服务事项实现“一网通办”", "一网通办"),
        ("全面公开权力清单和责任清单", "责任清单"),
        ("加快推进“互联网+政务服务”。", "互联网+政务服务"),
        ("深化基层政务公开标准化规范化建设", "基层政务公开标准化规范化"),
        ("完善了新闻发言人制度", "新闻发言人制度"),
        ("严守保密审查要求", "保密审查机制"),
        ("实行首问负责制、限时办结制", "首问负责制"),
        ("开展“政府开放日”活动", "政府开放日"),
    ],
)
def test_known_programmes_and_mechanisms_are_found(text: str, label: str) -> None:
    assert label in reforms_of(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("完善食品安全信息联络员制度", "食品安全信息联络员制度"),
        ("建立了审批信息跨部门共享互认机制，实现共享", "审批信息跨部门共享互认机制"),
        ("严格落实分级审核制度", "分级审核制度"),
        ("我局进一步完善了政府信息公开联络员制度", "政府信息公开联络员制度"),
        ("建立健全政策解读机制和政务舆情回应机制", "政务舆情回应机制"),
        ("全面落实税务执法公示制度、社会评议制度", "社会评议制度"),
        ("推进工程建设项目审批制度改革", "工程建设项目审批制度改革"),
    ],
)
def test_mechanisms_named_by_a_specific_modifier_and_a_head_are_found(
    text: str, label: str
) -> None:
    assert label in reforms_of(text)


@pytest.mark.parametrize(
    ("text", "label", "surface"),
    [
        ("大力推进网上行政审批改革", "网上行政审批", "网上行政审批改革"),
        ("严格落实公开前保密审查机制", "保密审查机制", "公开前保密审查机制"),
        ("严格落实信息发布保密审查机制", "保密审查机制", "信息发布保密审查机制"),
        ("集中公开市级行政权力清单", "权力清单", "行政权力清单"),
        ("建立“首问负责”制度", "首问负责制", "“首问负责”制度"),
    ],
)
def test_a_longer_surface_form_is_an_alias_of_the_reform_it_names(
    text: str, label: str, surface: str
) -> None:
    assert normalize_label(surface) in reforms_of(text)[label]


@pytest.mark.parametrize(
    "text",
    [
        "坚持以“公开为常态、不公开为例外”原则",
        "按照“谁公开、谁审查，谁审查、谁负责”的工作要求",
        "推进“六稳”“六保”信息公开",
        "抓好政府和社会资本合作（PPP）项目的信息公开，推进减税降费信息公开",
        "建立健全防汛抗旱应急机制，完善疫情联防联控机制，落实河长制",
        "建立联合执法机制，落实公平竞争审查制度，完善突发事件信息报送机制",
        "深化供给侧结构性改革，推进医药卫生体制改革，全面深化改革，深化国资国企改革",
        "进一步完善依申请公开工作机制，加强对依申请公开制度的研究",
        "二是完善预算机制",
        "健全信息发布审核、风险排查机制",
        "建立政府信息公开工作考核制度",
        "着力推进政务公开工作规范化、制度化、长效化，完善政务公开工作制度规范",
        "建立健全申请登记、审核、办理、答复、归档等制度",
        "区直部门与片区管理局之间“属地管理”事项主体责任和配合责任清单54项",
        "实现原有“面签”业务“零跑腿”，并通过“平潭通”小程序实现“无纸化办理”",
        "全面实行不动产登记交易“网上办”“掌上办”模式",
        "在答复中，“同意公开”82件；“非本部门掌握”占4件",
        "3.危及“三安全一稳定” | 0 | 0",
        "对“三公”经费公开",
        "同时建立了“重庆微政务”政务微博群",
        "加快推进全市一体化“互联网+政务服务”平台建设",
        "深入开展“两学一做”学习教育，严格落实“三重一大”决策制度",
        "建设完善“台湾地区标准题录数据库”、“自贸深改”等特色专题专栏",
    ],
)
def test_principles_policies_generic_mechanisms_and_other_names_are_not_reforms(
    text: str,
) -> None:
    assert reforms_of(text) == {}


def test_a_reform_inside_a_document_title_is_part_of_the_title() -> None:
    text = "贯彻落实《国务院关于加快推进“互联网+政务服务”工作的指导意见》"
    assert reforms_of(text) == {}


def test_a_reform_inside_a_channel_found_before_is_not_a_reform() -> None:
    text = "依托“一网通办”平台受理"
    assert reforms_of(text) == {}
    assert reforms_of("依托一网通办系统", other_names=((2, 8),)) == {}


def test_a_name_split_by_a_line_break_is_one_name() -> None:
    assert "新闻发言人制度" in reforms_of("完善了新闻发\n言人制度")


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_report_reforms_equal_gold(name: str) -> None:
    text = read_report(CORPUS / name).text
    gold = {
        e["label"]: {normalize_label(a) for a in [e["label"], *e.get("aliases", [])]}
        for e in gold_for(name)["entities"]
        if e["type"] == "Reform"
    }
    found = reforms_of(text)
    assert len(found) == len(gold)
    for label, surfaces in found.items():
        assert any(({label} | surfaces) & names for names in gold.values()), label


def test_in_the_pipeline_reforms_are_entities_labelled_without_quotes() -> None:
    from extract.pipeline import extract_text

    text = "加快推进“互联网+政务服务”，大力推进网上行政审批改革，深化“放管服”改革。"
    record = extract_text(text, source_file="t.txt")
    reforms = {e.label: e.aliases for e in record.entities if e.kind == "Reform"}
    assert set(reforms) == {"互联网+政务服务", "网上行政审批", "放管服"}
    assert "网上行政审批改革" in reforms["网上行政审批"]
