"""The spaCy pipeline, built from ``config.cfg``, and the way text goes through it."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from extract.assemble import doc_to_record

# Importing the components registers their factories, also when the package is
# used from a source tree without its entry points installed.
from extract.components import (  # noqa: F401
    agencies,
    channels,
    document_numbers,
    documents,
    reforms,
    report_facts,
    statistics,
    topics,
)
from extract.ingest import read_report
from extract.records import ReportRecord
from extract.tokenizer import create_char_tokenizer  # noqa: F401  (registers the tokenizer)


@cache
def load_pipeline() -> Language:
    """The pipeline of ``extract/config.cfg``; built once per process."""
    config_text = resources.files("extract").joinpath("config.cfg").read_text(encoding="utf-8")
    config = spacy.util.load_config_from_str(config_text)
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)


def extract_text(text: str, *, source_file: str, sha256: str = "") -> ReportRecord:
    """Run the pipeline on repaired text and turn the results into a record."""
    doc = load_pipeline()(text)
    return doc_to_record(doc, source_file=source_file, sha256=sha256)


def extract_file(path: Path) -> ReportRecord:
    """Read, decode and repair a report file, then extract it (raises InputError)."""
    source = read_report(path)
    return extract_text(source.text, source_file=source.name, sha256=source.sha256)
