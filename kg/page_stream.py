"""The graph page of a build, read from sorted lines rather than from an rdflib graph in memory.

The page (``kg.viz``) draws at most a few thousand entities, but quotes
evidence from the mentions and texts of the nodes it draws, and a corpus's
mentions are most of its statements. So it is read in two passes:

1. the union without its NIF statements (mentions and texts), through a
   read-only rdflib view that converts each line as ``kg.viz_data.read_graph``
   asks for it: the entities and their links, hence what the page selects;
2. report by report, the mentions of the selected nodes and the texts they
   point into, picked out of the lines by pattern.

The page is the one ``kg.viz.write_page`` draws from the whole graph: its
selection uses entities and links only, and its evidence only the mentions
of what it shows. This relies on the build's graph shape: a NIF node (a
mention, a text) is never also an entity.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.store import Store as RdflibStore

from kg.atomic import write_text_atomically
from kg.stream_export import Run, merged

log = logging.getLogger(__name__)

_NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
_ITSRDF = "http://www.w3.org/2005/11/its/rdf#"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_FIELDS = ("referenceContext", "beginIndex", "endIndex")
# the statements of mentions and texts: left out of the first pass
_NIF_LINE = re.compile(
    rb"^<[^>]*> (?:<"
    + re.escape(f"{_NIF}".encode())
    + rb"(?:referenceContext|beginIndex|endIndex|anchorOf|isString)>|<"
    + re.escape(f"{_ITSRDF}taIdentRef".encode())
    + rb">|<"
    + re.escape(_TYPE.encode())
    + rb"> <"
    + re.escape(_NIF.encode())
    + rb"[^>]*>) .*\n",
    re.MULTILINE,
)
# a mention's link to its entity ends the mention's lines (its predicate sorts last)
_TARGET = re.compile(rb"> <" + re.escape(f"{_ITSRDF}taIdentRef".encode()) + rb"> (<[^>\n]*>) \.\n")
_FIELD_NAMES = {f"<{_NIF}{name}>".encode(): name for name in _FIELDS}
_IS_STRING = f"<{_NIF}isString>".encode()


def write_page_from_runs(runs: list[Run], path: Path, *, title: str = "govkg") -> None:
    """Write the page ``kg.viz.write_page`` would write for the union of ``runs``."""
    from kg.viz import render_page
    from kg.viz_data import EntityGraph, read_graph
    from kg.viz_select import View, importance, select

    entities = read_graph(lines_graph(lambda: _without_nif(runs)))
    shown = set(select(entities, View(), importance(entities)).nodes)
    mentions, texts = _evidence(runs, shown)
    data = EntityGraph(entities.nodes, entities.edges, mentions, texts)
    html, chosen = render_page(data, title=title)
    write_text_atomically(path, html)
    log.info("wrote %s (%d of %d nodes)", path, len(chosen.nodes), chosen.matched)


def _without_nif(runs: list[Run]) -> Iterator[bytes]:
    pieces: list[bytes] = []
    for lines in merged(runs):
        pieces += lines
        if len(pieces) >= 4096:
            yield _NIF_LINE.sub(b"", b"".join(pieces))
            pieces = []
    yield _NIF_LINE.sub(b"", b"".join(pieces))


class _LineStore(RdflibStore):
    """A read-only rdflib store over N-Triples lines, converted as they are read, none kept."""

    def __init__(self, chunks: Callable[[], Iterable[bytes]]) -> None:
        super().__init__()
        self._chunks = chunks

    def triples(self, triple_pattern, context=None):  # type: ignore[no-untyped-def]
        if triple_pattern != (None, None, None):
            raise NotImplementedError("a line view only lists all its triples")
        term = _Terms()
        for chunk in self._chunks():
            for t in ox.parse(chunk, format=ox.RdfFormat.N_TRIPLES, lenient=True):
                yield (term(t.subject), term(t.predicate), term(t.object)), iter(())

    def __len__(self, context: object = None) -> int:
        return sum(chunk.count(b"\n") for chunk in self._chunks())


def lines_graph(chunks: Callable[[], Iterable[bytes]]) -> rdflib.Graph:
    """A read-only rdflib graph over the N-Triples lines ``chunks()`` gives, in their order."""
    return rdflib.Graph(store=_LineStore(chunks))


class _Terms:
    """Oxigraph term → rdflib term. Terms are cached, as a corpus repeats them (IRIs, units,
    measures, small numbers): making an rdflib literal costs more than reading its line."""

    LITERALS = 1 << 16  # cached at most; the cache starts again when full

    def __init__(self) -> None:
        self.iris: dict[str, URIRef] = {}
        self.literals: dict[ox.Literal, Literal] = {}

    def __call__(self, t: Any) -> Any:
        if isinstance(t, ox.NamedNode):
            found = self.iris.get(t.value)
            if found is None:
                found = self.iris[t.value] = URIRef(t.value)
            return found
        if isinstance(t, ox.Literal):
            literal = self.literals.get(t)
            if literal is None:
                if len(self.literals) >= self.LITERALS:
                    self.literals.clear()
                literal = self.literals[t] = _literal(t)
            return literal
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        raise ValueError(f"RDF-star terms are not supported: {t}")


def _literal(t: ox.Literal) -> Literal:
    if t.language:
        return Literal(t.value, lang=t.language)
    datatype = t.datatype.value
    return Literal(t.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))


def _evidence(
    runs: list[Run], shown: set[str]
) -> tuple[dict[str, tuple[Any, ...]], dict[str, str]]:
    """The mentions of the ``shown`` nodes (``kg.viz_data.Mention``) and the texts they are in.

    A run's lines are sorted, so a mention's statements are adjacent and its
    ``itsrdf:taIdentRef`` comes last: each is found from that line, by a
    search for the predicate (fast) rather than by reading every line.
    """
    from kg.viz_data import Mention

    wanted = {f"<{node}>".encode() for node in shown}
    found: dict[str, set[Mention]] = {}
    texts: dict[str, str] = {}
    for run in runs:
        data = b"\n" + b"".join(run.load())
        contexts: set[bytes] = set()
        for match in _TARGET.finditer(data):
            start = data.rfind(b"\n", 0, match.start()) + 1
            mention = data[start : match.start() + 1]
            if match.group(1) not in wanted or data.startswith(mention + b" ", match.end()):
                continue  # not shown; or not its last link, the one read_graph keeps
            values = _fields(data, start, match.end(), mention)
            context = values.get("referenceContext", b"")
            begin, end = _integer(values.get("beginIndex")), _integer(values.get("endIndex"))
            if context.startswith(b"<") and begin is not None and end is not None:
                contexts.add(context)
                node = match.group(1)[1:-1].decode()
                found.setdefault(node, set()).add(Mention(context[1:-1].decode(), begin, end))
        texts |= _texts(data, contexts)
    mentions = {node: tuple(sorted(ms)) for node, ms in sorted(found.items())}
    return mentions, dict(sorted(texts.items()))


def _fields(data: bytes, start: int, end: int, subject: bytes) -> dict[str, bytes]:
    """The NIF fields of ``subject`` from its lines around ``data[start:end]``."""
    head = subject + b" "
    lines = []
    while start > 1:  # before
        previous = data.rfind(b"\n", 0, start - 1) + 1
        if not data.startswith(head, previous):
            break
        lines.append(data[previous : start - 1])
        start = previous
    while data.startswith(head, end):  # after
        stop = data.index(b"\n", end)
        lines.append(data[end:stop])
        end = stop + 1
    values: dict[str, bytes] = {}
    for line in lines:
        predicate, _, value = line[len(head) :].partition(b" ")
        name = _FIELD_NAMES.get(predicate)
        if name is not None:
            values[name] = value[:-2]  # without " ."
    return values


def _texts(data: bytes, contexts: set[bytes]) -> dict[str, str]:
    lines = []
    for context in sorted(contexts):
        at = data.find(b"\n" + context + b" " + _IS_STRING + b" ")
        if at >= 0:
            lines.append(data[at + 1 : data.index(b"\n", at + 1) + 1])
    texts = {}
    for t in ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES, lenient=True):
        if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.Literal):
            texts[t.subject.value] = t.object.value
    return texts


def _integer(value: bytes | None) -> int | None:
    """The number a literal spells (``"12"^^xsd:integer``), as ``read_graph`` reads it."""
    if value is None or not value.startswith(b'"'):
        return None
    try:
        return int(value[1 : value.rindex(b'"')].decode())
    except ValueError:
        return None
