"""Title marks: nesting, odd closers, and open marks that must not swallow the text."""

from __future__ import annotations

from extract.title_marks import find_marked


def test_nested_title_is_a_child_of_the_outer_one() -> None:
    text = "印发《关于印发〈2016年工作要点〉的通知》要求"
    [outer] = find_marked(text)
    assert text[outer.start : outer.end] == "关于印发〈2016年工作要点〉的通知"
    assert [text[c.start : c.end] for c in outer.children] == ["2016年工作要点"]


def test_same_marks_nested_are_still_one_outer_title() -> None:
    text = "《关于印发《政务公开办法》的通知》"
    [outer] = find_marked(text)
    assert (outer.start, outer.end) == (1, len(text) - 1)


def test_unbalanced_mark_does_not_swallow_the_text() -> None:
    text = "根据《条例 的要求开展工作，" + "并" * 200 + "印发《某某办法》。"
    titles = [text[m.start : m.end] for m in find_marked(text)]
    assert titles == ["某某办法"]


def test_open_mark_is_given_up_at_a_sentence_end() -> None:
    text = "《未闭合的书名。然后《完整的办法》"
    assert [text[m.start : m.end] for m in find_marked(text)] == ["完整的办法"]


def test_mismatched_closer_still_closes_a_title() -> None:
    text = "落实《某县政府信息公开办法〉要求"
    assert [text[m.start : m.end] for m in find_marked(text)] == ["某县政府信息公开办法"]


def test_blank_line_gives_up_an_open_mark() -> None:
    text = "《未闭合的书名\n\n新段落《某某规定》"
    assert [text[m.start : m.end] for m in find_marked(text)] == ["某某规定"]
