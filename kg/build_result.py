"""What a build reports back: built reports, skipped files, and what a store build reused."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extract.records import ENTITY_KINDS

# the classes a build summary counts: the records' kinds, their figures, and the notes on
# national tables that do not add up (extract.table_checks)
ENTITY_CLASSES = (*ENTITY_KINDS, "Statistic", "DataQualityNote")


@dataclass(frozen=True, slots=True)
class Failure:
    path: str
    problem: str


@dataclass(frozen=True, slots=True)
class StoreChanges:
    """How a store build got each report: the counts ``kg build --store`` prints."""

    reused: int = 0  # unchanged file, graph kept as it was
    rebuilt: int = 0  # changed file, extracted again
    added: int = 0  # new file
    relinked: int = 0  # unchanged file, graph rewritten because an entity's identity moved
    pruned: int = 0  # file gone, graph dropped (--prune)
    kept: int = 0  # file gone or unreadable, graph kept
    generation: str | None = None  # the store generation written; None when nothing changed

    @property
    def extracted(self) -> int:
        return self.rebuilt + self.added


@dataclass(frozen=True, slots=True)
class BuildResult:
    reports: int
    failures: tuple[Failure, ...]
    entities: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    seconds: float = 0.0
    outputs: tuple[Path, ...] = ()
    store: StoreChanges | None = None  # set by store builds
    outputs_written: bool = True  # False when a store build found them up to date
