"""Records in, RDF out: a pure function with no I/O and no globals.

Each report's statements go into a named graph of its own (its IRI is the
report's); mentions carry NIF provenance into the repaired text.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.graph import Graph
from rdflib.namespace import DCTERMS, SKOS

from extract.normalize import squeeze_whitespace
from extract.records import DocumentNumber, Mention, Organization, ReportRecord
from kg.iri import DEFAULT_BASE, entity_iri, report_iri
from kg.vocab import GKG, ITSRDF, NIF, ORG

PREFIXES = {
    "gkg": GKG._NS,
    "org": ORG,
    "nif": NIF._NS,
    "itsrdf": ITSRDF._NS,
    "skos": SKOS._NS,
    "dcterms": DCTERMS._NS,
    "xsd": XSD._NS,
}


def new_dataset() -> Dataset:
    ds = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        ds.bind(prefix, namespace, override=True)
    return ds


def build_graph(reports: Iterable[ReportRecord], *, base: str = DEFAULT_BASE) -> Dataset:
    """Same input, same triples: IRIs come from kinds and normalised keys."""
    ds = new_dataset()
    for report in reports:
        add_report(ds, report, base=base)
    return ds


def add_report(ds: Dataset, report: ReportRecord, *, base: str = DEFAULT_BASE) -> URIRef:
    """Add one report's named graph to ``ds`` and return the report's IRI."""
    subject = report_iri(base, report.source_file)
    graph = ds.graph(subject)
    graph.add((subject, RDF.type, GKG.AnnualReport))
    graph.add((subject, GKG.sourceFile, Literal(report.source_file)))
    if report.sha256:
        graph.add((subject, GKG.sha256, Literal(report.sha256)))
    graph.add((subject, DCTERMS.title, Literal(report.title, lang="zh")))
    graph.add((subject, RDFS.label, Literal(report.title, lang="zh")))
    if report.year is not None:
        graph.add((subject, GKG.year, Literal(report.year, datatype=XSD.integer)))
    if report.region:
        region = entity_iri(base, "region", report.region)
        graph.add((region, RDF.type, GKG.Region))
        graph.add((region, RDFS.label, Literal(report.region, lang="zh")))
        graph.add((subject, GKG.region, region))
    context = _add_context(graph, subject, report.text)
    if report.publisher is not None:
        agency = _add_organization(graph, report.publisher, base)
        graph.add((subject, GKG.publishedBy, agency))
        _add_mentions(graph, subject, context, agency, report.publisher.mentions)
    for number in report.document_numbers:
        node = _add_document_number(graph, number, base)
        _add_mentions(graph, subject, context, node, number.mentions)
    return subject


def _add_context(graph: Graph, report: URIRef, text: str) -> URIRef:
    context = URIRef(f"{report}/text#char=0,{len(text)}")
    graph.add((context, RDF.type, NIF.Context))
    graph.add((context, RDF.type, NIF.OffsetBasedString))
    graph.add((context, NIF.isString, Literal(text)))
    graph.add((context, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
    graph.add((context, NIF.endIndex, Literal(len(text), datatype=XSD.nonNegativeInteger)))
    return context


def _add_mentions(
    graph: Graph, report: URIRef, context: URIRef, entity: URIRef, mentions: Iterable[Mention]
) -> None:
    graph.add((report, GKG.mentions, entity))
    for mention in mentions:
        node = URIRef(f"{report}/text#char={mention.start},{mention.end}")
        graph.add((node, RDF.type, NIF.OffsetBasedString))
        graph.add((node, RDF.type, NIF.Phrase))
        graph.add((node, NIF.referenceContext, context))
        graph.add((node, NIF.beginIndex, Literal(mention.start, datatype=XSD.nonNegativeInteger)))
        graph.add((node, NIF.endIndex, Literal(mention.end, datatype=XSD.nonNegativeInteger)))
        graph.add((node, NIF.anchorOf, Literal(mention.text)))
        graph.add((node, ITSRDF.taIdentRef, entity))


def _add_labels(graph: Graph, node: URIRef, label: str, surfaces: Iterable[str]) -> None:
    graph.add((node, RDFS.label, Literal(label, lang="zh")))
    for alias in sorted({squeeze_whitespace(s) for s in surfaces} - {label}):
        graph.add((node, SKOS.altLabel, Literal(alias, lang="zh")))


def _add_organization(graph: Graph, org: Organization, base: str) -> URIRef:
    node = entity_iri(base, "agency", org.label)
    graph.add((node, RDF.type, GKG.Agency))
    _add_labels(graph, node, org.label, [*org.aliases, *(m.text for m in org.mentions)])
    return node


def _add_document_number(graph: Graph, number: DocumentNumber, base: str) -> URIRef:
    node = entity_iri(base, "docnum", number.label)
    graph.add((node, RDF.type, GKG.DocumentNumber))
    _add_labels(graph, node, number.label, (m.text for m in number.mentions))
    graph.add((node, GKG.prefix, Literal(number.prefix)))
    graph.add((node, GKG.year, Literal(number.year, datatype=XSD.integer)))
    graph.add((node, GKG.serial, Literal(number.serial, datatype=XSD.integer)))
    return node
