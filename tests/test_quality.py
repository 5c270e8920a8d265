"""Extraction quality on the sample reports, measured by the project's copy of score.py.

The floor lives in tests/data/quality_floor.json: raise it as extraction gets
better, so the figures cannot slide back unnoticed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from samples import CORPUS, DATA, GOLD

from kg.corpus import build_corpus

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("out")
    result = build_corpus([CORPUS], out)
    assert result.reports == 4 and not result.failures
    report = out / "score.json"
    subprocess.run(
        [
            sys.executable,
            str(DATA / "score.py"),
            str(out / "graph.ttl"),
            "--gold",
            str(GOLD),
            "--ontology",
            str(ROOT / "ontology"),
            "--json",
            str(report),
        ],
        check=True,
        capture_output=True,
    )
    data: dict[str, Any] = json.loads(report.read_text("utf-8"))
    return data


FLOOR = json.loads((DATA / "quality_floor.json").read_text("utf-8"))


@pytest.mark.parametrize(("entity_type", "floor"), sorted(FLOOR["entity_f1"].items()))
def test_entity_f1_does_not_fall_below_its_floor(
    scores: dict[str, Any], entity_type: str, floor: float
) -> None:
    assert scores["summary"][entity_type]["f1"] >= floor


@pytest.mark.parametrize("field", FLOOR["fields"])
def test_report_field_is_right_for_every_sample(scores: dict[str, Any], field: str) -> None:
    figures = scores["summary"][field]
    assert figures["tp"] == figures["gold"] == len(list(CORPUS.glob("*.txt")))


def test_overall_entity_f1_does_not_fall_below_its_floor(scores: dict[str, Any]) -> None:
    assert scores["summary"]["ENTITIES"]["f1"] >= FLOOR["min_entity_micro_f1"]


def test_every_mention_passes_the_provenance_check(scores: dict[str, Any]) -> None:
    good, bad = scores["provenance"]
    assert good > 0 and bad == 0


def test_document_number_fields_are_all_right(scores: dict[str, Any]) -> None:
    for key in ("prefix", "year", "serial"):
        right, total = scores["attributes"][f"DocumentNumber.{key}"]
        assert total > 0 and right == total
