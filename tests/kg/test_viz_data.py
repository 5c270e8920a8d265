"""Reading a graph for the page: entities, their kinds, facts, links and mentions."""

from __future__ import annotations

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, SKOS

from kg.viz_data import Edge, Mention, neighbours, read_graph
from kg.vocab import GKG, ITSRDF, NIF, ORG

ID = Namespace("https://w3id.org/govkg/id/")
REPORT = ID["report/chongqing-2016.txt"]
CONTEXT = ID["report/chongqing-2016.txt/text#char=0,30"]
OFFICE = ID["agency/重庆市人民政府办公厅"]
GOVERNMENT = ID["agency/重庆市人民政府"]
CHANNEL = ID["channel/重庆市人民政府公众信息网"]


def graph() -> Graph:
    g = Graph()
    for triple in [
        (REPORT, RDF.type, GKG.AnnualReport),
        (REPORT, RDFS.label, Literal("label of the report")),
        (REPORT, DCTERMS.title, Literal("重庆市2016年政府信息公开工作年度报告", lang="zh")),
        (REPORT, GKG.year, Literal(2016)),
        (REPORT, GKG.mentions, OFFICE),
        (REPORT, GKG.usesChannelType, GKG.Website),
        (OFFICE, RDF.type, GKG.Agency),
        (OFFICE, RDF.type, GKG.Office),
        (OFFICE, RDFS.label, Literal("重庆市人民政府办公厅", lang="zh")),
        (OFFICE, SKOS.altLabel, Literal("市政府办公厅", lang="zh")),
        (OFFICE, SKOS.altLabel, Literal("重庆市人民政府办公厅", lang="zh")),
        (OFFICE, ORG.subOrganizationOf, GOVERNMENT),
        (GOVERNMENT, RDF.type, GKG.Agency),
        (GOVERNMENT, RDFS.label, Literal("重庆市人民政府", lang="zh")),
        (CHANNEL, RDF.type, GKG.DisclosureChannel),
        (CHANNEL, RDFS.label, Literal("重庆市人民政府公众信息网", lang="zh")),
        (CHANNEL, GKG.channelType, GKG.Website),
        (CHANNEL, GKG.operatedBy, GOVERNMENT),
        (CONTEXT, RDF.type, NIF.Context),
        (CONTEXT, NIF.isString, Literal("重庆市人民政府办公厅编制本报告。")),
    ]:
        g.add(triple)
    for begin, end in [(0, 10), (0, 3)]:
        mention = ID[f"report/chongqing-2016.txt/text#char={begin},{end}"]
        g.add((mention, RDF.type, NIF.Phrase))
        g.add((mention, NIF.referenceContext, CONTEXT))
        g.add((mention, NIF.beginIndex, Literal(begin)))
        g.add((mention, NIF.endIndex, Literal(end)))
        g.add((mention, ITSRDF.taIdentRef, OFFICE))
    return g


def test_a_report_is_named_by_its_title_and_keeps_its_facts() -> None:
    node = read_graph(graph()).nodes[str(REPORT)]
    assert node.label == "重庆市2016年政府信息公开工作年度报告"
    assert node.kind == "AnnualReport"
    assert ("year", "2016") in node.facts
    assert not any(name in {"title", "label", "altLabel"} for name, _ in node.facts)


def test_a_subclass_is_drawn_as_its_known_kind_and_listed_among_its_types() -> None:
    node = read_graph(graph()).nodes[str(OFFICE)]
    assert node.kind == "Agency"
    assert node.types == ("Agency", "Office")


def test_aliases_are_sorted_and_leave_out_the_label() -> None:
    assert read_graph(graph()).nodes[str(OFFICE)].aliases == ("市政府办公厅",)


def test_channel_kinds_are_nodes_with_their_chinese_name_and_code() -> None:
    data = read_graph(graph())
    website = data.nodes[str(GKG.Website)]
    assert (website.kind, website.label) == ("ChannelType", "网站")
    assert ("code", "Website") in website.facts
    assert Edge(str(CHANNEL), str(GKG.Website), "channelType") in data.edges
    assert Edge(str(REPORT), str(GKG.Website), "usesChannelType") in data.edges


def test_nif_strings_become_mentions_not_nodes() -> None:
    data = read_graph(graph())
    assert str(CONTEXT) not in data.nodes
    assert not any("#char=" in node for node in data.nodes)
    assert data.mentions[str(OFFICE)] == (Mention(str(CONTEXT), 0, 3), Mention(str(CONTEXT), 0, 10))
    assert data.texts[str(CONTEXT)].startswith("重庆市人民政府办公厅")


def test_a_mention_without_offsets_is_left_out() -> None:
    g = graph()
    g.remove((ID["report/chongqing-2016.txt/text#char=0,3"], NIF.endIndex, None))
    assert data_mentions(g) == (Mention(str(CONTEXT), 0, 10),)


def data_mentions(g: Graph) -> tuple[Mention, ...]:
    return read_graph(g).mentions[str(OFFICE)]


def test_edges_are_sorted_unique_and_between_entities_only() -> None:
    data = read_graph(graph())
    assert list(data.edges) == sorted(set(data.edges))
    assert Edge(str(OFFICE), str(GOVERNMENT), "subOrganizationOf") in data.edges
    assert all(e.source in data.nodes and e.target in data.nodes for e in data.edges)


def test_blank_nodes_get_an_id_that_says_so() -> None:
    g = Graph()
    blank = BNode("b0")
    g.add((blank, RDF.type, GKG.Topic))
    assert list(read_graph(g).nodes) == ["_:b0"]
    assert read_graph(g).nodes["_:b0"].label == "b0"


def test_neighbours_ignore_the_direction_of_links() -> None:
    adjacent = neighbours([Edge("a", "b", "x"), Edge("c", "a", "y")])
    assert adjacent == {"a": {"b", "c"}, "b": {"a"}, "c": {"a"}}
