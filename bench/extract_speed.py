"""How much the extraction pipeline costs over tokenizing alone.

    python bench/extract_speed.py [FOLDER ...] [--repeat 3]

For the report files under the given folders (default: the bundled samples and
bench/dev), prints the throughput of ``nlp.make_doc`` alone (the floor: one
token per character), of the whole pipeline (make_doc and every component),
their ratio, and the milliseconds each component takes over all the texts.
The machine may be shared, so the figures are CPU time of this process, the two
are timed in alternation (each after a garbage collection), and the best of
``--repeat`` rounds is kept for each; the ratio compares figures of one run.
``measure_extraction`` is the same measurement for other scripts (bench/run.py).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extract.ingest import read_report  # noqa: E402
from extract.pipeline import load_pipeline  # noqa: E402

T = TypeVar("T")
DEFAULT_FOLDERS = (ROOT / "tests" / "data" / "corpus", ROOT / "bench" / "dev")


def report_files(folders: list[Path]) -> list[Path]:
    """Every .txt report under the folders (a file given is taken as it is), sorted."""
    found: list[Path] = []
    for folder in folders:
        found.extend([folder] if folder.is_file() else sorted(folder.rglob("*.txt")))
    return found


def measure_extraction(paths: list[Path], repeat: int = 3) -> dict[str, Any]:
    """Throughput of make_doc alone and of the whole pipeline on the reports at ``paths``.

    Returns floor_mb_s, pipeline_mb_s, ratio (pipeline time / make_doc time, both
    the best of ``repeat`` rounds), per_component_ms (best round, all texts) and
    the size measured (texts, megabytes). One warm-up pass first, so that
    resources loaded on first use are not counted.
    """
    nlp = load_pipeline()
    texts = [read_report(path).text for path in paths]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    components = list(nlp.pipeline)
    for text in texts:
        nlp(text)
    floor = pipeline = float("inf")
    per_component = {name: float("inf") for name, _ in components}
    for _ in range(max(1, repeat)):
        floor = min(floor, _collected(_time_make_doc, nlp, texts))
        pipeline = min(pipeline, _collected(_time_pipeline, nlp, texts))
        for name, seconds in _collected(_time_components, nlp, texts).items():
            per_component[name] = min(per_component[name], seconds)
    return {
        "texts": len(texts),
        "megabytes": megabytes,
        "floor_mb_s": megabytes / floor,
        "pipeline_mb_s": megabytes / pipeline,
        "ratio": pipeline / floor,
        "per_component_ms": {name: s * 1000 for name, s in per_component.items()},
    }


def _collected(measure: Callable[[Language, list[str]], T], nlp: Language, texts: list[str]) -> T:
    """Run ``measure`` after a full garbage collection, so that collecting the garbage of
    an earlier measurement does not land in this one."""
    gc.collect()
    return measure(nlp, texts)


def _time_make_doc(nlp: Language, texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        nlp.make_doc(text)
    return time.process_time() - started


def _time_pipeline(nlp: Language, texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        nlp(text)
    return time.process_time() - started


def _time_components(nlp: Language, texts: list[str]) -> dict[str, float]:
    spent = {name: 0.0 for name, _ in nlp.pipeline}
    for text in texts:
        doc = nlp.make_doc(text)
        for name, component in nlp.pipeline:
            started = time.process_time()
            doc = component(doc)
            spent[name] += time.process_time() - started
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="report folders or files")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best is kept")
    args = parser.parse_args()
    paths = report_files(args.folders or list(DEFAULT_FOLDERS))
    if not paths:
        sys.exit("extract_speed: no .txt report files under " + ", ".join(map(str, args.folders)))
    result = measure_extraction(paths, args.repeat)
    print(f"{result['texts']} reports, {result['megabytes'] * 1000:.1f} KB")
    megabytes = result["megabytes"]
    for name, rate in (("make_doc floor", "floor_mb_s"), ("whole pipeline", "pipeline_mb_s")):
        ms = megabytes / result[rate] * 1000
        print(f"{name:<16} {result[rate]:8.3f} MB/s  ({ms:.1f} ms)")
    print(f"ratio            {result['ratio']:8.2f}  (pipeline time / make_doc time)")
    for name, ms in result["per_component_ms"].items():
        print(f"  {name:<22} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
