"""Time every regular expression of ``extract/`` on adversarial text and flag superlinear ones.

    python bench/regex_audit.py [--only FILE] [--exponent 1.5] [--sizes 1000 ... 100000]

Python's ``re`` backtracks: a pattern with nested quantifiers, an alternation
under ``*`` over overlapping classes, or ``\\s+$`` / ``.*`` before a tail that
fails can take quadratic (or exponential) time on one long line. This script
collects the patterns the way the code really builds them: it wraps
``re._compile`` while importing every ``extract`` module, loading the spaCy
pipeline (components compile patterns from the word lists) and extracting one
sample report, and keeps each pattern compiled from a file under ``extract/``.

Each pattern is then run with ``finditer`` to the end (what ``search``, ``sub``
and ``findall`` do at worst) over strings built from adversarial units: long
runs of 《 〔 digits whitespace, `` | `` table rows, Latin letters, @ and dots,
Chinese numerals, the pattern's own literal characters, each alone and followed
by a character that makes the match fail, at sizes from 1k up to 100k
characters. The ladder of sizes stops before a run that would take more than
``--limit`` seconds if the pattern were quadratic, so the audit finishes. From
the two largest sizes measured comes k in time ~ size**k: about 1 for a linear
pattern, 2 for a quadratic one; k above ``--exponent`` (1.5) on runs slower than
1 µs per character flags it (below that, growth is mostly a busy machine's
caches). A flagged pattern is timed again with ``match`` and ``fullmatch``, which
is how many are used (anchored at a line start), and the line says when those
are linear.
Prints one line per flagged pattern and a summary; exit code 1 when any is flagged.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import math
import pkgutil
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from re import _parser  # type: ignore[attr-defined]
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXTRACT = ROOT / "extract"
SAMPLE = ROOT / "kg" / "samples" / "chongqing-2016.txt"

# Units repeated into long adversarial strings (the list, and a few kin).
UNITS = (
    "《", "〔", "《〔", "〔2016", "0", "2016", "1.", "1,", "12.5", " ", "\u3000", "\t",
    " \n", "\n", " | ", "a | b | ", "| 1 | 2 |\n", "a", "Ab", "a.", "a@", "@.", ".",
    "一", "十", "二十", "一、", "（一）", "(", "（", "第", "号", "年", "万", "%",
    "，", "。", "：", "、", "“", "》", "〕", "市", "政府", "公开",
)  # fmt: skip
FAIL_TAILS = ("", "\x01")  # as is; then a character no pattern expects, so the match fails


_NOISE = 0.0003  # seconds: shorter runs are mostly the clock and the call
# Seconds per character below which a run counts as fast whatever its growth: on a busy
# machine, caches make 100k characters look superlinear; a quadratic pattern is far slower.
_PER_CHAR = 1e-6


@dataclass(frozen=True, slots=True)
class Found:
    pattern: re.Pattern[str]
    where: str  # file:line that compiled it


@dataclass(frozen=True, slots=True)
class Timing:
    unit: str
    tail: str
    sizes: tuple[int, ...]  # the sizes measured: the ladder stops before a run too long
    seconds: tuple[float, ...]  # one per size measured

    @property
    def exponent(self) -> float:
        """k in time ~ size**k from the smallest size timed above the clock's noise to
        the largest (1 is linear, 2 quadratic)."""
        first = next((i for i, t in enumerate(self.seconds) if t >= _NOISE), 0)
        if first >= len(self.seconds) - 1:
            return 1.0
        n1, n2, t1, t2 = self.sizes[first], self.sizes[-1], self.seconds[first], self.seconds[-1]
        return math.log(t2 / max(t1, 1e-7)) / math.log(n2 / n1)


def collect_patterns() -> list[Found]:
    """Every distinct str pattern compiled from a file under extract/, with where it was."""
    found: dict[tuple[str, int], Found] = {}
    original: Callable[..., Any] = re._compile  # type: ignore[attr-defined]

    def recording(pattern: Any, flags: Any) -> Any:
        compiled = original(pattern, flags)
        if isinstance(compiled, re.Pattern) and isinstance(compiled.pattern, str):
            where = _caller()
            if where is not None:
                found.setdefault((compiled.pattern, compiled.flags), Found(compiled, where))
        return compiled

    re._compile = recording  # type: ignore[attr-defined]
    try:
        sys.path.insert(0, str(ROOT))
        import extract

        for module in _modules(extract.__path__, "extract."):
            importlib.import_module(module)
        from extract.ingest import read_report
        from extract.pipeline import extract_text

        source = read_report(SAMPLE)
        extract_text(source.text, source_file=source.name)
    finally:
        re._compile = original  # type: ignore[attr-defined]
    return sorted(found.values(), key=lambda f: _sort_key(f.where))


def _modules(path: Any, prefix: str) -> Iterator[str]:
    for info in pkgutil.walk_packages(path, prefix):
        yield info.name


def _caller() -> str | None:
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.endswith(("re/__init__.py", "enum.py")):
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return None
    file = Path(frame.f_code.co_filename)
    if EXTRACT not in file.parents:
        return None
    return f"{file.relative_to(ROOT)}:{frame.f_lineno}"


def _sort_key(where: str) -> tuple[str, int]:
    file, line = where.rsplit(":", 1)
    return file, int(line)


def literal_chars(pattern: re.Pattern[str]) -> list[str]:
    """Characters the pattern names (literals, set members, range ends), as extra units."""
    chars: set[str] = set()

    def walk(items: Any) -> None:
        for op, arg in items:
            name = str(op)
            if name == "LITERAL":
                chars.add(chr(arg))
            elif name == "IN":
                for inner_op, inner in arg:
                    if str(inner_op) == "LITERAL":
                        chars.add(chr(inner))
                    elif str(inner_op) == "RANGE":
                        chars.update((chr(inner[0]), chr(inner[1])))
            elif isinstance(arg, (list, tuple)):
                for part in arg:
                    if isinstance(part, _parser.SubPattern):
                        walk(part)
                    elif isinstance(part, (list, tuple)):
                        for sub in part:
                            if isinstance(sub, _parser.SubPattern):
                                walk(sub)

    try:
        walk(_parser.parse(pattern.pattern, pattern.flags))
    except (re.error, TypeError, ValueError):
        return []
    return sorted(c for c in chars if c.isprintable() or c.isspace())[:40]


def run_once(pattern: re.Pattern[str], text: str, mode: str) -> float:
    """Seconds of one run, the garbage collector off (thousands of match objects set it off)."""
    gc.disable()
    try:
        return _timed_run(pattern, text, mode)
    finally:
        gc.enable()


def _timed_run(pattern: re.Pattern[str], text: str, mode: str) -> float:
    started = time.perf_counter()
    if mode == "finditer":
        for _ in pattern.finditer(text):
            pass
    elif mode == "match":
        pattern.match(text)
    else:
        pattern.fullmatch(text)
    return time.perf_counter() - started


def time_pattern(
    pattern: re.Pattern[str], sizes: list[int], limit: float, mode: str = "finditer"
) -> list[Timing]:
    """Times on each unit and tail, size after size while the next size, if quadratic,
    would stay under ``limit`` seconds; short runs are the best of three."""
    timings = []
    units = list(dict.fromkeys((*UNITS, *literal_chars(pattern))))
    for unit in units:
        for tail in FAIL_TAILS:
            done: list[int] = []
            seconds: list[float] = []
            for size in sizes:
                if seconds and seconds[-1] * (size / done[-1]) ** 2 > limit:
                    break
                text = (unit * (size // len(unit) + 1))[:size] + tail
                took = run_once(pattern, text, mode)
                if took < 0.05:
                    took = min(took, *(run_once(pattern, text, mode) for _ in range(2)))
                done.append(size)
                seconds.append(took)
            timings.append(Timing(unit, tail, tuple(done), tuple(seconds)))
    return timings


def superlinear(
    pattern: re.Pattern[str],
    timings: list[Timing],
    exponent: float,
    floor: float,
    mode: str,
    largest: int,
) -> list[Timing]:
    """The timings that grow faster than ``size**exponent``. One that the ladder stopped
    early (too slow to try the largest size) is taken as it is; the others, whose times
    are short and so at the mercy of a busy machine, are timed again, alternating runs at the
    largest size and a tenth of it, the three steepest of them."""
    steep = [
        t
        for t in timings
        if t.exponent > exponent and t.seconds[-1] > max(floor, _PER_CHAR * t.sizes[-1])
    ]
    stopped = [t for t in steep if t.sizes[-1] < largest]
    if stopped:
        return stopped
    steep.sort(key=lambda t: t.exponent, reverse=True)
    return [t for t in steep[:3] if _confirmed(pattern, t, mode) > exponent]


def _confirmed(pattern: re.Pattern[str], timing: Timing, mode: str) -> float:
    """k measured again between the largest size and a tenth of it: runs of the two
    alternate, so that a busy moment of the machine slows both, and the best of seven
    of each counts."""
    large = timing.sizes[-1]
    texts = [
        (timing.unit * (size // len(timing.unit) + 1))[:size] + timing.tail
        for size in (large // 10, large)
    ]
    best = [math.inf, math.inf]
    for _ in range(7):
        for i, text in enumerate(texts):
            best[i] = min(best[i], run_once(pattern, text, mode))
    return math.log(best[1] / max(best[0], 1e-7)) / math.log(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1_000, 3_000, 10_000, 30_000, 100_000]
    )
    parser.add_argument(
        "--exponent", type=float, default=1.5, help="k in time ~ size**k that flags a pattern"
    )
    parser.add_argument("--floor", type=float, default=0.002, help="seconds below which no flag")
    parser.add_argument("--limit", type=float, default=2.0, help="longest run, in seconds")
    parser.add_argument("--only", help="only patterns compiled in files containing this")
    args = parser.parse_args()

    found = [f for f in collect_patterns() if not args.only or args.only in f.where]
    flagged = 0
    started = time.perf_counter()
    for item in found:
        timings = time_pattern(item.pattern, args.sizes, args.limit)
        largest = max(args.sizes)
        bad = superlinear(item.pattern, timings, args.exponent, args.floor, "finditer", largest)
        if not bad:
            continue
        flagged += 1
        worst = max(bad, key=lambda t: t.seconds[-1] / t.sizes[-1])
        figures = ", ".join(
            f"{n // 1000}k {s * 1000:.1f} ms"
            for n, s in zip(worst.sizes, worst.seconds, strict=True)
        )
        anchored = [
            mode
            for mode in ("match", "fullmatch")
            if not superlinear(
                item.pattern,
                time_pattern(item.pattern, args.sizes, args.limit, mode),
                args.exponent,
                args.floor,
                mode,
                largest,
            )
        ]
        note = f"; linear with {' and '.join(anchored)}" if anchored else ""
        print(
            f"SUPERLINEAR {item.where}: unit {worst.unit!r}{' + fail' if worst.tail else ''}: "
            f"{figures} (size**{worst.exponent:.1f}); {len(bad)} unit(s){note}"
            f"\n    {item.pattern.pattern[:160]!r}",
            flush=True,
        )
    elapsed = time.perf_counter() - started
    print(f"{len(found)} patterns from extract/, {flagged} superlinear ({elapsed:.0f} s)")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
