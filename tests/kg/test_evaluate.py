"""``kg eval`` scores exactly as the reference scorer does, and gets hand-counted figures right."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from kg_subprocess import run_kg
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS
from samples import CORPUS, DATA, GOLD

from kg.corpus import build_corpus
from kg.evaluate import Accuracy, Figures, Provenance, StatisticKey, evaluate
from kg.vocab import GKG, NIF, ORG

ROOT = Path(__file__).parents[2]
ONTOLOGY = ROOT / "ontology"
EX = Namespace("https://example.org/eval/")


def reference(graph: Path, gold: Path, out: Path) -> dict[str, Any]:
    """What score.py writes with ``--json`` for ``graph`` against ``gold``."""
    command = [sys.executable, DATA / "score.py", graph, "--gold", gold]
    command += ["--ontology", ONTOLOGY, "--json", out]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return result


def comparable(result: dict[str, Any]) -> dict[str, Any]:
    """The JSON with its error lists as sets: score.py lists extras in set order."""
    errors = {
        (
            e["file"],
            e["type"],
            json.dumps(sorted(e["missed"])),
            json.dumps(sorted(map(json.dumps, e["extra"]))),
        )
        for e in result["errors"]
    }
    keys = ("summary", "attributes", "provenance", "missing")
    return {**{key: result[key] for key in keys}, "errors": errors}


def assert_agrees_with_reference(graph: Path, gold: Path, tmp_path: Path) -> None:
    ours = json.loads(evaluate([graph], gold, ontology=[ONTOLOGY]).to_json())
    assert comparable(ours) == comparable(reference(graph, gold, tmp_path / "reference.json"))


@pytest.fixture(scope="module")
def built_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    result = build_corpus([CORPUS], out)
    assert result.reports > 0
    return out / "graph.ttl"


def test_agrees_with_the_reference_scorer_on_the_graph_built_from_the_samples(
    built_graph: Path, tmp_path: Path
) -> None:
    assert_agrees_with_reference(built_graph, GOLD, tmp_path)


def noisy_copy_of_gold(gold_dir: Path) -> Dataset:
    """A graph made from the gold files with deterministic mistakes of every kind.

    Entities dropped, named by an alias, typed by a subclass, with wrong
    attributes or values; relations dropped; one report left out; extras added.
    """
    ds = Dataset()
    ds.add((EX.Channel, RDFS.subClassOf, GKG.DisclosureChannel))
    files = sorted(gold_dir.glob("*.json"))
    for number, path in enumerate(files[:-1]):  # the last report is missing from the graph
        data = json.loads(path.read_text("utf-8"))
        report = EX[data["report"]["file"]]
        g = ds.graph(report)
        nodes = {"report": report}
        for i, entity in enumerate(data["entities"]):
            if i % 7 == 3:
                continue
            node = nodes[entity["id"]] = EX[f"{number}/{entity['id']}"]
            add_entity(g, report, node, entity, i)
        for i, rel in enumerate(data["relations"]):
            if i % 4 != 3 and rel["s"] in nodes and rel["o"] in nodes:
                prop = ORG.subOrganizationOf if rel["p"] == "subOrganizationOf" else GKG[rel["p"]]
                g.add((nodes[rel["s"]], prop, nodes[rel["o"]]))
        extra = EX[f"{number}/extra"]
        g.add((extra, RDF.type, GKG.Agency))
        g.add((extra, RDFS.label, Literal(f"虚构机构{number}", lang="zh")))
        g.add((report, GKG.mentions, extra))
        g.add((extra, GKG.operatedBy, nodes.get("a1", extra)))
        add_report(g, report, data["report"], wrong_year=number == 1)
    context = EX.text
    ds.add((context, NIF.isString, Literal("国办发〔2016〕19号")))
    for begin, end, anchor in ((0, 3, "国办发"), (0, 2, "国办发")):
        mention = EX[f"mention/{begin}-{end}"]
        ds.add((mention, NIF.referenceContext, context))
        ds.add((mention, NIF.beginIndex, Literal(begin)))
        ds.add((mention, NIF.endIndex, Literal(end)))
        ds.add((mention, NIF.anchorOf, Literal(anchor)))
    return ds


def add_entity(g: Graph, report: URIRef, node: URIRef, entity: dict[str, Any], i: int) -> None:
    kind = entity["type"]
    if kind == "Statistic":
        g.add((report, GKG.hasStatistic, node))
        value = entity["value"] * (10 if i % 8 == 5 else 1)
        g.add((node, GKG.value, Literal(value)))
        g.add((node, GKG.unit, Literal(entity["unit"])))
        g.add((node, GKG.approximate, Literal(bool(entity["approximate"]) != (i % 6 == 0))))
        code = "fees" if i % 9 == 2 else entity.get("measure_code")
        if code and i % 4 != 1:
            g.add((node, GKG.measureCode, Literal(code)))
        return
    g.add((report, GKG.mentions, node))
    subclass = kind == "DisclosureChannel" and i % 3 == 0
    g.add((node, RDF.type, EX.Channel if subclass else GKG[kind]))
    aliases = entity.get("aliases") or []
    label = aliases[0] if aliases and i % 5 == 1 else entity["label"]
    g.add((node, RDFS.label, Literal(label, lang="zh")))
    if kind == "DocumentNumber":
        g.add((node, GKG.prefix, Literal(entity["prefix"])))
        g.add((node, GKG.year, Literal(entity["year"])))
        g.add((node, GKG.serial, Literal(entity["serial"] + (i % 4 == 2))))
    if kind == "DisclosureChannel" and entity.get("channel_type"):
        g.add((node, GKG.channelType, GKG.Print if i % 4 == 0 else GKG[entity["channel_type"]]))


def add_report(g: Graph, report: URIRef, fields: dict[str, Any], *, wrong_year: bool) -> None:
    g.add((report, RDF.type, GKG.AnnualReport))
    g.add((report, GKG.sourceFile, Literal(fields["file"])))
    g.add((report, DCTERMS.title, Literal(fields["title"], lang="zh")))
    region = EX["region/" + fields["region"]]
    g.add((report, GKG.region, region))
    g.add((region, RDFS.label, Literal(fields["region"], lang="zh")))
    g.add((report, GKG.year, Literal(fields["year"] + wrong_year)))
    for kind in [*fields["channel_types"][1:], "Email"]:
        g.add((report, GKG.usesChannelType, GKG[kind]))


@pytest.mark.parametrize("suffix", [".ttl", ".trig"])
# rdflib's own TriG code uses its deprecated API
@pytest.mark.filterwarnings("ignore:Dataset.contexts is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_agrees_with_the_reference_scorer_on_a_noisy_copy_of_the_gold(
    suffix: str, tmp_path: Path
) -> None:
    ds = noisy_copy_of_gold(GOLD)
    graph = tmp_path / f"noisy{suffix}"
    if suffix == ".trig":
        ds.serialize(graph, format="trig")
    else:
        union = Graph()
        for s, p, o, _ in ds.quads():
            union.add((s, p, o))
        union.serialize(graph, format="turtle")
    assert_agrees_with_reference(graph, GOLD, tmp_path)


TOY_GOLD = {
    "report": {
        "file": "toy.txt",
        "title": "某市2020年政府信息公开工作年度报告",
        "region": "某市",
        "year": 2020,
        "publisher": "某市人民政府办公厅",
        "channel_types": ["Website", "Hotline"],
    },
    "entities": [
        {"id": "a1", "type": "Agency", "label": "某市人民政府办公厅", "aliases": ["市政府办公厅"]},
        {"id": "a2", "type": "Agency", "label": "某市人民政府", "aliases": ["市政府"]},
        {
            "id": "n1",
            "type": "DocumentNumber",
            "label": "某府发〔2020〕3号",
            "prefix": "某府发",
            "year": 2020,
            "serial": 3,
        },
        {
            "id": "s1",
            "type": "Statistic",
            "value": 1200,
            "unit": "条",
            "approximate": False,
            "measure": "主动公开政府信息",
            "measure_code": "proactive_total",
        },
        {
            "id": "s2",
            "type": "Statistic",
            "value": 5,
            "unit": "件",
            "approximate": False,
            "measure": "收到申请",
        },
    ],
    "relations": [
        {"s": "report", "p": "publishedBy", "o": "a1"},
        {"s": "a1", "p": "subOrganizationOf", "o": "a2"},
    ],
}
ABSENT_GOLD = {
    "report": {
        "file": "absent.txt",
        "title": "某县报告",
        "region": "某县",
        "year": 2020,
        "publisher": "某县人民政府",
    },
    "entities": [{"id": "a1", "type": "Agency", "label": "某县人民政府"}],
}
TOY_GRAPH = """
@prefix gkg: <https://w3id.org/govkg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix : <https://example.org/toy/> .

:report a gkg:AnnualReport ;
    gkg:sourceFile "toy.txt" ;
    dcterms:title "某市2020年\\n政府信息公开工作年度报告" ;
    gkg:region :region ;
    gkg:year 2019 ;
    gkg:publishedBy :office ;
    gkg:usesChannelType gkg:Website, gkg:Email ;
    gkg:mentions :office, :finance ;
    gkg:hasStatistic :total, :seven .
:region rdfs:label "某市"@zh .
:office a gkg:Agency ; rdfs:label "市政府办公厅"@zh ; org:subOrganizationOf :finance .
:finance a gkg:Agency ; rdfs:label "某市财政局"@zh .
:total a gkg:Statistic ; gkg:value 1200.0 ; gkg:unit "条" ; gkg:approximate true ;
    gkg:measureCode "proactive_total" .
:seven a gkg:Statistic ; gkg:value 7 ; gkg:unit "件" .
:text nif:isString "市政府办公厅发布" .
:good nif:referenceContext :text ; nif:beginIndex 0 ; nif:endIndex 6 ; nif:anchorOf "市政府办公厅" .
:bad nif:referenceContext :text ; nif:beginIndex 1 ; nif:endIndex 6 ; nif:anchorOf "市政府办公厅" .
"""


@pytest.fixture
def toy(tmp_path: Path) -> tuple[Path, Path]:
    gold = tmp_path / "gold"
    gold.mkdir()
    for name, data in (("toy.json", TOY_GOLD), ("absent.json", ABSENT_GOLD)):
        (gold / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    graph = tmp_path / "toy.ttl"
    graph.write_text(TOY_GRAPH, encoding="utf-8")
    return graph, gold


def test_hand_counted_figures_of_a_toy_graph(toy: tuple[Path, Path]) -> None:
    result = evaluate([toy[0]], toy[1])
    figures = result.figures
    assert figures["Agency"] == Figures(tp=1, pred=2, gold=3)  # 市政府办公厅 is a1's alias
    assert (figures["Agency"].precision, figures["Agency"].recall) == (0.5, 1 / 3)
    assert figures["Agency"].f1 == pytest.approx(0.4)
    assert figures["Statistic"] == Figures(tp=1, pred=2, gold=2)  # 1200.0条 is 1200条
    assert figures["DocumentNumber"] == Figures(tp=0, pred=0, gold=1)
    assert figures["ENTITIES"] == Figures(tp=2, pred=4, gold=6)
    assert figures["rel:publishedBy"] == Figures(tp=1, pred=1, gold=1)
    assert figures["rel:subOrganizationOf"] == Figures(tp=0, pred=1, gold=1)
    assert figures["RELATIONS"] == Figures(tp=1, pred=2, gold=2)
    assert figures["field:title"] == Figures(1, 1, 1)  # the line break is layout
    assert figures["field:region"] == Figures(1, 1, 1)
    assert figures["field:year"] == Figures(0, 1, 1)
    assert figures["field:publisher"] == Figures(0, 1, 1)  # needs the full name as a label
    assert figures["field:channel_types"] == Figures(1, 2, 2)
    assert result.attributes == {
        "Statistic.approximate": Accuracy(0, 1),
        "Statistic.measure_code": Accuracy(1, 1),
    }
    assert result.provenance == Provenance(verified=1, failed=1)
    assert result.missing == ("absent.txt",)


def test_toy_graph_lists_what_was_missed_and_what_was_extra(toy: tuple[Path, Path]) -> None:
    errors = {e.key: e for e in evaluate([toy[0]], toy[1]).errors if e.file == "toy.txt"}
    assert (errors["Agency"].missed, errors["Agency"].extra) == (
        ("某市人民政府",),
        (("某市财政局",),),
    )
    assert errors["Statistic"].missed == ("5件 收到申请",)
    assert errors["Statistic"].extra == (StatisticKey(7.0, "件", ""),)
    assert errors["rel:subOrganizationOf"].missed == (
        "某市人民政府办公厅 --subOrganizationOf--> 某市人民政府",
    )
    assert errors["rel:subOrganizationOf"].extra == (
        "某市人民政府办公厅 --subOrganizationOf--> 某市财政局",
    )


def test_toy_graph_agrees_with_the_reference_scorer(toy: tuple[Path, Path], tmp_path: Path) -> None:
    assert_agrees_with_reference(*toy, tmp_path)


def test_equal_figures_pair_by_measure_code_first(tmp_path: Path) -> None:
    gold = {
        **TOY_GOLD,
        "relations": [],
        "entities": [
            {
                "id": "r",
                "type": "Statistic",
                "value": 93,
                "unit": "件",
                "measure_code": "applications_received",
            },
            {
                "id": "d",
                "type": "Statistic",
                "value": 93,
                "unit": "件",
                "measure_code": "applications_answered",
            },
        ],
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    graph = tmp_path / "graph.ttl"
    graph.write_text(
        "@prefix gkg: <https://w3id.org/govkg/ontology#> .\n"
        '<urn:r> gkg:sourceFile "toy.txt" ; gkg:hasStatistic <urn:a>, <urn:b> .\n'
        '<urn:a> gkg:value 93 ; gkg:unit "件" ; gkg:measureCode "applications_answered" .\n'
        '<urn:b> gkg:value 93 ; gkg:unit "件" ; gkg:measureCode "applications_received" .\n',
        encoding="utf-8",
    )
    result = evaluate([graph], tmp_path / "gold.json")
    assert result.figures["Statistic"] == Figures(2, 2, 2)
    assert result.attributes["Statistic.measure_code"] == Accuracy(2, 2)


def test_cli_names_a_missing_graph_in_one_line_and_exits_3(tmp_path: Path) -> None:
    result = run_kg("eval", tmp_path / "nope.ttl", "--gold", GOLD, cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr.strip().count("\n") == 0
    assert "nope.ttl" in result.stderr and "Traceback" not in result.stderr


def test_cli_names_a_graph_that_does_not_parse(tmp_path: Path) -> None:
    (tmp_path / "broken.ttl").write_text("<a> <b> [[[ .", encoding="utf-8")
    result = run_kg("eval", "broken.ttl", "--gold", GOLD, cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr.strip().count("\n") == 0 and "broken.ttl" in result.stderr


def test_cli_prints_the_table_and_writes_the_library_json(
    built_graph: Path, tmp_path: Path
) -> None:
    out = tmp_path / "eval.json"
    result = run_kg("eval", built_graph, "--gold", GOLD, "--json", out, "--errors", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "DocumentNumber" in result.stdout and "RELATIONS (micro)" in result.stdout
    assert "provenance:" in result.stdout
    expected = evaluate([built_graph], GOLD, ontology=[ONTOLOGY]).to_dict()
    assert json.loads(out.read_text("utf-8")) == expected
