"""Time ``kg build --store``: a first build, an unchanged rebuild, and one changed report.

    python bench/incremental.py [--copies 50] [--keep DIR]

The bundled samples are copied ``--copies`` times under different names (so
200 reports by default), then ``kg build`` runs as a user would run it, in a
subprocess, three times on the same store: first build, rebuild with nothing
changed, rebuild after one report changed. Prints the wall-clock seconds of
each, the ratio of the unchanged rebuild to the first build, and the counts
each build printed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "kg" / "samples"
KG = [sys.executable, "-m", "kg"]


def make_corpus(folder: Path, copies: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for sample in sorted(SAMPLES.glob("*.txt")):
        data = sample.read_bytes()
        for i in range(copies):
            path = folder / f"{sample.stem}-copy{i:04d}.txt"
            path.write_bytes(data)
            made.append(path)
    return made


def run_build(corpus: Path, store: Path, out: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [*KG, "build", str(corpus), "--store", str(store), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"kg build failed ({done.returncode}):\n{done.stderr}")
    return seconds, done.stdout


def counts(summary: str) -> str:
    wanted = ("reports in store", "reused", "rebuilt", "added", "relinked", "triples", "seconds")
    rows = []
    for line in summary.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if len(cells) == 2 and cells[0] in wanted:
            rows.append(f"{cells[0]}={cells[1]}")
    return ", ".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50, help="copies of each sample")
    parser.add_argument("--keep", type=Path, help="work here and keep the files")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="govkg-bench-"))
    try:
        files = make_corpus(work / "corpus", args.copies)
        store, out = work / "store", work / "out"
        print(f"{len(files)} reports, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB")
        first, summary = run_build(work / "corpus", store, out)
        print(f"first build      {first:7.2f} s   {counts(summary)}")
        again, summary = run_build(work / "corpus", store, out)
        print(f"unchanged        {again:7.2f} s   {counts(summary)}")
        changed = files[len(files) // 2]
        changed.write_text(changed.read_text("utf-8") + "\n（本报告有更正。）\n", "utf-8")
        one, summary = run_build(work / "corpus", store, out)
        print(f"one changed      {one:7.2f} s   {counts(summary)}")
        print(f"unchanged / first = {again / first:.3f}; one changed / first = {one / first:.3f}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
