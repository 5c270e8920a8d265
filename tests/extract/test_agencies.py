"""The agency finder and gov_agencies: every specific agency, and subOrganizationOf."""

from __future__ import annotations

import pytest
from samples import CORPUS, SAMPLES, gold_for

from extract.agency_finder import find_agencies
from extract.agency_names import Jurisdiction, infer_jurisdiction
from extract.normalize import normalize_label
from extract.pipeline import extract_file, extract_text
from extract.records import Entity, ReportRecord


def found(text: str, where: Jurisdiction) -> list[tuple[str, str]]:
    """(as written, label) of every mention."""
    return [(text[m.start : m.end], m.label) for m in find_agencies(text, where)]


def agencies(record: ReportRecord) -> list[Entity]:
    return [e for e in record.entities if e.kind == "Agency"]


def names_of(entity: Entity) -> set[str]:
    return {normalize_label(n) for n in (entity.label, *entity.aliases)}


def gold_names(gold_entity: dict[str, object]) -> set[str]:
    aliases = gold_entity.get("aliases") or []
    assert isinstance(aliases, list)
    return {normalize_label(str(n)) for n in (gold_entity["label"], *aliases)}


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_agencies_equal_gold(name: str) -> None:
    record = extract_file(CORPUS / name)
    gold = [e for e in gold_for(name)["entities"] if e["type"] == "Agency"]
    predicted = agencies(record)
    missed = [g["label"] for g in gold if not any(names_of(p) & gold_names(g) for p in predicted)]
    extra = [p.label for p in predicted if not any(names_of(p) & gold_names(g) for g in gold)]
    assert (missed, extra) == ([], [])


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_sub_organizations_equal_gold(name: str) -> None:
    record = extract_file(CORPUS / name)
    data = gold_for(name)
    labels = {e["id"]: e.get("label") for e in data["entities"]}
    gold = {
        (labels[r["s"]], labels[r["o"]]) for r in data["relations"] if r["p"] == "subOrganizationOf"
    }
    predicted = {
        (r.subject.label, r.object.label)
        for r in record.relations
        if r.predicate == "subOrganizationOf"
    }
    assert predicted == gold


CHONGQING = infer_jurisdiction("重庆市")


def test_names_inside_titles_channels_and_decrees_are_found() -> None:
    text = (
        "认真落实《中共中央办公厅国务院办公厅关于全面推进政务公开工作的意见》，"
        "通过市旅游局门户网站公开信息，依据国务院令第711号。"
    )
    assert found(text, CHONGQING) == [
        ("中共中央办公厅", "中共中央办公厅"),
        ("国务院办公厅", "国务院办公厅"),
        ("市旅游局", "重庆市旅游局"),
        ("国务院", "国务院"),
    ]


def test_two_names_written_together_are_two_agencies() -> None:
    text = "在国务院办公厅和市委市政府的坚强领导下，《中共重庆市委办公厅重庆市人民政府办公厅关于…》"
    assert [label for _, label in found(text, CHONGQING)] == [
        "国务院办公厅",
        "中国共产党重庆市委员会",
        "重庆市人民政府",
        "中共重庆市委办公厅",
        "重庆市人民政府办公厅",
    ]


def test_collectives_posts_and_buildings_are_not_found() -> None:
    text = (
        "要求各区县（自治县）政府、市政府各部门、有关单位，全市各级政府机关，"
        "市级部门，各级行政复议机关，市委常委、常务副市长，人大代表、政协委员，"
        "财政部门，市政府有关部门。地址：重庆市人民政府1号楼。"
    )
    assert found(text, CHONGQING) == []


def test_later_names_of_a_list_share_the_first_name_s_area() -> None:
    where = infer_jurisdiction("平潭综合实验区")
    text = "区社会事业局、党群工作部、经济发展局、财政金融局先后联合公布。"
    assert [label for _, label in found(text, where)] == [
        "平潭综合实验区社会事业局",
        "平潭综合实验区党群工作部",
        "平潭综合实验区经济发展局",
        "平潭综合实验区财政金融局",
    ]


def test_a_department_is_found_again_without_its_area() -> None:
    where = infer_jurisdiction("平潭综合实验区")
    text = "依托区行政服务中心官网和行政服务中心微信公众号公开。"
    assert found(text, where) == [
        ("区行政服务中心", "平潭综合实验区行政服务中心"),
        ("行政服务中心", "平潭综合实验区行政服务中心"),
    ]


def test_a_county_report_finds_its_own_and_other_places_bodies() -> None:
    where = infer_jurisdiction("某县")
    text = "县政府办牵头，县发改局、县住建局配合，城关镇人民政府和县委宣传部参加；各乡镇人民政府。"
    assert found(text, where) == [
        ("县政府办", "某县人民政府办公室"),
        ("县发改局", "某县发展和改革局"),
        ("县住建局", "某县住房和城乡建设局"),
        ("城关镇人民政府", "城关镇人民政府"),
        ("县委宣传部", "中共某县委宣传部"),
    ]


def test_verbs_before_an_abbreviation_are_not_place_names() -> None:
    text = "建设市政府网站，利用市政府网站业务平台，推进区县政府信息公开。"
    assert [label for _, label in found(text, CHONGQING)] == ["重庆市人民政府"] * 2


def test_layout_spaces_inside_a_name_are_skipped() -> None:
    text = "由市政府办 公厅编制。"
    ((written, label),) = found(text, CHONGQING)
    assert (written, label) == ("市政府办 公厅", "重庆市人民政府办公厅")


def test_document_numbers_are_not_read_as_names() -> None:
    text = "《国务院办公厅关于印发2016年政务公开工作要点的通知》（国办发〔2016〕19号）"
    record = extract_text("重庆市2016年政府信息公开工作年度报告\n" + text, source_file="x.txt")
    assert [e.label for e in agencies(record)] == ["国务院办公厅"]


@pytest.mark.parametrize(
    ("text", "child", "parent"),
    [
        ("市政府办公厅和市政府", "重庆市人民政府办公厅", "重庆市人民政府"),
        ("市教委、市政府", "重庆市教育委员会", "重庆市人民政府"),
        ("国务院办公厅和国务院", "国务院办公厅", "国务院"),
        ("中共中央办公厅、党中央", "中共中央办公厅", "中国共产党中央委员会"),
        ("市委办公厅、市委", "中共重庆市委办公厅", "中国共产党重庆市委员会"),
        ("市档案馆、市政府", "重庆市档案馆", "重庆市人民政府"),
        ("市人社局和市就业局", "重庆市就业局", "重庆市人力资源和社会保障局"),
    ],
)
def test_sub_organization_of_needs_both_ends_named(text: str, child: str, parent: str) -> None:
    record = extract_text("重庆市2016年政府信息公开工作年度报告\n" + text, source_file="x.txt")
    relations = {
        (r.subject.label, r.object.label)
        for r in record.relations
        if r.predicate == "subOrganizationOf"
    }
    assert (child, parent) in relations
    alone = extract_text("重庆市2016年政府信息公开工作年度报告\n" + child, source_file="x.txt")
    assert not [r for r in alone.relations if r.predicate == "subOrganizationOf"]


def test_a_body_under_another_department_has_no_parent_in_the_government() -> None:
    record = extract_text(
        "重庆市2016年政府信息公开工作年度报告\n“重庆市就业局”微信公众号；市政府。",
        source_file="x.txt",
    )
    assert not [r for r in record.relations if r.predicate == "subOrganizationOf"]


def test_an_office_s_head_is_a_post_not_the_office() -> None:
    where = infer_jurisdiction("长沙市", "", title="长沙市教育局2019年政府信息公开工作年度报告")
    text = "由办公室负责，办公室主任审核。"
    assert found(text, where) == [("办公室", "长沙市教育局办公室")]
