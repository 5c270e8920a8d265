"""Incremental store builds: extract what changed, rewrite what identity moved, swap.

A file is known by its base name (its report IRI comes from it) and its
SHA-256. Unchanged files are not read again; a graph is rewritten only when its
file changed or when the corpus-wide identities of its entities did
(``kg.identity``), and then from the cached record. A different base IRI,
govkg version or ``force`` rebuilds everything into an empty generation.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from extract.records import ReportRecord
from kg.build_result import Failure, StoreChanges
from kg.identity import Resolution, report_facts
from kg.manifest import Entry, Manifest, file_sha256, fingerprint, read_manifest, write_manifest
from kg.record_cache import load_record, save_record
from kg.report_graph import add_report, new_dataset, software_version
from kg.store import StoreLayout, store_stats
from kg.store_write import write_reports

log = logging.getLogger(__name__)

Extract = Callable[[Sequence[Path]], tuple[list[ReportRecord], list[Failure]]]
Progress = Callable[[Path], None]


@dataclass(slots=True)
class _Plan:
    """What a build does with each report, by source file name."""

    inputs: dict[str, Path] = field(default_factory=dict)  # readable input files
    hashes: dict[str, str] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def _plan(
    files: Sequence[Path], previous: Mapping[str, Entry], *, fresh: bool, prune: bool
) -> _Plan:
    plan = _Plan()
    for path in sorted(files, key=lambda p: (p.name, str(p))):
        if path.name in plan.inputs:
            other = plan.inputs[path.name]
            problem = f"has the same name as {other}; a report is known by its file name"
            plan.failures.append(Failure(str(path), problem))
            continue
        try:
            plan.hashes[path.name] = file_sha256(path)
        except OSError as error:
            plan.failures.append(Failure(str(path), f"cannot be read ({error.strerror})"))
            if path.name in previous:
                plan.kept.append(path.name)
            continue
        plan.inputs[path.name] = path
        entry = previous.get(path.name)
        if entry is None:
            plan.added.append(path.name)
        elif fresh or entry.sha256 != plan.hashes[path.name]:
            plan.rebuilt.append(path.name)
        else:
            plan.unchanged.append(path.name)
    for name in sorted(previous.keys() - plan.inputs.keys() - set(plan.kept)):
        (plan.pruned if prune else plan.kept).append(name)
    return plan


@dataclass(frozen=True, slots=True)
class StoreBuild:
    layout: StoreLayout
    manifest: Manifest
    generation: Path | None  # the current generation; None when there is no store yet
    changes: StoreChanges
    failures: tuple[Failure, ...]


def build_store(
    files: Sequence[Path],
    store: Path,
    *,
    base: str,
    extract: Extract,
    prune: bool = False,
    force: bool = False,
    on_file: Progress | None = None,
) -> StoreBuild:
    """Bring the store at ``store`` up to date with ``files``; a kill leaves it as it was."""
    layout = StoreLayout(store)
    layout.check()
    with layout.locked():
        layout.discard_unfinished()
        current = layout.current()
        old = read_manifest(layout.manifest_path(current)) if current is not None else None
        software = software_version()
        fresh = old is None or force or (old.base, old.software) != (base, software)
        previous = dict(old.entries) if old is not None else {}
        plan = _plan(files, previous, fresh=fresh, prune=prune)
        return _Builder(layout, plan, previous, base, software, fresh, extract).run(old, on_file)


class _Builder:
    """One build: extraction, identity, the new generation and its manifest."""

    def __init__(
        self,
        layout: StoreLayout,
        plan: _Plan,
        previous: dict[str, Entry],
        base: str,
        software: str,
        fresh: bool,
        extract: Extract,
    ) -> None:
        self.layout, self.plan, self.previous = layout, plan, previous
        self.base, self.software, self.fresh, self.extract = base, software, fresh, extract
        self.records: dict[str, ReportRecord] = {}  # to be written, by name
        self.entries: dict[str, Entry] = {}

    def run(self, old: Manifest | None, on_file: Progress | None) -> StoreBuild:
        plan = self.plan
        for name in plan.unchanged:
            if on_file is not None:
                on_file(plan.inputs[name])
        self._extract([*plan.rebuilt, *plan.added], on_file)
        facts = {name: e.facts for name, e in self.previous.items() if name in self._staying()}
        facts |= {name: report_facts(r) for name, r in self.records.items()}
        resolution = Resolution(facts[name] for name in sorted(facts))
        relinked = self._relink(resolution)
        changes = StoreChanges(
            reused=len([n for n in plan.unchanged if n not in self.records]),
            rebuilt=len([n for n in plan.rebuilt if n in self.records]),
            added=len([n for n in plan.added if n in self.records]),
            relinked=relinked,
            pruned=len(plan.pruned),
            kept=len([n for n in plan.kept if n in self.previous]),
        )
        current = self.layout.current()
        if not self.records and not plan.pruned and (not self.fresh or old is None):
            manifest = old or Manifest(self.software, self.base, {})  # nothing to change
            return StoreBuild(self.layout, manifest, current, changes, tuple(plan.failures))
        generation = self._write(resolution)
        manifest = Manifest(self.software, self.base, self.entries, store_stats(generation))
        write_manifest(self.layout.manifest_path(generation), manifest)
        self.layout.swap(generation)
        self.layout.collect({e.record for e in self.entries.values()})
        changes = dataclasses.replace(changes, generation=generation.name)
        return StoreBuild(self.layout, manifest, generation, changes, tuple(plan.failures))

    def _staying(self) -> set[str]:
        """Reports whose previous entry stays in the store unless rewritten."""
        plan = self.plan
        return {*plan.unchanged, *plan.kept, *(n for n in plan.rebuilt if n not in self.records)}

    def _extract(self, names: list[str], on_file: Progress | None) -> None:
        if not names:
            return
        paths = [self.plan.inputs[name] for name in names]
        records, failures = self.extract(paths)
        for record in records:
            self.records[record.source_file] = record
        self.plan.failures.extend(failures)
        for path in paths:
            if on_file is not None:
                on_file(path)
            if path.name not in self.records and path.name in self.previous:
                self.plan.kept.append(path.name)  # a failed re-extraction keeps the old graph

    def _relink(self, resolution: Resolution) -> int:
        """Reload the records of staying reports whose identities moved; count them."""
        moved = []
        for name in sorted(self._staying()):
            entry = self.previous[name]
            canons = resolution.canons(entry.facts)
            if self.fresh or fingerprint(canons) != entry.fingerprint:
                moved.append(name)
        missing = []
        for name in moved:
            entry = self.previous[name]
            record = load_record(self.layout.records, entry.record, entry.sha256)
            if record is not None:
                self.records[name] = record
            elif name in self.plan.inputs:  # the cache was lost: read the file again
                missing.append(name)
                self.plan.unchanged.remove(name)
                self.plan.rebuilt.append(name)
            else:
                log.warning("%s: graph kept with old identities (its record is lost)", name)
        self._extract(missing, None)
        return len([n for n in moved if n in self.records and n not in missing])

    def _write(self, resolution: Resolution) -> Path:
        generation = self.layout.new_generation(empty=self.fresh)
        for name in sorted(self._staying() - self.records.keys()):
            if self.fresh:  # an empty generation cannot keep a graph it cannot rewrite
                problem = "dropped from the store: its file is gone and its cached record too"
                self.plan.failures.append(Failure(self.previous[name].path, problem))
            else:
                self.entries[name] = self.previous[name]
        gone = {*self.plan.pruned, *(self.records.keys() & self.previous.keys())}
        write_reports(
            self.layout.store_paths(generation),
            base=self.base,
            remove=[self.previous[name].graph for name in sorted(gone)],
            add=self._graphs(resolution),
        )
        return generation

    def _graphs(self, resolution: Resolution) -> Iterator[tuple[str, Dataset]]:
        """Each report to write as a dataset of its own, its manifest entry noted on the way."""
        self.layout.records.mkdir(parents=True, exist_ok=True)
        for name in sorted(self.records):
            record = self.records[name]
            ds = new_dataset()
            graph = add_report(
                ds, record, base=self.base, software=self.software, resolution=resolution
            )
            yield str(graph), ds
            facts = report_facts(record)
            source = self.plan.inputs.get(name) or Path(self.previous[name].path)
            self.entries[name] = Entry(
                sha256=record.sha256,
                graph=str(graph),
                path=str(source),
                record=save_record(self.layout.records, record),
                fingerprint=fingerprint(resolution.canons(facts)),
                facts=facts,
            )
