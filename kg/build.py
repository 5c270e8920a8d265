"""Records in, RDF out: a pure function with no I/O and no globals.

Each report's statements go into a named graph of its own (its IRI is the
report's); mentions carry NIF provenance into the repaired text. IRIs come
from kinds and normalised keys, so the same input gives the same triples and
an entity named by two reports is one node.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.graph import Graph
from rdflib.namespace import DCTERMS, SKOS

from extract.normalize import squeeze_whitespace
from extract.records import (
    DocumentNumber,
    Entity,
    EntityRef,
    Mention,
    ReportRecord,
    Statistic,
)
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
# the path segment of each kind's IRIs
KIND_SEGMENTS = {
    "Agency": "agency",
    "PolicyDocument": "document",
    "DocumentNumber": "docnum",
    "DisclosureChannel": "channel",
    "Reform": "reform",
    "Topic": "topic",
}
RELATIONS = {
    "hasDocumentNumber": GKG.hasDocumentNumber,
    "issuedBy": GKG.issuedBy,
    "basedOn": GKG.basedOn,
    "operatedBy": GKG.operatedBy,
    "subOrganizationOf": ORG.subOrganizationOf,
}


def new_dataset() -> Dataset:
    ds = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        ds.bind(prefix, namespace, override=True)
    return ds


def build_graph(reports: Iterable[ReportRecord], *, base: str = DEFAULT_BASE) -> Dataset:
    """Same input, same triples."""
    ds = new_dataset()
    for report in reports:
        add_report(ds, report, base=base)
    return ds


class _ReportGraph:
    """Writes one report into its named graph; knows how entity refs become IRIs."""

    def __init__(self, ds: Dataset, report: ReportRecord, base: str) -> None:
        self.base = base
        self.report = report
        self.subject = report_iri(base, report.source_file)
        self.graph: Graph = ds.graph(self.subject)
        self.context = URIRef(f"{self.subject}/text#char=0,{len(report.text)}")
        # a document with a number is identified by the number, so that two
        # reports citing it by different titles still meet in one node
        self.document_keys = {
            r.subject.label: r.object.label
            for r in report.relations
            if r.predicate == "hasDocumentNumber"
        }

    def iri(self, ref: EntityRef) -> URIRef:
        key = ref.label
        if ref.kind == "PolicyDocument":
            key = self.document_keys.get(ref.label, ref.label)
        return entity_iri(self.base, KIND_SEGMENTS[ref.kind], key)

    def write(self) -> URIRef:
        self._report_facts()
        self._context()
        for entity in self.report.entities:
            self._entity(entity)
        for number in self.report.document_numbers:
            self._document_number(number)
        for relation in self.report.relations:
            predicate = RELATIONS[relation.predicate]
            self.graph.add((self.iri(relation.subject), predicate, self.iri(relation.object)))
        for statistic in self.report.statistics:
            self._statistic(statistic)
        return self.subject

    def _report_facts(self) -> None:
        g, s, report = self.graph, self.subject, self.report
        g.add((s, RDF.type, GKG.AnnualReport))
        g.add((s, GKG.sourceFile, Literal(report.source_file)))
        if report.sha256:
            g.add((s, GKG.sha256, Literal(report.sha256)))
        g.add((s, DCTERMS.title, Literal(report.title, lang="zh")))
        g.add((s, RDFS.label, Literal(report.title, lang="zh")))
        if report.year is not None:
            g.add((s, GKG.year, Literal(report.year, datatype=XSD.integer)))
        if report.region:
            region = entity_iri(self.base, "region", report.region)
            g.add((region, RDF.type, GKG.Region))
            g.add((region, RDFS.label, Literal(report.region, lang="zh")))
            g.add((s, GKG.region, region))
        if report.publisher is not None:
            g.add((s, GKG.publishedBy, self.iri(report.publisher)))
        for code in report.channel_types:
            g.add((s, GKG.usesChannelType, GKG[code]))

    def _context(self) -> None:
        g, c, text = self.graph, self.context, self.report.text
        g.add((c, RDF.type, NIF.Context))
        g.add((c, RDF.type, NIF.OffsetBasedString))
        g.add((c, NIF.isString, Literal(text)))
        g.add((c, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
        g.add((c, NIF.endIndex, Literal(len(text), datatype=XSD.nonNegativeInteger)))

    def _mentions(self, entity: URIRef, mentions: Iterable[Mention]) -> None:
        g = self.graph
        for mention in mentions:
            node = URIRef(f"{self.subject}/text#char={mention.start},{mention.end}")
            g.add((node, RDF.type, NIF.OffsetBasedString))
            g.add((node, RDF.type, NIF.Phrase))
            g.add((node, NIF.referenceContext, self.context))
            g.add((node, NIF.beginIndex, Literal(mention.start, datatype=XSD.nonNegativeInteger)))
            g.add((node, NIF.endIndex, Literal(mention.end, datatype=XSD.nonNegativeInteger)))
            g.add((node, NIF.anchorOf, Literal(mention.text)))
            g.add((node, ITSRDF.taIdentRef, entity))

    def _labels(self, node: URIRef, label: str, surfaces: Iterable[str]) -> None:
        self.graph.add((node, RDFS.label, Literal(label, lang="zh")))
        for alias in sorted({squeeze_whitespace(s) for s in surfaces} - {label, ""}):
            self.graph.add((node, SKOS.altLabel, Literal(alias, lang="zh")))

    def _entity(self, entity: Entity) -> None:
        node = self.iri(entity.ref)
        self.graph.add((node, RDF.type, GKG[entity.kind]))
        self._labels(node, entity.label, entity.aliases)
        if entity.doc_type:
            self.graph.add((node, GKG.docType, Literal(entity.doc_type)))
        if entity.channel_type:
            self.graph.add((node, GKG.channelType, GKG[entity.channel_type]))
        self.graph.add((self.subject, GKG.mentions, node))
        self._mentions(node, entity.mentions)

    def _document_number(self, number: DocumentNumber) -> None:
        g, node = self.graph, self.iri(number.ref)
        g.add((node, RDF.type, GKG.DocumentNumber))
        self._labels(node, number.label, (m.text for m in number.mentions))
        g.add((node, GKG.prefix, Literal(number.prefix)))
        g.add((node, GKG.year, Literal(number.year, datatype=XSD.integer)))
        g.add((node, GKG.serial, Literal(number.serial, datatype=XSD.integer)))
        g.add((self.subject, GKG.mentions, node))
        self._mentions(node, number.mentions)

    def _statistic(self, statistic: Statistic) -> None:
        first = statistic.mentions[0]
        node = URIRef(f"{self.subject}/statistic/{first.start}-{first.end}")
        g = self.graph
        g.add((node, RDF.type, GKG.Statistic))
        g.add((node, RDFS.label, Literal(squeeze_whitespace(first.text), lang="zh")))
        g.add((node, GKG.value, Literal(statistic.value, datatype=XSD.decimal)))
        g.add((node, GKG.unit, Literal(statistic.unit)))
        g.add((node, GKG.approximate, Literal(statistic.approximate)))
        g.add((node, GKG.measure, Literal(statistic.measure)))
        if statistic.measure_code:
            g.add((node, GKG.measureCode, Literal(statistic.measure_code)))
        g.add((self.subject, GKG.hasStatistic, node))
        g.add((self.subject, GKG.mentions, node))
        self._mentions(node, statistic.mentions)


def add_report(ds: Dataset, report: ReportRecord, *, base: str = DEFAULT_BASE) -> URIRef:
    """Add one report's named graph to ``ds`` and return the report's IRI."""
    return _ReportGraph(ds, report, base).write()
