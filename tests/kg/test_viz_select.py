"""What a page shows: filters by type and report, the ego view, the overview cap."""

from __future__ import annotations

import pytest

from kg.viz_data import Edge, EntityGraph, Node
from kg.viz_select import (
    SelectionError,
    View,
    find_node,
    importance,
    resolve_reports,
    resolve_types,
    select,
)

R12, R16 = "id/report/cq-2012.txt", "id/report/cq-2016.txt"
OFFICE, STATE, DOC, NUMBER = "id/agency/office", "id/agency/state", "id/doc/ogi", "id/docno/19"
STAT, TOPIC, OPENNESS = "id/stat/1", "id/topic/tax", "id/topic/openness"


def node(id_: str, kind: str, label: str, *aliases: str, facts: tuple[str, ...] = ()) -> Node:
    pairs = tuple(zip(facts[::2], facts[1::2], strict=True))
    return Node(id_, label, kind, (kind,), aliases, pairs)


@pytest.fixture
def data() -> EntityGraph:
    nodes = [
        node(
            R12,
            "AnnualReport",
            "重庆市2012年报告",
            facts=("sourceFile", "cq-2012.txt", "year", "2012"),
        ),
        node(
            R16,
            "AnnualReport",
            "重庆市2016年报告",
            facts=("sourceFile", "cq-2016.txt", "year", "2016"),
        ),
        node(OFFICE, "Agency", "国务院办公厅", "国办", "General Office"),
        node(STATE, "Agency", "国务院"),
        node(DOC, "PolicyDocument", "中华人民共和国政府信息公开条例", "条例"),
        node(NUMBER, "DocumentNumber", "国办发〔2016〕19号"),
        node(STAT, "Statistic", "1059500条"),
        node(TOPIC, "Topic", "税收"),
        node(OPENNESS, "Topic", "税收公开"),
    ]
    edges = [
        Edge(R12, DOC, "mentions"),
        Edge(R12, OFFICE, "mentions"),
        Edge(R16, DOC, "mentions"),
        Edge(R16, NUMBER, "mentions"),
        Edge(R16, STAT, "hasStatistic"),
        Edge(R16, TOPIC, "mentions"),
        Edge(DOC, STATE, "issuedBy"),
        Edge(OFFICE, STATE, "subOrganizationOf"),
    ]
    return EntityGraph(
        {n.id: n for n in sorted(nodes, key=lambda n: n.id)}, tuple(sorted(edges)), {}, {}
    )


def shown(data: EntityGraph, view: View) -> set[str]:
    return set(select(data, view, importance(data)).nodes)


def test_the_default_view_shows_everything_of_a_small_graph(data: EntityGraph) -> None:
    chosen = select(data, View(), importance(data))
    assert set(chosen.nodes) == set(data.nodes)
    assert chosen.notice == ""
    assert list(chosen.nodes) == sorted(chosen.nodes)


def test_types_keep_their_kinds_and_the_reports(data: EntityGraph) -> None:
    assert shown(data, View(types=("agency",))) == {R12, R16, OFFICE, STATE}


def test_types_may_be_given_by_their_chinese_names(data: EntityGraph) -> None:
    assert resolve_types(data, ["政策文件", " Topic "]) == {"PolicyDocument", "Topic"}


def test_an_unknown_type_names_the_choices(data: EntityGraph) -> None:
    with pytest.raises(SelectionError, match=r"unknown type Agencies: choose from .*Agency"):
        resolve_types(data, ["Agencies"])


@pytest.mark.parametrize("name", ["cq-2016.txt", R16, "重庆市2016年报告", "2016"])
def test_a_report_is_found_by_file_iri_title_or_year(data: EntityGraph, name: str) -> None:
    assert resolve_reports(data, [name]) == {R16}


def test_a_report_view_shows_it_and_what_it_mentions_but_no_other_report(
    data: EntityGraph,
) -> None:
    assert shown(data, View(reports=("cq-2012.txt",))) == {R12, DOC, OFFICE}


def test_an_unknown_report_lists_the_reports(data: EntityGraph) -> None:
    with pytest.raises(SelectionError, match=r"cq-2012.txt, cq-2016.txt"):
        resolve_reports(data, ["beijing-2016.txt"])


@pytest.mark.parametrize(
    "text",
    ["国务院办公厅", "国办", "general office", "ＧＥＮＥＲＡＬ　ＯＦＦＩＣＥ", OFFICE],
)
def test_focus_finds_a_node_by_label_alias_or_iri_in_any_case_or_width(
    data: EntityGraph, text: str
) -> None:
    assert find_node(data, text) == OFFICE


def test_an_exact_label_wins_over_labels_that_contain_it(data: EntityGraph) -> None:
    assert find_node(data, "国务院") == STATE
    assert find_node(data, "税收") == TOPIC


def test_a_unique_part_of_a_label_is_enough(data: EntityGraph) -> None:
    assert find_node(data, "信息公开条例") == DOC


def test_an_ambiguous_focus_lists_the_candidates(data: EntityGraph) -> None:
    with pytest.raises(SelectionError, match=r"names 2 nodes: .*give the IRI"):
        find_node(data, "重庆市")


def test_an_unknown_focus_says_so(data: EntityGraph) -> None:
    with pytest.raises(SelectionError, match="no node labelled '北京市'"):
        find_node(data, "北京市")


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        (0, {STATE}),
        (1, {STATE, DOC, OFFICE}),
        (2, {STATE, DOC, OFFICE, R12, R16}),
    ],
)
def test_the_ego_view_goes_depth_links_away_either_way(
    data: EntityGraph, depth: int, expected: set[str]
) -> None:
    chosen = select(data, View(focus="国务院", depth=depth), importance(data))
    assert set(chosen.nodes) == expected
    assert chosen.focus == STATE


def test_the_overview_keeps_reports_first_and_hidden_kinds_last(data: EntityGraph) -> None:
    chosen = select(data, View(max_nodes=4), importance(data))
    assert {R12, R16} <= set(chosen.nodes)
    assert STAT not in chosen.nodes
    assert len(chosen.nodes) == 4
    assert chosen.matched == len(data.nodes)
    assert "the 4 most connected of 9 nodes" in chosen.notice
    assert "--max-nodes 0" in chosen.notice
    assert "--focus" in chosen.notice


def test_the_overview_also_holds_the_links_under_budget() -> None:
    hubs = [node(f"h{i}", "Agency", f"h{i}") for i in range(10)]
    edges = [Edge(f"h{i}", f"h{j}", "x") for i in range(10) for j in range(i + 1, 10)]
    data = EntityGraph({n.id: n for n in hubs}, tuple(edges), {}, {})
    # 8 nodes allow 24 links; 8 nodes of a clique have 28, 7 have 21.
    chosen = select(data, View(max_nodes=8), importance(data))
    assert len(chosen.nodes) == 7
    assert "the 7 most connected of 10 nodes" in chosen.notice


def test_no_cap_when_max_nodes_is_none(data: EntityGraph) -> None:
    assert shown(data, View(max_nodes=None)) == set(data.nodes)


def test_pagerank_favours_the_linked(data: EntityGraph) -> None:
    rank = importance(data)
    assert rank[R16] > rank[NUMBER]
    assert rank[STATE] > rank[TOPIC]
