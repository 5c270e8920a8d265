"""An HTML page → the text of the report it carries, without the page around it.

The page is decoded (``html_decode``), stripped of what a reader never sees
(scripts, styles, forms' controls, hidden elements, navigation), its article
found (``html_body``) and laid out as lines (``html_blocks``). Pages show the
report's title above the article, outside it; the title is put back as the
first line when the page displays it and the article does not start with it.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from extract.errors import InputError
from extract.formats.html_blocks import collapse_whitespace, element_lines, tag_of
from extract.formats.html_body import report_body
from extract.formats.html_decode import decode_html
from extract.resources import table as resource_table

_INVISIBLE_TAGS = frozenset(
    row["tag"] for row in resource_table("html_tags.tsv") if row["role"] == "hidden"
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s|--)\s*")
_TITLE_META = (
    ("name", "articletitle"),
    ("property", "og:title"),
    ("name", "title"),
)
_MIN_TITLE_CHARS = 4
_MAX_TITLE_CHARS = 200


def html_text(data: bytes, path: Path | str) -> str:
    """The report text of an HTML page; ``InputError`` if it has no report body."""
    root = _parse(decode_html(data, path), path)
    title = _title(root)
    _remove_invisible(root)
    body = report_body(_body(root))
    if not body:
        raise InputError(
            path, "is an HTML page without a report body (no paragraphs of text outside navigation)"
        )
    lines = element_lines(body)
    if title and not _squeeze(lines[0]).startswith(_squeeze(title)):
        lines.insert(0, title)
    return "\n".join(lines) + "\n"


def _parse(text: str, path: Path | str) -> HtmlElement:
    try:
        root: HtmlElement = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (lxml.etree.ParserError, ValueError) as err:
        raise InputError(path, f"is an HTML page that cannot be parsed ({err})") from None
    return root


def _body(root: HtmlElement) -> HtmlElement:
    body = root.find("body")
    return body if body is not None else root


def _remove_invisible(root: HtmlElement) -> None:
    doomed = [
        element
        for element in root.iter()
        if not tag_of(element)
        or tag_of(element) in _INVISIBLE_TAGS
        or element.get("hidden") is not None
        or _HIDDEN_STYLE.search(element.get("style", ""))
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the tail text, which belongs to the parent


def _title(root: HtmlElement) -> str | None:
    """The report's title as the page displays it: the longest text its meta tags or its
    <title> (cut at _ | - separators, where the site's and section's names are) offer
    that an element of the page shows in full."""
    shown = {_squeeze(e.text_content()) for e in root.iter() if _is_title_sized(e)}
    found = [c for c in _title_candidates(root) if _squeeze(c) in shown]
    return max(found, key=len) if found else None


def _title_candidates(root: HtmlElement) -> list[str]:
    candidates: list[str] = []
    for attribute, value in _TITLE_META:
        for meta in root.iter("meta"):
            if meta.get(attribute, "").lower() == value:
                candidates.append(collapse_whitespace(meta.get("content", "")))
    for title in root.iter("title"):
        text = collapse_whitespace(title.text_content())
        candidates.extend([text, *_TITLE_SEPARATORS.split(text)])
    return [c for c in candidates if _MIN_TITLE_CHARS <= len(c) <= _MAX_TITLE_CHARS]


def _is_title_sized(element: HtmlElement) -> bool:
    tag = tag_of(element)
    return (
        bool(tag)
        and tag not in ("title", "head", "meta", "html", "body")
        and (len(element.text_content()) <= 2 * _MAX_TITLE_CHARS)
    )


def _squeeze(text: str) -> str:
    return "".join(text.split())
