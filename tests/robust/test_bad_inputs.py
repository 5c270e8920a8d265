"""``kg build`` on a folder of bad and odd inputs: each gets a correct result or one clear line.

One real run of the command over a folder whose path has spaces and Chinese
characters in it: a sample report in every encoding a report comes in, cut off
mid-character, with unbalanced brackets and a five-digit year, next to files that
cannot be reports (empty, PDF bytes, an image, random bytes, damaged UTF-8, 50 MB
of text, a single 5 MB line, a name with markup in it). The readable ones must
give the same entities as the plain UTF-8 file; each unreadable one must be named
on one line with its problem; the summary counts them and the exit code is 1.
"""

from __future__ import annotations

import codecs
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import rdflib
from kg_subprocess import run_kg
from samples import CORPUS

from extract.decode import MAX_REPORT_CHARS, decode_report
from extract.errors import InputError
from kg.corpus import build_corpus, find_reports

REFERENCE = (CORPUS / "chongqing-2016.txt").read_text(encoding="utf-8").replace("\xa0", " ")
FOLDER = "报告 目录"  # a path with a space and Chinese characters


def truncated() -> bytes:
    """The report cut off in the middle of a character, as by an interrupted copy."""
    return REFERENCE.encode("utf-8") + "报".encode()[:2]


def unbalanced() -> bytes:
    lines = REFERENCE.split("\n")
    junk = ["《" * 3000, "〔" * 3000 + "依据《关于" + "（" * 500, "国办发〔2016" * 300]
    return "\n".join([*lines[:5], *junk, *lines[5:]]).encode("utf-8")


def damaged() -> bytes:
    data = REFERENCE.encode("utf-8")
    return data[:4000] + b"\xff\xfe" + data[4000:]


GOOD: dict[str, bytes] = {
    "reference.txt": REFERENCE.encode("utf-8"),
    "utf-8 with bom.txt": codecs.BOM_UTF8 + REFERENCE.encode("utf-8"),
    "gbk.txt": REFERENCE.encode("gbk"),
    "gb18030.txt": REFERENCE.encode("gb18030"),
    "utf-16 bom.txt": REFERENCE.encode("utf-16"),
    "utf-16le.txt": REFERENCE.encode("utf-16-le"),
    "utf-16be.txt": REFERENCE.encode("utf-16-be"),
    "utf-16le cut.txt": REFERENCE.encode("utf-16-le") + b"\x71",
    "重庆 2016 cut.txt": truncated(),
    "unbalanced.txt": unbalanced(),
    "five-digit year.txt": REFERENCE.replace("〔2016〕19号", "〔20161〕19号").encode("utf-8"),
}
_RANDOM = random.Random(10)
BAD: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "is empty"),
    "pdf bytes.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\n" + bytes(range(256)), "PDF"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG image"),
    "random.txt": (_RANDOM.randbytes(8192), "binary"),
    "damaged utf-8.txt": (damaged(), "is not valid UTF-8 at byte 4000"),
    "[red]markup.txt": (b"\x00\x01\x02\x03" * 100, "binary"),
}
HUGE = {  # written by the fixture, not held in memory twice
    "50 MB.txt": ("一二三四五六七八九十\n", 50_000_000, "is 50.0 MB of text"),
    "one 5 MB line.txt": ("政务公开", 5_000_000, "is 5.0 MB of text"),
}


@dataclass(frozen=True)
class Run:
    folder: Path
    out: Path
    result: subprocess.CompletedProcess[str]
    graph: rdflib.Graph


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("bad-inputs")
    folder = root / FOLDER
    folder.mkdir()
    for name, data in GOOD.items():
        (folder / name).write_bytes(data)
    for name, (data, _) in BAD.items():
        (folder / name).write_bytes(data)
    for name, (unit, size, _) in HUGE.items():
        encoded = unit.encode("utf-8")
        (folder / name).write_bytes(encoded * (size // len(encoded) + 1))
    result = run_kg("build", folder, "-o", root / "out", cwd=root, columns=80, timeout=900)
    for name in HUGE:
        (folder / name).unlink()  # 55 MB less in the temporary folder
    graph = rdflib.Graph().parse(root / "out" / "graph.ttl")
    return Run(folder, root / "out", result, graph)


def mentioned(graph: rdflib.Graph, source_file: str) -> set[tuple[str, str]]:
    """(class, label) of everything the report of ``source_file`` mentions."""
    rows = graph.query(
        """SELECT ?type ?label WHERE {
             ?r gkg:sourceFile ?file ; gkg:mentions ?e . ?e a ?type ; rdfs:label ?label }""",
        initNs={"gkg": "https://w3id.org/govkg/ontology#", "rdfs": str(rdflib.RDFS)},
        initBindings={"file": rdflib.Literal(source_file)},
    )
    return {(str(t).rsplit("#", 1)[-1], str(label)) for t, label in rows}  # type: ignore[misc]


def test_the_run_goes_on_past_bad_files_and_says_some_were_skipped(run: Run) -> None:
    assert run.result.returncode == 1, run.result.stderr
    skipped = len(BAD) + len(HUGE)
    assert re.search(rf"files skipped\s*│\s*{skipped}\s*│", run.result.stdout)
    assert re.search(rf"reports built\s*│\s*{len(GOOD)}\s*│", run.result.stdout)
    assert "Traceback" not in run.result.stderr


@pytest.mark.parametrize("name", sorted(GOOD))
def test_every_readable_variant_gives_the_entities_of_the_plain_file(run: Run, name: str) -> None:
    reference = mentioned(run.graph, "reference.txt")
    assert len(reference) > 50
    found = mentioned(run.graph, name)
    if name == "five-digit year.txt":  # 国办发〔20161〕19号 is no document number
        reference = {(t, label) for t, label in reference if label != "国办发〔2016〕19号"}
        assert all("20161" not in label for _, label in found)
    assert found == reference


@pytest.mark.parametrize("name", sorted([*BAD, *HUGE]))
def test_every_unreadable_file_is_named_on_one_line_with_its_problem(run: Run, name: str) -> None:
    lines = [line for line in run.result.stderr.splitlines() if name in line]
    assert len(lines) == 1, run.result.stderr
    expected = BAD[name][1] if name in BAD else HUGE[name][2]
    assert lines[0].startswith(f"skipped {run.folder / name}: ") and expected in lines[0]


def test_the_skipped_lines_are_all_there_is_on_stderr(run: Run) -> None:
    lines = run.result.stderr.splitlines()
    assert len(lines) == len(BAD) + len(HUGE)
    assert all(line.startswith("skipped ") for line in lines)


def test_no_year_past_four_digits_reaches_the_graph(run: Run) -> None:
    years = [int(y) for y in run.graph.objects(None, rdflib.URIRef(_GKG + "year"))]
    assert years and all(1949 <= year <= 2100 for year in years)


_GKG = "https://w3id.org/govkg/ontology#"


def test_nothing_built_is_exit_3_and_leaves_earlier_outputs(tmp_path: Path) -> None:
    folder = tmp_path / FOLDER
    folder.mkdir()
    for name, (data, _) in BAD.items():
        (folder / name).write_bytes(data)
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# an earlier build\n", encoding="utf-8")
    result = run_kg("build", folder, "-o", out, cwd=tmp_path)
    assert result.returncode == 3
    assert "no report could be built" in result.stderr
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "# an earlier build\n"


def test_wrong_usage_is_exit_2(tmp_path: Path) -> None:
    assert run_kg("build", "--no-such-option", cwd=tmp_path).returncode == 2


def test_a_file_that_vanishes_between_listing_and_reading_is_skipped(tmp_path: Path) -> None:
    folder = tmp_path / FOLDER
    folder.mkdir()
    shutil.copy(CORPUS / "pingtan-2023.txt", folder / "pingtan-2023.txt")
    (folder / "vanishing.txt").write_text(REFERENCE, encoding="utf-8")
    files, missing = find_reports([folder])
    assert len(files) == 2 and not missing
    (folder / "vanishing.txt").unlink()
    result = build_corpus([], tmp_path / "out", files=files)
    assert result.reports == 1
    (failure,) = result.failures
    assert Path(failure.path).name == "vanishing.txt"
    assert "no such file" in failure.problem.lower() and "\n" not in failure.problem


def _as_nobody() -> list[str] | None:
    """A command prefix that runs ``kg`` as user nobody, when this machine lets us."""
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("setpriv") is None:
        return None
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import kg"], capture_output=True)
    return prefix if probe.returncode == 0 else None


@pytest.fixture
def nobody() -> Iterator[tuple[list[str], Path]]:
    """The prefix, and a folder nobody can reach (pytest's own are its owner's only)."""
    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("needs root, setpriv and a python that user nobody can run")
    with tempfile.TemporaryDirectory(prefix="govkg-perm-") as name:
        folder = Path(name)
        folder.chmod(0o755)
        yield prefix, folder


def build_as(prefix: list[str], cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    out = cwd / "out"
    out.mkdir(mode=0o777, exist_ok=True)
    out.chmod(0o777)
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "HOME": str(cwd)}
    command = [*prefix, sys.executable, "-m", "kg", "build", *map(str, args), "-o", str(out)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def test_a_file_without_read_permission_is_skipped_and_the_rest_built(
    nobody: tuple[list[str], Path],
) -> None:
    prefix, root = nobody
    folder = root / FOLDER
    folder.mkdir(mode=0o755)
    readable = folder / "pingtan-2023.txt"
    shutil.copy(CORPUS / "pingtan-2023.txt", readable)
    readable.chmod(0o644)
    locked = folder / "locked.txt"
    locked.write_text(REFERENCE, encoding="utf-8")
    locked.chmod(0)
    for given in ([folder], [readable, locked]):  # found in a folder, and named
        result = build_as(prefix, root, *given)
        assert result.returncode == 1, result.stderr
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"skipped {locked}: ") and "permission denied" in line.lower()
        assert (root / "out" / "graph.ttl").is_file()


def test_a_path_inside_a_folder_that_cannot_be_entered_is_skipped(
    nobody: tuple[list[str], Path],
) -> None:
    prefix, root = nobody
    closed = root / "closed"
    (closed / "inner").mkdir(parents=True)
    shutil.copy(CORPUS / "pingtan-2023.txt", closed / "inner" / "a.txt")
    closed.chmod(0o700)  # root's: nobody cannot enter it
    open_copy = root / "pingtan-2023.txt"
    shutil.copy(CORPUS / "pingtan-2023.txt", open_copy)
    open_copy.chmod(0o644)
    result = build_as(prefix, root, closed / "inner", open_copy)
    assert result.returncode == 1, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"skipped {closed / 'inner'}: ") and "permission denied" in line.lower()


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", b""),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("gb18030", b""),
    ],
)
def test_a_character_cut_off_at_the_end_is_dropped_in_every_encoding(
    encoding: str, bom: bytes
) -> None:
    whole = bom + REFERENCE.encode(encoding)
    last = "报".encode(encoding)
    for cut in range(1, len(last)):
        assert decode_report(whole + last[:cut], "r.txt") == REFERENCE


def test_the_length_limit_is_the_pipelines(tmp_path: Path) -> None:
    at_limit = "政" * MAX_REPORT_CHARS
    assert decode_report(at_limit.encode("utf-8"), "r.txt") == at_limit
    with pytest.raises(InputError, match=r"r\.txt: has 1,000,001 characters: longer than"):
        decode_report((at_limit + "务").encode("utf-8"), "r.txt")
