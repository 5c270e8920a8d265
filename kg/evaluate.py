"""Score a built graph against gold annotations: the library behind ``kg eval``.

It re-implements the reference scorer ``eval/score.py`` (the rules are in
ANNOTATION.md, the terms it reads in GRAPH_CONTRACT.md) so that the project
can check itself with typed records instead of parsing printed text; a test
holds the two to the same figures. Reading files is kept apart from scoring:
``score_graph`` is pure, ``evaluate`` loads and then calls it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset
from rdflib.term import Node

from kg.atomic import write_text_atomically
from kg.errors import GovKGError, GraphError
from kg.gold import GoldReport, load_gold
from kg.matching import ENTITY_TYPES, StatisticKey, type_closure
from kg.scoring import (
    RELATIONS,
    Accuracy,
    Discrepancy,
    Figures,
    ReportScore,
    Shown,
    score_report,
    unfound_report,
)
from kg.vocab import GKG, NIF

__all__ = [
    "ENTITIES",
    "RELATIONS_TOTAL",
    "Accuracy",
    "Discrepancy",
    "Evaluation",
    "Figures",
    "Provenance",
    "ReportScore",
    "Shown",
    "StatisticKey",
    "default_ontology",
    "evaluate",
    "load_graph",
    "score_graph",
    "write_json",
]

log = logging.getLogger(__name__)

# The RDF syntax of a file, by suffix (Turtle when the suffix says nothing).
FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".n3": "n3",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}
ENTITIES, RELATIONS_TOTAL = "ENTITIES", "RELATIONS"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Mentions whose NIF offsets cut exactly their anchor out of the report text, and the rest."""

    verified: int
    failed: int


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Figures per report and summed over reports (micro-averaged), with what went wrong.

    ``figures`` keys: the entity types, ``ENTITIES``, ``rel:<relation>``,
    ``RELATIONS`` and, when a report was found, ``field:<field>``.
    """

    reports: tuple[ReportScore, ...]
    figures: dict[str, Figures]
    attributes: dict[str, Accuracy]
    provenance: Provenance
    errors: tuple[Discrepancy, ...]
    missing: tuple[str, ...]  # gold files whose report is not in the graph

    def sections(self) -> tuple[tuple[str, ...], ...]:
        """The keys of ``figures`` in the order a table shows them: entities, relations, fields."""
        entities = (*ENTITY_TYPES, ENTITIES)
        relations = (*("rel:" + name for name in RELATIONS), RELATIONS_TOTAL)
        fields = tuple(sorted(key for key in self.figures if key.startswith("field:")))
        return tuple(section for section in (entities, relations, fields) if section)

    def to_dict(self) -> dict[str, Any]:
        """The structure that ``score.py --json`` writes."""
        return {
            "summary": {key: _figures_dict(fig) for key, fig in self.figures.items()},
            "attributes": {key: [acc.correct, acc.total] for key, acc in self.attributes.items()},
            "provenance": [self.provenance.verified, self.provenance.failed],
            "missing": list(self.missing),
            "errors": [_discrepancy_dict(error) for error in self.errors],
        }

    def to_json(self) -> str:
        """``to_dict`` as the JSON text ``score.py --json`` writes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)


def default_ontology() -> Path | None:
    """The project's ontology folder beside the installed package, if there is one.

    Loading it lets subclasses (``gkg:Website rdfs:subClassOf gkg:DisclosureChannel``)
    count as their contract type.
    """
    package = Path(__file__).resolve().parent
    for folder in (package / "ontology", package.parent / "ontology"):
        if folder.is_dir():
            return folder
    return None


def evaluate(graphs: Sequence[Path], gold: Path, *, ontology: Sequence[Path] = ()) -> Evaluation:
    """Load graph files (plus ontology files) and gold files, and score them.

    Raises ``GraphError`` for a graph that is missing or does not parse and
    ``InputError`` for a gold file that is missing or malformed.
    """
    reports = load_gold(gold)
    return score_graph(load_graph([*graphs, *ontology]), reports)


def write_json(evaluation: Evaluation, path: Path) -> None:
    """Write ``evaluation.to_json()`` to ``path`` atomically."""
    try:
        write_text_atomically(path, evaluation.to_json())
    except OSError as error:
        raise GovKGError(f"{path}: cannot write the evaluation: {error.strerror}") from error


def load_graph(paths: Iterable[Path]) -> Dataset:
    """One dataset of every RDF file given, folders searched recursively by suffix."""
    dataset = Dataset(default_union=True)
    for path in paths:
        for file in _graph_files(path):
            _parse(dataset, file)
    return dataset


def score_graph(graph: Dataset, gold: Sequence[GoldReport]) -> Evaluation:
    """Score ``graph`` against each gold report and add the figures up over reports."""
    types = type_closure(graph)
    scores: list[ReportScore] = []
    for report in gold:
        node = find_report(graph, report.file)
        if node is None:
            log.warning("no report in the graph for %s", report.file)
            scores.append(unfound_report(report))
        else:
            scores.append(score_report(graph, node, report, types))
    verified, failed = check_provenance(graph)
    return Evaluation(
        reports=tuple(scores),
        figures=_total_figures(scores),
        attributes=_total_attributes(scores),
        provenance=Provenance(verified, failed),
        errors=tuple(error for score in scores for error in score.errors),
        missing=tuple(score.file for score in scores if not score.found),
    )


def find_report(graph: Dataset, file: str) -> Node | None:
    """The report node whose ``gkg:sourceFile`` is ``file`` (the first, as score.py takes)."""
    for node in graph.subjects(GKG.sourceFile, None):
        if str(graph.value(node, GKG.sourceFile)) == file:
            return node
    return None


def check_provenance(graph: Dataset) -> tuple[int, int]:
    """Count mentions whose offsets into their context's text give their anchor, and the rest."""
    texts = {context: str(text) for context, text in graph.subject_objects(NIF.isString)}
    verified = failed = 0
    for mention, context in graph.subject_objects(NIF.referenceContext):
        text = texts.get(context)
        begin = graph.value(mention, NIF.beginIndex)
        end = graph.value(mention, NIF.endIndex)
        anchor = graph.value(mention, NIF.anchorOf)
        ok = False
        if text is not None and begin is not None and end is not None and anchor is not None:
            try:
                ok = text[int(str(begin)) : int(str(end))] == str(anchor)
            except ValueError:  # an offset that is not an integer cannot be verified
                ok = False
        verified, failed = (verified + 1, failed) if ok else (verified, failed + 1)
    return verified, failed


def _graph_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in FORMATS)
        if not files:
            raise GraphError(f"{path}: no RDF files ({', '.join(FORMATS)}) in this folder")
        return files
    if not path.exists():
        raise GraphError(f"{path}: no such graph file or folder")
    return [path]


def _parse(dataset: Dataset, file: Path) -> None:
    syntax = FORMATS.get(file.suffix, "turtle")
    try:
        dataset.parse(file, format=syntax)
    except Exception as error:  # rdflib's parsers raise many unrelated types on bad input
        problem = " ".join(str(error).split())[:300] or type(error).__name__
        raise GraphError(f"{file}: cannot be read as {syntax}: {problem}") from error


def _total_figures(scores: Sequence[ReportScore]) -> dict[str, Figures]:
    keys = [*ENTITY_TYPES, *("rel:" + name for name in RELATIONS)]
    keys += sorted({key for score in scores for key in score.figures} - set(keys))
    totals = {key: sum((s.figures.get(key, Figures()) for s in scores), Figures()) for key in keys}
    entities = sum((totals[key] for key in ENTITY_TYPES), Figures())
    relations = sum((totals["rel:" + name] for name in RELATIONS), Figures())
    return {**totals, ENTITIES: entities, RELATIONS_TOTAL: relations}


def _total_attributes(scores: Sequence[ReportScore]) -> dict[str, Accuracy]:
    keys = sorted({key for score in scores for key in score.attributes})
    return {k: sum((s.attributes.get(k, Accuracy()) for s in scores), Accuracy()) for k in keys}


def _figures_dict(fig: Figures) -> dict[str, float | int]:
    return {
        "p": fig.precision,
        "r": fig.recall,
        "f1": fig.f1,
        "tp": fig.tp,
        "pred": fig.pred,
        "gold": fig.gold,
    }


def _discrepancy_dict(error: Discrepancy) -> dict[str, Any]:
    def shown(item: Shown) -> Any:
        return list(item) if isinstance(item, tuple) else item

    return {
        "file": error.file,
        "type": error.key,
        "missed": list(error.missed),
        "extra": [shown(item) for item in error.extra],
    }
