"""Build a corpus of report files into an output folder: the job ``kg build`` runs.

Files that cannot be read are reported and skipped; the others are still built.
Outputs are written atomically, so a failed run never leaves half a file.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import RDF, Dataset

from extract.errors import GovKGError, InputError
from extract.pipeline import extract_file
from extract.records import ReportRecord
from kg.build import build_graph
from kg.export import union_graph, write_turtle
from kg.iri import DEFAULT_BASE
from kg.viz import write_page
from kg.vocab import GKG

log = logging.getLogger(__name__)

REPORT_SUFFIXES = (".txt",)
ENTITY_CLASSES = (
    "Agency",
    "PolicyDocument",
    "DocumentNumber",
    "DisclosureChannel",
    "Reform",
    "Topic",
    "Statistic",
)


@dataclass(frozen=True, slots=True)
class Failure:
    path: str
    problem: str


@dataclass(frozen=True, slots=True)
class BuildResult:
    reports: int
    failures: tuple[Failure, ...]
    entities: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    seconds: float = 0.0
    outputs: tuple[Path, ...] = ()


def sample_reports() -> list[Path]:
    """The sample reports bundled with the package."""
    folder = resources.files("kg").joinpath("samples")
    return sorted(
        Path(str(folder.joinpath(item.name)))
        for item in folder.iterdir()
        if item.name.endswith(REPORT_SUFFIXES)
    )


def find_reports(paths: Iterable[Path]) -> tuple[list[Path], list[Failure]]:
    """Report files under ``paths`` (folders recursively), sorted, and paths not found."""
    found: set[Path] = set()
    missing: list[Failure] = []
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*") if p.suffix in REPORT_SUFFIXES and p.is_file())
        elif path.exists():
            found.add(path)
        else:
            missing.append(Failure(str(path), "no such file or folder"))
    return sorted(found), missing


def extract_all(
    files: Sequence[Path], *, on_file: Callable[[Path], None] | None = None
) -> tuple[list[ReportRecord], list[Failure]]:
    """Extract every file; a file that fails is logged and skipped."""
    records: list[ReportRecord] = []
    failures: list[Failure] = []
    for path in files:
        try:
            records.append(extract_file(path))
        except InputError as err:
            failures.append(Failure(err.path, err.problem))
            log.warning("%s", err)
        except GovKGError as err:
            failures.append(Failure(str(path), str(err)))
            log.warning("%s: %s", path, err)
        except Exception as err:  # a bug on one file must not cost the user the others
            problem = f"internal error ({type(err).__name__}: {err}); please report this bug"
            failures.append(Failure(str(path), problem))
            log.exception("%s: extraction failed", path)
        if on_file is not None:
            on_file(path)
    return records, failures


def count_entities(ds: Dataset) -> dict[str, int]:
    return {name: len(set(ds.subjects(RDF.type, GKG[name]))) for name in ENTITY_CLASSES}


def build_corpus(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    base: str = DEFAULT_BASE,
    on_file: Callable[[Path], None] | None = None,
    files: Sequence[Path] | None = None,
) -> BuildResult:
    """Extract ``paths`` and write ``graph.ttl`` and ``graph.html`` into ``out_dir``.

    Nothing is written when no report could be built, so earlier outputs survive.
    """
    started = time.perf_counter()
    missing: list[Failure] = []
    if files is None:
        files, missing = find_reports(paths)
    records, failures = extract_all(files, on_file=on_file)
    failures = missing + failures
    if not records:
        return BuildResult(0, tuple(failures), seconds=time.perf_counter() - started)
    ds = build_graph(records, base=base)
    turtle = out_dir / "graph.ttl"
    page = out_dir / "graph.html"
    union = union_graph(ds)
    triples = write_turtle(union, turtle)
    write_page(union, page, title="govkg")
    return BuildResult(
        reports=len(records),
        failures=tuple(failures),
        entities=count_entities(ds),
        triples=triples,
        seconds=time.perf_counter() - started,
        outputs=(turtle, page),
    )
