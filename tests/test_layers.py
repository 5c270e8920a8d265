"""The layers show in the imports: extract never imports kg or rdflib, kg never imports spaCy."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
FORBIDDEN = {"extract": {"kg", "rdflib", "pyoxigraph", "pyvis"}, "kg": {"spacy", "thinc"}}
# kg may use extract's records, errors and normalisation, but not its pipeline internals,
# except the one place that runs extraction for a build.
KG_MAY_RUN_PIPELINE = {"corpus.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_across_its_layer(package: str) -> None:
    offenders = []
    for source in sorted((ROOT / package).rglob("*.py")):
        for module in imported_modules(source):
            if module.split(".")[0] in FORBIDDEN[package]:
                offenders.append(f"{source.relative_to(ROOT)} imports {module}")
    assert not offenders, "\n".join(offenders)


def test_kg_uses_only_extract_records_errors_and_normalisation() -> None:
    # extract.formats: the file suffixes a folder of reports is searched for
    allowed = {"extract.records", "extract.errors", "extract.normalize", "extract.formats"}
    offenders = []
    for source in sorted((ROOT / "kg").rglob("*.py")):
        for module in imported_modules(source):
            runs_pipeline = source.name in KG_MAY_RUN_PIPELINE and module == "extract.pipeline"
            if module.startswith("extract") and module not in allowed and not runs_pipeline:
                offenders.append(f"{source.relative_to(ROOT)} imports {module}")
    assert not offenders, "\n".join(offenders)


def test_cli_only_calls_the_library() -> None:
    modules = imported_modules(ROOT / "kg" / "cli.py")
    assert not {m for m in modules if m.startswith(("rdflib", "extract.pipeline", "pyvis"))}
