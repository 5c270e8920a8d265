"""The synthetic corpus of bench/synth.py: deterministic, varied, built by kg as the samples are."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load_synth() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synth", BENCH / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["synth"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


synth = _load_synth()
DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]+〔\d{4}〕\d+号")
TITLE = re.compile(r"^\s*(?P<region>\S+?)(?P<year>\d{4})年度?政府信息公开工作年度报告", re.M)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synth.ensure_corpus(20, seed=7, cache_dir=tmp_path_factory.mktemp("synth"))


def _reports(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))}


def test_the_same_seed_gives_the_same_bytes_and_a_smaller_corpus_is_a_prefix(
    corpus: Path, tmp_path: Path
) -> None:
    again = synth.ensure_corpus(20, seed=7, cache_dir=tmp_path / "again")
    smaller = synth.ensure_corpus(5, seed=7, cache_dir=tmp_path / "small")
    assert _reports(again) == _reports(corpus)
    first_five = {n: t for n, t in _reports(corpus).items() if int(n[-11:-4]) < 5}
    assert _reports(smaller) == first_five
    other_seed = synth.ensure_corpus(5, seed=8, cache_dir=tmp_path / "other")
    assert set(_reports(other_seed)) != set(first_five)


def test_a_cached_corpus_is_reused_and_one_from_an_older_generator_is_remade(
    corpus: Path,
) -> None:
    marker = corpus / "synth.json"
    stamp = marker.read_text("utf-8")
    (corpus / "extra.txt").write_text("kept while the stamp matches", "utf-8")
    assert synth.ensure_corpus(20, seed=7, cache_dir=corpus.parents[1]) == corpus
    assert (corpus / "extra.txt").exists()
    marker.write_text(stamp.replace('"fingerprint": "', '"fingerprint": "old'), "utf-8")
    synth.ensure_corpus(20, seed=7, cache_dir=corpus.parents[1])
    assert not (corpus / "extra.txt").exists()
    assert marker.read_text("utf-8") == stamp


def test_twenty_reports_have_many_regions_years_numbers_and_both_formats(corpus: Path) -> None:
    texts = _reports(corpus)
    assert len(texts) == 20
    titles = [TITLE.search(text) for text in texts.values()]
    assert all(titles), "every report starts with a title naming its region and year"
    regions = {m["region"] for m in titles if m}
    assert len(regions) >= 15
    assert not regions & {"重庆市", "平潭综合实验区"}
    for name, match in zip(texts, titles, strict=True):
        assert match is not None and name.split("-")[1] == match["year"]
        assert "重庆" not in texts[name] and "平潭" not in texts[name]
    local = [
        n for t in texts.values() for n in DOCUMENT_NUMBER.findall(t) if not n.startswith("国")
    ]
    assert len(set(local)) >= 15
    tables = sum(" | " in text for text in texts.values())
    assert 0 < tables < 20, "a mix of the national tables and the narrative format"


def _table_rows(text: str) -> list[list[int]]:
    """The whole numbers of each table row (the national format's cells)."""
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.split(" | ")]
        numbers = [int(c) for c in cells if re.fullmatch(r"-?\d+", c)]
        if len(cells) > 1 and numbers:
            rows.append(numbers)
    return rows


def test_table_figures_are_scaled_by_one_factor_so_their_sums_still_hold(corpus: Path) -> None:
    factors = set()
    for path in sorted(corpus.glob("*.txt")):
        slot = synth.slots(7)[int(path.stem[-7:])]
        template = _table_rows(synth.template_for(slot).text)
        rows = _table_rows(path.read_text("utf-8"))
        assert len(rows) == len(template), path.name
        if not rows:
            continue
        factor = max(map(max, rows)) // max(map(max, template))
        assert rows == [[factor * n for n in row] for row in template], path.name
        sums = [row[-1] == sum(row[:-1]) for row in rows if len(row) >= 3]
        assert sums == [row[-1] == sum(row[:-1]) for row in template if len(row) >= 3]
        factors.add(factor)
    assert len(factors) >= 2, "reports differ in their figures"


@pytest.fixture(scope="module")
def records(corpus: Path) -> dict[str, Any]:
    """One generated report of each template, and the template, extracted by the pipeline."""
    from extract.pipeline import extract_file

    picked: dict[str, Path] = {}
    for path in sorted(corpus.glob("*.txt"), key=lambda p: p.stem[-7:]):
        slot = synth.slots(7)[int(path.stem[-7:])]
        picked.setdefault(synth.template_for(slot).name, path)
    return {
        name: (extract_file(path), extract_file(synth.SAMPLES / f"{name}.txt"))
        for name, path in picked.items()
    }


def test_each_generated_report_builds_with_its_region_year_and_entities(
    records: dict[str, Any], corpus: Path
) -> None:
    assert len(records) >= 3
    for record, sample in records.values():
        slot = synth.slots(7)[int(Path(record.source_file).stem[-7:])]
        assert (record.region, record.year) == (slot.region.name, slot.year)
        kinds = {entity.kind for entity in record.entities}
        assert {"Agency", "DisclosureChannel"} <= kinds, record.source_file
        assert len(record.statistics) == len(sample.statistics), record.source_file
        assert len(record.quality_notes) == len(sample.quality_notes), "tables add up alike"
