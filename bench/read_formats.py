"""How fast each report format is read: file bytes → repaired text (``read_report``), no extraction.

    python bench/read_formats.py [--repeat 3]

For the samples in tests/data/corpus (.txt) and their versions in tests/data/formats
(.html, .pdf, .docx), prints per format the files, their megabytes, the
megabytes of text they give, and the throughput in file MB/s and text MB/s
(the best of ``--repeat`` rounds, after one warm-up round that loads the libraries).
Text MB/s compares formats fairly: an HTML page or a PDF carries far more bytes
than the text in it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extract.ingest import read_report  # noqa: E402

DATA = ROOT / "tests" / "data"
FOLDERS = {
    "txt": DATA / "corpus",
    "html": DATA / "formats",
    "pdf": DATA / "formats",
    "docx": DATA / "formats",
}


def measure(paths: list[Path], repeat: int) -> tuple[float, float, float]:
    """(file MB, text MB, best seconds) for reading every path once."""
    texts = [read_report(path).text for path in paths]  # warm-up
    best = float("inf")
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        for path in paths:
            read_report(path)
        best = min(best, time.perf_counter() - start)
    file_mb = sum(path.stat().st_size for path in paths) / 1e6
    text_mb = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    return file_mb, text_mb, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'format':<7}{'files':>6}{'file MB':>9}{'text MB':>9}{'seconds':>9}"
        f"{'file MB/s':>11}{'text MB/s':>11}"
    )
    for kind, folder in FOLDERS.items():
        paths = sorted(folder.glob(f"*.{kind}"))
        file_mb, text_mb, seconds = measure(paths, args.repeat)
        print(
            f"{kind:<7}{len(paths):>6}{file_mb:>9.3f}{text_mb:>9.3f}{seconds:>9.3f}"
            f"{file_mb / seconds:>11.3f}{text_mb / seconds:>11.3f}"
        )


if __name__ == "__main__":
    main()
