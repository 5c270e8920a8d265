"""What a store holds, so that the next build knows what it can keep.

One JSON file beside each store generation, written before the generation is
made current: source file name → its SHA-256, the report's graph IRI, the
cached record, its shard (``kg.shards``), the names identity needs
(``kg.identity.ReportFacts``) and the fingerprint of the identities its graph
was written with. A report whose file
is unchanged is kept as it is unless that fingerprint changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.atomic import write_text_atomically
from kg.errors import GraphError
from kg.identity import Canon, ReportFacts

FORMAT = 1


@dataclass(frozen=True, slots=True)
class Entry:
    """One report in the store."""

    sha256: str  # of the source file's bytes
    graph: str  # the report's named graph, also its IRI
    path: str  # where the source file was last read from
    record: str  # file name of the cached record under the store's records folder
    fingerprint: str  # of the identities its graph was written with
    facts: ReportFacts
    shard: str = ""  # its shard's key; empty in stores built before shards

    def to_json(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "graph": self.graph,
            "path": self.path,
            "record": self.record,
            "shard": self.shard,
            "fingerprint": self.fingerprint,
            "facts": self.facts.to_json(),
        }

    @classmethod
    def from_json(cls, name: str, data: dict[str, Any]) -> Entry:
        facts = ReportFacts.from_json(name, data["facts"])
        return cls(
            data["sha256"],
            data["graph"],
            data["path"],
            data["record"],
            data["fingerprint"],
            facts,
            data.get("shard", ""),
        )


@dataclass(frozen=True, slots=True)
class Manifest:
    """A store generation: the settings it was built with and its reports by file name."""

    software: str
    base: str
    entries: Mapping[str, Entry]
    stats: Mapping[str, int] = field(default_factory=dict)  # triples and entities per class
    outputs: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # folder → file → sha

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "software": self.software,
            "base": self.base,
            "stats": dict(sorted(self.stats.items())),
            "outputs": {k: dict(sorted(v.items())) for k, v in sorted(self.outputs.items())},
            "reports": {name: self.entries[name].to_json() for name in sorted(self.entries)},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        if data.get("format") != FORMAT:
            raise ValueError(f"manifest format {data.get('format')!r}, expected {FORMAT}")
        entries = {name: Entry.from_json(name, e) for name, e in data["reports"].items()}
        return cls(data["software"], data["base"], entries, data["stats"], data["outputs"])


def read_manifest(path: Path) -> Manifest:
    try:
        return Manifest.from_json(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise GraphError(f"{path}: unreadable store manifest ({error})") from None


def write_manifest(path: Path, manifest: Manifest) -> None:
    text = json.dumps(manifest.to_json(), ensure_ascii=False, indent=1)
    write_text_atomically(path, text + "\n")


def fingerprint(canons: Mapping[tuple[str, str], Canon]) -> str:
    """Changes exactly when a report's graph would be written with other identities."""
    rows = sorted((k, label, c.key, c.label, c.doc_type or "") for (k, label), c in canons.items())
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
