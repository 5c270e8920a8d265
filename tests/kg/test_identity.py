"""Identity across reports: what two reports share is one node, and nothing else is."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDFS, Dataset, Literal, URIRef
from rdflib.namespace import SKOS
from samples import CORPUS, GOLD

from extract.pipeline import extract_file
from extract.records import ReportRecord
from kg.export import union_graph, write_turtle
from kg.identity import Canon, Named, ReportFacts, Resolution, address
from kg.iri import DEFAULT_BASE, entity_iri, report_iri
from kg.report_graph import build_graph
from kg.vocab import GKG

ROOT = Path(__file__).parents[2]
CHONGQING = ("chongqing-2012.txt", "chongqing-2016.txt")
SHARED = {
    "agency": ("重庆市人民政府", "国务院办公厅"),
    "channel": ("www.cq.gov.cn",),  # the city portal, named differently by the two reports
    "document": ("中华人民共和国政府信息公开条例",),
}


@pytest.fixture(scope="module")
def records() -> list[ReportRecord]:
    return [extract_file(CORPUS / name) for name in CHONGQING]


@pytest.fixture(scope="module")
def joint(records: list[ReportRecord]) -> Dataset:
    return build_graph(records)


@pytest.mark.parametrize(("segment", "key"), [(s, k) for s, keys in SHARED.items() for k in keys])
def test_an_entity_both_chongqing_reports_name_is_one_node_both_mention(
    joint: Dataset, segment: str, key: str
) -> None:
    node = entity_iri(DEFAULT_BASE, segment, key)
    reports = {report_iri(DEFAULT_BASE, name) for name in CHONGQING}
    assert set(joint.subjects(GKG.mentions, node)) == reports
    assert len(set(joint.objects(node, RDFS.label))) == 1


def test_the_portal_carries_the_aliases_of_both_reports(joint: Dataset) -> None:
    portal = entity_iri(DEFAULT_BASE, "channel", "www.cq.gov.cn")
    aliases = {str(a) for a in joint.objects(portal, SKOS.altLabel)}
    assert {"www.cq.gov.cn", "重庆市人民政府网站"} <= aliases  # 2012's address and label
    assert {"重庆市人民政府门户网站", "重庆市政府公众信息网"} <= aliases  # 2016's names
    # the description is said once, in the shared graph, not in each report's graph
    alias = (portal, SKOS.altLabel, Literal("www.cq.gov.cn", lang="zh"))
    assert alias in joint.graph(URIRef(DEFAULT_BASE + "graph/shared"))
    for name in CHONGQING:
        assert alias not in joint.graph(report_iri(DEFAULT_BASE, name))


def test_each_shared_triple_is_in_one_graph_only(joint: Dataset) -> None:
    seen: dict[tuple[object, object, object], int] = {}
    for s, p, o, _ in joint.quads((None, None, None, None)):
        seen[(s, p, o)] = seen.get((s, p, o), 0) + 1
    assert seen and max(seen.values()) == 1


def _score(graph: Path, gold: Path, tmp_path: Path) -> dict[str, dict[str, float]]:
    out = tmp_path / f"{graph.stem}-{gold.stem}.json"
    command = [sys.executable, str(ROOT / "tests/data/score.py"), str(graph), "--gold", str(gold)]
    command += ["--ontology", str(ROOT / "ontology"), "--json", str(out)]
    subprocess.run(command, check=True, capture_output=True)
    summary: dict[str, dict[str, float]] = json.loads(out.read_text("utf-8"))["summary"]
    return summary


def test_building_together_scores_no_lower_than_building_one_at_a_time(
    records: list[ReportRecord], tmp_path: Path
) -> None:
    joint = tmp_path / "joint.ttl"
    write_turtle(union_graph(build_graph(records)), joint)
    for record in records:
        alone = tmp_path / f"alone-{record.source_file}.ttl"
        write_turtle(union_graph(build_graph([record])), alone)
        gold = GOLD / record.source_file.replace(".txt", ".json")
        together, apart = _score(joint, gold, tmp_path), _score(alone, gold, tmp_path)
        assert set(together) == set(apart)
        lower = {
            k: (together[k]["f1"], apart[k]["f1"])
            for k in apart
            if together[k]["f1"] < apart[k]["f1"]
        }
        assert not lower, f"{record.source_file}: scores lower when built together: {lower}"
        assert together["ENTITIES"]["tp"] >= apart["ENTITIES"]["tp"]


def channel(label: str, *aliases: str, kind: str = "Website") -> Named:
    return Named("DisclosureChannel", label, aliases, None, kind)


def document(label: str, number: str | None = None) -> Named:
    return Named("PolicyDocument", label, (), number, "通知")


def canon(resolution: Resolution, facts: ReportFacts, entity: Named) -> Canon:
    return resolution.canons(facts)[(entity.kind, entity.label)]


def test_a_label_another_report_gives_as_an_alias_joins_them_under_the_address() -> None:
    a = ReportFacts("a.txt", "重庆市", (channel("重庆市人民政府网站", "http://www.cq.gov.cn/"),))
    b = ReportFacts("b.txt", "重庆市", (channel("重庆市人民政府公众信息网", "重庆市人民政府网站"),))
    resolution = Resolution([a, b])
    expected = Canon("www.cq.gov.cn", "重庆市人民政府公众信息网")  # the longest label names it
    assert canon(resolution, a, a.entities[0]) == canon(resolution, b, b.entities[0]) == expected


def test_two_reports_sharing_only_a_generic_alias_stay_apart() -> None:
    a = ReportFacts("a.txt", "重庆市", (channel("重庆市人民政府网站", "市政府网站"),))
    b = ReportFacts("b.txt", "广州市", (channel("广州市人民政府网站", "市政府网站"),))
    resolution = Resolution([a, b])
    assert canon(resolution, a, a.entities[0]) != canon(resolution, b, b.entities[0])


def test_a_name_that_does_not_say_where_counts_within_its_region_only() -> None:
    hotline = channel("12345热线", kind="Hotline")
    a = ReportFacts("a-2020.txt", "平潭综合实验区", (hotline,))
    b = ReportFacts("a-2023.txt", "平潭综合实验区", (hotline,))
    c = ReportFacts("c.txt", "安吉县", (hotline,))
    resolution = Resolution([a, b, c])
    assert canon(resolution, a, hotline) == canon(resolution, b, hotline)
    assert canon(resolution, a, hotline).key == "平潭综合实验区12345热线"
    assert canon(resolution, c, hotline).key == "安吉县12345热线"
    assert canon(resolution, a, hotline).label == "12345热线"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            document("关于印发工作要点的通知", "国办发〔2016〕19号"),
            document("关于印发工作要点的通知", "国办发〔2017〕24号"),
        ),
        (channel("重庆市政府网", kind="Website"), channel("重庆市政府网", kind="Microblog")),
        (
            channel("市长信箱", "mayor@cq.gov.cn", kind="Email"),
            channel("市长信箱", "mayor@gz.gov.cn", kind="Email"),
        ),
    ],
    ids=["different-numbers", "different-kinds", "different-addresses"],
)
def test_entities_that_differ_in_number_kind_or_address_stay_apart(
    first: Named, second: Named
) -> None:
    a, b = ReportFacts("a.txt", "重庆市", (first,)), ReportFacts("b.txt", "重庆市", (second,))
    resolution = Resolution([a, b])
    assert canon(resolution, a, first) != canon(resolution, b, second)


def test_two_entities_of_one_report_are_never_merged_through_another() -> None:
    sina, weibo = (
        channel("新浪网", kind="ThirdPartyPlatform"),
        channel("新浪微博", kind="ThirdPartyPlatform"),
    )
    a = ReportFacts("a.txt", "重庆市", (sina, weibo))
    bridge = channel("新浪", "新浪网", "新浪微博", kind="ThirdPartyPlatform")
    b = ReportFacts("b.txt", "重庆市", (bridge,))
    resolution = Resolution([a, b])
    assert canon(resolution, a, sina) != canon(resolution, a, weibo)


def test_identities_do_not_depend_on_the_order_of_the_reports(records: list[ReportRecord]) -> None:
    from kg.identity import report_facts

    facts = [report_facts(r) for r in records]
    facts += [
        ReportFacts("x.txt", "重庆市", (channel("重庆市人民政府门户网站", "www.cq.gov.cn"),)),
        ReportFacts("y.txt", "重庆市", (channel("重庆市政府公众信息网", "重庆市人民政府网站"),)),
    ]
    expected = {f.report: Resolution(facts).canons(f) for f in facts}
    for seed in range(5):
        shuffled = random.Random(seed).sample(facts, len(facts))
        resolution = Resolution(shuffled)
        assert {f.report: resolution.canons(f) for f in facts} == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("www.cq.gov.cn", "www.cq.gov.cn"),
        ("HTTP://WWW.CQ.GOV.CN/", "www.cq.gov.cn"),
        ("cqhkql@163.com", "cqhkql@163.com"),
        ("重庆市人民政府网站", None),
        ("12345", None),
    ],
)
def test_an_address_is_a_web_or_mail_address_in_one_form(name: str, expected: str | None) -> None:
    assert address(name) == expected


def test_rebuilding_gives_the_same_iris(records: list[ReportRecord]) -> None:
    first = set(union_graph(build_graph(records)).subjects())
    second = set(union_graph(build_graph(list(reversed(records)))).subjects())
    assert first == second
    assert all(isinstance(node, URIRef) for node in first)
