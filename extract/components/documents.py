"""Placeholder for the gov_documents component: registered so the pipeline loads; being written."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.extensions import register_extensions


class Component:
    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("gov_documents")
def make_documents(nlp: Language, name: str) -> Component:
    return Component(nlp, name)
