"""The graph speaks the vocabularies the ontology aligns with: ORG, ELI, PROV, Data Cube."""

from __future__ import annotations

import hashlib

import pytest
from handmade import DOCUMENT, GOVERNMENT, NUMBER, OFFICE, TEXT, handmade_record
from rdflib import OWL, RDF, Dataset, Literal, URIRef

from kg.iri import DEFAULT_BASE, entity_iri
from kg.report_graph import build_graph
from kg.vocab import ELI, GKG, PROV, QB

REPORT = URIRef(f"{DEFAULT_BASE}report/chongqing-2016.txt")


@pytest.fixture(scope="module")
def graph() -> Dataset:
    return build_graph([handmade_record()], software="9.9.9")


def test_an_agency_is_also_typed_with_its_kind(graph: Dataset) -> None:
    office = entity_iri(DEFAULT_BASE, "agency", OFFICE)
    government = entity_iri(DEFAULT_BASE, "agency", GOVERNMENT)
    assert set(graph.objects(office, RDF.type)) == {GKG.Agency, GKG.Office}
    assert set(graph.objects(government, RDF.type)) == {GKG.Agency, GKG.Government}


def test_a_document_with_a_number_has_it_as_its_eli_local_identifier(graph: Dataset) -> None:
    document = entity_iri(DEFAULT_BASE, "document", NUMBER)  # minted from the number
    assert graph.value(document, GKG.hasDocumentNumber) == entity_iri(
        DEFAULT_BASE, "docnum", NUMBER
    )
    assert list(graph.objects(document, ELI.id_local)) == [Literal(NUMBER)]
    assert Literal(DOCUMENT, lang="zh") in set(graph.objects(document, None))


def test_each_statistic_is_an_observation_of_its_reports_data_set(graph: Dataset) -> None:
    (statistic,) = graph.subjects(RDF.type, GKG.Statistic)
    assert (statistic, RDF.type, QB.Observation) in graph
    dataset = graph.value(statistic, QB.dataSet)
    assert (dataset, RDF.type, QB.DataSet) in graph
    assert graph.value(dataset, QB.structure) == GKG.StatisticStructure
    assert graph.value(statistic, GKG.reportedIn) == REPORT
    assert (REPORT, GKG.hasStatistic, statistic) in graph


def test_the_report_is_derived_from_its_file_by_a_run_of_this_govkg(graph: Dataset) -> None:
    source = graph.value(REPORT, PROV.wasDerivedFrom)
    digest = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert graph.value(source, GKG.sha256) == Literal(digest)
    assert (source, RDF.type, PROV.Entity) in graph
    activity = graph.value(REPORT, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in graph
    assert (activity, PROV.used, source) in graph
    agent = graph.value(activity, PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.SoftwareAgent) in graph
    assert graph.value(agent, OWL.versionInfo) == Literal("9.9.9")


def test_provenance_lives_in_the_reports_named_graph(graph: Dataset) -> None:
    named = graph.graph(REPORT)
    assert named.value(REPORT, PROV.wasGeneratedBy) is not None
    assert named.value(REPORT, PROV.wasDerivedFrom) is not None


def test_no_clock_time_is_written(graph: Dataset) -> None:
    times = {"dateTime", "date", "time", "dateTimeStamp"}
    datatypes = {
        str(o.datatype).rsplit("#", 1)[-1] for o in graph.objects() if isinstance(o, Literal)
    }
    assert not datatypes & times
    assert not set(graph.predicates()) & {
        PROV.startedAtTime,
        PROV.endedAtTime,
        PROV.generatedAtTime,
    }


def test_a_record_without_a_digest_has_no_source_file_but_still_an_activity() -> None:
    import dataclasses

    record = dataclasses.replace(handmade_record(), sha256="")
    graph = build_graph([record], software="9.9.9")
    assert graph.value(REPORT, PROV.wasDerivedFrom) is None
    assert graph.value(REPORT, PROV.wasGeneratedBy) is not None
