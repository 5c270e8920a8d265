"""Where a web page keeps its article: the element whose paragraphs hold the most prose.

A government page wraps the report in navigation, breadcrumbs, share buttons,
related links and a footer of contact details. Following Readability, every
block with a sentence or more of its own text (not counting links) is a
paragraph; it scores by its length and punctuation and passes the score to
its nearest block ancestors (in full to the first, half to the second); lines a block
splits with ``<br>`` are paragraphs whose first ancestor is the block itself. An
ancestor's total is discounted by its share of link text and moved by the
words its class and id are made of (``html_markers.tsv``); the best ancestor,
with siblings that score nearly as well, is the report body.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from lxml.html import HtmlElement

from extract.formats.html_blocks import is_block, tag_of
from extract.resources import table

_MIN_PARAGRAPH_CHARS = 25  # own text of a paragraph: shorter blocks are labels and links
_MIN_BODY_CHARS = 200  # prose in the body: a page with less has no report
_MAX_LENGTH_BONUS = 3.0
_CHARS_PER_BONUS = 100
_SIBLING_SHARE = 0.2  # a sibling scoring this share of the best joins the body
_MIN_SIBLING_SCORE = 10.0
_ANCESTOR_WEIGHTS = (1.0, 0.5)
_PUNCTUATION = re.compile(r"[，。；、：,;]")
_NON_SPACE = re.compile(r"\S")
_TABLE_PARTS = frozenset({"tr", "tbody", "thead", "tfoot"})


@dataclass(frozen=True, slots=True)
class _Marker:
    word: str
    weight: float


def report_body(root: HtmlElement) -> list[HtmlElement]:
    """The elements holding the page's article, in document order; [] if it has none."""
    scores = _candidate_scores(root)
    if not scores:
        return []
    best = max(scores, key=lambda e: scores[e])
    threshold = max(_MIN_SIBLING_SCORE, _SIBLING_SHARE * scores[best])
    body = _with_siblings(_whole_table(best), scores, threshold)
    return body if _paragraph_chars(body) >= _MIN_BODY_CHARS else []


def _candidate_scores(root: HtmlElement) -> dict[HtmlElement, float]:
    totals: dict[HtmlElement, float] = defaultdict(float)
    for element in root.iter():
        if not tag_of(element) or not is_block(element):
            continue
        segments = own_text_lines(element)
        # lines split by <br> are paragraphs of their own, with the element as their parent
        if len(segments) == 1:
            receivers = list(zip(_block_ancestors(element), _ANCESTOR_WEIGHTS, strict=False))
        else:
            receivers = list(zip(_self_and_ancestors(element), _ANCESTOR_WEIGHTS, strict=False))
        for text in segments:
            if len(text) >= _MIN_PARAGRAPH_CHARS:
                for receiver, weight in receivers:
                    totals[receiver] += _paragraph_score(text) * weight
    return {
        element: total * (1 - _link_density(element)) + _class_weight(element)
        for element, total in totals.items()
    }


def _paragraph_chars(body: list[HtmlElement]) -> int:
    """Characters of prose in *body*: its paragraphs' own text, links and labels not counted."""
    return sum(
        len(text)
        for top in body
        for element in top.iter()
        if tag_of(element) and (element is top or is_block(element))
        for text in own_text_lines(element)
        if len(text) >= _MIN_PARAGRAPH_CHARS
    )


def _paragraph_score(text: str) -> float:
    bonus = min(len(text) / _CHARS_PER_BONUS, _MAX_LENGTH_BONUS)
    return 1 + len(_PUNCTUATION.findall(text)) + bonus


def own_text_lines(element: HtmlElement) -> list[str]:
    """The element's text outside nested blocks and links, cut at <br>, without white space."""
    lines: list[list[str]] = [[]]

    def walk(node: HtmlElement) -> None:
        lines[-1].append(node.text or "")
        for child in node:
            tag = tag_of(child)
            if tag == "br":
                lines.append([])
            elif tag and not is_block(child) and tag != "a":
                walk(child)
            lines[-1].append(child.tail or "")

    walk(element)
    return ["".join("".join(parts).split()) for parts in lines]


def _self_and_ancestors(element: HtmlElement) -> Iterator[HtmlElement]:
    yield element
    yield from _block_ancestors(element)


def _block_ancestors(element: HtmlElement) -> Iterator[HtmlElement]:
    parent = element.getparent()
    while parent is not None:
        if is_block(parent):
            yield parent
        parent = parent.getparent()


def _link_density(element: HtmlElement) -> float:
    text = len(_NON_SPACE.findall(element.text_content()))
    if not text:
        return 0.0
    links = sum(len(_NON_SPACE.findall(a.text_content())) for a in element.iter("a"))
    return min(1.0, links / text)


def _class_weight(element: HtmlElement) -> float:
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    if not names.strip():
        return 0.0
    weights = [marker.weight for marker in _markers() if marker.word in names]
    # one word of each kind counts: article_content is no more an article than article is
    return max((w for w in weights if w > 0), default=0.0) + min(
        (w for w in weights if w < 0), default=0.0
    )


@cache
def _markers() -> tuple[_Marker, ...]:
    return tuple(_Marker(row["word"], float(row["weight"])) for row in table("html_markers.tsv"))


def _whole_table(element: HtmlElement) -> HtmlElement:
    """A row or row group scored best: the body is its table, read as one."""
    while tag_of(element) in _TABLE_PARTS and element.getparent() is not None:
        element = element.getparent()
    return element


def _with_siblings(
    best: HtmlElement, scores: dict[HtmlElement, float], threshold: float
) -> list[HtmlElement]:
    parent = best.getparent()
    if parent is None:
        return [best]
    return [
        sibling
        for sibling in parent
        if sibling is best or (sibling in scores and scores[sibling] >= threshold)
    ]
