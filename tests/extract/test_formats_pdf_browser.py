"""A PDF from another maker: the samples printed by headless Chromium, with embedded CJK fonts.

Chromium's PDFs differ from reportlab's (tests/data/formats): fonts are embedded
subsets whose ToUnicode maps name some ideographs as radicals, tables are CSS
borders, header and footer come from print templates. Printed here rather than
committed (a PDF with embedded Noto CJK weighs half a megabyte). Skipped, with the
reason, where Playwright, Chromium or a Chinese font is missing.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extract.ingest import read_report

pytestmark = pytest.mark.browser
playwright = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: pip install govkg[test]"
)
CORPUS = Path(__file__).parents[1] / "data" / "corpus"
STYLE = """
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 12pt; line-height: 1.6; }
p { margin: 0; } p.body { text-indent: 2em; text-align: justify; } h1 { text-align: center; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; break-inside: avoid; }
td { border: 0.5pt solid black; padding: 2pt; }
"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    pytest.skip("Chromium is not installed: apt-get install chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    if not fonts.stdout.strip():
        pytest.skip("no Chinese font for Chromium: apt-get install fonts-noto-cjk")
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


def as_html(text: str) -> str:
    """The repaired text as a printable page: a title, paragraphs, ruled tables."""
    lines = text.split("\n")
    parts = [f"<h1>{html.escape(lines[0])}</h1>"]
    rows: list[list[str]] = []
    for line in [*lines[1:], ""]:
        if " | " in line:
            rows.append([cell.strip() for cell in line.split("|")])
            continue
        if rows:
            parts.append(table(rows))
            rows = []
        if line:
            parts.append(f"<p class='body'>{html.escape(line)}</p>")
    return f"<html><head><meta charset='utf-8'><style>{STYLE}</style></head><body>{''.join(parts)}"


def table(rows: list[list[str]]) -> str:
    """Rows of a table; a short row's first cell spans the columns it lacks."""
    width = max(len(row) for row in rows)
    out = []
    for row in rows:
        span = width - len(row) + 1
        cells = [
            f"<td colspan='{span if i == 0 else 1}'>{html.escape(cell)}</td>"
            for i, cell in enumerate(row)
        ]
        out.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table>{''.join(out)}</table>"


@pytest.mark.parametrize("name", ["pingtan-2020.txt", "chongqing-2016.txt"])
def test_pdf_printed_by_chromium_gives_the_text_of_the_report(
    browser: Any, tmp_path: Path, name: str
) -> None:
    text = "\n".join(
        line for line in read_report(CORPUS / name).text.split("\n") if line.strip(" |")
    )
    title = text.split("\n")[0]
    page = browser.new_page()
    page.set_content(as_html(text))
    pdf = tmp_path / name.replace(".txt", ".pdf")
    page.pdf(
        path=str(pdf),
        format="A4",
        margin={"top": "25mm", "bottom": "22mm", "left": "25mm", "right": "25mm"},
        display_header_footer=True,
        header_template=f"<div style='font-size:8pt;width:100%;text-align:center'>{title}</div>",
        footer_template="<div style='font-size:8pt;width:100%;text-align:center'>"
        "- <span class='pageNumber'></span> -</div>",
    )
    page.close()
    assert read_report(pdf).text == text
