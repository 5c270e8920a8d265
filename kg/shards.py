"""N-Quads shards: one file per report, what a build's tasks write and the store loads.

A shards folder (``kg build --shards DIR``; else one inside the store's hidden
state folder, or a temporary one for a build without a store)::

    DIR/<key>.nq                 one report, in N-Quads (UTF-8, one statement a line)
    DIR/records/<name>.pickle    its extracted record (``kg.record_cache``)
    DIR/index.json               the shards of the last build that finished

A shard holds the report's own named graph (graph IRI = report IRI: the
report, its text, mentions and statistics), its lines sorted, then what the
report says about shared nodes (entities, regions, source files, the govkg
release) in the shared graph ``{base}graph/shared``, its lines sorted. The
union of all shards is the corpus; a store is their bulk load.

``<key>`` is the SHA-256 of everything a shard's bytes depend on: the shard
format, the base IRI, the govkg version, the source file's name and the
SHA-256 of its bytes, and the fingerprint of the corpus-wide identities its
graph uses (``kg.manifest.fingerprint``). A shard is written atomically, so a
file of that name is complete: a rerun skips it, a task lost with its worker
is simply run again, and a report whose identities did not move is not
rewritten when other reports change.

``index.json`` maps each source file name to its shard key, graph IRI and
SHA-256 (and the base IRI and govkg version of the build): the corpus as of
the last build, for tools that read the shards (a shard of an earlier build
may still be there until the next build collects it).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.atomic import write_text_atomically
from kg.errors import GraphError

FORMAT = 1
SUFFIX = ".nq"
INDEX = "index.json"
_SHARD_NAME = re.compile(r"^[0-9a-f]{64}\.nq$")
_RECORD_NAME = re.compile(r"^[0-9a-f]{40}\.pickle$")


def shard_key(name: str, sha256: str, *, base: str, software: str, fingerprint: str) -> str:
    """The name (without ``.nq``) of a report's shard: changes exactly when its bytes would."""
    parts = [FORMAT, base, software, name, sha256, fingerprint]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One report of the last finished build."""

    shard: str  # its key: the file is ``<shard>.nq``
    graph: str  # the report's named graph, also its IRI
    sha256: str  # of the source file's bytes


class ShardFolder:
    """Where shards and records live, and the index of the last build."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records = path / "records"

    def prepare(self) -> None:
        try:
            self.records.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise GraphError(f"{self.path}: cannot make the shards folder ({error})") from None

    def shard(self, key: str) -> Path:
        return self.path / f"{key}{SUFFIX}"

    def write_index(self, entries: Mapping[str, IndexEntry], *, base: str, software: str) -> None:
        reports = {
            name: {"shard": e.shard, "graph": e.graph, "sha256": e.sha256}
            for name, e in sorted(entries.items())
        }
        data = {"format": FORMAT, "base": base, "software": software, "reports": reports}
        write_text_atomically(self.path / INDEX, json.dumps(data, ensure_ascii=False, indent=1))

    def read_index(self) -> dict[str, IndexEntry]:
        """The last build's reports; empty when there is no readable index."""
        try:
            data: dict[str, Any] = json.loads((self.path / INDEX).read_text("utf-8"))
            return {name: IndexEntry(**entry) for name, entry in data["reports"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            return {}

    def collect(self, shards: Iterable[str], records: Iterable[str]) -> None:
        """Remove the shards and records of this folder that no current report uses."""
        keep = {f"{key}{SUFFIX}" for key in shards}
        for path in self.path.glob(f"*{SUFFIX}"):
            if _SHARD_NAME.match(path.name) and path.name not in keep:
                path.unlink(missing_ok=True)
        keep_records = set(records)
        for path in self.records.glob("*.pickle"):
            if _RECORD_NAME.match(path.name) and path.name not in keep_records:
                path.unlink(missing_ok=True)


def graph_term(iri: str) -> bytes:
    """A graph IRI as it ends an N-Quads line: ``<iri>``."""
    return f"<{iri}>".encode()


def split_shard(data: bytes, shared: bytes) -> tuple[bytes, bytes]:
    """A shard's own lines and its shared-graph lines (``shared`` as from ``graph_term``)."""
    at = data.find(b" " + shared + b" .\n")
    if at < 0:
        return data, b""
    start = data.rfind(b"\n", 0, at) + 1
    return data[:start], data[start:]


def as_triples(lines: bytes, graph: bytes) -> bytes:
    """N-Quads lines of one graph as N-Triples lines.

    A raw line feed only ends a line in N-Quads (literals escape theirs), so
    `` <graph> .\\n`` occurs exactly once a line, at its end.
    """
    return lines.replace(b" " + graph + b" .\n", b" .\n")


def in_graph(triples: bytes, graph: bytes) -> bytes:
    """N-Triples lines as N-Quads lines of ``graph``."""
    return triples.replace(b" .\n", b" " + graph + b" .\n")
