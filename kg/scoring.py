"""One report of a graph scored against its gold file: entities, relations, fields, attributes.

The figures are counts (true positives, predicted, gold) so that the corpus
figure can be micro-averaged by adding them up; ``kg.evaluate`` does that.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, Dataset, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.gold import DOCUMENT_NUMBER, STATISTIC, GoldEntity, GoldReport
from kg.matching import (
    ENTITY_TYPES,
    StatisticKey,
    labels,
    match_named,
    match_statistics,
    norm,
    number,
)
from kg.vocab import GKG, ORG

RELATIONS: dict[str, URIRef] = {
    "hasDocumentNumber": GKG.hasDocumentNumber,
    "issuedBy": GKG.issuedBy,
    "basedOn": GKG.basedOn,
    "operatedBy": GKG.operatedBy,
    "subOrganizationOf": ORG.subOrganizationOf,
    "publishedBy": GKG.publishedBy,
}
REPORT = "report"  # the id gold relations use for the report itself

# How score.py shows a wrong prediction: a relation as text, a named entity as
# its first label (or none), a statistic as its (value, unit, measure code).
Shown = str | tuple[str, ...] | StatisticKey
Ends = Node | str  # a graph node, or the gold id it was matched to


@dataclass(frozen=True, slots=True)
class Figures:
    """True positives, predictions and gold items of one key; adding them micro-averages."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Figures) -> Figures:
        return Figures(self.tp + other.tp, self.pred + other.pred, self.gold + other.gold)


@dataclass(frozen=True, slots=True)
class Accuracy:
    """How many matched entities have an attribute right, of those whose gold gives it."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """What one report's graph missed and added for one key (entity type or ``rel:`` name)."""

    file: str
    key: str
    missed: tuple[str, ...]
    extra: tuple[Shown, ...]


@dataclass(frozen=True, slots=True)
class ReportScore:
    """The figures of one gold report; ``found`` is False when the graph lacks the report."""

    file: str
    found: bool
    figures: dict[str, Figures]
    attributes: dict[str, Accuracy]
    errors: tuple[Discrepancy, ...]


def unfound_report(gold: GoldReport) -> ReportScore:
    """A report missing from the graph: all its entities are missed, nothing else counts."""
    figures = {t: Figures(0, 0, sum(e.type == t for e in gold.entities)) for t in ENTITY_TYPES}
    return ReportScore(gold.file, False, figures, {}, ())


def score_report(
    graph: Dataset, report: Node, gold: GoldReport, types: Mapping[Node, frozenset[str]]
) -> ReportScore:
    """Score the entities the graph says ``report`` mentions against the gold file."""
    mentioned = set(graph.objects(report, GKG.mentions))
    figures: dict[str, Figures] = {}
    errors: list[Discrepancy] = []
    to_gold: dict[Node, str] = {}
    for etype in ENTITY_TYPES:
        candidates = {e.id: e for e in gold.entities if e.type == etype}
        if etype == STATISTIC:
            stats = {s: _statistic_key(graph, s) for s in graph.objects(report, GKG.hasStatistic)}
            pairs = match_statistics(stats, candidates)
            extra: list[Shown] = [stats[n] for n in sorted(stats, key=str) if n not in pairs]
            predicted = len(stats)
        else:
            named = {n: labels(graph, n) for n in mentioned if _is_a(graph, n, etype, types)}
            pairs = match_named(named, candidates)
            extra = [tuple(sorted(named[n])[:1]) for n in sorted(named, key=str) if n not in pairs]
            predicted = len(named)
        to_gold.update(pairs)
        figures[etype] = Figures(len(pairs), predicted, len(candidates))
        hit = set(pairs.values())
        missed = [_described(e) for gid, e in candidates.items() if gid not in hit]
        errors.append(Discrepancy(gold.file, etype, tuple(missed), tuple(extra)))
    to_gold[report] = REPORT
    for name, (counts, error) in _score_relations(graph, report, gold, mentioned, to_gold).items():
        figures["rel:" + name] = counts
        errors.append(error)
    figures.update(_score_fields(graph, report, gold))
    attributes = _score_attributes(graph, to_gold, {e.id: e for e in gold.entities}, types)
    return ReportScore(gold.file, True, figures, attributes, tuple(errors))


def _is_a(graph: Dataset, node: Node, etype: str, types: Mapping[Node, frozenset[str]]) -> bool:
    return any(etype in types.get(cls, frozenset()) for cls in graph.objects(node, RDF.type))


def _statistic_key(graph: Dataset, node: Node) -> StatisticKey:
    unit, code = graph.value(node, GKG.unit), graph.value(node, GKG.measureCode)
    return StatisticKey(
        number(graph.value(node, GKG.value)),
        norm(unit) if unit is not None else "",
        str(code) if code is not None else "",
    )


def _described(entity: GoldEntity) -> str:
    if entity.type == STATISTIC:
        return f"{entity.value}{entity.unit} {entity.measure}"
    return entity.label


def _score_relations(
    graph: Dataset, report: Node, gold: GoldReport, mentioned: set[Node], to_gold: dict[Node, str]
) -> dict[str, tuple[Figures, Discrepancy]]:
    """A relation counts when its predicate and both its (matched) ends agree with gold."""
    gold_relations = set(gold.relations)
    gold_labels = {e.id: e.label for e in gold.entities} | {REPORT: "(the report)"}

    def name(end: Ends) -> str:
        if isinstance(end, Node):
            return min(labels(graph, end), default=str(end))
        return gold_labels.get(end) or end

    def show(triple: tuple[Ends, str, Ends]) -> str:
        return f"{name(triple[0])} --{triple[1]}--> {name(triple[2])}"

    out: dict[str, tuple[Figures, Discrepancy]] = {}
    for rname, prop in RELATIONS.items():
        subjects = {report} if rname == "publishedBy" else mentioned
        predicted: set[tuple[Ends, str, Ends]] = {
            (to_gold.get(s, s), rname, to_gold.get(o, o))
            for s in subjects
            for o in graph.objects(s, prop)
        }
        wanted: set[tuple[Ends, str, Ends]] = {t for t in gold_relations if t[1] == rname}
        counts = Figures(len(predicted & wanted), len(predicted), len(wanted))
        missed = tuple(sorted(map(show, wanted - predicted)))
        extra = tuple(sorted(map(show, predicted - wanted))[:20])
        out[rname] = (counts, Discrepancy(gold.file, "rel:" + rname, missed, extra))
    return out


def _score_fields(graph: Dataset, report: Node, gold: GoldReport) -> dict[str, Figures]:
    """Title, region, year and publisher are right or wrong; channel kinds are a set."""
    region = graph.value(report, GKG.region)
    publisher = graph.value(report, GKG.publishedBy)
    years = {number(y) for y in graph.objects(report, GKG.year)}
    hits = {
        "title": norm(gold.title) in {norm(t) for t in graph.objects(report, DCTERMS.title)},
        "region": region is not None and norm(gold.region) in labels(graph, region),
        "year": gold.year in {int(y) for y in years if y is not None and math.isfinite(y)},
        "publisher": publisher is not None and norm(gold.publisher) in labels(graph, publisher),
    }
    figures = {"field:" + key: Figures(int(hit), 1, 1) for key, hit in hits.items()}
    used = {
        str(kind).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        for kind in graph.objects(report, GKG.usesChannelType)
    }
    wanted = set(gold.channel_types)
    figures["field:channel_types"] = Figures(len(used & wanted), len(used), len(wanted))
    return figures


def _score_attributes(
    graph: Dataset,
    to_gold: Mapping[Node, str],
    by_id: Mapping[str, GoldEntity],
    types: Mapping[Node, frozenset[str]],
) -> dict[str, Accuracy]:
    """Check the attributes of every matched entity whose gold entity states them."""
    tally: dict[str, Accuracy] = {}

    def count(key: str, right: bool) -> None:
        tally[key] = tally.get(key, Accuracy()) + Accuracy(int(right), 1)

    for node, gid in to_gold.items():
        entity = by_id.get(gid)
        if entity is None:
            continue
        if entity.type == DOCUMENT_NUMBER:
            parts = (
                ("prefix", GKG.prefix, entity.prefix),
                ("year", GKG.year, entity.year),
                ("serial", GKG.serial, entity.serial),
            )
            for part, prop, expected in parts:
                value = graph.value(node, prop)
                right = value is not None and norm(value) == norm(expected)
                count(f"{DOCUMENT_NUMBER}.{part}", right)
        elif entity.type == "DisclosureChannel" and entity.channel_type:
            kinds = {str(c).rsplit("#", 1)[-1] for c in graph.objects(node, GKG.channelType)}
            kinds |= {t for c in graph.objects(node, RDF.type) for t in types.get(c, frozenset())}
            count("DisclosureChannel.channel_type", entity.channel_type in kinds)
        elif entity.type == STATISTIC:
            if entity.approximate is not None:
                flag: Any = graph.value(node, GKG.approximate)
                count(
                    "Statistic.approximate",
                    bool(flag is not None and flag.toPython()) == entity.approximate,
                )
            if entity.measure_code:
                code = str(graph.value(node, GKG.measureCode))
                count("Statistic.measure_code", code == entity.measure_code)
    return tally
