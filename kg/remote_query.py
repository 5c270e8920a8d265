"""A remote SPARQL endpoint as a query backend: the same QueryResult as the local engines.

``kg query --endpoint URL`` and the named queries run unchanged: the query is
POSTed as ``application/sparql-query`` (SPARQL 1.1 Protocol), with its
parameters written in as VALUES (kg.inline_params). The reply — SPARQL results
in JSON, XML or TSV, or a graph in N-Triples, Turtle or RDF/XML — is parsed by
pyoxigraph and converted by the very code that converts a local Oxigraph
store's answers, so printing, CSV and JSON come out byte-identical.

Before anything is sent, the query is prepared on an empty local Oxigraph
store: a syntax error or a parameter the query cannot take is reported exactly
as it is for a local graph, without a round trip.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from kg.errors import QueryError
from kg.inline_params import endpoint_text
from kg.query_results import QueryResult, Term
from kg.remote import DEFAULT_TIMEOUT, Connection, Credentials, RemoteError
from kg.sparql import oxigraph_result, run_query

ACCEPT = ", ".join(
    (
        "application/sparql-results+json",
        "application/sparql-results+xml;q=0.9",
        "text/tab-separated-values;q=0.8",
        "application/n-triples",
        "text/turtle;q=0.9",
        "application/rdf+xml;q=0.8",
    )
)

# Oxigraph's request for the union of graphs as the default graph (the endpoint URL may carry
# it); it refuses to be combined with default-graph-uri, which must win when given
UNION_PARAMETERS = ("union-default-graph",)


class RemoteStore:
    """A SPARQL query endpoint (``…/query``, ``…/sparql``, a GraphDB repository URL)."""

    def __init__(
        self,
        url: str,
        *,
        user: str | None = None,
        password: str = "",
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        credentials = Credentials(user, password) if user is not None else None
        self.connection = Connection(url, credentials=credentials, timeout=timeout)

    @property
    def url(self) -> str:
        return self.connection.url

    def answer(
        self,
        text: str,
        params: Mapping[str, Term],
        *,
        max_results: int | None,
        default_graphs: list[str],
    ) -> QueryResult:
        """The endpoint's answer to ``text`` with ``params`` bound, cut at ``max_results``."""
        run_query(ox.Store(), text, params, max_results=0)  # local errors, local wording
        try:
            reply = self.connection.request(
                "POST",
                [("default-graph-uri", graph) for graph in default_graphs],
                body=endpoint_text(text, params).encode("utf-8"),
                headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT},
                drop=UNION_PARAMETERS if default_graphs else (),
            )
        except RemoteError as error:
            if error.status == 400:  # the endpoint's parser or engine refuses what ours took
                raise QueryError(f"{self.url} refuses the query: {error.detail}") from None
            raise
        return _parsed(reply.content_type, reply.body, self.url, max_results)


def _parsed(media_type: str, body: bytes, url: str, limit: int | None) -> QueryResult:
    results = ox.QueryResultsFormat.from_media_type(media_type)
    graph = None if results else ox.RdfFormat.from_media_type(media_type)
    if results is None and graph is None:
        raise QueryError(f"{url} answered in {media_type or 'no media type'}, not SPARQL results")
    try:
        if results is not None:
            return oxigraph_result(ox.parse_query_results(body, results), limit)
        return oxigraph_result(ox.parse(body, graph), limit)
    except (SyntaxError, ValueError) as error:
        raise QueryError(f"{url} answered with unreadable {media_type}: {error}") from None
