"""RDF terms as N-Triples text, in the canonical forms Oxigraph keeps.

Reports are written as N-Quads lines, not as rdflib or pyoxigraph objects:
adding a triple to an rdflib graph costs ~25 µs and making a ``pyoxigraph.Quad``
~15 µs, while formatting a line costs ~1 µs, and Oxigraph's parser reads the
lines back at hundreds of thousands a second (the store's bulk loader, shards,
``kg.report_graph.build_graph``). Every term made here is checked against the
N-Triples grammar, so a line is either valid or never written. Literals are
canonical (``1.50`` → ``1.5``; integers, NIF offsets too, as ``xsd:integer``,
which is what Oxigraph stores for ``xsd:nonNegativeInteger``), so that a graph
written from memory and one read back from a store are the same bytes.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from kg.errors import GraphError

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = f"^^<{XSD}integer>"
_DECIMAL = f"^^<{XSD}decimal>"
TRUE = f'"true"^^<{XSD}boolean>'
FALSE = f'"false"^^<{XSD}boolean>'
# characters N-Triples forbids in an IRIREF
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


@lru_cache(maxsize=1 << 16)
def iri(value: str) -> str:
    """``<value>``; cached, as a corpus names the same few thousand entities again and again."""
    if _NOT_IRI.search(value) or ":" not in value:
        raise GraphError(f"not an absolute IRI: {value!r}")
    return f"<{value}>"


def _quoted(value: str) -> str:
    return f'"{value.translate(_ESCAPES)}"'


@lru_cache(maxsize=1 << 14)
def zh(value: str) -> str:
    """A Chinese label (``"…"@zh``)."""
    return f"{_quoted(value)}@zh"


def text(value: str) -> str:
    """A plain string (``xsd:string``)."""
    return _quoted(value)


def integer(value: int) -> str:
    return f'"{int(value)}"{_INTEGER}'


def decimal(value: Decimal) -> str:
    """An ``xsd:decimal`` in canonical form: no exponent, no trailing zeros, no ``-0``."""
    lexical = format(value, "f")
    if "." in lexical:
        lexical = lexical.rstrip("0").rstrip(".")
    if lexical in ("-0", ""):
        lexical = "0"
    return f'"{lexical}"{_DECIMAL}'


def boolean(value: bool) -> str:
    return TRUE if value else FALSE
