"""Incremental store builds: only what changed is extracted, and a killed build changes nothing."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from samples import CORPUS, SAMPLES
from typer.testing import CliRunner

from kg.build_result import BuildResult, StoreChanges
from kg.cli import app
from kg.corpus import build_corpus
from kg.iri import DEFAULT_BASE, report_iri
from kg.store import KEEP_GENERATIONS, StoreLayout, open_store

CHANGE = "\n本年度报告于年底更正一次。\n"


def copy_samples(folder: Path, names: list[str] = SAMPLES, suffix: str = "") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for name in names:
        target = folder / name.replace(".txt", f"{suffix}.txt")
        shutil.copy(CORPUS / name, target)
        copies.append(target)
    return copies


def build(corpus: Path, work: Path, **options: bool) -> BuildResult:
    result = build_corpus([corpus], work / "out", store=work / "store", **options)
    assert not result.failures
    return result


def changes(result: BuildResult) -> StoreChanges:
    assert result.store is not None
    return result.store


def graphs(work: Path) -> set[str]:
    return {g.value for g in open_store(work / "store").named_graphs()}


def test_a_rebuild_of_an_unchanged_corpus_reuses_every_report_and_writes_nothing(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    copy_samples(corpus)
    first = changes(build(corpus, tmp_path))
    assert (first.added, first.reused, first.extracted) == (len(SAMPLES), 0, len(SAMPLES))
    turtle = tmp_path / "out/graph.ttl"
    written = turtle.stat().st_mtime_ns
    again = build(corpus, tmp_path)
    assert changes(again) == StoreChanges(reused=len(SAMPLES))  # no generation written
    assert not again.outputs_written and turtle.stat().st_mtime_ns == written
    assert again.triples > 0 and again.entities["Agency"] > 0


def test_changing_one_report_re_extracts_that_one_only(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    files = copy_samples(corpus)
    build(corpus, tmp_path)
    with files[1].open("a", encoding="utf-8") as handle:
        handle.write(CHANGE)
    result = changes(build(corpus, tmp_path))
    assert (result.rebuilt, result.reused, result.extracted) == (1, len(SAMPLES) - 1, 1)
    assert CHANGE.strip() in (tmp_path / "out/graph.ttl").read_text("utf-8")


def test_new_files_are_added_and_gone_ones_kept_unless_pruned(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    files = copy_samples(corpus, SAMPLES[:2])
    build(corpus, tmp_path)
    copy_samples(corpus, SAMPLES[2:3])
    assert changes(build(corpus, tmp_path)).added == 1
    files[0].unlink()
    kept = changes(build(corpus, tmp_path))
    assert (kept.kept, kept.pruned, kept.generation) == (1, 0, None)
    assert str(report_iri(DEFAULT_BASE, files[0].name)) in graphs(tmp_path)
    pruned = changes(build(corpus, tmp_path, prune=True))
    assert pruned.pruned == 1
    assert str(report_iri(DEFAULT_BASE, files[0].name)) not in graphs(tmp_path)


def test_an_incremental_store_equals_a_fresh_build_of_the_same_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    files = copy_samples(corpus, SAMPLES[:3])
    build(corpus, tmp_path / "a")
    files[0].unlink()
    copy_samples(corpus, SAMPLES[3:])
    with files[2].open("a", encoding="utf-8") as handle:
        handle.write(CHANGE)
    build(corpus, tmp_path / "a", prune=True)
    build(corpus, tmp_path / "b")
    incremental = (tmp_path / "a/out/graph.ttl").read_bytes()
    assert incremental == (tmp_path / "b/out/graph.ttl").read_bytes()


def test_a_report_that_moves_an_identity_relinks_the_others_without_extracting_them(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    copy_samples(corpus, ["chongqing-2016.txt"])
    build(corpus, tmp_path / "a")
    copy_samples(corpus, ["chongqing-2012.txt"])  # it gives the portal its address
    added = changes(build(corpus, tmp_path / "a"))
    assert (added.added, added.relinked, added.extracted) == (1, 1, 1)
    build(corpus, tmp_path / "b")
    assert (tmp_path / "a/out/graph.ttl").read_bytes() == (
        tmp_path / "b/out/graph.ttl"
    ).read_bytes()
    (corpus / "chongqing-2016.txt").unlink()
    pruned = changes(build(corpus, tmp_path / "a", prune=True))
    assert (pruned.pruned, pruned.relinked, pruned.extracted) == (1, 1, 0)
    (corpus / "only").mkdir()
    shutil.copy(corpus / "chongqing-2012.txt", corpus / "only")
    build(corpus / "only", tmp_path / "c")  # dropping a report leaves nothing stale
    assert (tmp_path / "a/out/graph.ttl").read_bytes() == (
        tmp_path / "c/out/graph.ttl"
    ).read_bytes()


def test_input_order_does_not_change_a_byte_of_the_output(tmp_path: Path) -> None:
    files = copy_samples(tmp_path / "corpus")
    outputs = []
    for seed, store in enumerate((True, True, False, False)):
        order = random.Random(seed).sample(files, len(files))
        work = tmp_path / f"build{seed}"
        result = build_corpus(
            [], work / "out", files=order, store=work / "store" if store else None
        )
        assert result.reports == len(files)
        outputs.append((work / "out/graph.ttl").read_bytes())
    assert outputs[0] == outputs[1] and outputs[2] == outputs[3]


def test_the_summary_says_what_was_reused_rebuilt_added_and_pruned(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    copy_samples(corpus, SAMPLES[:2])
    command = [
        "build",
        str(corpus),
        "--store",
        str(tmp_path / "store"),
        "-o",
        str(tmp_path / "out"),
    ]
    assert CliRunner().invoke(app, command).exit_code == 0
    again = CliRunner().invoke(app, command, env={"COLUMNS": "120"})
    assert again.exit_code == 0, again.output
    rows = {line.strip("│ ").split("│")[0].strip(): line for line in again.output.splitlines()}
    for name, count in (("reused", 2), ("rebuilt", 0), ("added", 0), ("pruned", 0)):
        assert rows[name].split("│")[-2].strip() == str(count)
    assert "up to date:" in again.output


def test_prune_without_a_store_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["build", "--prune"])
    assert result.exit_code == 2


def snapshot(store: Path) -> tuple[frozenset[str], int]:
    """What a reader sees: the named graphs, and how many statements a query counts."""
    opened = ox.Store.read_only(str(store))
    count = opened.query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(count, ox.QuerySolutions)
    (row,) = list(count)
    number = row["n"]
    assert isinstance(number, ox.Literal)
    return frozenset(g.value for g in opened.named_graphs()), int(number.value)


def kg_build(work: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "kg", "build", str(work / "corpus"), "-q"]
    command += ["--store", str(work / "store"), "-o", str(work / "out")]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_build_killed_at_any_moment_leaves_the_old_store_or_the_new(tmp_path: Path) -> None:
    before = tmp_path / "before"
    copy_samples(before / "corpus")
    build(before / "corpus", before)
    old = snapshot(before / "store")

    def next_version(work: Path) -> None:  # more reports, one changed
        shutil.copytree(before, work, symlinks=True)
        copy_samples(work / "corpus", suffix="-copy")
        with (work / "corpus" / SAMPLES[0]).open("a", encoding="utf-8") as handle:
            handle.write(CHANGE)

    complete = tmp_path / "complete"
    next_version(complete)
    started = time.perf_counter()
    assert kg_build(complete).wait(timeout=300) == 0
    duration = time.perf_counter() - started
    new = snapshot(complete / "store")
    assert new != old
    rng = random.Random(6)
    seen = []
    for attempt in range(6):
        work = tmp_path / f"killed{attempt}"
        next_version(work)
        process = kg_build(work)
        time.sleep(duration * (0.3 + 0.7 * (attempt + rng.random()) / 6))  # past start-up
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        state = snapshot(work / "store")
        assert state in (old, new), f"attempt {attempt}: a store that is neither old nor new"
        seen.append(state == new)
        if attempt % 3 == 0:  # the next build finishes the work and clears what was left
            assert kg_build(work).wait(timeout=300) == 0
            assert snapshot(work / "store") == new
            layout = StoreLayout(work / "store")
            kept = [p for p in layout.generations.iterdir() if p.is_dir() and p.name.isdigit()]
            assert len(kept) <= KEEP_GENERATIONS
    assert not all(seen), "every kill came after the swap: the test never interrupted a build"


@pytest.mark.parametrize("option", ["--force"])
def test_force_re_extracts_every_file(tmp_path: Path, option: str) -> None:
    corpus = tmp_path / "corpus"
    copy_samples(corpus, SAMPLES[:2])
    build(corpus, tmp_path)
    result = changes(build(corpus, tmp_path, force=True))
    assert (result.rebuilt, result.reused) == (2, 0)
