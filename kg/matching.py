"""How predicted entities are paired with gold ones (ANNOTATION.md, last section).

The rules are those of the reference scorer ``eval/score.py`` and so is the
order in which candidates are tried: the pairing decides which relations and
attributes count, so two scorers agree only if they pair alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping
from typing import Any, NamedTuple, TypeVar

from rdflib import RDF, RDFS, Dataset, Literal
from rdflib.namespace import SKOS
from rdflib.term import Node

from extract.normalize import normalize_label
from kg.gold import GoldEntity
from kg.vocab import CHANNEL_TYPES, GKG

ENTITY_TYPES: tuple[str, ...] = (
    "DocumentNumber",
    "PolicyDocument",
    "Agency",
    "DisclosureChannel",
    "Reform",
    "Topic",
    "Statistic",
)
CONTRACT_NAMES = frozenset(ENTITY_TYPES) | frozenset(CHANNEL_TYPES)
LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)

P = TypeVar("P", bound=Hashable)
G = TypeVar("G", bound=Hashable)


class StatisticKey(NamedTuple):
    """What a predicted figure is matched on: value and unit, then its measure code."""

    value: float | None
    unit: str
    code: str


def norm(value: object) -> str:
    """ANNOTATION.md's normalisation of any label, alias or literal."""
    return normalize_label(str(value))


def maximum_matching(
    pred: Mapping[P, Any], gold: Mapping[G, Any], fits: Callable[[Any, Any], bool]
) -> dict[P, G]:
    """A maximum one-to-one matching by augmenting paths (Kuhn): pred key → gold key.

    Predictions are tried sorted by their text and gold entities in file order,
    as score.py does, so that equal candidates pair the same way.
    """
    edges = {p: [g for g in gold if fits(pred[p], gold[g])] for p in sorted(pred, key=str)}
    owner: dict[G, P] = {}

    def augment(p: P, seen: set[G]) -> bool:
        for g in edges[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in edges:
        augment(p, set())
    return {p: g for g, p in owner.items()}


def match_named(
    pred: Mapping[Node, frozenset[str]], gold: Mapping[str, GoldEntity]
) -> dict[Node, str]:
    """Pair entities that share a normalised label or alias."""

    def fits(names: frozenset[str], entity: GoldEntity) -> bool:
        return bool(names & ({norm(entity.label)} | {norm(a) for a in entity.aliases}))

    return maximum_matching(pred, gold, fits)


def match_statistics(
    pred: Mapping[Node, StatisticKey], gold: Mapping[str, GoldEntity]
) -> dict[Node, str]:
    """Pair figures of equal value and unit, those with the same measure code first.

    Pairing by code first keeps the attribute check fair when a report gives
    the same figure for two measures (93件 received, 93件 answered).
    """

    def fits(key: StatisticKey, entity: GoldEntity) -> bool:
        if key.value is None:
            return False
        close = abs(key.value - float(entity.value)) <= 1e-6 * max(1.0, abs(key.value))
        return close and key.unit == norm(entity.unit)

    def same_code(key: StatisticKey, entity: GoldEntity) -> bool:
        return fits(key, entity) and bool(key.code) and key.code == entity.measure_code

    first = maximum_matching(pred, gold, same_code)
    paired = set(first.values())
    rest_pred = {node: key for node, key in pred.items() if node not in first}
    rest_gold = {gid: entity for gid, entity in gold.items() if gid not in paired}
    return {**first, **maximum_matching(rest_pred, rest_gold, fits)}


def labels(graph: Dataset, node: Node) -> frozenset[str]:
    """A node's normalised rdfs:label, skos:prefLabel and skos:altLabel values."""
    found = {
        norm(value)
        for prop in LABEL_PROPERTIES
        for value in graph.objects(node, prop)
        if isinstance(value, Literal)
    }
    return frozenset(name for name in found if name)


def number(node: Node | None) -> float | None:
    """A literal's numeric value, or None when it has none."""
    raw: Any = node.toPython() if isinstance(node, Literal) else node
    try:
        return float(raw)
    except (TypeError, ValueError, OverflowError):
        return None


def type_closure(graph: Dataset) -> dict[Node, frozenset[str]]:
    """Map every class to the contract types and channel codes it is (a subclass of)."""
    parents: dict[Node, set[Node]] = defaultdict(set)
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        parents[sub].add(sup)
    classes = set(graph.objects(None, RDF.type)) | set(parents)
    return {cls: _contract_names(cls, parents) for cls in classes}


def _contract_names(cls: Node, parents: Mapping[Node, set[Node]]) -> frozenset[str]:
    namespace = str(GKG)
    seen, todo = {cls}, [cls]
    while todo:
        for sup in parents.get(todo.pop(), ()):
            if sup not in seen:
                seen.add(sup)
                todo.append(sup)
    names = {str(c)[len(namespace) :] for c in seen if str(c).startswith(namespace)}
    return frozenset(names & CONTRACT_NAMES)
