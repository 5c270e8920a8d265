"""The on-disk Oxigraph store of ``kg build --store DIR``, replaced whole by each build.

Layout (``DIR`` is what users name; everything else sits in a hidden sibling)::

    DIR -> .DIR.govkg/generations/000007     symlink: any Oxigraph tool opens DIR
    .DIR.govkg/generations/000007/           the RocksDB store a build wrote
    .DIR.govkg/generations/000007.said/      who said what in the shared graph (kg.shared_graph)
    .DIR.govkg/generations/000007.json       its manifest (kg.manifest)
    .DIR.govkg/shards/<key>.nq               each report's N-Quads shard (kg.shards), unless
    .DIR.govkg/shards/records/<key>.pickle   --shards names another folder; and its record
    .DIR.govkg/lock                          one build at a time

A build copies the current generation (``Store.backup``: hard links, no data
copied), changes the copy, writes its manifest and then swaps the symlink with
one ``rename``. Killed at any point, the store is the old generation or the new
one, never a mixture; readers of the old one are not disturbed, and it is kept
until the build after next.

The store holds one named graph per report (graph IRI = report IRI) with the
report's own statements, and one shared graph with what the reports say about
the entities they name, each statement once (see ``kg.shared_graph``).
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphError

STATE_SUFFIX = ".govkg"
KEEP_GENERATIONS = 2  # the current one and the one readers may still hold open


class StoreLayout:
    """Where the parts of a store live, and the moves that change it atomically."""

    def __init__(self, link: Path) -> None:
        self.link = Path(os.path.abspath(link))
        self.state = self.link.parent / f".{self.link.name}{STATE_SUFFIX}"
        self.generations = self.state / "generations"
        self.shards = self.state / "shards"  # the default shards folder (kg.shards)

    def check(self) -> None:
        """Refuse to treat as ours a folder that some other tool made."""
        if self.link.is_symlink() or not self.link.exists():
            return
        if self.link.is_dir() and not any(self.link.iterdir()):
            self.link.rmdir()  # an empty folder the user made for the store
            return
        raise GraphError(f"{self.link}: exists and is not a govkg store; name a new folder")

    def current(self) -> Path | None:
        """The generation ``DIR`` points at, if any."""
        if not self.link.is_symlink():
            return None
        target = (self.link.parent / os.readlink(self.link)).resolve()
        return target if target.is_dir() else None

    def manifest_path(self, generation: Path) -> Path:
        return generation.with_suffix(".json")

    def said_path(self, generation: Path) -> Path:
        return generation.with_suffix(".said")

    def store_paths(self, generation: Path) -> tuple[Path, Path]:
        """The generation's store, and its side store of who said what."""
        return generation, self.said_path(generation)

    @contextmanager
    def locked(self) -> Iterator[None]:
        self.state.mkdir(parents=True, exist_ok=True)
        with (self.state / "lock").open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise GraphError(f"{self.link}: another build is writing this store") from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _numbered(self) -> list[Path]:
        if not self.generations.is_dir():
            return []
        return sorted(p for p in self.generations.iterdir() if p.is_dir() and p.name.isdigit())

    def new_generation(self, *, empty: bool = False) -> Path:
        """A new store folder holding what the current generation holds (or nothing)."""
        existing = self._numbered()
        number = int(existing[-1].name) + 1 if existing else 1
        target = self.generations / f"{number:06d}"
        self.generations.mkdir(parents=True, exist_ok=True)
        current = self.current()
        for source, copy in ((current, target), (_said(self, current), self.said_path(target))):
            if source is not None and source.is_dir() and not empty:
                ox.Store.read_only(str(source)).backup(str(copy))
            else:
                ox.Store(str(copy)).flush()
        return target

    def swap(self, generation: Path) -> None:
        """Make ``generation`` current with one atomic rename of the symlink."""
        temporary = self.state / "link.tmp"
        temporary.unlink(missing_ok=True)
        os.symlink(os.path.relpath(generation, self.link.parent), temporary)
        os.replace(temporary, self.link)
        _fsync_dir(self.link.parent)

    def discard_unfinished(self) -> None:
        """Generations newer than the current one are what killed builds left."""
        current = self.current()
        for generation in self._numbered():
            if current is None or generation.name > current.name:
                self._remove(generation)

    def collect(self) -> None:
        """Keep the last ``KEEP_GENERATIONS`` generations (records and shards: ``kg.shards``)."""
        current = self.current()
        kept = [g for g in self._numbered() if current is not None and g.name <= current.name]
        for generation in self._numbered():
            if generation not in kept[-KEEP_GENERATIONS:]:
                self._remove(generation)
        shutil.rmtree(self.state / "records", ignore_errors=True)  # where records were before

    def _remove(self, generation: Path) -> None:
        shutil.rmtree(generation, ignore_errors=True)
        shutil.rmtree(self.said_path(generation), ignore_errors=True)
        self.manifest_path(generation).unlink(missing_ok=True)


def _said(layout: StoreLayout, generation: Path | None) -> Path | None:
    return None if generation is None else layout.said_path(generation)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_store(link: Path) -> ox.Store:
    """The current generation of a store, read-only (queries can never change it)."""
    layout = StoreLayout(link)
    current = layout.current()
    if current is None:
        raise GraphError(f"{link}: no govkg store here (build one with kg build --store)")
    return ox.Store.read_only(str(current))
