"""Which mentions name the same document, and what that document is called.

Titles are one document when one's title is another's known other name: the
same title without its qualifier or its 中华人民共和国, the document a notice
issues (关于印发X的通知 ↔ X), a short name the report defines (以下简称《两办意见》),
a well-known short name (政府信息公开条例, 档案法). The label is the fullest
title the report uses. A bare genre word (《条例》) is read against the short
names defined before it, or failing that the last document of its genre.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from extract.document_mentions import TitleMention
from extract.document_titles import doc_type, title_aliases
from extract.resources import table

_STATE = "中华人民共和国"


@dataclass(slots=True)
class Document:
    label: str
    doc_type: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[TitleMention] = field(default_factory=list)


def group_mentions(mentions: list[TitleMention], shorts: dict[int, str]) -> dict[int, Document]:
    """Map ``id(mention)`` to its document; ``shorts``: ``id(mention)`` → the 简称 it defines."""
    full = [m for m in mentions if not m.short]
    names = {id(m): _other_names(m, shorts.get(id(m))) for m in full}
    parent = {id(m): id(m) for m in full}

    def root(key: int) -> int:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    by_key: dict[str, int] = {}
    for m in full:
        if m.key in by_key:
            parent[root(id(m))] = root(by_key[m.key])
        else:
            by_key[m.key] = id(m)
    claims: dict[str, set[str]] = {}
    for m in full:
        for name in names[id(m)]:
            claims.setdefault(name, set()).add(m.key)
    for m in full:
        for name in names[id(m)]:
            # a name two different titles claim (two notices issuing one plan) links neither
            if name in by_key and len(claims[name] - {name}) == 1:
                parent[root(id(m))] = root(by_key[name])
    documents: dict[int, Document] = {}
    for m in full:
        documents.setdefault(root(id(m)), Document("", m.doc_type)).mentions.append(m)
    out: dict[int, Document] = {}
    for document in documents.values():
        best = max(document.mentions, key=lambda m: len(m.key))
        document.label, document.doc_type = best.key, best.doc_type
        for m in document.mentions:
            document.aliases |= names[id(m)] | {m.key}
            out[id(m)] = document
    _resolve_short_references(mentions, shorts, out)
    for document in {id(d): d for d in out.values()}.values():
        document.aliases.discard(document.label)
    return out


def _other_names(mention: TitleMention, short: str | None) -> set[str]:
    names = set(title_aliases(mention.key)) | mention.aliases | law_names(mention.key)
    if mention.key.startswith(_STATE) and len(mention.key) > len(_STATE) + 1:
        names.add(mention.key[len(_STATE) :])
    if short:
        names.add(short)
    return names


def _resolve_short_references(
    mentions: list[TitleMention], shorts: dict[int, str], out: dict[int, Document]
) -> None:
    """《条例》: the last document that defined it, else the next, else the last of its genre."""
    definitions = [
        (m.start, shorts[id(m)], out[id(m)]) for m in mentions if id(m) in shorts and id(m) in out
    ]
    for m in mentions:
        if not m.short:
            continue
        defined = [d for d in definitions if d[1] == m.key]
        earlier = [d for d in defined if d[0] < m.start]
        chosen = earlier[-1][2] if earlier else defined[0][2] if defined else None
        if chosen is None:
            same_genre = [
                out[id(n)]
                for n in mentions
                if n.start < m.start and id(n) in out and doc_type(n.key) == m.doc_type
            ]
            chosen = same_genre[-1] if same_genre else None
        if chosen is not None:
            chosen.mentions.append(m)
            chosen.aliases.add(m.key)
            out[id(m)] = chosen


def law_names(key: str) -> set[str]:
    """Every known name of a national law or regulation the key names (empty if none)."""
    for names in _laws():
        if key in names:
            return set(names)
    return set()


@cache
def _laws() -> tuple[frozenset[str], ...]:
    out = []
    for row in table("known_laws.tsv"):
        full = row["full"]
        names = {full, full.removeprefix(_STATE), *filter(None, row["shorts"].split(","))}
        out.append(frozenset(names))
    return tuple(out)
