"""The pipeline's tokenizer: spaCy's one-token-per-character Chinese tokenizer that
also keeps the text it was given.

``Doc.text`` joins every token again on each access, which on a 20 KB report costs
as much as tokenizing it; every component reads the text, so the tokenizer hands
it over once (``extract.extensions.doc_text`` reads it back).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from extract.extensions import remember_text


class TextKeepingTokenizer(ChineseTokenizer):
    """Character segmentation, with the input text kept on the doc."""

    def __call__(self, text: str) -> Doc:
        doc = super().__call__(text)
        remember_text(doc, text)
        return doc


def create_char_tokenizer() -> Callable[[Language], TextKeepingTokenizer]:
    def make(nlp: Language) -> TextKeepingTokenizer:
        return TextKeepingTokenizer(nlp.vocab, segmenter=Segmenter.char)

    return make


registry.tokenizers.register("govkg.CharTokenizer.v1", func=create_char_tokenizer)
