"""The Python API: what ``kg build``, ``kg query`` and ``kg export`` do, as functions.

Each function imports what it needs when it is called, so that ``import kg``
costs milliseconds and loads neither spaCy nor rdflib; extraction (spaCy)
loads on the first ``build``. The functions are thin: the work is in
``kg.corpus``, ``kg.report_graph``, ``kg.sparql`` and ``kg.export``, which the CLI
calls too.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

    from extract.records import ReportRecord
    from kg.export import Exported
    from kg.export_rdf import Engine
    from kg.query_results import QueryResult, Term
    from kg.sparql import NamedQuery


@dataclass(frozen=True, slots=True)
class Text:
    """A report given as a string instead of a file.

    ``name`` stands for the file name: it names the report (its IRI and
    ``gkg:sourceFile``), so two texts in one build need different names. The
    text is read exactly as a UTF-8 file of that name would be (layout repair,
    extraction, SHA-256 of its bytes), so a text and a file with the same name
    and content give the same graph. (It goes through a temporary file:
    ``kg.corpus`` is the one module of ``kg`` that runs the pipeline.)
    """

    text: str
    name: str = "text.txt"


Source = str | os.PathLike[str] | Text
"""A report file (text, HTML, PDF or DOCX, told by content) or folder (searched for the
suffixes of ``extract.formats.REPORT_SUFFIXES``), or a ``Text``."""


def build(
    sources: Source | Iterable[Source | ReportRecord],
    *,
    base: str | None = None,
    skip_failures: bool = False,
) -> Dataset:
    """Extract reports and build their graph: an rdflib Dataset, one named graph per report.

    ``sources`` are paths, folders, ``Text``s or already extracted records. A
    source that cannot be read raises ``InputError`` naming it, unless
    ``skip_failures``, which builds the others as ``kg build`` does. ``base``
    is the base IRI of the entities (default ``kg.iri.DEFAULT_BASE``).
    """
    from kg.iri import DEFAULT_BASE
    from kg.report_graph import build_graph

    records = extract(sources, skip_failures=skip_failures)
    return build_graph(records, base=base or DEFAULT_BASE)


def build_text(text: str, *, name: str = "text.txt", base: str | None = None) -> Dataset:
    """The graph of one report given as a string; ``name`` stands for its file name."""
    return build([Text(text, name)], base=base)


def extract(
    sources: Source | Iterable[Source | ReportRecord], *, skip_failures: bool = False
) -> list[ReportRecord]:
    """The records of ``sources`` (see ``build``): records as given, then files, then texts."""
    from extract.errors import InputError
    from extract.records import ReportRecord
    from kg.corpus import Failure, extract_all, find_reports

    items: list[Source | ReportRecord]
    if isinstance(sources, str | os.PathLike | Text | ReportRecord):
        items = [sources]
    else:
        items = list(sources)
    paths = [Path(s) for s in items if isinstance(s, str | os.PathLike)]
    files, failures = find_reports(paths)
    if failures and not skip_failures:
        hint = " (to build from a string, pass kg.Text(text, name=...))"
        raise InputError(failures[0].path, failures[0].problem + hint)
    records = [s for s in items if isinstance(s, ReportRecord)]
    with tempfile.TemporaryDirectory(prefix="govkg-text-") as folder:
        texts = {_write_text(Path(folder), t): t.name for t in items if isinstance(t, Text)}
        found, failed = extract_all([*files, *texts])
    records += found
    failures += [Failure(texts.get(Path(f.path), f.path), f.problem) for f in failed]
    if failures and not skip_failures:
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        raise InputError(failures[0].path, failures[0].problem + more)
    return records


def _write_text(folder: Path, text: Text) -> Path:
    from extract.errors import InputError

    if Path(text.name).name != text.name or text.name in ("", ".", ".."):
        raise InputError(text.name, "a text's name must be a file name, with no folder in it")
    path = folder / text.name
    if path.exists():
        raise InputError(text.name, "two texts have this name; give each its own")
    path.write_bytes(text.text.encode("utf-8"))
    return path


def load(path: str | os.PathLike[str]) -> Dataset:
    """A graph file in any RDF syntax (by suffix) or an Oxigraph store folder, named graphs kept."""
    from rdflib import Dataset

    from kg.export import read_graph
    from kg.oxigraph_bridge import oxigraph_quads, to_rdflib_dataset

    graph = read_graph(Path(path))
    return graph if isinstance(graph, Dataset) else to_rdflib_dataset(oxigraph_quads(graph))


def query(graph: Any, sparql: str, /, **params: Any) -> QueryResult:
    """Answer a SPARQL query, or a named query of ``queries/`` by its name, on ``graph``.

    ``graph`` is an rdflib graph, a pyoxigraph Store, or the path of a graph
    file or store folder. Keyword arguments bind the query's variables: RDF
    terms as they are, Python values as typed literals (a named query's
    declared parameter kinds win; ``str`` is a plain string otherwise).
    """
    from kg.sparql import find_query, open_graph, open_store, parse_query_file, run_query

    # SPARQL text goes straight to the parser: only a name or a path is looked up
    is_text = any(c in sparql for c in "{}\n") or len(sparql) > 255
    named = parse_query_file(sparql, "query") if is_text else find_query(sparql)
    if isinstance(graph, str | os.PathLike):
        path = Path(graph)
        graph = open_store(path) if path.is_dir() else open_graph(path)
    return run_query(graph, named.text, _bindings(named, params))


_KINDS = {int: "integer", float: "decimal", str: ""}


def _bindings(named: NamedQuery, params: Mapping[str, Any]) -> dict[str, Term]:
    from decimal import Decimal

    from rdflib import BNode, Literal, URIRef

    from kg.sparql import bind_params

    declared = {p.name for p in named.params}
    terms: dict[str, Term] = {}
    raw: dict[str, str] = {}
    for name, value in params.items():
        if isinstance(value, URIRef | BNode | Literal):
            terms[name] = value
        elif isinstance(value, bool):
            terms[name] = Literal(value)
        else:
            kind = "decimal" if isinstance(value, Decimal) else _KINDS.get(type(value), "")
            raw[f"{name}:{kind}" if kind and name not in declared else name] = str(value)
    return {**terms, **bind_params(named, raw)}


def to_networkx(graph: Any) -> nx.MultiDiGraph:
    """The entities and their relations as a networkx MultiDiGraph (NIF provenance left out).

    Nodes are IRIs with ``label``, ``kind`` and ``aliases``; edges carry the
    relation's name as ``label``. ``graph`` may also be a file or store path.
    """
    from kg.export import entity_network, read_graph

    if isinstance(graph, str | os.PathLike):
        graph = read_graph(Path(graph))
    return entity_network(graph)


@overload
def serialize(
    graph: Any, destination: None = None, *, format: str | None = ..., engine: Engine = ...
) -> str: ...
@overload
def serialize(
    graph: Any,
    destination: str | os.PathLike[str],
    *,
    format: str | None = ...,
    engine: Engine = ...,
) -> Exported: ...


def serialize(
    graph: Any,
    destination: str | os.PathLike[str] | None = None,
    *,
    format: str | None = None,
    engine: Engine = "auto",
) -> str | Exported:
    """Write ``graph`` to ``destination`` in ``format``, or return it as text with none.

    Formats: ttl, trig, nq, nt, jsonld, xml (RDF), graphml, gexf (networks) and
    csv (node and edge tables, files only); the default is the destination's
    suffix, else Turtle. Files are written atomically; the same graph always
    gives the same bytes.
    """
    from kg.export import export, export_bytes

    if destination is None:
        return export_bytes(graph, format or "ttl", engine=engine).decode("utf-8")
    return export(graph, Path(destination), format, engine=engine)
