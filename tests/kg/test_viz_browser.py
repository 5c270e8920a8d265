"""The graph page in a real browser (headless Chromium through Playwright), network off.

Skipped, with the reason, where Playwright or Chromium is missing; CI installs both
(``apt-get install chromium``; no ``playwright install`` is needed or used).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace
from rdflib.namespace import SKOS

from kg.corpus import build_corpus, sample_reports
from kg.viz import View, write_page
from kg.vocab import GKG, ITSRDF, NIF

pytestmark = pytest.mark.browser
playwright = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: pip install govkg[test]"
)


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    pytest.skip("Chromium is not installed: apt-get install chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


@dataclass
class Opened:
    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def status(self) -> str:
        return str(self.page.text_content("#gkg-status"))

    def drawn(self) -> int:
        return int(self.status().split()[1])

    def until(self, condition: str) -> None:
        """Wait until ``condition`` (JavaScript, with ``status`` the status line's text) holds."""
        status = "document.getElementById('gkg-status').textContent"
        self.page.wait_for_function(f"(() => {{ const status = {status}; return {condition}; }})()")

    def visible_kinds(self) -> set[str]:
        return set(self.page.evaluate("() => window.govkg.nodes.get().map(n => n.group)"))


def open_page(browser: Any, path: Path) -> Opened:
    """The page from file://, every http(s) request refused, console errors collected."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    page = context.new_page()
    opened = Opened(page)

    def refuse(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            opened.requests.append(route.request.url)
            route.abort()

    def console(message: Any) -> None:
        if message.type == "error":
            opened.errors.append(message.text)

    def dialog(box: Any) -> None:
        opened.dialogs.append(box.message)
        box.dismiss()

    page.route("**/*", refuse)
    page.on("console", console)
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.on("dialog", dialog)
    page.goto(path.resolve().as_uri())
    page.wait_for_function(
        "document.getElementById('gkg-status').textContent.startsWith('drawn')", timeout=60_000
    )
    return opened


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    result = build_corpus([], out, files=sample_reports())
    assert result.reports == len(sample_reports())
    return out / "graph.html"


@pytest.fixture
def opened(browser: Any, samples: Path) -> Iterator[Opened]:
    page = open_page(browser, samples)
    yield page
    page.page.context.close()


def test_samples_page_draws_offline_with_no_console_errors(opened: Opened) -> None:
    assert opened.drawn() > 100
    assert "hidden by filters" in opened.status()  # the statistics start hidden
    assert opened.requests == []
    assert opened.errors == []


def test_search_finds_the_general_office_and_shows_where_reports_say_so(opened: Opened) -> None:
    page = opened.page
    page.fill("#gkg-search", "国务院办公厅")
    first = page.locator("#gkg-results li button").first
    assert first.locator("span").nth(1).text_content() == "国务院办公厅"
    page.keyboard.press("Enter")
    panel = page.locator("#gkg-panel")
    assert panel.locator("h2").text_content() == "国务院办公厅"
    assert "Agency" in str(panel.locator(".kind").text_content())
    marks = panel.locator("blockquote mark").all_text_contents()
    assert marks and all(mark in {"国务院办公厅", "国办"} or "国务院" in mark for mark in marks)
    selected = page.evaluate("() => window.govkg.network.getSelectedNodes()")
    label = page.evaluate("i => window.govkg.data.info[i].label", selected[0])
    assert label == "国务院办公厅"
    assert opened.errors == []


def test_search_ignores_case_and_width_of_latin_letters(opened: Opened) -> None:
    opened.page.fill("#gkg-search", "ＣＱＨＫＱＬ")
    hits = opened.page.locator("#gkg-results li button").all_text_contents()
    assert any("cqhkql@163.com" in hit for hit in hits)


def test_a_document_shows_its_number_and_issuer(opened: Opened) -> None:
    page = opened.page
    page.fill("#gkg-search", "国务院办公厅关于印发2016年政务公开工作要点的通知")
    page.keyboard.press("Enter")
    text = str(page.locator("#gkg-panel").text_content())
    assert "hasDocumentNumber →" in text and "国办发〔2016〕19号" in text
    assert "issuedBy →" in text and "国务院办公厅" in text


def test_a_type_filter_hides_that_type_and_brings_it_back(opened: Opened) -> None:
    page = opened.page
    before = opened.drawn()
    assert "Agency" in opened.visible_kinds()
    page.uncheck('#gkg-legend input[data-kind="Agency"]')
    opened.until(f"!status.startsWith('drawn {before} ')")
    assert "Agency" not in opened.visible_kinds()
    assert opened.drawn() < before
    page.check('#gkg-legend input[data-kind="Agency"]')
    opened.until(f"status.startsWith('drawn {before} ')")
    assert opened.errors == []


def test_statistics_start_hidden_and_show_when_ticked(opened: Opened) -> None:
    assert "Statistic" not in opened.visible_kinds()
    opened.page.check('#gkg-legend input[data-kind="Statistic"]')
    opened.until("!status.includes('hidden')")
    assert "Statistic" in opened.visible_kinds()


def test_a_year_shows_only_what_its_reports_mention(opened: Opened) -> None:
    page = opened.page
    before = opened.drawn()
    page.select_option("#gkg-report", "y:2012")
    opened.until(f"!status.startsWith('drawn {before} ')")
    reports = page.evaluate(
        "() => window.govkg.nodes.get().filter(n => n.group === 'AnnualReport').map(n => n.label)"
    )
    assert reports == ["重庆市2012年报"]
    assert opened.drawn() < before


def test_the_neighbourhood_view_and_back(opened: Opened) -> None:
    page = opened.page
    everything = opened.drawn()
    page.fill("#gkg-search", "国务院")
    page.keyboard.press("Enter")
    page.click("#gkg-panel .actions button")
    opened.until("status.includes('neighbourhood')")
    assert 1 < opened.drawn() < everything
    page.click("#gkg-all")
    opened.until(f"status.startsWith('drawn {everything} ')")


def test_a_focused_page_opens_on_its_node(browser: Any, samples: Path, tmp_path: Path) -> None:
    from kg.evaluate import load_graph

    path = tmp_path / "focus.html"
    write_page(load_graph([samples.with_suffix(".ttl")]), path, view=View(focus="国务院办公厅"))
    opened = open_page(browser, path)
    opened.page.wait_for_selector("#gkg-panel h2")
    assert opened.page.text_content("#gkg-panel h2") == "国务院办公厅"
    assert opened.errors == []


EX = Namespace("https://example.org/id/")
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>window.pwned=1;alert(2)</script>"


@pytest.fixture
def hostile(browser: Any, tmp_path: Path) -> Iterator[Opened]:
    g = Graph()
    report, topic, agency = EX["report/x.txt"], EX["topic/img"], EX["agency/script"]
    context, mention = EX["report/x.txt/text#char=0,80"], EX["report/x.txt/text#char=4,33"]
    text = f"报告中写道{IMG}。<b onmouseover=alert(3)>"
    for triple in [
        (report, RDF.type, GKG.AnnualReport),
        (report, RDFS.label, Literal(f"报告 {SCRIPT}")),
        (report, GKG.mentions, topic),
        (report, GKG.mentions, agency),
        (topic, RDF.type, GKG.Topic),
        (topic, RDFS.label, Literal(IMG)),
        (topic, SKOS.altLabel, Literal("<svg onload=alert(4)>")),
        (topic, GKG.measure, Literal("<iframe src=javascript:alert(5)>")),
        (agency, RDF.type, GKG.Agency),
        (agency, RDFS.label, Literal(SCRIPT)),
        (context, RDF.type, NIF.Context),
        (context, NIF.isString, Literal(text)),
        (mention, NIF.referenceContext, context),
        (mention, NIF.beginIndex, Literal(5)),
        (mention, NIF.endIndex, Literal(5 + len(IMG))),
        (mention, ITSRDF.taIdentRef, topic),
    ]:
        g.add(triple)
    path = tmp_path / "hostile.html"
    write_page(g, path, title=f"<title>{SCRIPT}")
    opened = open_page(hostile_browser := browser, path)
    assert hostile_browser is browser
    yield opened
    opened.page.context.close()


def test_hostile_labels_are_shown_as_text_and_run_nothing(hostile: Opened) -> None:
    page = hostile.page
    assert hostile.drawn() == 3
    page.fill("#gkg-search", "<img")
    page.keyboard.press("Enter")
    assert page.text_content("#gkg-panel h2") == IMG
    panel = str(page.text_content("#gkg-panel"))
    assert "<svg onload=alert(4)>" in panel
    assert "<iframe src=javascript:alert(5)>" in panel
    assert page.locator("#gkg-panel blockquote mark").text_content() == IMG
    page.fill("#gkg-search", "</script")
    page.keyboard.press("Enter")
    assert page.text_content("#gkg-panel h2") == SCRIPT
    assert page.text_content("h1") == f"<title>{SCRIPT}"
    # Hovering shows the tooltip, set as text too.
    page.evaluate("() => window.govkg.network.unselectAll()")
    position = page.evaluate(
        """() => { const n = window.govkg.network, id = window.govkg.data.info
                     .findIndex(i => i.label.startsWith('<img'));
                   return n.canvasToDOM(n.getPosition(id)); }"""
    )
    box = page.locator("#gkg-graph").bounding_box()
    page.mouse.move(box["x"] + position["x"], box["y"] + position["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert page.text_content("div.vis-tooltip").startswith(IMG)
    assert page.evaluate("() => document.querySelectorAll('img, iframe, svg b, b').length") == 0
    assert page.evaluate("() => window.pwned") is None
    assert hostile.dialogs == []
    assert hostile.errors == []
