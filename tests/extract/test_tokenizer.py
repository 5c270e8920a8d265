"""The pipeline's tokenizer: one token per character, and the text kept on the doc."""

from __future__ import annotations

import pytest
from samples import CORPUS, SAMPLES

from extract.extensions import ENTITIES_KEY, doc_text, entity_info, entity_marks
from extract.ingest import read_report
from extract.pipeline import load_pipeline


@pytest.mark.parametrize("name", SAMPLES)
def test_the_doc_keeps_the_text_it_was_made_from(name: str) -> None:
    text = read_report(CORPUS / name).text
    doc = load_pipeline().make_doc(text)
    assert doc_text(doc) is text
    assert doc.text == text
    assert all(len(token.text) == 1 for token in doc if not token.is_space)


@pytest.mark.parametrize("name", SAMPLES)
def test_entity_marks_are_the_entity_spans(name: str) -> None:
    doc = load_pipeline()(read_report(CORPUS / name).text)
    from_spans = [
        (span.label_, span.start_char, span.end_char, entity_info(span))
        for span in doc.spans[ENTITIES_KEY]
    ]
    assert [tuple(mark) for mark in entity_marks(doc)] == from_spans
    assert {mark.kind for mark in entity_marks(doc, ("Agency", "Topic"))} == {"Agency", "Topic"}
