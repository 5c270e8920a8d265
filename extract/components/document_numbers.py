"""Document numbers (发文字号) such as 国办发〔2016〕19号, as spans with parsed fields.

The scan is anchored on the bracketed year, which is rare in running text, and
looks back for the issuer code: one linear pass whatever the input.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.extensions import DOCUMENT_NUMBERS_KEY, doc_text, register_extensions
from extract.resources import word_list

# 〔2016〕19号 in any bracket pair, with layout whitespace anywhere inside.
_YEAR_AND_SERIAL = re.compile(
    r"[〔\[［(（【〖]\s*((?:19|20)\d{2})\s*[〕\]］)）】〗]\s*第?\s*(\d{1,6})\s*号"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MAX_PREFIX = 12  # the longest issuer codes (国办公开办函) are well under this


class DocumentNumbers:
    """Writes number spans to ``doc.spans["gov_document_numbers"]``."""

    def __init__(self, nlp: Language, name: str, *, max_prefix: int = _MAX_PREFIX) -> None:
        register_extensions()
        self.name = name
        self.max_prefix = max_prefix
        self.boundaries = sorted(word_list("docnum_boundaries.txt"), key=len, reverse=True)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        text = doc_text(doc)
        for match in _YEAR_AND_SERIAL.finditer(text):
            start, prefix = self._issuer_code(text, match.start())
            if not prefix:
                continue
            span = doc.char_span(start, match.end(), label="DocumentNumber")
            if span is None:  # cannot happen with one token per character
                continue
            span._.gov_number = (prefix, int(match.group(1)), int(match.group(2)))
            spans.append(span)
        doc.spans[DOCUMENT_NUMBERS_KEY] = spans
        return doc

    def _issuer_code(self, text: str, end: int) -> tuple[int, str]:
        """Start offset and text of the issuer code that ends (modulo whitespace) at ``end``."""
        pos = end
        chars: list[str] = []
        while pos > 0 and len(chars) < self.max_prefix:
            char = text[pos - 1]
            if _CJK.match(char):
                chars.append(char)
            elif not char.isspace():
                break
            pos -= 1
        code = "".join(reversed(chars))
        cut = self._after_last_boundary(code)
        code = code[cut:]
        if not code:
            return end, ""
        # the start is the offset of the code's first character in the text
        start = end
        remaining = len(code)
        while remaining:
            start -= 1
            if not text[start].isspace():
                remaining -= 1
        return start, code

    def _after_last_boundary(self, run: str) -> int:
        """Index just after the last boundary word in ``run`` (0 when there is none)."""
        best = 0
        for word in self.boundaries:
            idx = run.rfind(word)
            if idx >= 0:
                best = max(best, idx + len(word))
        return best


@Language.factory("gov_document_numbers", default_config={"max_prefix": _MAX_PREFIX})
def make_document_numbers(nlp: Language, name: str, *, max_prefix: int) -> DocumentNumbers:
    return DocumentNumbers(nlp, name, max_prefix=max_prefix)
