"""The graph page: what is drawn, that it is offline, escaped and deterministic."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.viz import View, graph_to_networkx, write_page
from kg.vocab import GKG, ITSRDF, NIF

EX = Namespace("https://example.org/govkg/")
REPORT = EX["report/chongqing-2016"]
AGENCY = EX["agency/chongqing-gov-office"]
REGION = EX["region/chongqing"]
DOCUMENT = EX["document/open-government-2016"]
NUMBER_1 = EX["docno/guobanfa-2016-19"]
NUMBER_2 = EX["docno/yufubanfa-2016-3"]
HOSTILE = EX["topic/hostile"]
CONTEXT = EX["text/chongqing-2016#char=0,40"]
MENTION = EX["text/chongqing-2016#char=10,21"]
HOSTILE_LABEL = '<script>alert("x")</script></script>&'
TITLE = "重庆市2016年政府信息公开工作年度报告"

NODES = {REPORT, AGENCY, REGION, DOCUMENT, NUMBER_1, NUMBER_2, HOSTILE}
EDGE_COUNT = 9


def sample_triples() -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    zh = "zh"
    return [
        (REPORT, RDF.type, GKG.AnnualReport),
        (REPORT, DCTERMS.title, Literal(TITLE, lang=zh)),
        (REPORT, GKG.year, Literal(2016)),
        (REPORT, GKG.publishedBy, AGENCY),
        (REPORT, GKG.region, REGION),
        (REPORT, GKG.mentions, DOCUMENT),
        (REPORT, GKG.mentions, NUMBER_1),
        (REPORT, GKG.mentions, NUMBER_2),
        (REPORT, GKG.mentions, HOSTILE),
        (REPORT, GKG.mentions, AGENCY),
        (AGENCY, RDF.type, GKG.Agency),
        (AGENCY, RDFS.label, Literal("重庆市人民政府办公厅", lang=zh)),
        (AGENCY, SKOS.altLabel, Literal("市政府办公厅", lang=zh)),
        (AGENCY, SKOS.altLabel, Literal("重庆市政府办公厅", lang=zh)),
        (REGION, RDF.type, GKG.Region),
        (REGION, RDFS.label, Literal("重庆市", lang=zh)),
        (DOCUMENT, RDF.type, GKG.PolicyDocument),
        (DOCUMENT, RDFS.label, Literal("关于全面推进政务公开工作的意见", lang=zh)),
        (DOCUMENT, GKG.hasDocumentNumber, NUMBER_1),
        (NUMBER_1, RDF.type, GKG.DocumentNumber),
        (NUMBER_1, RDFS.label, Literal("国办发〔2016〕19号")),
        (NUMBER_1, GKG.prefix, Literal("国办发")),
        (NUMBER_1, GKG.serial, Literal(19)),
        (NUMBER_1, GKG.issuedBy, AGENCY),  # wrong in life, handy as a second agency edge
        (NUMBER_2, RDF.type, GKG.DocumentNumber),
        (NUMBER_2, RDFS.label, Literal("渝府办发〔2016〕3号")),
        (HOSTILE, RDF.type, GKG.Topic),
        (HOSTILE, RDFS.label, Literal(HOSTILE_LABEL)),
        (CONTEXT, RDF.type, NIF.Context),
        (CONTEXT, NIF.isString, Literal(TITLE + "……国办发〔2016〕19号")),
        (MENTION, RDF.type, NIF.Phrase),
        (MENTION, NIF.referenceContext, CONTEXT),
        (MENTION, NIF.anchorOf, Literal("国办发〔2016〕19号")),
        (MENTION, NIF.beginIndex, Literal(len(TITLE) + 2)),
        (MENTION, NIF.endIndex, Literal(len(TITLE) + 14)),
        (MENTION, ITSRDF.taIdentRef, NUMBER_1),
    ]


@pytest.fixture
def graph() -> Graph:
    g = Graph()
    for triple in sample_triples():
        g.add(triple)
    return g


@pytest.fixture
def page(graph: Graph, tmp_path: Path) -> str:
    path = tmp_path / "graph.html"
    write_page(graph, path, title="重庆 <test> & co")
    return path.read_text(encoding="utf-8")


class _Tags(HTMLParser):
    """Start tags with their attributes, and the text inside each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> _Tags:
    tags = _Tags()
    tags.feed(page)
    tags.close()
    return tags


def test_entities_become_nodes_with_label_kind_and_sorted_aliases(graph: Graph) -> None:
    g = graph_to_networkx(graph)
    assert set(g.nodes) == {str(n) for n in NODES}
    assert all(type(n) is str for n in g.nodes)
    assert g.nodes[str(REPORT)] == {"label": TITLE, "kind": "AnnualReport", "aliases": []}
    assert g.nodes[str(AGENCY)]["aliases"] == ["市政府办公厅", "重庆市政府办公厅"]
    assert g.nodes[str(NUMBER_1)]["label"] == "国办发〔2016〕19号"
    assert g.nodes[str(NUMBER_1)]["kind"] == "DocumentNumber"
    assert g.nodes[str(REGION)]["kind"] == "Region"
    assert g.nodes[str(HOSTILE)]["label"] == HOSTILE_LABEL


def test_nif_mentions_are_not_drawn(graph: Graph) -> None:
    g = graph_to_networkx(graph)
    assert str(CONTEXT) not in g
    assert str(MENTION) not in g


def test_links_between_entities_become_labelled_edges(graph: Graph) -> None:
    g = graph_to_networkx(graph)
    edges = {(s, t, d["label"]) for s, t, d in g.edges(data=True)}
    assert (str(REPORT), str(AGENCY), "publishedBy") in edges
    assert (str(REPORT), str(REGION), "region") in edges
    assert (str(DOCUMENT), str(NUMBER_1), "hasDocumentNumber") in edges
    assert (str(NUMBER_1), str(AGENCY), "issuedBy") in edges
    assert (str(REPORT), str(HOSTILE), "mentions") in edges
    assert (str(REPORT), str(AGENCY), "mentions") in edges  # a second edge, same two nodes
    assert g.number_of_edges() == EDGE_COUNT


def test_node_without_label_is_named_by_its_iri(graph: Graph) -> None:
    graph.remove((NUMBER_2, RDFS.label, None))
    assert graph_to_networkx(graph).nodes[str(NUMBER_2)]["label"] == "yufubanfa-2016-3"


def test_dataset_named_graphs_give_the_same_network(graph: Graph) -> None:
    for union in (True, False):
        ds = Dataset(default_union=union)
        named = ds.graph(EX["graph/chongqing-2016"])
        for triple in sample_triples():
            named.add(triple)
        ds.graph(EX["graph/other"]).add(
            (AGENCY, RDFS.label, Literal("重庆市人民政府办公厅", lang="zh"))
        )
        g = graph_to_networkx(ds)
        expected = graph_to_networkx(graph)
        assert list(g.nodes(data=True)) == list(expected.nodes(data=True))
        assert list(g.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))


def test_page_loads_nothing_from_the_network(page: str) -> None:
    tags = parse(page)
    for tag, attrs in tags.tags:
        for name in ("src", "href", "action", "poster", "data"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, name, value)
    assert not any(tag == "link" for tag, _ in tags.tags)
    assert not any(tag == "script" and "src" in attrs for tag, attrs in tags.tags)
    assert not re.search(r"@import|url\(\s*['\"]?\s*(https?:)?//", page, re.IGNORECASE)
    for cdn in ("cdnjs", "jsdelivr", "unpkg", "bootstrap", "googleapis"):
        assert cdn not in page.lower()
    assert "sourceMappingURL" not in page


def test_page_inlines_vis_network_and_has_a_status_line(page: str) -> None:
    tags = parse(page)
    assert any("vis-network" in script for script in tags.scripts)
    assert any(attrs.get("id") == "gkg-status" for _, attrs in tags.tags)
    assert any(attrs.get("id") == "gkg-legend" for _, attrs in tags.tags)


def page_data(page: str) -> dict[str, Any]:
    tags = parse(page)
    scripts = zip([t for t in tags.tags if t[0] == "script"], tags.scripts, strict=True)
    text = next(script for (_, attrs), script in scripts if attrs.get("id") == "gkg-data")
    data: dict[str, Any] = json.loads(text)
    return data


def test_hostile_label_is_escaped_and_cannot_close_the_script(page: str) -> None:
    assert HOSTILE_LABEL not in page
    assert 'alert("x")' not in page
    assert "<script>alert" not in page
    # Three scripts, three closing tags: the data block, vis-network, ours.
    assert page.lower().count("</script") == 3
    assert [tag for tag, _ in parse(page).tags].count("script") == 3
    assert "<!--" not in page
    assert "<test>" not in page
    assert "重庆 &lt;test&gt; &amp; co" in page
    data = page_data(page)
    info = {
        entry["iri"]: (node, entry) for node, entry in zip(data["nodes"], data["info"], strict=True)
    }
    node, entry = info[str(HOSTILE)]
    assert entry["label"] == HOSTILE_LABEL  # the script shows it with textContent
    assert node[0] == HOSTILE_LABEL[:23] + "…"  # on the canvas, cut


def test_page_data_has_every_node_with_a_position_and_every_link(page: str) -> None:
    data = page_data(page)
    assert len(data["nodes"]) == len(NODES)
    assert len(data["edges"]) == EDGE_COUNT
    assert all(isinstance(x, float) and isinstance(y, float) for _, _, x, y, *_ in data["nodes"])
    assert len({(x, y) for _, _, x, y, *_ in data["nodes"]}) == len(NODES)
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["edges"]["smooth"] is False
    kinds = [kind for kind, *_ in data["kinds"]]
    assert kinds[0] == "AnnualReport"  # the legend starts with the reports
    relations = [name for name, _ in data["relations"]]
    iris = [entry["iri"] for entry in data["info"]]
    edges = {(iris[s], iris[t], relations[r]) for s, t, r in data["edges"]}
    assert (str(NUMBER_1), str(AGENCY), "issuedBy") in edges
    assert (str(REPORT), str(AGENCY), "publishedBy") in edges


def test_side_panel_data_has_aliases_facts_reports_and_evidence(page: str) -> None:
    data = page_data(page)
    info = {entry["iri"]: entry for entry in data["info"]}
    assert info[str(AGENCY)]["aliases"] == ["市政府办公厅", "重庆市政府办公厅"]
    assert ["prefix", "国办发"] in info[str(NUMBER_1)]["facts"]
    assert ["serial", "19"] in info[str(NUMBER_1)]["facts"]
    report = [r[0] for r in data["reports"]]
    assert len(report) == 1
    assert info[str(NUMBER_1)]["reports"] == [0]
    [(where, sentence, begin, end, count)] = info[str(NUMBER_1)]["evidence"]
    assert sentence[begin:end] == "国办发〔2016〕19号"
    assert count == 1
    # The text is not under the report's IRI here: it is named by its first line.
    assert where < 0
    assert data["sources"][-1 - where] == TITLE + "……国办发〔2016〕19号"


def test_same_graph_writes_byte_identical_pages(graph: Graph, tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    write_page(graph, first)
    shuffled = Graph()
    for triple in reversed(sample_triples()):
        shuffled.add(triple)
    write_page(shuffled, second)
    assert first.read_bytes() == second.read_bytes()


def test_a_large_graph_is_drawn_as_an_overview_that_says_how_to_see_the_rest(
    tmp_path: Path,
) -> None:
    g = Graph()
    for i in range(600):
        node = EX[f"agency/{i}"]
        g.add((node, RDF.type, GKG.Agency))
        g.add((node, GKG.operatedBy, EX[f"agency/{(i * 7) % 600}"]))
    path = tmp_path / "big.html"
    shown = write_page(g, path, view=View(max_nodes=100))
    assert len(shown.nodes) == 100
    data = page_data(path.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 100
    assert len(data["omitted"]) == 500  # still found by the search, with the way to draw them
    assert "kg viz --focus NAME" in data["notice"]
    assert data["notice"] in path.read_text(encoding="utf-8")


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    pytest.skip("Chromium not installed: apt-get install chromium")


def chromium_command(page: Path, profile: Path, *extra: str) -> list[str]:
    return [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=10000",
        *extra,
        page.resolve().as_uri(),
    ]


@pytest.mark.browser
def test_browser_draws_every_node_and_edge(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "graph.html"
    write_page(graph, path)
    result = subprocess.run(
        chromium_command(path, tmp_path / "profile", "--dump-dom"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    status = re.search(r'<div id="gkg-status">(.*?)</div>', result.stdout)
    assert status, result.stdout[-2000:]
    # Two links between the report and the agency are drawn as one edge.
    assert status.group(1) == f"drawn {len(NODES)} nodes, {EDGE_COUNT - 1} edges"
