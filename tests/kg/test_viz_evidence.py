"""Evidence on the page: the sentence around a mention, one per report."""

from __future__ import annotations

import pytest

from kg.viz_data import EntityGraph, Mention, Node
from kg.viz_evidence import (
    SENTENCE_MAX,
    evidence,
    report_of_contexts,
    sentence_around,
    source_label,
)

TEXT = "重庆市2016年报告\n一、概述。本年度市政府办公厅牵头推进公开！其他工作；另一句。"


def span(word: str, text: str = TEXT) -> tuple[int, int]:
    begin = text.index(word)
    return begin, begin + len(word)


@pytest.mark.parametrize(
    ("word", "sentence"),
    [
        ("市政府办公厅", "本年度市政府办公厅牵头推进公开！"),
        ("概述", "一、概述。"),
        ("重庆市", "重庆市2016年报告"),  # the title line ends at the newline
        ("另一句", "另一句。"),
    ],
)
def test_the_sentence_runs_between_sentence_ends(word: str, sentence: str) -> None:
    found, begin, end = sentence_around(TEXT, *span(word))
    assert found == sentence
    assert found[begin:end] == word


def test_a_long_sentence_is_cut_around_the_mention_with_ellipses() -> None:
    text = "甲" * 300 + "国务院办公厅" + "乙" * 300 + "。"
    found, begin, end = sentence_around(text, *span("国务院办公厅", text))
    assert found.startswith("…") and found.endswith("…")
    assert len(found) < SENTENCE_MAX
    assert found[begin:end] == "国务院办公厅"


def test_leading_spaces_are_trimmed_and_offsets_follow() -> None:
    text = "第一句。   第二句有网站。"
    found, begin, end = sentence_around(text, *span("网站", text))
    assert found == "第二句有网站。"
    assert found[begin:end] == "网站"


def test_offsets_beyond_the_text_give_no_sentence() -> None:
    assert sentence_around("短文本。", 3, 99) == ("", 0, 0)


REPORT = "https://w3id.org/govkg/id/report/chongqing-2016.txt"
CONTEXT = REPORT + "/text#char=0,43"  # under the report's IRI, as kg.report_graph writes
OTHER = "https://example.org/text/other#char=0,9"


def graph() -> EntityGraph:
    def node(id_: str, kind: str, label: str) -> Node:
        return Node(id_, label, kind, (kind,), (), ())

    office = "https://w3id.org/govkg/id/agency/office"
    return EntityGraph(
        nodes={
            REPORT: node(REPORT, "AnnualReport", "重庆市2016年政府信息公开工作年度报告"),
            office: node(office, "Agency", "重庆市人民政府办公厅"),
        },
        edges=(),
        mentions={
            office: (
                Mention(CONTEXT, *span("其他工作")),
                Mention(CONTEXT, *span("市政府办公厅")),
                Mention(OTHER, 0, 2),
                Mention("https://example.org/missing", 0, 1),
            )
        },
        texts={CONTEXT: TEXT + "……", OTHER: "另一份报告\n正文。"},
    )


def test_a_text_belongs_to_the_report_it_sits_under() -> None:
    assert report_of_contexts(graph()) == {CONTEXT: REPORT}


def test_one_sentence_per_report_from_the_first_mention_with_the_count() -> None:
    data = graph()
    found = evidence(data, "https://w3id.org/govkg/id/agency/office", report_of_contexts(data))
    assert [(e.source, e.mentions) for e in found] == [(OTHER, 1), (REPORT, 2)]
    by_report = found[1]
    assert by_report.sentence == "本年度市政府办公厅牵头推进公开！"  # the first mention's
    assert by_report.sentence[by_report.begin : by_report.end] == "市政府办公厅"


def test_a_text_with_no_report_is_named_by_its_first_line() -> None:
    data = graph()
    assert source_label(data, OTHER) == "另一份报告"
    assert source_label(data, REPORT) == "重庆市2016年政府信息公开工作年度报告"
