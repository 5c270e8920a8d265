"""Deterministic IRIs: from an entity's kind and normalised key, never from counters.

IRIs keep Chinese characters as they are (RFC 3987 IRIs, readable in any
triplestore); only ASCII characters that an IRI forbids are percent-encoded.
"""

from __future__ import annotations

from rdflib import URIRef

from extract.normalize import normalize_label

DEFAULT_BASE = "https://w3id.org/govkg/id/"

# ASCII characters allowed unescaped in an IRI path segment (RFC 3987 iunreserved
# and a few sub-delims that are harmless in Turtle and SPARQL).
_SAFE_ASCII = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@"
)


def _segment(key: str) -> str:
    out = []
    for char in key:
        if ord(char) < 128 and char not in _SAFE_ASCII:
            out.append("".join(f"%{b:02X}" for b in char.encode("utf-8")))
        else:
            out.append(char)
    return "".join(out)


def entity_iri(base: str, kind: str, key: str) -> URIRef:
    """``{base}{kind}/{normalised key}``: the same thing gets the same IRI in every build."""
    return URIRef(f"{base}{kind}/{_segment(normalize_label(key))}")


def report_iri(base: str, source_file: str) -> URIRef:
    """A report is identified by its source file's name."""
    return URIRef(f"{base}report/{_segment(source_file)}")
