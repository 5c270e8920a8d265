"""Query results in one shape, whichever engine answered, and their standard serialisations.

rdflib and Oxigraph return different objects and spell some numbers differently
(``10`` or ``10.0`` for a decimal); both are turned into a ``QueryResult`` of rdflib
terms with numbers in canonical form, so the same query gives byte-identical CSV,
TSV, JSON and XML on either engine. The writers follow the W3C SPARQL 1.1 result
formats; they are ours, not the engines', so that a result cut at the size limit
serialises like any other.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from typing import Literal as Kind
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

Term = URIRef | BNode | Literal
Row = tuple[Term | None, ...]
Triple = tuple[Term, Term, Term]

RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("ttl", "nt")
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
}
SHORT_TYPES = {XSD.integer, XSD.decimal, XSD.boolean}


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The answer to a query: rows under columns, a boolean, or triples."""

    kind: Kind["select", "ask", "graph"]
    columns: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = ()
    truncated: bool = False  # cut at the caller's result-size limit

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)


def canonical(term: Identifier | None) -> Term | None:
    """The term with xsd:integer/decimal/boolean literals in canonical lexical form.

    Plain strings lose an explicit xsd:string datatype (RDF 1.1 makes them equal).
    """
    if term is None or not isinstance(term, URIRef | BNode | Literal):
        return None
    if not isinstance(term, Literal) or term.datatype is None:
        return term
    if term.datatype == XSD.string:
        return Literal(str(term))
    lexical = str(term)
    try:
        if term.datatype == XSD.integer:
            return Literal(str(int(lexical)), datatype=XSD.integer)
        if term.datatype == XSD.decimal:
            return Literal(_canonical_decimal(Decimal(lexical)), datatype=XSD.decimal)
    except (ValueError, InvalidOperation):
        return term
    if term.datatype == XSD.boolean and lexical in ("1", "0"):
        return Literal("true" if lexical == "1" else "false", datatype=XSD.boolean)
    return term


def _canonical_decimal(value: Decimal) -> str:
    """XSD 1.1's canonical form: ``10``, ``66.7``, ``-0.5`` (no exponent, no trailing zeros)."""
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


def serialize(result: QueryResult, fmt: str) -> bytes:
    """The result in ``fmt`` (json, xml, csv, tsv for rows and booleans; ttl, nt for graphs)."""
    if result.kind == "graph":
        if fmt not in GRAPH_FORMATS:
            raise ValueError(f"a CONSTRUCT or DESCRIBE result is written as ttl or nt, not {fmt}")
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for triple in result.triples:
            graph.add(triple)
        return graph.serialize(format="turtle" if fmt == "ttl" else "nt", encoding="utf-8")
    writers = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}
    if fmt not in writers:
        raise ValueError(f"a SELECT or ASK result is written as json, xml, csv or tsv, not {fmt}")
    return writers[fmt](result).encode("utf-8")


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [
        {
            name: _json_term(term)
            for name, term in zip(result.columns, row, strict=True)
            if term is not None
        }
        for row in result.rows
    ]
    body = {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}
    return json.dumps(body, ensure_ascii=False)


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<sparql xmlns="http://www.w3.org/2005/sparql-results#">')
    if result.kind == "ask":
        lines += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>"]
        return "\n".join([*lines, "</sparql>", ""])
    lines.append("<head>")
    lines += [f"<variable name={quoteattr(name)}/>" for name in result.columns]
    lines += ["</head>", "<results>"]
    for row in result.rows:
        lines.append("<result>")
        for name, term in zip(result.columns, row, strict=True):
            if term is not None:
                lines.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        lines.append("</result>")
    return "\n".join([*lines, "</results>", "</sparql>", ""])


def _xml_term(term: Term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{escape(str(term))}</literal>"


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: plain values, no types (an ASK answer is one ``boolean`` column)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return buffer.getvalue()
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(["" if t is None else _csv_value(t) for t in row])
    return buffer.getvalue()


def _csv_value(term: Term) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: terms in Turtle syntax under ``?name`` headers."""
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{name}" for name in result.columns)]
    lines += ["\t".join("" if t is None else ntriples(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def ntriples(term: Term) -> str:
    """A term in N-Triples/Turtle syntax on one line (numbers and booleans unquoted)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if term.datatype in SHORT_TYPES and (term.datatype != XSD.decimal or "." in term):
        return str(term)  # Turtle's short form, when it reads back as the same datatype
    text = str(term)
    for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        text = text.replace(raw, escaped)
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype is not None:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


PREFIXES = {
    "gkg": "https://w3id.org/govkg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
}


def display(term: Term | None, prefixes: Sequence[tuple[str, str]] = ()) -> str:
    """A term as a person reads it in a table: IRIs shortened by prefix, literals bare."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in [*prefixes, *PREFIXES.items()]:
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace) :]}"
        return f"<{term}>"
    return _csv_value(term)


def as_plain(result: QueryResult) -> list[dict[str, Any]]:
    """Rows as dicts of N-Triples strings: a stable form for comparing and for tests."""
    return [
        {name: ntriples(t) for name, t in zip(result.columns, row, strict=True) if t is not None}
        for row in result.rows
    ]
