"""Issuers named in words: a run of issuer names splits where a new body begins."""

from __future__ import annotations

import pytest

from extract.agency_names import Jurisdiction
from extract.document_issuers import split_issuers


@pytest.mark.parametrize(
    ("segment", "names"),
    [
        ("中共中央办公厅国务院办公厅", ["中共中央办公厅", "国务院办公厅"]),
        ("国务院办公厅政府信息与政务公开办公室", ["国务院办公厅政府信息与政务公开办公室"]),
        ("财政部 国家税务总局", ["财政部", "国家税务总局"]),
        ("人力资源社会保障部财政部", ["人力资源社会保障部", "财政部"]),
        ("中共中央国务院", ["中共中央", "国务院"]),
        ("教育部办公厅", ["教育部办公厅"]),
        ("中共湖南省委宣传部", ["中共湖南省委宣传部"]),
        ("最高人民法院最高人民检察院", ["最高人民法院", "最高人民检察院"]),
    ],
)
def test_joint_issuers_split_where_a_new_body_begins(segment: str, names: list[str]) -> None:
    found = split_issuers(segment, 0, len(segment), Jurisdiction(None))
    assert [segment[i.start : i.end].replace(" ", "") for i in found] == names


def test_a_region_alone_before_guanyu_is_no_issuer() -> None:
    segment = "平潭综合实验区"
    assert split_issuers(segment, 0, len(segment), Jurisdiction(segment)) == []
