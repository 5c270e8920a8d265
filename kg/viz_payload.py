"""The data a graph page carries: selected nodes with positions, links, details, evidence.

Built as plain lists and dicts (nodes as short arrays, edges as index triples)
in linear time, rather than through pyvis's ``add_node``/``add_edge``, which are
quadratic. Everything here is data for the page's script, which shows it as
text, never as HTML.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from kg.viz_data import EntityGraph, neighbours
from kg.viz_evidence import evidence, report_of_contexts, source_label
from kg.viz_layout import layout
from kg.viz_select import Selection
from kg.viz_style import (
    FAINT_EDGE,
    REPORT,
    REPORT_LINKS,
    STRONG_EDGE,
    kind_rank,
    style,
)

LABEL_MAX = 24
"""Longer labels are cut on the canvas; the side panel keeps the full text."""
BIG = 1000
"""From this many nodes on, hover effects are off and edges hide while panning."""
REPORT_SIZE = 34.0
HUBS = 20
"""The most central nodes get a label big enough to read in the fitted view; the page's
script hides the other labels until the reader zooms in (1.4 times the fitted scale)."""
FONT, HUB_FONT, REPORT_FONT = 13, 24, 34


def payload(
    data: EntityGraph, chosen: Selection, rank: dict[str, float], *, hidden: frozenset[str]
) -> dict[str, Any]:
    """Everything the page's script needs, as JSON-ready values in a fixed order."""
    ids = list(chosen.nodes)
    index = {n: i for i, n in enumerate(ids)}
    kinds = sorted({data.nodes[n].kind for n in ids}, key=lambda k: (kind_rank(k), k))
    edges = [e for e in data.edges if e.source in index and e.target in index]
    relations = sorted({e.relation for e in edges})
    regions = _regions(data)
    reports = _reports(data, ids, regions)
    details = _Details(data, {r: i for i, r in enumerate(reports)}, neighbours(data.edges))
    positions = _positions(data, ids, reports, rank, hidden)
    nodes = _nodes(data, ids, rank, positions, regions, kinds)
    info = [details.of(n) for n in ids]  # before "sources": it collects them
    omitted = sorted(set(data.nodes) - set(index))
    return {
        "kinds": [[k, style(k).name_zh, k in hidden] for k in kinds],
        "relations": [[r, r in REPORT_LINKS] for r in relations],
        "nodes": nodes,
        "edges": [[index[e.source], index[e.target], relations.index(e.relation)] for e in edges],
        "info": info,
        "reports": [_report_entry(data, r, index, regions) for r in reports],
        "sources": [source_label(data, s) for s in details.sources],
        "omitted": [_omitted_entry(data, n) for n in omitted],
        "focus": index.get(chosen.focus) if chosen.focus is not None else None,
        "notice": chosen.notice,
        "options": options(len(ids), kinds),
    }


def _nodes(
    data: EntityGraph,
    ids: list[str],
    rank: dict[str, float],
    positions: dict[str, tuple[float, float]],
    regions: dict[str, str],
    kinds: list[str],
) -> list[list[Any]]:
    """[label, kind, x, y, size, font size] per node: what the canvas draws."""
    others = sorted((n for n in ids if data.nodes[n].kind != REPORT), key=lambda n: (-rank[n], n))
    hubs = set(others[:HUBS])
    top = max((rank[n] for n in others), default=0.0) or 1.0
    found = []
    for n in ids:
        kind = data.nodes[n].kind
        size = REPORT_SIZE if kind == REPORT else _size(rank, n, top)
        font = REPORT_FONT if kind == REPORT else HUB_FONT if n in hubs else FONT
        label = _shorten(_label(data, n, regions))
        found.append([label, kinds.index(kind), *positions[n], size, font])
    return found


@dataclass
class _Details:
    """The side panel's data for a node: names, facts, reports and one quote per report."""

    data: EntityGraph
    reports: dict[str, int]  # report id → its index in the page's list of reports
    adjacent: dict[str, set[str]]
    sources: dict[str, int] = field(default_factory=dict)  # texts no report node in the page owns
    owners: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.owners = report_of_contexts(self.data)

    def of(self, n: str) -> dict[str, Any]:
        node = self.data.nodes[n]
        ends = {n} if node.kind == REPORT else self.adjacent.get(n, set())
        linked = {self.reports[r] for r in ends if r in self.reports}
        quotes = []
        for ev in evidence(self.data, n, self.owners):
            if ev.source in self.reports:
                where = self.reports[ev.source]
                linked.add(where)
            else:
                where = -1 - self.sources.setdefault(ev.source, len(self.sources))
            quotes.append([where, ev.sentence, ev.begin, ev.end, ev.mentions])
        return {
            "iri": n,
            "label": node.label,
            "types": list(node.types),
            "aliases": list(node.aliases),
            "facts": [list(f) for f in node.facts],
            "reports": sorted(linked),
            "evidence": quotes,
        }


def options(count: int, kinds: list[str]) -> dict[str, Any]:
    """vis-network options: positions are given, so physics is off and edges are straight."""
    font = '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif'
    big = count >= BIG
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "interaction": {
            "hover": not big,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
        },
        "groups": {
            k: {
                "shape": style(k).shape,
                "color": {"background": style(k).colour, "border": "#ffffff"},
            }
            for k in kinds
        },
        "nodes": {
            "borderWidth": 1,
            "font": {"face": font, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 9, "maxVisible": 22}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "color": {"color": STRONG_EDGE, "highlight": "#333333", "hover": "#555555"},
            "font": {"face": font, "size": 10, "color": "#555555", "strokeWidth": 3},
            "scaling": {"label": {"drawThreshold": 7}},
            "selectionWidth": 1.5,
            "smooth": False,
            "width": 1,
        },
        "faintEdge": FAINT_EDGE,
    }


def _reports(data: EntityGraph, ids: list[str], regions: dict[str, str]) -> list[str]:
    """Reports in reading order: by region, then year, then IRI."""
    found = [n for n in ids if data.nodes[n].kind == REPORT]
    return sorted(found, key=lambda r: (regions.get(r, ""), _facts(data, r).get("year", ""), r))


def _positions(
    data: EntityGraph,
    ids: list[str],
    reports: list[str],
    rank: dict[str, float],
    hidden: frozenset[str],
) -> dict[str, tuple[float, float]]:
    chosen = set(ids)
    shown = [e for e in data.edges if e.source in chosen and e.target in chosen]
    adjacent = {n: sorted(others - {n}) for n, others in neighbours(shown).items()}
    for n in ids:
        adjacent.setdefault(n, [])

    def order(n: str) -> tuple[int, float, str]:
        return (kind_rank(data.nodes[n].kind), -rank.get(n, 0.0), n)

    apart = {n for n in ids if data.nodes[n].kind in hidden}
    return layout(adjacent, anchors=reports, order=order, apart=apart)


def _label(data: EntityGraph, node: str, regions: dict[str, str]) -> str:
    """The label drawn on the canvas: a report is shown as its region and year."""
    entry = data.nodes[node]
    if entry.kind == REPORT:
        region, year = regions.get(node), _facts(data, node).get("year")
        if region and year:
            return f"{region}{year}年报"
    return entry.label


def _regions(data: EntityGraph) -> dict[str, str]:
    """Report → the label of its region (the first, should a graph give two)."""
    found: dict[str, str] = {}
    for e in data.edges:
        if e.relation == "region" and data.nodes[e.source].kind == REPORT:
            found.setdefault(e.source, data.nodes[e.target].label)
    return found


def _facts(data: EntityGraph, node: str) -> dict[str, str]:
    return dict(data.nodes[node].facts)


def _size(rank: dict[str, float], node: str, top: float) -> float:
    """Radius by PageRank, relative to the most central node that is not a report:
    reports outrank everything (each links all it mentions), so they get their own size."""
    return round(7 + 21 * math.sqrt(min(1.0, rank.get(node, 0.0) / top)), 1)


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"


def _report_entry(
    data: EntityGraph, report: str, index: dict[str, int], regions: dict[str, str]
) -> list[Any]:
    facts = _facts(data, report)
    label = _label(data, report, regions)
    return [index[report], label, facts.get("year", ""), facts.get("sourceFile", "")]


def _omitted_entry(data: EntityGraph, node: str) -> list[Any]:
    entry = data.nodes[node]
    return [entry.label, entry.kind, list(entry.aliases)]
