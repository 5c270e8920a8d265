"""Query text for an endpoint that takes no bindings: prefixes declared, parameters as VALUES.

Locally a parameter is bound through rdflib's ``initBindings`` or Oxigraph's
``substitutions``; the SPARQL 1.1 Protocol has no such thing. For a remote store
the parameters become one row of a ``VALUES`` block placed first in the outer
WHERE group: it is joined with everything else in that group and not seen by
subqueries, which is what Oxigraph's substitutions do. Each value is an RDF
term written in N-Triples syntax (quotes, backslashes and line breaks escaped),
so a value can never end the literal and become query text.

The prefixes ``kg query`` predeclares (``gkg:``, ``rdfs:`` …) are declared on
line 1, before the query's own first line, so that the line numbers of the
endpoint's error messages still point into the query as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from kg.errors import QueryError
from kg.query_results import PREFIXES, Term, ntriples

_TOKENS = re.compile(
    r"""
    (?P<skip>
        \#[^\n]*                                  # comment
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"       # long strings
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n]|\\.)*"                       # strings
      | '(?:[^'\\\n]|\\.)*'
      | <[^<>"{}|^`\\\x00-\x20]*>                 # IRIs (not the < operator: no space)
      | [?$]\w+                                   # variables, e.g. ?where
      | \w*:[\w.-]*                               # prefixed names, e.g. gkg:where
    )
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<word>[A-Za-z]+)
    """,
    re.X | re.S,
)
_DECLARED = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:")
_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")


@dataclass(frozen=True, slots=True)
class _Group:
    """A ``{ … }`` at the top level of the query, and the keyword written before it."""

    start: int  # the offset of ``{``
    end: int  # the offset of the matching ``}``
    keyword: str
    keyword_at: int  # the offset of the keyword


def endpoint_text(text: str, params: Mapping[str, Term]) -> str:
    """``text`` ready for a remote endpoint: missing prefixes declared, ``params`` bound."""
    return _prologue(text) + (inline_values(text, params) if params else text)


def _prologue(text: str) -> str:
    """The predeclared prefixes that ``text`` does not declare itself, on one line."""
    code = _TOKENS.sub(lambda m: " " if m["skip"] and m["skip"][0] in "#\"'" else m[0], text)
    declared = {match[1] or "" for match in _DECLARED.finditer(code)}
    missing = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p not in declared]
    return " ".join(missing) + " " if missing else ""


def inline_values(text: str, params: Mapping[str, Term]) -> str:
    """``text`` with ``params`` as a one-row VALUES block first in its outer WHERE group."""
    form, groups = _scan(text)
    names = " ".join(f"?{name}" for name in params)
    row = " ".join(ntriples(term) for term in params.values())
    values = f" VALUES ({names}) {{ ({row}) }}"
    where = [g for g in groups if g.keyword not in ("EXISTS", "VALUES")]
    if form == "CONSTRUCT" and where and where[0].keyword == "WHERE":
        group = where[0]  # the short form CONSTRUCT WHERE { … }: the pattern is the template
        body, head, tail = (
            text[group.start + 1 : group.end],
            text[: group.keyword_at],
            text[group.end + 1 :],
        )
        return f"{head}{{{body}}} WHERE {{{values}{body}}}{tail}"
    if form == "CONSTRUCT" and where:
        where = where[1:]  # the first group is the template
    if not where:
        raise QueryError("the query has no WHERE clause to bind the parameters in")
    at = where[0].start + 1
    return text[:at] + values + text[at:]


def _scan(text: str) -> tuple[str, list[_Group]]:
    """The query form and the top-level ``{ … }`` groups of ``text``."""
    form, keyword, keyword_at, depth, start = "", "", 0, 0, 0
    groups: list[_Group] = []
    for match in _TOKENS.finditer(text):
        if match["word"] and depth == 0:
            keyword, keyword_at = match["word"].upper(), match.start()
            form = form or (keyword if keyword in _FORMS else "")
        elif match["open"]:
            if depth == 0:
                start = match.start()
            depth += 1
        elif match["close"] and depth > 0:
            depth -= 1
            if depth == 0:
                groups.append(_Group(start, match.start(), keyword, keyword_at))
                keyword = ""
    return form, groups
