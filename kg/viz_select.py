"""Which nodes a page shows: filters by kind and report, an ego view, and a size cap.

What a browser can redraw is bounded by the links drawn more than by the nodes:
measured with ``bench/viz_scale.py`` in headless Chromium, 2,000 nodes without
links redraw in ~10 ms, but 6,000 links take ~0.1 s and 35,000 links ~0.8 s.
So past ``DEFAULT_MAX_NODES`` nodes, or ``EDGES_PER_NODE`` links per node allowed,
the page is an overview of the most connected nodes by PageRank (reports first,
figures last) and says how to see the rest.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from kg.errors import GraphError
from kg.viz_data import EntityGraph, neighbours
from kg.viz_style import HIDDEN_BY_DEFAULT, KINDS, REPORT

DEFAULT_MAX_NODES = 2000
EDGES_PER_NODE = 3
"""With the default, at most 6,000 links: a redraw (each pan, zoom or filter) in ~0.1 s."""


class SelectionError(GraphError):
    """A --focus, --types or --report value names nothing in the graph."""


@dataclass(frozen=True, slots=True)
class View:
    focus: str | None = None  # a label, alias or IRI
    depth: int = 1
    types: tuple[str, ...] = ()  # kinds to keep (reports are always kept)
    reports: tuple[str, ...] = ()  # source files, IRIs, labels or years
    max_nodes: int | None = DEFAULT_MAX_NODES  # None: no cap


@dataclass(frozen=True, slots=True)
class Selection:
    nodes: tuple[str, ...]  # in id order
    focus: str | None
    matched: int  # nodes that passed the filters, before the cap
    notice: str  # what the page tells about nodes left out; empty when none are


def importance(data: EntityGraph) -> dict[str, float]:
    """PageRank over the undirected links: how central each node is."""
    import networkx as nx  # imported when used: the CLI starts without it

    g = nx.Graph()
    g.add_nodes_from(data.nodes)
    g.add_edges_from((e.source, e.target) for e in data.edges if e.source != e.target)
    if g.number_of_edges() == 0:
        return dict.fromkeys(data.nodes, 1.0 / max(1, len(data.nodes)))
    return {k: float(v) for k, v in nx.pagerank(g).items()}


def select(data: EntityGraph, view: View, rank: dict[str, float]) -> Selection:
    """The nodes ``view`` asks for, capped at ``view.max_nodes`` by distance and rank."""
    allowed = set(data.nodes)
    if view.types:
        kinds = resolve_types(data, view.types)
        allowed = {n for n in allowed if data.nodes[n].kind in kinds | {REPORT}}
    adjacent = neighbours(data.edges)
    if view.reports:
        chosen = resolve_reports(data, view.reports)
        linked = {n for r in chosen for n in adjacent.get(r, ())}
        allowed &= chosen | {n for n in linked if data.nodes[n].kind != REPORT}
    distance: dict[str, int] = {}
    focus = None
    if view.focus is not None:
        focus = find_node(data, view.focus)
        distance = _distances(focus, adjacent, allowed | {focus}, view.depth)
        allowed = set(distance)
    hidden = HIDDEN_BY_DEFAULT - set(resolve_types(data, view.types) if view.types else ())

    def order(n: str) -> tuple[int, bool, bool, float, str]:
        kind = data.nodes[n].kind
        return (distance.get(n, 0), kind != REPORT, kind in hidden, -rank.get(n, 0.0), n)

    ranked = sorted(allowed, key=order)
    kept = ranked if view.max_nodes is None else _cap(ranked, adjacent, view.max_nodes)
    notice = ""
    if len(kept) < len(ranked):
        notice = (
            f"Overview: the {len(kept):,} most connected of {len(ranked):,} nodes (PageRank). "
            "To see the rest, narrow the view with kg viz --focus NAME --depth N, "
            "--types KIND,… or --report FILE; or draw them all with --max-nodes 0 "
            "(slower to pan and zoom)."
        )
    return Selection(tuple(sorted(kept)), focus, len(ranked), notice)


def _cap(ranked: list[str], adjacent: dict[str, set[str]], max_nodes: int) -> list[str]:
    """The first nodes of ``ranked`` while both the nodes and the links between them fit.

    Drawing time grows with links more than with nodes (hubs linked to each other
    give a dense overview), so links are held under ``EDGES_PER_NODE`` per node allowed.
    """
    budget = EDGES_PER_NODE * max_nodes
    kept: set[str] = set()
    links = 0
    for node in ranked[:max_nodes]:
        links += len(adjacent.get(node, set()) & kept)
        if links > budget:
            break
        kept.add(node)
    return [n for n in ranked if n in kept]


def resolve_types(data: EntityGraph, names: Iterable[str]) -> set[str]:
    """Kind names, matched without regard to case; the Chinese names work too."""
    known = {k.casefold(): k for k in [*KINDS, *(n.kind for n in data.nodes.values())]}
    known |= {style.name_zh: kind for kind, style in KINDS.items()}
    found, unknown = set(), []
    for name in names:
        if (kind := known.get(name.strip().casefold())) is not None:
            found.add(kind)
        else:
            unknown.append(name)
    if unknown:
        choices = ", ".join(sorted(set(known.values())))
        raise SelectionError(f"unknown type {', '.join(unknown)}: choose from {choices}")
    return found


def resolve_reports(data: EntityGraph, names: Iterable[str]) -> set[str]:
    """Reports named by source file, IRI, label or title, or all reports of a year."""
    found: set[str] = set()
    for name in names:
        key = _key(name)
        matches = {
            n.id
            for n in data.nodes.values()
            if n.kind == REPORT
            and (key in {_key(n.id), _key(n.label)} or key in {_key(v) for _, v in n.facts})
        }
        if not matches:
            reports = sorted(_report_file(data, r) for r in data.reports())
            raise SelectionError(f"no report {name!r} in the graph: it has {', '.join(reports)}")
        found |= matches
    return found


def find_node(data: EntityGraph, text: str) -> str:
    """The node whose IRI, label or alias is ``text``; else the one whose label contains it."""
    key = _key(text)
    if text in data.nodes:
        return text
    for names in (lambda n: (n.label,), lambda n: n.aliases):
        exact = [n.id for n in data.nodes.values() if key in {_key(s) for s in names(n)}]
        if exact:
            return _one(exact, text, data)
    partial = [n.id for n in data.nodes.values() if key and key in _key(n.label)]
    if not partial:
        raise SelectionError(f"no node labelled {text!r} in the graph (search labels and aliases)")
    return _one(partial, text, data)


def _one(found: list[str], text: str, data: EntityGraph) -> str:
    if len(found) == 1:
        return found[0]
    shown = "; ".join(f"{data.nodes[n].label} <{n}>" for n in sorted(found)[:8])
    more = f" and {len(found) - 8} more" if len(found) > 8 else ""
    raise SelectionError(f"{text!r} names {len(found)} nodes: {shown}{more}; give the IRI")


def _distances(
    start: str, adjacent: dict[str, set[str]], allowed: set[str], depth: int
) -> dict[str, int]:
    seen = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        for other in sorted(adjacent.get(node, ())):
            if other in allowed and other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return seen


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _report_file(data: EntityGraph, report: str) -> str:
    facts = dict(data.nodes[report].facts)
    return facts.get("sourceFile", data.nodes[report].label)
