"""The graph: contract terms, NIF provenance that points into the text, determinism."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, Dataset, Graph, URIRef
from samples import CORPUS, SAMPLES

from extract.pipeline import extract_file
from extract.records import ReportRecord
from kg.export import union_graph, write_turtle
from kg.report_graph import build_graph
from kg.vocab import GKG, ITSRDF, NIF


@pytest.fixture(scope="module")
def records() -> list[ReportRecord]:
    return [extract_file(CORPUS / name) for name in SAMPLES]


@pytest.fixture(scope="module")
def dataset(records: list[ReportRecord]) -> Dataset:
    return build_graph(records)


def test_each_report_is_an_annual_report_in_a_named_graph_of_its_own(dataset: Dataset) -> None:
    reports = sorted(dataset.subjects(RDF.type, GKG.AnnualReport))
    assert len(reports) == len(SAMPLES)
    for report in reports:
        assert isinstance(report, URIRef)
        graph = dataset.graph(report)
        assert (report, RDF.type, GKG.AnnualReport) in graph
        assert graph.value(report, GKG.sourceFile) is not None


def test_every_mention_points_at_its_anchor_in_the_report_text(dataset: Dataset) -> None:
    texts = {ctx: str(text) for ctx, text in dataset.subject_objects(NIF.isString)}
    mentions = list(dataset.subject_objects(NIF.referenceContext))
    assert mentions
    for mention, context in mentions:
        begin = int(dataset.value(mention, NIF.beginIndex))
        end = int(dataset.value(mention, NIF.endIndex))
        assert texts[context][begin:end] == str(dataset.value(mention, NIF.anchorOf))
        entity = dataset.value(mention, ITSRDF.taIdentRef)
        assert (None, GKG.mentions, entity) in dataset


def test_a_number_cited_by_two_reports_is_one_node(tmp_path: Path) -> None:
    text = "某市2016年政府信息公开工作年度报告\n按照（国办发〔2016〕19号）要求。"
    for name in ("a-2016.txt", "b-2016.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    ds = build_graph([extract_file(tmp_path / "a-2016.txt"), extract_file(tmp_path / "b-2016.txt")])
    (node,) = set(ds.subjects(RDF.type, GKG.DocumentNumber))
    assert len(set(ds.subjects(GKG.mentions, node))) == 2


def test_same_input_gives_byte_identical_turtle(
    records: list[ReportRecord], tmp_path: Path
) -> None:
    first, second = tmp_path / "1.ttl", tmp_path / "2.ttl"
    write_turtle(union_graph(build_graph(records)), first)
    write_turtle(union_graph(build_graph(list(reversed(records)))), second)
    assert first.read_bytes() == second.read_bytes()


def test_turtle_parses_in_an_independent_parser(dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    count = write_turtle(union_graph(dataset), path)
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == count
    assert len(Graph().parse(path, format="turtle")) == count
