"""An agency's kind comes from the ending of its name, by the rules of agency_kinds.tsv."""

from __future__ import annotations

import pytest

from kg.agency_kinds import agency_kind, parse_rules
from kg.errors import GraphError


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("重庆市人民政府", "Government"),
        ("国务院", "Government"),
        ("平潭综合实验区管理委员会", "Government"),
        ("重庆市人民政府办公厅", "Office"),
        ("国务院办公厅政府信息与政务公开办公室", "Office"),
        ("平潭综合实验区政府信息公开工作领导小组办公室", "Office"),
        ("重庆市旅游局", "Department"),
        ("重庆市教育委员会", "Department"),
        ("教育部", "Department"),
        ("中国共产党重庆市委员会", "PartyOrgan"),
        ("中共重庆市委办公厅", "PartyOrgan"),
        ("中共平潭综合实验区工作委员会", "PartyOrgan"),
        ("平潭综合实验区党群工作部", "PartyOrgan"),
        ("重庆市人民代表大会", "PeoplesCongress"),
        ("重庆市人民代表大会常务委员会", "PeoplesCongress"),
        ("重庆市高级人民法院", "JudicialOrgan"),
        ("重庆市人民检察院", "JudicialOrgan"),
        ("重庆市档案馆", "PublicInstitution"),
        ("平潭综合实验区行政服务中心", "PublicInstitution"),
        ("重庆市监察委员会", None),
        ("某某领导小组", None),
    ],
)
def test_kind_is_read_from_the_name(label: str, kind: str | None) -> None:
    assert agency_kind(label) == kind


def test_whitespace_inside_a_name_is_layout_not_text() -> None:
    assert agency_kind("重庆市人民政府\n办公厅") == "Office"


def test_the_first_matching_rule_wins() -> None:
    rules = parse_rules(["match\ttext\tkind", "suffix\t办公厅\tOffice", "suffix\t厅\tDepartment"])
    assert agency_kind("某省人民政府办公厅", rules) == "Office"
    assert agency_kind("某省公安厅", rules) == "Department"


@pytest.mark.parametrize(
    "row", ["middle\t厅\tDepartment", "suffix\t\tDepartment", "suffix\t厅\tMinistry", "suffix\t厅"]
)
def test_a_malformed_rule_is_an_error_naming_the_row(row: str) -> None:
    with pytest.raises(GraphError, match="row 2"):
        parse_rules(["match\ttext\tkind", row])
