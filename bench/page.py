"""The default page of a built graph: the time ``kg viz`` takes to write it, and in
headless Chromium the time until it is drawn and the time of a redraw (what a
pan or zoom costs), measured as bench/viz_scale.py measures its pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from timed import kg
from viz_scale import browser_missing, measure


@dataclass
class PageFigures:
    write_seconds: float
    megabytes: float
    drawn_seconds: float | None = None
    redraw_ms: float | None = None
    status: str = ""  # what the page says it drew, or why it was not opened
    errors: str = ""


def measure_page(turtle: Path, page: Path) -> PageFigures:
    """``kg viz TURTLE -o PAGE`` timed, then the page opened offline in Chromium."""
    done = kg("viz", turtle, "-o", page, "-q")
    figures = PageFigures(done.seconds, page.stat().st_size / 1e6)
    missing = browser_missing()
    if missing is not None:
        figures.status = f"not opened: {missing}"
        return figures
    seen = measure(page, probe=False)
    figures.drawn_seconds = float(seen["drawn_s"])
    figures.redraw_ms = float(seen["redraw_ms"])
    figures.status = str(seen["status"])
    figures.errors = str(seen["errors"])
    return figures
