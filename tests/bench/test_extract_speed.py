"""bench/extract_speed.py measures what bench/run.py reads from it (figures, not a bound)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from samples import CORPUS

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_speed", BENCH / "extract_speed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["extract_speed"] = module
    spec.loader.exec_module(module)
    return module


extract_speed = _load()


def test_measure_extraction_reports_rates_ratio_and_every_component() -> None:
    paths = extract_speed.report_files([CORPUS / "pingtan-2023.txt"])
    result = extract_speed.measure_extraction(paths, repeat=1)
    assert result["texts"] == 1
    assert result["floor_mb_s"] > 0 and result["pipeline_mb_s"] > 0
    ratio = result["floor_mb_s"] / result["pipeline_mb_s"]
    assert abs(result["ratio"] - ratio) < 1e-9 * ratio and result["ratio"] > 1
    components = result["per_component_ms"]
    assert list(components) == [name for name, _ in extract_speed.load_pipeline().pipeline]
    assert all(ms >= 0 for ms in components.values())


def test_default_folders_hold_the_samples_and_the_dev_reports() -> None:
    paths = extract_speed.report_files(list(extract_speed.DEFAULT_FOLDERS))
    assert {p.name for p in CORPUS.glob("*.txt")} <= {p.name for p in paths}
    assert any("dev" in p.parts for p in paths)
