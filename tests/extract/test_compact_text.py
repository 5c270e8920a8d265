"""Views without whitespace (or quotes): every character maps back to the source."""

from __future__ import annotations

import re

import pytest
from samples import CORPUS, SAMPLES

from extract.compact_text import CompactText, balance_quotes
from extract.ingest import read_report


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("drop_quotes", [False, True])
def test_view_characters_map_back_to_the_source(name: str, drop_quotes: bool) -> None:
    source = read_report(CORPUS / name).text
    view = CompactText.of(source, drop_quotes=drop_quotes)
    dropped = r"[\s“”‘’\"'「」『』]" if drop_quotes else r"\s"
    assert view.text == re.sub(dropped, "", source)
    assert all(source[view.offset(i)] == char for i, char in enumerate(view.text))
    start, end = view.source_span(0, len(view.text))
    assert source[start:end].startswith(view.text[:10]) and end <= len(source)


def test_layout_spaces_are_dropped_but_not_line_breaks() -> None:
    source = "重庆市 人民政府\u3000办公厅\n教委"
    view = CompactText.without_layout_spaces(source)
    assert view.text == "重庆市人民政府办公厅\n教委"
    assert view.source_span(3, 10) == (4, 12)


def test_a_name_across_a_line_break_is_one_in_the_view() -> None:
    source = "推进“三\n公”经费公开"
    view = CompactText.of(source, drop_quotes=True)
    at = view.text.index("三公经费")
    start, end = view.source_span(at, at + 4)
    assert source[start:end] == "三\n公”经费"
    assert balance_quotes(source, start, end) == (start - 1, end)
