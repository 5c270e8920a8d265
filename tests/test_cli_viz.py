"""``kg viz`` as a user runs it: a real subprocess, real files, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from kg_subprocess import run_kg

TURTLE = """\
@prefix gkg: <https://w3id.org/govkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix id: <https://w3id.org/govkg/id/> .

id:r1 a gkg:AnnualReport ; rdfs:label "重庆市2016年政府信息公开工作年度报告"@zh ;
    gkg:sourceFile "chongqing-2016.txt" ; gkg:year 2016 ;
    gkg:mentions id:office, id:doc, id:tax .
id:office a gkg:Agency ; rdfs:label "国务院办公厅"@zh ; skos:altLabel "国办"@zh .
id:state a gkg:Agency ; rdfs:label "国务院"@zh .
id:doc a gkg:PolicyDocument ; rdfs:label "中华人民共和国政府信息公开条例"@zh ;
    gkg:issuedBy id:state .
id:tax a gkg:Topic ; rdfs:label "税收"@zh .
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.ttl").write_text(TURTLE, encoding="utf-8")
    return tmp_path


def test_viz_without_arguments_draws_the_last_build_beside_it(folder: Path) -> None:
    result = run_kg("viz", cwd=folder, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "wrote out/graph.html (5 of 5 nodes)" in result.stdout
    assert "国务院办公厅" in (folder / "out" / "graph.html").read_text(encoding="utf-8")


def test_viz_writes_where_it_is_told_and_the_same_bytes_twice(folder: Path) -> None:
    for name in ("a.html", "b.html"):
        result = run_kg("viz", "out/graph.ttl", "-o", name, cwd=folder, timeout=120)
        assert result.returncode == 0, result.stderr
    assert (folder / "a.html").read_bytes() == (folder / "b.html").read_bytes()


def test_viz_focus_draws_a_neighbourhood(folder: Path) -> None:
    result = run_kg(
        "viz", "--focus", "国办", "--depth", "1", "-o", "f.html", cwd=folder, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "(2 of 2 nodes)" in result.stdout  # the office and the report that mentions it


def test_viz_types_and_report_narrow_the_page(folder: Path) -> None:
    result = run_kg(
        "viz", "--types", "Agency", "--report", "2016", "-o", "t.html", cwd=folder, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "(2 of 2 nodes)" in result.stdout  # the report and the agency it mentions


def test_viz_max_nodes_draws_an_overview_and_says_how_to_see_the_rest(folder: Path) -> None:
    result = run_kg("viz", "--max-nodes", "3", "-o", "m.html", cwd=folder, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "(3 of 5 nodes)" in result.stdout
    assert "--max-nodes 0" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "北京市"], "no node labelled '北京市'"),
        (["--types", "Agencies"], "unknown type Agencies"),
        (["--report", "beijing.txt"], "it has chongqing-2016.txt"),
    ],
)
def test_viz_names_what_it_cannot_find_and_exits_2(
    folder: Path, args: list[str], message: str
) -> None:
    result = run_kg("viz", *args, cwd=folder, timeout=120)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (folder / "out" / "graph.html").exists()


def test_viz_without_a_build_says_to_build_first(tmp_path: Path) -> None:
    result = run_kg("viz", cwd=tmp_path, timeout=120)
    assert result.returncode == 3
    assert "run `kg build` first" in result.stderr


def test_viz_of_a_broken_file_names_it(tmp_path: Path) -> None:
    (tmp_path / "bad.ttl").write_text("this is not turtle", encoding="utf-8")
    result = run_kg("viz", "bad.ttl", cwd=tmp_path, timeout=120)
    assert result.returncode == 3
    assert "bad.ttl" in result.stderr
