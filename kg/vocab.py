"""The govkg ontology's terms, declared once.

``GKG`` is a closed ``DefinedNamespace``: a misspelt term is an error, not a
silent new IRI. A test holds this module equal to the terms of
``ontology/govkg.ttl``. NIF, ITS and ELI are declared here too because rdflib
does not ship them; PROV, QB (RDF Data Cube) and ORG come from rdflib.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import PROV, QB, DefinedNamespace, Namespace

from extract.records import CHANNEL_TYPES  # the codes are the records'; the ontology names them

ONTOLOGY_IRI = "https://w3id.org/govkg/ontology"


class GKG(DefinedNamespace):
    """govkg ontology (https://w3id.org/govkg/ontology#)."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    # classes
    AnnualReport: URIRef
    Agency: URIRef
    PolicyDocument: URIRef
    DocumentNumber: URIRef
    DisclosureChannel: URIRef
    Reform: URIRef
    Topic: URIRef
    Statistic: URIRef
    ChannelType: URIRef
    Region: URIRef

    # kinds of agency (subclasses of Agency; kg/agency_kinds.tsv reads them from names)
    Government: URIRef
    Department: URIRef
    Office: URIRef
    PartyOrgan: URIRef
    PeoplesCongress: URIRef
    JudicialOrgan: URIRef
    PublicInstitution: URIRef

    # report
    sourceFile: URIRef
    sha256: URIRef
    region: URIRef
    year: URIRef
    publishedBy: URIRef
    usesChannelType: URIRef
    mentions: URIRef
    hasStatistic: URIRef

    # relations
    hasDocumentNumber: URIRef
    issuedBy: URIRef
    basedOn: URIRef
    operatedBy: URIRef
    channelType: URIRef

    # policy documents
    docType: URIRef

    # document numbers
    prefix: URIRef
    serial: URIRef

    # statistics
    value: URIRef
    unit: URIRef
    approximate: URIRef
    measure: URIRef
    measureCode: URIRef
    reportedIn: URIRef  # a statistic's report: a dimension of StatisticStructure
    StatisticStructure: URIRef  # the RDF Data Cube structure of every report's statistics

    # data quality: national tables that do not add up (extract.table_checks)
    DataQualityNote: URIRef
    hasQualityNote: URIRef
    qualityCheck: URIRef
    expectedValue: URIRef
    foundValue: URIRef

    # channel kinds (individuals of ChannelType, concepts of ChannelTypeScheme)
    ChannelTypeScheme: URIRef
    Website: URIRef
    Microblog: URIRef
    WeChat: URIRef
    MobileApp: URIRef
    SMS: URIRef
    Hotline: URIRef
    Email: URIRef
    Mailbox: URIRef
    Gazette: URIRef
    PressConference: URIRef
    Archive: URIRef
    ReadingRoom: URIRef
    OnlinePlatform: URIRef
    Print: URIRef
    Broadcast: URIRef
    ThirdPartyPlatform: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format 2.0 core, the terms govkg uses for provenance."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    Context: URIRef
    String: URIRef
    RFC5147String: URIRef
    OffsetBasedString: URIRef
    Phrase: URIRef
    isString: URIRef
    referenceContext: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    sourceUrl: URIRef


class ITSRDF(DefinedNamespace):
    """Internationalization Tag Set RDF: links a mention to its entity."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")

    taIdentRef: URIRef


class ELI(DefinedNamespace):
    """European Legislation Identifier ontology: the terms policy documents align with."""

    _fail = True
    _NS = Namespace("http://data.europa.eu/eli/ontology#")

    LegalResource: URIRef
    id_local: URIRef
    based_on: URIRef
    passed_by: URIRef


ORG = Namespace("http://www.w3.org/ns/org#")


__all__ = ["CHANNEL_TYPES", "ELI", "GKG", "ITSRDF", "NIF", "ONTOLOGY_IRI", "ORG", "PROV", "QB"]
