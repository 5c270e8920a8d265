"""The vocabulary of figures, loaded once from ``extract/resources/``.

Measure words, approximation markers, exclusion words, names that contain
numerals and implied units: everything the figure finder needs to know about
words, kept as data so that adding a measure word means adding a line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extract.resources import table, word_list


@dataclass(frozen=True, slots=True)
class MeasureWord:
    word: str  # as written: 万人次 is not here (万 is a scale), 人次 is
    unit: str  # the unit recorded
    not_before: str  # characters that make the word part of another word


@dataclass(frozen=True, slots=True)
class FigureWords:
    measure_words: tuple[MeasureWord, ...]  # longest first
    approx_before: tuple[tuple[str, str], ...]  # (marker, not_after), longest first
    approx_after_number: tuple[str, ...]
    approx_after_unit: tuple[str, ...]
    durations: tuple[str, ...]
    ordinals: tuple[str, ...]
    structures: tuple[str, ...]
    pointers: tuple[str, ...]
    frequencies: tuple[str, ...]
    numeral_names: tuple[str, ...]
    implied_units: tuple[tuple[str, str], ...]  # (noun ending, unit), longest first
    own_body_subjects: tuple[str, ...]
    measure_index: dict[str, tuple[MeasureWord, ...]]  # by first character, longest first
    unit_of: dict[str, str]  # the unit recorded for each measure word
    not_after_approx: dict[str, str]  # approx_before as a mapping
    longest_approx_before: int

    def measure_word_at(self, text: str, pos: int) -> MeasureWord | None:
        """The longest measure word starting at ``pos`` that is not part of another word."""
        for entry in self.measure_index.get(text[pos : pos + 1], ()):
            if text.startswith(entry.word, pos):
                after = text[pos + len(entry.word) : pos + len(entry.word) + 1]
                if after and after in entry.not_before:
                    continue
                return entry
        return None


def _by_first_char(words: list[MeasureWord]) -> dict[str, tuple[MeasureWord, ...]]:
    index: dict[str, list[MeasureWord]] = {}
    for entry in words:  # already longest first
        index.setdefault(entry.word[0], []).append(entry)
    return {char: tuple(entries) for char, entries in index.items()}


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@cache
def figure_words() -> FigureWords:
    """All figure vocabulary from the resource files."""
    measures = sorted(
        (
            MeasureWord(row["word"], row["unit"], row.get("not_before") or "")
            for row in table("measure_words.tsv")
        ),
        key=lambda m: len(m.word),
        reverse=True,
    )
    markers = table("approximation_markers.tsv")
    exclusions = table("figure_exclusions.tsv")

    def marked(rows: tuple[dict[str, str], ...], key: str, kind: str, col: str) -> tuple[str, ...]:
        return _longest_first([row[col] for row in rows if row[key] == kind])

    implied = sorted(
        ((row["noun"], row["unit"]) for row in table("implied_units.tsv")),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    approx_before = tuple(
        sorted(
            (
                (row["marker"], row.get("not_after") or "")
                for row in markers
                if row["position"] == "before"
            ),
            key=lambda pair: len(pair[0]),
            reverse=True,
        )
    )
    return FigureWords(
        measure_words=tuple(measures),
        approx_before=approx_before,
        approx_after_number=marked(markers, "position", "after_number", "marker"),
        approx_after_unit=marked(markers, "position", "after_unit", "marker"),
        durations=marked(exclusions, "kind", "duration", "word"),
        ordinals=marked(exclusions, "kind", "ordinal", "word"),
        structures=marked(exclusions, "kind", "structure", "word"),
        pointers=marked(exclusions, "kind", "pointer", "word"),
        frequencies=marked(exclusions, "kind", "frequency", "word"),
        numeral_names=_longest_first(list(word_list("numeral_names.txt"))),
        implied_units=tuple(implied),
        own_body_subjects=_longest_first(list(word_list("own_body_subjects.txt"))),
        measure_index=_by_first_char(measures),
        unit_of={entry.word: entry.unit for entry in measures},
        not_after_approx=dict(approx_before),
        longest_approx_before=max((len(marker) for marker, _ in approx_before), default=0),
    )
