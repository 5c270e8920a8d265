"""The HTML, PDF and DOCX versions of the samples build what their plain text builds.

The versions are in tests/data/formats (made by make_formats.py; pingtan-2023.html is
the page the government site serves). Each is extracted and compared with the text
version: the same entities, figures and report facts, and score.py's figures against
the gold annotations within 0.02.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from samples import CORPUS, DATA, GOLD, SAMPLES

from extract.pipeline import extract_file
from extract.records import ReportRecord
from kg.corpus import find_reports
from kg.export import union_graph, write_turtle
from kg.report_graph import build_graph

FORMATS = DATA / "formats"
KINDS = ("html", "pdf", "docx")
ROOT = Path(__file__).parents[2]


def stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


@pytest.fixture(scope="module")
def records() -> dict[str, list[ReportRecord]]:
    made = {"txt": [extract_file(CORPUS / name) for name in SAMPLES]}
    for kind in KINDS:
        made[kind] = [extract_file(FORMATS / f"{stem(name)}.{kind}") for name in SAMPLES]
    return made


def facts(record: ReportRecord) -> dict[str, Any]:
    """What a record says, without where in the text it says it."""
    return {
        "report": (record.title, record.region, record.year, record.publisher),
        "channel types": sorted(record.channel_types),
        "entities": sorted(
            (e.kind, e.label, e.doc_type or "", e.channel_type or "") for e in record.entities
        ),
        "numbers": sorted(n.label for n in record.document_numbers),
        "figures": sorted(
            (str(s.value), s.unit, s.approximate, s.measure_code or "", str(s.position))
            for s in record.statistics
        ),
        "relations": sorted(map(str, record.relations)),
    }


@pytest.mark.parametrize("kind", KINDS)
def test_each_format_gives_the_facts_of_the_text_version(
    records: dict[str, list[ReportRecord]], kind: str
) -> None:
    for text, other in zip(records["txt"], records[kind], strict=True):
        assert other.source_file == f"{stem(text.source_file)}.{kind}"
        assert facts(other) == facts(text)
        for entity in other.entities:  # mentions point into the text the format gave
            for mention in entity.mentions:
                assert other.text[mention.start : mention.end] == mention.text


def scored(records: list[ReportRecord], kind: str, folder: Path) -> dict[str, Any]:
    """score.py's summary for a build of *records*, gold files renamed to the format's files."""
    gold = folder / "gold"
    gold.mkdir()
    for path in sorted(GOLD.glob("*.json")):
        annotations = json.loads(path.read_text("utf-8"))
        annotations["report"]["file"] = f"{path.stem}.{kind}"
        (gold / path.name).write_text(json.dumps(annotations, ensure_ascii=False), "utf-8")
    graph = folder / "graph.ttl"
    write_turtle(union_graph(build_graph(records)), graph)
    figures = folder / "score.json"
    subprocess.run(
        [
            sys.executable,
            str(DATA / "score.py"),
            str(graph),
            "--gold",
            str(gold),
            "--ontology",
            str(ROOT / "ontology"),
            "--json",
            str(figures),
        ],
        check=True,
        capture_output=True,
    )
    summary: dict[str, Any] = json.loads(figures.read_text("utf-8"))["summary"]
    return summary


@pytest.fixture(scope="module")
def text_scores(
    records: dict[str, list[ReportRecord]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    return scored(records["txt"], "txt", tmp_path_factory.mktemp("txt"))


@pytest.mark.parametrize("kind", KINDS)
def test_each_format_scores_within_two_points_of_the_text_version(
    records: dict[str, list[ReportRecord]], text_scores: dict[str, Any], kind: str, tmp_path: Path
) -> None:
    other = scored(records[kind], kind, tmp_path)
    for figure in ("ENTITIES", "RELATIONS", "Statistic"):
        assert abs(other[figure]["f1"] - text_scores[figure]["f1"]) <= 0.02, figure


def test_a_folder_of_reports_is_searched_for_every_format() -> None:
    found, missing = find_reports([FORMATS])
    assert not missing
    names = {path.name for path in found}
    for name in SAMPLES:
        assert {f"{stem(name)}.pdf", f"{stem(name)}.docx", f"{stem(name)}.html"} <= names
    assert "make_formats.py" not in names
