"""Build a corpus of report files into an output folder: the job ``kg build`` runs.

Two paths, one result: by default every file is extracted and the graph built
in memory (rdflib), which suits a few reports; with a ``store`` folder the
graph lives in an on-disk Oxigraph store that later builds update
incrementally (``kg.incremental``) and the outputs are written from it.
Files that cannot be read are reported and skipped; the others are still built.
Outputs are written atomically, so a failed run never leaves half a file.
spaCy and the page renderer load only when needed, so that a build that finds
nothing to do starts fast.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Graph

from extract.errors import GovKGError, InputError
from extract.records import ReportRecord
from kg.atomic import write_bytes_atomically
from kg.build_result import ENTITY_CLASSES, BuildResult, Failure, StoreChanges
from kg.export import union_graph, write_turtle
from kg.iri import DEFAULT_BASE
from kg.manifest import file_sha256, write_manifest
from kg.report_graph import PREFIXES, build_graph
from kg.vocab import GKG

log = logging.getLogger(__name__)

__all__ = ["BuildResult", "Failure", "StoreChanges", "build_corpus", "extract_all", "find_reports"]

REPORT_SUFFIXES = (".txt",)
OUTPUT_NAMES = ("graph.ttl", "graph.html")
OUTPUT_PREFIXES = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    **{prefix: str(namespace) for prefix, namespace in PREFIXES.items()},
}


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


def extract_file(path: Path) -> ReportRecord:
    """``extract.pipeline.extract_file``, imported when first needed: a build that extracts
    nothing (an unchanged store) never loads spaCy."""
    from extract.pipeline import extract_file as extract

    return extract(path)


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


def _one_per_name(records: list[ReportRecord]) -> tuple[list[ReportRecord], list[Failure]]:
    """A report is known by its file name (its IRI comes from it): the first of a name wins."""
    kept: dict[str, ReportRecord] = {}
    failures = []
    for record in records:
        if record.source_file in kept:
            problem = "another input file has the same name; a report is known by its file name"
            failures.append(Failure(record.source_file, problem))
        else:
            kept[record.source_file] = record
    return list(kept.values()), failures


def build_corpus(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    base: str = DEFAULT_BASE,
    on_file: Callable[[Path], None] | None = None,
    files: Sequence[Path] | None = None,
    store: Path | None = None,
    prune: bool = False,
    force: bool = False,
) -> BuildResult:
    """Extract ``paths`` and write ``graph.ttl`` and ``graph.html`` into ``out_dir``.

    With ``store``, build into (or update) the Oxigraph store there; ``prune``
    drops the reports of files no longer given, ``force`` re-extracts all.
    Nothing is written when no report could be built, so earlier outputs survive.
    """
    started = time.perf_counter()
    missing: list[Failure] = []
    if files is None:
        files, missing = find_reports(paths)
    if store is not None:
        result = _build_store(files, out_dir, store, base, on_file, prune=prune, force=force)
        return _timed(result, (*missing, *result.failures), started)
    records, failures = extract_all(files, on_file=on_file)
    records, duplicates = _one_per_name(records)
    failures = missing + failures + duplicates
    if not records:
        return BuildResult(0, tuple(failures), seconds=time.perf_counter() - started)
    ds = build_graph(records, base=base)
    turtle = out_dir / "graph.ttl"
    page = out_dir / "graph.html"
    union = union_graph(ds)
    triples = write_turtle(union, turtle)
    _write_page(union, page)
    return BuildResult(
        reports=len(records),
        failures=tuple(failures),
        entities=count_entities(ds),
        triples=triples,
        seconds=time.perf_counter() - started,
        outputs=(turtle, page),
    )


def _timed(result: BuildResult, failures: Iterable[Failure], started: float) -> BuildResult:
    seconds = time.perf_counter() - started
    return dataclasses.replace(result, failures=tuple(failures), seconds=seconds)


def _write_page(graph: Graph, page: Path) -> None:
    from kg.viz import write_page  # the page renderer loads only when a page is written

    write_page(graph, page, title="govkg")


def _build_store(
    files: Sequence[Path],
    out_dir: Path,
    store: Path,
    base: str,
    on_file: Callable[[Path], None] | None,
    *,
    prune: bool,
    force: bool,
) -> BuildResult:
    """Update the store, then write the outputs from it unless they are up to date."""
    from kg.incremental import build_store
    from kg.store import open_store
    from kg.store_terms import rdflib_view, turtle_bytes, union_triples

    built = build_store(
        files, store, base=base, extract=extract_all, prune=prune, force=force, on_file=on_file
    )
    manifest = built.manifest
    stats = dict(manifest.stats)
    triples = stats.pop("triples", 0)
    outputs = tuple(out_dir / name for name in OUTPUT_NAMES)
    folder = str(out_dir.resolve())
    recorded = manifest.outputs.get(folder, {})
    fresh = all(p.is_file() and recorded.get(p.name) == file_sha256(p) for p in outputs)
    if manifest.entries and not fresh and built.generation is not None:
        with built.layout.locked():
            union = union_triples(open_store(store))
            write_bytes_atomically(outputs[0], turtle_bytes(union, OUTPUT_PREFIXES))
            _write_page(rdflib_view(union, OUTPUT_PREFIXES), outputs[1])
            if built.layout.current() == built.generation:  # record what they were written from
                written = {p.name: file_sha256(p) for p in outputs}
                outputs_of = {**manifest.outputs, folder: written}
                manifest = dataclasses.replace(manifest, outputs=outputs_of)
                write_manifest(built.layout.manifest_path(built.generation), manifest)
    return BuildResult(
        reports=len(manifest.entries),
        failures=built.failures,
        entities={name: stats.get(name, 0) for name in ENTITY_CLASSES},
        triples=triples,
        outputs=outputs if manifest.entries else (),
        store=built.changes,
        outputs_written=bool(manifest.entries) and not fresh,
    )
