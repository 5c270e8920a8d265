"""Incremental store builds: extract what changed, rewrite what identity moved, swap.

A file is known by its base name (its report IRI comes from it) and its
SHA-256. Unchanged files are not read again; a graph is rewritten only when its
file changed or when the corpus-wide identities of its entities did
(``kg.identity``), and then from the cached record. A different base IRI,
govkg version or ``force`` rebuilds everything into an empty generation.

The work runs as ``kg.mapreduce`` lays out: the changed files are extracted
by the executor's workers (records cached by content hash), identities are
resolved in the driver over the facts of every report (those of unchanged
reports come from the manifest), the reports to (re)write get their shards
from the workers, and the driver bulk-loads each shard into the new
generation as soon as it is written. The outputs are written from the shards
of every report in the store (``kg.shard_export``) before the swap, and the
manifest records them, so a rebuild that changes nothing writes nothing.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.atomic import write_bytes_atomically
from kg.build_result import Failure, StoreChanges
from kg.build_tasks import Extracted
from kg.executors import Executor
from kg.identity import Resolution
from kg.iri import report_iri
from kg.manifest import Entry, Manifest, file_sha256, fingerprint, read_manifest, write_manifest
from kg.mapreduce import (
    Extract,
    Planned,
    extract_reports,
    plan,
    resolve,
    shard_reports,
    write_shards,
)
from kg.report_graph import software_version
from kg.shard_export import OUTPUT_NAMES, write_outputs
from kg.shards import IndexEntry, ShardFolder, shard_key
from kg.store import StoreLayout
from kg.store_write import load_shards, shard_from_store

log = logging.getLogger(__name__)

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
    outputs_written: bool  # False when the outputs were up to date (or nothing was built)


def build_store(
    files: Sequence[Path],
    store: Path,
    out_dir: Path,
    *,
    base: str,
    extract: Extract,
    executor: Executor,
    shards: Path | None = None,
    prune: bool = False,
    force: bool = False,
    on_file: Progress | None = None,
) -> StoreBuild:
    """Bring the store at ``store`` up to date with ``files`` and write the outputs into
    ``out_dir`` unless they are up to date; a kill leaves the store as it was."""
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
        folder = ShardFolder(shards if shards is not None else layout.shards)
        folder.prepare()
        builder = _Builder(layout, plan, previous, folder, base, software, fresh, force)
        return builder.run(old, out_dir, extract, executor, on_file)


class _Builder:
    """One build: extraction, identity, shards, the new generation, outputs and manifest."""

    def __init__(
        self,
        layout: StoreLayout,
        plan: _Plan,
        previous: dict[str, Entry],
        folder: ShardFolder,
        base: str,
        software: str,
        fresh: bool,
        force: bool,
    ) -> None:
        self.layout, self.plan, self.previous, self.folder = layout, plan, previous, folder
        self.base, self.software, self.fresh, self.force = base, software, fresh, force
        self.extracted: dict[str, Extracted] = {}  # extracted by this build, by name
        self.entries: dict[str, Entry] = {}

    def run(
        self,
        old: Manifest | None,
        out_dir: Path,
        extract: Extract,
        executor: Executor,
        on_file: Progress | None,
    ) -> StoreBuild:
        plan = self.plan
        self.extract, self.executor = extract, executor
        for name in plan.unchanged:
            if on_file is not None:
                on_file(plan.inputs[name])
        self._extract([*plan.rebuilt, *plan.added], on_file, force=self.force)
        facts = {name: self.previous[name].facts for name in self._staying()}
        facts |= {name: e.facts for name, e in self.extracted.items() if e.facts is not None}
        resolution = resolve(facts)
        relinked = self._relink(resolution)
        changes = StoreChanges(
            reused=len([n for n in plan.unchanged if n not in relinked]),
            rebuilt=len([n for n in plan.rebuilt if n in self.extracted]),
            added=len([n for n in plan.added if n in self.extracted]),
            relinked=len(relinked),
            pruned=len(plan.pruned),
            kept=len([n for n in plan.kept if n in self.previous]),
        )
        current = self.layout.current()
        if (
            not self.extracted
            and not relinked
            and not plan.pruned
            and (not self.fresh or old is None)
        ):
            manifest = old or Manifest(self.software, self.base, {})  # nothing to change
            written = False
            if current is not None and manifest.entries:
                manifest, written = self._refresh_outputs(manifest, current, resolution, out_dir)
            return StoreBuild(
                self.layout, manifest, current, changes, tuple(plan.failures), written
            )
        generation = self._write(resolution, relinked)
        self._complete_shards(resolution, generation)
        stats: dict[str, int] = {}
        outputs = {}
        if self.entries:  # a store of no report leaves earlier outputs as they are
            tally = write_outputs(self._shards(), self.base, out_dir, executor=self.executor)
            stats = {**tally.entities, "triples": tally.triples}
            outputs = {_folder_key(out_dir): _output_hashes(out_dir)}
        manifest = Manifest(self.software, self.base, self.entries, stats, outputs)
        write_manifest(self.layout.manifest_path(generation), manifest)
        self.layout.swap(generation)
        self.layout.collect()
        self._index_and_collect()
        changes = dataclasses.replace(changes, generation=generation.name)
        written = bool(self.entries)
        return StoreBuild(self.layout, manifest, generation, changes, tuple(plan.failures), written)

    def _staying(self) -> set[str]:
        """Reports whose previous entry stays in the store unless rewritten."""
        plan = self.plan
        return {*plan.unchanged, *plan.kept, *(n for n in plan.rebuilt if n not in self.extracted)}

    def _extract(self, names: list[str], on_file: Progress | None, *, force: bool) -> None:
        if not names:
            return
        paths = [self.plan.inputs[name] for name in names]
        found, failures = extract_reports(
            self.executor, paths, self.folder, extract=self.extract, force=force, on_file=on_file
        )
        self.extracted |= found
        self.plan.failures.extend(failures)
        for path in paths:
            if path.name not in self.extracted and path.name in self.previous:
                self.plan.kept.append(path.name)  # a failed re-extraction keeps the old graph

    def _relink(self, resolution: Resolution) -> list[str]:
        """Staying reports whose identities moved and whose record is at hand, to rewrite."""
        moved = []
        for name in sorted(self._staying()):
            entry = self.previous[name]
            if self.fresh or fingerprint(resolution.canons(entry.facts)) != entry.fingerprint:
                moved.append(name)
        relinked, missing = [], []
        for name in moved:
            if (self.folder.records / self.previous[name].record).is_file():
                relinked.append(name)
            elif name in self.plan.inputs:  # the cache was lost: read the file again
                missing.append(name)
                self.plan.unchanged.remove(name)
                self.plan.rebuilt.append(name)
            else:
                log.warning("%s: graph kept with old identities (its record is lost)", name)
        self._extract(missing, None, force=False)
        return relinked

    def _planned(self, resolution: Resolution, relinked: list[str]) -> list[Planned]:
        chosen = []
        for name, found in sorted(self.extracted.items()):
            assert found.facts is not None
            chosen.append(
                plan(
                    name,
                    found.path,
                    found.sha256,
                    found.record,
                    found.facts,
                    resolution,
                    base=self.base,
                    software=self.software,
                )
            )
        for name in relinked:
            entry = self.previous[name]
            path = str(self.plan.inputs.get(name) or entry.path)
            chosen.append(
                plan(
                    name,
                    path,
                    entry.sha256,
                    entry.record,
                    entry.facts,
                    resolution,
                    base=self.base,
                    software=self.software,
                )
            )
        return chosen

    def _write(self, resolution: Resolution, relinked: list[str]) -> Path:
        """The new generation: staying graphs kept, changed ones removed, new shards loaded."""
        generation = self.layout.new_generation(empty=self.fresh)
        planned = self._planned(resolution, relinked)
        rewritten = {p.name for p in planned}
        for name in sorted(self._staying() - rewritten):
            if self.fresh:  # an empty generation cannot keep a graph it cannot rewrite
                problem = "dropped from the store: its file is gone and its cached record too"
                self.plan.failures.append(Failure(self.previous[name].path, problem))
            else:
                self.entries[name] = self.previous[name]
        gone = {*self.plan.pruned, *(rewritten & self.previous.keys())}
        sharded = shard_reports(
            self.executor,
            planned,
            resolution,
            self.folder,
            base=self.base,
            software=self.software,
            extract=self.extract,
            failures=self.plan.failures,
        )

        def loaded() -> Iterator[tuple[str, Path]]:
            for report in sharded:
                graph = str(report_iri(self.base, report.name))
                self.entries[report.name] = Entry(
                    report.sha256,
                    graph,
                    report.path,
                    report.record,
                    report.fingerprint,
                    report.facts,
                    report.key,
                )
                yield graph, self.folder.shard(report.key)

        load_shards(
            self.layout.store_paths(generation),
            base=self.base,
            remove=[self.previous[name].graph for name in sorted(gone)],
            add=loaded(),
        )
        self.entries = dict(sorted(self.entries.items()))
        return generation

    def _complete_shards(self, resolution: Resolution, generation: Path) -> None:
        """Make sure every report in the store has its shard: the outputs are written from them.

        A kept report's shard is written again from its record or, that lost
        too, read back out of the store.
        """
        for name, entry in self.entries.items():
            if not entry.shard:  # a store from before shards
                key = shard_key(
                    name,
                    entry.sha256,
                    base=self.base,
                    software=self.software,
                    fingerprint=entry.fingerprint,
                )
                self.entries[name] = dataclasses.replace(entry, shard=key)
        missing = [
            Planned(name, e.path, e.sha256, e.record, e.facts, e.fingerprint, e.shard)
            for name, e in self.entries.items()
            if not self.folder.shard(e.shard).is_file()
        ]
        if not missing:
            return
        log.info("writing %d missing shards", len(missing))
        for done in write_shards(
            self.executor, missing, resolution, self.folder, base=self.base, software=self.software
        ):
            if done.lost or not Path(done.shard).is_file():
                entry = self.entries[done.name]
                data = shard_from_store(self.layout.store_paths(generation), entry.graph, self.base)
                write_bytes_atomically(Path(done.shard), data)

    def _shards(self) -> dict[str, Path]:
        return {e.graph: self.folder.shard(e.shard) for e in self.entries.values()}

    def _refresh_outputs(
        self, manifest: Manifest, current: Path, resolution: Resolution, out_dir: Path
    ) -> tuple[Manifest, bool]:
        """Write the outputs of an unchanged store unless they are up to date."""
        key = _folder_key(out_dir)
        recorded = manifest.outputs.get(key, {})
        paths = [out_dir / name for name in OUTPUT_NAMES]
        if all(p.is_file() and recorded.get(p.name) == file_sha256(p) for p in paths):
            return manifest, False
        self.entries = dict(manifest.entries)
        self._complete_shards(resolution, current)
        write_outputs(self._shards(), self.base, out_dir, executor=self.executor)
        manifest = dataclasses.replace(
            manifest,
            entries=self.entries,
            outputs={**manifest.outputs, key: _output_hashes(out_dir)},
        )
        write_manifest(self.layout.manifest_path(current), manifest)
        return manifest, True

    def _index_and_collect(self) -> None:
        entries = self.entries.values()
        index = {n: IndexEntry(e.shard, e.graph, e.sha256) for n, e in self.entries.items()}
        self.folder.write_index(index, base=self.base, software=self.software)
        self.folder.collect({e.shard for e in entries}, {e.record for e in entries})


def _folder_key(out_dir: Path) -> str:
    return str(out_dir.resolve())


def _output_hashes(out_dir: Path) -> dict[str, str]:
    return {name: file_sha256(out_dir / name) for name in OUTPUT_NAMES}
