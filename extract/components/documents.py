"""Policy documents (政策文件) and their links: hasDocumentNumber, issuedBy, basedOn.

Titles come from document_mentions (marks and formal titles), are grouped into
documents by document_groups, and are linked to the number written with them
(document_trailers), to their issuers (named in the title, by the number's
issuer code, by a decree number, or right before the title) and to the
documents they carry out (document_basis). A number written without a title
is a document of its own, labelled by the number.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.document_basis import based_on_pairs, nested_based_on, numbers_in_titles
from extract.document_groups import Document, group_mentions
from extract.document_issuers import Issuer
from extract.document_linking import IssuerFinder
from extract.document_mentions import TitleMention, find_titles
from extract.document_trailers import Trailer, number_before, read_trailer
from extract.extensions import (
    DOCUMENT_NUMBERS_KEY,
    add_entity_span,
    add_relation,
    doc_text,
    register_extensions,
    report_jurisdiction,
)
from extract.records import EntityKind, EntityRef, Relation, RelationName

KIND: EntityKind = "PolicyDocument"


def number_label(span: Span) -> str:
    prefix, year, serial = span._.gov_number
    return f"{prefix}〔{year}〕{serial}号"


class Documents:
    """Adds PolicyDocument spans (and the Agency spans of their issuers) and their relations."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        where = report_jurisdiction(doc)
        numbers = {s.start_char: s for s in doc.spans.get(DOCUMENT_NUMBERS_KEY, ())}
        mentions = find_titles(text, where)
        trailers = {id(m): read_trailer(text, m.outer_end, numbers, where) for m in mentions}
        _numbers_before_titles(text, mentions, trailers, numbers)
        shorts = {key: t.short for key, t in trailers.items() if t.short}
        documents = group_mentions(mentions, shorts)
        issuers = IssuerFinder(doc, text, where)
        numbered: dict[int, str] = {}  # number span start → label of its titled document
        for mention in mentions:
            document = documents.get(id(mention))
            if document is None:
                continue
            self._add_mention(doc, mention, document)
            trailer = trailers[id(mention)]
            if trailer.number is not None:
                numbered[trailer.number.start_char] = document.label
                _relate(doc, document.label, "hasDocumentNumber", number_label(trailer.number))
            self._issued_by(doc, mention, document, trailer, issuers)
        alone = self._numbers_alone(doc, numbers, numbered, issuers)
        labelled = [(m, documents[id(m)].label) for m in mentions if id(m) in documents]
        occurrences = [(m.outer_start, m.outer_end, lb) for m, lb in labelled if m.parent is None]
        in_titles, alone = numbers_in_titles(text, labelled, alone)
        pairs = set(based_on_pairs(text, occurrences + alone))
        pairs |= set(nested_based_on(labelled)) | set(in_titles)
        for made, carried in sorted(pairs):
            _relate(doc, made, "basedOn", carried, object_kind=KIND)
        return doc

    def _add_mention(self, doc: Doc, mention: TitleMention, document: Document) -> None:
        span = doc.char_span(mention.start, mention.end, label=KIND, alignment_mode="expand")
        if span is not None:
            aliases = tuple(sorted(document.aliases))
            add_entity_span(doc, span, document.label, aliases=aliases, fields=_fields(document))

    def _issued_by(
        self,
        doc: Doc,
        mention: TitleMention,
        document: Document,
        trailer: Trailer,
        issuers: IssuerFinder,
    ) -> None:
        if mention.short:
            return
        found: list[Issuer] = issuers.in_title(mention) or issuers.before_title(mention)
        if not found:
            found = trailer.decree_issuers
            issuers.add_spans(found)
        if not found and trailer.number is not None:
            found = issuers.of_number(trailer.number)
        for issuer in found:
            _relate(doc, document.label, "issuedBy", issuer.label, object_kind="Agency")

    def _numbers_alone(
        self,
        doc: Doc,
        numbers: dict[int, Span],
        numbered: dict[int, str],
        issuers: IssuerFinder,
    ) -> list[tuple[int, int, str]]:
        """A number with no title is a document labelled by the number; returns its mentions."""
        titled = {number_label(numbers[start]): label for start, label in numbered.items()}
        out: list[tuple[int, int, str]] = []
        for start, span in numbers.items():
            if start in numbered:
                continue
            label = number_label(span)
            doc_span = doc.char_span(span.start_char, span.end_char, label=KIND)
            if doc_span is None:
                continue
            if label in titled:  # the same number given with its title elsewhere
                add_entity_span(doc, doc_span, titled[label])
                out.append((span.start_char, span.end_char, titled[label]))
                continue
            add_entity_span(doc, doc_span, label)
            out.append((span.start_char, span.end_char, label))
            _relate(doc, label, "hasDocumentNumber", label)
            for issuer in issuers.of_number(span):
                _relate(doc, label, "issuedBy", issuer.label, object_kind="Agency")
        return out


def _numbers_before_titles(
    text: str, mentions: list[TitleMention], trailers: dict[int, Trailer], numbers: dict[int, Span]
) -> None:
    """A title without a number after it: the one inside its marks, or right before it."""
    taken = {id(t.number) for t in trailers.values() if t.number is not None}
    by_end = {span.end_char: span for span in numbers.values() if id(span) not in taken}
    for mention in mentions:
        trailer = trailers[id(mention)]
        if trailer.number is None and mention.number_at is not None:
            inside = range(mention.number_at, mention.end)
            trailer.number = next((numbers[i] for i in inside if i in numbers), None)
        if trailer.number is None and mention.outer_start < mention.start and not mention.short:
            trailer.number = number_before(text, mention.outer_start, by_end)


def _fields(document: Document) -> dict[str, str]:
    return {"doc_type": document.doc_type} if document.doc_type else {}


def _relate(
    doc: Doc,
    subject: str,
    predicate: RelationName,
    obj: str,
    *,
    object_kind: EntityKind = "DocumentNumber",
) -> None:
    add_relation(doc, Relation(EntityRef(KIND, subject), predicate, EntityRef(object_kind, obj)))


@Language.factory("gov_documents")
def make_documents(nlp: Language, name: str) -> Documents:
    return Documents(nlp, name)
