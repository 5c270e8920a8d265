"""``kg validate``: built graphs conform; broken ones are caught, each naming the node at fault."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from handmade import DOCUMENT, GOVERNMENT, ISSUER, NUMBER, OFFICE, REFORM, handmade_record
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from samples import CORPUS
from typer.testing import CliRunner

from kg.cli import app
from kg.corpus import build_corpus
from kg.diagnosis import explain_inconsistency
from kg.export import union_graph
from kg.iri import DEFAULT_BASE, entity_iri
from kg.report_graph import build_graph
from kg.validate import Validation, read_turtle, validate_file, validate_graph
from kg.vocab import GKG, NIF, ORG

ROOT = Path(__file__).parents[2]
ONTOLOGY = ROOT / "ontology"
needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return read_turtle(ONTOLOGY / "govkg.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return read_turtle(ONTOLOGY / "shapes.ttl")


@pytest.fixture(scope="module")
def samples_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    result = build_corpus([CORPUS], out)
    assert result.reports == 4 and not result.failures
    return out / "graph.ttl"


def handmade() -> Graph:
    return union_graph(build_graph([handmade_record()]))


def node(segment: str, label: str) -> URIRef:
    return entity_iri(DEFAULT_BASE, segment, label)


def lines(result: Validation) -> list[str]:
    return [f"{f.severity} {f.line()}" for f in result.findings]


@needs_java
def test_the_graph_kg_build_writes_for_the_samples_conforms_and_is_consistent(
    samples_graph: Path,
) -> None:
    result = validate_file(samples_graph)
    assert lines(result) == []
    assert result.consistency is not None and result.consistency.consistent


@needs_java
def test_a_report_with_every_kind_of_entity_and_relation_conforms(
    ontology: Graph, shapes: Graph
) -> None:
    result = validate_graph(handmade(), ontology=ontology, shapes=shapes)
    assert lines(result) == []
    assert result.consistency is not None and result.consistency.consistent


def test_the_diagnosis_finds_nothing_wrong_in_graphs_that_are_right(
    samples_graph: Path, ontology: Graph
) -> None:
    assert explain_inconsistency(Graph().parse(samples_graph), ontology) == ()
    assert explain_inconsistency(handmade(), ontology) == ()


def _without_serial(g: Graph) -> None:
    g.remove((node("docnum", NUMBER), GKG.serial, None))


def _text_value(g: Graph) -> None:
    statistic = next(g.subjects(RDF.type, GKG.Statistic))
    g.set((statistic, GKG.value, Literal("十万余")))


def _unknown_kind(g: Graph) -> None:
    channel = next(g.subjects(RDF.type, GKG.DisclosureChannel))
    g.set((channel, GKG.channelType, URIRef(f"{GKG._NS}Telepathy")))


def _own_sub_organisation(g: Graph) -> None:
    g.add((node("agency", GOVERNMENT), ORG.subOrganizationOf, node("agency", GOVERNMENT)))


def _cycle(g: Graph) -> None:
    g.add((node("agency", GOVERNMENT), ORG.subOrganizationOf, node("agency", OFFICE)))


def _unmentioned(g: Graph) -> None:
    g.remove((None, GKG.mentions, node("reform", REFORM)))


def _wrong_anchor(g: Graph) -> None:
    mention = next(g.subjects(NIF.anchorOf, Literal(REFORM)))
    g.set((mention, NIF.anchorOf, Literal("三公开")))


def _publisher_not_an_agency(g: Graph) -> None:
    report = next(g.subjects(RDF.type, GKG.AnnualReport))
    g.set((report, GKG.publishedBy, node("reform", REFORM)))


def _year_as_text(g: Graph) -> None:
    g.set((node("docnum", NUMBER), GKG.year, Literal("二〇一六")))


def _label_not_the_number(g: Graph) -> None:
    g.set((node("docnum", NUMBER), RDFS.label, Literal("国办发〔2016〕91号", lang="zh")))


def _topic_off_the_list(g: Graph) -> None:
    topic = next(g.subjects(RDF.type, GKG.Topic))
    g.set((topic, RDFS.label, Literal("天气预报", lang="zh")))


def _unknown_measure_code(g: Graph) -> None:
    statistic = next(g.subjects(RDF.type, GKG.Statistic))
    g.set((statistic, GKG.measureCode, Literal("proactive")))


def _report_without_year(g: Graph) -> None:
    g.remove((None, GKG.year, Literal(2016)))
    g.add((node("docnum", NUMBER), GKG.year, Literal(2016)))


BROKEN: dict[str, tuple[Callable[[Graph], None], str, str]] = {
    # name: (how to break the hand-made graph, the node named, words of the rule)
    "document number without serial": (_without_serial, NUMBER, "exactly one gkg:serial"),
    "statistic whose value is text": (_text_value, "105.95万余条", "gkg:value, a number"),
    "channel with an unknown kind": (_unknown_kind, "重庆市政府公众信息网", "gkg:channelType"),
    "agency its own sub-organisation": (_own_sub_organisation, GOVERNMENT, "of itself"),
    "agencies in a cycle": (_cycle, OFFICE, "of itself"),
    "entity no report mentions": (_unmentioned, REFORM, "no report mentions it"),
    "mention whose anchor is not its text": (_wrong_anchor, "text#char=0,", "nif:anchorOf"),
    "publisher that is not an agency": (_publisher_not_an_agency, "年度报告", "gkg:publishedBy"),
    "document number year as text": (_year_as_text, NUMBER, "gkg:year, an integer"),
    "number label not its parts": (_label_not_the_number, "国办发〔2016〕91号", "prefix〔year〕"),
    "topic off the controlled list": (_topic_off_the_list, "天气预报", "controlled list"),
    "unknown measure code": (_unknown_measure_code, "105.95万余条", "gkg:measureCode"),
    "report without year": (_report_without_year, "年度报告", "exactly one gkg:year"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_graph_gets_a_violation_naming_the_node(
    name: str, ontology: Graph, shapes: Graph
) -> None:
    breaks, named, rule = BROKEN[name]
    graph = handmade()
    breaks(graph)
    result = validate_graph(graph, ontology=ontology, shapes=shapes, reason=False)
    assert not result.conforms
    hits = [f for f in result.violations if named in f.node and rule in f.rule]
    assert hits, f"no violation names {named!r} with {rule!r}: {lines(result)}"


def test_a_text_value_is_shown_with_its_violation(ontology: Graph, shapes: Graph) -> None:
    graph = handmade()
    _text_value(graph)
    result = validate_graph(graph, ontology=ontology, shapes=shapes, reason=False)
    assert any(f.value == '"十万余"' for f in result.violations), lines(result)


def _document_as_issuer(g: Graph) -> None:
    g.add((node("document", NUMBER), GKG.issuedBy, node("document", NUMBER)))


def _two_years(g: Graph) -> None:
    g.add((node("docnum", NUMBER), GKG.year, Literal(2017)))


def _ill_typed_year(g: Graph) -> None:
    integer = URIRef("http://www.w3.org/2001/XMLSchema#integer")
    g.set((node("docnum", NUMBER), GKG.year, Literal("二〇一六", datatype=integer)))


INCONSISTENT: dict[str, tuple[Callable[[Graph], None], str, str]] = {
    "ill-typed literal, which owlready2 cannot read": (_ill_typed_year, NUMBER, "not a valid"),
    "statistic whose value is text": (_text_value, "105.95万余条", "xsd:decimal"),
    "document that is also an agency": (_document_as_issuer, DOCUMENT, "disjoint"),
    "document number with two years": (_two_years, NUMBER, "which allows one"),
}


@needs_java
@pytest.mark.parametrize("name", INCONSISTENT)
def test_hermit_finds_an_inconsistent_graph_and_the_node_is_named(
    name: str, ontology: Graph, shapes: Graph
) -> None:
    breaks, named, words = INCONSISTENT[name]
    graph = handmade()
    breaks(graph)
    result = validate_graph(graph, ontology=ontology, shapes=shapes)
    assert result.consistency is not None and not result.consistency.consistent
    reasoned = [f for f in result.violations if f.check == "reasoner"]
    assert any(named in f.rule and words in f.rule for f in reasoned), lines(result)


def test_an_issuer_kind_is_not_confused_with_its_document(ontology: Graph) -> None:
    # the issuer agency and the document share words; only the document is a document
    assert explain_inconsistency(handmade(), ontology) == ()
    assert (node("agency", ISSUER), RDF.type, GKG.Office) in handmade()


runner = CliRunner()


def test_cli_exits_0_and_says_the_graph_conforms(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    handmade().serialize(path, format="turtle")
    result = runner.invoke(app, ["validate", str(path), "--no-reason"])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output and "0 violations" in result.output


def test_cli_prints_one_line_per_violation_and_exits_1(tmp_path: Path) -> None:
    graph = handmade()
    _without_serial(graph)
    _unknown_kind(graph)
    path = tmp_path / "graph.ttl"
    graph.serialize(path, format="turtle")
    result = runner.invoke(app, ["validate", str(path), "--no-reason"])
    assert result.exit_code == 1
    violations = [line for line in result.output.splitlines() if line.startswith("violation")]
    assert len(violations) == 2
    assert any(NUMBER in line and "gkg:serial" in line for line in violations)
    assert any("gkg:Telepathy" in line for line in violations)


@pytest.mark.parametrize("content", [None, "this is not turtle <", ""])
def test_cli_a_missing_or_unreadable_graph_is_one_line_and_exit_3(
    tmp_path: Path, content: str | None
) -> None:
    path = tmp_path / "graph.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0 and str(path) in result.output


def test_cli_a_report_without_source_file_is_a_warning_not_a_violation(tmp_path: Path) -> None:
    record = dataclasses.replace(handmade_record(), sha256="")
    path = tmp_path / "graph.ttl"
    union_graph(build_graph([record])).serialize(path, format="turtle")
    result = runner.invoke(app, ["validate", str(path), "--no-reason"])
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if line.startswith("warning")] != []
    assert "0 violations, 1 warning;" in result.output


def test_cli_without_a_graph_and_before_any_build_says_to_build_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 3
    assert "run `kg build` first" in result.output
