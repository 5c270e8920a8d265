"""Tables that do not add up: notes in the graph, checked by the shapes, counted by builds."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from handmade import handmade_record
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.compare import isomorphic
from samples import CORPUS

from extract.records import QualityNote
from kg.corpus import build_corpus
from kg.export import union_graph
from kg.report_graph import build_graph
from kg.validate import check_shapes, read_turtle
from kg.vocab import GKG

ONTOLOGY = Path(__file__).parents[2] / "ontology"
NOTE = QualityNote(
    check="table3-outcome-sum",
    table=3,
    place="总计",
    expected=Decimal(27),
    found=Decimal(21),
    label="表三办理结果分项之和与总计不符：总计",
    comment_zh="表三“总计”列：第三项（办理结果）各分项之和为27，而（七）总计为21",
    comment_en="Table 3, column 总计: the outcome rows of item three add up to 27, "
    "but its total is 21",
)


def with_note(*notes: QualityNote) -> Graph:
    return union_graph(build_graph([dataclasses.replace(handmade_record(), quality_notes=notes)]))


def test_a_note_is_a_node_of_its_report_with_both_sides() -> None:
    graph = with_note(NOTE)
    [report] = graph.subjects(RDF.type, GKG.AnnualReport)
    [note] = graph.objects(report, GKG.hasQualityNote)
    assert (note, RDF.type, GKG.DataQualityNote) in graph
    assert graph.value(note, GKG.qualityCheck) == Literal("table3-outcome-sum")
    assert graph.value(note, GKG.expectedValue).toPython() == 27
    assert graph.value(note, GKG.foundValue).toPython() == 21
    assert graph.value(note, RDFS.label) == Literal(NOTE.label, lang="zh")
    comments = set(graph.objects(note, RDFS.comment))
    assert comments == {Literal(NOTE.comment_zh, lang="zh"), Literal(NOTE.comment_en, lang="en")}
    assert str(note).startswith(str(report) + "/quality/table3-outcome-sum/")


def test_a_report_whose_tables_add_up_has_no_note_and_the_rest_is_unchanged() -> None:
    plain = union_graph(build_graph([handmade_record()]))
    assert not list(plain.subjects(RDF.type, GKG.DataQualityNote))
    noted = with_note(NOTE)
    for note in list(noted.subjects(RDF.type, GKG.DataQualityNote)):
        noted.remove((note, None, None))
        noted.remove((None, None, note))
    assert isomorphic(noted, plain)


def test_notes_are_written_the_same_way_every_time() -> None:
    other = dataclasses.replace(NOTE, place="自然人", expected=Decimal(26), found=Decimal(20))
    first, second = with_note(NOTE, other), with_note(NOTE, other)
    assert isomorphic(first, second)
    assert len(set(first.subjects(RDF.type, GKG.DataQualityNote))) == 2


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return read_turtle(ONTOLOGY / "govkg.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return read_turtle(ONTOLOGY / "shapes.ttl")


def test_a_note_conforms_to_the_shapes(ontology: Graph, shapes: Graph) -> None:
    assert check_shapes(with_note(NOTE), ontology=ontology, shapes=shapes) == []


def test_a_note_that_reports_nothing_wrong_or_an_unknown_check_is_caught(
    ontology: Graph, shapes: Graph
) -> None:
    graph = with_note(dataclasses.replace(NOTE, found=Decimal(27)))
    [note] = graph.subjects(RDF.type, GKG.DataQualityNote)
    graph.set((note, GKG.qualityCheck, Literal("table9-guess")))
    rules = {finding.rule for finding in check_shapes(graph, ontology=ontology, shapes=shapes)}
    assert any("reports nothing wrong" in rule for rule in rules), rules
    assert any("four checks" in rule for rule in rules), rules


def test_building_the_samples_records_the_notes_of_pingtan_2020(tmp_path: Path) -> None:
    result = build_corpus([CORPUS], tmp_path)
    assert result.entities["DataQualityNote"] == 2
    graph = Graph().parse(tmp_path / "graph.ttl")
    notes = {
        (str(graph.value(report, GKG.sourceFile)), graph.value(n, RDFS.label).split("：")[-1],
         graph.value(n, GKG.expectedValue).toPython(), graph.value(n, GKG.foundValue).toPython())
        for report, n in graph.subject_objects(GKG.hasQualityNote)
    }  # fmt: skip
    # pingtan-2020's outcome rows add up to 27 (自然人: 26) against its 总计 21 (20)
    assert notes == {("pingtan-2020.txt", "总计", 27, 21), ("pingtan-2020.txt", "自然人", 26, 20)}
