"""Shared fixtures."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    from extract.pipeline import load_pipeline

    return load_pipeline()
