"""The page's layout: every node placed, apart, reports at the heart of what they mention."""

from __future__ import annotations

import math
import random
import time

import pytest

from kg.viz_layout import SPACING, layout


def adjacency(edges: list[tuple[str, str]], nodes: tuple[str, ...] = ()) -> dict[str, list[str]]:
    found: dict[str, set[str]] = {n: set() for n in nodes}
    for a, b in edges:
        found.setdefault(a, set()).add(b)
        found.setdefault(b, set()).add(a)
    return {n: sorted(others) for n, others in sorted(found.items())}


def corpus(reports: int, entities: int, seed: int = 0) -> tuple[dict[str, list[str]], list[str]]:
    """Reports mentioning entities, a few of them shared, some linked to each other."""
    rng = random.Random(seed)
    names = [f"r{i}" for i in range(reports)]
    edges = []
    for i in range(entities):
        for r in rng.sample(names, 1 if rng.random() < 0.7 else min(reports, 3)):
            edges.append((r, f"e{i}"))
        if rng.random() < 0.2:
            edges.append((f"e{i}", f"e{rng.randrange(entities)}"))
    return adjacency([(a, b) for a, b in edges if a != b]), names


def distance(p: tuple[float, float], q: tuple[float, float]) -> float:
    return math.hypot(p[0] - q[0], p[1] - q[1])


def order(node: str) -> str:
    return node


def test_every_node_gets_its_own_place() -> None:
    adjacent, reports = corpus(6, 400)
    positions = layout(adjacent, anchors=reports, order=order)
    assert set(positions) == set(adjacent)
    points = list(positions.values())
    nearest = min(distance(p, q) for i, p in enumerate(points) for q in points[i + 1 :])
    assert nearest > SPACING / 3


def test_same_input_gives_the_same_positions_whatever_the_order_given() -> None:
    adjacent, reports = corpus(5, 300)
    shuffled = dict(reversed(list(adjacent.items())))
    first = layout(adjacent, anchors=reports, order=order)
    assert layout(shuffled, anchors=reports, order=order) == first
    assert all(round(x, 1) == x and round(y, 1) == y for x, y in first.values())


def test_a_report_is_the_centre_of_what_only_it_mentions() -> None:
    adjacent = adjacency(
        [("r1", f"a{i}") for i in range(30)]
        + [("r2", f"b{i}") for i in range(30)]
        + [("r1", "shared"), ("r2", "shared")]
    )
    positions = layout(adjacent, anchors=["r1", "r2"], order=order)
    apart = distance(positions["r1"], positions["r2"])
    for i in range(30):
        assert distance(positions[f"a{i}"], positions["r1"]) < apart / 2
        assert distance(positions[f"b{i}"], positions["r2"]) < apart / 2
    # What both mention lies between them.
    assert distance(positions["shared"], positions["r1"]) < apart
    assert distance(positions["shared"], positions["r2"]) < apart


def test_nodes_kept_apart_are_drawn_beside_their_report_not_among_the_rest() -> None:
    edges = [("r1", f"a{i}") for i in range(20)] + [("r1", f"s{i}") for i in range(40)]
    adjacent = adjacency(edges)
    apart = {f"s{i}" for i in range(40)}
    positions = layout(adjacent, anchors=["r1"], order=order, apart=apart)
    reach = max(distance(positions[f"a{i}"], positions["r1"]) for i in range(20))
    assert all(distance(positions[s], positions["r1"]) > reach for s in apart)


def test_components_without_a_report_are_packed_below() -> None:
    edges = [("r1", f"a{i}") for i in range(10)] + [("x", "y"), ("y", "z")]
    positions = layout(adjacency(edges, ("lonely",)), anchors=["r1"], order=order)
    lowest_main = max(positions[n][1] for n in ["r1", *(f"a{i}" for i in range(10))])
    for node in ("x", "y", "z", "lonely"):
        assert positions[node][1] > lowest_main


def test_a_graph_without_reports_is_laid_out_round_its_hubs() -> None:
    edges = [("hub", f"a{i}") for i in range(12)] + [("a0", "deep")]
    positions = layout(adjacency(edges), anchors=[], order=order)
    assert set(positions) == {"hub", "deep", *(f"a{i}" for i in range(12))}


@pytest.mark.parametrize("size", [20_000])
def test_twenty_thousand_nodes_are_laid_out_in_seconds(size: int) -> None:
    adjacent, reports = corpus(300, size)
    started = time.perf_counter()
    positions = layout(adjacent, anchors=reports, order=order)
    assert len(positions) == len(adjacent)
    assert time.perf_counter() - started < 20
