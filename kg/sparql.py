"""Named SPARQL queries from ``queries/``, run alike on rdflib and on Oxigraph.

A query file starts with a comment header (``# title:``, ``# description:``,
``# params:``). Parameters are never pasted into the query text: each value
becomes a typed RDF term and is bound to the variable of the same name, through
rdflib's ``initBindings`` or Oxigraph's ``substitutions`` (SEP-0007). An unbound
parameter leaves its variable free, so every named query also runs with no
parameters and answers for the whole graph. Bind parameters in the outer query
only: rdflib lets an initial binding leak into subqueries, Oxigraph does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import rdflib
from pyparsing import ParseException
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import SPARQLError

from kg.errors import GraphError, QueryError
from kg.query_results import PREFIXES, QueryResult, Row, Term, Triple, canonical

QUERIES_DIR = Path(__file__).resolve().parents[1] / "queries"
PARAM_KINDS = ("label", "string", "integer", "decimal", "iri")
_HEADER = re.compile(r"#\s*(title|description|params)\s*:\s*(.*)")
_PARAM = re.compile(r"(\w+)\s*\((\w+)\)\s*:?\s*(.*)")
_NAME = re.compile(r"[A-Za-z0-9_.-]+")
_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
_BAD_IRI = re.compile(r'[\s<>"{}|\\^`]')

Backend = Any  # an rdflib Graph or Dataset, a pyoxigraph Store, or a QueryService


@runtime_checkable
class QueryService(Protocol):
    """A backend that answers queries itself: a remote SPARQL endpoint (kg.remote_query)."""

    def answer(
        self,
        text: str,
        params: Mapping[str, Term],
        *,
        max_results: int | None,
        default_graphs: list[str],
    ) -> QueryResult: ...


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    kind: str  # one of PARAM_KINDS
    description: str = ""


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    path: Path | None = None


def parse_query_file(text: str, name: str, path: Path | None = None) -> NamedQuery:
    """A query with the title, description and parameters of its comment header."""
    fields: dict[str, str] = {}
    last = ""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            last = match.group(1)
            fields[last] = match.group(2).strip()
        elif last and line[1:].strip():
            fields[last] += " " + line[1:].strip()  # a continued header line
    params: list[Param] = []
    spec = fields.get("params", "")
    if spec and spec != "(none)":
        for part in spec.split(";"):
            match = _PARAM.match(part.strip())
            if not match or match.group(2) not in PARAM_KINDS:
                raise QueryError(f"{path or name}: cannot read parameter {part.strip()!r}")
            params.append(Param(match.group(1), match.group(2), match.group(3).strip()))
    return NamedQuery(
        name, text, fields.get("title", ""), fields.get("description", ""), tuple(params), path
    )


def load_query(path: Path) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QueryError(f"{path}: cannot read the query ({error})") from None
    return parse_query_file(text, path.stem, path)


def named_queries(folder: Path = QUERIES_DIR) -> list[NamedQuery]:
    """Every ``*.rq`` of ``folder``, by name."""
    return [load_query(path) for path in sorted(folder.glob("*.rq"))]


def find_query(spec: str, folder: Path = QUERIES_DIR) -> NamedQuery:
    """A query named ``spec`` in ``folder``, or in the file ``spec``, or ``spec`` itself."""
    named = folder / f"{spec}.rq"
    if _NAME.fullmatch(spec) and named.is_file():
        return load_query(named)
    if "\n" not in spec and len(spec) < 4096 and _is_file(spec):
        return load_query(Path(spec))
    if _NAME.fullmatch(spec):
        raise QueryError(f"no query named {spec!r} in {folder} (kg query --list shows them)")
    return parse_query_file(spec, "query")


def _is_file(spec: str) -> bool:
    """Whether ``spec`` names a file; a one-line query too long for a file name is not one."""
    try:
        return Path(spec).is_file()
    except OSError:  # ENAMETOOLONG and the like: a query, not a path
        return False


def bind_params(query: NamedQuery, raw: Mapping[str, str]) -> dict[str, Term]:
    """Typed RDF terms for ``name=value`` pairs, checked against the query's parameters.

    An undeclared parameter is a plain string, unless written ``name:kind=value``.
    """
    declared = {p.name: p for p in query.params}
    bound: dict[str, Term] = {}
    for key, value in raw.items():
        name, _, kind = key.partition(":")
        if name in declared:
            kind = kind or declared[name].kind
        elif query.params:
            names = ", ".join(declared)
            raise QueryError(f"query {query.name!r} has no parameter {name!r} (it has: {names})")
        elif not re.search(rf"[?$]{re.escape(name)}\b", query.text):
            raise QueryError(f"the query has no variable ?{name} to bind")
        bound[name] = typed_term(name, kind or "string", value)
    return bound


def typed_term(name: str, kind: str, value: str) -> Term:
    """``value`` as an RDF term of ``kind``; a value that does not fit is an error."""
    try:
        if kind == "label":
            return Literal(value, lang="zh")
        if kind == "string":
            return Literal(value)
        if kind == "integer":
            return Literal(str(int(value)), datatype=XSD.integer)
        if kind == "decimal":
            return Literal(str(Decimal(value)), datatype=XSD.decimal)
        if kind == "iri" and value and not _BAD_IRI.search(value) and ":" in value:
            return URIRef(value)
    except (ValueError, InvalidOperation):
        pass
    if kind not in PARAM_KINDS:
        raise QueryError(f"parameter {name}: unknown kind {kind!r} (one of {PARAM_KINDS})")
    raise QueryError(f"parameter {name}: {value!r} is not a valid {kind}")


def run_query(
    backend: Backend,
    text: str,
    params: Mapping[str, Term] | None = None,
    *,
    max_results: int | None = None,
    default_graphs: Iterable[str] = (),
) -> QueryResult:
    """Answer ``text`` on an rdflib graph or a pyoxigraph Store, the same on both.

    The default graph is the union of all named graphs unless ``default_graphs``
    names some. At most ``max_results`` rows (or triples) are kept; the result
    then says it was truncated.
    """
    params = dict(params or {})
    if isinstance(backend, QueryService):
        return backend.answer(
            text, params, max_results=max_results, default_graphs=list(default_graphs)
        )
    if isinstance(backend, rdflib.Graph):
        return _run_rdflib(backend, text, params, max_results, list(default_graphs))
    return _run_oxigraph(backend, text, params, max_results, list(default_graphs))


def _run_rdflib(
    graph: rdflib.Graph,
    text: str,
    params: dict[str, Term],
    limit: int | None,
    default_graphs: list[str],
) -> QueryResult:
    try:
        prepared = prepareQuery(text, initNs=PREFIXES)
    except ParseException as error:
        raise QueryError(syntax_message(error.lineno, error.col, error.msg, text)) from None
    _check_projected(prepared, params)
    if default_graphs and isinstance(graph, rdflib.ConjunctiveGraph):
        union = rdflib.Graph()
        for name in default_graphs:
            for triple in graph.get_context(URIRef(name)):
                union.add(triple)
        graph = union
    try:
        result = graph.query(prepared, initBindings=params)
        if result.type == "ASK":
            return QueryResult("ask", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            triples: Iterator[Triple] = (t for t in result.graph or () if _is_triple(t))  # type: ignore[misc]
            return _graph_result(triples, limit)
        columns = tuple(str(v) for v in result.vars or ())
        rows = (tuple(canonical(row[i]) for i in range(len(columns))) for row in result)  # type: ignore[index, arg-type]
        return _select_result(columns, rows, limit)
    except SPARQLError as error:
        raise QueryError(f"the query cannot be answered: {error}") from None


def _run_oxigraph(
    store: Any,
    text: str,
    params: dict[str, Term],
    limit: int | None,
    default_graphs: list[str],
) -> QueryResult:
    import pyoxigraph as ox

    graphs: dict[str, Any] = (
        {"default_graph": [ox.NamedNode(g) for g in default_graphs]}
        if default_graphs
        else {"use_default_graph_as_union": True}
    )
    substitutions = {ox.Variable(name): to_oxigraph(term) for name, term in params.items()}
    try:
        answer = store.query(text, prefixes=PREFIXES, substitutions=substitutions, **graphs)
        return oxigraph_result(answer, limit)
    except SyntaxError as error:
        match = _POSITION.match(str(error))
        if match is None:
            raise QueryError(f"query syntax error: {_one_line(str(error))}") from None
        line, column, message = int(match[1]), int(match[2]), match[3]
        raise QueryError(syntax_message(line, column, message, text)) from None
    except RuntimeError as error:  # Oxigraph binds only variables that the query selects
        raise QueryError(f"cannot bind the parameters: {_one_line(str(error))}") from None
    except OSError as error:
        raise QueryError(f"the query cannot be answered: {_one_line(str(error))}") from None


def oxigraph_result(answer: Any, limit: int | None) -> QueryResult:
    """A pyoxigraph answer as a QueryResult: from a store, or parsed from a remote store's reply.

    ``answer`` is a QueryBoolean, QuerySolutions, or an iterable of triples or quads.
    """
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if not isinstance(answer, ox.QuerySolutions):
        triples = (
            (from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object))
            for t in answer
        )
        return _graph_result(triples, limit)  # type: ignore[arg-type]
    columns = tuple(v.value for v in answer.variables)
    rows = (tuple(canonical(from_oxigraph(s[i])) for i in range(len(columns))) for s in answer)
    return _select_result(columns, rows, limit)


def _check_projected(prepared: Any, params: dict[str, Term]) -> None:
    """Refuse, as Oxigraph does, a parameter whose variable the SELECT does not return."""
    algebra = prepared.algebra
    projected = algebra.get("PV") if algebra.name == "SelectQuery" else None
    for name in params:
        if projected is not None and rdflib.Variable(name) not in projected:
            raise QueryError(
                f"cannot bind the parameters: the query does not select ?{name}, so it "
                "cannot be a parameter"
            )


def _select_result(columns: tuple[str, ...], rows: Iterator[Row], limit: int | None) -> QueryResult:
    kept = tuple(islice(rows, None if limit is None else limit + 1))
    truncated = limit is not None and len(kept) > limit
    return QueryResult("select", columns, kept[:limit] if truncated else kept, truncated=truncated)


def _graph_result(triples: Iterator[Triple], limit: int | None) -> QueryResult:
    kept = tuple(islice(triples, None if limit is None else limit + 1))
    truncated = limit is not None and len(kept) > limit
    return QueryResult("graph", triples=kept[:limit] if truncated else kept, truncated=truncated)


def _is_triple(triple: Any) -> bool:
    return all(isinstance(t, URIRef | BNode | Literal) for t in triple)


def to_oxigraph(term: Term) -> Any:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def from_oxigraph(term: Any) -> Term | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == XSD.string else URIRef(datatype))
    raise QueryError(f"RDF-star terms are not supported in results: {term}")


def syntax_message(line: int, column: int, message: str, text: str) -> str:
    """One line: where the query is wrong, what was expected, and the text there."""
    lines = text.splitlines() or [""]
    text_line = lines[line - 1] if 0 < line <= len(lines) else ""
    near = text_line[max(column - 16, 0) : column + 14].strip()  # engines differ by a column
    where = f" near {near!r}" if near else ""
    return f"query syntax error at line {line}, column {column}{where}: {_one_line(message)}"


def _one_line(message: str, width: int = 160) -> str:
    flat = " ".join(message.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def open_graph(path: Path, *, engine: str = "oxigraph") -> Backend:
    """A graph file (format by suffix) in memory: a pyoxigraph Store, or an rdflib Dataset."""
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file")
    if engine == "oxigraph":
        try:
            import pyoxigraph as ox
        except ImportError:
            engine = "rdflib"
    if engine == "rdflib":
        dataset = rdflib.Dataset(default_union=True)
        try:
            dataset.parse(path, format=rdflib.util.guess_format(str(path)) or "turtle")
        except Exception as error:  # rdflib's parsers raise many kinds; all mean "unreadable"
            raise GraphError(f"{path}: cannot read the graph ({_one_line(str(error))})") from None
        return dataset
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except (SyntaxError, OSError, ValueError) as error:
        raise GraphError(f"{path}: cannot read the graph ({_one_line(str(error))})") from None
    return store


def open_store(folder: Path) -> Backend:
    """An Oxigraph store folder, read-only, so that queries can never change it."""
    try:
        import pyoxigraph as ox
    except ImportError:
        raise GraphError("reading a store needs pyoxigraph (pip install pyoxigraph)") from None
    if not folder.is_dir():
        raise GraphError(f"{folder}: no such store folder")
    try:
        return ox.Store.read_only(str(folder))
    except OSError as error:
        raise GraphError(f"{folder}: cannot open the store ({_one_line(str(error))})") from None


def open_endpoint(
    url: str, *, user: str | None = None, password: str = "", timeout: float = 60.0
) -> Backend:
    """A remote store's SPARQL query endpoint (SPARQL 1.1 Protocol), queried like a local one."""
    from kg.remote_query import RemoteStore  # http.client loads only for remote stores

    return RemoteStore(url, user=user, password=password, timeout=timeout)
