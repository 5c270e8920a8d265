"""What a build writes holds no local paths and runs no markup from the reports.

A report can contain anything, markup included; the page must show it as text.
And outputs get shared: they must not tell where the input files or the user's
home were (only file names, and the files' SHA-256, identify the sources).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from kg_subprocess import run_kg
from samples import CORPUS, SAMPLES

HOSTILE = (
    '\n关于《</script><script>alert("x")</script>》的通知（国办发〔2016〕19号）要求，'
    "<img src=x onerror=alert(1)>与<!-- 注释 -->市政府办公厅网站。\n"
)


@pytest.fixture(scope="module", params=["plain", "store"])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("private-土地 path")
    corpus = root / "我的 报告"
    corpus.mkdir()
    for name in SAMPLES[:2]:
        shutil.copy(CORPUS / name, corpus / name)
    with (corpus / SAMPLES[0]).open("a", encoding="utf-8") as handle:
        handle.write(HOSTILE)
    out = root / "out"
    store = ("--store", root / "store") if request.param == "store" else ()
    result = run_kg("build", corpus, "-o", out, *store, cwd=root)
    assert result.returncode == 0, result.stderr
    return root, out


def outputs(out: Path) -> list[Path]:
    found = sorted(p for p in out.iterdir() if p.is_file())
    assert {p.name for p in found} >= {"graph.ttl", "graph.html"}
    return found


def test_no_output_names_the_input_folder_or_the_home_folder(built: tuple[Path, Path]) -> None:
    root, out = built
    home = os.path.expanduser("~")
    for path in outputs(out):
        text = path.read_bytes().decode("utf-8")
        for secret in (str(root), str(root.resolve()), "我的 报告", os.getcwd()):
            assert secret not in text, f"{path.name} contains {secret}"
        if home not in ("/", ""):
            assert f"{home}/" not in text, f"{path.name} contains the home folder {home}"
        assert "file://" not in text, f"{path.name} has a file IRI"


@pytest.mark.parametrize("built", ["store"], indirect=True)
def test_the_store_holds_no_local_path_either(built: tuple[Path, Path]) -> None:
    import pyoxigraph as ox

    root, _ = built
    store = ox.Store.read_only(str(root / "store"))
    dump = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    assert "chongqing-2012.txt" in dump  # the file name is fine: it names the report
    assert str(root) not in dump and "我的 报告" not in dump and "file://" not in dump


def test_markup_in_a_report_is_shown_as_text_in_the_page(built: tuple[Path, Path]) -> None:
    _, out = built
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "alert(" in page  # the text is there, so its escaping is what is tested
    assert not re.search(r"<script>\s*alert", page)
    assert "<img src=x" not in page
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S)
    assert all("<!--" not in body for body in scripts)  # would change how a script ends
