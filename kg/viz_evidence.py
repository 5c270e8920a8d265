"""Where a report says so: the sentence around an entity's mention, one per report.

The graph keeps every mention as offsets into its report's text (NIF), so the
page can quote the sentence itself instead of asking the reader to trust an
edge. Which report a text belongs to is read from the IRIs the graph contract
leaves us (a context lives under its report's IRI), falling back to the text's
first line, which is the report's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.viz_data import EntityGraph, Mention

ENDS = "。！？；!?;\n"
_END = re.compile(f"[{ENDS}]")
SENTENCE_MAX = 160
"""A longer sentence is cut to a window around the mention, marked with an ellipsis."""
BEFORE, AFTER = 60, 90


@dataclass(frozen=True, slots=True)
class Evidence:
    source: str  # the report's id, or the context's when no report owns it
    sentence: str
    begin: int  # the mention's offsets in ``sentence``
    end: int
    mentions: int  # how often the entity is mentioned in this text


def report_of_contexts(data: EntityGraph) -> dict[str, str]:
    """Context id → the report whose IRI it sits under (``<report>/text#char=0,n``)."""
    reports = set(data.reports())
    owners: dict[str, str] = {}
    for context in data.texts:
        cuts = [m.start() for m in re.finditer("[/#]", context)]
        owner = next((context[:cut] for cut in reversed(cuts) if context[:cut] in reports), None)
        if owner is not None:
            owners[context] = owner
    return owners


def evidence(data: EntityGraph, node: str, owners: dict[str, str]) -> list[Evidence]:
    """One sentence per report for ``node``: around its first mention in that report."""
    first: dict[str, Mention] = {}
    counts: dict[str, int] = {}
    for mention in data.mentions.get(node, ()):
        if mention.context not in data.texts:
            continue
        source = owners.get(mention.context, mention.context)
        counts[source] = counts.get(source, 0) + 1
        if source not in first or mention < first[source]:
            first[source] = mention
    found = []
    for source, mention in sorted(first.items()):
        sentence, begin, end = sentence_around(
            data.texts[mention.context], mention.begin, mention.end
        )
        found.append(Evidence(source, sentence, begin, end, counts[source]))
    return found


def sentence_around(text: str, begin: int, end: int) -> tuple[str, int, int]:
    """The sentence holding ``text[begin:end]`` and the span's offsets in it.

    Offsets outside the text give an empty sentence rather than an error: a
    graph from elsewhere may carry offsets this text does not have.
    """
    if not 0 <= begin <= end <= len(text):
        return "", 0, 0
    # Look no further than a long sentence's reach: texts are long, sentences are not.
    low, high = max(0, begin - 4 * SENTENCE_MAX), min(len(text), end + 4 * SENTENCE_MAX)
    start = max((text.rfind(c, low, begin) for c in ENDS), default=-1) + 1 or low
    stop_at = _END.search(text, end, high)
    stop = stop_at.end() if stop_at else high
    prefix, suffix = "", ""
    if stop - start > SENTENCE_MAX:
        if begin - start > BEFORE:
            start, prefix = begin - BEFORE, "…"
        if stop - end > AFTER:
            stop, suffix = end + AFTER, "…"
    raw = text[start:stop]
    lead = len(raw) - len(raw.lstrip())
    sentence = prefix + raw.strip() + suffix
    offset = len(prefix) - lead - start
    return sentence, begin + offset, end + offset


def source_label(data: EntityGraph, source: str) -> str:
    """A report's label, or a context's first line (a report's text opens with its title)."""
    if source in data.nodes:
        return data.nodes[source].label
    text = data.texts.get(source, "")
    return text.strip().split("\n", 1)[0][:60] or source
