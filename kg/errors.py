"""Errors of the graph layer, under the hierarchy that ``extract.errors`` roots."""

from __future__ import annotations

from extract.errors import ExtractError, GovKGError, InputError


class GraphError(GovKGError):
    """A graph cannot be built, read or written."""


class QueryError(GovKGError):
    """A SPARQL query is malformed or cannot be answered."""


__all__ = ["ExtractError", "GovKGError", "GraphError", "InputError", "QueryError"]
