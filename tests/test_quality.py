"""Extraction quality, measured by the project's copy of score.py, held above a floor.

The floor lives in tests/data/quality_floor.json: raise it as extraction gets
better, so the figures cannot slide back unnoticed. Two sets are held: the four
real sample reports, and the invented dev reports of bench/dev, which no rule
was written from and so say more about text the extractor has never seen.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from samples import DATA

from kg.corpus import build_corpus

ROOT = Path(__file__).parents[1]
FLOOR: dict[str, dict[str, Any]] = json.loads((DATA / "quality_floor.json").read_text("utf-8"))
SETS = sorted(k for k in FLOOR if not k.startswith("_"))


@pytest.fixture(scope="module", params=SETS)
def scored(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], dict[str, Any]]:
    floor = FLOOR[request.param]
    corpus, gold = ROOT / floor["corpus"], ROOT / floor["gold"]
    out = tmp_path_factory.mktemp(request.param)
    result = build_corpus([corpus], out)
    assert result.reports == len(list(corpus.glob("*.txt"))) and not result.failures
    report = out / "score.json"
    subprocess.run(
        [
            sys.executable,
            str(DATA / "score.py"),
            str(out / "graph.ttl"),
            "--gold",
            str(gold),
            "--ontology",
            str(ROOT / "ontology"),
            "--json",
            str(report),
        ],
        check=True,
        capture_output=True,
    )
    figures: dict[str, Any] = json.loads(report.read_text("utf-8"))
    return figures, floor


def test_entity_and_relation_micro_f1_hold_their_floor(
    scored: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    figures, floor = scored
    assert figures["summary"]["ENTITIES"]["f1"] >= floor["entity_micro_f1"]
    assert figures["summary"]["RELATIONS"]["f1"] >= floor["relation_micro_f1"]


def test_every_entity_type_holds_its_floor(scored: tuple[dict[str, Any], dict[str, Any]]) -> None:
    figures, floor = scored
    low = {
        t: figures["summary"][t]["f1"]
        for t, f in floor["type_f1"].items()
        if figures["summary"][t]["f1"] < f
    }
    assert not low


def test_report_fields_are_right_for_every_report(
    scored: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    figures, floor = scored
    wrong = {
        f: figures["summary"][f]
        for f in floor["fields"]
        if figures["summary"][f]["tp"] != figures["summary"][f]["gold"]
    }
    assert not wrong


def test_attributes_hold_their_floor(scored: tuple[dict[str, Any], dict[str, Any]]) -> None:
    figures, floor = scored
    attributes = figures["attributes"]
    for name in floor["exact_attributes"]:
        right, total = attributes[name]
        assert total > 0 and right == total, name
    for name, share in floor["attribute_floor"].items():
        right, total = attributes[name]
        assert total > 0 and right / total >= share, name


def test_every_mention_passes_the_provenance_check(
    scored: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    figures, _ = scored
    good, bad = figures["provenance"]
    assert good > 0 and bad == 0
