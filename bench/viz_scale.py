"""How the graph page holds up as graphs grow: prints figures, is not a test.

Makes synthetic graphs shaped like ours (reports mentioning agencies, documents
with numbers and issuers, channels with owners and kinds, reforms, topics,
statistics, each mention with NIF offsets into a report text), writes their
pages as ``kg viz`` does, and opens each in headless Chromium with the network
off to measure: the page's size, the time to write it, the time until the
network is drawn (with physics off it is stable from the first drawing), the
time of a redraw (what a pan or zoom costs), and whether the default view of
the largest graph answers a search and a click.

    python bench/viz_scale.py                    # 100, 1,000 and 5,000 nodes
    python bench/viz_scale.py 100 1000 5000 20000 --full   # also every node drawn

Needs Playwright for Python and Debian's chromium (no ``playwright install``).
``measure`` is also how bench/run.py times the page of a real build.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.viz import View, write_page
from kg.viz_select import DEFAULT_MAX_NODES
from kg.vocab import GKG, ITSRDF, NIF, ORG

ID = Namespace("https://w3id.org/govkg/id/")
CHANNEL_TYPES = ["Website", "Microblog", "WeChat", "Hotline", "Email", "Gazette", "SMS"]
# Share of the non-report nodes by kind, roughly as in the samples.
SHARES = {
    "Statistic": 0.45,
    "Agency": 0.12,
    "PolicyDocument": 0.12,
    "DocumentNumber": 0.05,
    "DisclosureChannel": 0.14,
    "Reform": 0.06,
    "Topic": 0.06,
}
CHROMIUM = "/usr/bin/chromium"


def synthetic_graph(n: int, seed: int = 0) -> Graph:
    """About ``n`` entity nodes: one report per ~60 nodes, mentions with NIF provenance."""
    rng = random.Random(seed)
    g = Graph()
    reports = [ID[f"report/r{i:04d}.txt"] for i in range(max(2, n // 60))]
    regions = [ID[f"region/region{i}"] for i in range(max(1, len(reports) // 4))]
    for region in regions:
        g.add((region, RDF.type, GKG.Region))
        g.add((region, RDFS.label, Literal(f"{region.split('/')[-1]}市", lang="zh")))
    for code in CHANNEL_TYPES:
        for r in reports:
            if rng.random() < 0.6:
                g.add((r, GKG.usesChannelType, GKG[code]))
    rest = n - len(reports) - len(regions) - len(CHANNEL_TYPES)
    entities: dict[str, list[URIRef]] = {}
    for kind, share in SHARES.items():
        entities[kind] = [ID[f"{kind.lower()}/{kind}{i}"] for i in range(int(rest * share))]
        for i, node in enumerate(entities[kind]):
            g.add((node, RDF.type, GKG[kind]))
            g.add((node, RDFS.label, Literal(f"{_ZH[kind]}{i}号", lang="zh")))
            if rng.random() < 0.3:
                g.add((node, SKOS.altLabel, Literal(f"{kind} {i}", lang="zh")))
    _relations(g, rng, entities)
    labels = {str(g.value(e, RDFS.label)): e for nodes in entities.values() for e in nodes}
    texts: dict[URIRef, list[str]] = {r: [] for r in reports}
    for kind, nodes in entities.items():
        for node in nodes:
            # Statistics belong to one report; other entities are cited by a few, some by many.
            count = 1 if kind == "Statistic" else min(len(reports), int(rng.paretovariate(1.6)))
            for r in rng.sample(reports, count):
                g.add((r, GKG.hasStatistic if kind == "Statistic" else GKG.mentions, node))
                texts[r].append(str(g.value(node, RDFS.label)))
    for i, r in enumerate(reports):
        publisher = rng.choice(entities["Agency"])
        _report(g, r, i, regions[i % len(regions)], publisher, texts[r], labels)
    return g


_ZH = {
    "Statistic": "统计",
    "Agency": "某某局",
    "PolicyDocument": "关于推进政务公开的通知",
    "DocumentNumber": "某发〔2016〕",
    "DisclosureChannel": "政务公开网站",
    "Reform": "改革",
    "Topic": "领域",
}


def _relations(g: Graph, rng: random.Random, entities: dict[str, list[URIRef]]) -> None:
    agencies = entities["Agency"]
    for i, doc in enumerate(entities["PolicyDocument"]):
        g.add((doc, GKG.issuedBy, rng.choice(agencies)))
        if i < len(entities["DocumentNumber"]):
            g.add((doc, GKG.hasDocumentNumber, entities["DocumentNumber"][i]))
        if rng.random() < 0.2:
            g.add((doc, GKG.basedOn, rng.choice(entities["PolicyDocument"])))
    for channel in entities["DisclosureChannel"]:
        g.add((channel, GKG.channelType, GKG[rng.choice(CHANNEL_TYPES)]))
        if rng.random() < 0.5:
            g.add((channel, GKG.operatedBy, rng.choice(agencies)))
    for agency in agencies[10:]:
        if rng.random() < 0.5:
            g.add((agency, ORG.subOrganizationOf, rng.choice(agencies[:10])))


def _report(
    g: Graph,
    r: URIRef,
    i: int,
    region: URIRef,
    publisher: URIRef,
    names: list[str],
    labels: dict[str, URIRef],
) -> None:
    year = 2010 + i % 12
    title = f"{g.value(region, RDFS.label)}{year}年政府信息公开工作年度报告"
    g.add((r, RDF.type, GKG.AnnualReport))
    g.add((r, DCTERMS.title, Literal(title, lang="zh")))
    g.add((r, GKG.year, Literal(year, datatype=XSD.integer)))
    g.add((r, GKG.region, region))
    g.add((r, GKG.sourceFile, Literal(r.split("/")[-1])))
    g.add((r, GKG.publishedBy, publisher))
    text = title + "\n"
    context = URIRef(f"{r}/text#char=0")
    for name in names:
        begin = len(text) + 5
        text += f"本年度，我市{name}按照条例要求，扎实推进政务公开工作。"
        mention = URIRef(f"{r}/text#char={begin},{begin + len(name)}")
        g.add((mention, RDF.type, NIF.Phrase))
        g.add((mention, NIF.referenceContext, context))
        g.add((mention, NIF.beginIndex, Literal(begin)))
        g.add((mention, NIF.endIndex, Literal(begin + len(name))))
        g.add((mention, NIF.anchorOf, Literal(name)))
        g.add((mention, ITSRDF.taIdentRef, labels[name]))
    g.add((context, RDF.type, NIF.Context))
    g.add((context, NIF.isString, Literal(text)))


def browser_missing() -> str | None:
    """Why the page cannot be measured here (no Playwright, no Chromium), or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def measure(path: Path, *, probe: bool) -> dict[str, float | str]:
    """Open ``path`` offline in headless Chromium; time the drawing, a redraw, and a probe."""
    from playwright.sync_api import sync_playwright

    figures: dict[str, float | str] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        started = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_function(
            "document.getElementById('gkg-status').textContent.startsWith('drawn')",
            timeout=300_000,
        )
        figures["drawn_s"] = time.perf_counter() - started
        figures["status"] = page.text_content("#gkg-status") or ""
        # A redraw is what every pan, zoom, hover or filter costs: the median of five,
        # at the fitted view and zoomed in 3x (where more labels are drawn).
        redraw = """zoom => { const n = window.govkg.network, times = [];
                n.moveTo({scale: n.getScale() * zoom});
                for (let i = 0; i < 5; i++) {
                  const t = performance.now(); n.redraw(); times.push(performance.now() - t);
                }
                return times.sort((a, b) => a - b)[2]; }"""
        figures["redraw_ms"] = page.evaluate(redraw, 1)
        figures["zoomed_ms"] = page.evaluate(redraw, 3)
        page.evaluate("() => window.govkg.network.fit({animation: false})")
        if probe:
            figures |= _probe(page)
        figures["errors"] = "; ".join(errors) or "none"
        browser.close()
    return figures


def _probe(page: object) -> dict[str, float | str]:
    """Does the default view answer? Time a search and a click on the busiest node."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    started = time.perf_counter()
    page.fill("#gkg-search", "某某局1")
    page.wait_for_selector("#gkg-results li button", timeout=10_000)
    search_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    page.click("#gkg-results li button")
    page.wait_for_selector("#gkg-panel h2", timeout=10_000)
    click_ms = (time.perf_counter() - started) * 1000
    before = page.text_content("#gkg-status")
    started = time.perf_counter()
    page.uncheck('#gkg-legend input[data-kind="Agency"]')
    page.wait_for_function(
        "before => document.getElementById('gkg-status').textContent !== before", arg=before
    )
    filter_ms = (time.perf_counter() - started) * 1000
    return {"search_ms": search_ms, "click_ms": click_ms, "filter_ms": filter_ms}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 5000])
    parser.add_argument("--full", action="store_true", help="also draw every node, no overview")
    args = parser.parse_args()
    print(f"default --max-nodes: {DEFAULT_MAX_NODES}")
    header = "nodes view     in page  page MB  write s  drawn s  redraw ms  zoomed ms  probe"
    print(header)
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            graph = synthetic_graph(n)
            views = [("default", View())]
            if args.full and n > DEFAULT_MAX_NODES:
                views.append(("full", View(max_nodes=None)))
            for name, view in views:
                path = Path(folder) / f"graph-{n}-{name}.html"
                started = time.perf_counter()
                shown = write_page(graph, path, view=view)
                written = time.perf_counter() - started
                probe = name == "default" and n >= 5000  # is the big default view interactive?
                f = measure(path, probe=probe)
                extra = (
                    f"search {f['search_ms']:.0f} ms, click {f['click_ms']:.0f} ms, "
                    f"filter {f['filter_ms']:.0f} ms"
                    if probe
                    else ""
                )
                print(
                    f"{n:>5} {name:<8} {len(shown.nodes):>7} {path.stat().st_size / 1e6:>9.2f}"
                    f" {written:>8.2f} {f['drawn_s']:>8.2f} {f['redraw_ms']:>10.0f}"
                    f" {f['zoomed_ms']:>10.0f}  {extra}"
                    f"  [{f['status']}; console errors: {f['errors']}]",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
