"""The benchmark's figures, each with its target and verdict, as a terminal or Markdown table."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass
class Figure:
    section: str
    name: str
    shown: str  # the value as printed, with its unit
    value: float | None = None  # for the JSON
    target: str = ""
    passed: bool | None = None  # None: no target, or not measurable here

    @property
    def verdict(self) -> str:
        return {True: "pass", False: "FAIL", None: ""}[self.passed]


class Figures(list[Figure]):
    def add(
        self,
        section: str,
        name: str,
        shown: str,
        value: float | None = None,
        target: str = "",
        passed: bool | None = None,
    ) -> None:
        self.append(Figure(section, name, shown, value, target, passed))

    def as_json(self) -> list[dict[str, Any]]:
        return [asdict(f) | {"verdict": f.verdict} for f in self]


def print_table(figures: Figures, title: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_header=True, header_style="bold")
    for column in ("section", "figure", "value", "target", ""):
        table.add_column(column, justify="right" if column == "value" else "left")
    section = None
    for f in figures:
        if f.section != section and section is not None:
            table.add_section()
        style = {True: "green", False: "bold red", None: ""}[f.passed]
        shown_section = f.section if f.section != section else ""
        cells = (shown_section, f.name, f.shown, f.target)
        table.add_row(*(Text(c) for c in cells), Text(f.verdict, style=style))
        section = f.section
    Console(width=max(140, Console().width)).print(table)


def markdown_table(figures: Figures) -> str:
    rows = ["| | figure | value | target | |", "|---|---|---:|---|---|"]
    section = None
    for f in figures:
        shown_section = f.section if f.section != section else ""
        verdict = {True: "✅", False: "❌", None: ""}[f.passed]
        cells = (shown_section, f.name, f.shown, f.target, verdict)
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        section = f.section
    return "\n".join(rows)


def update_readme(readme: Path, block: str) -> bool:
    """Replace what lies between the bench markers of ``readme``; False if it has none."""
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.S)
    if not pattern.search(text):
        return False
    replaced = pattern.sub(lambda _: f"{README_START}\n{block}\n{README_END}", text, count=1)
    readme.write_text(replaced, encoding="utf-8")
    return True
