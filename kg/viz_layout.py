"""Positions for the graph page, computed in Python in near-linear time.

A force layout does not finish in useful time past a few thousand nodes
(networkx's spring layout, or vis-network's physics in the browser), and our
graphs have an obvious skeleton: reports, and what each report mentions. So
the layout is radial. Each report is the centre of a cluster of what only it
mentions; what several reports mention sits in a cluster between them; nodes
reached only through another node (an issuer named by a document) sit in a
small satellite cluster beside it. Clusters are sunflower spirals ordered by
kind, kept apart by a few rounds of disc separation. Components without a
report are laid out the same way around their best-connected node and packed
in rows below. Same input, same positions.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.spatial import cKDTree

SPACING = 64.0
"""Pixels between neighbouring nodes of a cluster."""
GAP = 80.0
"""Pixels between clusters."""
_SPIRAL = SPACING / 1.55  # a Vogel spiral r = c·sqrt(i) has neighbours ~1.55·c apart
_GOLDEN = math.pi * (3 - math.sqrt(5))

Position = tuple[float, float]
Key = tuple[Any, ...]


@dataclass(slots=True)
class _Group:
    members: list[str]
    centre: str | None = None  # a report (or hub) drawn at the middle of its cluster
    host: str | None = None  # a satellite is placed beside this node
    anchors: tuple[str, ...] = ()
    stage: int = 0  # satellites are placed in rounds, once their host has a place
    xy: np.ndarray = field(default_factory=lambda: np.zeros(2))

    @property
    def radius(self) -> float:
        return _SPIRAL * math.sqrt(len(self.members) + (self.centre is not None)) + SPACING / 2


def layout(
    adjacent: dict[str, list[str]],
    *,
    anchors: Sequence[str],
    order: Callable[[str], Any],
    apart: Collection[str] = (),
) -> dict[str, Position]:
    """Positions in pixels for every node of ``adjacent`` (undirected, sorted lists).

    ``anchors`` (the reports, in drawing order) go round a circle; ``order`` sorts
    the nodes of a cluster from its middle outwards; nodes in ``apart`` (kinds the
    page hides at first) get a satellite cluster of their own, so that hiding them
    leaves no holes.
    """
    components = _components(adjacent)
    rank = {a: i for i, a in enumerate(anchors)}
    main = [c for c in components if any(n in rank for n in c)]
    rest = [c for c in components if not any(n in rank for n in c)]
    positions: dict[str, Position] = {}
    if main:
        nodes = {n for c in main for n in c}
        positions |= _place(adjacent, [a for a in anchors if a in nodes], nodes, order, apart)
    top = max((y for _, y in positions.values()), default=-GAP) + 2 * GAP
    for component in rest:
        hub = min(component, key=lambda n: (-len(adjacent[n]), n))
        positions |= _place(adjacent, [hub], set(component), order, apart)
    packed = _pack(positions, rest, top)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in sorted(packed.items())}


def _components(adjacent: dict[str, list[str]]) -> list[list[str]]:
    seen: set[str] = set()
    found = []
    for start in sorted(adjacent):
        if start in seen:
            continue
        seen.add(start)
        component, queue = [start], deque([start])
        while queue:
            for other in adjacent[queue.popleft()]:
                if other not in seen:
                    seen.add(other)
                    component.append(other)
                    queue.append(other)
        found.append(sorted(component))
    return sorted(found, key=lambda c: (-len(c), c[0]))


def _place(
    adjacent: dict[str, list[str]],
    anchors: list[str],
    nodes: set[str],
    order: Callable[[str], Any],
    apart: Collection[str],
) -> dict[str, Position]:
    groups = _groups(adjacent, anchors, nodes, apart)
    stages = max(g.stage for g in groups.values())
    for group in groups.values():
        group.members.sort(key=order)
    first = [g for g in groups.values() if g.host is None]
    _ring(groups, anchors)
    for group in first:
        if group.centre is None:
            group.xy = np.mean([groups[("A", (a,))].xy for a in group.anchors], axis=0)
    _separate(first)
    placed = list(first)
    positions = _members(placed)
    for stage in range(1, stages + 1):
        satellites = [g for g in groups.values() if g.stage == stage]
        if not satellites:
            continue
        centre = np.mean([g.xy for g in placed], axis=0)
        for group in satellites:
            host = np.array(positions[group.host or ""])
            outward = host - centre
            length = float(np.hypot(*outward))
            direction = outward / length if length > 1e-9 else np.array([0.0, -1.0])
            home = groups.get(("A", (group.host,)))
            reach = home.radius if home is not None else SPACING
            group.xy = host + direction * (reach + group.radius + GAP / 2)
        placed += satellites
        _separate(placed)
        positions = _members(placed)
    return positions


def _groups(
    adjacent: dict[str, list[str]], anchors: list[str], nodes: set[str], apart: Collection[str]
) -> dict[Key, _Group]:
    """Clusters by what links a node to the anchors."""
    level = {a: 0 for a in anchors}
    queue = deque(anchors)
    parent: dict[str, str] = {}
    while queue:
        node = queue.popleft()
        for other in adjacent[node]:
            if other in nodes and other not in level:
                level[other] = level[node] + 1
                parent[other] = node
                queue.append(other)
    groups: dict[Key, _Group] = {("A", (a,)): _Group([], centre=a, anchors=(a,)) for a in anchors}
    rank = {a: i for i, a in enumerate(anchors)}
    for node in sorted(nodes - set(anchors)):
        if level[node] == 1:
            linked = tuple(sorted((a for a in adjacent[node] if a in rank), key=rank.__getitem__))
            if node in apart and len(linked) == 1:
                key: Key = ("S", linked[0])
                group = groups.setdefault(key, _Group([], host=linked[0], stage=1))
            else:
                group = groups.setdefault(("A", linked), _Group([], anchors=linked))
        else:
            host = parent[node]
            group = groups.setdefault(("N", host), _Group([], host=host, stage=level[host]))
        group.members.append(node)
    return groups


def _ring(groups: dict[Key, _Group], anchors: list[str]) -> None:
    """Anchors round a circle, each given an arc as wide as its cluster.

    Satellites are left out of the arcs: they go outside the circle, and the
    page starts with them hidden, so counting them would leave wide empty gaps.
    """
    widths = [2 * groups[("A", (a,))].radius + GAP for a in anchors]
    if len(anchors) == 1:
        return
    radius = max(sum(widths) / (2 * math.pi), max(widths) / 2)
    angle = -math.pi / 2 - math.pi * widths[0] / sum(widths)
    for a, width in zip(anchors, widths, strict=True):
        angle += math.pi * width / sum(widths)
        groups[("A", (a,))].xy = radius * np.array([math.cos(angle), math.sin(angle)])
        angle += math.pi * width / sum(widths)


def _separate(groups: list[_Group], rounds: int = 200) -> None:
    """Push overlapping discs apart, the smaller moving more, until none overlap."""
    if len(groups) < 2:
        return
    xy = np.array([g.xy for g in groups], dtype=float)
    radius = np.array([g.radius for g in groups])
    weight = radius**2
    for step in range(rounds):
        pairs = cKDTree(xy).query_pairs(2 * radius.max() + GAP, output_type="ndarray")
        if len(pairs) == 0:
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[j] - xy[i]
        dist = np.hypot(delta[:, 0], delta[:, 1])
        overlap = radius[i] + radius[j] + GAP / 2 - dist
        hit = overlap > 1e-6
        if not hit.any():
            break
        i, j, delta, dist, overlap = i[hit], j[hit], delta[hit], dist[hit], overlap[hit]
        same = dist < 1e-9  # coincident centres: split them along a fixed, index-based angle
        angle = (i + j + step) * _GOLDEN
        delta[same] = np.c_[np.cos(angle), np.sin(angle)][same]
        dist[same] = 1.0
        unit = delta / dist[:, None]
        share_i = weight[j] / (weight[i] + weight[j])
        move = np.zeros_like(xy)
        np.add.at(move, i, -unit * (overlap * share_i)[:, None] * 0.6)
        np.add.at(move, j, unit * (overlap * (1 - share_i))[:, None] * 0.6)
        xy += move
    for group, point in zip(groups, xy, strict=True):
        group.xy = point


def _members(groups: list[_Group]) -> dict[str, Position]:
    """Sunflower spirals: the centre node in the middle, members outwards in order."""
    positions: dict[str, Position] = {}
    for group in groups:
        cx, cy = float(group.xy[0]), float(group.xy[1])
        if group.centre is not None:
            positions[group.centre] = (cx, cy)
        start = 1 if group.centre is not None else 0
        for i, node in enumerate(group.members, start=start):
            r = _SPIRAL * math.sqrt(i + 0.5)
            positions[node] = (cx + r * math.cos(i * _GOLDEN), cy + r * math.sin(i * _GOLDEN))
    return positions


def _pack(positions: dict[str, Position], rest: list[list[str]], top: float) -> dict[str, Position]:
    """Components without a report in rows under the rest, left to right."""
    placed = dict(positions)
    if not rest:
        return placed
    packed = {n for c in rest for n in c}
    main = [p for n, p in positions.items() if n not in packed]
    left = min((x for x, _ in main), default=0.0)
    width = max(2000.0, max((x for x, _ in main), default=0.0) - left)
    x, y, row = left, top, 0.0
    for component in rest:
        xs = [positions[n][0] for n in component]
        ys = [positions[n][1] for n in component]
        w, h = max(xs) - min(xs) + SPACING, max(ys) - min(ys) + SPACING
        if x > left and x + w > left + width:
            x, y, row = left, y + row + GAP, 0.0
        for n in component:
            px, py = positions[n]
            placed[n] = (px - min(xs) + x, py - min(ys) + y)
        x, row = x + w + GAP, max(row, h)
    return placed
