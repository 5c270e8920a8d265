"""What a title says about itself: genre, qualifier, the document a notice issues."""

from __future__ import annotations

import pytest

from extract.document_titles import doc_type, issued_document, strip_qualifier


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("中华人民共和国政府信息公开条例", "条例"),
        ("档案法", "法"),
        ("民法典", "法典"),
        ("重庆市食品安全信息管理办法", "办法"),
        ("关于全面推进政务公开工作的实施意见", "意见"),
        ("国务院关于加快推进“互联网+政务服务”工作的指导意见", "意见"),
        ("2016年政务公开工作要点", "要点"),
        ("重庆市公共信用信息目录（2016年版）", "目录"),
        ("某县政府信息公开暂行办法（试行）", "办法"),
        ("支持涉旅企业应对疫情共渡难关八条措施实施细则", "细则"),
        ("应对新冠肺炎疫情支持文旅企业发展政策汇编", "汇编"),
        ("国务院办公厅关于做好政府信息依申请公开工作的意见", "意见"),
    ],
)
def test_doc_type_is_the_genre_word_at_the_end(title: str, kind: str) -> None:
    assert doc_type(title) == kind


@pytest.mark.parametrize(
    "title",
    [
        "重庆市人民政府公报",
        "平潭时报",
        "人民日报",
        "问政平潭",
        "中国统计年鉴",
        "求是杂志",
        "习近平谈治国理政",
    ],
)
def test_periodicals_programmes_and_books_are_not_documents(title: str) -> None:
    assert doc_type(title) is None


def test_qualifier_in_brackets_is_not_part_of_the_short_title() -> None:
    assert strip_qualifier("重庆市公共信用信息目录（2016年版）") == "重庆市公共信用信息目录"
    assert strip_qualifier("重庆市政府信息公开规定（2016年）") == "重庆市政府信息公开规定"


@pytest.mark.parametrize(
    ("title", "issued"),
    [
        ("国务院办公厅关于印发2016年政务公开工作要点的通知", "2016年政务公开工作要点"),
        ("某办公室关于印发<某某实施方案>的通知", "某某实施方案"),
        ("关于印发全面推进政务公开工作的实施意见的通知", "全面推进政务公开工作的实施意见"),
        ("市政府办公厅关于转发省政府办公厅关于某事的通知的通知", None),
        ("关于切实做好政府信息公开有关工作的通知", None),
    ],
)
def test_notice_that_issues_a_document_names_it(title: str, issued: str | None) -> None:
    assert issued_document(title) == issued
