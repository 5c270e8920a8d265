"""Extraction speed per core next to the ``nlp.make_doc`` floor, measured in one run.

Uses ``measure_extraction`` of bench/extract_speed.py; where that script is
absent, measures the same way here: the best of ``repeat`` rounds of make_doc
alone and of the whole pipeline over the same texts, after a warm-up pass.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any


def measure(paths: list[Path], repeat: int) -> dict[str, Any]:
    try:
        from extract_speed import measure_extraction
    except ImportError:
        return _measure_here(paths, repeat)
    result: dict[str, Any] = measure_extraction(paths, repeat)
    return result


def _measure_here(paths: list[Path], repeat: int) -> dict[str, Any]:
    from extract.ingest import read_report
    from extract.pipeline import load_pipeline

    nlp = load_pipeline()
    texts = [read_report(path).text for path in paths]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    for text in texts:
        nlp(text)
    floor = pipeline = float("inf")
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        for text in texts:
            nlp.make_doc(text)
        floor = min(floor, time.perf_counter() - started)
        started = time.perf_counter()
        for text in texts:
            nlp(text)
        pipeline = min(pipeline, time.perf_counter() - started)
    return {
        "texts": len(texts),
        "megabytes": megabytes,
        "floor_mb_s": megabytes / floor,
        "pipeline_mb_s": megabytes / pipeline,
        "ratio": pipeline / floor,
        "per_component_ms": {},
    }
