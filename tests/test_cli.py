"""``kg build`` as a user runs it: a real subprocess, real files, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from kg_subprocess import run_kg
from samples import CORPUS


def test_build_without_paths_builds_the_bundled_samples(tmp_path: Path) -> None:
    result = run_kg("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0
    assert (tmp_path / "out" / "graph.html").stat().st_size > 0
    assert "reports built" in result.stdout and "DocumentNumber" in result.stdout


def test_unreadable_file_is_named_and_skipped_while_the_others_are_built(tmp_path: Path) -> None:
    reports = tmp_path / "报告 目录"
    reports.mkdir()
    shutil.copy(CORPUS / "chongqing-2012.txt", reports / "good.txt")
    (reports / "broken.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\x00\x00\x00")
    result = run_kg("build", reports, "-o", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 1
    lines = [ln for ln in result.stderr.splitlines() if "broken.txt" in ln]
    assert len(lines) == 1 and "good.txt" not in result.stderr
    assert "国办发〔2012〕26号" in (tmp_path / "out" / "graph.ttl").read_text("utf-8")


def test_when_nothing_can_be_built_earlier_outputs_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_kg("build", tmp_path / "empty.txt", "-o", out, cwd=tmp_path)
    assert result.returncode == 3
    assert "empty.txt" in result.stderr
    assert (out / "graph.ttl").read_text("utf-8") == "previous"


def test_a_missing_path_is_reported(tmp_path: Path) -> None:
    result = run_kg("build", tmp_path / "nope", "-o", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 3
    assert "nope" in result.stderr and "Traceback" not in result.stderr


def test_a_bug_on_one_file_is_reported_and_the_others_are_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extract import pipeline
    from kg.corpus import build_corpus

    real = pipeline.extract_file

    def flaky(path: Path) -> object:
        if path.name == "bad.txt":
            raise ValueError("boom")
        return real(path)

    monkeypatch.setattr("kg.corpus.extract_file", flaky)
    shutil.copy(CORPUS / "chongqing-2012.txt", tmp_path / "good.txt")
    shutil.copy(CORPUS / "chongqing-2012.txt", tmp_path / "bad.txt")
    result = build_corpus([tmp_path], tmp_path / "out")
    assert result.reports == 1
    (failure,) = result.failures
    assert failure.path.endswith("bad.txt") and "ValueError: boom" in failure.problem


def test_a_build_whose_output_is_inside_its_input_folder_does_not_read_its_own_outputs(
    tmp_path: Path,
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(CORPUS / "pingtan-2023.txt", reports / "PINGTAN-2023.TXT")  # suffix in any case
    for _ in range(2):  # the second build finds the first one's graph.html in the folder
        result = run_kg("build", reports, "-o", reports / "out", "-j", "1", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "skipped" not in result.stderr
    assert "PINGTAN-2023.TXT" in (reports / "out" / "graph.ttl").read_text("utf-8")
