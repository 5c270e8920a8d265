"""The graph as one HTML page that works offline: the only module that knows the drawing library.

The page is vis-network (taken from pyvis's installed copy, inlined) driven by
our own template and script. pyvis's ``Network`` is not used: its template
links Bootstrap from a CDN, it renders without escaping, and its
``add_node``/``add_edge`` are quadratic (15 s for 20,000 nodes), while the same
lists filled directly take a fraction of a second, so one code path serves every
size. Swapping the drawing library means changing this module, the template
and its script; the data (``kg.viz_data``), selection, layout and evidence stay.

Layout is computed in Python and physics is off, so the page is still the
moment it is drawn and the same graph writes the same bytes.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import rdflib
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from kg.atomic import write_text_atomically
from kg.errors import GraphError
from kg.viz_data import EntityGraph, graph_to_networkx, read_graph
from kg.viz_payload import payload
from kg.viz_select import Selection, View, importance, resolve_types, select
from kg.viz_style import HIDDEN_BY_DEFAULT, SWATCHES, style

logger = logging.getLogger(__name__)

VIS_JS = ("lib", "vis-9.1.2", "vis-network.min.js")
TEMPLATES = Path(__file__).parent / "templates"

_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}

__all__ = [
    "View",
    "graph_to_networkx",
    "render_page",
    "script_json",
    "write_graph_page",
    "write_page",
]


def write_page(
    graph: rdflib.Graph, path: Path, *, title: str = "govkg", view: View | None = None
) -> Selection:
    """Write ``graph`` as a self-contained HTML page at ``path``; say what it shows."""
    html, chosen = render_page(read_graph(graph), title=title, view=view)
    write_text_atomically(path, html)
    logger.info("wrote %s (%d of %d nodes)", path, len(chosen.nodes), chosen.matched)
    return chosen


def write_graph_page(
    source: Path, path: Path | None = None, *, title: str | None = None, view: View | None = None
) -> tuple[Path, Selection]:
    """Read a graph file (any RDF syntax, by suffix) and write its page, by default beside it."""
    from kg.evaluate import load_graph  # the project's one reader of graph files

    target = path if path is not None else source.with_suffix(".html")
    if source.is_dir():
        raise GraphError(f"{source}: a folder; name a graph file such as {source / 'graph.ttl'}")
    graph = load_graph([source])
    if len(graph) == 0:
        raise GraphError(f"{source}: the graph is empty")
    chosen = write_page(graph, target, title=title or f"govkg · {source.name}", view=view)
    return target, chosen


def render_page(
    data: EntityGraph, *, title: str = "govkg", view: View | None = None
) -> tuple[str, Selection]:
    """The page's HTML for the entities of :func:`kg.viz_data.read_graph`, and what it shows."""
    view = view or View()
    rank = importance(data)
    chosen = select(data, view, rank)
    hidden = HIDDEN_BY_DEFAULT - (resolve_types(data, view.types) if view.types else set())
    if view.focus is not None:
        hidden = frozenset()  # an ego view shows all of the neighbourhood it was asked for
    content = payload(data, chosen, rank, hidden=frozenset(hidden))
    counts = Counter(data.nodes[n].kind for n in chosen.nodes)
    legend = [
        {
            "kind": kind,
            "name_zh": zh,
            "count": counts[kind],
            "hidden": is_hidden,
            "colour": style(kind).colour,
            "swatch": Markup(SWATCHES[style(kind).shape]),
        }
        for kind, zh, is_hidden in content["kinds"]
    ]
    reports = [{"label": f"{r[1]}" + (f" ({r[3]})" if r[3] else "")} for r in content["reports"]]
    html = (
        _environment()
        .get_template("graph.html.j2")
        .render(
            title=title,
            node_count=len(chosen.nodes),
            edge_count=len(content["edges"]),
            total=len(data.nodes),
            omitted=len(content["omitted"]),
            legend=legend,
            reports=reports,
            years=sorted({str(r[2]) for r in content["reports"] if r[2]}),
            notice=chosen.notice,
            data_json=Markup(script_json(content)),
            vis_js=Markup(_vis_js()),
            page_js=Markup(_page_js()),
        )
    )
    return html, chosen


def script_json(value: Any) -> str:
    """JSON that cannot end or confuse the ``<script>`` element it sits in."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Templates beside this file: found by path, so a ``kg`` namespace elsewhere on
    ``sys.path`` (``pythonpath = ["tests"]`` makes ``tests/kg`` one) cannot hide them."""
    loader = FileSystemLoader(TEMPLATES)
    return Environment(loader=loader, autoescape=True, keep_trailing_newline=True)


def _inline_script(text: str, source: object) -> str:
    """Script text that is safe inside ``<script>``: no source map, nothing ending it early."""
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    # Only "</script" and "<!--" change how HTML parses script text; a "<script>"
    # inside a JS string (core-js has one) is inert without a "<!--" before it.
    if re.search(r"</script|<!--", text, re.IGNORECASE):
        raise GraphError(f"{source} contains markup that would end its <script> early")
    return text


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """vis-network from pyvis's package data."""
    source = resources.files("pyvis").joinpath(*VIS_JS)
    try:
        return _inline_script(source.read_text(encoding="utf-8"), source)
    except OSError as err:
        raise GraphError(f"cannot read vis-network from pyvis at {source}: {err}") from err


@lru_cache(maxsize=1)
def _page_js() -> str:
    """The page's own script: search, filters, side panel, neighbourhood view."""
    source = TEMPLATES / "graph.js"
    return _inline_script(source.read_text(encoding="utf-8"), source)
